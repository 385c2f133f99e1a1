"""HTTP adapters for consultations."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chat import consultations as svc
from chat.models import ConsultationStatus
from disputes.serializers import WorkplaceRegencyField
from disputes.views import json_object, validated
from sikhi.api import CursorPagination, Invalid
from sikhi.nul import JSONParser


class ConsultationInput(serializers.Serializer):
    regency = WorkplaceRegencyField()
    topic = serializers.CharField(max_length=200)
    question = serializers.CharField(max_length=10000)


class ConsultationOut(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    topic = serializers.CharField()
    question = serializers.CharField()
    regency = serializers.CharField()
    office = serializers.DictField()
    room = serializers.DictField()
    officer = serializers.DictField(allow_null=True)
    created_at = serializers.DateTimeField()
    claimed_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)


def consultation_dict(row) -> dict:
    return ConsultationOut({
        "id": row.id, "status": row.status, "topic": row.topic, "question": row.question, "regency": row.regency,
        "office": {"code": row.office_id, "name": row.office.name}, "room": {"id": row.room.id},
        "officer": {"id": row.officer_id, "name": row.officer.name} if row.officer_id else None,
        "created_at": row.created_at, "claimed_at": row.claimed_at, "closed_at": row.closed_at,
    }).data


class ConsultationListView(APIView):
    """Ask an office (worker or company); list one's own, or (an officer) the office's queue."""

    parser_classes = [JSONParser]

    @extend_schema(parameters=[OpenApiParameter("status", str, enum=ConsultationStatus.values),
                               OpenApiParameter("cursor", str)],
                   responses=inline_serializer("ConsultationList", {"results": ConsultationOut(many=True),
                                                                    "next": serializers.CharField(allow_null=True)}))
    def get(self, request: Request) -> Response:
        status = request.query_params.get("status")
        if status and status not in ConsultationStatus.values:
            raise Invalid(details={"status": [_("Unknown status.")]})
        paginator = CursorPagination()
        page = paginator.paginate_queryset(svc.consultation_list_for(user=request.user, status=status), request)
        return paginator.get_paginated_response([consultation_dict(r) for r in page])

    @extend_schema(request=ConsultationInput, responses={201: ConsultationOut})
    def post(self, request: Request) -> Response:
        data = validated(ConsultationInput, json_object(request))
        row = svc.consultation_create(by=request.user, **data)
        return Response(consultation_dict(row), status=201)


class ConsultationClaimView(APIView):
    """An officer of the office claims the question."""

    @extend_schema(request=None, responses=ConsultationOut)
    def post(self, request: Request, pk: int) -> Response:
        row = svc.consultation_claim(consultation=svc.consultation_get_for(user=request.user, pk=pk), by=request.user)
        return Response(consultation_dict(row))


class ConsultationCloseView(APIView):
    """The asker or the claiming officer closes it."""

    @extend_schema(request=None, responses=ConsultationOut)
    def post(self, request: Request, pk: int) -> Response:
        row = svc.consultation_close(consultation=svc.consultation_get_for(user=request.user, pk=pk), by=request.user)
        return Response(consultation_dict(row))
