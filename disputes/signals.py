"""The domain events of disputes (one frozen dataclass per event), emitted through `sikhi.events`.

disputes owns these facts; the apps above it (chat, documents, mediation) subscribe in their `AppConfig.ready()`
and react: notices and e-mails, rooms, generated documents. Events emitted inside a transaction carry the locked
model instances for the in-transaction subscribers; after-commit subscribers should read ids only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accounts.models import User
    from disputes.models import Dispute, DisputeEvent


@dataclass(frozen=True)
class DisputeTransitioned:
    """`dispute_transition` saved the new state and its audit row (`event_id`); emitted inside its transaction.
    `asked_before`/`asked_after`: who had to act next before and after (`next_actor`)."""

    dispute: Dispute
    event_id: int
    name: str
    source: str
    target: str
    actor_id: int | None
    asked_before: list[str]
    asked_after: list[str]
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CompanyInvited:
    """A submitted dispute's respondent (a company, a worker or a union: `disputes.parties`) is not on SIKHI: a
    single-use invitation (`token`, stored hashed) was made for `email`; it must be sent with the
    transition (emitted inside the transaction)."""

    dispute: Dispute
    email: str
    token: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class MediatorReassigned:
    """An officer handed a case in mediation to another mediator (`dispute.mediator`); the `former` one loses
    the rooms. Emitted inside the transaction."""

    dispute: Dispute
    former: User
    actor_id: int | None


@dataclass(frozen=True)
class DisputeHandedOver:
    """A dispute awaiting a mediator went to the province's office (`dispute.office`); `officer_ids`: that
    office's active officers; `event`: the `handed_over` record (documents makes the surat pelimpahan from it).
    Emitted inside the transaction."""

    dispute: Dispute
    event: DisputeEvent
    officer_ids: list[int]
