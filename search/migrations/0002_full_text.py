"""Each engine's full-text match over the index's folded words (search/text.py): on PostgreSQL
a tsvector column the database computes (the `simple` configuration: the words are already
folded, and no stemming, so that both engines find the same records) with a GIN index; on
SQLite an FTS5 table over the rows (tokenizer unicode61 with diacritics removed), kept in step
by triggers, so that every write of the index, bulk ones included, reaches it."""

from django.db import migrations

POSTGRESQL = [
    "ALTER TABLE search_entry ADD COLUMN vector tsvector"
    " GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, words)) STORED",
    "CREATE INDEX search_entry_vector ON search_entry USING gin (vector)",
    # Sorted byte by byte, as SQLite does, and without the locale's (slower) rules.
    'ALTER TABLE search_entry ALTER COLUMN kind TYPE varchar(16) COLLATE "C",'
    ' ALTER COLUMN label TYPE varchar(200) COLLATE "C"',
]
POSTGRESQL_UNDO = [
    'ALTER TABLE search_entry ALTER COLUMN kind TYPE varchar(16) COLLATE "default",'
    ' ALTER COLUMN label TYPE varchar(200) COLLATE "default"',
    "DROP INDEX search_entry_vector",
    "ALTER TABLE search_entry DROP COLUMN vector",
]

SQLITE = [
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5(words, content='search_entry', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_entry_made AFTER INSERT ON search_entry BEGIN"
    " INSERT INTO search_entry_fts(rowid, words) VALUES (new.id, new.words); END",
    "CREATE TRIGGER search_entry_removed AFTER DELETE ON search_entry BEGIN"
    " INSERT INTO search_entry_fts(search_entry_fts, rowid, words) VALUES ('delete', old.id, old.words); END",
    "CREATE TRIGGER search_entry_changed AFTER UPDATE OF words ON search_entry BEGIN"
    " INSERT INTO search_entry_fts(search_entry_fts, rowid, words) VALUES ('delete', old.id, old.words);"
    " INSERT INTO search_entry_fts(rowid, words) VALUES (new.id, new.words); END",
    # Rows already there (none, unless migrated back and forth) enter the FTS table.
    "INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')",
]
SQLITE_UNDO = [
    "DROP TRIGGER search_entry_changed",
    "DROP TRIGGER search_entry_removed",
    "DROP TRIGGER search_entry_made",
    "DROP TABLE search_entry_fts",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_entry")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_UNDO, "sqlite": SQLITE_UNDO}),
        )
    ]
