"""Room membership and writability: who may read a room, who may post, when."""

from __future__ import annotations

from typing import Any

from accounts.models import Role
from chat.models import MEDIATION_ROOM_KINDS, ConsultationStatus, RoomKind
from disputes import permissions as dp

MEDIATION_STATES = ("mediation", "recommendation_issued")


def is_room_member(user: Any, room: Any) -> bool:
    """Bipartite: both parties. Joint: parties and the assigned mediator. Caucus: the mediator and one side.
    Consultation: the asker and the officers of its office. Nobody else, staff included."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if room.kind == RoomKind.CONSULTATION:
        consultation = room.consultation
        return consultation is not None and (
            consultation.asker_id == user.id
            or (user.role == Role.OFFICER and user.office_id == consultation.office_id)
        )
    dispute = room.dispute
    if dispute is None:
        return False
    if room.kind == RoomKind.BIPARTITE:
        return dp.is_party(dispute, user)
    if room.kind == RoomKind.JOINT:
        return dp.is_party(dispute, user) or dp.is_assigned_mediator(dispute, user)
    if room.kind == RoomKind.CAUCUS_PETITIONER:
        return dp.is_petitioner(dispute, user) or dp.is_assigned_mediator(dispute, user)
    if room.kind == RoomKind.CAUCUS_RESPONDENT:
        return dp.is_respondent(dispute, user) or dp.is_assigned_mediator(dispute, user)
    return False


def _agreement_origin(dispute: Any) -> str | None:
    agreement = dispute.agreements.filter(rejected_at__isnull=True).order_by("-id").first()
    return agreement.origin if agreement else None


def is_room_writable(room: Any) -> bool:
    """Whether the room's stage allows posting (pausing aside): workflow.md's "writable while"."""
    if room.kind == RoomKind.CONSULTATION:
        return room.consultation is not None and room.consultation.status != ConsultationStatus.CLOSED
    dispute = room.dispute
    if dispute is None:
        return False
    if room.kind == RoomKind.BIPARTITE:
        return dispute.state == "bipartite" or (
            dispute.state == "agreement_drafting" and _agreement_origin(dispute) == "bipartite"
        )
    if room.kind in MEDIATION_ROOM_KINDS:
        return dispute.state in MEDIATION_STATES or (
            dispute.state == "agreement_drafting" and _agreement_origin(dispute) == "mediation"
        )
    return False


def can_pause_room(user: Any, room: Any) -> bool:
    """The assigned mediator pauses and resumes the mediation rooms."""
    return room.kind in MEDIATION_ROOM_KINDS and room.dispute is not None and dp.is_assigned_mediator(
        room.dispute, user
    )


def may_post(user: Any, room: Any) -> bool:
    """Member, writable stage, and not paused (the mediator may post in a paused room)."""
    return is_room_member(user, room) and is_room_writable(room) and (not room.paused or can_pause_room(user, room))
