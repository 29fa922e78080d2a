"""Attaching evidence to a group's report, and removing it: under the same locks and version
as every other write of the report (reporting.services.history), recorded in its history, the
stored file written last and removed again if the record cannot be written."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities.models import Activity

from .. import policy
from ..models import Evidence, ProgressChange
from .history import locked, move_status, record


def _history_row(evidence, removed=False) -> tuple:
    """(activity, field, old, new) for the report's history: what was attached, in its own words."""
    text = f"{evidence.title_en or evidence.title_es} — {evidence.file_name or evidence.url}"
    if evidence.output_id:
        activity, field, text = None, "output_evidence", f"{evidence.output.order}. {text}"
    else:
        activity, field = evidence.activity, "evidence"
    return (activity, field, text, "") if removed else (activity, field, "", text)


def evidence_file_name(upload_name: str, kind) -> str:
    """The uploader's name, made safe to offer in a download, with the extension of what the
    file is; ValidationError when nothing of it is left to name the file by ("..pdf", "€.pdf")."""
    stem = upload_name.rsplit(".", 1)[0] if "." in upload_name else upload_name
    try:
        stem = get_valid_filename(stem)[:100]
    except SuspiciousFileOperation:  # Django's word for a name that cleans to nothing
        stem = ""
    if not stem.strip("._-"):
        raise ValidationError(
            _(
                "The file's name, “%(name)s”, has no letter or digit to keep; "
                "rename the file and choose it again."
            )
            % {"name": upload_name}
        )
    return f"{stem}.{kind.extension}"


def evidence_add(
    *, group, reporting_round, user, about, title_en="", title_es="", upload=None, kind=None, url=""
) -> Evidence:
    """Attach a file (`upload`, of `kind` as core.uploads.sniff told it) or a link (`url`) to the
    group's report in the round, about `about`, one of the group's activities or outputs.
    PermissionDenied when the user may not; ValidationError (keyed by form field) when the
    evidence is wrong or the activity or output has as many as it may have."""
    now = timezone.now()
    with transaction.atomic():
        reporting_round, report, _created = locked(reporting_round, group)
        if not policy.can_attach_evidence(user, group, reporting_round, report):
            raise PermissionDenied
        link = "activity" if isinstance(about, Activity) else "output"
        if Evidence.objects.filter(report=report, **{link: about}).count() >= settings.EVIDENCE_PER_ITEM:
            raise ValidationError(
                {
                    "about": ngettext(
                        "This already has %(count)d file or link, as many as it may have; remove one first.",
                        "This already has %(count)d files or links, as many as it may have; "
                        "remove one first.",
                        settings.EVIDENCE_PER_ITEM,
                    )
                    % {"count": settings.EVIDENCE_PER_ITEM}
                }
            )
        evidence = Evidence(
            report=report,
            title_en=title_en.strip(),
            title_es=title_es.strip(),
            url=url,
            added_by=user if user.is_authenticated else None,
            added_at=now,
            **{link: about},
        )
        if upload is not None:
            try:
                evidence.file_name = evidence_file_name(upload.name, kind)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from None
            evidence.content_type, evidence.size = kind.content_type, upload.size
        evidence.full_clean(exclude=["file", "title"])  # the form asks a title in either language
        record(
            report,
            [*move_status(report, False, now), _history_row(evidence)],
            user=user,
            source=ProgressChange.Source.FORM,
            now=now,
        )
        report.save()
        if upload is not None:
            evidence.file.save(evidence.file_name, upload, save=False)
        try:
            evidence.save()
        except Exception:
            if upload is not None:
                evidence.file.delete(save=False)
            raise
    return evidence


def evidence_remove(*, evidence: Evidence, user) -> None:
    """Remove evidence from its report (recorded); the stored file is deleted once that commits."""
    now = timezone.now()
    with transaction.atomic():
        report = evidence.report
        reporting_round, report, _created = locked(report.round, report.group)
        if not policy.can_attach_evidence(user, report.group, reporting_round, report):
            raise PermissionDenied
        record(
            report,
            [*move_status(report, False, now), _history_row(evidence, removed=True)],
            user=user,
            source=ProgressChange.Source.FORM,
            now=now,
        )
        report.save()
        stored = evidence.file.name
        evidence.delete()
        if stored:
            storage = evidence.file.storage
            transaction.on_commit(lambda: storage.delete(stored))
