"""Every row of every table of a database outside Django's connections, read with raw SQL,
and the comparison of two such dumps (tests/test_migration_move.py): the raw driver, not the
ORM, so that what is compared is what is stored, whatever the models now say about it."""

import datetime
import decimal
import sqlite3
from contextlib import closing

# The tables a migrate may legitimately write to, compared by their own rules below.
MIGRATIONS, CONTENT_TYPES, PERMISSIONS = "django_migrations", "django_content_type", "auth_permission"
# The models that left activities for reporting: their content types are renamed, keeping ids.
MOVED = ("reportinground", "progressentry", "groupreport", "progresschange", "roundreminder")
DOMAIN_TABLES = tuple(f"activities_{model}" for model in MOVED)
# Models renamed since (RenameModel): their table is renamed with every row kept, and their
# content type keeps its id under the new name. IssuedPdf became IssuedFile (issue 25: an issued
# document keeps a Word file beside each PDF).
RENAMED = {("reports", "issuedpdf"): "issuedfile"}
RENAMED_TABLES = {f"{app}_{old}": f"{app}_{new}" for (app, old), new in RENAMED.items()}
_ORDERABLE = (int, float, decimal.Decimal, str, bytes, datetime.date, datetime.time, datetime.timedelta)


# --- Dumping ------------------------------------------------------------------------------------


def dump(database) -> dict[str, list[dict]]:
    """{table: rows}, each row a {column: value} dict, the rows in a stable order."""
    if database["vendor"] == "sqlite":
        # sqlite_sequence and the like are SQLite's bookkeeping (autoincrement counters that
        # move whenever django_migrations gains a row), not tables of the project's.
        tables_sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        connect = lambda: sqlite3.connect(database["path"])  # noqa: E731
    else:
        import psycopg2

        tables_sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        connect = lambda: psycopg2.connect(dbname=database["name"], **database["params"])  # noqa: E731
    with closing(connect()) as conn, closing(conn.cursor()) as cursor:
        cursor.execute(tables_sql)
        tables = sorted(row[0] for row in cursor.fetchall())
        if database["vendor"] == "sqlite":
            tables = _without_shadow_tables(cursor, tables)
        return {table: _rows(cursor, table) for table in tables}


def _without_shadow_tables(cursor, tables):
    """Leave out the tables in which SQLite's full-text index (search_entry_fts, FTS5) keeps its
    own pages: their bytes depend on the order rows were indexed in. The virtual table itself
    stays, and what it holds is compared."""
    cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
    virtual = [row[0] for row in cursor.fetchall()]
    return [t for t in tables if not any(t.startswith(f"{name}_") for name in virtual)]


def _rows(cursor, table):
    cursor.execute(f'SELECT * FROM "{table}"')  # names come from the catalogue, not from input
    columns = [column[0] for column in cursor.description]
    rows = [dict(zip(columns, map(_plain, values), strict=True)) for values in cursor.fetchall()]
    return sorted(rows, key=lambda row: [_sort_key(value) for value in row.values()])


def _plain(value):
    # psycopg2 gives bytea as memoryview, which compares by content but cannot be sorted.
    return bytes(value) if isinstance(value, memoryview) else value


def _sort_key(value):
    """Orders any column's values: None first, then by type, then by value (or its repr,
    for the values that cannot be ordered, such as a JSON column's dicts)."""
    if value is None:
        return (0,)
    return (1, type(value).__name__, value if isinstance(value, _ORDERABLE) else repr(value))


# --- Comparing ----------------------------------------------------------------------------------


def differences(before, after) -> list[str]:
    """What the migrate changed that it may not have: one line per problem, none if all is well."""
    renamed = {old: new for old, new in RENAMED_TABLES.items() if old in before}
    problems = [
        f"table {table} was dropped"
        for table in sorted(set(before) - set(after))
        if renamed.get(table) not in after
    ]
    rules = {MIGRATIONS: _only_added, PERMISSIONS: _same_by_id, CONTENT_TYPES: _content_types}
    for table in sorted(set(before) & set(after)):
        problems += rules.get(table, _identical)(table, before[table], after[table])
    for old, new in renamed.items():
        if new in after:
            problems += _identical(f"{old} (now {new})", before[old], after[new])
    for table in DOMAIN_TABLES:
        count, now = len(before.get(table, [])), len(after.get(table, []))
        if not count or count != now:
            problems.append(f"{table}: {count} rows before, {now} after (expected the same, not 0)")
    return problems


def _identical(table, old, new):
    # A column a later migration adds is new, not a change: the rows are compared on the
    # columns they had; a column gone is a problem.
    if old and new:
        gone = set(old[0]) - set(new[0])
        if gone:
            return [f"{table}: columns dropped: {sorted(gone)}"]
        new = [{column: row[column] for column in old[0]} for row in new]
    if old == new:
        return []
    if old and new and "id" in old[0] and "id" in new[0]:
        return _changes_by_id(table, _by_id(old), _by_id(new))
    lost, gained = [r for r in old if r not in new], [r for r in new if r not in old]
    return [
        f"{table}: {len(old)} rows before, {len(new)} after; {len(lost)} lost or changed, "
        f"e.g. {lost[:2]}; {len(gained)} new or changed, e.g. {gained[:2]}"
    ]


def _changes_by_id(table, old, new):
    """The ids gone and added, and the columns that changed in the rows kept (a few)."""
    changed = {
        pk: _columns_changed(old[pk], new[pk]) for pk in sorted(old.keys() & new.keys()) if old[pk] != new[pk]
    }
    problems = [
        f"{table}: {len(old)} rows before, {len(new)} after; ids gone "
        f"{sorted(old.keys() - new.keys())[:10]}, ids added {sorted(new.keys() - old.keys())[:10]}, "
        f"{len(changed)} rows changed"
    ]
    return problems + [f"  {table} id {pk}: {diff}" for pk, diff in list(changed.items())[:5]]


def _columns_changed(old, new):
    """{column: (before, after)} for the columns that differ; a column gone or added too."""
    missing = "<no such column>"
    return {
        column: (_short(old.get(column, missing)), _short(new.get(column, missing)))
        for column in [*old, *(c for c in new if c not in old)]
        if old.get(column, missing) != new.get(column, missing)
    }


def _short(value):
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _only_added(table, old, new):
    lost = [row for row in old if row not in new]
    return [f"{table}: {len(lost)} rows gone or changed, e.g. {lost[:3]}"] if lost else []


def _by_id(rows):
    return {row["id"]: row for row in rows}


def _same_by_id(table, old, new):
    new_by_id = _by_id(new)
    return [
        f"{table} id {row['id']}: "
        + (
            f"changed {_columns_changed(row, new_by_id[row['id']])}"
            if row["id"] in new_by_id
            else f"gone, was {row}"
        )
        for row in old
        if new_by_id.get(row["id"]) != row
    ]


def _content_types(table, old, new):
    """Rows kept by id; exactly the moved models' app_label goes from activities to reporting."""
    new_by_id, problems, renamed = _by_id(new), [], set()
    for row in old:
        now = new_by_id.get(row["id"])
        moved = row["app_label"] == "activities" and row["model"] in MOVED
        expected = {**row, "app_label": "reporting"} if moved else row
        if (row["app_label"], row["model"]) in RENAMED:
            expected = {**row, "model": RENAMED[row["app_label"], row["model"]]}
        if now != expected:
            problems.append(f"{table} id {row['id']}: {row} became {now}, expected {expected}")
        elif moved:
            renamed.add(row["model"])
    if renamed != set(MOVED):
        problems.append(f"{table}: renamed {sorted(renamed)}, expected all of {sorted(MOVED)}")
    return problems


def summary(before, after) -> str:
    rows = sum(len(rows) for rows in before.values())
    added = sorted(set(after) - set(before))
    return (
        f"{len(before)} tables and {rows} rows compared; "
        f"{sum(len(r) for r in after.values()) - rows} rows added; new tables: {added or 'none'}"
    )
