from django.urls import path

from . import comments, drafting, evidence, lists, proposal_parts, proposal_workbook, proposals, views

app_name = "workspace"
urlpatterns = [
    path("my-groups/", lists.my_groups, name="my_groups"),
    path("rounds/<str:code>/", lists.round_overview, name="round"),
    path("rounds/<str:code>/<str:period>/<str:numeral>/", views.progress, name="progress"),
    path(
        "rounds/<str:code>/<str:period>/<str:numeral>/evidence/", evidence.evidence_new, name="evidence_new"
    ),
    path("rounds/<str:code>/<str:period>/<str:numeral>/comments/", comments.comment_new, name="comment_new"),
    path(
        "rounds/<str:code>/<str:period>/<str:numeral>/evidence/<int:pk>/remove/",
        evidence.evidence_delete,
        name="evidence_delete",
    ),
    # The drafting of the next programme (issue 30).
    path("proposals/", proposals.proposal_list, name="proposals"),
    path("proposals/<str:period>/<str:numeral>/", proposals.proposal, name="proposal"),
    path(
        "proposals/<str:period>/<str:numeral>/comments/", proposals.proposal_comment, name="proposal_comment"
    ),
    path(
        "proposals/<str:period>/<str:numeral>/edit/<slug:part>/",
        proposal_parts.part_edit,
        name="proposal_part",
    ),
    path(
        "proposals/<str:period>/<str:numeral>/workbook/", proposal_workbook.workbook, name="proposal_workbook"
    ),
    path("drafting/open/", drafting.drafting_open, name="drafting_open"),
    path("drafting/<str:period>/", drafting.drafting, name="drafting"),
]
