"""The open-data files written once per change of the data and served as stored files, as the
documents' PDFs are: each file (an address, in a language: the JSON's order of names follows
it; for a host: the JSON's links name it) is built by the first download after a change, kept
with its gzip-compressed copy in the "pages" cache (Redis, which every app server shares, in
production; the local disk in development), and served from there with its ETag,
Last-Modified and length until the data change (the generation of pages/cache.py, renewed by
every change) or the day does (the standings compare with today). Each app-server process keeps
the files it serves in its memory too (LocalCopies), checked against the current tag at every
download.

Several app servers asking for a file that is not built yet build it once: the first takes a
lock in the cache, the others wait for its file (at most WAIT_SECONDS, then build it too). With
the cache down (core/cache.py: misses, nothing kept) every download builds its file, as before
files were kept: slower, never broken. A stored file is kept under one key per address, over
the previous day's or generation's, so the cache holds one copy of each file (a few MB at a
hundred times the data: Redis takes values up to 512 MB)."""

import gzip
import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import NamedTuple

from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from core import generations
from core.cache import answering
from pages.cache import CACHE_ALIAS

TIMEOUT = 24 * 60 * 60  # a day: a new day makes the file out of date anyway
BUILD_SECONDS = 120  # a lock outlives any build (4 s for programme.json at 100x)
WAIT_SECONDS = 15  # how long a download waits for another's build before it builds the file too
POLL_SECONDS = 0.05
# Per app-server process: the files' copies kept in its memory (LocalCopies), at most this many
# bytes (the files of ten times the data take some 8 MB; programme.json at a hundred, 25 MB).
LOCAL_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Built:
    """A file as its view builds it."""

    body: bytes
    content_type: str
    disposition: str  # the Content-Disposition header


class Stored(NamedTuple):
    """A file as the cache keeps it (as a plain tuple, which any later code unpickles): one
    encoding of it, with what its answer says."""

    tag: str
    modified: float  # a timestamp
    content_type: str
    disposition: str
    body: bytes


@dataclass(frozen=True)
class _Version:
    """What the current file at an address is: its tag and when its data last changed."""

    tag: str
    modified: float
    key: str

    def stored(self, built: Built, body: bytes) -> tuple:
        return (self.tag, self.modified, built.content_type, built.disposition, body)


def _version(request) -> _Version:
    language = translation.get_language() or ""
    where = f"{request.build_absolute_uri('/')}|{language}|{request.path}"
    day = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    tag = "|".join((generations.generation(CACHE_ALIAS), day.date().isoformat(), where))
    modified = max(generations.started(CACHE_ALIAS), day)
    return _Version(
        tag=hashlib.sha256(tag.encode()).hexdigest()[:32],
        modified=modified.timestamp(),
        key=f"open-data:{hashlib.sha256(where.encode()).hexdigest()[:32]}",
    )


def accepts_gzip(request) -> bool:
    """Whether the request's Accept-Encoding takes gzip (named, or "*", without q=0)."""
    for coding in request.headers.get("Accept-Encoding", "").split(","):
        name, _, params = coding.strip().partition(";")
        if name.strip().lower() in ("gzip", "x-gzip", "*"):
            quality = params.strip().lower().removeprefix("q=")
            return not quality or _positive(quality)
    return False


def _positive(quality: str) -> bool:
    try:
        return float(quality) > 0
    except ValueError:
        return True  # a malformed weight: as if none were given


class LocalCopies:
    """The files this process served last, in its memory, by key, up to `budget` bytes (the
    least recently served dropped first): read from Redis, a file of a few MB costs more than
    all the rest of its download (12 ms for 2.3 MB). Served only while their tag is the current
    one, which every download reads from the shared cache, so a change shows at once here too."""

    def __init__(self, budget: int):
        self.budget, self.size = budget, 0
        self.files: OrderedDict[str, Stored] = OrderedDict()
        self.lock = threading.Lock()  # a threaded server's requests share them

    def get(self, key: str, tag: str) -> Stored | None:
        with self.lock:
            stored = self.files.get(key)
            if stored is None or stored.tag != tag:
                return None
            self.files.move_to_end(key)
            return stored

    def put(self, key: str, stored: Stored) -> None:
        if len(stored.body) > self.budget // 2 or not answering(CACHE_ALIAS):  # a tag of its own
            return
        with self.lock:
            self._drop(key)
            self.files[key], self.size = stored, self.size + len(stored.body)
            while self.size > self.budget:
                self._drop(next(iter(self.files)))

    def _drop(self, key: str) -> None:
        if (dropped := self.files.pop(key, None)) is not None:
            self.size -= len(dropped.body)

    def clear(self) -> None:
        with self.lock:
            self.files.clear()
            self.size = 0


local_copies = LocalCopies(LOCAL_BYTES)


def _current(cache, key, tag) -> Stored | None:
    if stored := local_copies.get(key, tag):
        return stored
    kept = cache.get(key)
    if isinstance(kept, tuple) and len(kept) == len(Stored._fields) and kept[0] == tag:
        local_copies.put(key, stored := Stored(*kept))
        return stored
    return None


def _build(cache, version: _Version, build) -> tuple[Stored, Stored]:
    built = build()
    pair = (
        version.stored(built, built.body),
        version.stored(built, gzip.compress(built.body, compresslevel=6, mtime=0)),
    )
    keys = (version.key, f"{version.key}:gzip")
    cache.set_many(dict(zip(keys, pair, strict=True)), timeout=TIMEOUT)
    for key, kept in zip(keys, pair, strict=True):
        local_copies.put(key, Stored(*kept))
    return Stored(*pair[0]), Stored(*pair[1])


def _built_once(cache, version: _Version, build, zipped: bool) -> Stored:
    """The file built by this download, or by another's that holds the lock meanwhile."""
    key = f"{version.key}:gzip" if zipped else version.key
    lock = f"open-data-building:{version.tag}"
    if answering(CACHE_ALIAS) and not cache.add(lock, 1, timeout=BUILD_SECONDS):
        # Another download builds it: its file, once its lock is gone (or too late, or the
        # cache down), else (its build failed: a 404, say) this download's own.
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline and cache.has_key(lock):
            time.sleep(POLL_SECONDS)
        return _current(cache, key, version.tag) or _build(cache, version, build)[zipped]
    try:
        return _build(cache, version, build)[zipped]
    finally:
        cache.delete(lock)


def _etag(tag: str, zipped: bool) -> str:
    # The gzip copy is another encoding of the same data: a weak ETag, as Django's GZipMiddleware
    # makes it, so that If-None-Match with either answers 304 (weak comparison).
    return f'W/"{tag}"' if zipped else f'"{tag}"'


def _answer(stored: Stored, zipped: bool) -> HttpResponse:
    response = HttpResponse(stored.body, content_type=stored.content_type)
    response["Content-Disposition"] = stored.disposition
    response["Content-Length"] = str(len(stored.body))
    response["Last-Modified"] = http_date(stored.modified)
    response["ETag"] = _etag(stored.tag, zipped)
    if zipped:
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def serve(request, build) -> HttpResponse:
    """The file at the request's address: 304 when the client has it, else the stored file
    (gzip-compressed when the request accepts it), built by `build()` (a Built, or an
    exception such as Http404) when none is stored for the current data."""
    version = _version(request)
    not_modified = get_conditional_response(
        request, etag=f'"{version.tag}"', last_modified=int(version.modified)
    )
    zipped = accepts_gzip(request)
    if not_modified is not None:
        if not_modified.status_code == 304:
            not_modified["ETag"] = _etag(version.tag, zipped)
            not_modified["Last-Modified"] = http_date(version.modified)
        patch_vary_headers(not_modified, ["Accept-Encoding"])
        return not_modified
    cache = caches[CACHE_ALIAS]
    stored = _current(cache, f"{version.key}:gzip" if zipped else version.key, version.tag)
    return _answer(stored or _built_once(cache, version, build, zipped), zipped)
