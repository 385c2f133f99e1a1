"""Pages of notice outside SIKHI: the office records a delivery from the dispute page; a party without an account
opens the letter e-mailed to it as a link (`/dokumen/<token>/`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from disputes.pages import _detail_context, _dispute_or_404
from documents import deliveries, links
from documents.delivery_forms import DeliveryForm
from documents.permissions import can_record_delivery
from sikhi.api import NotFound
from sikhi.pages import apply_errors, call_service


@login_required
@require_POST
def delivery_record_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An officer or the assigned mediator records a delivery (the API's checks); errors beside the fields."""
    dispute = _dispute_or_404(request.user, pk)
    if not can_record_delivery(request.user, dispute):
        raise PermissionDenied
    form = DeliveryForm(request.POST, request.FILES, dispute=dispute)
    if form.is_valid():
        saved, fields, message = call_service(deliveries.delivery_record, dispute=dispute, by=request.user,
                                              data=form.payload(), scan=form.cleaned_data.get("scan"))
        if saved is not None:
            messages.success(request, _("The delivery was recorded."))
            return redirect(f"/perselisihan/{dispute.pk}/#deliveries-h")
        fields = {("letter" if k in ("document", "side") else k): v for k, v in (fields or {}).items()}
        apply_errors(form, fields or {"scan": [message or ""]}, message or "")
    context = _detail_context(request, dispute)
    context["delivery_form"] = form
    return render(request, "disputes/detail.html", context, status=400)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_http_methods(["GET", "POST"])
def document_link_page(request: HttpRequest, token: str) -> HttpResponse:
    """GET: what the letter is (nothing is recorded: mail scanners follow links). POST: the PDF, and the first
    opening is the party's acknowledgement of receipt. Unknown token 404, revoked or expired 410."""
    try:
        link = links.link_for_token(token)
    except NotFound:
        return _no_store(render(request, "documents/link_gone.html", {"unknown": True}, status=404))
    except links.LinkGone:
        return _no_store(render(request, "documents/link_gone.html", {"unknown": False}, status=410))
    if request.method == "GET":
        return _no_store(render(request, "documents/link.html", {"link": link, "document": link.document}))
    link = links.document_link_open(token=token)
    document = link.document
    response = FileResponse(document.file.open("rb"), content_type="application/pdf", as_attachment=True,
                            filename=document.download_name)
    response["X-Content-Type-Options"] = "nosniff"
    return _no_store(response)
