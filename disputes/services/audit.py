"""The audit trail and who a dispute concerns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from accounts.models import User
from disputes import parties
from disputes.models import (
    Dispute,
    DisputeEvent,
)


def event_record(*, dispute: Dispute, by: Any, name: str, source: str, target: str, at: dt.datetime,
                 payload: dict | None = None) -> DisputeEvent:
    """Write one audit row; `by` is a user or perms.SYSTEM."""
    actor = by if isinstance(by, User) else None
    return DisputeEvent.objects.create(dispute=dispute, actor=actor, name=name, source=source, target=target,
                                       at=at, payload=payload or {})


def side_user_ids(dispute: Dispute, side: str) -> list[int]:
    """The accounts of one party (disputes/parties.py): the worker, the company's or the union's accounts."""
    return parties.user_ids(dispute, side)


def concerned_user_ids(dispute: Dispute) -> list[int]:
    """The people a change of this dispute concerns: parties, the mediator, never a company about a draft."""
    ids = side_user_ids(dispute, "petitioner")
    if dispute.submitted_at:
        ids += side_user_ids(dispute, "respondent")
    if dispute.mediator_id:
        ids.append(dispute.mediator_id)
    return ids


