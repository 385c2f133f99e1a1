"""HTTP adapters for disputes: authenticate, resolve through a selector, validate, call one service."""

from __future__ import annotations

from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from disputes import permissions as perms
from disputes import services
from disputes.models import DisputeState, DisputeType
from disputes.selectors import dispute_get_for, dispute_list_for, evidence_get_for, power_of_attorney_get_for
from disputes.serializers import (
    CourtRegistrationInput,
    DisputeInput,
    DisputeOut,
    EventOut,
    EvidenceInput,
    EvidenceOut,
    PowerOfAttorneyInput,
    PowerOfAttorneyOut,
    RepresentativeInput,
    RepresentativeOut,
    TransitionInput,
)
from sikhi.api import CursorPagination, Forbidden, Invalid, NotFound
from sikhi.nul import JSONParser, MultiPartParser


def json_object(request: Request) -> dict:
    """The request body, which must be a JSON object."""
    if not isinstance(request.data, dict):
        raise Invalid(details={"body": [_("The body must be a JSON object.")]})
    return request.data


def validated(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def dispute_response(request: Request, dispute, status: int = 200) -> Response:
    return Response(DisputeOut(dispute, context={"request": request}).data, status=status)


class DisputeListView(APIView):
    """List the disputes this user may see, or (a worker) start one in draft."""

    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=DisputeState.values),
            OpenApiParameter("type", str, enum=DisputeType.values),
            OpenApiParameter("cursor", str), OpenApiParameter("limit", int),
        ],
        responses=DisputeOut(many=True),
    )
    def get(self, request: Request) -> Response:
        status = request.query_params.get("status")
        dtype = request.query_params.get("type")
        errors = {}
        if status and status not in DisputeState.values:
            errors["status"] = [_("Unknown status.")]
        if dtype and dtype not in DisputeType.values:
            errors["type"] = [_("Unknown type.")]
        if errors:
            raise Invalid(details=errors)
        paginator = CursorPagination()
        page = paginator.paginate_queryset(dispute_list_for(user=request.user, status=status, type=dtype), request)
        data = DisputeOut(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)

    @extend_schema(request=DisputeInput, responses={201: DisputeOut})
    def post(self, request: Request) -> Response:
        data = validated(DisputeInput, json_object(request))
        dispute = services.dispute_create(by=request.user, data=data)
        return dispute_response(request, dispute, status=201)


class DisputeDetailView(APIView):
    """Read a dispute; the petitioner edits it while it is a draft."""

    parser_classes = [JSONParser]

    @extend_schema(responses=DisputeOut)
    def get(self, request: Request, pk: int) -> Response:
        return dispute_response(request, dispute_get_for(user=request.user, pk=pk))

    @extend_schema(request=DisputeInput, responses=DisputeOut)
    def patch(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        data = validated(DisputeInput, json_object(request), partial=True)
        dispute = services.dispute_update(dispute=dispute, by=request.user, data=data)
        return dispute_response(request, dispute)


class DisputeTransitionView(APIView):
    """Make a transition: {"name": ..., payload}; 409 with state and allowed when not possible now."""

    parser_classes = [JSONParser]

    @extend_schema(
        request=TransitionInput,
        responses={200: DisputeOut, 400: OpenApiResponse(description="invalid payload"),
                   403: OpenApiResponse(description="forbidden"), 404: OpenApiResponse(description="not_found"),
                   409: OpenApiResponse(description="transition_not_allowed: details {state, allowed}")},
        description=(
            "Payload per transition: decline_bipartite/fail_bipartite/reject_agreement {reason}; "
            "withdraw {reason} (optional in draft); propose_agreement/reach_agreement {terms} or {items: [{kind: "
            "payment|employment_end|obligation, description, amount? (whole rupiah, payments only), date? (due "
            "date; the last day of employment, required, for employment_end), payment_method?}]} (`terms` alone "
            "becomes one obligation item; the agreement's `terms` is then the items written out); "
            "sign_agreement {confirm?: true, full_name?: the signatory's own name, address? (the worker's, printed "
            "in the deed), position? (the company signatory's, printed in the deed)}: the page always asks for the "
            "ticked box and the typed name, the API checks them when sent; a draft with no items cannot be "
            "signed (409); "
            "return_registration {missing_items: [str]}; resubmit_registration {note?}; "
            "choose_route {route}; assign_mediator {mediator: id}; "
            "issue_recommendation {considerations, recommendations}; respond_recommendation {accept, reason?}. "
            "accept_registration leads to adr_offered (and starts route_choice), except for a dispute of type hak: "
            "neither conciliation nor arbitration is open to it (UU 2/2004 Art. 4(5)-(6)), so there is no route "
            "to offer and it goes straight to awaiting_mediator, mediation being the default (Art. 4(3)-(4)). "
            "In adr_offered, two different non-mediation choices leave the dispute waiting in adr_offered until "
            "route_choice passes, then expire_route_choice hands it to mediation. "
            "return_registration starts registration_completion (7 working days, owed by the petitioner; "
            "Permenakertrans 17/2014 Art. 4(2)), met by resubmit_registration; marked overdue when it passes."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        body = json_object(request)
        name = validated(TransitionInput, body)["name"]
        payload = {k: v for k, v in body.items() if k != "name"}
        dispute = services.dispute_transition(dispute=dispute, by=request.user, name=name, data=payload)
        return dispute_response(request, dispute_get_for(user=request.user, pk=dispute.pk))


class DisputeEventsView(APIView):
    """The dispute's audit trail, oldest first."""

    @extend_schema(responses=inline_serializer("EventList", {"results": EventOut(many=True)}))
    def get(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        return Response({"results": EventOut(dispute.events.select_related("actor"), many=True).data})


class DisputeEvidenceView(APIView):
    """List the dispute's evidence, or (a party) upload a PDF, JPEG or PNG of at most 10 MB."""

    parser_classes = [MultiPartParser]

    @extend_schema(responses=inline_serializer("EvidenceList", {"results": EvidenceOut(many=True),
                                                                "next": serializers.CharField(allow_null=True)}))
    def get(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        rows = dispute.evidence.select_related("uploaded_by")
        return Response({"results": EvidenceOut(rows, many=True).data, "next": None})

    @extend_schema(request={"multipart/form-data": EvidenceInput}, responses={201: EvidenceOut})
    def post(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        if not perms.can_upload_evidence(request.user, dispute):
            raise Forbidden()
        data = validated(EvidenceInput, request.data)
        evidence = services.evidence_upload(dispute=dispute, by=request.user, title=data["title"],
                                            upload=data["file"])
        return Response(EvidenceOut(evidence).data, status=201)


class EvidenceDownloadView(APIView):
    """The evidence file, for those who may see its dispute; never from a public URL."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiResponse(description="the file")})
    def get(self, request: Request, pk: int):
        evidence = evidence_get_for(user=request.user, pk=pk)
        return private_file(evidence, f"bukti-{evidence.pk}")


class DisputePowersOfAttorneyView(APIView):
    """A collective dispute's members' power of attorney (surat kuasa): listed to whoever sees the dispute,
    uploaded by the petitioner only (PDF, JPEG or PNG by content, <= 10 MB). A collective dispute cannot be
    submitted without one (Permenakertrans 17/2014 Art. 10(1)(e))."""

    parser_classes = [MultiPartParser]

    @extend_schema(responses=inline_serializer("PowerOfAttorneyList", {"results": PowerOfAttorneyOut(many=True)}))
    def get(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        return Response({"results": PowerOfAttorneyOut(dispute.powers_of_attorney.all(), many=True).data})

    @extend_schema(request={"multipart/form-data": PowerOfAttorneyInput}, responses={201: PowerOfAttorneyOut})
    def post(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        data = validated(PowerOfAttorneyInput, request.data)
        mandate = services.power_of_attorney_upload(dispute=dispute, by=request.user, upload=data["file"],
                                                    granted_by=data["granted_by"], issued_on=data["issued_on"])
        return Response(PowerOfAttorneyOut(mandate).data, status=201)


class DisputeRepresentativesView(APIView):
    """Each side's proxy (kuasa hukum or union officer) with a surat kuasa khusus (Permenakertrans 17/2014
    Art. 10(1)(e)). Listed to whoever sees the dispute; a party POSTs its own side's proxy (replacing the one
    before) or DELETEs it. The proxy gets no SIKHI account: the party's own user keeps acting."""

    parser_classes = [MultiPartParser]

    @extend_schema(responses=inline_serializer("RepresentativeList", {"results": RepresentativeOut(many=True)}))
    def get(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        return Response({"results": RepresentativeOut(dispute.representatives.all(), many=True).data})

    @extend_schema(request={"multipart/form-data": RepresentativeInput}, responses={201: RepresentativeOut})
    def post(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        data = validated(RepresentativeInput, request.data)
        rep = services.representative_record(dispute=dispute, by=request.user, data=data, upload=data["file"])
        return Response(RepresentativeOut(rep).data, status=201)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        services.representative_remove(dispute=dispute, by=request.user)
        return Response(status=204)


class RepresentativeFileView(APIView):
    """A side's surat kuasa khusus, for those who may see the dispute; never from a public URL."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiResponse(description="the file")})
    def get(self, request: Request, pk: int, side: str):
        dispute = dispute_get_for(user=request.user, pk=pk)
        rep = dispute.representatives.filter(side=side).first()
        if rep is None:
            raise NotFound()
        return private_file(rep, f"surat-kuasa-khusus-{side}")


class PowerOfAttorneyDownloadView(APIView):
    """The surat kuasa file, for those who may see its dispute; never from a public URL."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiResponse(description="the file")})
    def get(self, request: Request, pk: int):
        mandate = power_of_attorney_get_for(user=request.user, pk=pk)
        return private_file(mandate, f"surat-kuasa-{mandate.pk}")


def private_file(stored, stem: str) -> FileResponse:
    """A stored upload (evidence, surat kuasa) as an attachment that browsers neither sniff nor cache."""
    response = FileResponse(stored.file.open("rb"), content_type=stored.content_type, as_attachment=True,
                            filename=f"{stem}{_extension(stored.content_type)}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _extension(content_type: str) -> str:
    return {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(content_type, "")


class CourtRegistrationView(APIView):
    """Record the PHI court's registration of the signed agreement."""

    parser_classes = [JSONParser]

    @extend_schema(request=CourtRegistrationInput, responses=DisputeOut)
    def post(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        data = validated(CourtRegistrationInput, json_object(request))
        dispute = services.court_registration_record(dispute=dispute, by=request.user, court=data["court"],
                                                     akta_number=data["akta_number"],
                                                     registered_on=data["registered_on"])
        return dispute_response(request, dispute)


class MediatorReassignView(APIView):
    """An officer of the office hands the case to another mediator (not a transition: the stage stays)."""

    parser_classes = [JSONParser]

    @extend_schema(request=inline_serializer("MediatorInput", {"mediator": serializers.IntegerField()}),
                   responses=DisputeOut,
                   description="Not in api.md. The former mediator loses the rooms at once (sockets close 4403).")
    def post(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        body = json_object(request)
        dispute = services.dispute_reassign_mediator(dispute=dispute, by=request.user, mediator_id=body.get("mediator"))
        return dispute_response(request, dispute)


class HandOverInput(serializers.Serializer):
    letter_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    letter_date = serializers.DateField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=2000)


class DisputeHandOverView(APIView):
    """A kabupaten/kota office without an active mediator hands the dispute to the province's office."""

    parser_classes = [JSONParser]

    @extend_schema(request=HandOverInput, responses=DisputeOut, description=(
        "Not in api.md. Pelimpahan: an officer of a kabupaten/kota office hands a dispute in `awaiting_mediator` "
        "to the province's Disnaker when the office has no active mediator, recording the surat pelimpahan's "
        "number and date (by default the office's next PLM number and today) and the reason; the surat pelimpahan "
        "is generated as a document (kind `delegation_letter`). 403 for anyone but an officer of the office "
        "(404 if they may not see it); 409 in another state, when the office has an active mediator, or from a "
        "province's office."))
    def post(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        data = validated(HandOverInput, json_object(request))
        dispute = services.dispute_hand_over(dispute=dispute, by=request.user, letter_number=data["letter_number"],
                                             letter_date=data["letter_date"], reason=data["reason"])
        return dispute_response(request, dispute)


class InvitationClaimView(APIView):
    """A signed-in company account answers for the company named in an invitation link."""

    parser_classes = [JSONParser]

    @extend_schema(request=None, responses=DisputeOut,
                   description="Not in api.md: the single-use invitation link's token, claimed by a company user.")
    def post(self, request: Request, token: str) -> Response:
        dispute = services.invitation_claim(token=token, by=request.user)
        return dispute_response(request, dispute)
