"""What happens inside a dispute's stages: bipartite meetings, mediation sessions and summons,
the written recommendation and its answers, and the agreement with its signatures."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.calendar import add_working_days, local_date
from disputes import extensions
from disputes.models import AgreementOrigin, prefetched

DEFAULT_NOTICE_DAYS = 3


def notice_days(dispute) -> int:
    """The office's minimum notice of a summons, in working days."""
    return dispute.office.summons_notice_days if dispute.office_id else DEFAULT_NOTICE_DAYS


def earliest_session_day(sent_at: dt.datetime, days: int) -> dt.date:
    """The first day a session may fall on when its summons is sent at `sent_at`: working day `days` after the
    day of sending (sent on Monday with 3 days' notice: Thursday)."""
    sent = local_date(sent_at)
    return add_working_days(sent, days) if days > 0 else sent


def notice_kept(sent_at: dt.datetime, scheduled_for: dt.datetime, days: int) -> bool:
    return local_date(scheduled_for) >= earliest_session_day(sent_at, days)


class Side(models.TextChoices):
    PETITIONER = "petitioner", _("Petitioner")
    RESPONDENT = "respondent", _("Respondent")


class BipartiteMeeting(models.Model):
    """The minutes of one bipartite meeting (risalah perundingan bipartit)."""

    dispute = models.ForeignKey("disputes.Dispute", on_delete=models.CASCADE, related_name="bipartite_meetings")
    held_at = models.DateTimeField()
    place = models.CharField(max_length=200)
    issue = models.TextField()
    petitioner_position = models.TextField()
    respondent_position = models.TextField()
    result = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_at", "id"]

    def __str__(self) -> str:
        return f"bipartite meeting {self.held_at:%Y-%m-%d} ({self.place})"

    @property
    def fully_signed(self) -> bool:
        return {s.side for s in self.signatures.all()} == {Side.PETITIONER, Side.RESPONDENT}


class MeetingSignature(models.Model):
    """One party's signature on a meeting's minutes."""

    meeting = models.ForeignKey(BipartiteMeeting, on_delete=models.CASCADE, related_name="signatures")
    side = models.CharField(max_length=10, choices=Side.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "side"], name="one_signature_per_side")]

    def __str__(self) -> str:
        return f"{self.side} signed meeting {self.meeting_id}"


class SessionKind(models.TextChoices):
    CLARIFICATION = "clarification", _("Clarification")
    MEDIATION = "mediation", _("Mediation")


class Attendance(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Absent with a reason")


class MediationSession(models.Model):
    """A session the mediator schedules; each party is summoned to it."""

    dispute = models.ForeignKey("disputes.Dispute", on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=14, choices=SessionKind.choices)
    scheduled_for = models.DateTimeField()
    agenda = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    petitioner_attendance = models.CharField(max_length=8, choices=Attendance.choices, blank=True)
    respondent_attendance = models.CharField(max_length=8, choices=Attendance.choices, blank=True)
    petitioner_absence_reason = models.TextField(blank=True)
    respondent_absence_reason = models.TextField(blank=True)
    attendance_notes = models.TextField(blank=True)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    # A session recorded after the fact (held offline): no summons was sent through SIKHI.
    held_offline = models.BooleanField(default=False)
    # Why the summons gives less than the office's minimum notice (empty when the notice was kept).
    short_notice_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["scheduled_for", "id"]

    def __str__(self) -> str:
        return f"{self.kind} session {self.scheduled_for:%Y-%m-%d %H:%M}"


class Summons(models.Model):
    """A summons (surat panggilan) to one party for one session, numbered per party within the dispute."""

    session = models.ForeignKey(MediationSession, on_delete=models.CASCADE, related_name="summons")
    side = models.CharField(max_length=10, choices=Side.choices)
    number = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["side", "number"]
        constraints = [models.UniqueConstraint(fields=["session", "side"], name="one_summons_per_side")]
        verbose_name_plural = "summonses"

    def __str__(self) -> str:
        return f"summons {self.number} to {self.side}"

    @property
    def proper(self) -> bool:
        """A proper summons (dipanggil secara patut): acknowledged by the party, or reaching it with the office's
        minimum notice, counted from its sending for a party on SIKHI or e-mailed a link, and from the recorded
        delivery for a party reached only by post, courier or hand (documents.deliveries.summons_notice_from)."""
        if self.acknowledged_at is not None:
            return True
        start = extensions.summons_notice_from(self)
        return start is not None and notice_kept(start, self.session.scheduled_for, notice_days(self.session.dispute))


class Recommendation(models.Model):
    """The mediator's written recommendation (anjuran tertulis)."""

    dispute = models.OneToOneField("disputes.Dispute", on_delete=models.CASCADE, related_name="recommendation")
    considerations = models.TextField()
    recommendations = models.TextField()
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Issued on the data at hand: the respondent stayed away after three proper summonses.
    on_available_data = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"recommendation of dispute {self.dispute_id}"


class RecommendationAnswer(models.Model):
    """One party's answer to the recommendation; silence is recorded as a rejection."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="answers")
    side = models.CharField(max_length=10, choices=Side.choices)
    accept = models.BooleanField()
    reason = models.TextField(blank=True)
    answered_at = models.DateTimeField()
    by_silence = models.BooleanField(default=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")

    class Meta:
        ordering = ["answered_at", "id"]
        constraints = [models.UniqueConstraint(fields=["recommendation", "side"], name="one_answer_per_side")]

    def __str__(self) -> str:
        return f"{self.side}: {'accepts' if self.accept else 'rejects'}"


class RecommendationReceipt(models.Model):
    """A party's acknowledgement on the site that it received the recommendation: the time is evidence of
    notice, shown to the mediator and printed in the settlement minutes."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="receipts")
    side = models.CharField(max_length=10, choices=Side.choices)
    acknowledged_at = models.DateTimeField()
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["acknowledged_at", "id"]
        constraints = [models.UniqueConstraint(fields=["recommendation", "side"], name="one_receipt_per_side")]

    def __str__(self) -> str:
        return f"{self.side} received recommendation {self.recommendation_id}"


class Agreement(models.Model):
    """Terms put to signature (Perjanjian Bersama); a rejected draft is kept, a new one starts clean."""

    dispute = models.ForeignKey("disputes.Dispute", on_delete=models.CASCADE, related_name="agreements")
    terms = models.TextField()  # the items written out (mediation.terms.terms_text); kept for the API's `terms`
    origin = models.CharField(max_length=10, choices=AgreementOrigin.choices)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rejection_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)  # the items last changed
    from_recommendation = models.BooleanField(default=False)  # drafted from an anjuran both parties accepted

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"agreement ({self.origin}) of dispute {self.dispute_id}"

    @property
    def required(self) -> list[str]:
        roles = ["petitioner", "respondent"]
        if self.origin == AgreementOrigin.MEDIATION:
            roles.append("mediator")
        return roles


class ItemKind(models.TextChoices):
    PAYMENT = "payment", _("Payment")
    EMPLOYMENT_END = "employment_end", _("End of employment")
    OBLIGATION = "obligation", _("Other obligation")


class AgreementItem(models.Model):
    """One term of an agreement: a payment (amount in rupiah, due date, how paid), the end of the employment
    (its date), or another obligation (a certificate of employment, BPJS/JKP papers, ...)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=14, choices=ItemKind.choices)
    description = models.TextField()
    amount = models.PositiveBigIntegerField(null=True, blank=True)  # rupiah, payments only
    date = models.DateField(null=True, blank=True)  # due date; for employment_end the last day of employment
    payment_method = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["agreement", "position"], name="one_item_per_position")]

    def __str__(self) -> str:
        return f"item {self.position} ({self.kind}) of agreement {self.agreement_id}"


class AgreementSignature(models.Model):
    """One signatory's signature on an agreement, with the full name the signatory typed to confirm it."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatures")
    role = models.CharField(max_length=10)  # petitioner, respondent, mediator
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    typed_name = models.CharField(max_length=200, blank=True)
    # Printed in the deed's identities: the worker's address, the position of whoever signs for the company.
    address = models.CharField(max_length=500, blank=True)
    position = models.CharField(max_length=200, blank=True)
    # For the company: what gives the signatory the power to bind it ("Direktur Utama berdasarkan Akta
    # Pendirian No. ...", or "Surat Kuasa Khusus tanggal ..."), printed after the position.
    authority = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["agreement", "role"], name="one_signature_per_role")]

    def __str__(self) -> str:
        return f"{self.role} signed agreement {self.agreement_id}"


STRIKE_OFF_RUN = 3


def absent_after_proper_summonses(dispute, side: str, run: int = STRIKE_OFF_RUN) -> bool:
    """The no-show rule (Permenakertrans 17/2014): `side` stayed away without a reason from the last `run`
    mediation sessions held, each after a proper summons. Clarification sessions are left out; a session the
    party attended, excused itself from, or was not properly summoned to (or one recorded after the fact, with no
    summons) breaks the run."""
    sessions = prefetched(dispute, "sessions")  # a list prefetched them with their summons
    if sessions is not None:
        held = sorted((s for s in sessions if s.kind == SessionKind.MEDIATION and s.attendance_recorded_at),
                      key=lambda s: (s.scheduled_for, s.id), reverse=True)[:run]
    else:
        held = list(
            dispute.sessions.filter(kind=SessionKind.MEDIATION, attendance_recorded_at__isnull=False)
            .select_related("dispute__office").prefetch_related("summons").order_by("-scheduled_for", "-id")[:run]
        )
    if len(held) < run:
        return False
    field = f"{side}_attendance"
    for session in held:
        summons = next((s for s in session.summons.all() if s.side == side), None)
        if getattr(session, field) != Attendance.ABSENT or summons is None or not summons.proper:
            return False
    return True
