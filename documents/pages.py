"""Document pages: the public check (the target of every document's QR code: what a document is, never its
content), and the dispute page's documents section, which refreshes itself while documents are being prepared."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from disputes.models import Dispute
from disputes.selectors import dispute_get_for
from documents.forms import VerifyForm
from documents.permissions import can_see_document_failure
from documents.selectors import document_list_for, document_verify, pending_documents_for
from sikhi.api import NotFound
from sikhi.pages import found_or_404


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def verify_form(request: HttpRequest) -> HttpResponse:
    """A form to paste a verification code or SHA-256; a valid one leads to its result page."""
    form = VerifyForm(request.GET if "key" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("document-verify-page", key=form.cleaned_data["key"])
    return _no_store(render(request, "documents/verify.html", {"form": form}, status=400 if form.is_bound else 200))


@require_GET
def verify_result(request: HttpRequest, key: str) -> HttpResponse:
    """Kind, title, dispute number and date of the document with this code or SHA-256; a 404 page otherwise."""
    try:
        document = document_verify(key=key)
    except NotFound:
        document = None
    context = {"document": document, "key": key, "form": VerifyForm()}
    return _no_store(render(request, "documents/verify_result.html", context, status=200 if document else 404))


def documents_section(*, user: Any, dispute: Dispute) -> dict:
    """The context of the dispute page's documents section (templates/documents/_section.html): the stored
    documents, those still being prepared, and whether this user sees why one could not be."""
    return {"documents": document_list_for(user=user, dispute=dispute),
            "pending_documents": pending_documents_for(user=user, dispute=dispute),
            "show_document_errors": can_see_document_failure(user, dispute)}


@login_required
@require_GET
def dispute_documents(request: HttpRequest, pk: int) -> HttpResponse:
    """The documents section alone, for static/js/documents.js to refresh while documents are being prepared."""
    dispute = found_or_404(dispute_get_for, user=request.user, pk=pk)
    context = {"dispute": dispute, **documents_section(user=request.user, dispute=dispute)}
    return _no_store(render(request, "documents/_section.html", context))
