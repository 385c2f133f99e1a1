"""The domain events of mediation (one frozen dataclass per event), emitted through `sikhi.events`;
documents subscribes (the minutes, the summons letters)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mediation.models import BipartiteMeeting, MediationSession


@dataclass(frozen=True)
class MeetingSigned:
    """A party signed the minutes of a bipartite meeting; emitted inside `meeting_sign`'s transaction."""

    meeting: BipartiteMeeting


@dataclass(frozen=True)
class SessionScheduled:
    """A mediation session and its summons (one per party) were created; emitted inside `session_schedule`'s
    transaction."""

    session: MediationSession


@dataclass(frozen=True)
class SessionHeld:
    """The attendance of a session (clarification or mediation) was recorded; emitted inside the transaction."""

    session: MediationSession
