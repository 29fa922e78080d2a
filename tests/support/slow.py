"""The `slow` marker (pytest.ini) kept true. The helpers that start a browser, a server, a worker
or any other process of the portal call `require_slow`, which fails a test that reaches them
without the marker: `make test-quick` (`pytest -m "not slow"`) then never starts one."""

import pytest

# The test pytest is running (set by tests/conftest.py); None outside pytest, as in benchmarks/.
running = None


def require_slow(what: str) -> None:
    """Fail the running test unless it is marked slow, since it is about to start `what`."""
    item = running
    if item is not None and item.get_closest_marker("slow") is None:
        pytest.fail(
            f"{item.nodeid} starts {what} but is not marked slow: add `pytestmark = "
            "pytest.mark.slow` to its module (or @pytest.mark.slow to it), so that "
            "`make test-quick` leaves it out.",
            pytrace=False,
        )
