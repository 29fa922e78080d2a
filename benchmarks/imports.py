"""Importing progress rows from a spreadsheet (the admin's progress entries import): time and
SQL queries for 500 and for 5,000 rows, and their ratio. The look-ups and writes are batched,
so the queries should not grow with the rows (on SQLite, bulk writes are split by its limit of
999 parameters a statement, so they grow a little there; on PostgreSQL they should not)."""

import datetime
import io
import time


def _programme(groups, activities_per_group):
    from activities.models import Activity
    from groups.models import Meeting, Programme, WorkingGroup
    from reporting.models import ReportingRound

    meeting = Meeting.objects.create(
        body="committee",
        number=90,
        place_en="Santiago",
        place_es="Santiago",
        start_date=datetime.date(2041, 5, 1),
        end_date=datetime.date(2041, 5, 2),
    )
    programme = Programme.objects.create(
        start_year=2040, end_year=2041, title_en="Benchmark", title_es="Prueba"
    )
    WorkingGroup.objects.bulk_create(
        WorkingGroup(
            programme=programme,
            number=n,
            name_en=f"Group {n}",
            name_es=f"Grupo {n}",
            theme_en="t",
            theme_es="t",
            output_en="o",
            output_es="o",
        )
        for n in range(1, groups + 1)
    )
    Activity.objects.bulk_create(
        Activity(group=group, order=order, text_en=f"Activity {order}", text_es=f"Actividad {order}")
        for group in programme.groups.all()
        for order in range(1, activities_per_group + 1)
    )
    return ReportingRound.objects.create(
        programme=programme,
        meeting=meeting,
        number=1,
        status="open",
        opens_on=datetime.date(2041, 1, 1),
        deadline=datetime.date(2041, 3, 1),
    )


def _csv(reporting_round, activities) -> bytes:
    out = io.StringIO()
    out.write("round,group,activity,percent,remarks_en,remarks_es\r\n")
    for a in activities:
        out.write(
            f"{reporting_round.meeting.code},{a.group.code},{a.order},{a.order % 101},"
            f"Remark {a.order},Observación {a.order}\r\n"
        )
    return out.getvalue().encode("utf-8")


def main():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from activities.models import Activity
    from core.roles import SYSTEM
    from reporting.models import ProgressEntry
    from spreadsheets.formats import CSV
    from spreadsheets.resources.reporting import ProgressEntryResource

    reporting_round = _programme(groups=55, activities_per_group=100)
    activities = list(
        Activity.objects.filter(group__programme=reporting_round.programme)
        .select_related("group__programme")
        .order_by("group__number", "order")
    )
    measured = {}
    # Different activities each time, so that both imports create every entry they bring.
    for count, chosen in ((500, activities[:500]), (5000, activities[500:5500])):
        content = _csv(reporting_round, chosen)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            result = ProgressEntryResource().import_data(
                CSV(max_rows=count).create_dataset(content), dry_run=False, user=SYSTEM
            )
            elapsed = time.perf_counter() - start
        assert not result.has_errors() and not result.has_validation_errors(), "benchmark import failed"
        assert result.totals["new"] == count
        measured[count] = (elapsed, len(queries))
        print(f"import {count} progress rows (csv): {elapsed:.2f} s, {len(queries)} queries")
    (t1, q1), (t2, q2) = measured[500], measured[5000]
    print(f"5,000 vs 500 rows: time x{t2 / t1:.1f}, queries x{q2 / q1:.2f} ({connection.vendor})")
    assert ProgressEntry.objects.filter(round=reporting_round).count() == 5500
