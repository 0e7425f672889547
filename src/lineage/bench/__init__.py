"""Benchmarks: generated graphs, the API measured next to the plain driver."""
