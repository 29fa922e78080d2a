"""Benchmarks: speed and query-count goals, run with `make bench` (not part of the test suite)."""


def forget_rendered_documents() -> None:
    """Empty the documents' cache. The benchmarks run with the test settings, whose background
    tasks run at once in the committing thread; a write that changes what a document shows
    would then re-render, inside the measured request, every document an earlier benchmark
    rendered (at ten times the data: minutes). In either way the portal runs, that render is a
    worker's or a thread's, not the request's: the benchmarks of writes measure the write."""
    from django.core.cache import caches

    caches["documents"].clear()
