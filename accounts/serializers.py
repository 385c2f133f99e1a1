"""Input shapes of the account endpoints, and users and companies as the API reads them."""

from __future__ import annotations

import re

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Company, Office, Role, Union, User

NIK_RE = re.compile(r"^\d{16}$")
NIB_RE = re.compile(r"^\d{13}$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,28}$")

NIK_MESSAGE = _("A NIK has exactly 16 digits.")
NIB_MESSAGE = _("An NIB has exactly 13 digits.")
PHONE_MESSAGE = _("Enter a phone number of digits, optionally starting with +.")


def nib_field(**kwargs) -> serializers.RegexField:
    return serializers.RegexField(NIB_RE, error_messages={"invalid": NIB_MESSAGE}, **kwargs)


class RegisterBaseInput(serializers.Serializer):
    """What every registration has; `role` chooses the rest."""

    role = serializers.ChoiceField(choices=[Role.WORKER.value, Role.COMPANY.value])
    username = serializers.CharField(max_length=150, validators=[UnicodeUsernameValidator()])
    password = serializers.CharField(max_length=1024, trim_whitespace=False, write_only=True)
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254)
    phone = serializers.RegexField(PHONE_RE, max_length=30, error_messages={"invalid": PHONE_MESSAGE})


class WorkerRegisterInput(RegisterBaseInput):
    """A worker's registration."""

    role = serializers.ChoiceField(choices=[Role.WORKER.value])
    nik = serializers.RegexField(NIK_RE, error_messages={"invalid": NIK_MESSAGE})
    address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class CompanyInput(serializers.Serializer):
    """The company a company account represents; `regency` is the code of the office it belongs to."""

    name = serializers.CharField(max_length=200)
    nib = nib_field()
    address = serializers.CharField(max_length=2000)
    regency = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Office.objects.all(),
        error_messages={"does_not_exist": _("Unknown regency code."), "invalid": _("Unknown regency code.")},
    )


class CompanyRegisterInput(RegisterBaseInput):
    """A company representative's registration, optionally through an invitation link's token."""

    role = serializers.ChoiceField(choices=[Role.COMPANY.value])
    company = CompanyInput()
    invitation = serializers.CharField(max_length=200, required=False, allow_blank=True)


REGISTER_INPUTS: dict[str, type[RegisterBaseInput]] = {
    Role.WORKER.value: WorkerRegisterInput,
    Role.COMPANY.value: CompanyRegisterInput,
}


class RegisteredOutput(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    role = serializers.CharField()


class CredentialsInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=1024, trim_whitespace=False, write_only=True)


class LoginOutput(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    role = serializers.CharField()
    name = serializers.CharField()


class TokenOutput(serializers.Serializer):
    token = serializers.CharField()


class CsrfOutput(serializers.Serializer):
    csrftoken = serializers.CharField()


class OfficeOutput(serializers.ModelSerializer):
    class Meta:
        model = Office
        fields = ["code", "name"]


class MeCompanyOutput(serializers.ModelSerializer):
    verified = serializers.BooleanField(read_only=True)

    class Meta:
        model = Company
        fields = ["id", "name", "nib", "verified"]


class UnionOutput(serializers.ModelSerializer):
    """A union (serikat pekerja/serikat buruh) with its nomor bukti pencatatan."""

    regency = serializers.CharField(source="regency_id", read_only=True)
    company = MeCompanyOutput(allow_null=True, read_only=True,
                              help_text="The company where a company-level union is organised, or null.")

    class Meta:
        model = Union
        fields = ["id", "name", "registration_number", "address", "regency", "company", "verified_at"]
        read_only_fields = ["verified_at"]


class UnionInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    registration_number = serializers.CharField(max_length=60, help_text="Nomor bukti pencatatan of the union.")
    address = serializers.CharField(max_length=1000)
    regency = serializers.CharField(max_length=8, help_text="Office code of the union's registration, e.g. 32.73.")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    company_nib = serializers.RegexField(r"^\d{13}$", required=False, allow_blank=True, default="",
                                         help_text="NIB of the (verified) company where the union is organised; a "
                                                   "dispute between unions is one between unions of one company.")


class UnionLookupInput(serializers.Serializer):
    registration_number = serializers.CharField(max_length=60)


class MeOutput(serializers.ModelSerializer):
    office = OfficeOutput(allow_null=True, read_only=True)
    company = MeCompanyOutput(allow_null=True, read_only=True)
    union = UnionOutput(allow_null=True, read_only=True,
                        help_text="The union this worker is an officer (pengurus) of, or null.")

    class Meta:
        model = User
        fields = ["id", "username", "role", "name", "office", "company", "union"]


class CompanyLookupInput(serializers.Serializer):
    nib = nib_field()


class CompanyLookupOutput(serializers.ModelSerializer):
    regency = serializers.CharField(source="regency_id", read_only=True)

    class Meta:
        model = Company
        fields = ["id", "name", "nib", "regency"]


class CompanyListInput(serializers.Serializer):
    verified = serializers.BooleanField(required=False, allow_null=True, default=None)


class CompanyOutput(serializers.ModelSerializer):
    """A company as the officers of its office see it."""

    regency = serializers.CharField(source="regency_id", read_only=True)
    verified = serializers.BooleanField(read_only=True)

    class Meta:
        model = Company
        fields = ["id", "name", "nib", "address", "regency", "email", "phone", "verified", "verified_at"]


class AddWorkingDaysInput(serializers.Serializer):
    start = serializers.DateField(input_formats=["%Y-%m-%d"])
    days = serializers.IntegerField(min_value=1, max_value=366)

    def validate_start(self, value):
        if not 2000 <= value.year <= 2100:
            raise serializers.ValidationError(_("The year must be from 2000 to 2100."))
        return value


class AddWorkingDaysOutput(serializers.Serializer):
    start = serializers.DateField()
    days = serializers.IntegerField()
    due = serializers.DateField()


class HolidaysInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class HolidayOutput(serializers.Serializer):
    date = serializers.DateField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["national", "cuti_bersama", "override"])


class HolidayListOutput(serializers.Serializer):
    results = HolidayOutput(many=True)
