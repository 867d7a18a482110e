"""The times stage: temporal expressions with TIMEX3 values resolved against
the publication date and the tense of their sentence.

``vocabulary`` holds the words (``data/timex.yaml``), ``calendar`` the date
arithmetic, ``grammar`` the rules and their value functions, ``finder`` the
stage itself (``find_times``)."""

from newsgraph.extract.times.finder import find_times, normalize, sentence_tense

__all__ = ["find_times", "normalize", "sentence_tense"]
