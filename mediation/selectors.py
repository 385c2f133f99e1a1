"""Permission-scoped reads of meetings and sessions."""

from __future__ import annotations

from typing import Any

from disputes import permissions as perms
from mediation.models import BipartiteMeeting, MediationSession
from sikhi.api import NotFound


def meeting_get_for(*, user: Any, pk: Any) -> BipartiteMeeting:
    """A meeting of a dispute `user` may see (what they may do with it is the service's question); else NotFound."""
    meeting = BipartiteMeeting.objects.select_related("dispute").filter(pk=pk).first()
    if meeting is None or not perms.can_see_dispute(user, meeting.dispute):
        raise NotFound()
    return meeting


def session_get_for(*, user: Any, pk: Any) -> MediationSession:
    """A session `user` may see; otherwise NotFound."""
    session = MediationSession.objects.select_related("dispute").filter(pk=pk).first()
    if session is None or not perms.can_see_sessions(user, session.dispute):
        raise NotFound()
    return session
