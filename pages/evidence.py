"""A file of evidence, downloaded: for anyone once its group report is published, for those who may
read the group's progress before (reporting.policy). Read through the storage API, so the file
may live in a folder or in object storage; always as a download of the type its content was
found to be, never to be run in the portal's pages."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from reporting import policy
from reporting.models import Evidence


@require_safe
def evidence_file(request, pk):
    evidence = get_object_or_404(
        Evidence.objects.select_related("report__round", "report__group").exclude(file=""), pk=pk
    )
    # 404, not 403: a reader who may not see it is not told that it exists.
    if not policy.can_view_evidence(request.user, evidence):
        raise Http404
    try:
        stored = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        stored, as_attachment=True, filename=evidence.file_name, content_type=evidence.content_type
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    patch_cache_control(response, private=True, max_age=0 if not evidence.report.is_published else 3600)
    return response
