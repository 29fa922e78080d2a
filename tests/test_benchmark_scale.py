"""The pieces of benchmarks/scale.py that can be checked without serving the portal: wrk's output
read the same by every benchmark (benchmarks/wrk.py), the floor's URLconf and settings (the
production ones plus /_floor/, which the portal's own URLs do not have), and the verdicts read
from the figures."""

import importlib
import sys

import pytest
from django.urls import Resolver404, resolve, reverse

from benchmarks import scale_report
from benchmarks.scale_probe import ANONYMOUS, PAGES, SIGNED_IN
from benchmarks.wrk import Run
from cea_portal.settings import base

# What wrk 4.1 prints with --latency (the numbers made up).
OUTPUT = """Running 3s test @ http://127.0.0.1:8000/en/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.21ms    1.02ms  12.50ms   80.00%
    Req/Sec     1.25k   100.00     1.40k    70.00%
  Latency Distribution
     50%  {p50}
     75%    3.50ms
     90%    4.20ms
     99%  {p99}
  {requests} requests in 3.00s, 500.00KB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:   {rate}
Transfer/sec:    500.00KB
"""


def wrk_output(rate, p50="3.10ms", p99="1.20s", requests=2490):
    return OUTPUT.format(rate=rate, p50=p50, p99=p99, requests=requests)


def test_wrk_output_is_read_with_its_units_and_errors():
    run = Run(wrk_output("2489.50", p50="812.00us"))
    assert run.per_second == 2489.5
    assert run.requests == 2490
    assert run.percentile(50) == "812.00us"
    assert run.percentile_ms(50) == pytest.approx(0.812)
    assert run.percentile_ms(99) == pytest.approx(1200)
    assert run.sockets == (0, 1, 0, 2)
    assert run.non_2xx == 3
    assert run.errors == 6
    assert run.summary() == "2490 requests/s, p50 812.00us, p99 1.20s, 6 errors"


def test_wrk_output_without_errors_counts_none():
    clean = "\n".join(
        line
        for line in wrk_output("10.00").splitlines()
        if not line.strip().startswith(("Socket", "Non-2xx"))
    )
    assert Run(clean).errors == 0


@pytest.mark.django_db
def test_the_floor_is_served_by_the_benchmarks_urls_only(client, settings, django_assert_num_queries):
    with pytest.raises(Resolver404):
        resolve("/_floor/")  # the portal's own URLs
    settings.ROOT_URLCONF = "benchmarks.floor_urls"
    with django_assert_num_queries(0):
        answer = client.get("/_floor/")
    assert answer.status_code == 200
    assert answer.content == b"floor"
    # Every page of the portal is there too.
    assert reverse("pages:group", args=["2020-2021", "I"]) == "/en/groups/2020-2021/I/"
    assert client.get("/en/groups/2020-2021/I/").status_code == 200


def test_the_floor_settings_are_productions_but_for_the_urls(monkeypatch):
    monkeypatch.setattr(base, "SECRET_KEY", "a-key-for-reading-the-production-settings-" + "x" * 20)
    for name in ("cea_portal.settings.production", "benchmarks.floor_settings"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    production = importlib.import_module("cea_portal.settings.production")
    floor = importlib.import_module("benchmarks.floor_settings")

    def named(module):
        return {name: getattr(module, name) for name in dir(module) if name.isupper()}

    different = {
        name
        for name in named(production) | named(floor)
        if named(production).get(name) != named(floor).get(name)
    }
    assert different == {"ROOT_URLCONF"}
    assert floor.ROOT_URLCONF == "benchmarks.floor_urls"
    assert production.ROOT_URLCONF == "cea_portal.urls"


def results(ms, queries, rate):
    """Figures at 1x, 10x and 100x: every page takes ms(factor, key) ms, makes queries(factor,
    key) queries and serves rate(factor, key) requests/s; the floor 1,000."""
    made = {}
    for factor in (1, 10, 100):
        keys = [f"{label}|{reader}" for label, _path, readers in PAGES for reader in readers]
        runs = {key: Run(wrk_output(rate(factor, key))) for key in keys}
        runs["floor"] = Run(wrk_output(1000))
        pages = {key: {"ms": ms(factor, key), "queries": queries(factor, key), "status": 200} for key in keys}
        made[factor] = {"runs": runs, "probe": {"pages": pages, "size": {}}}
    return made


def test_verdicts_are_met_when_the_pages_cost_what_they_show():
    lines = scale_report.verdicts(results(lambda f, k: 20, lambda f, k: 6, lambda f, k: 500))
    assert all(": met" in line for line in lines), lines


def test_verdicts_name_what_misses_its_goal():
    def ms(factor, key):
        return 20 * (1.6 if factor == 100 and key == f"API group I|{ANONYMOUS}" else 1)

    def queries(factor, key):
        return 6 + (factor == 100 and key == f"search estadistica|{SIGNED_IN}")

    def rate(factor, key):
        return 15 if factor == 10 and key == f"home|{SIGNED_IN}" else 500

    same, listing, signed_in, open_data, flat = scale_report.verdicts(results(ms, queries, rate))
    assert "NOT MET" in same and "API group I, anonymous 1.60" in same
    assert ": met" in listing and ": met" in open_data
    assert "NOT MET" in signed_in and "home, signed in 0.015" in signed_in
    assert flat == "Queries per page flat at every size: NOT MET: search estadistica, signed in"
    table = "\n".join(scale_report.table(results(ms, queries, rate)))
    assert "6 / 6 / 7 GROWS" in table


def test_a_page_that_fails_misses_its_goal():
    made = results(lambda f, k: 20, lambda f, k: 6, lambda f, k: 500)
    made[100]["probe"]["pages"][f"home|{ANONYMOUS}"]["status"] = 500
    listing = scale_report.verdicts(made)[1]
    assert listing.startswith("Home and search at 100x within 2x of 1x (uncached ms): NOT MET")
    assert listing.endswith("(failed: home, anonymous)")
    assert "status 500" in "\n".join(scale_report.table(made))
