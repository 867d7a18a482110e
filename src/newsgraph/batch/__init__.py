"""Batch mode on Apache Spark: inputs -> analyses -> Parquet tables, and
loading those tables into the knowledge base.

``run_batch`` distributes the input files over a Spark cluster (or local
mode) and writes the tables of ``batch.rows`` under one output folder;
``load`` stores such an output in the knowledge base, idempotently.
PySpark is imported only when a job runs.
"""

from newsgraph.batch.job import BatchReport, run_batch
from newsgraph.batch.load import load, read_analyses
from newsgraph.batch.rows import TABLES
from newsgraph.errors import BatchError

__all__ = ["TABLES", "BatchError", "BatchReport", "load", "read_analyses", "run_batch"]
