"""The Makefile's first run, run for real by make with the machine's tools replaced by recording
ones placed first on PATH: `apt-get` writes down what it is asked and installs nothing, `dpkg`
reports every package missing, `id` says the user is root (or not), and `python` writes down each
command and makes the virtual environment's folders. What is asserted is what make asked of
them: `make run` asks apt only for the packages serving needs (requirements-system.txt), never
for what only the tests use (requirements-system-test.txt), and prints where to go and who to log
in as before the server starts. tests/test_first_run_served.py runs `make run` with the real
Python and a real server."""

import shlex
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from firstrun.management.commands.create_demo_users import FOCAL_POINTS

ROOT = Path(settings.BASE_DIR)


def packages(name) -> list[str]:
    lines = (ROOT / name).read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


SERVING = packages("requirements-system.txt")
TEST_ONLY = packages("requirements-system-test.txt")

FAKES = {
    "apt-get": 'echo "$*" >> "$FAKE_LOG/apt-get"',
    "dpkg": "exit 1",  # `dpkg -s PACKAGE`: not installed
    "id": 'echo "$FAKE_UID"',
    "python": """echo "python $*" >> "$FAKE_LOG/python"
echo "PORTAL_HOST=${PORTAL_HOST-}" >> "$FAKE_LOG/python"
echo "python $*"
if [ "$1 $2" = "-m venv" ]; then mkdir -p "$3/bin" && ln -s "$0" "$3/bin/python"; fi""",
}


@pytest.fixture
def machine(tmp_path):
    """A folder of recording tools, and the environment that puts them first on PATH."""
    # The Makefile must find them by PATH: a tool named by its full path would be the real one.
    assert not any(f"/{tool}" in (ROOT / "Makefile").read_text() for tool in ("apt-get", "dpkg"))
    bin_dir, log = tmp_path / "bin", tmp_path / "log"
    bin_dir.mkdir()
    log.mkdir()
    for name, body in FAKES.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "FAKE_LOG": str(log),
        "FAKE_UID": "0",
        "LANG": "C.UTF-8",
    }
    return {"env": env, "log": log, "bin": bin_dir, "venv": tmp_path / "venv"}


def make(machine, *args):
    """make with the recording tools, its Python the recording one, its venv a new folder."""
    fake_python = machine["bin"] / "python"
    return subprocess.run(
        ["make", "--no-print-directory", f"PYTHON={fake_python}", f"VENV={machine['venv']}", *args],
        cwd=ROOT,
        env=machine["env"],
        capture_output=True,
        text=True,
        timeout=60,
    )


def recorded(machine, tool) -> list[str]:
    path = machine["log"] / tool
    return path.read_text().splitlines() if path.exists() else []


def apt_installs(machine) -> list[list[str]]:
    """The packages of each `apt-get install` make ran, options left out."""
    calls = [shlex.split(line) for line in recorded(machine, "apt-get")]
    return [[word for word in call[1:] if not word.startswith("-")] for call in calls if call[0] == "install"]


def test_the_lists_are_apart():
    assert SERVING and TEST_ONLY and not set(SERVING) & set(TEST_ONLY)
    # What the issue named as test-only weight stays out of the serving list.
    assert {"chromium", "rabbitmq-server", "redis-server", "wrk"} <= set(TEST_ONLY)


def test_make_run_asks_apt_only_for_what_serving_needs(machine):
    result = make(machine, "run", "HOST=127.0.0.1:8765")
    assert result.returncode == 0, result.stderr
    assert recorded(machine, "apt-get")[0] == "update -qq"
    assert apt_installs(machine) == [SERVING]
    pythons = [line for line in recorded(machine, "python") if line.startswith("python ")]
    # The virtual environment, the serving requirements (never the tests'), then the first run.
    assert pythons[:3] == [
        f"python -m venv {machine['venv']}",
        "python -m pip install --quiet --upgrade pip",
        "python -m pip install --quiet -r requirements.txt",
    ]
    assert [line.split(" ", 2)[2] for line in pythons[3:]] == [
        "migrate --noinput",
        "load_programme",
        "create_demo_users",
        "runserver 127.0.0.1:8765",
    ]
    assert not any("requirements-test" in line for line in pythons)


def test_make_run_says_where_to_go_and_who_to_be_before_serving(machine):
    result = make(machine, "run", "HOST=127.0.0.1:8765")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    banner = out[out.index("The portal:") : out.index("python manage.py runserver")]
    assert "http://127.0.0.1:8765/en/" in banner and "http://127.0.0.1:8765/es/" in banner
    for username in ["secretariat", *FOCAL_POINTS]:
        assert username in banner
    assert "password demo" in banner and "README.md" in banner
    # Every command of the first run was told the address (the e-mails' links follow it).
    hosts = [line for line in recorded(machine, "python") if line.startswith("PORTAL_HOST=")]
    assert hosts[-4:] == ["PORTAL_HOST=127.0.0.1:8765"] * 4


def test_a_port_alone_is_served_on_the_loopback_address(machine):
    out = make(machine, "run", "HOST=8123").stdout
    assert "The portal: http://127.0.0.1:8123/en/" in out


def test_make_system_test_adds_what_only_the_tests_use(machine):
    result = make(machine, "system-test")
    assert result.returncode == 0, result.stderr
    assert apt_installs(machine) == [SERVING + TEST_ONLY]


def test_without_root_nothing_is_installed_and_the_packages_are_named(machine):
    machine["env"]["FAKE_UID"] = "1000"
    result = make(machine, "system")
    assert result.returncode != 0
    assert recorded(machine, "apt-get") == []
    assert f"sudo apt-get install {' '.join(SERVING)}" in result.stdout


def test_nothing_is_asked_of_apt_when_every_package_is_there(machine):
    (machine["bin"] / "dpkg").write_text("#!/bin/sh\nexit 0\n")
    result = make(machine, "system-test")
    assert result.returncode == 0, result.stderr
    assert recorded(machine, "apt-get") == []
