"""Small builders for tests that need a few records of their own."""
import datetime
import itertools

from activities.models import Activity, ReportingRound
from groups.models import Meeting, Programme, WorkingGroup

_numbers = itertools.count(60)


def programme(start_year=2030):
    conference = Meeting.objects.create(body=Meeting.Body.CONFERENCE, number=next(_numbers),
                                        place_en="Lima", place_es="Lima",
                                        start_date=datetime.date(start_year - 1, 11, 1),
                                        end_date=datetime.date(start_year - 1, 11, 3))
    return Programme.objects.create(start_year=start_year, end_year=start_year + 1,
                                    title_en="Test programme", title_es="Programa de prueba",
                                    approved_at=conference)


def group(programme, number=1, **texts):
    values = {"name_en": "Working Group on Tests", "name_es": "Grupo de Trabajo sobre Pruebas",
              "theme_en": "testing", "theme_es": "pruebas",
              "output_en": "Test output", "output_es": "Producto de prueba", **texts}
    return WorkingGroup.objects.create(programme=programme, number=number, **values)


def activity(group, order=1, **values):
    values.setdefault("text_en", f"Activity {order}")
    values.setdefault("text_es", f"Actividad {order}")
    return Activity.objects.create(group=group, order=order, **values)


def reporting_round(programme, number=1):
    meeting = Meeting.objects.create(body=Meeting.Body.EXECUTIVE_COMMITTEE, number=next(_numbers),
                                     is_virtual=True, start_date=datetime.date(2031, 4, 1),
                                     end_date=datetime.date(2031, 4, 2))
    return ReportingRound.objects.create(programme=programme, meeting=meeting, number=number,
                                         opens_on=datetime.date(2031, 2, 1),
                                         closes_on=datetime.date(2031, 3, 1))
