"""`{% mediation_section as m %}`: what the dispute page's mediation section shows to this user and which of
its forms and buttons they may use: each asks a named predicate of disputes/permissions.py (the permission and
the state rule of the service behind it), never the state and the role itself."""

from __future__ import annotations

from django import template
from django.utils import timezone

from disputes import permissions as perms
from mediation.forms import ONLINE, AttendanceForm, MeetingForm, ScheduleForm
from mediation.pages import kept_form
from sikhi.pages import apply_errors

register = template.Library()


def _form(kept: dict | None, key: str, cls, **kwargs):
    """A blank form, or the one the user last sent, filled in again with its errors."""
    if kept is None or kept.get("form") != key:
        return cls(**kwargs)
    form = cls(kept.get("data") or {}, **kwargs)
    form.is_valid()
    if kept.get("errors"):
        apply_errors(form, kept["errors"], "")
    return form


@register.simple_tag(takes_context=True)
def mediation_section(context) -> dict:
    dispute, user = context["dispute"], context["user"]
    side = perms.party_side(dispute, user)
    kept = kept_form(context.get("request"), dispute)
    is_mediator = perms.is_assigned_mediator(dispute, user)
    now = timezone.now()
    out: dict = {"side": side, "is_mediator": is_mediator, "open": kept.get("form") if kept else None}

    meetings = context.get("meetings")
    if meetings is not None:
        rows = []
        for meeting in meetings:
            signatures = {s.side: s for s in meeting.signatures.all()}
            rows.append({
                "meeting": meeting,
                "online": meeting.place == ONLINE,
                "petitioner": signatures.get("petitioner"),
                "respondent": signatures.get("respondent"),
                "can_sign": perms.can_sign_meeting_minutes(user, dispute, meeting),
            })
        out["meetings"] = rows
        if perms.can_record_meeting_now(user, dispute):
            out["meeting_form"] = _form(kept, "meeting", MeetingForm)

    sessions = context.get("sessions")
    if sessions is not None:
        rows = []
        for session in sessions:
            summons = [s for s in session.summons.all() if side is None or s.side == side]
            row = {
                "session": session,
                # Acknowledging is offered until the session has been held (the service would still accept it).
                "summons": [{"s": s, "can_acknowledge": perms.can_acknowledge_summons(user, dispute, session, s)}
                            for s in summons],
                "held": session.attendance_recorded_at is not None,
            }
            if perms.can_record_attendance(user, dispute, session, now=now):
                key = f"attendance-{session.pk}"
                row["attendance_form"] = _form(kept, key, AttendanceForm, session_id=session.pk)
                row["open"] = out["open"] == key
            rows.append(row)
        out["sessions"] = rows
        if perms.can_schedule_session_now(user, dispute):
            out["schedule_form"] = _form(kept, "schedule", ScheduleForm)

    recommendation = context.get("recommendation")
    if recommendation is not None:
        answers = {a.side: a for a in recommendation.answers.all()}
        receipts = {r.side: r for r in recommendation.receipts.all()}
        out["recommendation"] = {
            "r": recommendation,
            # Both answers are shown to everyone who sees the recommendation; a party sees only its own receipt.
            "answers": [{"side": s, "answer": answers.get(s),
                         "receipt": receipts.get(s) if side is None or s == side else None,
                         "show_receipt": side is None or s == side}
                        for s in ("petitioner", "respondent")],
            "can_acknowledge": perms.can_acknowledge_recommendation(user, dispute, recommendation),
        }
    return out
