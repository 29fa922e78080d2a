"""Each kind of the Conference's documents in one class: its title, what it covers (a programme,
a round, a round and a group), the secretariat's sections it shows, the layouts it may take, the
template it is written with and the reads that feed it. The model's choices, its rules and its
database constraint, and the rendering, all ask these classes; adding a kind is a class here,
its template and its selector, and the catalogue for its title.

Nothing here imports the models at module level: reports.models builds its choices and
constraints from these classes."""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from . import parts as group_parts

# What a document may cover, by the name of its field on Document.
COVERED = ("programme", "round", "group")
PARTS, TABLE = "parts", "table"


class DocumentKind:
    name: str  # the member's name in Document.Kind
    value: str  # what Document.kind stores
    label = ""  # the Conference's own title for documents of the kind
    covers: tuple[str, ...] = ()  # of COVERED, the ones it needs (the others stay empty)
    sections: tuple[str, ...] = ()  # the secretariat's sections it shows, in order
    layouts: tuple[str, ...] = (PARTS,)
    template = ""
    selector = ""  # the dotted path of the function that reads what the template shows
    # The dotted path of the function that writes the Word file from the template's HTML: every
    # kind so far is written by the one that follows the HTML and its stylesheet.
    word_writer = "reports.word.html_to_docx"
    # The parts the secretariat may compose a document of (reports/composition.py), by name,
    # and the composition of a document that names none. A kind without them prints its
    # template's fixed shape.
    parts: dict = {}
    default_composition: tuple = ()
    help = ""  # the admin's word on the kind's composition

    def coverage(self) -> Q:
        """The database's half of clean(): the kind with exactly what it covers."""
        return Q(kind=self.value, **{f"{field}__isnull": field not in self.covers for field in COVERED})

    def covered_programme(self, document):
        """The programme the document is about."""
        return document.round.programme

    def write_docx(self, html: str, document=None, lang: str = "") -> bytes:
        """The Word file of the document's HTML; with the document, stamped by reports.word.STAMPS
        (its provenance, for reading it back)."""
        from .word import STAMPS

        content = import_string(self.word_writer)(html)
        for stamp in STAMPS if document is not None else ():
            content = stamp(document, lang, content)
        return content

    def context(self, document) -> dict:
        """What the template shows, read in a fixed number of queries."""
        # The selectors read the models, which are built from these classes: imported late.
        return import_string(self.selector)(document)


class ProgrammeDocument(DocumentKind):
    """The draft biennial programme (LC/CEA.10/5): every group's programme of work."""

    name, value = "PROGRAMME", "programme"
    label = _("draft biennial programme")
    covers = ("programme",)
    sections = ("introduction",)
    template = "reports/pdf/programme.html"
    selector = "reports.selectors.programme_document_context"

    def covered_programme(self, document):
        return document.programme


class ProgressDocument(DocumentKind):
    """The secretariat's report on the programme's implementation to a meeting of the Executive
    Committee (LC/CE.20/3): every group's progress in a round."""

    name, value = "PROGRESS_REPORT", "progress_report"
    label = _("report on the implementation of the biennial programme")
    covers = ("round",)
    sections = ("introduction", "obstacles", "gender", "document_type")
    template = "reports/pdf/progress_document.html"
    selector = "reports.selectors.progress_document_context"


class GroupDocument(DocumentKind):
    """A working group's own report to a meeting, in numbered parts or in two columns."""

    name, value = "GROUP_REPORT", "group_report"
    label = _("report of a working group")
    covers = ("round", "group")
    sections = ("introduction",)
    layouts = (PARTS, TABLE)
    template = "reports/pdf/group_document.html"
    selector = "reports.group_document.group_document_context"
    parts = group_parts.CATALOGUE
    default_composition = group_parts.DEFAULT_COMPOSITION
    help = _(
        'The parts the report prints, in order: a part marked "inside the part before" is '
        "lettered (a), (b) ... inside it. Without any part, the report prints its default "
        "composition: introduction, composition of the group, programme of work (objectives, "
        "activities, outputs, financing), results of the previous programme, progress, events, "
        "figures, plan of activities, links and conclusions, each where the group has data."
    )


class ComparisonDocument(DocumentKind):
    """A group of a draft programme beside the group it continues (reporting/proposal_comparison.py):
    its activities, objectives and outputs new, carried forward, changed and dropped, and its
    countries added and removed, for the Executive Committee to read before the Conference."""

    name, value = "GROUP_COMPARISON", "group_comparison"
    label = _("comparison of a working group's current and proposed programme")
    covers = ("group",)
    sections = ("introduction",)
    template = "reports/pdf/group_comparison.html"
    selector = "reports.comparison_reads.comparison_document_context"

    def covered_programme(self, document):
        return document.group.programme


# In the order of the register's choices: the programme, then the reports on it, then the
# comparison of a proposed group with its current one.
KINDS = (ProgrammeDocument(), ProgressDocument(), GroupDocument(), ComparisonDocument())
BY_VALUE = {kind.value: kind for kind in KINDS}


def kind_of(document) -> DocumentKind:
    return BY_VALUE[document.kind]


def coverage_condition() -> Q:
    """Every kind with what it covers, as one check constraint's condition."""
    return reduce(or_, (kind.coverage() for kind in KINDS))


def layout_condition() -> Q:
    """The parts' layout for every kind; another layout only for the kinds that have it."""
    others = [Q(kind=kind.value) for kind in KINDS if set(kind.layouts) - {PARTS}]
    return reduce(or_, [Q(layout=PARTS), *others])
