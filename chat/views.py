"""HTTP adapters for rooms (read, history, post, pause) and notifications."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chat import services
from chat.models import Notification
from chat.selectors import room_get_for
from chat.serializers import MessageInput, MessageListOut, MessageOut, NotificationOut, RoomOut
from disputes.views import json_object, validated
from sikhi.api import CursorPagination, Invalid
from sikhi.nul import JSONParser


def room_dict(room) -> dict:
    return {"id": room.id, "kind": room.kind, "dispute_id": room.dispute_id,
            "consultation_id": room.consultation_id, "last_seq": room.last_seq, **services.room_state(room)}


def _int_param(request: Request, name: str, *, minimum: int, maximum: int | None = None) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) < minimum or (maximum is not None and int(raw) > maximum):
        if maximum is None:
            text = _("Must be a whole number of at least %(min)s.") % {"min": minimum}
        else:
            text = _("Must be a whole number from %(min)s to %(max)s.") % {"min": minimum, "max": maximum}
        raise Invalid(details={name: [text]})
    return int(raw)


class RoomDetailView(APIView):
    """A room the user is a member of."""

    @extend_schema(responses=RoomOut)
    def get(self, request: Request, pk: int) -> Response:
        return Response(room_dict(room_get_for(user=request.user, pk=pk)))


class RoomMessagesView(APIView):
    """History in ascending seq (after_seq, or the newest before before_seq); post a message."""

    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[OpenApiParameter("after_seq", int), OpenApiParameter("before_seq", int),
                    OpenApiParameter("limit", int, description="1 to 200, default 50")],
        responses=MessageListOut,
        description="With neither after_seq nor before_seq: the newest `limit` messages.",
    )
    def get(self, request: Request, pk: int) -> Response:
        room = room_get_for(user=request.user, pk=pk)
        after = _int_param(request, "after_seq", minimum=0)
        before = _int_param(request, "before_seq", minimum=1)
        limit = _int_param(request, "limit", minimum=1, maximum=200) or 50
        if after is not None and before is not None:
            raise Invalid(details={"before_seq": [_("Give after_seq or before_seq, not both.")]})
        if after is not None:
            rows = services.messages_after(room=room, after_seq=after, limit=limit)
        else:
            rows = services.messages_before(room=room, before_seq=before or room.last_seq + 1, limit=limit)
        return Response({"results": [services.message_dict(m) for m in rows], "last_seq": room.last_seq})

    @extend_schema(request=MessageInput, responses={201: MessageOut, 200: MessageOut},
                   description="200 with the stored message when this client_id was already used by this sender "
                               "in this room. 409 not_writable outside the room's writable stages or while paused; "
                               "429 rate_limited past 20 messages per 10 seconds.")
    def post(self, request: Request, pk: int) -> Response:
        room = room_get_for(user=request.user, pk=pk)
        data = validated(MessageInput, json_object(request))
        message, created = services.message_post(room_id=room.pk, sender=request.user, client_id=data["client_id"],
                                                 body=data["body"])
        return Response(services.message_dict(message), status=201 if created else 200)


class RoomPauseView(APIView):
    """The assigned mediator pauses (nobody else may post) or resumes a mediation room."""

    paused = True

    @extend_schema(request=None, responses=RoomOut)
    def post(self, request: Request, pk: int) -> Response:
        room = room_get_for(user=request.user, pk=pk)
        room = services.room_set_paused(room_id=room.pk, by=request.user, paused=self.paused)
        return Response(room_dict(room))


class RoomResumeView(RoomPauseView):
    paused = False


class NotificationListView(APIView):
    """The user's notifications, newest first (titles in the request's language)."""

    @extend_schema(parameters=[OpenApiParameter("unread", bool), OpenApiParameter("cursor", str)],
                   responses=inline_serializer("NotificationList", {"results": NotificationOut(many=True),
                                                                    "next": serializers.CharField(allow_null=True)}))
    def get(self, request: Request) -> Response:
        rows = Notification.objects.filter(user=request.user)
        unread = request.query_params.get("unread")
        if unread not in (None, "", "true", "false"):
            raise Invalid(details={"unread": [_("Must be true or false.")]})
        if unread == "true":
            rows = rows.filter(read_at__isnull=True)
        paginator = CursorPagination()
        page = paginator.paginate_queryset(rows, request)
        return paginator.get_paginated_response([_public(services.notification_dict(n)) for n in page])


def _public(notification: dict) -> dict:
    return {k: v for k, v in notification.items() if k != "type"}


class NotificationReadView(APIView):
    """Mark one of the user's notifications read."""

    @extend_schema(request=None, responses=NotificationOut)
    def post(self, request: Request, pk: int) -> Response:
        row = services.notification_mark_read(notification_id=pk, user=request.user)
        return Response(_public(services.notification_dict(row)))
