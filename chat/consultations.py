"""Consultations (konsultasi): a worker or company asks an office; an officer claims it; they talk in
the consultation room until either closes it. The asking worker can turn a consultation into a draft dispute.
(The pages live in chat/consultation_pages.py.)"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Office, Role
from chat import events
from chat.models import Consultation, ConsultationStatus, Room, RoomKind
from chat.notices import consultation_announce
from disputes.models import Dispute
from disputes.services import dispute_create
from sikhi.api import Conflict, Forbidden, NotFound


def can_ask(user: Any) -> bool:
    return user.role in (Role.WORKER, Role.COMPANY)


def can_see_consultation(user: Any, consultation: Consultation) -> bool:
    return consultation.asker_id == user.id or (user.role == Role.OFFICER and user.office_id == consultation.office_id)


def can_claim(user: Any, consultation: Consultation) -> bool:
    """An officer of the office, while nobody has claimed it."""
    return (user.role == Role.OFFICER and user.office_id == consultation.office_id
            and consultation.status == ConsultationStatus.OPEN)


def can_close(user: Any, consultation: Consultation) -> bool:
    """The asker or the claiming officer, until it is closed."""
    return (user.id in (consultation.asker_id, consultation.officer_id)
            and consultation.status != ConsultationStatus.CLOSED)


def can_turn_into_dispute(user: Any, consultation: Consultation) -> bool:
    """Only the worker who asked (a company does not file disputes)."""
    return user.id == consultation.asker_id and user.role == Role.WORKER


def consultation_list_for(*, user: Any, status: str | None = None) -> QuerySet[Consultation]:
    """The asker's own consultations; an officer's office queue."""
    q = Q(asker_id=user.id)
    if user.role == Role.OFFICER and user.office_id:
        q = Q(office_id=user.office_id)
    rows = Consultation.objects.filter(q).select_related("office", "officer", "room")
    return rows.filter(status=status) if status else rows


def consultation_get_for(*, user: Any, pk: Any) -> Consultation:
    row = Consultation.objects.select_related("office", "officer", "dispute").filter(pk=pk).first()
    if row is None or not can_see_consultation(user, row):
        raise NotFound()
    return row


@transaction.atomic
def consultation_create(*, by: Any, regency: str, topic: str, question: str) -> Consultation:
    """Ask the office of `regency`; the consultation room opens with it."""
    if not can_ask(by):
        raise Forbidden(_("Only workers and companies ask for consultation."))
    office = Office.objects.get(code=regency if regency.count(".") == 1 else "32")
    consultation = Consultation.objects.create(asker=by, office=office, regency=regency, topic=topic,
                                               question=question)
    Room.objects.create(kind=RoomKind.CONSULTATION, consultation=consultation)
    consultation_announce(consultation=consultation)
    return consultation


@transaction.atomic
def consultation_claim(*, consultation: Consultation, by: Any) -> Consultation:
    """An officer of the office takes the question."""
    row = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not (by.role == Role.OFFICER and by.office_id == row.office_id):
        raise Forbidden()
    if row.status != ConsultationStatus.OPEN:
        raise Conflict(_("This consultation has already been claimed or closed."), details={"status": row.status})
    row.status, row.officer, row.claimed_at = ConsultationStatus.CLAIMED, by, timezone.now()
    row.save(update_fields=["status", "officer", "claimed_at"])
    return row


@transaction.atomic
def consultation_close(*, consultation: Consultation, by: Any) -> Consultation:
    """The asker or the claiming officer closes it; the room becomes read-only (publishes `chat.room`)."""
    row = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if by.id not in (row.asker_id, row.officer_id):
        raise Forbidden()
    if row.status == ConsultationStatus.CLOSED:
        raise Conflict(_("This consultation is already closed."), details={"status": row.status})
    row.status, row.closed_at = ConsultationStatus.CLOSED, timezone.now()
    row.save(update_fields=["status", "closed_at"])
    room = Room.objects.get(consultation=row)
    events.publish_room_changed(room_id=room.id, writable=False, paused=room.paused)
    return row


SUMMARY_MAX = 2000  # what the filing wizard's summary step accepts


def consultation_summary(consultation: Consultation) -> str:
    """The draft dispute's summary: the consultation's topic and question."""
    return f"{consultation.topic}\n\n{consultation.question}".strip()


@transaction.atomic
def consultation_to_dispute(*, consultation: Consultation, by: Any, respondent: dict,
                            workplace_regency: str) -> tuple[Any, bool]:
    """The asking worker turns the consultation into a draft dispute against `respondent` (as in the filing
    wizard's first step; the type is the wizard's default until the worker chooses it at the next step). The
    topic and question become the draft's summary; when they are longer than a summary may be, the whole
    question goes to the chronology too. The consultation is linked to the draft, and otherwise stays as it is.

    Answers (dispute, created). Once converted, converting again starts nothing: it answers the linked dispute
    with created=False (`respondent` and `workplace_regency` are then ignored). The consultation's row is locked
    first, so two conversions at once make one draft. Publishes nothing (a draft concerns only the worker)."""
    row = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not can_turn_into_dispute(by, row):
        raise Forbidden(_("Only the worker who asked can turn this consultation into a dispute."))
    if row.dispute_id is not None:
        return Dispute.objects.get(pk=row.dispute_id), False
    summary = consultation_summary(row)
    data = {"type": "hak", "respondent": respondent, "workplace_regency": workplace_regency}
    if len(summary) <= SUMMARY_MAX:
        data["summary"] = summary
    else:
        data["summary"] = summary[: SUMMARY_MAX - 1].rstrip() + "…"
        data["chronology"] = row.question
    dispute = dispute_create(by=by, data=data)
    row.dispute = dispute
    row.save(update_fields=["dispute"])
    return dispute, True
