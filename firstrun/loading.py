"""Loads the fixtures (fixtures/<sheet>.yaml: the 2020-2021 programme, its second report and the
document register, in the sheets' own columns) through the import every clerk uses
(spreadsheets.folders): the same validation, all or nothing, and progress recorded in the
groups' history with the source "fixture files".

Records are found by their natural keys. By default only missing records are created, so
loading twice changes nothing and never undoes the secretariat's edits; with update=True the
files' values overwrite the database."""

from collections import Counter
from pathlib import Path

from django.conf import settings

from core.roles import SYSTEM
from reporting.models import ProgressChange
from spreadsheets.folders import FolderRefused, import_folder

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


class FixtureError(Exception):
    """Fixture files that cannot be loaded; nothing was written."""


def load_programme(directory=FIXTURES_DIR, *, update=False) -> Counter:
    """Load every fixture file in `directory`; returns the count of rows by sheet and outcome
    ("activities new", "activities skip", ...)."""
    try:
        outcome = import_folder(
            directory,
            user=SYSTEM,
            restoring=True,
            keep_existing=not update,
            source=ProgressChange.Source.FIXTURES,
        )
    except FolderRefused as refused:
        raise FixtureError("\n".join(refused.outcome.problems)) from None
    return Counter(
        {
            f"{Path(name).stem} {kind}": count
            for name, counts in outcome.counts.items()
            for kind, count in counts.items()
            if count
        }
    )
