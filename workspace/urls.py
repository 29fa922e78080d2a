from django.urls import path

from . import comments, evidence, lists, views

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
]
