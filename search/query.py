"""The search in the database: which records of each kind hold every word of a query (each
word the start of a word of one text of the record, accents and case ignored), how many, and
a page of them in order: the records matched in the reader's language (or in a text in no
language, a symbol) first, then by the engine's rank, then in the programme's order.

Only the match and its rank differ between the engines (FTS5's bm25 on SQLite, ts_rank over
the tsvector on PostgreSQL; search/migrations/0002_full_text.py); the rest is one SQL. The
work is the matched rows' (the ranking needs them all), never the whole index's."""

from dataclasses import dataclass

from django.db import connection

# A row matched in the other language sorts after every row in the reader's: the key is
# OTHER + score, the score (lower is better) well within +-OTHER/2.
OTHER = 1000
# Each engine's rows of the index that match (`e`), and the score of one (lower is better).
SOURCE = {
    "sqlite": """search_entry_fts JOIN search_entry e ON e.id = search_entry_fts.rowid
        WHERE search_entry_fts MATCH %s""",
    "postgresql": "search_entry e WHERE e.vector @@ to_tsquery('simple', %s)",
}
MATCHED = {"sqlite": "MATERIALIZED", "postgresql": ""}
SCORE = {"sqlite": "bm25(search_entry_fts)", "postgresql": "-ts_rank(e.vector, to_tsquery('simple', %s))"}
# Each record once, by its best text (on SQLite the matches MATERIALIZED: bm25 may not move
# into the grouping; PostgreSQL groups them as it reads them, a little faster); then, for each
# kind asked, its records from place `start` to `stop` in order, each kind sorted on its own,
# so that only those are kept (a top-N sort), not every record placed.
_RECORDS = """WITH matched AS {materialized} (
        SELECT e.kind, e.record_id, e.recent, e.number, e.position, e.sub, e.label,
            CASE WHEN e.lang IN (%s, '') THEN 0 ELSE {other} END + {score} AS key
        FROM {source}
    ),
    records AS MATERIALIZED (
        SELECT kind, record_id, MIN(key) AS key, MAX(recent) AS recent, MIN(number) AS number,
            MIN(position) AS position, MIN(sub) AS sub, MIN(label) AS label
        FROM matched GROUP BY kind, record_id
    )
    """
_ORDER = "key, recent DESC, number, position, sub, label, record_id"
_KIND = f"""SELECT * FROM (
        SELECT kind, record_id, key, recent, number, position, sub, label FROM records
        WHERE kind = %s ORDER BY {_ORDER} LIMIT %s OFFSET %s
    ) AS k{{n}}"""
# How many records of each kind, as rows of the same shape (no record: NULL).
_COUNTED = "SELECT kind, NULL, COUNT(*), NULL, NULL, NULL, NULL, NULL FROM records GROUP BY kind"
_COUNTS = "SELECT e.kind, COUNT(DISTINCT e.record_id) FROM {source} GROUP BY e.kind"


def engine_query(words: list[str]) -> str:
    """The words as the engine's query: every word, each as the start of a word. The words are
    letters and digits only (search.text.words), so nothing in them is the syntax's."""
    if connection.vendor == "postgresql":
        return " & ".join(f"{word}:*" for word in words)
    return " ".join(f'"{word}"*' for word in words)


@dataclass(frozen=True)
class Found:
    kind: str
    record_id: int
    in_reader_language: bool  # (or in no language)


def counts(words: list[str]) -> dict[str, int]:
    """How many records of each kind hold every word (kinds with none left out)."""
    with connection.cursor() as cursor:
        cursor.execute(_COUNTS.format(source=SOURCE[connection.vendor]), [engine_query(words)])
        return dict(cursor.fetchall())


def found(
    words: list[str], lang: str, kinds: list[str], *, start: int = 0, stop: int, counting: bool = False
) -> tuple[dict[str, int] | None, list[Found]]:
    """The records found of each of `kinds` in order, places `start` to `stop` (from 0); and with
    `counting` how many records of each kind were found (kinds with none left out), in the same
    statement, so that the matches are read once."""
    vendor, searched = connection.vendor, engine_query(words)
    parts = [_KIND.format(n=n) for n in range(len(kinds))] + ([_COUNTED] if counting else [])
    sql = _RECORDS.format(
        other=OTHER, score=SCORE[vendor], source=SOURCE[vendor], materialized=MATCHED[vendor]
    ) + "\nUNION ALL ".join(parts)
    scored = [searched] if "%s" in SCORE[vendor] else []
    params = [lang, *scored, searched]
    for kind in kinds:
        params += [kind, stop - start, start]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # (PostgreSQL gives the counts in the score's type, a float.)
    counts = {kind: int(total) for kind, pk, total, *_place in rows if pk is None} if counting else None
    rows = [row for row in rows if row[1] is not None]
    # Each kind's rows came sorted, but UNION ALL promises no order: sorted again (a few rows).
    rows.sort(key=lambda r: (kinds.index(r[0]), r[2], -r[3], r[4], r[5], r[6], r[7], r[1]))
    return counts, [Found(kind, pk, key < OTHER / 2) for kind, pk, key, *_place in rows]
