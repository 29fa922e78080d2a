from django.urls import path

from . import views

app_name = "groups"
urlpatterns = [
    path("", views.home, name="home"),
    path("groups/<str:period>/<str:numeral>/", views.group_detail, name="group"),
]
