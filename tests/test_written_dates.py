"""Dates and months typed as the reader writes them, in English or Spanish (core/written_dates.py):
the admin takes "January 2027", "enero de 2027" or "2027-01" for a month and "31 de enero de
2027" for a date, and a form it cannot read says which forms to use, in the reader's language."""

import datetime

import pytest
from django.contrib import admin
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from activities.fields import MonthField, MonthFormField
from activities.models import Activity
from core.written_dates import WrittenDateField, parse_day, parse_month
from reporting.models import ReportingRound

from .support.admin_forms import post_data_from

JAN_2027 = datetime.date(2027, 1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "January 2027",
        "january 2027",
        "Jan. 2027",
        "enero de 2027",
        "Enero 2027",
        "ene 2027",
        "2027-01",
        "2027-1",
        "01/2027",
        "1/2027",
        "2027-01-31",
        "  enero  del 2027 ",
        "2027 January",
    ],
)
def test_a_month_written_either_way_is_read(text):
    assert parse_month(text) == JAN_2027


@pytest.mark.parametrize(
    "text,expected",
    [
        ("septiembre de 2026", datetime.date(2026, 9, 1)),
        ("Setiembre 2026", datetime.date(2026, 9, 1)),
        ("Sept 2026", datetime.date(2026, 9, 1)),
        ("agosto de 2026", datetime.date(2026, 8, 1)),
        ("diciembre de 2026", datetime.date(2026, 12, 1)),
    ],
)
def test_spanish_and_english_month_names_and_abbreviations(text, expected):
    assert parse_month(text) == expected


@pytest.mark.parametrize(
    "text", ["", "2027", "January", "Januar 2027", "13/2027", "2027-13", "31/01/2027", "enero de 27"]
)
def test_what_names_no_month_is_not_read(text):
    assert parse_month(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "31 January 2027",
        "January 31, 2027",
        "31st of January 2027",
        "31 de enero de 2027",
        "31 Enero 2027",
        "2027-01-31",
        "2027/01/31",
        "Jan 31 2027",
    ],
)
def test_a_date_written_either_way_is_read(text):
    assert parse_day(text) == datetime.date(2027, 1, 31)


def test_the_first_of_the_month_with_its_spanish_ordinal():
    assert parse_day("1.º de julio de 2027") == parse_day("1º de julio de 2027") == datetime.date(2027, 7, 1)


@pytest.mark.parametrize(
    "text", ["January 2027", "31 February 2027", "31/01/2027", "2027-01", "32 enero 2027"]
)
def test_what_is_no_written_date_is_left_to_the_language_s_figures(text):
    assert parse_day(text) is None


@pytest.mark.parametrize(
    "lang,message",
    [
        ("en", "Enter a month as January 2027 or 2027-01."),
        ("es", "Escriba el mes como enero de 2027 o 2027-01."),
    ],
)
def test_a_month_not_understood_says_which_forms_to_use(lang, message):
    field = MonthFormField(required=False)
    with translation.override(lang):
        assert field.clean("enero de 2027") == JAN_2027
        assert field.clean("") is None
        with pytest.raises(Exception) as refused:
            field.clean("the first month of 2027")
        assert refused.value.messages == [message]


@pytest.mark.parametrize(
    "lang,typed,message",
    [
        ("en", "05/01/2027", None),  # English figures: month first
        ("es", "05/01/2027", None),  # Spanish figures: day first
        ("en", "January 2027", "Enter a date as 31 January 2027 or 2027-01-31."),
        ("es", "enero de 2027", "Escriba la fecha como 31 de enero de 2027 o 2027-01-31."),
    ],
)
def test_a_date_not_understood_says_which_forms_to_use(lang, typed, message):
    field = WrittenDateField()
    with translation.override(lang):
        assert (
            field.clean("5 de enero de 2027") == field.clean("January 5, 2027") == datetime.date(2027, 1, 5)
        )
        if message is None:
            expected = datetime.date(2027, 5, 1) if lang == "en" else datetime.date(2027, 1, 5)
            assert field.clean(typed) == expected
            return
        with pytest.raises(Exception) as refused:
            field.clean(typed)
        assert refused.value.messages == [message]


@pytest.mark.django_db
def test_every_date_of_every_admin_form_takes_the_written_form(secretariat_user):
    request = RequestFactory().get("/en/admin/")
    request.user = secretariat_user
    seen = set()
    for model, model_admin in admin.site._registry.items():
        form = model_admin.get_form(request)
        for name, field in form.base_fields.items():
            db_field = next((f for f in model._meta.fields if f.name == name), None)
            if not isinstance(db_field, models.DateField) or isinstance(db_field, models.DateTimeField):
                continue
            expected = MonthFormField if isinstance(db_field, MonthField) else WrittenDateField
            assert isinstance(field, expected), (model._meta.label, name)
            seen.add((model._meta.label, name))
    assert {("groups.Meeting", "start_date"), ("reporting.ReportingRound", "deadline")} <= seen
    assert ("activities.Activity", "start_month") in seen and ("reports.Document", "date_es") in seen


@pytest.mark.django_db
def test_the_secretariat_types_a_deadline_and_months_in_words(secretariat_client):
    round_ = ReportingRound.objects.order_by("pk").first()
    with translation.override("es"):
        url = reverse("admin:reporting_reportinground_change", args=[round_.pk])
    data = post_data_from(secretariat_client.get(url))
    data["deadline"] = "enero de 2027"
    refused = secretariat_client.post(url, data)
    assert refused.status_code == 200
    assert "Escriba la fecha como 31 de enero de 2027 o 2027-01-31." in refused.content.decode()
    data["deadline"] = "31 de enero de 2027"
    data["opens_on"] = "1 de diciembre de 2026"
    assert secretariat_client.post(url, data).status_code == 302
    round_.refresh_from_db()
    assert (round_.opens_on, round_.deadline) == (datetime.date(2026, 12, 1), datetime.date(2027, 1, 31))

    activity = Activity.objects.filter(start_month__isnull=False).order_by("pk").first()
    with translation.override("en"):
        url = reverse("admin:activities_activity_change", args=[activity.pk])
    data = post_data_from(secretariat_client.get(url))
    data["start_month"], data["end_month"] = "February 2020", "diciembre de 2021"
    assert secretariat_client.post(url, data).status_code == 302
    activity.refresh_from_db()
    assert (activity.start_month, activity.end_month) == (
        datetime.date(2020, 2, 1),
        datetime.date(2021, 12, 1),
    )


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_spreadsheet_s_month_and_date_cells_take_the_written_form_too(lang):
    from spreadsheets.widgets import DateWidget, MonthWidget

    with translation.override(lang):
        assert (
            MonthWidget().clean("marzo de 2021")
            == MonthWidget().clean("2021-03")
            == datetime.date(2021, 3, 1)
        )
        assert DateWidget().clean("31 de enero de 2027") == DateWidget().clean("January 31, 2027")
        assert DateWidget().clean("2027-01-31") == datetime.date(2027, 1, 31)
        with pytest.raises(ValueError) as month:
            MonthWidget().clean("spring 2021")
        with pytest.raises(ValueError) as day:
            DateWidget().clean("January 2027")
    assert (
        str(month.value)
        == {
            "en": "Write the month as 2021-03 or March 2021.",
            "es": "Escriba el mes como 2021-03 o marzo de 2021.",
        }[lang]
    )
    assert (
        str(day.value)
        == {
            "en": "Write the date as 2027-01-31 or 31 January 2027.",
            "es": "Escriba la fecha como 2027-01-31 o 31 de enero de 2027.",
        }[lang]
    )
