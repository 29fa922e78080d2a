"""The drafting of the next programme at the fixtures' size (11 groups): opening it (every
group's programme copied into its proposal), carrying a group's unfinished activities forward,
the warnings and the comparison a proposal's pages read, the draft programme document's HTML,
and the approval. Wall time and SQL queries of each; run inside a transaction rolled back, so
the benchmarks after it see the fixtures as they were."""

import datetime
import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from benchmarks import forget_rendered_documents


class _Rollback(Exception):
    pass


def _measured(label, work):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = work()
        elapsed = time.perf_counter() - start
    print(f"  {label}: {elapsed * 1000:.0f} ms, {len(queries)} queries")
    return result


def _run():
    from django.utils import timezone

    from core.roles import SYSTEM
    from groups.models import Meeting
    from reporting.drafting_reads import carry_candidates, proposal_warnings
    from reporting.models import Proposal
    from reporting.proposal_comparison import proposal_comparison
    from reporting.services import drafting_approve, drafting_open, proposal_carry
    from reports.models import Document
    from reports.rendering import document_html

    meeting = Meeting.objects.create(
        body=Meeting.Body.CONFERENCE,
        number=39,
        is_virtual=True,
        start_date=datetime.date(2021, 11, 17),
        end_date=datetime.date(2021, 11, 19),
    )
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    drafting = _measured(
        "open the drafting (copy every group)",
        lambda: drafting_open(
            start_year=2022, end_year=2023, meeting=meeting, deadline=deadline, user=SYSTEM
        ),
    )
    proposal = drafting.proposals.select_related("group", "continues").get(continues__number=4)
    offered = _measured("carry candidates of group IV", lambda: carry_candidates(proposal))
    _measured(
        f"carry {len(offered)} activities forward",
        lambda: proposal_carry(proposal=proposal, activities=[s.activity for s in offered], user=SYSTEM),
    )
    _measured("warnings of the proposal", lambda: proposal_warnings(proposal))
    _measured("comparison with 2020-2021", lambda: proposal_comparison(proposal.group))
    Proposal.objects.filter(drafting=drafting).update(status=Proposal.Status.ACCEPTED)
    document = Document.objects.create(
        symbol="LC/CEA.39/5",
        kind="programme",
        programme=drafting.programme,
        meeting=meeting,
        title_en="Draft",
    )
    forget_rendered_documents()
    _measured("draft programme document (HTML, en)", lambda: document_html(document, "en"))
    _measured(
        "record the approval",
        lambda: drafting_approve(
            drafting=drafting,
            user=SYSTEM,
            meeting=meeting,
            approved_on=meeting.end_date,
            resolution_en="1(XXXIX)",
        ),
    )


def main():
    print("Drafting the next programme (fixtures' size):")
    try:
        with transaction.atomic():
            _run()
            raise _Rollback
    except _Rollback:
        pass
