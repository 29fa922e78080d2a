"""The open-data files are built once per change of the data and then served as stored files
(api/opendata_files.py): the second download makes no query, a change to progress gives a new
file at once, gzip when the client takes it, 304 when it has the file; several downloads of a
file not yet built build it once; with the cache down each download builds it, as before."""

import gzip
import json
import threading
import time

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

from api.opendata_files import Built, LocalCopies, Stored, accepts_gzip, local_copies, serve
from reporting.models import ProgressEntry
from reporting.services import progress_admin_save

from .test_cache_backend import closed_port, redis_caches

pytestmark = pytest.mark.django_db

FILES = [
    f"/open-data/2020-2021/{group}{what}.{fmt}"
    for group in ("", "IV/")
    for what in ("programme", "progress")
    for fmt in ("json", "csv")
]
PROGRESS = "/open-data/2020-2021/progress.json"


def _download(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(url, **headers)
    return answer, len(queries)


@pytest.mark.parametrize("url", FILES)
def test_the_second_download_builds_nothing_and_gives_the_same_bytes(client, url):
    first, built = _download(client, url)
    second, served = _download(client, url)
    assert first.status_code == second.status_code == 200
    assert built > 0 and served == 0
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert second["Content-Length"] == str(len(second.content))
    assert second["Last-Modified"] == first["Last-Modified"]
    assert second["Content-Type"] == first["Content-Type"] and "filename=" in second["Content-Disposition"]


def test_another_app_server_serves_the_file_from_the_shared_cache(client):
    first, _queries = _download(client, PROGRESS)
    local_copies.clear()  # as in another process, which has no copy in its memory
    second, served = _download(client, PROGRESS)
    assert served == 0 and second.content == first.content and second["ETag"] == first["ETag"]


def test_a_change_to_progress_gives_a_new_file_at_once(client, secretariat_user, second_round):
    before, _queries = _download(client, PROGRESS)
    entry = ProgressEntry.objects.get(round=second_round, activity__group__number=4, activity__order=3)
    entry.remarks_en = "Changed a moment ago by the secretariat"
    progress_admin_save(entry=entry, user=secretariat_user, seen_version=None, reason="A correction")
    after, rebuilt = _download(client, PROGRESS, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and rebuilt > 0
    assert after["ETag"] != before["ETag"]
    assert b"Changed a moment ago by the secretariat" in after.content
    assert b"Changed a moment ago by the secretariat" not in before.content
    zipped, _queries = _download(client, PROGRESS, HTTP_ACCEPT_ENCODING="gzip")
    assert b"Changed a moment ago by the secretariat" in gzip.decompress(zipped.content)


@pytest.mark.parametrize("url", [PROGRESS, "/open-data/2020-2021/IV/programme.csv"])
def test_gzip_when_the_client_takes_it(client, url):
    plain, _queries = _download(client, url)
    zipped, served = _download(client, url, HTTP_ACCEPT_ENCODING="br, gzip;q=0.8")
    assert zipped["Content-Encoding"] == "gzip" and served == 0
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content) / 2
    assert zipped["Content-Length"] == str(len(zipped.content))
    assert zipped["ETag"] == f"W/{plain['ETag']}"  # the same data in another encoding
    for answer in (plain, zipped):
        assert "Accept-Encoding" in answer["Vary"] and "Accept-Language" in answer["Vary"]
    refused, _queries = _download(client, url, HTTP_ACCEPT_ENCODING="gzip;q=0, identity")
    assert "Content-Encoding" not in refused and refused.content == plain.content


@pytest.mark.parametrize(
    ("header", "takes"),
    [("gzip", True), ("deflate, gzip", True), ("*", True), ("GZIP;q=0.5", True), ("gzip;q=0", False),
     ("br", False), ("", False), ("x-gzip", True), ("gzip;q=0.000", False)],
)  # fmt: skip
def test_accept_encoding_read_as_http_says(header, takes):
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING=header)
    assert accepts_gzip(request) is takes


def test_304_when_the_client_has_the_file(client):
    first, _queries = _download(client, PROGRESS, HTTP_ACCEPT_ENCODING="gzip")
    for headers in (
        {"HTTP_IF_NONE_MATCH": first["ETag"]},  # weak, from the gzip answer
        {"HTTP_IF_NONE_MATCH": first["ETag"].removeprefix("W/")},
        {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]},
    ):
        answer, queries = _download(client, PROGRESS, HTTP_ACCEPT_ENCODING="gzip", **headers)
        assert (answer.status_code, answer.content, queries) == (304, b"", 0), headers
        assert answer["ETag"] == first["ETag"] and answer["Last-Modified"] == first["Last-Modified"]
    other, _queries = _download(client, PROGRESS, HTTP_IF_NONE_MATCH='"another"')
    assert other.status_code == 200 and json.loads(other.content)["programme"] == "2020-2021"


def test_each_language_and_host_has_its_own_file(client):
    english, _queries = _download(client, "/open-data/2020-2021/programme.json", HTTP_ACCEPT_LANGUAGE="en")
    spanish, rebuilt = _download(client, "/open-data/2020-2021/programme.json", HTTP_ACCEPT_LANGUAGE="es")
    assert rebuilt > 0 and spanish["ETag"] != english["ETag"]
    other_host, rebuilt = _download(client, "/open-data/2020-2021/programme.json", HTTP_HOST="localhost")
    assert rebuilt > 0 and b"http://localhost/api/v1/" in other_host.content
    assert b"http://localhost/" not in english.content


def test_an_unknown_programme_or_group_is_404_every_time(client):
    for url in ("/open-data/2030-2031/progress.csv", "/open-data/2020-2021/XC/programme.json") * 2:
        assert client.get(url).status_code == 404


class Builds:
    """A file's build as serve() calls it, slow enough for downloads to overlap; counted."""

    def __init__(self, seconds=0.3, fails=False):
        self.seconds, self.fails, self.count = seconds, fails, 0

    def __call__(self):
        self.count += 1
        time.sleep(self.seconds)
        if self.fails:
            raise Http404("no such programme")
        return Built(b'{"built": %d}' % self.count, "application/json", 'inline; filename="f.json"')


def _together(build, n=4) -> list:
    """`n` downloads of one address at once, each in a thread of its own: their answers."""
    answers = [None] * n

    def download(i):
        try:
            answers[i] = serve(RequestFactory().get("/open-data/test.json"), build)
        except Http404 as error:
            answers[i] = error

    threads = [threading.Thread(target=download, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return answers


def test_downloads_of_a_file_not_yet_built_build_it_once():
    build = Builds()
    answers = _together(build)
    assert build.count == 1
    assert {answer.content for answer in answers} == {b'{"built": 1}'}


def test_downloads_that_waited_for_a_build_that_failed_do_not_wait_long():
    build = Builds(fails=True)
    start = time.monotonic()
    answers = _together(build)
    assert all(isinstance(answer, Http404) for answer in answers)
    assert time.monotonic() - start < 5  # not the WAIT_SECONDS each waiter would give a slow build


def test_with_the_cache_down_every_download_builds_the_file(client):
    with override_settings(CACHES=redis_caches(closed_port())):
        first, built = _download(client, PROGRESS)
        second, again = _download(client, PROGRESS, HTTP_IF_NONE_MATCH=first["ETag"])
        zipped, _queries = _download(client, PROGRESS, HTTP_ACCEPT_ENCODING="gzip")
    assert first.status_code == second.status_code == zipped.status_code == 200
    assert built > 0 and again == built  # no copy known: never 304, never an error
    assert second.content == first.content == gzip.decompress(zipped.content)


def test_a_process_keeps_the_files_it_served_last_within_its_budget():
    copies = LocalCopies(budget=10)
    for key, body in (("a", b"1234"), ("b", b"5678"), ("c", b"90")):
        copies.put(key, Stored("tag", 0.0, "text/csv", "attachment", body))
    copies.get("a", "tag")  # served again: "b" is now the least recently served
    copies.put("d", Stored("tag", 0.0, "text/csv", "attachment", b"1234"))
    assert [key for key in ("a", "b", "c", "d") if copies.get(key, "tag")] == ["a", "c", "d"]
    assert copies.size == 10 and copies.get("a", "another tag") is None
    copies.put("e", Stored("tag", 0.0, "text/csv", "attachment", b"123456"))  # over half: not kept
    assert copies.get("e", "tag") is None
