"""The e-mail outbox: every e-mail SIKHI sends goes through here.

`email_queue` renders the e-mail (plain text and HTML, from `templates/notices/email/<name>{_subject.txt,.txt,.html}`)
in the recipient's language and writes an `OutboxEmail` row in the caller's transaction; after commit it queues a
background job (`email_send_job`, django-tasks) that the worker runs, so no web process ever waits on an SMTP
server. A failed send is recorded on the row (attempts, last error, next attempt time, with backoff)
and retried by the worker sweep (`emails_retry`, called by `disputes.services.deadlines_process`, which leaves
first attempts to the job); after
MAX_ATTEMPTS the row is marked `failed`. Nothing here ever raises into the event that queued the e-mail: a
rendering or sending error is logged and, for sending, retried.

Delivery is at least once: a sender claims a row by moving its next attempt time forward (a lease) with a
conditional UPDATE, so two senders never send one row at the same time, and a sent row is never sent again (a
retried job finds it sent). A process that dies between the send and the update leaves the row to be sent again
when the lease runs out; that copy carries the same Message-ID (`message_id`), so mail readers show it once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from chat.models import OutboxEmail, OutboxStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
LEASE = dt.timedelta(minutes=5)  # how long a sender holds a row before someone else may try it
FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_RETRY = dt.timedelta(hours=6)
SWEEP_GRACE = dt.timedelta(minutes=2)  # how late a first attempt is before the sweep makes it instead of the job


def page_url(path: str) -> str:
    """The absolute address of a page (api.md "Page addresses")."""
    return f"{settings.SIKHI_BASE_URL.rstrip('/')}{path}"


def dispute_url(dispute_id: int) -> str:
    return page_url(f"/perselisihan/{dispute_id}/")


def retry_delay(attempts: int) -> dt.timedelta:
    """The wait before attempt `attempts + 1`: 1, 2, 4 ... minutes, at most 6 hours."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_RETRY)


def render_email(*, template: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of `template` in `language`."""
    with translation.override(language):
        ctx = {**context, "base_url": settings.SIKHI_BASE_URL.rstrip("/"), "language": language}
        subject = " ".join(render_to_string(f"{template}_subject.txt", ctx).split())
        text = render_to_string(f"{template}.txt", ctx)
        html = render_to_string(f"{template}.html", ctx)
    return subject, text, html


def email_queue(*, to: str, language: str, template: str, context: dict[str, Any], kind: str,
                user: Any = None, dispute: Any = None) -> OutboxEmail | None:
    """Render and store one e-mail in the caller's transaction; it is sent after commit. Never raises: an
    e-mail that cannot be written is logged and the caller's event goes on."""
    if not to:
        return None
    try:
        subject, text, html = render_email(template=template, context=context, language=language)
        with transaction.atomic():  # a savepoint: a failed insert must not break the caller's transaction
            row = OutboxEmail.objects.create(
                to=to, language=language, kind=kind, subject=subject[:300], body_text=text, body_html=html,
                user=user, dispute=dispute, next_attempt_at=timezone.now(),
            )
    except Exception:
        logger.exception("%s e-mail to user %s could not be queued", kind, getattr(user, "pk", None))
        return None
    row_id = row.pk
    # If the job cannot be queued (database gone after commit), the row stays pending and the sweep sends it.
    transaction.on_commit(lambda: email_send_job.enqueue(row_id), robust=True)
    return row


@task()
def email_send_job(row_id: int) -> dict[str, int]:
    """The background job for one queued e-mail: one attempt now; failures are retried by the sweep."""
    return emails_send(ids=[row_id])


def message_id(row: OutboxEmail) -> str:
    """The row's Message-ID, the same on every attempt: a copy sent again after a lost update is one message."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "sikhi.localhost"
    return f"<outbox.{row.pk}.{int(row.created_at.timestamp())}@{domain}>"


def _claim(row_id: int, now: dt.datetime) -> bool:
    """Take the row for one attempt (a conditional UPDATE: one sender at a time)."""
    return bool(
        OutboxEmail.objects.filter(pk=row_id, status=OutboxStatus.PENDING, next_attempt_at__lte=now)
        .update(next_attempt_at=now + LEASE)
    )


def _send_one(row_id: int, now: dt.datetime) -> str | None:
    """One attempt: "sent", "retry", "failed" (given up), or None when the row was not ours to send."""
    if not _claim(row_id, now):
        return None
    row = OutboxEmail.objects.get(pk=row_id)
    message = EmailMultiAlternatives(row.subject, row.body_text, None, [row.to],
                                     headers={"Message-ID": message_id(row)})
    message.attach_alternative(row.body_html, "text/html")
    attempts = row.attempts + 1
    try:
        message.send()
    except Exception as exc:
        given_up = attempts >= MAX_ATTEMPTS
        OutboxEmail.objects.filter(pk=row_id).update(
            attempts=attempts, last_error=f"{type(exc).__name__}: {exc}"[:2000],
            next_attempt_at=now + retry_delay(attempts),
            status=OutboxStatus.FAILED if given_up else OutboxStatus.PENDING,
        )
        log = logger.error if given_up else logger.warning
        log("%s e-mail %s to %s failed (attempt %s%s): %s", row.kind, row_id, row.to, attempts,
            ", giving up" if given_up else "", exc)
        return "failed" if given_up else "retry"
    OutboxEmail.objects.filter(pk=row_id).update(attempts=attempts, status=OutboxStatus.SENT, sent_at=timezone.now())
    return "sent"


def emails_send(*, ids: Iterable[int], now: dt.datetime | None = None) -> dict[str, int]:
    """Try to send these outbox rows now (those due and not held by another sender); never raises."""
    counts = {"sent": 0, "retry": 0, "failed": 0}
    for row_id in ids:
        try:
            outcome = _send_one(row_id, now or timezone.now())
        except Exception:  # the database itself failed: the row stays pending for the next sweep
            logger.exception("outbox e-mail %s could not be processed", row_id)
            continue
        if outcome:
            counts[outcome] += 1
    return counts


def emails_retry(*, now: dt.datetime | None = None, limit: int = 200) -> dict[str, int]:
    """The worker sweep's part: send the pending e-mails whose retry is due (oldest first). A first attempt is
    the job's (`email_send_job`): the sweep takes it over only once it is SWEEP_GRACE late (the job was lost, or
    its sender died), so that nothing the sweep itself queues (deadline reminders) is sent on the sweep's thread."""
    now = now or timezone.now()
    ids = list(
        OutboxEmail.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
        .filter(Q(attempts__gt=0) | Q(next_attempt_at__lte=now - SWEEP_GRACE))
        .order_by("next_attempt_at", "id").values_list("id", flat=True)[:limit]
    )
    return emails_send(ids=ids, now=now)
