"""The documents a group report's page links to: the group's report to the round's meeting and
the round's report on the implementation of the programme. A round has a handful; the page
shows at most DOCUMENTS_SHOWN and sends the reader to the register for the rest, so that the
page never grows with the register."""

from django.db.models import F, Q

from reports.models import Document

DOCUMENTS_SHOWN = 5


def round_documents(reporting_round, group) -> dict:
    """The template's `documents` (the group's own first, then by symbol) and `more_documents`
    (whether the register holds more of them)."""
    documents = list(
        Document.objects.filter(Q(group__isnull=True) | Q(group=group), round=reporting_round).order_by(
            F("group").asc(nulls_last=True), "symbol"
        )[: DOCUMENTS_SHOWN + 1]
    )
    return {"documents": documents[:DOCUMENTS_SHOWN], "more_documents": len(documents) > DOCUMENTS_SHOWN}
