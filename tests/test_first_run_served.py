"""`make run` as a new user runs it, on a database of its own: the real Makefile, the real first
run (migrate, load_programme, create_demo_users) and the real development server, with only the
machine's apt replaced by a recording one (tests/test_makefile.py tells how). It asks apt for
the serving packages only, prints the address before the server starts, that address answers,
the demo round's e-mails link to it, nothing warns of a missing broker, and the icon is there.

The virtual environment is the suite's own, taken as installed (`make -o`): a test does not
reinstall the requirements."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from .support import databases
from .support.served import free_port, get
from .support.slow import require_slow
from .test_makefile import SERVING

pytestmark = pytest.mark.slow

ROOT = Path(settings.BASE_DIR)
START_TIMEOUT = 300  # seconds: migrate and load the fixtures, then start the server
FAKES = {"apt-get": 'echo "$*" >> "$FAKE_LOG"', "dpkg": "exit 1", "id": "echo 0"}
# The environment a new user's shell would not have: the suite's settings and services.
LEFT_OUT = ("DJANGO_SETTINGS_MODULE", "CELERY_BROKER_URL", "REDIS_URL", "PORTAL_URL", "PORTAL_HOST")


def machine_env(tmp_path, database_url) -> dict:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in FAKES.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in LEFT_OUT and not k.startswith("PYTEST_")}
    env.update(
        {
            "PATH": f"{bin_dir}:{env.get('PATH', '/usr/bin:/bin')}",
            "FAKE_LOG": str(tmp_path / "apt-get.log"),
            "DATABASE_URL": database_url,
            "DOCUMENT_CACHE_DIR": str(tmp_path / "document-cache"),
            "PAGE_CACHE_DIR": str(tmp_path / "page-cache"),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def wait_for_server(process, log_path) -> str:
    """The address the banner printed, once the server answers there."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"make run ended ({process.returncode}):\n{log_path.read_text()[-4000:]}")
        printed = re.search(r"The portal: (\S+)", log_path.read_text())
        if printed:
            try:
                if get(printed.group(1)).status == 200:
                    return printed.group(1)
            except OSError:
                pass  # not listening yet
        time.sleep(0.5)
    pytest.fail(f"make run served nothing in {START_TIMEOUT} s:\n{log_path.read_text()[-4000:]}")


def test_make_run_on_a_fresh_database(tmp_path):
    require_slow("make run")
    venv = Path(sys.executable).parent.parent
    host = f"127.0.0.1:{free_port()}"
    log_path = tmp_path / "make-run.log"
    with databases.own_database(tmp_path, "make_run") as database, open(log_path, "wb") as log:
        env = machine_env(tmp_path, database["url"])
        command = [
            "make",
            "--no-print-directory",
            f"VENV={venv}",
            "-o",
            f"{venv}/.installed",
            "run",
            f"HOST={host}",
        ]
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            address = wait_for_server(process, log_path)
            icon = get(f"http://{host}/favicon.ico")
            icon_file = get(f"http://{host}{icon.headers['Location']}")
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    output = log_path.read_text()

    assert address == f"http://{host}/en/"
    assert (tmp_path / "apt-get.log").read_text().splitlines() == [
        "update -qq",
        f"install -y -qq {' '.join(SERVING)}",
    ]
    # The banner comes before the server's own lines.
    assert output.index("The portal:") < output.index("Starting development server")
    links = re.findall(r"http://\S+/rounds/\S+", output)
    assert links and all(link.startswith(f"http://{host}/") for link in links)
    assert "kombu" not in output and not re.search(r" WARNING \[", output)
    assert icon.status == 302 and icon_file.status == 200
    assert icon_file.headers["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
