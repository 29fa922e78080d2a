"""The static files as `manage.py collectstatic` writes them with the production settings (hashed
and compressed by WhiteNoise: some 40 s of CPU, twice that when CI's two suites share the
machine), collected once for everything that has the same inputs: every test run of this
checkout, CI's two suites side by side included, reads one folder.

The folder is named after a digest of all that collectstatic reads: every file the static files
finders find (its path and bytes), the settings' modules and the installed packages' versions.
Change any of them and the next run collects again, so a broken stylesheet or a storage setting
fails the serving tests as before; the same inputs give the same files, so reading them again
proves what collecting them again would. A lock makes a second run wait for the first one's
files instead of collecting them at the same time; the folder is only read once complete."""

import fcntl
import hashlib
import importlib.metadata
import os
import shutil
import tempfile
import time
from pathlib import Path

from django.conf import settings

ROOT = Path(tempfile.gettempdir()) / "cea-collected-static"
KEEP_SECONDS = 24 * 3600  # another key's folder older than this is left by a run long gone


def inputs_digest() -> str:
    """A digest of what collectstatic reads: the found files, the settings, the packages."""
    from django.contrib.staticfiles import finders

    digest = hashlib.sha256()
    found = {}
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            found.setdefault(path, storage.path(path))  # the first finder's copy wins, as there
    for path in sorted(found):
        digest.update(path.encode() + b"\0" + Path(found[path]).read_bytes() + b"\0")
    for module in sorted(Path(settings.BASE_DIR, "cea_portal", "settings").glob("*.py")):
        digest.update(module.name.encode() + module.read_bytes())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()[:24]


def collected(env, manage) -> str:
    """The folder of the collected static files for the production `env` (its DATABASE_URL and
    folders are the caller's); `manage(env, *args)` runs a command, as tests/support/served.py's."""
    folder = ROOT / inputs_digest()
    folder.mkdir(parents=True, exist_ok=True)
    static, complete = folder / "static", folder / "complete"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed, or the process dies
        if not complete.exists():
            shutil.rmtree(static, ignore_errors=True)  # what a run stopped halfway left
            partial = Path(tempfile.mkdtemp(prefix="partial-", dir=folder))
            try:
                writing = {**env, "DJANGO_STATIC_ROOT": str(partial / "static")}
                manage(writing, "collectstatic", "--noinput", "-v0")
                (partial / "static").rename(static)
                complete.touch()
            finally:
                shutil.rmtree(partial, ignore_errors=True)
            _forget_old(folder)
    os.utime(folder)  # in use: not old
    return str(static)


def _forget_old(kept):
    for other in ROOT.iterdir():
        try:
            if other != kept and time.time() - other.stat().st_mtime > KEEP_SECONDS:
                shutil.rmtree(other, ignore_errors=True)
        except OSError:
            pass
