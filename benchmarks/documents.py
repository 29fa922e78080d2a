"""Documents: render_document against WeasyPrint alone, the Word file beside the PDF, SQL queries
per document at the real data and at ten times as many groups and activities, and a cached
download against a fresh render. Goals: ratio at most 1.10; the same number of queries at both
sizes."""

import datetime
import io
import statistics
import tempfile
import time
from pathlib import Path

from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from activities.models import Activity, Objective
from groups.models import GroupRole, Meeting, Programme, WorkingGroup
from reporting.models import ProgressEntry, ReportingRound
from reports.models import Document
from reports.rendering import document_html, html_to_pdf
from reports.word import html_to_docx

SYMBOL = "LC/CE.20/3"
RUNS = 3


def _median(action, runs=RUNS, before=None):
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _clear_cache():
    caches["documents"].clear()


def render_times(document):
    html = document_html(document, "en").html
    output = Path(tempfile.mkdtemp(prefix="cea-bench-")) / "report.pdf"
    command = _median(
        lambda: call_command(
            "render_document", SYMBOL, "--lang", "en", "--output", str(output), stdout=io.StringIO()
        ),
        before=_clear_cache,
    )
    weasyprint_alone = _median(lambda: html_to_pdf(html))
    print(
        f"{SYMBOL} (en): render_document {command:.2f} s, WeasyPrint alone on the same HTML "
        f"{weasyprint_alone:.2f} s, ratio {command / weasyprint_alone:.3f} (goal <= 1.10), "
        f"{output.stat().st_size:,} bytes"
    )


def word_times(document):
    """The .docx beside the PDF: the command end to end, and the Word writer alone on the HTML."""
    html = document_html(document, "en").html
    folder = Path(tempfile.mkdtemp(prefix="cea-bench-"))
    times = {}
    for format in ("pdf", "docx"):
        times[format] = _median(
            lambda format=format: call_command(
                "render_document", SYMBOL, "--lang", "en", "--format", format,
                "--output", str(folder / f"report.{format}"), stdout=io.StringIO(),
            ),
            before=_clear_cache,
        )  # fmt: skip
    writer_alone = _median(lambda: html_to_docx(html))
    print(
        f"{SYMBOL} (en): render_document --format docx {times['docx']:.2f} s "
        f"(the Word writer alone on the same HTML {writer_alone:.2f} s, "
        f"{(folder / 'report.docx').stat().st_size:,} bytes) against --format pdf {times['pdf']:.2f} s: "
        f"{times['docx'] / times['pdf']:.2f} of the PDF's time"
    )


def queries_for(document) -> int:
    with CaptureQueriesContext(connection) as queries:
        document_html(document, "en")
    return len(queries)


def _scaled_round() -> ReportingRound:
    """A round of a new programme, at a meeting of its own, for the copies to report in."""
    meeting = Meeting.objects.create(
        body=Meeting.Body.EXECUTIVE_COMMITTEE,
        number=59,
        is_virtual=True,
        start_date=datetime.date(2099, 4, 1),
        end_date=datetime.date(2099, 4, 2),
    )
    programme = Programme.objects.create(
        start_year=2098, end_year=2099, title_en="Scaled", title_es="Escalado"
    )
    return ReportingRound.objects.create(
        programme=programme,
        meeting=meeting,
        number=1,
        opens_on=datetime.date(2099, 1, 1),
        deadline=datetime.date(2099, 3, 1),
    )


def _copy_group(group, *, source, round_, number):
    """A copy of `group` numbered `number` in the round's programme, with its roles, objectives,
    activities and the progress it reported in `source`; the original's rows are left as they were."""
    roles = list(group.roles.all())
    objectives = list(group.objectives.all())
    activities = list(group.activities.all())
    entries = {e.activity_id: e for e in ProgressEntry.objects.filter(round=source, activity__group=group)}
    original_pk = group.pk
    group.pk, group.programme, group.number = None, round_.programme, number
    group.save()
    for items in (roles, objectives):
        for item in items:
            item.pk, item.group = None, group
    GroupRole.objects.bulk_create(roles)
    Objective.objects.bulk_create(objectives)
    new_entries = []
    for activity in activities:
        entry = entries.get(activity.pk)
        activity.pk, activity.group, activity.objective, activity.topic = None, group, None, None
        activity.save()
        if entry:
            new_entries.append(
                ProgressEntry(
                    round=round_,
                    activity=activity,
                    percent=entry.percent,
                    remarks_en=entry.remarks_en,
                    remarks_es=entry.remarks_es,
                )
            )
    ProgressEntry.objects.bulk_create(new_entries)
    group.pk = original_pk  # the next copy starts from the original again


def scaled_copy(document, factor=10) -> Document:
    """The document's programme copied `factor` times into a new programme and round:
    ten times as many groups, activities and progress entries."""
    source = document.round
    round_ = _scaled_round()
    groups = list(WorkingGroup.objects.filter(programme=source.programme).order_by("number"))
    for copy in range(factor):
        for index, group in enumerate(groups, start=1):
            _copy_group(group, source=source, round_=round_, number=copy * len(groups) + index)
    return Document.objects.create(
        symbol="LC/CE.59/1",
        kind=Document.Kind.PROGRESS_REPORT,
        round=round_,
        meeting=round_.meeting,
        title_en="Scaled",
        title_es="Escalado",
        date_en=datetime.date(2099, 3, 25),
    )


def query_counts(document):
    scaled = scaled_copy(document)
    activities = Activity.objects.filter(group__programme=scaled.round.programme).count()
    print(
        f"SQL queries to write {SYMBOL} as HTML: {queries_for(document)} at the real data "
        f"(11 groups, 85 reported activities); {queries_for(scaled)} at ten times as many "
        f"({scaled.round.programme.groups.count()} groups, {activities} activities, "
        f"{scaled.round.entries.count()} reported) (goal: the same number)"
    )


def download_times():
    client = Client()
    url = f"/en/documents/{SYMBOL}/en.pdf"
    fresh = _median(lambda: client.get(url), before=_clear_cache)
    client.get(url)
    cached = _median(lambda: client.get(url), runs=10)
    print(
        f"GET {url}: fresh render {fresh * 1000:.0f} ms, cached {cached * 1000:.1f} ms "
        f"({fresh / cached:.0f} times faster)"
    )


def main():
    document = Document.objects.get(symbol=SYMBOL)
    render_times(document)
    word_times(document)
    query_counts(document)
    download_times()
