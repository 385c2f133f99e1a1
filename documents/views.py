"""HTTP adapters for generated documents: the list, the download, the public verification, the court bundle."""

from __future__ import annotations

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from disputes.selectors import dispute_get_for
from documents import services
from documents.deliveries import document_downloaded
from documents.permissions import can_see_document_failure
from documents.selectors import (
    document_get_for,
    document_list_for,
    document_verify,
    pending_documents_for,
)
from documents.serializers import DocumentOut, DocumentVerificationOut, PendingDocumentOut

VERIFICATION_DESCRIPTION = (
    "Public check of a generated document; answers only {kind, title, dispute_number, created_at}, never the "
    "content, and 404 for anything unknown. `key` is either the SHA-256 (64 hex digits) of the PDF file as "
    "downloaded, for someone holding the file, or the document's verification code (32 hex digits). A PDF "
    "cannot contain its own hash, so each document gets a random verification code chosen before it is "
    "rendered; the code is printed on every page and its QR code leads to the page "
    "`{SIKHI_BASE_URL}/verifikasi/{code}/`. The SHA-256 listed with the document is that of the stored bytes, "
    "which are generated once and never change."
)


def _private(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class DisputeDocumentsView(APIView):
    """The dispute's generated documents, for who may see the dispute."""

    @extend_schema(
        responses=inline_serializer("DocumentList", {"results": DocumentOut(many=True),
                                                     "pending": PendingDocumentOut(many=True),
                                                     "next": serializers.CharField(allow_null=True)}),
        description=(
            "Oldest first. Who may see the dispute sees its documents, except that the bipartite minutes follow "
            "the meetings' rule (office staff only after registration) and the agreement the agreement's rule. "
            "`sha256` is the digest of the stored PDF, the bytes the download serves. Documents are rendered "
            "and signed by a background job after the event that calls for them: until one is stored it is "
            "listed under `pending` (same visibility rule), not under `results`; poll until `pending` is empty."
        ),
    )
    def get(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        documents = document_list_for(user=request.user, dispute=dispute)
        pending = pending_documents_for(user=request.user, dispute=dispute)
        context = {"show_errors": can_see_document_failure(request.user, dispute)}
        return Response({"results": DocumentOut(documents, many=True).data,
                         "pending": PendingDocumentOut(pending, many=True, context=context).data, "next": None})


class DocumentDownloadView(APIView):
    """The stored PDF, byte for byte as generated, for who may see it; never from a public URL."""

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="the PDF"),
                              404: OpenApiResponse(description="not_found")})
    def get(self, request: Request, pk: int):
        document = document_get_for(user=request.user, pk=pk)
        document_downloaded(document=document, by=request.user)  # a party's first download is its receipt
        response = FileResponse(document.file.open("rb"), content_type="application/pdf", as_attachment=True,
                                filename=document.download_name)
        return _private(response)


class DocumentVerifyView(APIView):
    """Anyone may check that a document is genuine by its file's SHA-256 or its verification code."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(auth=[], responses={200: DocumentVerificationOut, 404: OpenApiResponse(description="not_found")},
                   description=VERIFICATION_DESCRIPTION,
                   parameters=[OpenApiParameter("key", str, OpenApiParameter.PATH,
                                                description="SHA-256 of the PDF (64 hex) or its verification code "
                                                            "(32 hex)")])
    def get(self, request: Request, key: str) -> Response:
        document = document_verify(key=key)
        response = Response(DocumentVerificationOut(document).data)
        response["Cache-Control"] = "no-store"
        return response


class CourtBundleView(APIView):
    """A party's zip for a claim at the PHI court, once the dispute is in court_referral."""

    @extend_schema(
        responses={(200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="the zip"),
                   403: OpenApiResponse(description="forbidden: not a party (office staff)"),
                   404: OpenApiResponse(description="not_found"),
                   409: OpenApiResponse(description="conflict: the dispute is not in court_referral; "
                                                    "details {state}")},
        description=(
            "Holds risalah-penyelesaian.pdf (the settlement minutes, which carry the parties' answers to the "
            "recommendation, including a rejection by silence), anjuran-tertulis.pdf, risalah-bipartit-N.pdf "
            "(each signed bipartite meeting), the evidence files under bukti/ with bukti/daftar-bukti.csv "
            "(title, file_name, original_name, content_type, size, sha256, uploaded_at, uploaded_by), and "
            "daftar-isi.txt listing every document's number, SHA-256 and verification address. Nothing from "
            "any chat room is included."
        ),
    )
    def get(self, request: Request, pk: int):
        dispute = dispute_get_for(user=request.user, pk=pk)
        filename, content = services.court_bundle_build(dispute=dispute, by=request.user)
        response = FileResponse(content, content_type="application/zip", as_attachment=True, filename=filename)
        return _private(response)
