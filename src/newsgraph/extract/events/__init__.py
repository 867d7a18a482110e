"""The events stage: who did what to whom, coded in PLOVER with CAMEO roots.

``lexicon`` reads the verbs and nouns of ``data/events.yaml``, ``syntax``
finds arguments in the parse, ``codes`` gives actors their CAMEO-style codes
(country + sector), ``actors`` and ``context`` find an event's actors, time,
place and reporter, and ``coding`` turns triggers into ``Event`` records
(``find_events``)."""

from newsgraph.extract.events.codes import CodingContext, code_entity, place_code
from newsgraph.extract.events.coding import EventContext, find_events

__all__ = ["CodingContext", "EventContext", "code_entity", "find_events", "place_code"]
