from django.urls import path

from . import comparison, countries, evidence, group, home, rounds, views

app_name = "pages"
urlpatterns = [
    path("", home.home, name="home"),
    path("groups/<str:period>/<str:numeral>/", group.group_detail, name="group"),
    path(
        "groups/<str:period>/<str:numeral>/comparison/", comparison.group_comparison, name="group_comparison"
    ),
    path("countries/", countries.country_list, name="countries"),
    path("countries/<str:iso3>/", countries.country_detail, name="country"),
    path("search/", views.search, name="search"),
    path("help/", views.help_page, name="help"),
    path("evidence/<int:pk>/", evidence.evidence_file, name="evidence"),
    path("progress/<str:code>/", rounds.round_progress, name="round_progress"),
]
