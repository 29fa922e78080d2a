"""XLIFF 1.2 written and read with translate-toolkit: one <file> with the source and target
languages, one <trans-unit> a text, its id the text's record and field, a note saying what the
text is for the translator, and (for a revision) the text's present translation as <target>."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from lxml import etree
from translate.storage import xliff

from core.bilingual import LANGUAGES

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
CONTENT_TYPE = "application/x-xliff+xml"
# A translator's tool marks a text it has not translated yet so; its target (often a copy of the
# source) is no translation.
UNTRANSLATED_STATES = ("new", "needs-translation")


class XliffUnreadable(Exception):
    """The file is no XLIFF 1.2 file the portal wrote; nothing was read."""


@dataclass(frozen=True)
class Unit:
    id: str
    source: str
    target: str | None  # None: the unit has no <target>
    state: str
    line: int

    @property
    def translated(self) -> bool:
        return bool((self.target or "").strip()) and self.state not in UNTRANSLATED_STATES


@dataclass(frozen=True)
class Translated:
    source: str
    target: str
    scope_name: str  # what it was exported for (scope.Scope.name), as its <file> says
    units: list[Unit]


def file_name(scope, target: str) -> str:
    return f"{scope.slug}-{target}.xlf"


def describe(record, field: str, lang: str) -> str:
    """What a text is, in the active language, its record named in `lang` (the language the
    record's texts are written in): "Activity: Run the survey — activity"."""
    model = type(record)
    with translation.override(lang):
        named = str(record)[:100]
    return f"{capfirst(model._meta.verbose_name)}: {named} — {model._meta.get_field(field).verbose_name}"


def write(scope, texts, *, source: str, target: str) -> bytes:
    """The texts as XLIFF 1.2, from `source` into `target`."""
    root = etree.Element(f"{{{NAMESPACE}}}xliff", nsmap={None: NAMESPACE}, version="1.2")
    etree.SubElement(
        root,
        f"{{{NAMESPACE}}}file",
        {
            "original": scope.name,
            "source-language": source,
            "target-language": target,
            "datatype": "plaintext",
        },
    )
    store = xliff.xlifffile.parsestring(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    for text in texts:
        unit = store.addsourceunit(text.value(source), filename=scope.name)
        unit.setid(text.id)
        with translation.override(source):
            unit.addnote(describe(text.record, text.field, source), origin="developer")
        if text.value(target):
            _revision(unit, text.value(target), target)
    etree.cleanup_namespaces(store.document)
    return bytes(store)


def _revision(unit, translation_now: str, target: str) -> None:
    """The present translation as the target, for the reviser to check: not approved (a tool
    would lock it), "needs-review-translation"."""
    unit.settarget(translation_now, lang=target)
    unit.xmlelement.attrib.pop("approved", None)
    unit.xmlelement.find(unit.namespaced("target")).set("state", "needs-review-translation")


def _language(code) -> str | None:
    """ "es-ES", "es_419", "ES" as the portal's "es"; None for a language it does not keep."""
    lang = (code or "").replace("_", "-").split("-")[0].lower()
    return lang if lang in LANGUAGES else None


def _languages(store) -> tuple[str, str]:
    pairs = {
        (_language(node.get("source-language")), _language(node.get("target-language")))
        for node in store.document.getroot().iterchildren(store.namespaced("file"))
    }
    if len(pairs) != 1:
        raise XliffUnreadable(_("The file mixes several pairs of languages; export one pair a file."))
    ((source, target),) = pairs
    if not source or not target or source == target:
        raise XliffUnreadable(
            _("The file's source and target languages must be English and Spanish, one each (%(langs)s).")
            % {"langs": ", ".join(LANGUAGES)}
        )
    return source, target


def _unit(store, unit) -> Unit:
    element = unit.xmlelement
    target = element.find(store.namespaced("target"))
    return Unit(
        id=element.get("id") or "",
        source=unit.source or "",
        target=None if target is None else (unit.target or ""),
        state="" if target is None else (target.get("state") or ""),
        line=element.sourceline or 0,
    )


def read(content: bytes) -> Translated:
    """The file's languages and units; XliffUnreadable when it is no XLIFF 1.2 file."""
    try:
        store = xliff.xlifffile.parsestring(content)
    except etree.XMLSyntaxError as error:
        raise XliffUnreadable(_("The file is not well-formed XML: %(error)s.") % {"error": error}) from None
    except (ValueError, AssertionError, StopIteration):
        raise XliffUnreadable(
            _(
                "The file is not an XLIFF 1.2 file (the portal exports XLIFF 1.2; "
                "save the translation in that version)."
            )
        ) from None
    if not store.namespace.endswith(":1.2") and not store.namespace.endswith(":1.1"):
        raise XliffUnreadable(_("The file is not an XLIFF 1.2 file (the portal exports XLIFF 1.2)."))
    source, target = _languages(store)
    units = [
        _unit(store, unit)
        for unit in store.getunits()
        if unit.xmlelement.tag == store.namespaced("trans-unit")
    ]
    if not units:
        raise XliffUnreadable(_("The file holds no text to translate."))
    original = next(store.document.getroot().iterchildren(store.namespaced("file"))).get("original")
    return Translated(source, target, original or "", units)
