"""Rooms of a dispute or consultation, their messages (a gapless per-room sequence), read markers,
presence, and the users' notifications."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoomKind(models.TextChoices):
    BIPARTITE = "bipartite", _("Bipartite")
    JOINT = "joint", _("Joint mediation")
    CAUCUS_PETITIONER = "caucus_petitioner", _("Caucus with the worker")
    CAUCUS_RESPONDENT = "caucus_respondent", _("Caucus with the company")
    CONSULTATION = "consultation", _("Consultation")


MEDIATION_ROOM_KINDS = (RoomKind.JOINT, RoomKind.CAUCUS_PETITIONER, RoomKind.CAUCUS_RESPONDENT)


class Room(models.Model):
    """A real-time room; who may read and write follows the dispute or consultation (chat.permissions)."""

    kind = models.CharField(max_length=20, choices=RoomKind.choices)
    dispute = models.ForeignKey("disputes.Dispute", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="rooms")
    consultation = models.OneToOneField("chat.Consultation", null=True, blank=True, on_delete=models.CASCADE,
                                        related_name="room")
    paused = models.BooleanField(default=False)
    last_seq = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["dispute", "kind"], name="one_room_per_kind",
                                    condition=models.Q(dispute__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class Message(models.Model):
    """A chat message: stored before anyone sees it; `seq` runs 1, 2, 3 … in its room without gaps."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    seq = models.BigIntegerField()
    client_id = models.UUIDField()
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["room", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["room", "seq"], name="message_seq_unique"),
            models.UniqueConstraint(fields=["room", "sender", "client_id"], name="message_client_id_unique"),
        ]
        indexes = [models.Index(fields=["room", "sender", "created_at"])]

    def __str__(self) -> str:
        return f"room {self.room_id} #{self.seq}"


class ReadMarker(models.Model):
    """How far a user has read a room."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="read_markers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seq = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="one_read_marker")]

    def __str__(self) -> str:
        return f"user {self.user_id} read room {self.room_id} to {self.seq}"


class Presence(models.Model):
    """One open socket of a user in a room; rows not seen for a while are stale (a crashed process)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["room", "seen_at"])]

    def __str__(self) -> str:
        return f"user {self.user_id} in room {self.room_id}"


class ConsultationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLAIMED = "claimed", _("Claimed")
    CLOSED = "closed", _("Closed")


class Consultation(models.Model):
    """A question to an office (konsultasi); its room is where the asker and the office's officers talk."""

    asker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consultations")
    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="consultations")
    regency = models.CharField(max_length=8)
    topic = models.CharField(max_length=200)
    question = models.TextField()
    status = models.CharField(max_length=8, choices=ConsultationStatus.choices, default=ConsultationStatus.OPEN)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="claimed_consultations")
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The draft dispute the asking worker started from this consultation (consultation_to_dispute): set once,
    # so that converting again leads back to it instead of starting a second draft.
    dispute = models.ForeignKey("disputes.Dispute", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="consultations")

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.topic} ({self.status})"


class Notification(models.Model):
    """Something that concerns one user; the title is rendered in the reader's language from kind + params."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32)
    dispute = models.ForeignKey("disputes.Dispute", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+")
    params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for user {self.user_id}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Given up")


class OutboxEmail(models.Model):
    """One e-mail of the outbox: written in the transaction of the event that calls for it, already rendered
    in the recipient's language, sent after commit and retried by the worker sweep until it goes out
    (chat/mail.py)."""

    to = models.EmailField()
    language = models.CharField(max_length=8)
    kind = models.CharField(max_length=32)  # invitation, transition, summons, deadline_reminder, mediator_*
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    dispute = models.ForeignKey("disputes.Dispute", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+")
    status = models.CharField(max_length=8, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.kind} e-mail to {self.to} ({self.status})"
