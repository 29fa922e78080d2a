"""Benchmarks: speed and query-count goals, run with `make bench` (not part of the test suite)."""
