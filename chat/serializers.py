"""Shapes of rooms, messages and notifications over HTTP."""

from __future__ import annotations

from rest_framework import serializers

from disputes.serializers import StrictCharField, StrictUUIDField


class RoomOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    dispute_id = serializers.IntegerField(allow_null=True)
    consultation_id = serializers.IntegerField(allow_null=True)
    writable = serializers.BooleanField()
    paused = serializers.BooleanField()
    last_seq = serializers.IntegerField()


class SenderOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()


class MessageOut(serializers.Serializer):
    id = serializers.IntegerField()
    seq = serializers.IntegerField()
    client_id = serializers.UUIDField()
    sender = SenderOut()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class MessageInput(serializers.Serializer):
    client_id = StrictUUIDField()
    body = StrictCharField(max_length=20000, trim_whitespace=False, allow_blank=True)


class MessageListOut(serializers.Serializer):
    results = MessageOut(many=True)
    last_seq = serializers.IntegerField()


class NotificationOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    dispute_id = serializers.IntegerField(allow_null=True)
    title = serializers.CharField()
    created_at = serializers.DateTimeField()
    read = serializers.BooleanField()
