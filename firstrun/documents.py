"""Loading the document register (fixtures/documents.yaml): each document with what it covers,
its dates per language and the secretariat's sections."""

from groups.models import WorkingGroup
from reports.models import Document

from .values import LANGS, FixtureError, day, tr


class DocumentsLoader:
    """The register's part of the fixture loader (firstrun.loading.Loader): needs its
    `meetings`, `programmes` and `rounds`, read before."""

    def load_documents(self):
        for row in self._read("documents.yaml"):
            try:
                self.load_document(row)
            except (KeyError, FixtureError) as error:
                raise FixtureError(f"documents.yaml, {row.get('symbol')}: {error!r}") from error

    def load_document(self, row):
        round_ = self.rounds[row["round"]] if row.get("round") else None
        group = None
        if row.get("group"):
            group = WorkingGroup.objects.get(programme=round_.programme, number=row["group"])
        values = {
            "kind": row["kind"],
            "meeting": self.meetings[row["meeting"]],
            "programme": self.programmes[row["programme"]] if row.get("programme") else None,
            "round": round_,
            "group": group,
            "distribution": row.get("distribution", Document.Distribution.LIMITED),
            "original_language": row.get("original_language", "es"),
            "job_number": row.get("job_number", ""),
            **tr("title", row["title"]),
            **{f"date_{lang}": day(row["date"].get(lang)) for lang in LANGS},
        }
        for section in Document.ALL_SECTIONS:
            values.update(tr(section, row.get(section)))
        self.upsert(Document, {"symbol": row["symbol"]}, values)
