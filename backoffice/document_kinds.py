"""What each kind of document uses of the document's admin page, for its script
(static/js/admin-document-kinds.js) to grey what the chosen kind does not use. Built from the
kinds themselves (reports/kinds.py): what a kind covers, its sections, its layouts and whether
it is composed of parts. The server's rules stay where they are (Document.clean, the database's
constraints, DocumentPart.clean): the page only shows them before saving."""

from django.utils.translation import gettext

from core.bilingual import LANGUAGES
from reports.kinds import COVERED, KINDS
from reports.models import Document

# The composition's variants only a kind composed of parts reads.
PART_VARIANTS = Document.PART_VARIANTS
PARTS_INLINE = "parts"  # DocumentPart's related name: the inline's group is #parts-group


def _must_be(kind) -> dict[str, str]:
    """The fields the kind refuses unless they hold this value: what it does not cover, the
    sections it does not show (empty), and its layout when it has only one."""
    must = {field: "" for field in COVERED if field not in kind.covers}
    for section in Document.ALL_SECTIONS:
        if section not in kind.sections:
            must.update({f"{section}_{lang}": "" for lang in LANGUAGES})
    if len(kind.layouts) == 1:
        must["layout"] = kind.layouts[0]
    return must


def kind_rules() -> dict:
    """For each kind's value: the fields it refuses unless they hold a value (`must_be`), the
    fields it ignores (`ignored`), whether it takes parts, and the notes the page shows."""
    rules = {}
    for kind in KINDS:
        label = str(kind.label)
        composed = bool(kind.parts)
        rules[kind.value] = {
            "must_be": _must_be(kind),
            "ignored": [] if composed else list(PART_VARIANTS),
            "parts": composed,
            "unused_note": gettext("Not used by this kind of document (%(kind)s).") % {"kind": label},
            "refused_note": gettext(
                "Not used by this kind of document (%(kind)s): take this out, or choose another kind."
            )
            % {"kind": label},
        }
    return rules
