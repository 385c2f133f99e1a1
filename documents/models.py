"""Generated documents: PDFs made once from a dispute's data, stored privately, never changed."""

from __future__ import annotations

import re
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disputes.models import private_storage


class DocumentKind(models.TextChoices):
    BIPARTITE_MINUTES = "bipartite_minutes", _("Bipartite meeting minutes")
    SUMMONS = "summons", _("Summons")
    RECOMMENDATION = "recommendation", _("Written recommendation")
    AGREEMENT = "agreement", _("Joint agreement")
    SETTLEMENT_MINUTES = "settlement_minutes", _("Settlement minutes")
    REGISTRATION_REQUEST = "registration_request", _("Request to register the joint agreement")
    # The office's further letters (documents/letters.py).
    REGISTRATION_RECEIPT = "registration_receipt", _("Registration receipt")
    REGISTRATION_RETURN = "registration_return", _("Return of an incomplete registration")
    ADR_OFFER = "adr_offer", _("Offer of conciliation or arbitration")
    DELEGATION_LETTER = "delegation_letter", _("Hand-over letter to the province")
    CLARIFICATION_MINUTES = "clarification_minutes", _("Clarification minutes")
    SESSION_RECORD = "session_record", _("Record of a mediation session")
    STRIKE_OFF_NOTICE = "strike_off_notice", _("Notice of striking off")


K = DocumentKind

# The Indonesian name a downloaded document is saved under, before its number: "Anjuran-565-ANJ-32.73-2026.pdf".
DOWNLOAD_NAMES = {
    DocumentKind.BIPARTITE_MINUTES: "Risalah-Bipartit",
    DocumentKind.SUMMONS: "Surat-Panggilan",
    DocumentKind.RECOMMENDATION: "Anjuran",
    DocumentKind.AGREEMENT: "Perjanjian-Bersama",
    DocumentKind.SETTLEMENT_MINUTES: "Risalah-Penyelesaian",
    DocumentKind.REGISTRATION_REQUEST: "Permohonan-Pendaftaran-PB",
    DocumentKind.REGISTRATION_RECEIPT: "Tanda-Bukti-Pencatatan",
    DocumentKind.REGISTRATION_RETURN: "Pengembalian-Berkas",
    DocumentKind.ADR_OFFER: "Penawaran-Konsiliasi-Arbitrase",
    DocumentKind.DELEGATION_LETTER: "Surat-Pelimpahan",
    DocumentKind.CLARIFICATION_MINUTES: "Risalah-Klarifikasi",
    DocumentKind.SESSION_RECORD: "Berita-Acara-Sidang",
    DocumentKind.STRIKE_OFF_NOTICE: "Pemberitahuan-Penghapusan-Registrasi",
}
# The letters about one session (risalah klarifikasi, berita acara) and those about one recorded event (a return
# of the registration, a hand-over): their subject is that session or that event.
PER_SESSION = [DocumentKind.CLARIFICATION_MINUTES, DocumentKind.SESSION_RECORD]
PER_EVENT = [DocumentKind.REGISTRATION_RETURN, DocumentKind.DELEGATION_LETTER]
PER_DISPUTE_LETTERS = [DocumentKind.REGISTRATION_RECEIPT, DocumentKind.ADR_OFFER, DocumentKind.STRIKE_OFF_NOTICE]


def _document_path(instance: Document, filename: str) -> str:
    return f"documents/{instance.dispute_id}/{uuid.uuid4().hex}.pdf"


class Document(models.Model):
    """One generated PDF (risalah, surat panggilan, anjuran, perjanjian bersama): stored once, never changed.

    `sha256` is the digest of the stored bytes; `verification_code` is chosen before rendering and printed
    on every page (and in its QR code), because a file cannot contain its own hash."""

    dispute = models.ForeignKey("disputes.Dispute", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=24, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    number = models.CharField(max_length=80)
    file = models.FileField(upload_to=_document_path, storage=private_storage, max_length=200)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    verification_code = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # What the document is about, where a dispute has several of its kind (RESTRICT: the record it documents
    # cannot be deleted on its own, only together with its dispute).
    meeting = models.ForeignKey("mediation.BipartiteMeeting", null=True, blank=True, on_delete=models.RESTRICT,
                                related_name="documents")
    summons = models.ForeignKey("mediation.Summons", null=True, blank=True, on_delete=models.RESTRICT,
                                related_name="documents")
    agreement = models.ForeignKey("mediation.Agreement", null=True, blank=True, on_delete=models.RESTRICT,
                                  related_name="documents")
    session = models.ForeignKey("mediation.MediationSession", null=True, blank=True, on_delete=models.RESTRICT,
                                related_name="documents")
    event = models.ForeignKey("disputes.DisputeEvent", null=True, blank=True, on_delete=models.RESTRICT,
                              related_name="documents")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # Each document is generated once: per meeting, per summons, per agreement, per dispute.
            models.UniqueConstraint(fields=["meeting"], condition=models.Q(kind=K.BIPARTITE_MINUTES),
                                    name="one_minutes_per_meeting"),
            models.UniqueConstraint(fields=["summons"], condition=models.Q(kind=K.SUMMONS),
                                    name="one_document_per_summons"),
            models.UniqueConstraint(fields=["dispute"], condition=models.Q(kind=K.RECOMMENDATION),
                                    name="one_recommendation_document_per_dispute"),
            models.UniqueConstraint(fields=["dispute"], condition=models.Q(kind=K.AGREEMENT),
                                    name="one_agreement_document_per_dispute"),
            models.UniqueConstraint(fields=["dispute"], condition=models.Q(kind=K.REGISTRATION_REQUEST),
                                    name="one_registration_request_per_dispute"),
            models.UniqueConstraint(fields=["dispute"], condition=models.Q(kind=K.SETTLEMENT_MINUTES),
                                    name="one_settlement_minutes_per_dispute"),
            *[models.UniqueConstraint(fields=["dispute"], condition=models.Q(kind=kind), name=f"one_{kind}_per_dispute")
              for kind in PER_DISPUTE_LETTERS],
            *[models.UniqueConstraint(fields=["session"], condition=models.Q(kind=kind), name=f"one_{kind}_per_session")
              for kind in PER_SESSION],
            *[models.UniqueConstraint(fields=["event"], condition=models.Q(kind=kind), name=f"one_{kind}_per_event")
              for kind in PER_EVENT],
            models.CheckConstraint(
                name="document_names_its_subject",
                condition=(
                    (models.Q(kind=K.BIPARTITE_MINUTES) & models.Q(meeting__isnull=False))
                    | (models.Q(kind=K.SUMMONS) & models.Q(summons__isnull=False))
                    | (models.Q(kind__in=[K.AGREEMENT, K.REGISTRATION_REQUEST]) & models.Q(agreement__isnull=False))
                    | (models.Q(kind__in=PER_SESSION) & models.Q(session__isnull=False))
                    | (models.Q(kind__in=PER_EVENT) & models.Q(event__isnull=False))
                    | models.Q(kind__in=[K.RECOMMENDATION, K.SETTLEMENT_MINUTES, *PER_DISPUTE_LETTERS])
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.number}"

    @property
    def download_name(self) -> str:
        """The file name a download is saved under: the kind in Indonesian and the number, e.g.
        "Anjuran-565-ANJ-32.73-2026.pdf"."""
        number = re.sub(r"[^A-Za-z0-9.]+", "-", self.number).strip("-.") or str(self.pk)
        return f"{DOWNLOAD_NAMES.get(self.kind, 'Dokumen')}-{number}.pdf"


class PendingState(models.TextChoices):
    QUEUED = "queued", _("Waiting to be prepared")
    RUNNING = "running", _("Being prepared")
    FAILED = "failed", _("Could not be prepared")


class PendingDocument(models.Model):
    """A document an event called for that the background job (`documents.jobs.document_generate_job`) has not
    made yet: written in the event's transaction, deleted once the document is stored.

    `key` names the document to be (its generator and the object it documents), so one event never queues it
    twice; `queued` with `attempts` > 0 is a failed attempt waiting for its retry at `next_attempt_at` (with
    backoff), `running` is an attempt under way (`next_attempt_at` is then the end of its lease), `failed` means
    the job gave up after the last attempt: office staff see `error` and `manage.py generate_documents` (or the
    admin's "retry") makes it."""

    dispute = models.ForeignKey("disputes.Dispute", on_delete=models.CASCADE, related_name="pending_documents")
    kind = models.CharField(max_length=32)  # a DocumentKind value
    key = models.CharField(max_length=250, unique=True)
    generator = models.CharField(max_length=200)  # the dotted path of the documents.services generator
    object_id = models.PositiveBigIntegerField()  # what the generator is called with
    # The agreement the document records (agreement, registration request): who may see it follows the agreement.
    agreement = models.ForeignKey("mediation.Agreement", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=8, choices=PendingState.choices, default=PendingState.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="pending_document_due")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.state})"

    @property
    def title(self) -> str:
        """What is being prepared, e.g. "Written recommendation"."""
        return str(DocumentKind(self.kind).label) if self.kind in DocumentKind.values else self.kind


from documents.notice_models import Delivery, DocumentLink, DocumentReceipt  # noqa: E402,F401  (models of this app)
