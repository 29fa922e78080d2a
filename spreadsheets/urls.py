from django.urls import path

from . import views

app_name = "spreadsheets"
urlpatterns = [
    path(
        "rounds/<str:code>/<str:period>/<str:numeral>/workbook.xlsx", views.workbook_download, name="workbook"
    ),
    path(
        "rounds/<str:code>/<str:period>/<str:numeral>/workbook/import/",
        views.workbook_upload,
        name="workbook_import",
    ),
]
