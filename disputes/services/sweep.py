"""The deadline sweep: system transitions of passed clocks, reminders, e-mail and document retries."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction

from disputes import permissions as perms
from disputes.deadlines import SYSTEM_TRANSITIONS
from disputes.extensions import sweep_duties
from disputes.models import (
    Deadline,
    DeadlineKey,
    DeadlineState,
    Dispute,
    DisputeState,
)
from disputes.services.transitions import dispute_transition

K = DeadlineKey
S = DisputeState
logger = logging.getLogger(__name__)


def deadlines_process(*, now: dt.datetime) -> dict[str, int]:
    """Make the system transitions of passed deadlines and mark the others overdue.

    Idempotent and safe in several processes at once: each deadline is handled in its own
    transaction, the dispute row is locked first (as every transition does) and rows another
    process holds are skipped, to be looked at again on the next run. Then it reminds the deadlines
    falling due within 2 working days (once each), retries failed e-mails and makes the documents whose
    background job is late (`_notices_sweep`: the duties chat and documents register)."""
    counts = {"expired": 0, "overdue": 0, "skipped": 0, "failed": 0}
    candidates = list(
        Deadline.objects.filter(state=DeadlineState.OPEN, due_at__lt=now).values_list("id", "dispute_id", "key")
    )
    for deadline_id, dispute_id, key in candidates:
        try:
            counts[_deadline_process_one(deadline_id, dispute_id, key, now=now)] += 1
        except Exception:  # one broken case must not stop the office's other clocks
            logger.exception("deadline %s of dispute %s could not be processed", deadline_id, dispute_id)
            counts["failed"] += 1
    _notices_sweep(now=now)
    return counts


def _notices_sweep(*, now: dt.datetime) -> None:
    """The sweep's other duties, registered by the apps above (`disputes.extensions.sweep_duties`; chat:
    remind deadlines falling due within 2 working days, once each, and retry the e-mails whose sending failed).
    Logged, not counted in the answer; never raises."""
    for duty in list(sweep_duties):
        try:
            counts = duty(now)
        except Exception:
            logger.exception("sweep duty %s failed; the next sweep tries again", getattr(duty, "__qualname__", duty))
            continue
        if any(counts.values()):
            logger.info(" ".join(f"{key}=%s" for key in counts), *counts.values())


def _deadline_process_one(deadline_id: int, dispute_id: int, key: str, *, now: dt.datetime) -> str:
    """Handle one passed deadline in its own transaction; answer which count it adds to."""
    with transaction.atomic():
        dispute = Dispute.objects.select_for_update(skip_locked=True).filter(pk=dispute_id).first()
        if dispute is None:  # another process holds the case; never lock its deadline then (see below)
            return "skipped"
        # Only the holder of the dispute row locks its deadline: were the deadline locked by a sweep that
        # could not get the dispute, the holder would skip it too and the clock would wait a whole run.
        deadline = (
            Deadline.objects.select_for_update(skip_locked=True)
            .filter(pk=deadline_id, state=DeadlineState.OPEN, due_at__lt=now).first()
        )
        if deadline is None:
            return "skipped"
        system = SYSTEM_TRANSITIONS.get(key)
        if system and dispute.state == system[1]:
            dispute_transition(dispute=dispute, by=perms.SYSTEM, name=system[0], now=now)
            return "expired"
        if system and key == K.BIPARTITE and dispute.state == S.AGREEMENT_DRAFTING:
            # The terms are out for signature; if they are rejected the clock has run out.
            return "skipped"
        deadline.state, deadline.overdue_at = DeadlineState.OVERDUE, now
        deadline.save(update_fields=["state", "overdue_at"])
        return "overdue"


