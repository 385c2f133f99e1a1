"""`{% mediation_section as m %}`: what the dispute page's mediation section shows to this user and which of
its forms and buttons they may use (the same predicates and state rules as the services)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from disputes import permissions as perms
from disputes.models import DisputeState
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
        signable = side is not None and dispute.registered_at is None and not dispute.is_terminal
        rows = []
        for meeting in meetings:
            signatures = {s.side: s for s in meeting.signatures.all()}
            rows.append({
                "meeting": meeting,
                "online": meeting.place == ONLINE,
                "petitioner": signatures.get("petitioner"),
                "respondent": signatures.get("respondent"),
                "can_sign": signable and side not in signatures,
            })
        out["meetings"] = rows
        if dispute.state == DisputeState.BIPARTITE and perms.can_record_bipartite_meeting(user, dispute):
            out["meeting_form"] = _form(kept, "meeting", MeetingForm)

    sessions = context.get("sessions")
    if sessions is not None:
        rows = []
        for session in sessions:
            summons = [s for s in session.summons.all() if side is None or s.side == side]
            row = {
                "session": session,
                # Acknowledging is offered until the session has been held (the service would still accept it).
                "summons": [{"s": s, "can_acknowledge": s.side == side and s.acknowledged_at is None
                             and session.attendance_recorded_at is None} for s in summons],
                "held": session.attendance_recorded_at is not None,
            }
            if (is_mediator and dispute.state == DisputeState.MEDIATION and session.scheduled_for <= now
                    and session.attendance_recorded_at is None):
                key = f"attendance-{session.pk}"
                row["attendance_form"] = _form(kept, key, AttendanceForm, session_id=session.pk)
                row["open"] = out["open"] == key
            rows.append(row)
        out["sessions"] = rows
        if context.get("can_schedule") and dispute.state == DisputeState.MEDIATION:
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
            "can_acknowledge": side is not None and side not in receipts,
        }
    return out
