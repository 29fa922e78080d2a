from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("documents/", views.document_list, name="documents"),
    # Symbols contain slashes (LC/CE.20/3): the PDF's language comes last, as its file name.
    path("documents/<path:symbol>/<str:lang>.pdf", views.document_download, name="pdf"),
]
