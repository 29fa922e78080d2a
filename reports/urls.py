from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("documents/", views.document_list, name="documents"),
    # Symbols contain slashes (LC/CE.20/3): the file's language comes last, as in its file name.
    path("documents/<path:symbol>/<str:lang>.pdf", views.document_download, name="pdf"),
    path("documents/<path:symbol>/<str:lang>.docx", views.document_docx_download, name="docx"),
]
