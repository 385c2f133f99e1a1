"""Page routes of documents (server-rendered; api.md "Page addresses")."""

from django.urls import path

from documents import delivery_pages, pages

urlpatterns = [
    path("verifikasi/", pages.verify_form, name="document-verify-form"),
    path("verifikasi/<str:key>/", pages.verify_result, name="document-verify-page"),
    path("perselisihan/<int:pk>/dokumen/", pages.dispute_documents, name="dispute-documents-section"),
    path("dokumen/<str:token>/", delivery_pages.document_link_page, name="document-link-page"),
    path("perselisihan/<int:pk>/pengiriman/", delivery_pages.delivery_record_view, name="delivery-record-page"),
]
