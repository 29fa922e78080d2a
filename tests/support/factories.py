"""Small builders for tests that need a few records of their own."""

import datetime
import itertools

from activities.models import ActionLine, Activity, Objective, ProgrammeArea
from groups.models import Event, Figure, Link, Meeting, Programme, WorkingGroup
from reporting.models import ReportingRound

# Meeting numbers the fixtures don't use and that still have a written ordinal (up to 59);
# each test rolls back, so numbers can come round again.
_numbers = itertools.cycle(range(30, 60))


def programme(start_year=2030):
    conference = Meeting.objects.create(
        body=Meeting.Body.CONFERENCE,
        number=next(_numbers),
        place_en="Lima",
        place_es="Lima",
        start_date=datetime.date(start_year - 1, 11, 1),
        end_date=datetime.date(start_year - 1, 11, 3),
    )
    return Programme.objects.create(
        start_year=start_year,
        end_year=start_year + 1,
        title_en="Test programme",
        title_es="Programa de prueba",
        approved_at=conference,
    )


def group(programme, number=1, **texts):
    values = {
        "name_en": "Working Group on Tests",
        "name_es": "Grupo de Trabajo sobre Pruebas",
        "theme_en": "testing",
        "theme_es": "pruebas",
        "output_en": "Test output",
        "output_es": "Producto de prueba",
        **texts,
    }
    return WorkingGroup.objects.create(programme=programme, number=number, **values)


def activity(group, order=1, **values):
    values.setdefault("text_en", f"Activity {order}")
    values.setdefault("text_es", f"Actividad {order}")
    return Activity.objects.create(group=group, order=order, **values)


def reporting_round(programme, number=1, status="closed", **values):
    """A round of the programme; closed by default, like the rounds the fixtures carry."""
    meeting = Meeting.objects.create(
        body=Meeting.Body.EXECUTIVE_COMMITTEE,
        number=next(_numbers),
        is_virtual=True,
        start_date=datetime.date(2031, 4, 1),
        end_date=datetime.date(2031, 4, 2),
    )
    return ReportingRound.objects.create(
        programme=programme,
        meeting=meeting,
        number=number,
        opens_on=datetime.date(2031, 2, 1),
        deadline=datetime.date(2031, 3, 1),
        status=status,
        **values,
    )


def document(symbol="LC/CE.99/1", kind="progress_report", **values):
    """A register entry; by default a report on the implementation of the round's programme."""
    from reports.models import Document

    values.setdefault("title_en", "Report on tests")
    values.setdefault("title_es", "Informe sobre pruebas")
    values.setdefault("date_en", datetime.date(2031, 3, 25))
    values.setdefault("date_es", datetime.date(2031, 3, 25))
    if "meeting" not in values:
        values["meeting"] = (
            values["round"].meeting if values.get("round") else values["programme"].approved_at
        )
    return Document.objects.create(symbol=symbol, kind=kind, **values)


def small_report(activity_text_en="Activity 1", remarks_en="Going well", **activity_values):
    """A programme with one group, one activity with progress in a round, and its report:
    the smallest document, quick to render."""
    from reporting.models import ProgressEntry

    prog = programme(start_year=next(_numbers) * 2 + 2000)
    wg = group(prog)
    act = activity(wg, text_en=activity_text_en, **activity_values)
    round_ = reporting_round(prog)
    ProgressEntry.objects.create(
        round=round_,
        activity=act,
        percent=40,
        remarks_en=remarks_en,
        remarks_es="Va bien" if remarks_en else "",
    )
    return document(symbol=f"LC/CE.{round_.meeting.number}/1", round=round_), act


def person(username, institution_code=None, **values):
    """A portal user (password "pw"), attached to the institution with that code if given."""
    from django.contrib.auth import get_user_model

    from accounts.models import Affiliation
    from groups.models import Institution

    values.setdefault("email", f"{username}@example.org")
    user = get_user_model().objects.create_user(username, password="pw", **values)
    if institution_code:
        Affiliation.objects.create(user=user, institution=Institution.objects.get(code=institution_code))
    return user


def entry(reporting_round, activity, percent, **values):
    """An activity's progress in a round."""
    from reporting.models import ProgressEntry

    return ProgressEntry.objects.create(round=reporting_round, activity=activity, percent=percent, **values)


def group_report(reporting_round, group, status="submitted", **values):
    """A group's report in a round, in the given status ("returned" needs a review_comment)."""
    from reporting.models import GroupReport

    return GroupReport.objects.create(round=reporting_round, group=group, status=status, **values)


def part_of_a_group(model):
    """A record of `model` (a programme area, event, figure or link) on the first group, for
    pages that need one where the 2020-2021 fixtures have none."""
    group = WorkingGroup.objects.order_by("pk").first()
    if model is ProgrammeArea:
        objective = Objective.objects.filter(kind=Objective.Kind.SPECIFIC).order_by("pk").first()
        area = ProgrammeArea.objects.create(objective=objective, order=90, title_en="Area", title_es="Área")
        ActionLine.objects.create(area=area, order=1, text_en="Action line", text_es="Línea de acción")
        return area
    values = {
        Event: {
            "kind": "workshop",
            "title_en": "Workshop",
            "title_es": "Taller",
            "start_date": datetime.date(2021, 3, 1),
            "end_date": datetime.date(2021, 3, 2),
        },
        Figure: {"label_en": "Participants", "label_es": "Participantes", "value": 40},
        Link: {"label_en": "Site", "label_es": "Sitio", "url": "https://example.org/"},
    }[model]
    return model.objects.create(group=group, order=90, **values)
