"""Documents are rendered and signed by a background job (django-tasks), never on the request's thread: the event
writes a pending row and queues `document_generate_job`; the job makes the document once, retries a failure with
backoff, gives up visibly for the office's staff, and the API and the dispute page show what is being prepared."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from disputes.services import deadlines_process
from documents import render
from documents import services as docs
from documents.models import Document, PendingDocument
from mediation.models import Summons
from tests.documents.conftest import documents
from tests.workflow import Flow

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "documents"]}}
JOB = "documents.services.document_generate_job"


def broken(*args, **kwargs):
    raise RuntimeError("renderer is broken")


def listing(flow: Flow, role: str = "petitioner") -> dict:
    response = flow.clients[role].get(f"{flow.url}documents/")
    assert response.status_code == 200, response.content
    return response.json()


def document_jobs() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=JOB).order_by("enqueued_at"))


def caught_up() -> None:
    """The worker has made the letters of the steps so far (registration receipt, ADR offer...): what follows
    starts from an empty queue."""
    for job in document_jobs():
        docs.document_generate_job.call(*job.args_kwargs["args"])
    assert PendingDocument.objects.count() == 0
    DBTaskResult.objects.filter(task_path=JOB).delete()


def summonses(listed: list[dict]) -> list[dict]:
    return [d for d in listed if d["kind"] == "summons"]


def page(user, path: str) -> tuple[int, str]:
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(user)
    response = client.get(path)
    return response.status_code, response.content.decode()


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_an_event_only_queues_its_documents_and_the_job_makes_each_once(cast):
    flow = Flow(cast)
    flow.to("mediation")
    caught_up()
    started = timezone.now()
    flow.schedule_session()  # calls for one summons per party

    # The request rendered nothing: two pending rows, two queued jobs, no document.
    assert Document.objects.filter(kind="summons").count() == 0
    pending = list(PendingDocument.objects.order_by("id"))
    assert [(p.kind, p.state, p.attempts) for p in pending] == [("summons", "queued", 0)] * 2
    assert all(p.requested_at >= started for p in pending)
    jobs = document_jobs()
    assert sorted(j.args_kwargs["args"][0] for j in jobs) == [p.pk for p in pending]
    body = listing(flow)
    assert summonses(body["results"]) == []
    assert [(p["kind"], p["state"], p["attempts"], p["error"]) for p in body["pending"]] == [
        ("summons", "queued", 0, None)] * 2

    # The worker runs the jobs: the documents are stored, the pending rows gone.
    for job in jobs:
        assert docs.document_generate_job.call(*job.args_kwargs["args"]) == "created"
    assert PendingDocument.objects.count() == 0
    body = listing(flow)
    assert body["pending"] == [] and [d["kind"] for d in summonses(body["results"])] == ["summons", "summons"]
    # A job run twice (a retried job) makes nothing twice.
    for job in jobs:
        assert docs.document_generate_job.call(*job.args_kwargs["args"]) == "skipped"
    assert Document.objects.filter(kind="summons").count() == 2


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_a_retry_after_the_document_was_stored_makes_no_second_one(cast):
    """The worker died after storing the document but before clearing its row: the retry finds the document."""
    flow = Flow(cast)
    flow.to("mediation")
    caught_up()
    flow.schedule_session()
    row = PendingDocument.objects.order_by("id").first()
    made, _ = docs._summons(row.object_id)  # stored, and the process died before it cleared the row
    PendingDocument.objects.filter(pk=row.pk).update(state="running", next_attempt_at=timezone.now())  # lease over

    assert docs.pending_document_run(row.pk) == "existing"
    assert list(Document.objects.filter(kind="summons", summons_id=row.object_id)) == [made]
    assert not PendingDocument.objects.filter(pk=row.pk).exists()


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_an_attempt_under_way_is_not_taken_twice(cast):
    flow = Flow(cast)
    flow.to("mediation")
    caught_up()
    flow.schedule_session()
    row = PendingDocument.objects.order_by("id").first()
    PendingDocument.objects.filter(pk=row.pk).update(state="running", next_attempt_at=timezone.now()
                                                     + dt.timedelta(minutes=5))
    assert docs.pending_document_run(row.pk) == "skipped"
    assert Document.objects.filter(kind="summons").count() == 0
    assert listing(flow)["pending"][0]["state"] == "running"


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_a_failed_attempt_is_retried_by_a_deferred_job_with_backoff(cast, monkeypatch):
    flow = Flow(cast)
    flow.to("mediation")
    caught_up()
    flow.schedule_session()
    monkeypatch.setattr(render, "render_summons", broken)
    row = PendingDocument.objects.order_by("id").first()
    before = timezone.now()

    assert docs.pending_document_run(row.pk) == "retry"

    row.refresh_from_db()
    assert (row.state, row.attempts, row.error) == ("queued", 1, "RuntimeError: renderer is broken")
    assert before + docs.FIRST_RETRY <= row.next_attempt_at <= timezone.now() + docs.FIRST_RETRY
    [first, retry] = [j for j in document_jobs() if j.args_kwargs["args"] == [row.pk]]
    assert first.run_after.year == 9999 and retry.run_after == row.next_attempt_at  # the retry waits its time
    assert docs.pending_document_run(row.pk) == "skipped"  # not due yet

    monkeypatch.undo()
    assert docs.pending_document_run(row.pk, now=row.next_attempt_at) == "created"
    assert Document.objects.filter(summons_id=row.object_id).count() == 1


@pytest.mark.django_db
def test_retries_back_off_then_give_up_and_the_staff_see_why(cast, committed, monkeypatch):
    """Immediate backend (the tests'): the first attempt runs on commit; the retries here are the sweep's."""
    flow = Flow(cast)
    committed(flow.to, "mediation")
    monkeypatch.setattr(render, "render_summons", broken)
    committed(flow.schedule_session)

    rows = list(PendingDocument.objects.order_by("id"))
    assert [(r.state, r.attempts) for r in rows] == [("queued", 1)] * 2
    row = rows[0]
    delays = []
    while row.state == "queued":
        previous = row.next_attempt_at
        assert docs.pending_document_run(row.pk, now=previous) in ("retry", "failed")
        row.refresh_from_db()
        delays.append(row.next_attempt_at - previous)
    assert row.attempts == docs.MAX_ATTEMPTS and row.state == "failed"
    assert delays == [dt.timedelta(minutes=m) for m in (2, 4, 8, 16)]
    assert docs.pending_document_run(row.pk, now=row.next_attempt_at + dt.timedelta(days=1)) == "skipped"

    # The parties see that it could not be prepared; the office's staff also see why.
    [entry, _] = listing(flow)["pending"]
    assert (entry["state"], entry["error"]) == ("failed", None)
    staff_entry = listing(flow, "mediator")["pending"][0]
    assert staff_entry["error"] == "RuntimeError: renderer is broken" and staff_entry["attempts"] == 5
    _, party_page = page(cast.worker, f"/perselisihan/{flow.id}/")
    _, officer_page = page(cast.officer, f"/perselisihan/{flow.id}/")
    assert "Tidak dapat disiapkan" in party_page and "renderer is broken" not in party_page
    assert "Tidak dapat disiapkan" in officer_page and "RuntimeError: renderer is broken" in officer_page

    # Made later by hand: the rows go and each summons is made once.
    monkeypatch.undo()
    call_command("generate_documents", "--dispute", str(flow.id))
    assert PendingDocument.objects.count() == 0
    assert [d["kind"] for d in summonses(documents(flow))] == ["summons", "summons"]


@pytest.mark.django_db
def test_a_given_up_document_can_be_retried_from_the_admin_action(cast, committed, monkeypatch):
    flow = Flow(cast)
    committed(flow.to, "mediation")
    monkeypatch.setattr(render, "render_summons", broken)
    committed(flow.schedule_session)
    PendingDocument.objects.update(state="failed", attempts=docs.MAX_ATTEMPTS)
    monkeypatch.undo()
    for row in PendingDocument.objects.all():
        committed(docs.pending_document_retry, pending=row)  # the job runs at once here
    assert PendingDocument.objects.count() == 0 and Document.objects.filter(kind="summons").count() == 2


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_the_sweep_makes_a_document_whose_job_was_lost(cast):
    flow = Flow(cast)
    flow.to("recommendation_issued")
    DBTaskResult.objects.filter(task_path=JOB).delete()  # the jobs are lost
    lost = sorted(PendingDocument.objects.values_list("kind", flat=True))
    assert {"recommendation", "summons", "registration_receipt", "session_record"} <= set(lost)
    assert lost.count("summons") == 2
    deadlines_process(now=timezone.now())
    assert PendingDocument.objects.count() == len(lost)  # within the grace period the jobs may still come

    PendingDocument.objects.update(next_attempt_at=timezone.now() - docs.SWEEP_GRACE - dt.timedelta(seconds=1))
    deadlines_process(now=timezone.now())
    assert PendingDocument.objects.count() == 0
    assert sorted(d["kind"] for d in documents(flow)) == lost


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_an_existing_document_is_not_queued_again_by_a_later_transition(cast):
    flow = Flow(cast)
    flow.to("recommendation_issued")
    for job in document_jobs():
        docs.document_generate_job.call(*job.args_kwargs["args"])
    assert PendingDocument.objects.count() == 0
    DBTaskResult.objects.all().delete()
    flow.do("petitioner", "respond_recommendation", accept=True)
    flow.do("respondent", "respond_recommendation", accept=False, reason="Terlalu mahal")
    # court_referral calls for the settlement minutes only; the recommendation is made already.
    assert [p.kind for p in PendingDocument.objects.all()] == ["settlement_minutes"]
    assert [j.args_kwargs["args"] for j in document_jobs()] == [[PendingDocument.objects.get().pk]]


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_the_dispute_page_shows_documents_being_prepared_and_its_section_refreshes_until_done(cast):
    flow = Flow(cast)
    flow.to("mediation")
    caught_up()
    flow.schedule_session()
    section = f"/perselisihan/{flow.id}/dokumen/"

    status, html = page(cast.worker, f"/perselisihan/{flow.id}/")
    assert status == 200
    assert html.count('class="pending-document"') == 2 and "Sedang disiapkan" in html
    assert f'data-refresh="{section}"' in html and "js/documents.js" in html
    assert 'aria-live="polite"' in html

    row = PendingDocument.objects.order_by("id").first()
    PendingDocument.objects.filter(pk=row.pk).update(state="running")
    status, html = page(cast.worker, section)
    assert status == 200 and html.startswith('<div id="documents-list"')
    assert 'data-state="running"' in html and 'data-state="queued"' in html
    assert "ditandatangani" in html  # "Being prepared: rendering and signing."

    for job in document_jobs():
        docs.document_generate_job.call(*job.args_kwargs["args"])
    status, html = page(cast.worker, section)
    assert status == 200 and "data-refresh=" not in html and "pending-document" not in html
    assert html.count("/api/v1/documents/") == Document.objects.filter(dispute_id=flow.id).count() == 4
    assert html.count("Surat Panggilan") == 2  # the two summons, beside the receipt and the ADR offer

    assert page(cast.other_worker, section)[0] == 404  # the section follows the dispute's rule
    anonymous = Client().get(section)
    assert anonymous.status_code == 302


@pytest.mark.django_db
def test_the_schema_documents_the_pending_list(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    listed = schema["components"]["schemas"]["DocumentList"]["properties"]
    assert {"results", "pending", "next"} <= set(listed)
    pending = schema["components"]["schemas"]["PendingDocumentOut"]["properties"]
    assert {"kind", "title", "state", "attempts", "requested_at", "next_attempt_at", "error"} <= set(pending)


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_a_document_made_synchronously_meanwhile_is_no_longer_pending(cast):
    """The court bundle makes a missing document at once: its pending row (even a given-up one) goes with it."""
    flow = Flow(cast)
    flow.to("mediation")
    caught_up()
    flow.schedule_session()
    PendingDocument.objects.update(state="failed", attempts=docs.MAX_ATTEMPTS, error="RuntimeError: x")
    for summons in Summons.objects.filter(session__dispute_id=flow.id):
        docs.document_generate_summons(summons=summons)
    assert PendingDocument.objects.count() == 0 and listing(flow, "officer")["pending"] == []
    for job in document_jobs():
        assert docs.document_generate_job.call(*job.args_kwargs["args"]) == "skipped"
    assert Document.objects.filter(kind="summons").count() == 2
