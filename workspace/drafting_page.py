"""What the drafting's page shows (workspace/drafting.py): each proposal's row with its
warnings, the draft programme's documents, and the admin's pages the secretariat goes on to."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from reporting.drafting_reads import proposal_warnings
from reporting.models import Drafting, Proposal
from reports.kinds import ProgrammeDocument
from reports.models import Document


@dataclass
class Row:
    proposal: Proposal
    group: object  # the proposal's group in the draft programme; None once an ending group left it
    warnings: int


def _admin_add(model_path: str, **initial) -> str:
    """An admin add page with its fields filled in (the admin reads them from the address)."""
    return reverse(f"admin:{model_path}_add") + "?" + urlencode(initial)


def proposal_rows(drafting: Drafting) -> list[Row]:
    """The proposals in the draft programme's order; those whose group left it (ended) last."""
    proposals = drafting.proposals.with_groups().select_related("group__programme")
    rows = [Row(p, p.group, len(proposal_warnings(p))) for p in proposals]
    return sorted(
        rows, key=lambda row: (row.group is None, row.group.number if row.group else 0, row.proposal.pk)
    )


def drafting_context(drafting: Drafting) -> dict:
    programme = drafting.programme
    return {
        "drafting": drafting,
        "programme": programme,
        "rows": proposal_rows(drafting),
        "documents": Document.objects.filter(programme=programme).order_by("symbol"),
        "document_add": _admin_add(
            "reports_document",
            kind=ProgrammeDocument.value,
            programme=programme.pk,
            meeting=drafting.meeting_id,
        ),
        "round_add": _admin_add("reporting_reportinground", programme=programme.pk),
    }
