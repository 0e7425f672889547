"""Lineage: FliGen's asset lineage service."""

__version__ = "0.1.0"
