"""Evaluation on public gold data: readers for the gold formats and scorers."""
