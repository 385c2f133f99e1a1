"""Page routes of documents (server-rendered; api.md "Page addresses")."""

from django.urls import path

from documents import pages

urlpatterns = [
    path("verifikasi/", pages.verify_form, name="document-verify-form"),
    path("verifikasi/<str:key>/", pages.verify_result, name="document-verify-page"),
    path("perselisihan/<int:pk>/dokumen/", pages.dispute_documents, name="dispute-documents-section"),
]
