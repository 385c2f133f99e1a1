"""The members' power of attorney (surat kuasa) of a collective dispute; imported by disputes.models."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


class Grantor(models.TextChoices):
    UNION = "union", _("The union")
    MEMBERS = "members", _("The members themselves")


def _private_storage():
    return storages["private"]


def _mandate_path(instance: StoredMandate, filename: str) -> str:
    return f"mandates/{instance.dispute_id}/{uuid.uuid4().hex}"


class StoredMandate(models.Model):
    """A surat kuasa file kept outside any public URL, with what its content check found."""

    file = models.FileField(upload_to=_mandate_path, storage=_private_storage)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        abstract = True


class Side(models.TextChoices):
    PETITIONER = "petitioner", _("The worker's side")
    RESPONDENT = "respondent", _("The company's side")


class Representative(StoredMandate):
    """A side's proxy (kuasa hukum or union officer) with a surat kuasa khusus (Permenakertrans 17/2014
    Art. 10(1)(e)); printed in the documents. The proxy has no SIKHI account: the party's own user acts."""

    dispute = models.ForeignKey("disputes.Dispute", on_delete=models.CASCADE, related_name="representatives")
    side = models.CharField(max_length=10, choices=Side.choices)
    name = models.CharField(max_length=200)
    position = models.CharField(max_length=200)  # kuasa hukum / advokat, pengurus serikat, ...
    organisation = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    issued_on = models.DateField()  # the date of the surat kuasa khusus
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["side", "id"]
        constraints = [models.UniqueConstraint(fields=["dispute", "side"], name="one_representative_per_side")]

    def __str__(self) -> str:
        return f"{self.name} for the {self.side} of dispute {self.dispute_id}"


class PowerOfAttorney(StoredMandate):
    """The surat kuasa by which the petitioner acts for the members of a collective dispute (PDF, JPEG or PNG)."""

    dispute = models.ForeignKey("disputes.Dispute", on_delete=models.CASCADE, related_name="powers_of_attorney")
    granted_by = models.CharField(max_length=8, choices=Grantor.choices)
    issued_on = models.DateField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"surat kuasa {self.issued_on} ({self.sha256[:12]})"
