"""The deadline sweep: system transitions of passed clocks, reminders, e-mail and document retries."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction

from chat.mail import emails_retry
from chat.notices import deadline_reminders_send
from disputes import permissions as perms
from disputes.deadlines import SYSTEM_TRANSITIONS
from disputes.models import (
    Deadline,
    DeadlineKey,
    DeadlineState,
    Dispute,
    DisputeState,
)
from disputes.services.transitions import dispute_transition
from documents.services import documents_retry

K = DeadlineKey
S = DisputeState
logger = logging.getLogger(__name__)


def deadlines_process(*, now: dt.datetime) -> dict[str, int]:
    """Make the system transitions of passed deadlines and mark the others overdue.

    Idempotent and safe in several processes at once: each deadline is handled in its own
    transaction, the dispute row is locked first (as every transition does) and rows another
    process holds are skipped, to be looked at again on the next run. Then it reminds the deadlines
    falling due within 2 working days (once each), retries failed e-mails (`_notices_sweep`) and makes the
    documents whose background job is late (`_documents_sweep`)."""
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
    _documents_sweep()
    return counts


def _documents_sweep() -> None:
    """Make the pending documents whose job is late (lost, or its retry could not be deferred); never raises.
    At the current time, not the sweep's `now`: a lease is real time."""
    try:
        made = documents_retry()
    except Exception:
        logger.exception("pending documents could not be retried; the next sweep tries again")
        return
    if made:
        logger.info("pending documents: %s", " ".join(f"{k}={v}" for k, v in sorted(made.items())))


def _notices_sweep(*, now: dt.datetime) -> None:
    """The sweep's other duties: remind deadlines falling due within 2 working days (once each), and retry
    the e-mails whose sending failed. Logged, not counted in the answer; never raises."""
    try:
        reminded = deadline_reminders_send(now=now)
        emails = emails_retry()
    except Exception:
        logger.exception("deadline reminders or e-mail retries failed; the next sweep tries again")
        return
    if reminded or any(emails.values()):
        logger.info("reminded=%s emails_sent=%s emails_retry=%s emails_failed=%s", reminded, emails["sent"],
                    emails["retry"], emails["failed"])


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


