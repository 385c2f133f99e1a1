"""Input shapes and the dispute as the API reads it."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Office
from accounts.regions import office_code_for_workplaces
from disputes import parties
from disputes.extensions import is_room_member
from disputes.models import Deadline, DisputeEvent, DisputeType, Evidence
from disputes.parties import PartyKind

NIK_RE = re.compile(r"^\d{16}$")
NIB_RE = re.compile(r"^\d{13}$")


class RespondentInput(serializers.Serializer):
    """The other side (`kind`, default `company`). A company: a verified one by `nib`, or one not on SIKHI by
    `name`, `email` and `address`. A worker (an employer's filing): `nik`, `name`, `email`, `address`; the worker
    is invited by e-mail and claims the invitation with a worker account of that NIK. A union: its
    `registration_number` (nomor bukti pencatatan); `name`, `email` and `address` when it is not on SIKHI."""

    kind = serializers.ChoiceField(choices=PartyKind.choices, required=False, default=PartyKind.COMPANY,
                                   help_text="worker | company | union (default company)")
    nib = serializers.CharField(required=False)
    nik = serializers.CharField(required=False, help_text="A respondent worker's NIK (16 digits).")
    registration_number = serializers.CharField(required=False, max_length=60,
                                                help_text="A respondent union's nomor bukti pencatatan.")
    name = serializers.CharField(required=False, max_length=200)
    email = serializers.EmailField(required=False)
    address = serializers.CharField(required=False, max_length=1000)

    def _require(self, attrs: dict, names: tuple[str, ...]) -> None:
        missing = {f: [_("This field is required.")] for f in names if not attrs.get(f)}
        if missing:
            raise serializers.ValidationError(missing)

    def validate(self, attrs: dict) -> dict:
        kind = attrs.get("kind") or PartyKind.COMPANY
        if kind == PartyKind.WORKER:
            self._require(attrs, ("nik", "name", "email", "address"))
            if not NIK_RE.match(attrs["nik"]):
                raise serializers.ValidationError({"nik": [_("A NIK has exactly 16 digits.")]})
            return {k: attrs[k] for k in ("kind", "nik", "name", "email", "address")}
        if kind == PartyKind.UNION:
            self._require(attrs, ("registration_number",))
            return {k: attrs[k] for k in ("kind", "registration_number", "name", "email", "address") if k in attrs}
        if attrs.get("nib"):
            if not NIB_RE.match(attrs["nib"]):
                raise serializers.ValidationError({"nib": [_("An NIB has exactly 13 digits.")]})
            return {"kind": kind, "nib": attrs["nib"]}
        self._require(attrs, ("name", "email", "address"))
        return {k: attrs[k] for k in ("kind", "name", "email", "address")}


class MemberInput(serializers.Serializer):
    """A member of a collective dispute. `position` (jabatan) may be left empty in a draft but is required
    before the dispute is submitted, as is the members' power of attorney."""

    name = serializers.CharField(max_length=200)
    nik = serializers.RegexField(NIK_RE, error_messages={"invalid": _("A NIK has exactly 16 digits.")})
    position = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class MemberOut(serializers.Serializer):
    name = serializers.CharField()
    nik = serializers.CharField(help_text="Empty for a member recorded before NIKs were required.")
    position = serializers.CharField(help_text="Jabatan; empty for a member recorded before it was asked.")


class PowerOfAttorneyOut(serializers.Serializer):
    id = serializers.IntegerField()
    granted_by = serializers.CharField(help_text="union | members")
    issued_on = serializers.DateField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    uploaded_at = serializers.DateTimeField()


class RepresentativeOut(serializers.Serializer):
    side = serializers.CharField(help_text="petitioner | respondent")
    name = serializers.CharField()
    position = serializers.CharField(help_text="e.g. kuasa hukum (advokat), pengurus serikat pekerja")
    organisation = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    issued_on = serializers.DateField(help_text="Date of the surat kuasa khusus.")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    recorded_at = serializers.DateTimeField()


class RepresentativeInput(serializers.Serializer):
    """A side's proxy; the side is the caller's own (petitioner or respondent)."""

    name = serializers.CharField(max_length=200)
    position = serializers.CharField(max_length=200)
    organisation = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    issued_on = serializers.DateField(help_text="The date of the surat kuasa khusus.")
    file = serializers.FileField(allow_empty_file=False,
                                 help_text="The surat kuasa khusus: PDF, JPEG or PNG (checked by content), <= 10 MB.")


class PowerOfAttorneyInput(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=False, help_text="PDF, JPEG or PNG (checked by content), <= 10 MB.")
    granted_by = serializers.ChoiceField(choices=["union", "members"])
    issued_on = serializers.DateField(help_text="The date on the surat kuasa.")


@extend_schema_field({"oneOf": [{"type": "string", "example": "32.73"},
                                {"type": "array", "items": {"type": "string"}}]})
class WorkplaceRegencyField(serializers.Field):
    """An office code ("32.73"), or a list of codes: workplaces in several regencies of one province go to the
    province ("32"), in several provinces to the Ministry ("00"); accounts.regions decides."""

    default_error_messages = {"invalid": _("Unknown regency code.")}

    def to_internal_value(self, data):
        codes = data if isinstance(data, list) else [data]
        if not codes or not all(isinstance(c, str) for c in codes):
            self.fail("invalid")
        known = set(Office.objects.filter(code__in=codes).values_list("code", flat=True))
        if set(codes) - known:
            self.fail("invalid")
        return office_code_for_workplaces(codes)

    def to_representation(self, value):
        return value


class DisputeInput(serializers.Serializer):
    """Creating (all of type, respondent, workplace_regency) or editing a draft (any subset)."""

    type = serializers.ChoiceField(choices=DisputeType.choices)
    petitioner_kind = serializers.ChoiceField(
        choices=PartyKind.choices, required=False,
        help_text="Who files: `worker` (a worker's own account, the default for workers), `union` (a worker who "
                  "is an officer of a union on SIKHI files for the union) or `company` (a company account, the "
                  "only choice for companies). Who may file which type against whom: UU 2/2004 Art. 1; refused "
                  "with 400 `invalid` on `type` or `respondent.kind`.")
    respondent = RespondentInput()
    workplace_regency = WorkplaceRegencyField()
    summary = serializers.CharField(max_length=2000, allow_blank=True, required=False)
    chronology = serializers.CharField(max_length=50000, allow_blank=True, required=False)
    demands = serializers.CharField(max_length=20000, allow_blank=True, required=False)
    collective = serializers.BooleanField(required=False)
    members = MemberInput(many=True, required=False, max_length=500)
    petitioner_address = serializers.CharField(
        max_length=300, required=False, allow_blank=False,
        help_text="The worker's own address, printed on the minutes and letters (UU 2/2004 Art. 6(2)); it is "
                  "stored on the petitioner's account (read back from the account, not the dispute).")
    monthly_wage = serializers.IntegerField(min_value=0, max_value=10**12, required=False, allow_null=True,
                                            help_text="Basic wage plus fixed allowances, whole rupiah (for phk).")
    employment_start = serializers.DateField(required=False, allow_null=True, help_text="First day of work.")
    employment_end = serializers.DateField(required=False, allow_null=True, help_text="Last day of work (phk).")

    def validate(self, attrs: dict) -> dict:
        start, end = attrs.get("employment_start"), attrs.get("employment_end")
        if start and end and end < start:
            raise serializers.ValidationError({"employment_end": [_("Must not be before the first day of work.")]})
        return attrs



class StrictCharField(serializers.CharField):
    """A CharField that takes only strings (DRF's would turn 1 or True into "1" or "True")."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictUUIDField(serializers.UUIDField):
    """A UUIDField that takes only strings (DRF's would turn the integer 1 into a UUID)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)


class TransitionInput(serializers.Serializer):
    """{"name": "<transition>", ...payload}; the payload fields depend on the transition (workflow.md)."""

    name = serializers.CharField(max_length=40)


class DeadlineOut(serializers.ModelSerializer):
    class Meta:
        model = Deadline
        fields = ["key", "starts_at", "due_at", "owed_by", "state"]


class EventOut(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = DisputeEvent
        fields = ["at", "actor", "name", "source", "target", "payload"]

    @extend_schema_field({"type": "object", "nullable": True, "properties": {
        "id": {"type": "integer"}, "name": {"type": "string"}, "role": {"type": "string"}}})
    def get_actor(self, obj):
        if obj.actor is None:
            return None
        return {"id": obj.actor.id, "name": obj.actor.name, "role": obj.actor.role}


class EvidenceOut(serializers.ModelSerializer):
    uploaded_by = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "title", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"]

    @extend_schema_field({"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}})
    def get_uploaded_by(self, obj):
        return {"id": obj.uploaded_by_id, "name": obj.uploaded_by.name}


class EvidenceInput(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=False)
    title = serializers.CharField(max_length=200)


class CourtRegistrationInput(serializers.Serializer):
    court = serializers.CharField(max_length=200)
    akta_number = serializers.CharField(max_length=100)
    registered_on = serializers.DateField()


_ref = {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}}
_union_ref = {"type": "object", "description": "A union side: its id on SIKHI (null when not on SIKHI), name and "
                                               "nomor bukti pencatatan.",
              "properties": {"id": {"type": "integer", "nullable": True}, "name": {"type": "string"},
                             "registration_number": {"type": "string"}}}


def _union_out(union) -> dict:
    return {"id": union.pk, "name": union.name, "registration_number": union.registration_number}


class DisputeOut(serializers.Serializer):
    """The dispute as `request.user` sees it (available_transitions, next_actor and rooms are per user)."""

    id = serializers.IntegerField()
    number = serializers.CharField(allow_null=True)
    registration_number = serializers.CharField(allow_null=True)
    type = serializers.CharField()
    status = serializers.CharField(source="state")
    status_label = serializers.SerializerMethodField()
    failure_reason = serializers.SerializerMethodField()
    petitioner = serializers.SerializerMethodField()
    respondent = serializers.SerializerMethodField()
    petitioner_kind = serializers.SerializerMethodField(help_text="worker | company | union")
    respondent_kind = serializers.SerializerMethodField(help_text="worker | company | union")
    petitioner_company = serializers.SerializerMethodField()
    petitioner_union = serializers.SerializerMethodField()
    respondent_worker = serializers.SerializerMethodField()
    respondent_union = serializers.SerializerMethodField()
    office = serializers.SerializerMethodField()
    workplace_regency = serializers.CharField()
    mediator = serializers.SerializerMethodField()
    summary = serializers.CharField()
    chronology = serializers.CharField()
    demands = serializers.CharField()
    collective = serializers.BooleanField()
    members = serializers.SerializerMethodField()
    powers_of_attorney = serializers.SerializerMethodField()
    representatives = serializers.SerializerMethodField()
    monthly_wage = serializers.IntegerField(allow_null=True)
    employment_start = serializers.DateField(allow_null=True)
    employment_end = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    deadlines = serializers.SerializerMethodField()
    next_actor = serializers.SerializerMethodField()
    available_transitions = serializers.SerializerMethodField()
    rooms = serializers.SerializerMethodField()

    def _user(self):
        return self.context["request"].user

    def get_status_label(self, obj) -> str:
        return str(obj.get_state_display())

    def get_failure_reason(self, obj) -> str | None:
        return obj.failure_reason or None

    @extend_schema_field({"type": "object", "properties": {
        "id": {"type": "integer", "description": "The filing account (the worker, or the company's or the "
                                                  "union's representative)."},
        "name": {"type": "string", "description": "The side's name: the worker's, the company's or the union's "
                                                  "(see `petitioner_kind`)."}}})
    def get_petitioner(self, obj):
        return {"id": obj.petitioner_id, "name": parties.display_name(obj, "petitioner")}

    @extend_schema_field({"type": "object", "description": "The respondent's name; `company_id` and `nib` for a "
                                                          "company (see `respondent_kind`, `respondent_worker`, "
                                                          "`respondent_union`).", "properties": {
        "company_id": {"type": "integer", "nullable": True}, "name": {"type": "string"},
        "nib": {"type": "string", "nullable": True}}})
    def get_respondent(self, obj):
        return {"company_id": obj.respondent_company_id, "name": obj.respondent_name,
                "nib": obj.respondent_nib or None}

    @extend_schema_field({"type": "object", "nullable": True, "description": "A petitioning company, or null.",
                          "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                                         "nib": {"type": "string"}}})
    def get_petitioner_company(self, obj):
        if parties.kind(obj, "petitioner") != "company" or obj.petitioner_company_id is None:
            return None
        return {"id": obj.petitioner_company_id, "name": obj.petitioner_company.name, "nib": obj.petitioner_company.nib}

    @extend_schema_field({"type": "object", "nullable": True,
                          "description": "A respondent worker (an employer's filing): the account once the "
                                         "invitation is claimed (`id` null before), name and NIK; null otherwise.",
                          "properties": {"id": {"type": "integer", "nullable": True}, "name": {"type": "string"},
                                         "nik": {"type": "string"}}})
    def get_respondent_worker(self, obj):
        if parties.kind(obj, "respondent") != "worker":
            return None
        return {"id": obj.respondent_worker_id, "name": obj.respondent_name, "nik": obj.respondent_nik}

    def get_petitioner_kind(self, obj) -> str:
        return parties.kind(obj, "petitioner")

    def get_respondent_kind(self, obj) -> str:
        return parties.kind(obj, "respondent")

    @extend_schema_field({**_union_ref, "nullable": True})
    def get_petitioner_union(self, obj):
        return _union_out(obj.petitioner_union) if parties.kind(obj, "petitioner") == "union" else None

    @extend_schema_field({**_union_ref, "nullable": True})
    def get_respondent_union(self, obj):
        if parties.kind(obj, "respondent") != "union":
            return None
        if obj.respondent_union_id:
            return _union_out(obj.respondent_union)
        return {"id": None, "name": obj.respondent_name, "registration_number": obj.respondent_registration_number}

    @extend_schema_field({"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"}}})
    def get_office(self, obj):
        return {"code": obj.office_id, "name": obj.office.name}

    @extend_schema_field({**_ref, "nullable": True})
    def get_mediator(self, obj):
        return {"id": obj.mediator_id, "name": obj.mediator.name} if obj.mediator_id else None

    @extend_schema_field(MemberOut(many=True))
    def get_members(self, obj):
        return [{"name": m.get("name", ""), "nik": m.get("nik", "") or "", "position": m.get("position", "") or ""}
                for m in obj.members or []]

    @extend_schema_field(PowerOfAttorneyOut(many=True))
    def get_powers_of_attorney(self, obj):
        """The members' surat kuasa of a collective dispute (metadata; the file at
        /api/v1/powers-of-attorney/{id}/download/)."""
        return PowerOfAttorneyOut(obj.powers_of_attorney.all(), many=True).data

    @extend_schema_field(RepresentativeOut(many=True))
    def get_representatives(self, obj):
        """Each side's proxy with a surat kuasa khusus (file at /api/v1/disputes/{id}/representatives/{side}/file/)."""
        return RepresentativeOut(obj.representatives.all(), many=True).data

    @extend_schema_field(DeadlineOut(many=True))
    def get_deadlines(self, obj):
        return DeadlineOut(obj.deadlines.all(), many=True).data

    def get_next_actor(self, obj) -> list[str]:
        from disputes.services import next_actor

        return next_actor(obj)

    def get_available_transitions(self, obj) -> list[str]:
        from disputes.services import available_transitions

        return available_transitions(obj, self._user())

    @extend_schema_field({"type": "array", "items": {"type": "object", "properties": {
        "id": {"type": "integer"}, "kind": {"type": "string"}}}})
    def get_rooms(self, obj):
        user = self._user()
        return [{"id": r.id, "kind": r.kind} for r in obj.rooms.all() if is_room_member(user, r)]
