"""What reading a document from Word proposes, whoever wrote the document: the rows of the
sheets it holds (the exchange columns of spreadsheets/resources, as the fixtures' YAML has them),
the passage each row came from, and the questions the clerk must answer where a name matched
no record or several. Both readers (own.py, typed.py) give a Reading; the import takes it."""

from dataclasses import dataclass, field


class Unreadable(Exception):
    """The files cannot be read as one document (files of two documents, a file that is not a
    .docx, two files in one language): the message says why, in the clerk's words."""


@dataclass(frozen=True)
class Passage:
    """Where a proposed row came from: the file's language, a place a clerk can find ("table 2,
    row 3", "paragraph 14") and the text as the document has it."""

    lang: str
    where: str
    text: str


@dataclass(frozen=True)
class Question:
    """A name in the document that matched no record, or several: `key` identifies it in the
    answers, (`sheet`, `row`, `column`) is the cell the answer goes to, `choices` the values
    that may answer it as (value, label) pairs (empty: nothing matched; the clerk types it).
    `placeholder`: where the cell holds a list ("CHL; ?INEC"), the part of it the answer takes
    the place of (empty: the answer is the whole cell); `message`: the question as the clerk
    reads it, in the language of the reading."""

    key: str
    sheet: str
    row: int
    column: str
    found: str
    passage: Passage
    choices: tuple = ()
    placeholder: str = ""
    message: str = ""


@dataclass
class Reading:
    """`sheets`: file stem of spreadsheets.sheets.sheets() -> rows (dicts of exchange columns).
    `sources`: (stem, row index) -> the passages of that row. `warnings`: what the clerk should
    check before confirming (a table split into rows differently in the two languages)."""

    sheets: dict[str, list[dict]] = field(default_factory=dict)
    sources: dict[tuple[str, int], list[Passage]] = field(default_factory=dict)
    questions: list[Question] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, stem: str, row: dict, *passages: Passage) -> int:
        """Propose `row` in sheet `stem`, from `passages`; its index in the sheet."""
        rows = self.sheets.setdefault(stem, [])
        rows.append(row)
        self.sources[(stem, len(rows) - 1)] = list(passages)
        return len(rows) - 1

    def answered(self, answers: dict[str, str]) -> "Reading":
        """The rows with the clerk's answers put in their cells; the questions left unanswered."""
        sheets = {stem: [dict(row) for row in rows] for stem, rows in self.sheets.items()}
        left = []
        for question in self.questions:
            if answers.get(question.key):
                row = sheets[question.sheet][question.row]
                if question.placeholder:
                    cell = str(row.get(question.column) or "")
                    row[question.column] = cell.replace(question.placeholder, answers[question.key])
                else:
                    row[question.column] = answers[question.key]
            else:
                left.append(question)
        return Reading(sheets, dict(self.sources), left, list(self.warnings))

    def provisional(self) -> "Reading":
        """The rows with each unanswered question's part of a list cell left out ("CHL; ?INEC"
        checked as "CHL"), so that a preview before the answers checks everything else instead
        of failing on the name and on every row that names its record. Never written: the
        import confirms only a reading with every question answered."""
        sheets = {stem: [dict(row) for row in rows] for stem, rows in self.sheets.items()}
        for question in self.questions:
            if not question.placeholder:
                continue
            row = sheets[question.sheet][question.row]
            items = str(row.get(question.column) or "").split(";")
            row[question.column] = "; ".join(i.strip() for i in items if question.placeholder not in i)
        return Reading(sheets, dict(self.sources), list(self.questions), list(self.warnings))
