"""The portal for the drafting cycle's browser test (tests/browser/test_drafting_cycle_browser.py):
a runserver of its own, since the test approves a new programme, which would change what every
other browser test reads from the shared one (tests/browser/conftest.py's portal_server).

Its database is filled once per module by the first-run commands, as conftest's is, but without
the demo drafting (`create_demo_users` opens and publishes 2022-2023's, which is what the test
does through the pages), then copied afresh for each language's run: a copy is a second, a first
run half a minute or more. Each run gets empty caches and a folder of its own for files.

Also the downloads of the test: a document as a program asks for it (it may be rendering: the
answer then says when to come back), and the texts of its PDF and Word files."""

import difflib
import os
import re
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .databases import own_database
from .pdf_reading import pdf_text, squeeze
from .second_factor import DEMO_KEYS, enrol_command
from .word import docx_paragraphs

ROOT = Path(__file__).resolve().parents[2]
MANAGE = ROOT / "manage.py"
FILE_TIMEOUT = 120  # seconds for a document being rendered (a whole programme takes some)

# The Conference meeting the drafting names: its eleventh, as firstrun/drafting_demo.py makes it;
# and no drafting yet (should create_demo_users's demo drafting have come in after all).
CONFERENCE_MEETING = """
import datetime
from groups.models import Meeting
from reporting.models import Drafting

assert not Drafting.objects.exists(), "the seed has a drafting: create_demo_users's was not left out"

meeting = Meeting(
    body=Meeting.Body.CONFERENCE, number=11, is_virtual=True, place_en="Santiago", place_es="Santiago",
    start_date=datetime.date(2021, 11, 17), end_date=datetime.date(2021, 11, 19),
)
meeting.full_clean(exclude=["code"])
meeting.save()
"""
# A meeting of the Executive Committee and the first round of the programme starting in
# `start` (the one just approved), opened by the secretariat's own service; prints its code.
ROUND_OPEN = """
import datetime
from django.contrib.auth import get_user_model
from django.utils import timezone
from groups.models import Meeting, Programme
from reporting.models import ReportingRound
from reporting.services import round_open

opens = timezone.localdate()
deadline = opens + datetime.timedelta(days=30)
meeting = Meeting(
    body=Meeting.Body.EXECUTIVE_COMMITTEE, number={number}, is_virtual=True,
    start_date=deadline + datetime.timedelta(days=20), end_date=deadline + datetime.timedelta(days=21),
)
meeting.full_clean(exclude=["code"])
meeting.save()
reporting_round = ReportingRound.objects.create(
    programme=Programme.objects.get(start_year={start}), meeting=meeting, number=1, opens_on=opens,
    deadline=deadline, publish_on=ReportingRound.Publication.ON_ACCEPTANCE,
)
round_open(reporting_round=reporting_round, user=get_user_model().objects.get(username="secretariat"))
print("round:", meeting.code)
"""
# The other groups' proposals, submitted unchanged by a focal point of their coordinating
# institution and accepted by the secretariat, through the services: the approval waits for
# every proposal, and the test follows group IV's alone.
OTHERS_ACCEPTED = """
from django.contrib.auth import get_user_model
from accounts.models import Affiliation
from groups.models import GroupRole
from reporting.models import Proposal
from reporting.services import proposal_review, proposal_submit

users = get_user_model().objects
secretariat = users.get(username="secretariat")
others = Proposal.objects.filter(drafting__programme__start_year={start}).exclude(group__number={number})
for proposal in others.select_related("continues"):
    role = proposal.continues.roles.filter(role=GroupRole.Role.COORDINATING).first()
    user, created = users.get_or_create(username=f"focal-{{role.institution_id}}")
    if created:
        Affiliation.objects.create(user=user, institution=role.institution)
    proposal_submit(proposal=proposal, user=user)
    proposal_review(proposal=proposal, user=secretariat, accept=True)
print("accepted:", others.filter(status=Proposal.Status.ACCEPTED).count())
"""


@dataclass
class Served:
    """One language's run: the portal at `url`, on a fresh copy of the seed database."""

    url: str
    env: dict
    log_path: Path

    def manage(self, *args) -> str:
        return _manage(self.env, *args).stdout

    def said(self, script: str, what: str) -> str:
        """What `script` (for `manage.py shell -c`) printed as `what: ...`: the e-mails the
        development server's console backend prints come around it."""
        said = re.findall(rf"^{re.escape(what)}: (.*)$", self.manage("shell", "-c", script), re.M)
        assert said, f"the script printed no {what!r}"
        return said[-1].strip()


def _manage(env, *args):
    try:
        return subprocess.run(
            [sys.executable, str(MANAGE), *map(str, args)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    except subprocess.CalledProcessError as error:
        raise AssertionError(
            f"manage.py {args[0]} failed ({error.returncode}):\n{error.stdout}\n{error.stderr}"
        ) from None


def _env(database_url, folder: Path) -> dict:
    """As conftest's portal_server: development settings, caches and files of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cea_portal.settings.development",
            "DATABASE_URL": database_url,
            "DOCUMENT_CACHE_DIR": str(folder / "document-cache"),
            "PAGE_CACHE_DIR": str(folder / "page-cache"),
            "MEDIA_ROOT": str(folder / "media"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


@contextmanager
def seeded(directory: Path):
    """The seed database: migrated, the programme loaded, the demo accounts (the secretariat
    enrolled with its log-in code) and demo round, and the Conference meeting to name."""
    with own_database(directory, "drafting-seed") as database:
        env = _env(database["url"], directory / "seed")
        enrolments = [["shell", "-c", enrol_command(name, key)] for name, key in DEMO_KEYS.items()]
        for command in (
            ["migrate", "--noinput"],
            ["load_programme"],
            # Without its demo drafting: the test opens 2022-2023's itself.
            ["create_demo_users", "--no-drafting"],
            ["shell", "-c", CONFERENCE_MEETING],
            *enrolments,
        ):
            _manage(env, *command)
        yield database


@contextmanager
def served(seed, directory: Path, name: str):
    """runserver on a free port, on a fresh copy of `seed`, with caches of its own."""
    from tests.browser.conftest import _free_port, _wait_until_up

    folder = directory / name
    folder.mkdir(parents=True, exist_ok=True)
    with own_database(folder, f"drafting-{name}", copy_of=seed) as database:
        env = _env(database["url"], folder)
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        log_path = folder / "runserver.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                [sys.executable, str(MANAGE), "runserver", f"127.0.0.1:{port}", "--noreload"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        try:
            _wait_until_up(f"{url}/en/", process, log_path)
            yield Served(url=url, env=env, log_path=log_path)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# --- the files ----------------------------------------------------------------------------------


def download(request, url: str) -> bytes:
    """The file at `url` as a program gets it (Playwright's request context, the page's
    cookies): a document still rendering answers 503 with Retry-After, or an older copy while
    a newer one renders (X-Document-Refreshing); asked again until it is the current one."""
    deadline = time.monotonic() + FILE_TIMEOUT
    while True:
        response = request.get(url, headers={"Accept": "*/*"})
        if response.status == 200 and response.headers.get("x-document-refreshing") != "yes":
            return response.body()
        assert response.status in (200, 503), f"{url} answered {response.status}"
        assert time.monotonic() < deadline, f"{url} still rendering after {FILE_TIMEOUT} s"
        time.sleep(1)


def pdf_words(content: bytes) -> str:
    """The PDF's text as extracted from the PDF itself, white space squeezed."""
    return pdf_text(content)


def docx_words(content: bytes) -> str:
    """The Word file's text, every paragraph (table cells too) in document order, squeezed."""
    return squeeze(" ".join(p.text for p in docx_paragraphs(content)))


def difference(before: str, after: str) -> str:
    """A unified difference of two texts, line by line, for an assertion's message."""
    lines = difflib.unified_diff(before.split("\n"), after.split("\n"), "before", "after", lineterm="", n=1)
    return "\n".join(lines)


MONTH_NAMES = {
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
}


def month_label(lang, year_month) -> str:
    """ "March 2022" / "marzo de 2022" for (2022, 3), as core.wording.month_label writes it."""
    year, number = year_month
    name = MONTH_NAMES[lang].split()[number - 1]
    return f"{name} {year}" if lang == "en" else f"{name} de {year}"


class Steps:
    """Each step's time, printed at the end (pytest's -s shows it)."""

    def __init__(self, lang):
        self.lang, self.times, self.last = lang, [], time.monotonic()

    def done(self, name):
        now = time.monotonic()
        self.times.append((name, now - self.last))
        self.last = now

    def report(self):
        total = sum(seconds for _name, seconds in self.times)
        lines = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.times)
        print(f"\ndrafting cycle ({self.lang}): {total:.1f} s: {lines}")


def in_order(text: str, *parts: str) -> bool:
    """Whether every one of `parts` is in `text`, each after the one before."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True
