"""mediation's notices: the summons to a party, in-app and by e-mail (moved from chat.notices: chat does not
import mediation)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from chat.mail import email_queue, page_url
from chat.models import Room, RoomKind
from chat.notices import _common, role_users
from chat.services import notify
from mediation.models import SessionKind


def summons_announce(*, dispute: Any, session: Any, side: str, number: int) -> None:
    """Called by session_schedule inside its transaction: the summons to one party, in-app and by e-mail."""
    users = role_users(dispute, [side])
    notify(user_ids=[user.pk for user, _role in users], kind="summons", dispute=dispute,
           params={"session_id": session.pk, "ordinal": number, "kind": session.kind, "number": dispute.number,
                   "scheduled_for": session.scheduled_for.isoformat()})
    room = Room.objects.filter(dispute=dispute, kind=RoomKind.JOINT).first()
    for user, _role in users:
        if not user.email:
            continue
        context = {**_common(dispute, user), "ordinal": number,
                   "scheduled_for": timezone.localtime(session.scheduled_for),
                   "session_kind": SessionKind(session.kind).label, "agenda": session.agenda,
                   "room_url": page_url(f"/ruang/{room.pk}/") if room else None}
        email_queue(to=user.email, language=user.language, template="notices/email/summons", context=context,
                    kind="summons", user=user, dispute=dispute)
