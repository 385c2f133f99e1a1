"""Notice outside SIKHI: a document's delivery recorded by the office, the e-mailed link that opens one document
without an account, and a party's first opening of a document (its acknowledgement of receipt).

A party not on SIKHI still receives every summons, anjuran and notice (issue 9): by an e-mailed `DocumentLink`
(only the token's SHA-256 is stored; revocable, expiring), or by post, courier or hand, recorded as a `Delivery`.
Its receipt (`DocumentReceipt`, or a delivery's date) is what the answer clock of the anjuran and the notice of a
summons count from (documents/deliveries.py)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from disputes.models import private_storage

SIDE_CHOICES = [("petitioner", _("Petitioner")), ("respondent", _("Respondent"))]


class DeliveryMethod(models.TextChoices):
    POST = "post", _("Post")
    COURIER = "courier", _("Courier")
    BY_HAND = "by_hand", _("By hand")
    EMAIL_LINK = "email_link", _("E-mail link")


def _scan_path(instance: Delivery, filename: str) -> str:
    return f"deliveries/{instance.document.dispute_id}/{uuid.uuid4().hex}"


class Delivery(models.Model):
    """The office's record that one document reached one party outside SIKHI: how, on which day (that party's
    receipt), the receipt number of the post or courier, and an optional scan of the proof (checked by content)."""

    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="deliveries")
    side = models.CharField(max_length=10, choices=SIDE_CHOICES)
    method = models.CharField(max_length=12, choices=DeliveryMethod.choices)
    delivered_on = models.DateField()
    receipt_number = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True)
    scan = models.FileField(upload_to=_scan_path, storage=private_storage, blank=True, max_length=200)
    scan_content_type = models.CharField(max_length=50, blank=True)
    scan_size = models.PositiveIntegerField(null=True, blank=True)
    scan_sha256 = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["delivered_on", "id"]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"{self.document} to {self.side} by {self.method} on {self.delivered_on}"


class DocumentLink(models.Model):
    """A link e-mailed to a party not on SIKHI that opens this one document without an account. Only the SHA-256
    of its token is stored; it stops working when it expires or is revoked."""

    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="links")
    side = models.CharField(max_length=10, choices=SIDE_CHOICES)
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    first_opened_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)
    open_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"link to {self.document} for {self.side}"


class ReceiptVia(models.TextChoices):
    DOWNLOAD = "download", _("downloaded on SIKHI")
    LINK = "link", _("opened from the e-mailed link")


class DocumentReceipt(models.Model):
    """A party's first opening of a document (downloaded by its account, or opened from its e-mailed link): the
    acknowledgement of receipt the answer clock and the summons' notice count from."""

    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="receipts")
    side = models.CharField(max_length=10, choices=SIDE_CHOICES)
    at = models.DateTimeField()
    via = models.CharField(max_length=10, choices=ReceiptVia.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    link = models.ForeignKey(DocumentLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "side"], name="one_receipt_per_document_side")]

    def __str__(self) -> str:
        return f"{self.side} received {self.document_id} ({self.via})"
