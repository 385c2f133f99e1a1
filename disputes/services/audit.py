"""The audit trail and who a dispute concerns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from accounts.models import User
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
    """The accounts of one party: the petitioner, or the respondent company's account(s)."""
    if side == "petitioner":
        return [dispute.petitioner_id]
    if dispute.respondent_company_id is None:
        return []
    return list(User.objects.filter(company_id=dispute.respondent_company_id, is_active=True)
                .values_list("id", flat=True))


def concerned_user_ids(dispute: Dispute) -> list[int]:
    """The people a change of this dispute concerns: parties, the mediator, never a company about a draft."""
    ids = side_user_ids(dispute, "petitioner")
    if dispute.submitted_at:
        ids += side_user_ids(dispute, "respondent")
    if dispute.mediator_id:
        ids.append(dispute.mediator_id)
    return ids


