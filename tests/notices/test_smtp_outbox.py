"""The outbox's guarantees against a real SMTP server on a loopback socket: a refused attempt is recorded and
retried with backoff, the retry delivers once, a retried job never sends a sent e-mail again, and a copy sent
again after a lost update carries the same Message-ID."""

from __future__ import annotations

import datetime as dt
import email
import socket
import threading
from email import policy

import pytest
from django.utils import timezone

from chat import mail as outbox
from chat.models import OutboxEmail
from tests.workflow import Flow


class LoopbackSMTP:
    """A minimal SMTP server: while `refusing`, it answers every connection with 421 (service not available)
    and closes it; otherwise it takes the message and keeps it in `messages`."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.refusing = True
        self.connections = 0
        self.messages: list[email.message.EmailMessage] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rb") as rfile:
            def say(line: str) -> None:
                conn.sendall(line.encode() + b"\r\n")

            if self.refusing:
                say("421 loopback.test Service not available, try again later")
                return
            say("220 loopback.test ESMTP")
            while line := rfile.readline():
                verb = line.decode(errors="replace").strip().upper()
                if verb.startswith(("EHLO", "HELO")):
                    say("250 loopback.test")
                elif verb.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                    say("250 OK")
                elif verb == "DATA":
                    say("354 End data with <CR><LF>.<CR><LF>")
                    data = b""
                    while (chunk := rfile.readline()) not in (b".\r\n", b""):
                        data += chunk[1:] if chunk.startswith(b"..") else chunk
                    self.messages.append(email.message_from_bytes(data, policy=policy.default))
                    say("250 OK queued")
                elif verb == "QUIT":
                    say("221 Bye")
                    return
                else:
                    say("502 Command not implemented")

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def smtp(settings):
    server = LoopbackSMTP()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.close()


@pytest.mark.django_db
def test_a_refused_send_is_retried_with_backoff_and_delivered_once(cast, committed, smtp):
    flow = Flow(cast)
    before = timezone.now()
    committed(flow.do, "petitioner", "submit")  # the invitation's job runs at once here, and is refused

    [row] = OutboxEmail.objects.all()
    assert (row.status, row.attempts, row.sent_at) == ("pending", 1, None)
    assert row.last_error.startswith("SMTP") and "421" in row.last_error
    assert row.next_attempt_at >= before + outbox.FIRST_RETRY
    assert smtp.connections == 1 and smtp.messages == []

    # Refused again when due: the wait doubles.
    first_retry = row.next_attempt_at
    assert outbox.emails_retry(now=first_retry) == {"sent": 0, "retry": 1, "failed": 0}
    row.refresh_from_db()
    assert row.attempts == 2 and row.next_attempt_at == first_retry + outbox.retry_delay(2)
    assert outbox.retry_delay(2) == 2 * outbox.FIRST_RETRY

    # Not due yet: the server is not even asked.
    smtp.refusing = False
    assert outbox.emails_retry(now=first_retry + dt.timedelta(seconds=1)) == {"sent": 0, "retry": 0, "failed": 0}
    assert smtp.connections == 2

    assert outbox.emails_retry(now=row.next_attempt_at) == {"sent": 1, "retry": 0, "failed": 0}
    [message] = smtp.messages
    assert message["To"] == cast.company_user.email and message["Subject"] == row.subject
    assert message["Message-ID"] == outbox.message_id(row)
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 3) and row.sent_at is not None

    # The job retried (a worker that ran it twice) and later sweeps send nothing again.
    assert outbox.email_send_job.call(row.pk) == {"sent": 0, "retry": 0, "failed": 0}
    assert outbox.emails_retry(now=row.next_attempt_at + dt.timedelta(days=1)) == {"sent": 0, "retry": 0, "failed": 0}
    assert len(smtp.messages) == 1


@pytest.mark.django_db
def test_a_copy_sent_again_after_a_lost_update_is_the_same_message(cast, committed, smtp, monkeypatch):
    """At least once: the send succeeded but the process died before recording it; when the lease runs out the
    row is sent again, with the same Message-ID, so the recipient's mail reader shows one message."""
    smtp.refusing = False
    real_update = outbox.OutboxEmail.objects.filter

    def crash_after_send(*args, **kwargs):
        queryset = real_update(*args, **kwargs)
        if smtp.messages:  # the message went out: the process dies before the row says so
            raise ConnectionError("the worker died")
        return queryset

    flow = Flow(cast)
    monkeypatch.setattr(outbox.OutboxEmail.objects, "filter", crash_after_send)
    committed(flow.do, "petitioner", "submit")
    monkeypatch.undo()
    [row] = OutboxEmail.objects.all()
    assert row.status == "pending" and len(smtp.messages) == 1  # sent, but not recorded: the lease holds it

    assert outbox.emails_retry(now=timezone.now()) == {"sent": 0, "retry": 0, "failed": 0}  # held by the lease
    assert outbox.emails_retry(now=row.next_attempt_at + outbox.LEASE) == {"sent": 1, "retry": 0, "failed": 0}
    first, second = smtp.messages
    assert first["Message-ID"] == second["Message-ID"] == outbox.message_id(row)
    assert OutboxEmail.objects.get().status == "sent"
