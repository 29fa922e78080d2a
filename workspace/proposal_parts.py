"""The browser's editors of a proposal's parts (workspace:proposal_part): its texts, countries,
objectives, activities, outputs and financing, English and Spanish side by side. A page shows
the warnings of its part; a save goes through proposal_editing, which checks the user may change
the proposal and that nobody changed it since the page was opened, and writes all or nothing.
The group's members read the pages without saving."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from reporting import policy
from reporting.drafting_reads import proposal_warnings
from reporting.services.proposals import ProposalConflict, proposal_editing

from .proposal_forms_group import CountriesEditor, FinancingEditor, TextsEditor
from .proposal_forms_plan import ActivitiesEditor, ObjectivesEditor, OutputsEditor
from .proposal_page import proposal_of

EDITORS = {
    "texts": (TextsEditor, gettext_lazy("Name, output and texts")),
    "countries": (CountriesEditor, gettext_lazy("Coordinating and member countries")),
    "objectives": (ObjectivesEditor, gettext_lazy("Objectives, areas and action lines")),
    "activities": (ActivitiesEditor, gettext_lazy("Activities and their months")),
    "outputs": (OutputsEditor, gettext_lazy("Outputs and agencies")),
    "financing": (FinancingEditor, gettext_lazy("Financing")),
}


class VersionForm(forms.Form):
    """The proposal's version the page was drawn from: a save based on an older one is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def part_edit(request, period, numeral, part):
    proposal = proposal_of(request, period, numeral)
    if part not in EDITORS:
        raise Http404
    can_edit = policy.can_edit_proposal(request.user, proposal)
    posted = request.method == "POST"
    if posted and not can_edit:
        raise PermissionDenied
    data = request.POST if posted else None
    editor = EDITORS[part][0](proposal.group, data)
    version = VersionForm(data, initial={"version": proposal.version})
    conflict, status = None, 200
    if posted:
        if not version.is_valid():
            editor.refusals.append(_("The page is missing the proposal's version: reload it and save again."))
            status = 400
        elif editor.is_valid():
            try:
                with proposal_editing(proposal, request.user, version=version.cleaned_data["version"]):
                    editor.save()
            except ProposalConflict as error:
                conflict, status = str(error), 409
            except ValidationError as error:
                editor.refusals += error.messages
                status = 400
            except IntegrityError:
                editor.refusals.append(
                    _(
                        "Nothing was saved: the database refused the change. "
                        "Check the rows' numbers and save again."
                    )
                )
                status = 400
            else:
                messages.success(request, _("Your changes to the proposal were saved."))
                return redirect(request.path)
        else:
            status = 400
    if not can_edit:
        editor.read_only()
    return _page(request, proposal, part, editor, version, can_edit, conflict, status)


def _page(request, proposal, part, editor, version, can_edit, conflict, status):
    warnings = [w for w in proposal_warnings(proposal) if w.part == part] if proposal.group_id else []
    return render(
        request,
        editor.template,
        {
            "proposal": proposal,
            "group": proposal.group,
            "part": part,
            "part_title": EDITORS[part][1],
            "parts": [(name, title) for name, (_editor, title) in EDITORS.items()],
            "editor": editor,
            "version_form": version,
            "can_edit": can_edit,
            "conflict": conflict,
            "problems": editor.problems(),
            "warnings": warnings,
        },
        status=status,
    )
