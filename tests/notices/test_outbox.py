"""The e-mail outbox: written with the event, sent after commit, retried by the sweep, never undoing the event."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core import mail
from django.utils import timezone

from chat import mail as outbox
from chat.models import OutboxEmail
from disputes.services import deadlines_process
from tests.notices.backends import FlakyBackend
from tests.workflow import Flow

FAILING = "tests.notices.backends.FailingBackend"
FLAKY = "tests.notices.backends.FlakyBackend"


@pytest.mark.django_db
def test_a_failed_send_keeps_the_transition_and_is_recorded_for_a_retry(cast, committed, settings):
    settings.EMAIL_BACKEND = FAILING
    flow = Flow(cast)
    before = timezone.now()
    body = committed(flow.do, "petitioner", "submit")  # answers 200: the e-mail failure is not the caller's
    assert body["status"] == "bipartite_invited" and flow.state == "bipartite_invited"
    [row] = OutboxEmail.objects.all()
    assert (row.status, row.attempts, row.sent_at) == ("pending", 1, None)
    assert row.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert row.next_attempt_at >= before + outbox.FIRST_RETRY
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_sweep_retries_a_failed_e_mail_when_it_is_due_and_sends_it_once(cast, committed, settings):
    settings.EMAIL_BACKEND = FLAKY
    FlakyBackend.down = True
    flow = Flow(cast)
    committed(flow.do, "petitioner", "submit")
    row = OutboxEmail.objects.get()
    assert row.attempts == 1

    FlakyBackend.down = False
    mail.outbox.clear()
    assert outbox.emails_retry(now=timezone.now()) == {"sent": 0, "retry": 0, "failed": 0}  # not due yet
    assert mail.outbox == []

    later = row.next_attempt_at + dt.timedelta(seconds=1)
    assert outbox.emails_retry(now=later) == {"sent": 1, "retry": 0, "failed": 0}
    assert outbox.emails_retry(now=later + dt.timedelta(hours=1)) == {"sent": 0, "retry": 0, "failed": 0}
    [message] = mail.outbox
    assert message.to == [cast.company_user.email] and message.subject == row.subject
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 2) and row.sent_at is not None


@pytest.mark.django_db
def test_the_deadline_sweep_retries_pending_e_mails(cast, committed, settings):
    settings.EMAIL_BACKEND = FLAKY
    FlakyBackend.down = True
    flow = Flow(cast)
    committed(flow.do, "petitioner", "submit")
    OutboxEmail.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))  # its retry is due
    FlakyBackend.down = False
    mail.outbox.clear()
    deadlines_process(now=timezone.now())
    assert len(mail.outbox) == 1
    assert OutboxEmail.objects.get().status == "sent"


@pytest.mark.django_db
def test_retries_back_off_and_give_up_after_the_last_attempt(cast, committed, settings):
    settings.EMAIL_BACKEND = FAILING
    flow = Flow(cast)
    committed(flow.do, "petitioner", "submit")
    row = OutboxEmail.objects.get()
    delays = []
    while row.status == "pending":
        delays.append(row.next_attempt_at)
        outbox.emails_retry(now=row.next_attempt_at)
        row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", outbox.MAX_ATTEMPTS)
    gaps = [b - a for a, b in itertools.pairwise(delays)]
    assert gaps == sorted(gaps) and max(gaps) <= outbox.LONGEST_RETRY
    assert outbox.emails_retry(now=row.next_attempt_at + dt.timedelta(days=1))["sent"] == 0


@pytest.mark.django_db
def test_a_row_held_by_another_sender_is_not_sent_twice(cast):
    flow = Flow(cast)
    flow.do("petitioner", "submit")  # not committed: the row waits in the outbox
    row = OutboxEmail.objects.get()
    now = timezone.now()
    assert outbox._claim(row.pk, now)  # another sender holds it
    mail.outbox.clear()
    assert outbox.emails_send(ids=[row.pk], now=now) == {"sent": 0, "retry": 0, "failed": 0}
    assert mail.outbox == []
    assert outbox.emails_send(ids=[row.pk], now=now + outbox.LEASE)["sent"] == 1  # the lease ran out
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_e_mail_that_cannot_be_rendered_never_undoes_the_transition(cast, committed, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("template missing")

    monkeypatch.setattr(outbox, "render_email", broken)
    flow = Flow(cast)
    committed(flow.do, "petitioner", "submit")
    assert flow.state == "bipartite_invited"
    assert not OutboxEmail.objects.exists()
    assert cast.company_user.notifications.filter(kind="transition").exists()  # the in-app notice still went
