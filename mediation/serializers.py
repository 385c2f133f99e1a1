"""Shapes of meetings, sessions, the recommendation and the agreement."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mediation.models import (
    Agreement,
    AgreementItem,
    Attendance,
    BipartiteMeeting,
    ItemKind,
    MediationSession,
    Recommendation,
    SessionKind,
)
from sikhi.api import iso

_user_ref = {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}}


def user_ref(user) -> dict:
    return {"id": user.id, "name": user.name}


class MeetingInput(serializers.Serializer):
    held_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=200)
    issue = serializers.CharField(max_length=20000)
    petitioner_position = serializers.CharField(max_length=20000)
    respondent_position = serializers.CharField(max_length=20000)
    result = serializers.CharField(max_length=20000)


class MeetingOut(serializers.ModelSerializer):
    signatures = serializers.SerializerMethodField()
    fully_signed = serializers.BooleanField()

    class Meta:
        model = BipartiteMeeting
        fields = ["id", "held_at", "place", "issue", "petitioner_position", "respondent_position", "result",
                  "signatures", "fully_signed", "created_at"]

    @extend_schema_field({"type": "array", "items": {"type": "object", "properties": {
        "side": {"type": "string"}, "user": _user_ref, "at": {"type": "string", "format": "date-time"}}}})
    def get_signatures(self, obj):
        return [{"side": s.side, "user": user_ref(s.user), "at": iso(s.at)} for s in obj.signatures.all()]


class SessionInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SessionKind.choices)
    scheduled_for = serializers.DateTimeField()
    agenda = serializers.CharField(max_length=5000)
    short_notice_reason = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default="",
        help_text="Required when the session falls before the office's minimum notice (working days after today, "
                  "`summons_notice_days`, default 3); stored with the session and printed. Ignored otherwise.")


class AttendanceInput(serializers.Serializer):
    petitioner = serializers.ChoiceField(choices=Attendance.choices)
    respondent = serializers.ChoiceField(choices=Attendance.choices)
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    petitioner_reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="",
                                              help_text="Required when petitioner is `excused`.")
    respondent_reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="",
                                              help_text="Required when respondent is `excused`.")


class HeldSessionInput(AttendanceInput):
    kind = serializers.ChoiceField(choices=SessionKind.choices)
    held_at = serializers.DateTimeField(help_text="In the past, not before the delegation to the mediator.")
    agenda = serializers.CharField(max_length=5000)


class SessionOut(serializers.ModelSerializer):
    summons = serializers.SerializerMethodField()
    attendance = serializers.SerializerMethodField()

    class Meta:
        model = MediationSession
        fields = ["id", "kind", "scheduled_for", "agenda", "held_offline", "short_notice_reason", "summons",
                  "attendance"]

    @extend_schema_field({"type": "array", "items": {"type": "object", "properties": {
        "side": {"type": "string"}, "number": {"type": "integer"},
        "sent_at": {"type": "string", "format": "date-time"},
        "acknowledged_at": {"type": "string", "format": "date-time", "nullable": True},
        "proper": {"type": "boolean", "description": "acknowledged, or sent with the office's minimum notice"}}}})
    def get_summons(self, obj):
        return [
            {"side": s.side, "number": s.number, "sent_at": iso(s.sent_at), "acknowledged_at": iso(s.acknowledged_at),
             "proper": s.proper}
            for s in obj.summons.all()
        ]

    @extend_schema_field({"type": "object", "nullable": True, "properties": {
        "petitioner": {"type": "string", "enum": ["present", "absent", "excused"]},
        "respondent": {"type": "string", "enum": ["present", "absent", "excused"]}, "notes": {"type": "string"},
        "petitioner_reason": {"type": "string"}, "respondent_reason": {"type": "string"},
        "recorded_at": {"type": "string", "format": "date-time"}}})
    def get_attendance(self, obj):
        if obj.attendance_recorded_at is None:
            return None
        return {"petitioner": obj.petitioner_attendance, "respondent": obj.respondent_attendance,
                "notes": obj.attendance_notes, "petitioner_reason": obj.petitioner_absence_reason,
                "respondent_reason": obj.respondent_absence_reason, "recorded_at": iso(obj.attendance_recorded_at)}


class RecommendationOut(serializers.ModelSerializer):
    answers = serializers.SerializerMethodField()
    acknowledgements = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = ["considerations", "recommendations", "issued_at", "on_available_data", "answers",
                  "acknowledgements"]

    @extend_schema_field({"type": "array", "description": "each party's acknowledgement that it received the "
                          "recommendation (evidence of notice); a party that has not acknowledged is absent",
                          "items": {"type": "object", "properties": {
                              "side": {"type": "string"},
                              "acknowledged_at": {"type": "string", "format": "date-time"}}}})
    def get_acknowledgements(self, obj):
        return [{"side": r.side, "acknowledged_at": iso(r.acknowledged_at)} for r in obj.receipts.all()]

    @extend_schema_field({"type": "array", "items": {"type": "object", "properties": {
        "side": {"type": "string"}, "accept": {"type": "boolean"}, "reason": {"type": "string"},
        "answered_at": {"type": "string", "format": "date-time"}, "by_silence": {"type": "boolean"}}}})
    def get_answers(self, obj):
        return [{"side": a.side, "accept": a.accept, "reason": a.reason, "answered_at": iso(a.answered_at),
                 "by_silence": a.by_silence} for a in obj.answers.all()]


class AgreementItemIn(serializers.Serializer):
    """One term. `amount` (whole rupiah) only and always for a payment; `date` is the due date, and for
    `employment_end` (where it is required) the last day of employment."""

    kind = serializers.ChoiceField(choices=ItemKind.choices)
    description = serializers.CharField(max_length=5000)
    amount = serializers.IntegerField(min_value=1, max_value=10**15, required=False, allow_null=True, default=None)
    date = serializers.DateField(required=False, allow_null=True, default=None)
    payment_method = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict) -> dict:
        kind, errors = attrs["kind"], {}
        if kind == ItemKind.PAYMENT and attrs["amount"] is None:
            errors["amount"] = [_("A payment needs its amount in rupiah.")]
        if kind != ItemKind.PAYMENT and attrs["amount"] is not None:
            errors["amount"] = [_("Only a payment has an amount.")]
        if kind == ItemKind.EMPLOYMENT_END and attrs["date"] is None:
            errors["date"] = [_("Give the last day of employment.")]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class AgreementTermsIn(serializers.Serializer):
    """The terms of an agreement: `items`, or (as before items existed) `terms`, a text that becomes one item.
    When both are sent, `items` are the terms."""

    terms = serializers.CharField(max_length=20000, required=False)
    items = AgreementItemIn(many=True, required=False, max_length=50)

    def validate(self, attrs: dict) -> dict:
        if attrs.get("items"):
            return {"items": attrs["items"]}
        if attrs.get("terms", "").strip():
            return {"items": [{"kind": ItemKind.OBLIGATION, "description": attrs["terms"].strip(), "amount": None,
                               "date": None, "payment_method": ""}]}
        raise serializers.ValidationError({"terms": [_("Give the terms of the agreement (terms or items).")]})


class AgreementItemOut(serializers.ModelSerializer):
    amount_in_words = serializers.SerializerMethodField()

    class Meta:
        model = AgreementItem
        fields = ["position", "kind", "description", "amount", "amount_in_words", "date", "payment_method"]

    def get_amount_in_words(self, obj) -> str | None:
        from mediation.terms import terbilang

        return terbilang(obj.amount) if obj.amount is not None else None


class AgreementOut(serializers.ModelSerializer):
    required = serializers.ListField(child=serializers.CharField())
    signatures = serializers.SerializerMethodField()
    items = AgreementItemOut(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = ["terms", "items", "origin", "required", "signatures", "created_at", "updated_at"]

    @extend_schema_field({"type": "array", "items": {"type": "object", "properties": {
        "role": {"type": "string"}, "user": _user_ref, "at": {"type": "string", "format": "date-time"}}}})
    def get_signatures(self, obj):
        return [{"role": s.role, "user": user_ref(s.user), "at": iso(s.at)}
                for s in obj.signatures.select_related("user")]
