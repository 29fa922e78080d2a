from django.urls import path

from . import evidence, views

app_name = "pages"
urlpatterns = [
    path("", views.home, name="home"),
    path("groups/<str:period>/<str:numeral>/", views.group_detail, name="group"),
    path("countries/", views.country_list, name="countries"),
    path("countries/<str:iso3>/", views.country_detail, name="country"),
    path("search/", views.search, name="search"),
    path("help/", views.help_page, name="help"),
    path("evidence/<int:pk>/", evidence.evidence_file, name="evidence"),
    path("progress/<str:code>/", views.round_progress, name="round_progress"),
]
