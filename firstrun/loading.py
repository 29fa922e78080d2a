"""Loads the programme fixtures (fixtures/*.yaml, described in fixtures/README.md): the
programme with its groups and progress, and the document register that compiles them.

Records are matched by natural keys (a country by ISO code, an institution by code, a group by
programme and position, an activity by group and order...). By default only missing records
are created, so loading twice changes nothing and never undoes the secretariat's edits;
with update=True the files' values overwrite the database. Everything runs in one
transaction: a file with an error writes nothing. Progress goes through the reporting
workflow's services as the system actor, so it is in the groups' history (source "fixtures")."""

from collections import Counter
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from activities.models import Activity, Objective, Output, Topic
from core.roles import SYSTEM
from groups.models import (
    Country,
    FinancingSource,
    GroupRole,
    Institution,
    Meeting,
    Programme,
    WorkingGroup,
)
from reporting.models import GroupReport, ReportingRound
from reporting.services import EntryValues, progress_load

from .documents import DocumentsLoader
from .values import FixtureError, month, tr

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


class Loader(DocumentsLoader):
    def __init__(self, directory: Path, update: bool = False):
        self.directory = Path(directory)
        self.update = update
        self.counts = Counter()
        self.countries = {}
        self.institutions = {}

    def _read(self, name):
        path = self.directory / name
        try:
            with path.open(encoding="utf-8") as handle:
                return yaml.safe_load(handle)
        except (OSError, yaml.YAMLError) as error:
            raise FixtureError(f"{path}: {error}") from error

    def upsert(self, model, lookup, values):
        """Create the record named by `lookup`, or (in update mode) bring it to `values`."""
        obj = model._default_manager.filter(**lookup).first()
        label = model._meta.model_name
        if obj is None:
            obj = model(**lookup, **values)
            self._save(obj, lookup)
            self.counts[f"{label} created"] += 1
        elif self.update and any(getattr(obj, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(obj, key, value)
            self._save(obj, lookup)
            self.counts[f"{label} updated"] += 1
        else:
            self.counts[f"{label} unchanged"] += 1
        return obj

    @staticmethod
    def _save(obj, lookup):
        try:
            obj.full_clean()
        except ValidationError as error:
            raise FixtureError(f"{obj._meta.verbose_name} {lookup}: {error.message_dict}") from error
        obj.save()

    def country(self, iso3):
        try:
            return self.countries[iso3]
        except KeyError:
            raise FixtureError(f"unknown country {iso3!r}") from None

    def institution(self, key):
        try:
            return self.institutions[key]
        except KeyError:
            raise FixtureError(f"unknown institution {key!r}") from None

    def load(self):
        with transaction.atomic():
            self.load_countries()
            self.load_institutions()
            round_ = self.load_conference()
            for path in sorted((self.directory / "groups").glob("*.yaml")):
                try:
                    self.load_group(self._read(f"groups/{path.name}"), round_)
                except FixtureError as error:
                    raise FixtureError(f"{path.name}: {error}") from error
            if (self.directory / "documents.yaml").exists():
                self.load_documents()
        return self.counts

    def load_countries(self):
        for row in self._read("countries.yaml"):
            self.countries[row["iso3"]] = self.upsert(
                Country,
                {"iso3": row["iso3"]},
                {
                    **tr("name", row["name"]),
                    **tr("name_in_phrase", row.get("name_in_phrase")),
                    "membership": row.get("membership", "member"),
                },
            )

    def load_institutions(self):
        # Parents come before their units in the file.
        for row in self._read("institutions.yaml"):
            values = {
                **tr("name", row["name"]),
                **tr("acronym", row.get("acronym")),
                "kind": row["kind"],
                "country": self.country(row["country"]) if row.get("country") else None,
                "parent": self.institution(row["parent"]) if row.get("parent") else None,
            }
            self.institutions[row["key"]] = self.upsert(Institution, {"code": row["key"]}, values)

    def load_conference(self):
        data = self._read("conference.yaml")
        meetings = {}
        for row in data["meetings"]:
            values = {
                **tr("place", row.get("place")),
                "is_virtual": row.get("is_virtual", False),
                "start_date": row["start_date"],
                "end_date": row["end_date"],
            }
            meeting = self.upsert(Meeting, {"body": row["body"], "number": row["number"]}, values)
            meetings[meeting.code] = meeting
        self.programmes = {}
        for row in data["programmes"]:
            programme = self.upsert(
                Programme,
                {"start_year": row["start_year"]},
                {
                    "end_year": row["end_year"],
                    "approved_at": meetings[row["approved_at"]],
                    **tr("title", row["title"]),
                },
            )
            self.programmes[programme.period] = programme
        self.meetings = meetings
        self.rounds = rounds = {}
        for row in data["rounds"]:
            round_ = self.upsert(
                ReportingRound,
                {"meeting": meetings[row["meeting"]]},
                {
                    "programme": self.programmes[row["programme"]],
                    "number": row["number"],
                    "opens_on": row["opens_on"],
                    "deadline": row["deadline"],
                    "status": row.get("status", ReportingRound.Status.PLANNED),
                },
            )
            rounds[row["meeting"]] = round_
        return rounds[data["reported_round"]]

    def load_group(self, data, round_):
        programme = self.programmes[data.get("programme", "2020-2021")]
        group = self.upsert(
            WorkingGroup,
            {"programme": programme, "number": data["number"]},
            {
                **{
                    k: v
                    for field in ("name", "theme", "output", "background", "expected_impact", "financing")
                    for k, v in tr(field, data.get(field)).items()
                },
                "document_type": data.get("document_type", ""),
                # The published documents list countries and bodies in their own order.
                "role_order": data.get("role_order", WorkingGroup.RoleOrder.AS_ENTERED),
            },
        )
        self.load_roles(group, data)
        objectives = self.load_objectives(group, data)
        for order, row in enumerate(data.get("financing_sources") or [], start=1):
            self.upsert(
                FinancingSource,
                {"group": group, "order": order},
                {
                    "institution": self.institution(row["institution"]) if row.get("institution") else None,
                    **tr("label", row.get("label")),
                    **tr("form", row.get("form")),
                    **tr("purpose", row.get("purpose")),
                    "amount_usd": row.get("amount_usd"),
                },
            )
        for order, row in enumerate(data.get("outputs") or [], start=1):
            self.load_output(group, order, row)
        progress = self.load_activities(group, data.get("activities") or [], objectives)
        if progress or data.get("reported_output"):
            self.load_progress(group, round_, progress, data.get("reported_output"))

    def load_progress(self, group, round_, progress, reported_output):
        # A group that reported in a closed round had its report accepted by the secretariat.
        status = (
            GroupReport.Status.ACCEPTED
            if round_.status == ReportingRound.Status.CLOSED
            else GroupReport.Status.SUBMITTED
        )
        result = progress_load(
            reporting_round=round_,
            group=group,
            actor=SYSTEM,
            update=self.update,
            entries={
                activity: EntryValues(row["percent"], **tr("remarks", row.get("remarks")))
                for activity, row in progress.items()
            },
            report_values={**tr("output_as_reported", reported_output), "status": status},
        )
        for outcome in ("created", "updated", "unchanged"):
            if getattr(result, outcome):
                self.counts[f"progressentry {outcome}"] += getattr(result, outcome)
        self.counts["groupreport created" if result.report_created else "groupreport unchanged"] += 1

    def load_roles(self, group, data):
        def role_rows():
            for row in data.get("coordinating_countries") or []:
                yield GroupRole.Role.COORDINATING, row["country"], row.get("institution")
            for iso3 in data.get("member_countries") or []:
                yield GroupRole.Role.MEMBER, iso3, None
            for key in data.get("technical_secretariats") or []:
                yield GroupRole.Role.SECRETARIAT, None, key
            for key in data.get("participating_bodies") or []:
                yield GroupRole.Role.PARTICIPATING, None, key

        orders = Counter()
        for role, iso3, key in role_rows():
            orders[role] += 1
            self.upsert(
                GroupRole,
                {"group": group, "role": role, "order": orders[role]},
                {
                    "country": self.country(iso3) if iso3 else None,
                    "institution": self.institution(key) if key else None,
                },
            )

    def load_objectives(self, group, data):
        for order, text in enumerate(data.get("general_objectives") or [], start=1):
            self.upsert(
                Objective,
                {"group": group, "kind": "general", "order": order},
                {**tr("text", text), **tr("title", None)},
            )
        specific = {}
        for order, row in enumerate(data.get("specific_objectives") or [], start=1):
            specific[order] = self.upsert(
                Objective,
                {"group": group, "kind": "specific", "order": order},
                {**tr("text", row["text"]), **tr("title", row.get("title"))},
            )
        return specific

    def load_output(self, group, order, row):
        responsible = row.get("responsible") or []
        output = self.upsert(
            Output,
            {"group": group, "order": order},
            {
                **tr("text", row["text"]),
                **tr("timetable", row.get("timetable")),
                "by_coordinating_countries": "coordinating_countries" in responsible,
                "by_member_countries": "member_countries" in responsible,
            },
        )
        keys = [k for k in responsible if k not in ("coordinating_countries", "member_countries")]
        wanted = {self.institution(k).pk for k in keys}
        if self.update or not output.institutions.exists():
            if set(output.institutions.values_list("pk", flat=True)) != wanted:
                output.institutions.set(wanted)

    def load_activities(self, group, rows, objectives):
        """The group's activities; returns each reported one's progress row, in report order."""
        topics, reported = {}, {}
        for order, row in enumerate(rows, start=1):
            topic = None
            if row.get("topic"):
                heading = row["topic"]["en"]
                if heading not in topics:
                    topics[heading] = self.upsert(
                        Topic, {"group": group, "order": len(topics) + 1}, tr("title", row["topic"])
                    )
                topic = topics[heading]
            if row.get("objective") and row["objective"] not in objectives:
                raise FixtureError(f"activity {order}: no specific objective {row['objective']}")
            activity = self.upsert(
                Activity,
                {"group": group, "order": order},
                {
                    **tr("text", row["text"]),
                    **tr("coordination", row.get("coordination")),
                    **tr("start_text", row.get("start_text")),
                    **tr("end_text", row.get("end_text")),
                    "plan_no": row.get("plan_no"),
                    "objective": objectives.get(row.get("objective")),
                    "topic": topic,
                    "start_month": month(row.get("start")),
                    "end_month": month(row.get("end")),
                },
            )
            progress = row.get("progress")
            if progress:
                # A bare `no:` key is the boolean False in YAML 1.1; accept both spellings.
                number = progress.get("no", progress.get(False))
                if number != len(reported) + 1:
                    raise FixtureError(
                        f"activity {order}: report number {number}, "
                        f"expected {len(reported) + 1} (report order)"
                    )
                reported[activity] = progress
        return reported


def load_programme(directory=FIXTURES_DIR, *, update=False):
    """Load every fixture file in `directory`; returns counts of created/updated/unchanged records."""
    return Loader(directory, update=update).load()
