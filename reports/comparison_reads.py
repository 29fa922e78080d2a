"""What the comparison of a proposed group with its current one shows as a document (the kind
ComparisonDocument): the comparison the reading page shows too (reporting/proposal_comparison.py),
with the group's heading in the contents."""

from reporting.proposal_comparison import proposal_comparison

from .models import Document


def comparison_document_context(document: Document) -> dict:
    group = document.group
    return {"programme": group.programme, "group": group, "comparison": proposal_comparison(group)}
