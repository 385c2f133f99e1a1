"""HTTP adapters for notice outside SIKHI: recorded deliveries (and their scans), the parties' notice status, the
e-mailed links (revoke)."""

from __future__ import annotations

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from disputes import permissions as perms
from disputes.selectors import dispute_get_for
from disputes.views import validated
from documents import deliveries, links
from documents.models import Document
from documents.notice_models import Delivery, DeliveryMethod, DocumentLink
from documents.permissions import can_manage_document_links, can_see_notice_gaps
from mediation.models import Side
from sikhi.api import Forbidden, NotFound, iso

ANSWER_CLOCK_RULE = (
    "Each party's 10 working days to answer the written recommendation run from that party's own receipt of it, "
    "not from its issue: UU 2/2004 Art. 13(2)(c) (\"setelah menerima anjuran tertulis\") and Permenakertrans "
    "17/2014 Art. 14(2). A party's receipt is the earliest of its acknowledgement on SIKHI "
    "(`POST /disputes/{id}/recommendation/acknowledge/`), its first download of the recommendation PDF, its first "
    "opening of the link e-mailed to it when it has no account, or the date of a delivery recorded by the office "
    "(`POST /disputes/{id}/deliveries/`). Only when a party's own clock has run out without an answer does the "
    "deadline sweep (`process_deadlines`) count its silence as rejection (Art. 13(2)(d); Permenakertrans 17/2014 "
    "Art. 14(3)); a party that has not received the recommendation has no running clock, and the office is warned "
    "to deliver it. spec/workflow.md counts the clock from the issue; SIKHI follows the law."
)

DELIVERY_DESCRIPTION = (
    "How a letter (a summons to its party; the recommendation and the settlement minutes to both) reached a party "
    "outside SIKHI: `method` post | courier | by_hand | email_link, `delivered_on` (the party's receipt: the answer "
    "clock of the recommendation and the notice of a summons for a party without an account count from it), "
    "`receipt_number` (required for post and courier), an optional `scan` of the proof (PDF, JPEG or PNG of at "
    "most 10 MB, checked by content; 415 otherwise). Recorded by the office's officers and the assigned mediator "
    "(403 for anyone else who sees the dispute); listed to the office's staff in full and to each party for its own "
    "side. " + ANSWER_CLOCK_RULE
)


class DeliveryOut(serializers.ModelSerializer):
    document = serializers.SerializerMethodField()
    recorded_by = serializers.SerializerMethodField()
    scan_url = serializers.SerializerMethodField()

    class Meta:
        model = Delivery
        fields = ["id", "document", "side", "method", "delivered_on", "receipt_number", "note", "scan_url",
                  "scan_sha256", "scan_size", "recorded_by", "recorded_at"]

    @extend_schema_field({"type": "object", "properties": {"id": {"type": "integer"}, "kind": {"type": "string"},
                                                           "title": {"type": "string"}, "number": {"type": "string"}}})
    def get_document(self, obj: Delivery) -> dict:
        d = obj.document
        return {"id": d.pk, "kind": d.kind, "title": d.title, "number": d.number}

    @extend_schema_field({"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}})
    def get_recorded_by(self, obj: Delivery) -> dict:
        return {"id": obj.recorded_by_id, "name": obj.recorded_by.name}

    def get_scan_url(self, obj: Delivery) -> str | None:
        return f"/api/v1/deliveries/{obj.pk}/scan/" if obj.scan else None


class DeliveryIn(serializers.Serializer):
    document = serializers.IntegerField(help_text="id of a summons, recommendation or settlement minutes of the "
                                                  "dispute (GET /disputes/{id}/documents/)")
    side = serializers.ChoiceField(choices=["petitioner", "respondent"])
    method = serializers.ChoiceField(choices=DeliveryMethod.choices)
    delivered_on = serializers.DateField()
    receipt_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    scan = serializers.FileField(required=False, allow_null=True, default=None)


class DisputeDeliveriesView(APIView):
    """The dispute's recorded deliveries; the office records one."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(responses=inline_serializer("DeliveryList", {"results": DeliveryOut(many=True),
                                                                "next": serializers.CharField(allow_null=True)}),
                   description=DELIVERY_DESCRIPTION)
    def get(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        rows = deliveries.delivery_list_for(user=request.user, dispute=dispute)
        return Response({"results": DeliveryOut(rows, many=True).data, "next": None})

    @extend_schema(request={"multipart/form-data": DeliveryIn, "application/json": DeliveryIn},
                   responses={201: DeliveryOut, 400: OpenApiResponse(description="invalid"),
                              403: OpenApiResponse(description="forbidden: not an officer of the office nor the "
                                                               "assigned mediator"),
                              404: OpenApiResponse(description="not_found"),
                              413: OpenApiResponse(description="too_large"),
                              415: OpenApiResponse(description="unsupported_media_type")},
                   description=DELIVERY_DESCRIPTION)
    def post(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        from documents.permissions import can_record_delivery

        if not can_record_delivery(request.user, dispute):
            raise Forbidden(_forbidden_text())
        data = validated(DeliveryIn, request.data)
        scan = data.pop("scan", None)
        delivery = deliveries.delivery_record(dispute=dispute, by=request.user, data=data, scan=scan)
        return Response(DeliveryOut(delivery).data, status=201)


def _forbidden_text() -> str:
    from django.utils.translation import gettext as _

    return _("Only the office's officers and the assigned mediator record deliveries.")


class DeliveryScanView(APIView):
    """The scan of a delivery's proof, for the office's staff and the party it was delivered to."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY,
                                                                                 description="the scan"),
                              404: OpenApiResponse(description="not_found: no such delivery or scan for this user")})
    def get(self, request: Request, pk: int):
        delivery = deliveries.delivery_get_for(user=request.user, pk=pk)
        if not delivery.scan:
            raise NotFound()
        extension = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
        name = f"bukti-pengiriman-{delivery.pk}{extension.get(delivery.scan_content_type, '')}"
        response = FileResponse(delivery.scan.open("rb"), content_type=delivery.scan_content_type,
                                as_attachment=True, filename=name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


def _receipt(status: dict) -> dict | None:
    receipt = status["receipt"]
    return {"at": iso(receipt.at), "how": receipt.how} if receipt else None


class DisputeNoticesView(APIView):
    """How each party was reached with each letter addressed to it, and each party's answer clock."""

    @extend_schema(
        responses=inline_serializer("NoticeStatus", {
            "letters": serializers.ListField(child=serializers.DictField()),
            "answer_clocks": serializers.ListField(child=serializers.DictField()),
        }),
        description=(
            "`letters`: one row per notice document and addressed side: {document {id, kind, title, number}, side, "
            "state: received | notified | not_notified, receipt {at, how: acknowledged | download | link | "
            "delivery:<method>} or null, on_sikhi, links [{id, created_at, expires_at, revoked_at, "
            "first_opened_at}] (links for the office's officers and the assigned mediator only)}. A party sees only "
            "its own rows. `not_notified`: the party has no account, no e-mail link was sent and no delivery was "
            "recorded: the office must deliver the letter and record it. `answer_clocks`: per party {side, "
            "received_at, due_at, answered, by_silence}; `received_at` null means its clock has not started. "
            + ANSWER_CLOCK_RULE
        ),
    )
    def get(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)

        side = perms.party_side(dispute, request.user)
        staff = can_see_notice_gaps(request.user, dispute)
        if side is None and not staff:
            raise Forbidden()
        show_links = can_manage_document_links(request.user, dispute)
        rows = []
        for document, sides in deliveries.deliverable_documents(dispute):
            document.dispute = dispute
            for s in sides:
                if not staff and s != side:
                    continue
                status = deliveries.notice_status(document, s)
                rows.append({
                    "document": {"id": document.pk, "kind": document.kind, "title": document.title,
                                 "number": document.number},
                    "side": s, "state": status["state"], "receipt": _receipt(status), "on_sikhi": status["on_sikhi"],
                    "links": [{"id": link.pk, "created_at": iso(link.created_at), "expires_at": iso(link.expires_at),
                               "revoked_at": iso(link.revoked_at), "first_opened_at": iso(link.first_opened_at)}
                              for link in status["links"]] if show_links else [],
                })
        clocks = [{**c, "received_at": iso(c["received_at"]), "due_at": iso(c["due_at"])}
                  for c in deliveries.answer_clocks(dispute) if staff or c["side"] == side]
        return Response({"letters": rows, "answer_clocks": clocks})


class DocumentLinkRevokeView(APIView):
    """An officer or the assigned mediator revokes an e-mailed link; it opens nothing afterwards."""

    @extend_schema(request=None, responses={200: inline_serializer("DocumentLinkOut", {
        "id": serializers.IntegerField(), "revoked_at": serializers.DateTimeField()}),
        403: OpenApiResponse(description="forbidden"), 404: OpenApiResponse(description="not_found"),
        409: OpenApiResponse(description="conflict: already revoked")})
    def post(self, request: Request, pk: int) -> Response:
        link: DocumentLink = links.link_get_for(user=request.user, pk=pk)
        link = links.document_link_revoke(link=link, by=request.user)
        return Response({"id": link.pk, "revoked_at": iso(link.revoked_at)})


class DocumentLinkResendIn(serializers.Serializer):
    side = serializers.ChoiceField(choices=Side.choices)
    email = serializers.CharField(max_length=254)


class DocumentLinkResendView(APIView):
    """An officer or the assigned mediator sends a letter again to a party not on SIKHI, at a new address."""

    @extend_schema(request=DocumentLinkResendIn, responses={201: inline_serializer("DocumentLinkSent", {
        "id": serializers.IntegerField(), "side": serializers.CharField(), "email": serializers.EmailField(),
        "expires_at": serializers.DateTimeField(), "revoked": serializers.ListField(child=serializers.IntegerField())}),
        400: OpenApiResponse(description="invalid: not an e-mail address, or the letter is not addressed to the side"),
        403: OpenApiResponse(description="forbidden: not the office's officer or the assigned mediator"),
        404: OpenApiResponse(description="not_found"),
        409: OpenApiResponse(description="conflict: the party is on SIKHI (it reads the letter there)")},
        description="Revokes the live links of this letter for the side (sent to the old address), e-mails a new "
                    "one to `email` and, for a respondent not on SIKHI, makes `email` the address the letters "
                    "still to come are sent to. The earlier receipts stand.")
    def post(self, request: Request, pk: int) -> Response:
        document = Document.objects.select_related("dispute").filter(pk=pk).first() if str(pk).isdigit() else None
        if document is None or not perms.can_see_dispute(request.user, document.dispute):
            raise NotFound()
        data = validated(DocumentLinkResendIn, request.data)
        link, revoked = links.document_link_resend(document=document, side=data["side"], email=data["email"],
                                                   by=request.user)
        return Response({"id": link.pk, "side": link.side, "email": link.email, "expires_at": iso(link.expires_at),
                         "revoked": revoked}, status=201)
