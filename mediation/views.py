"""HTTP adapters for meetings, sessions, the recommendation and the agreement."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from disputes import permissions as perms
from disputes.selectors import dispute_get_for
from disputes.services import _current_agreement
from disputes.views import json_object, validated
from mediation import services
from mediation.models import Agreement
from mediation.selectors import meeting_get_for, session_get_for
from mediation.serializers import (
    AgreementOut,
    AttendanceInput,
    MeetingInput,
    MeetingOut,
    RecommendationOut,
    SessionInput,
    SessionOut,
)
from sikhi.api import Forbidden, NotFound
from sikhi.nul import JSONParser


class MeetingListView(APIView):
    """Bipartite minutes: the parties record them; staff read them once the case is registered."""

    parser_classes = [JSONParser]

    @extend_schema(responses=inline_serializer("MeetingList", {"results": MeetingOut(many=True)}))
    def get(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        if not perms.can_see_bipartite_meetings(request.user, dispute):
            raise Forbidden()
        rows = dispute.bipartite_meetings.prefetch_related("signatures__user")
        return Response({"results": MeetingOut(rows, many=True).data})

    @extend_schema(request=MeetingInput, responses={201: MeetingOut})
    def post(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        if not perms.can_record_bipartite_meeting(request.user, dispute):
            raise Forbidden()
        data = validated(MeetingInput, json_object(request))
        meeting = services.meeting_record(dispute=dispute, by=request.user, data=data)
        return Response(MeetingOut(meeting).data, status=201)


class MeetingSignView(APIView):
    """A party signs the minutes once."""

    @extend_schema(request=None, responses=MeetingOut)
    def post(self, request: Request, pk: int) -> Response:
        meeting = meeting_get_for(user=request.user, pk=pk)
        meeting = services.meeting_sign(meeting=meeting, by=request.user)
        meeting.refresh_from_db()
        return Response(MeetingOut(meeting).data)


class SessionListView(APIView):
    """Mediation sessions: the assigned mediator schedules; parties and office staff read."""

    parser_classes = [JSONParser]

    @extend_schema(responses=inline_serializer("SessionList", {"results": SessionOut(many=True)}))
    def get(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        if not perms.can_see_sessions(request.user, dispute):
            raise Forbidden()
        rows = dispute.sessions.prefetch_related("summons")
        return Response({"results": SessionOut(rows, many=True).data})

    @extend_schema(request=SessionInput, responses={201: SessionOut},
                   description="scheduled_for must be in the future; no minimum notice is enforced.")
    def post(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        if not perms.can_schedule_session(request.user, dispute):
            raise Forbidden()
        data = validated(SessionInput, json_object(request))
        session = services.session_schedule(dispute=dispute, by=request.user, **data)
        return Response(SessionOut(session).data, status=201)


class SessionAcknowledgeView(APIView):
    """A party acknowledges its summons."""

    @extend_schema(request=None, responses=SessionOut)
    def post(self, request: Request, pk: int) -> Response:
        session = session_get_for(user=request.user, pk=pk)
        session = services.session_acknowledge(session=session, by=request.user)
        return Response(SessionOut(session).data)


class SessionAttendanceView(APIView):
    """The assigned mediator records attendance after the session time."""

    parser_classes = [JSONParser]

    @extend_schema(request=AttendanceInput, responses=SessionOut)
    def post(self, request: Request, pk: int) -> Response:
        session = session_get_for(user=request.user, pk=pk)
        if not perms.is_assigned_mediator(session.dispute, request.user):
            raise Forbidden()
        data = validated(AttendanceInput, json_object(request))
        session = services.session_record_attendance(session=session, by=request.user, **data)
        return Response(SessionOut(session).data)


class RecommendationView(APIView):
    """The written recommendation with each party's answer."""

    @extend_schema(responses=RecommendationOut)
    def get(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        if not perms.can_see_recommendation(request.user, dispute):
            raise Forbidden()
        recommendation = getattr(dispute, "recommendation", None)
        if recommendation is None:
            raise NotFound()
        return Response(RecommendationOut(recommendation).data)


class RecommendationAcknowledgeView(APIView):
    """A party acknowledges that it received the written recommendation."""

    @extend_schema(
        request=None,
        responses={200: RecommendationOut, 403: OpenApiResponse(description="forbidden: not a party"),
                   404: OpenApiResponse(description="not_found: no such dispute for this user"),
                   409: OpenApiResponse(description="conflict: no recommendation has been issued; details {state}")},
        description=(
            "Records the time this party (the petitioner, or the respondent company's account) confirms on the "
            "site that it received the recommendation: evidence of notice, listed under `acknowledgements`, "
            "shown to the mediator and printed in the settlement minutes. Calling it again keeps the first "
            "time. Answers the recommendation."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        recommendation = services.recommendation_acknowledge(dispute=dispute, by=request.user)
        return Response(RecommendationOut(recommendation).data)


class AgreementView(APIView):
    """The agreement now out for signature (or signed): parties, and the mediator when from mediation."""

    @extend_schema(responses=AgreementOut)
    def get(self, request: Request, pk: int) -> Response:
        dispute = dispute_get_for(user=request.user, pk=pk)
        agreement: Agreement | None = _current_agreement(dispute)
        if agreement is None:
            if perms.is_party(dispute, request.user) or perms.is_assigned_mediator(dispute, request.user):
                raise NotFound()
            raise Forbidden()
        if not perms.can_see_agreement(request.user, dispute, origin=agreement.origin):
            raise Forbidden()
        return Response(AgreementOut(agreement).data)
