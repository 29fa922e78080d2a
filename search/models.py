"""The search index: one row per text of a record in a language, folded for matching, with
where the record stands in the programme's order. Derived from the records (search/index.py
keeps it in step); each engine matches it its own way (migrations 0002: a tsvector with a GIN
index on PostgreSQL, an FTS5 table on SQLite)."""

from django.db import models


class Entry(models.Model):
    kind = models.CharField(max_length=16)  # search.kinds: "activities", "documents"...
    record_id = models.PositiveIntegerField()
    field = models.CharField(max_length=24)
    field_rank = models.PositiveSmallIntegerField()  # which field a hit shows first
    lang = models.CharField(max_length=2, blank=True)  # blank: a text in no language (a symbol)
    words = models.TextField()  # search.text.fold: no accents, case or punctuation
    # The working group the record belongs to (none: a country, an institution), by its key
    # only: the index is no part of the programme and never holds a group back from deletion.
    group_id = models.PositiveIntegerField(null=True, db_index=True)
    # The programme's order: the newest programme (or meeting) first, then group, position in
    # the group, round, and name.
    recent = models.PositiveIntegerField(default=0)
    number = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)
    sub = models.PositiveIntegerField(default=0)
    label = models.CharField(max_length=200, blank=True)

    class Meta:
        db_table = "search_entry"
        constraints = [
            models.UniqueConstraint(fields=["kind", "record_id", "field", "lang"], name="search_entry_once")
        ]

    def __str__(self):
        return f"{self.kind} {self.record_id} {self.field} {self.lang}"
