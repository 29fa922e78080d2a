"""Every comment the secretariat gave with a review before the conversation existed becomes a
message of its group report's thread, signed and dated as the history recorded it. Accepting
used to clear the comment, so the history (every value the comment ever took), not only the
comment the report holds now, is where they are found."""

from django.db import migrations
from django.utils import timezone


def _decision(changes, report_id, version):
    """What the review that wrote the comment did: the status recorded with it."""
    status = changes.filter(report_id=report_id, version=version, field="status").first()
    return status.new_value if status and status.new_value in ("returned", "accepted") else ""


def comments_into_threads(apps, schema_editor):
    GroupReport = apps.get_model("reporting", "GroupReport")
    ProgressChange = apps.get_model("reporting", "ProgressChange")
    ReportComment = apps.get_model("reporting", "ReportComment")
    messages = []
    written = ProgressChange.objects.filter(field="review_comment").exclude(new_value="")
    for change in written.order_by("report_id", "changed_at", "pk"):
        messages.append(
            ReportComment(
                report_id=change.report_id,
                author_id=change.changed_by_id,
                side="secretariat",
                decision=_decision(ProgressChange.objects, change.report_id, change.version),
                body=change.new_value,
                created_at=change.changed_at,
            )
        )
    recovered = {(m.report_id, m.body) for m in messages}
    # A comment with no history row (entered before the history recorded it): as the report has it.
    for report in GroupReport.objects.exclude(review_comment=""):
        if (report.pk, report.review_comment) not in recovered:
            messages.append(
                ReportComment(
                    report_id=report.pk,
                    author_id=report.updated_by_id,
                    side="secretariat",
                    decision="returned" if report.status == "returned" else "",
                    body=report.review_comment,
                    created_at=report.updated_at or report.submitted_at or timezone.now(),
                )
            )
    ReportComment.objects.bulk_create(messages)


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0013_report_comments"),
    ]

    operations = [
        migrations.RunPython(comments_into_threads, migrations.RunPython.noop),
    ]
