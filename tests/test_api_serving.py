"""The API as production serves it, with real processes on loopback ports (tests/support/served.py):
two gunicorn app servers sharing Redis answer for one another, the conditional GETs included;
a token made on one works on the other; anonymous clients are counted across app servers; the
documentation's assets come from the app server itself."""

import re

import pytest

from .support.served import first_run, get, gunicorn, manage, redis_server

pytestmark = pytest.mark.slow  # gunicorn app servers and a Redis server

OPEN_A_ROUND = (
    "from django.contrib.auth import get_user_model; "
    "from firstrun.demo import demo_round_open; demo_round_open(user=get_user_model()"
    ".objects.create_superuser('clerk', 'clerk@example.org', 'pw'))"
)
MAKE_A_FOCAL_POINT = (
    "from tests.support.factories import person; from accounts.tokens import token_create; "
    "print(token_create(user=person('focal-api', 'INEGI@MEX'), name='served')[1])"
)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with first_run(tmp_path_factory.mktemp("api-served"), "apiserved", OPEN_A_ROUND) as env:
        yield env


def test_app_servers_answer_for_one_another(served):
    with redis_server() as redis_url:
        env = {**served, "REDIS_URL": redis_url}
        secret = manage(env, "shell", "-c", MAKE_A_FOCAL_POINT).strip().splitlines()[-1]
        auth = {"Authorization": f"Bearer {secret}"}
        with gunicorn(env, workers=1) as a, gunicorn(env, workers=1) as b:
            mine = get(a + "/api/v1/group-reports/", auth)
            assert mine.status == 200, mine.body
            report = next(r for r in mine.json()["results"] if r["group"] == "2020-2021/IV")
            group = get(b + "/api/v1/groups/2020-2021/IV/")
            etag = group.headers["ETag"]
            assert get(a + "/api/v1/groups/2020-2021/IV/", {"If-None-Match": etag}).status == 304
            path = report["url"].split("127.0.0.1", 1)[1].split("/", 1)[1]
            saved = get(
                f"{b}/{path}",
                auth,
                method="PATCH",
                json_body={"version": report["version"], "entries": {"1": {"percent": 42}}},
            )
            assert saved.status == 200, saved.body
            assert saved.json()["version"] == report["version"] + 1
            again = get(a + "/api/v1/groups/2020-2021/IV/", {"If-None-Match": etag})
            assert again.status == 200 and again.headers["ETag"] != etag, "a change is seen everywhere"
            stale = get(
                f"{a}/{path}",
                auth,
                method="PATCH",
                json_body={"version": report["version"], "entries": {"1": {"percent": 43}}},
            )
            assert stale.status == 409 and stale.json()["group_report"]["entries"][0]["percent"] == 42


def test_anonymous_clients_are_counted_across_app_servers(served):
    with redis_server() as redis_url:
        env = {**served, "REDIS_URL": redis_url, "API_ANONYMOUS_RATE": "4/minute"}
        with gunicorn(env, workers=1) as a, gunicorn(env, workers=1) as b:
            answers = [get((a, b)[n % 2] + "/api/v1/rounds/").status for n in range(5)]
    assert answers == [200, 200, 200, 200, 429]


def test_the_documentation_is_served_with_its_own_assets(served):
    with gunicorn(served, workers=1) as base:
        page = get(base + "/api/docs/")
        assert page.status == 200
        scripts = re.findall(r'src="(/static/drf_spectacular_sidecar/[^"]+)"', page.body.decode())
        assert scripts, "the page links no script of the portal's"
        for script in scripts:
            asset = get(base + script)
            assert asset.status == 200 and asset.body
        schema = get(base + "/api/schema/?format=json")
        assert schema.status == 200 and schema.json()["openapi"].startswith("3.")
