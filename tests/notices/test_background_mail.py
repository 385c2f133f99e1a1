"""E-mail is sent by the worker's background jobs (django-tasks, database backend), never by the web process:
an SMTP server that hangs does not delay anything the web process does, and the outbox guarantees stay."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from http.client import HTTPConnection

import pytest
from asgiref.sync import sync_to_async
from django.core import mail
from django.db import connections, transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from rest_framework.authtoken.models import Token

from chat import mail as outbox
from chat.models import OutboxEmail, Room
from disputes.worker_jobs import JobsThread
from documents.models import Document, PendingDocument
from tests.chat.conftest import session_cookie
from tests.chat.test_cross_process import _open, next_frame
from tests.servers import BASE_DIR, DAPHNE, Server, database_url_of_test_db, start_daphne
from tests.workflow import Cast, Flow

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queue_one() -> OutboxEmail:
    with transaction.atomic():
        row = outbox.email_queue(to="pekerja@example.com", language="id", template="notices/email/transition",
                                 context={"dispute": None, "title": "Uji", "url": "http://x/"}, kind="transition")
    assert row is not None
    return row


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_after_commit_the_e_mail_is_a_queued_job_that_the_worker_sends_once():
    row = _queue_one()
    # The caller (a web request) only queued a job: nothing was sent, the row waits.
    assert mail.outbox == []
    assert OutboxEmail.objects.get(pk=row.pk).status == "pending"
    [job] = DBTaskResult.objects.all()
    assert job.task_path == "chat.mail.email_send_job" and job.args_kwargs["args"] == [row.pk]

    jobs = JobsThread.start_if_configured(interval=0.05)
    assert jobs is not None
    try:
        assert _wait(lambda: OutboxEmail.objects.get(pk=row.pk).status == "sent", 10)
        assert _wait(lambda: DBTaskResult.objects.get(pk=job.pk).status == "SUCCESSFUL", 10)
    finally:
        jobs.stop()
    assert [m.to for m in mail.outbox] == [["pekerja@example.com"]]
    # Running the same job again (a retried job) sends nothing twice: the outbox row is claimed once.
    assert outbox.email_send_job.call(row.pk) == {"sent": 0, "retry": 0, "failed": 0}
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_without_the_database_backend_the_worker_starts_no_jobs_thread():
    assert JobsThread.start_if_configured(interval=0.05) is None  # test settings: jobs run at once


class HangingSMTP:
    """Accepts connections and never says a word (no 220 greeting), as a stuck mail server does."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.conns: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            self.conns.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.conns:
            conn.close()


@pytest.fixture
def smtp():
    server = HangingSMTP()
    yield server
    server.close()


@pytest.fixture
def web(transactional_db, smtp, tmp_path):
    """One daphne (local settings: jobs in the database), its SMTP server the hanging one, 30 s timeout."""
    assert DAPHNE.exists()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "REDIS_URL"}
    env.update(DJANGO_SETTINGS_MODULE="sikhi.settings.local", DATABASE_URL=database_url_of_test_db(),
               DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", DJANGO_EMAIL_HOST="127.0.0.1",
               DJANGO_EMAIL_PORT=str(smtp.port), DJANGO_EMAIL_USE_TLS="false", DJANGO_EMAIL_TIMEOUT="30",
               DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost", DJANGO_LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1")
    server = start_daphne(env, tmp_path / "daphne.log")
    try:
        assert _wait(server.healthy, 20), server.output()
        yield server
    finally:
        server.stop(5)


def _submit_over_http(port: int, dispute_id: int, token: str) -> tuple[int, float]:
    started = time.monotonic()
    conn = HTTPConnection("127.0.0.1", port, timeout=60)
    body = json.dumps({"name": "submit"})
    conn.request("POST", f"/api/v1/disputes/{dispute_id}/transitions/", body=body,
                 headers={"Authorization": f"Token {token}", "Content-Type": "application/json"})
    status = conn.getresponse().status
    return status, time.monotonic() - started


@pytest.mark.django_db(transaction=True)
@pytest.mark.timeout(90)
async def test_a_hanging_smtp_server_does_not_delay_a_chat_message(web, smtp):
    def setup():
        cast = Cast()
        chat_flow = Flow(cast).to("bipartite")
        mail_flow = Flow(cast)  # a draft: submitting it e-mails the company its invitation
        room = Room.objects.get(dispute_id=chat_flow.id, kind="bipartite")
        token = Token.objects.get_or_create(user=cast.worker)[0].key
        before = set(OutboxEmail.objects.values_list("id", flat=True))
        return room.id, mail_flow.id, token, before, session_cookie(cast.worker), session_cookie(cast.company_user)

    room_id, mail_dispute, token, before, worker_cookie, company_cookie = await sync_to_async(setup)()
    try:
        seen: list[dict] = []
        async with _open(web, room_id, worker_cookie) as worker, _open(web, room_id, company_cookie) as company:
            await next_frame(worker, "room", seen=seen)
            await next_frame(company, "room", seen=seen)
            # Submitting e-mails the company: with the old on-commit send, daphne's database thread sat in
            # the SMTP greeting for 30 s and every socket of the process waited behind it.
            submit = asyncio.create_task(asyncio.to_thread(_submit_over_http, web.port, mail_dispute, token))

            def committed() -> bool:
                return OutboxEmail.objects.exclude(id__in=before).exists()

            # Post once the e-mail is committed, i.e. while an on-commit send would be waiting on the server.
            assert await sync_to_async(_wait)(committed, 20), web.output()
            client_id = str(uuid.uuid4())
            started = time.monotonic()
            await worker.send(json.dumps({"type": "message", "client_id": client_id, "body": "Masih di sini?"}))
            ack = await next_frame(worker, "ack", seen=seen)
            got = await next_frame(company, "message", seen=seen)
            took = time.monotonic() - started
            status, answered_in = await submit
            assert status == 200, web.output()
        assert ack["client_id"] == client_id and got["client_id"] == client_id
        assert took < 3, f"the message took {took:.1f} s"
        # The worker who submitted is not kept waiting either (an on-commit send held the answer for 30 s).
        assert answered_in < 5, f"the submit answered after {answered_in:.1f} s"

        def queued():
            rows = list(OutboxEmail.objects.exclude(id__in=before).values_list("id", "status", "attempts"))
            jobs = list(DBTaskResult.objects.values_list("task_path", "args_kwargs"))
            return rows, jobs

        rows, jobs = await sync_to_async(queued)()
        assert rows and all(status == "pending" and attempts == 0 for _, status, attempts in rows), rows
        assert sorted(args["args"][0] for path, args in jobs if path == "chat.mail.email_send_job") == sorted(
            r[0] for r in rows)
        assert smtp.accepted == 0  # the web process never even connected to the mail server
    finally:
        await sync_to_async(connections.close_all)()


@pytest.fixture
def worker(web, smtp, tmp_path):
    """`manage.py run_worker` beside the daphne, with the same settings: it takes the e-mail jobs and hangs in the
    SMTP greeting (30 s timeout), as a worker does whose mail server is stuck."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "REDIS_URL"}
    env.update(DJANGO_SETTINGS_MODULE="sikhi.settings.local", DATABASE_URL=database_url_of_test_db(),
               DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", DJANGO_EMAIL_HOST="127.0.0.1",
               DJANGO_EMAIL_PORT=str(smtp.port), DJANGO_EMAIL_USE_TLS="false", DJANGO_EMAIL_TIMEOUT="30",
               DJANGO_LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1")
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--interval", "600", "--jobs-interval", "0.1"],
            cwd=BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(port=0, proc=proc, log=log)
    try:
        yield server
    finally:
        smtp.close()  # the hanging send fails now, so the worker can stop
        server.stop(10)


@pytest.mark.django_db(transaction=True)
@pytest.mark.timeout(120)
@override_settings(TASKS={"default": {**DB_TASKS["default"], "QUEUES": ["default", "documents"]}})
async def test_a_chat_message_is_delivered_while_the_worker_hangs_on_the_smtp_server(web, worker, smtp):
    """daphne and the worker as `make run` starts them; the worker's send sits in a greeting that never comes.
    Chat goes on, and the worker's other queue still makes documents."""

    def setup():
        cast = Cast()
        chat_flow = Flow(cast).to("bipartite")
        mail_flow = Flow(cast)  # a draft: submitting it e-mails the company its invitation
        room = Room.objects.get(dispute_id=chat_flow.id, kind="bipartite")
        token = Token.objects.get_or_create(user=cast.worker)[0].key
        before = set(OutboxEmail.objects.values_list("id", flat=True))
        return (chat_flow, room.id, mail_flow.id, token, before, session_cookie(cast.worker),
                session_cookie(cast.company_user))

    chat_flow, room_id, mail_dispute, token, before, worker_cookie, company_cookie = await sync_to_async(setup)()
    try:
        seen: list[dict] = []
        async with _open(web, room_id, worker_cookie) as member, _open(web, room_id, company_cookie) as company:
            await next_frame(member, "room", seen=seen)
            await next_frame(company, "room", seen=seen)
            status, answered_in = await asyncio.to_thread(_submit_over_http, web.port, mail_dispute, token)
            assert status == 200, web.output()
            assert answered_in < 5, f"the submit answered after {answered_in:.1f} s"
            # The worker has taken the job and is now waiting for the server's 220 greeting (up to 30 s).
            assert await asyncio.to_thread(_wait, lambda: smtp.accepted >= 1, 20), worker.output()

            for n in range(3):  # several messages, all while the send hangs
                client_id = str(uuid.uuid4())
                started = time.monotonic()
                await member.send(json.dumps({"type": "message", "client_id": client_id, "body": f"Halo {n}"}))
                ack = await next_frame(member, "ack", seen=seen)
                got = await next_frame(company, "message", seen=seen)
                took = time.monotonic() - started
                assert ack["client_id"] == client_id and got["client_id"] == client_id
                assert took < 2, f"message {n} took {took:.1f} s"
            # Still hanging (the job's send, and the worker's first sweep may hang on a connection of its own).
            assert worker.proc.poll() is None

        # The documents queue has its own thread: the minutes of a meeting signed now are made meanwhile.
        meeting_id = await sync_to_async(chat_flow.record_meeting)()

        def minutes_made() -> bool:
            return (Document.objects.filter(kind="bipartite_minutes", meeting_id=meeting_id).exists()
                    and not PendingDocument.objects.filter(dispute_id=chat_flow.id).exists())

        assert await sync_to_async(_wait)(minutes_made, 25), worker.output()

        def rows():
            return list(OutboxEmail.objects.exclude(id__in=before).values_list("status", "attempts", "sent_at"))

        # Held by the worker (claimed, the attempt not finished): not sent, not failed.
        held = await sync_to_async(rows)()
        assert held and set(held) == {("pending", 0, None)}, held
    finally:
        await sync_to_async(connections.close_all)()


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_deadline_reminders_are_e_mailed_by_the_job_not_on_the_sweeps_thread(monkeypatch):
    """The sweep only queues the reminders (as every other e-mail): their sending is the e-mail job's."""
    from disputes.services import deadlines_process
    from tests.notices.test_reminders import _answer_deadlines, first_reminder_day, noon

    flow = Flow(Cast()).to("recommendation_issued")
    OutboxEmail.objects.update(status="sent")  # the e-mails so far are not this test's
    DBTaskResult.objects.all().delete()
    sent_by_sweep = []
    real_send = outbox.emails_send
    monkeypatch.setattr(outbox, "emails_send", lambda **kw: sent_by_sweep.append(list(kw["ids"])) or real_send(**kw))

    day = first_reminder_day(_answer_deadlines(flow)[0].due_at)
    deadlines_process(now=noon(day))

    reminders = list(OutboxEmail.objects.filter(kind="deadline_reminder").order_by("id"))
    assert len(reminders) == 2 and {r.status for r in reminders} == {"pending"} and mail.outbox == []
    assert sent_by_sweep in ([], [[]])  # the sweep sent nothing itself
    jobs = DBTaskResult.objects.filter(task_path="chat.mail.email_send_job")
    assert sorted(j.args_kwargs["args"][0] for j in jobs) == [r.pk for r in reminders]

    for job in jobs:
        outbox.email_send_job.call(*job.args_kwargs["args"])
    assert len(mail.outbox) == 2 and set(OutboxEmail.objects.filter(kind="deadline_reminder")
                                         .values_list("status", flat=True)) == {"sent"}
