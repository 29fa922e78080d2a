"""Uploaded files that wait between an import's preview and its confirmation.

They are kept in the default storage (MEDIA_ROOT or the object storage that every app server
shares, never served: no address of the portal points into it) in FOLDER, under a random name;
the session of the user who uploaded them holds only that name and when it was kept, so a
confirmation names a file this user uploaded, or nothing: a forged, guessed or someone else's
name is refused like an expired one. A confirmation or a cancellation removes its file; one left
waiting (a preview abandoned) is removed by the next preview after MAX_AGE, or by the command
`purge_pending_imports`."""

import datetime
import secrets
import string

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "pending-imports"
MAX_AGE = datetime.timedelta(days=1)
SESSION_KEY = "pending-imports"
KEPT_PER_USER = 3  # a few tabs at most; an older one is removed when another is kept
_NAME_LENGTH = 32
_NAME_CHARACTERS = frozenset(string.hexdigits.lower())


def new_name() -> str:
    return secrets.token_hex(_NAME_LENGTH // 2)


def _is_a_name(name) -> bool:
    return isinstance(name, str) and len(name) == _NAME_LENGTH and set(name) <= _NAME_CHARACTERS


def _path(name: str) -> str:
    return f"{FOLDER}/{name}"


def save(name: str, content: bytes) -> None:
    """Write `content` under `name` (from new_name()); not yet anyone's until claim()."""
    assert _is_a_name(name)
    default_storage.save(_path(name), ContentFile(content))


def claim(request, name: str, **details) -> None:
    """Bind the file `name` to the request's user: only their session may read it back, with
    `details` (what the confirmation must match)."""
    kept = dict(request.session.get(SESSION_KEY, {}))
    kept[name] = {**details, "at": timezone.now().timestamp()}
    for old in sorted(kept, key=lambda n: kept[n]["at"])[:-KEPT_PER_USER]:
        del kept[old]
        discard(old)
    request.session[SESSION_KEY] = kept
    purge()


def keep(request, content: bytes, **details) -> str:
    """Keep `content` for this user's confirmation; the name to post back."""
    name = new_name()
    save(name, content)
    claim(request, name, **details)
    return name


def details(request, name) -> dict | None:
    """What claim() was told of `name`, if it is a file this user kept that still waits (not
    confirmed, cancelled or expired); None otherwise."""
    kept = request.session.get(SESSION_KEY, {})
    if not _is_a_name(name) or not isinstance(kept.get(name), dict):
        return None
    if timezone.now().timestamp() - kept[name].get("at", 0) > MAX_AGE.total_seconds():
        return None
    return kept[name] if default_storage.exists(_path(name)) else None


def content(name) -> bytes | None:
    """The bytes kept under `name`, or None; the caller has checked details() first."""
    if not _is_a_name(name):
        return None
    try:
        with default_storage.open(_path(name), "rb") as file:
            return file.read()
    except FileNotFoundError:
        return None


def take(request, name, **expected) -> bytes | None:
    """The file this user kept under `name` with these details (claim()'s), no longer waiting
    (removed); None, and nothing removed, if it is not such a file."""
    kept = details(request, name)
    if kept is None or any(kept.get(key) != value for key, value in expected.items()):
        return None
    found = content(name)
    forget(request, name)
    return found


def forget(request, name) -> None:
    """The file `name` is done with (confirmed or cancelled): removed, and out of the session."""
    kept = dict(request.session.get(SESSION_KEY, {}))
    if name in kept:
        del kept[name]
        request.session[SESSION_KEY] = kept
        discard(name)


def discard(name) -> None:
    """Remove the file `name`, whoever kept it."""
    if _is_a_name(name):
        default_storage.delete(_path(name))


def purge(max_age: datetime.timedelta = MAX_AGE) -> int:
    """Remove every waiting file older than `max_age`, whoever kept it; how many were removed."""
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    oldest = timezone.now() - max_age
    removed = 0
    for name in names:
        try:
            if default_storage.get_modified_time(_path(name)) < oldest:
                default_storage.delete(_path(name))
                removed += 1
        except FileNotFoundError:  # removed meanwhile by another process
            continue
    return removed
