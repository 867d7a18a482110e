"""Runs: read -> parse -> analyse -> store, the one place that strings the
stages together.

``read_articles`` and ``analyse`` give a stream of analyses with failures in
their place (in this process or a pool of worker processes); ``ingest`` and
``store_analyses`` write such a stream into the knowledge base as one run.
The CLI's ``analyze``/``events``/``ingest``, ``batch`` (per Spark partition)
and ``load`` all go through here.
"""

from newsgraph.runs.analyse import Failure, analyse, read_articles
from newsgraph.runs.ingest import ingest, store_analyses, write_rejects

__all__ = ["Failure", "analyse", "ingest", "read_articles", "store_analyses", "write_rejects"]
