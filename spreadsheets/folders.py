"""A folder of sheets, one file per sheet (spreadsheets/sheets.py): what `export_sheets` writes,
what `import_sheets` reads, and the form of the fixtures that `load_programme` loads. The
import is the clerk's import (each resource's validation and history), every sheet in one
transaction: a problem in any sheet writes nothing."""

from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.db import transaction
from tablib import Dataset

from .errors import SpreadsheetError
from .formats import CSV, XLSX
from .resources.base import result_problems
from .sheets import sheets
from .yaml_sheets import YAML

FORMATS = {"xlsx": XLSX, "csv": CSV, "yaml": YAML}
# A whole programme's history: larger than the admin takes, still bounded.
FOLDER_MAX_ROWS = 200_000
FOLDER_MAX_BYTES = 200 * 1024 * 1024


@dataclass
class FolderImport:
    """What an import of a folder did (or found): per sheet, the count of rows by outcome
    (new, update, skip ...), and every problem as "file: row, column: message"."""

    counts: dict[str, Counter] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    # Per sheet, each row's outcome in the sheet's order (new, update, skip ...).
    outcomes: dict[str, list[str]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [
            f"{name}: " + ", ".join(f"{count} {kind}" for kind, count in counts.items() if count)
            for name, counts in self.counts.items()
        ]


class FolderRefused(Exception):
    """The folder has problems; nothing was written."""

    def __init__(self, outcome: FolderImport):
        super().__init__("\n".join(outcome.problems))
        self.outcome = outcome


class _Rollback(Exception):
    pass


def _sheet_file(folder: Path, stem: str) -> Path | None:
    return next((folder / f"{stem}.{ext}" for ext in FORMATS if (folder / f"{stem}.{ext}").exists()), None)


def import_folder(folder, *, user, dry_run=False, **options) -> FolderImport:
    """Import every sheet the folder has, in sheets()' order, in one transaction. `options` go to
    every resource: `restoring` (rounds' status and closed rounds' progress as the files say),
    `keep_existing` (records already stored are left as they are) and `source` (the history's).
    Raises FolderRefused with every problem; with `dry_run`, checks and writes nothing."""
    folder = Path(folder)
    found = ((stem, _sheet_file(folder, stem)) for stem, _resource in sheets())
    files = {stem: partial(_file_dataset, path) for stem, path in found if path is not None}
    return _import_sheets(files, user, dry_run, options)


def import_rows(rows: dict[str, list[dict]], *, user, dry_run=False, **options) -> FolderImport:
    """import_folder for sheets given as rows (file stem -> dicts of exchange columns, as a
    document read from Word proposes them), checked and written the same way."""
    given = {stem: partial(_rows_dataset, stem, sheet) for stem, sheet in rows.items() if sheet}
    return _import_sheets(given, user, dry_run, options)


def _import_sheets(datasets: dict, user, dry_run: bool, options: dict) -> FolderImport:
    """Every sheet of `datasets` (stem -> a function giving (name, dataset)) in one transaction."""
    outcome = FolderImport()
    try:
        with transaction.atomic():
            for stem, resource_class in sheets():
                if stem in datasets:
                    _import_sheet(datasets[stem], resource_class(**options), user, outcome)
            if outcome.problems or dry_run:
                raise _Rollback
    except _Rollback:
        if outcome.problems:
            raise FolderRefused(outcome) from None
    return outcome


def _file_dataset(path):
    file_format = FORMATS[path.suffix[1:]](max_rows=FOLDER_MAX_ROWS, max_bytes=FOLDER_MAX_BYTES)
    file_format.check_size(path.stat().st_size)
    return path.name, file_format.create_dataset(path.read_bytes())


def _rows_dataset(stem, rows):
    headers = list(dict.fromkeys(column for row in rows for column in row))
    return stem, Dataset(*([row.get(column, "") for column in headers] for row in rows), headers=headers)


def _import_sheet(dataset_of, resource, user, outcome):
    try:
        name, dataset = dataset_of()
    except SpreadsheetError as error:
        outcome.problems.append(f"{dataset_of.args[0].name}: {error}")
        return
    if not len(dataset):
        return
    result = resource.import_data(dataset, dry_run=False, use_transactions=True, user=user)
    outcome.problems += [f"{name}: {problem}" for problem in result_problems(result)]
    outcome.counts[name] = Counter(result.totals)
    outcome.outcomes[name] = [row.import_type for row in result.rows]


def export_folder(folder, file_format="xlsx") -> list[tuple[Path, int]]:
    """Write every sheet into `folder` (one file each); returns (path, rows) of each. YAML files
    are written only for sheets that have rows, so a fixture folder holds what it carries."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written, writer = [], FORMATS[file_format]()
    for stem, resource in sheets():
        dataset = resource().export(force_native_type=file_format != "csv")
        if file_format == "yaml" and not len(dataset):
            continue
        data = writer.export_data(dataset)
        path = folder / f"{stem}.{file_format}"
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        written.append((path, len(dataset)))
    return written
