from django.urls import path

from . import views

app_name = "workspace"
urlpatterns = [
    path("my-groups/", views.my_groups, name="my_groups"),
    path("rounds/<str:code>/", views.round_overview, name="round"),
    path("rounds/<str:code>/<str:period>/<str:numeral>/", views.progress, name="progress"),
]
