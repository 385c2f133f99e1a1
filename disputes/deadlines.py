"""Statutory clocks: which deadlines exist, who owes them, how they start and end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings

from accounts.calendar import due_at
from disputes.models import Deadline, DeadlineKey, DeadlineState, Dispute

K = DeadlineKey


def deadline_days(key: str) -> int:
    if key == K.INVITATION_RESPONSE:
        return settings.SIKHI_INVITATION_DAYS
    days: dict[str, int] = {
        K.BIPARTITE: 30,
        K.REGISTRATION_CHECK: 7,
        K.REGISTRATION_COMPLETION: 7,
        K.ROUTE_CHOICE: 7,
        K.FIRST_SESSION: 7,
        K.MEDIATION: 30,
        K.RECOMMENDATION_ISSUE: 10,
        K.RECOMMENDATION_ANSWER: 10,
        K.AGREEMENT_DRAFTING: 3,
    }
    return days[key]


# The system transition a passed deadline makes; keys absent here are only marked overdue.
SYSTEM_TRANSITIONS: dict[str, tuple[str, str]] = {
    K.INVITATION_RESPONSE: ("expire_invitation", "bipartite_invited"),
    K.BIPARTITE: ("expire_bipartite", "bipartite"),
    K.ROUTE_CHOICE: ("expire_route_choice", "adr_offered"),
    K.RECOMMENDATION_ANSWER: ("expire_recommendation", "recommendation_issued"),
}

OPEN_STATES = (DeadlineState.OPEN, DeadlineState.OVERDUE)


def deadline_start(*, dispute: Dispute, key: str, at: dt.datetime, owed_by: list[str]) -> Deadline:
    days = deadline_days(key)
    return Deadline.objects.create(
        dispute=dispute, key=key, owed_by=owed_by, days=days, starts_at=at, due_at=due_at(at, days)
    )


def deadlines_close(*, dispute: Dispute, keys: Iterable[str] | None, at: dt.datetime,
                    state: str = DeadlineState.MET, owed_by: str | None = None) -> int:
    """Close the dispute's open (or overdue) deadlines of `keys` (all keys when None)."""
    qs = Deadline.objects.filter(dispute=dispute, state__in=OPEN_STATES)
    if keys is not None:
        qs = qs.filter(key__in=list(keys))
    rows = list(qs)
    if owed_by is not None:
        rows = [d for d in rows if owed_by in d.owed_by]
    for row in rows:
        row.state = state
        row.closed_at = at
    Deadline.objects.bulk_update(rows, ["state", "closed_at"])
    return len(rows)
