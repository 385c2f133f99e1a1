"""Users and roles, companies, Disnaker offices and calendar overrides: what every app shares."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WORKER = "worker", _("Worker")
    COMPANY = "company", _("Company")
    OFFICER = "officer", _("Officer")
    MEDIATOR = "mediator", _("Mediator")


STAFF_ROLES = (Role.OFFICER, Role.MEDIATOR)


class Language(models.TextChoices):
    """The languages a user may read SIKHI in; e-mails go out in the recipient's."""

    INDONESIAN = "id", "Bahasa Indonesia"
    ENGLISH = "en", "English"


def language_of(code: str | None) -> str:
    """A supported language code for `code` (e.g. "en-us" -> "en"); Bahasa Indonesia otherwise."""
    return "en" if (code or "").lower().startswith("en") else "id"


class Office(models.Model):
    """A Disnaker office, keyed by the Kemendagri code of its region (province `32` or a kabupaten/kota)."""

    code = models.CharField(max_length=8, primary_key=True)
    region_name = models.CharField(max_length=100)
    kind = models.CharField(max_length=12)  # provinsi, kabupaten, kota
    name = models.CharField(max_length=200)
    # Working days between sending a summons and the session (Permenakertrans 17/2014 Art. 13(1)(b): a written
    # summons with reasonable notice); a shorter notice needs a recorded reason.
    summons_notice_days = models.PositiveSmallIntegerField(default=3)
    # The letterhead (kop surat) of the office's letters: editable by an admin.
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Company(models.Model):
    """A company (pengusaha) with its NIB; an officer of its office verifies it."""

    name = models.CharField(max_length=200)
    nib = models.CharField(max_length=13, unique=True)
    address = models.TextField()
    regency = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="companies")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self) -> str:
        return f"{self.name} ({self.nib})"

    @property
    def verified(self) -> bool:
        return self.verified_at is not None


class Union(models.Model):
    """A trade union (serikat pekerja/serikat buruh) with its nomor bukti pencatatan from the Disnaker office;
    its officers (pengurus) are the worker accounts whose `union` it is (UU 21/2000 Art. 18, 25)."""

    name = models.CharField(_("name"), max_length=200)
    registration_number = models.CharField(_("registration number"), max_length=60, unique=True)
    address = models.TextField(_("address"), blank=True)
    regency = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="unions")
    # The company where a company-level union (serikat pekerja tingkat perusahaan) is organised: a dispute
    # between unions is one between unions of one company (UU 2/2004 Art. 1(5)).
    company = models.ForeignKey(Company, null=True, blank=True, on_delete=models.PROTECT, related_name="unions")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The office where the union is recorded checks its nomor bukti pencatatan against its own register (UU 21/2000
    # Art. 18-20) before the union can file or answer a dispute, as it verifies a company.
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="verified_unions"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.registration_number})"

    @property
    def verified(self) -> bool:
        return self.verified_at is not None


class User(AbstractUser):
    """A SIKHI account with exactly one role; staff belong to an office, company users to a company."""

    role = models.CharField(max_length=10, choices=Role.choices)
    name = models.CharField(max_length=200)
    nik = models.CharField(max_length=16, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)  # a worker's, printed on the letters
    # A mediator's civil-service number (NIP) and functional grade, printed with the signature.
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    grade = models.CharField(_("functional grade"), max_length=100, blank=True)
    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.PROTECT, related_name="staff")
    company = models.OneToOneField(
        Company, null=True, blank=True, on_delete=models.PROTECT, related_name="account"
    )
    # A worker who is an officer (pengurus) of a union acts for it as a party (UU 2/2004 Art. 1(1)).
    union = models.ForeignKey(Union, null=True, blank=True, on_delete=models.PROTECT, related_name="officers")
    # The language of the user's e-mails: the request's at registration, updated at each sign-in.
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.INDONESIAN)

    REQUIRED_FIELDS = ["email"]

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="staff_have_office",
                condition=~models.Q(role__in=["officer", "mediator"]) | models.Q(office__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.username} ({self.role})"

    @property
    def is_staff_member(self) -> bool:
        return self.role in STAFF_ROLES


class HolidayOverride(models.Model):
    """An admin's correction of the holiday calendar: a date made a holiday, or a holiday made a working day."""

    date = models.DateField(unique=True)
    is_holiday = models.BooleanField(
        help_text=_("Checked: the date is a holiday. Unchecked: the date is a working day.")
    )
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {'libur' if self.is_holiday else 'hari kerja'}: {self.name}"


class NumberSequence(models.Model):
    """A named counter for official numbers (dispute numbers, registration numbers) without gaps."""

    key = models.CharField(max_length=100, primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.last}"
