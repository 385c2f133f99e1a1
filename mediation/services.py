"""Writes inside a dispute's stages: bipartite minutes and signatures, sessions, summons, attendance."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from chat.services import notify
from disputes import extensions
from disputes import permissions as perms
from disputes.deadlines import deadline_start, deadlines_close
from disputes.models import DeadlineKey, Dispute, DisputeState
from disputes.services import _current_agreement, event_record
from mediation.models import (
    Agreement,
    Attendance,
    BipartiteMeeting,
    MediationSession,
    MeetingSignature,
    Recommendation,
    RecommendationReceipt,
    SessionKind,
    Side,
    Summons,
    earliest_session_day,
    notice_days,
    notice_kept,
)
from mediation.notices import summons_announce
from mediation.serializers import AgreementTermsIn
from mediation.signals import MeetingSigned, SessionHeld, SessionScheduled
from mediation.terms import agreement_items_write
from sikhi.api import Conflict, Forbidden, Invalid
from sikhi.events import emit

S = DisputeState


def _state_conflict(dispute: Dispute) -> Conflict:
    return Conflict(_("This is not possible in the dispute's current state."), details={"state": dispute.state})


@transaction.atomic
def meeting_record(*, dispute: Dispute, by: User, data: dict) -> BipartiteMeeting:
    """A party records the minutes of a bipartite meeting (only while bipartite is under way)."""
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if not perms.can_record_bipartite_meeting(by, dispute):
        raise Forbidden()
    if dispute.state != S.BIPARTITE:
        raise _state_conflict(dispute)
    meeting = BipartiteMeeting.objects.create(dispute=dispute, recorded_by=by, **data)
    event_record(dispute=dispute, by=by, name="bipartite_meeting_recorded", source=dispute.state,
                 target=dispute.state, at=timezone.now(), payload={"meeting_id": meeting.pk})
    return meeting


@transaction.atomic
def meeting_sign(*, meeting: BipartiteMeeting, by: User) -> BipartiteMeeting:
    """Each party signs the minutes once, before the case is registered."""
    dispute = Dispute.objects.select_for_update().get(pk=meeting.dispute_id)
    side = perms.party_side(dispute, by)
    if side is None:
        raise Forbidden()
    if not perms.meeting_minutes_open(dispute):
        raise _state_conflict(dispute)
    if meeting.signatures.filter(side=side).exists():
        raise Conflict(_("Your side has already signed these minutes."))
    now = timezone.now()
    MeetingSignature.objects.create(meeting=meeting, side=side, user=by, at=now)
    event_record(dispute=dispute, by=by, name="bipartite_meeting_signed", source=dispute.state,
                 target=dispute.state, at=now, payload={"meeting_id": meeting.pk, "side": side})
    emit(MeetingSigned(meeting=meeting))  # documents: the minutes, once both sides signed
    return meeting


def _check_notice(dispute: Dispute, scheduled_for: dt.datetime, now: dt.datetime, reason: str) -> None:
    """The summons must give the office's minimum notice in working days unless a reason is recorded."""
    days = notice_days(dispute)
    if notice_kept(now, scheduled_for, days) or reason.strip():
        return
    earliest = earliest_session_day(now, days)
    raise Invalid(details={"short_notice_reason": [
        _("The summons must be sent at least %(days)s working days before the session (earliest day: "
          "%(date)s). Give the reason for a shorter notice.") % {"days": days, "date": earliest.strftime("%d-%m-%Y")}
    ]})


@transaction.atomic
def session_schedule(*, dispute: Dispute, by: User, kind: str, scheduled_for: dt.datetime,
                     agenda: str, short_notice_reason: str = "") -> MediationSession:
    """The assigned mediator schedules a session; a numbered summons goes to each party (a notification and an
    e-mail per account, after commit). The summons gives the office's minimum notice, or a reason is recorded."""
    dispute = Dispute.objects.select_for_update().select_related("office").get(pk=dispute.pk)
    if not perms.can_schedule_session(by, dispute):
        raise Forbidden()
    if dispute.state != S.MEDIATION:
        raise _state_conflict(dispute)
    now = timezone.now()
    if scheduled_for <= now:
        raise Invalid(details={"scheduled_for": [_("Must be in the future.")]})
    _check_notice(dispute, scheduled_for, now, short_notice_reason)
    reason = "" if notice_kept(now, scheduled_for, notice_days(dispute)) else short_notice_reason.strip()
    session = MediationSession.objects.create(dispute=dispute, kind=kind, scheduled_for=scheduled_for,
                                              agenda=agenda, created_by=by, short_notice_reason=reason)
    for side in (Side.PETITIONER, Side.RESPONDENT):
        earlier = Summons.objects.filter(session__dispute=dispute, side=side).count()
        Summons.objects.create(session=session, side=side, number=earlier + 1, sent_at=now)
        summons_announce(dispute=dispute, session=session, side=side, number=earlier + 1)
    event_record(dispute=dispute, by=by, name="session_scheduled", source=dispute.state, target=dispute.state,
                 at=now, payload={"session_id": session.pk, "kind": kind,
                                  "scheduled_for": scheduled_for.isoformat(), "short_notice_reason": reason})
    emit(SessionScheduled(session=session))  # documents: the summons letters
    return session


@transaction.atomic
def session_acknowledge(*, session: MediationSession, by: User) -> MediationSession:
    """A party acknowledges its summons: the time is evidence of notice (a second call changes nothing)."""
    dispute = Dispute.objects.get(pk=session.dispute_id)
    side = perms.party_side(dispute, by)
    if side is None:
        raise Forbidden()
    summons = Summons.objects.select_for_update().get(session=session, side=side)
    if summons.acknowledged_at is None:
        summons.acknowledged_at, summons.acknowledged_by = timezone.now(), by
        summons.save(update_fields=["acknowledged_at", "acknowledged_by"])
        event_record(dispute=dispute, by=by, name="summons_acknowledged", source=dispute.state,
                     target=dispute.state, at=summons.acknowledged_at,
                     payload={"session_id": session.pk, "side": side, "number": summons.number})
    return session


@transaction.atomic
def recommendation_acknowledge(*, dispute: Dispute, by: User) -> Recommendation:
    """A party acknowledges on the site that it received the written recommendation: the time is evidence of
    notice (a second call changes nothing). Publishes nothing."""
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    side = perms.party_side(dispute, by)
    if side is None:
        raise Forbidden(_("Only a party acknowledges the recommendation."))
    recommendation = Recommendation.objects.filter(dispute=dispute).first()
    if recommendation is None:
        raise _state_conflict(dispute)
    if not RecommendationReceipt.objects.filter(recommendation=recommendation, side=side).exists():
        now = timezone.now()
        RecommendationReceipt.objects.create(recommendation=recommendation, side=side, acknowledged_at=now,
                                             acknowledged_by=by)
        event_record(dispute=dispute, by=by, name="recommendation_acknowledged", source=dispute.state,
                     target=dispute.state, at=now, payload={"side": side})
        extensions.answer_clocks_sync(dispute=dispute)  # this party's 10 working days to answer start now
    return recommendation


def _absence_reasons(attendance: dict) -> dict[str, list[str]]:
    """An excused absence needs its reason; a reason is kept only for an excused absence."""
    errors = {}
    for side in (Side.PETITIONER, Side.RESPONDENT):
        if attendance[side] == Attendance.EXCUSED and not attendance.get(f"{side}_reason", "").strip():
            errors[f"{side}_reason"] = [_("Give the reason for the excused absence.")]
    return errors


def _set_attendance(session: MediationSession, attendance: dict, now: dt.datetime) -> None:
    for side in (Side.PETITIONER, Side.RESPONDENT):
        value = attendance[side]
        setattr(session, f"{side}_attendance", value)
        reason = attendance.get(f"{side}_reason", "").strip() if value == Attendance.EXCUSED else ""
        setattr(session, f"{side}_absence_reason", reason)
    session.attendance_notes, session.attendance_recorded_at = attendance.get("notes", ""), now


def _after_held(dispute: Dispute, session: MediationSession, by: User, now: dt.datetime, name: str) -> None:
    """The first mediation session held (not a clarification) meets `first_session` and starts the clock for
    the recommendation on the session's date, not on the day attendance was typed in."""
    first_held = (
        session.kind == SessionKind.MEDIATION
        and not dispute.sessions.filter(kind=SessionKind.MEDIATION, attendance_recorded_at__isnull=False)
        .exclude(pk=session.pk).exists()
    )
    if first_held:
        deadlines_close(dispute=dispute, keys=[DeadlineKey.FIRST_SESSION], at=session.scheduled_for)
        deadline_start(dispute=dispute, key=DeadlineKey.RECOMMENDATION_ISSUE, at=session.scheduled_for,
                       owed_by=["mediator"])
    event_record(dispute=dispute, by=by, name=name, source=dispute.state, target=dispute.state, at=now,
                 payload={"session_id": session.pk, "petitioner": session.petitioner_attendance,
                          "respondent": session.respondent_attendance})
    emit(SessionHeld(session=session))  # documents: its risalah klarifikasi or berita acara


def _mediator_in_mediation(dispute: Dispute, by: User) -> Dispute:
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if not perms.is_assigned_mediator(dispute, by):
        raise Forbidden()
    if dispute.state != S.MEDIATION:
        raise _state_conflict(dispute)
    return dispute


@transaction.atomic
def session_record_attendance(*, session: MediationSession, by: User, petitioner: str, respondent: str,
                              notes: str = "", petitioner_reason: str = "",
                              respondent_reason: str = "") -> MediationSession:
    """The mediator records who came (present, absent, or excused with a reason) once the session's time has
    come."""
    dispute = _mediator_in_mediation(session.dispute, by)
    session = MediationSession.objects.select_for_update().get(pk=session.pk)
    now = timezone.now()
    if session.scheduled_for > now:
        raise Invalid(details={"scheduled_for": [_("Attendance can be recorded only after the session time.")]})
    if session.attendance_recorded_at is not None:
        raise Conflict(_("Attendance has already been recorded for this session."))
    attendance = {"petitioner": petitioner, "respondent": respondent, "notes": notes,
                  "petitioner_reason": petitioner_reason, "respondent_reason": respondent_reason}
    if errors := _absence_reasons(attendance):
        raise Invalid(details=errors)
    _set_attendance(session, attendance, now)
    session.save()
    _after_held(dispute, session, by, now, "attendance_recorded")
    return session


@transaction.atomic
def session_record_held(*, dispute: Dispute, by: User, kind: str, held_at: dt.datetime, agenda: str,
                        petitioner: str, respondent: str, notes: str = "", petitioner_reason: str = "",
                        respondent_reason: str = "") -> MediationSession:
    """The mediator records a session already held offline, after the fact: its date is in the past (not before
    the delegation), no summons is sent, and attendance is recorded at once. Absences at such a session do not
    count toward striking off (no summons went through SIKHI)."""
    dispute = _mediator_in_mediation(dispute, by)
    now = timezone.now()
    errors: dict[str, list[str]] = {}
    delegated = dispute.deadlines.filter(key=DeadlineKey.FIRST_SESSION).order_by("starts_at").first()
    if held_at > now:
        errors["held_at"] = [_("A session already held cannot be in the future.")]
    elif delegated is not None and held_at < delegated.starts_at:
        errors["held_at"] = [_("The session cannot be before the dispute was delegated to the mediator.")]
    attendance = {"petitioner": petitioner, "respondent": respondent, "notes": notes,
                  "petitioner_reason": petitioner_reason, "respondent_reason": respondent_reason}
    errors.update(_absence_reasons(attendance))
    if errors:
        raise Invalid(details=errors)
    session = MediationSession(dispute=dispute, kind=kind, scheduled_for=held_at, agenda=agenda, created_by=by,
                               held_offline=True)
    _set_attendance(session, attendance, now)
    session.save()
    _after_held(dispute, session, by, now, "session_recorded")
    return session


@transaction.atomic
def agreement_update(*, dispute: Dispute, by: User, data: dict) -> Agreement:
    """The drafter rewrites the terms while they are out for signature. A change after someone signed clears
    every signature (what they signed is no longer the text) and tells those signatories."""
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    agreement = _current_agreement(dispute)
    if dispute.state != S.AGREEMENT_DRAFTING or agreement is None:
        raise _state_conflict(dispute)
    if not perms.can_draft_agreement(by, dispute, origin=agreement.origin):
        raise Forbidden(_("Only the drafter of the agreement may change its terms."))
    serializer = AgreementTermsIn(data=data)
    serializer.is_valid(raise_exception=True)
    now = timezone.now()
    signatures = list(agreement.signatures.all())
    agreement.signatures.all().delete()
    agreement_items_write(agreement, serializer.validated_data["items"], at=now)
    cleared = [s.role for s in signatures]
    event_record(dispute=dispute, by=by, name="agreement_updated", source=dispute.state, target=dispute.state,
                 at=now, payload={"terms": agreement.terms, "signatures_cleared": cleared})
    others = [s.user_id for s in signatures if s.user_id != by.pk]
    if others:
        notify(user_ids=others, kind="agreement_changed", dispute=dispute, params={"number": dispute.number})
    return agreement
