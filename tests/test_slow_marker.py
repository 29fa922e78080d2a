"""The `slow` marker cannot rot: a test that starts a browser, a server, a worker or another
process of the portal without it fails (tests/support/slow.py), so the quick suite stays quick."""

import pytest

from .support import databases, served
from .support.slow import require_slow


def _enter(context):
    with context:
        pass


STARTS = {
    "manage": lambda tmp_path: served.manage({}, "check"),
    "gunicorn": lambda tmp_path: _enter(served.gunicorn({})),
    "redis": lambda tmp_path: _enter(served.redis_server()),
    "celery": lambda tmp_path: _enter(served.celery_worker({})),
    "own-database": lambda tmp_path: _enter(databases.own_database(tmp_path, "unmarked")),
}


@pytest.mark.parametrize("start", STARTS.values(), ids=STARTS.keys())
def test_a_helper_that_starts_a_process_fails_an_unmarked_test(start, tmp_path):
    with pytest.raises(pytest.fail.Exception, match=r"test_slow_marker\.py::.* is not marked slow"):
        start(tmp_path)


def test_a_test_marked_slow_may_start_them(request):
    request.node.add_marker(pytest.mark.slow)
    require_slow("a server")  # does not fail
