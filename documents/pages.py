"""The public document check (the target of every document's QR code): what a document is, never its content."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from documents.forms import VerifyForm
from documents.selectors import document_verify
from sikhi.api import NotFound


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
