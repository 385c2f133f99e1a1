"""A document the background job has not made yet shows on the dispute page as being prepared, and the documents
section refreshes itself (static/js/documents.js) until it is there, without reloading the page."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from documents import services as docs
from tests.e2e.conftest import DESKTOP, sign_in
from tests.factories import DEFAULT_PASSWORD
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "documents"]}}


def test_the_documents_section_shows_the_summons_being_prepared_then_ready(live_server_url, new_context):
    base = live_server_url
    flow = Flow(Cast())
    flow.to("mediation")
    with override_settings(TASKS=DB_TASKS):
        flow.schedule_session()  # two summons, queued for the worker (not running here)
    page = new_context(DESKTOP).new_page()
    sign_in(page, base, flow.cast.worker.username, DEFAULT_PASSWORD)
    page.goto(f"{base}/perselisihan/{flow.id}/")
    section = page.locator("#documents-list")
    expect(section.locator(".pending-document")).to_have_count(2)
    expect(section).to_contain_text("Sedang disiapkan")
    page.evaluate("window.__same_page = true")  # a reload would drop it

    for job in DBTaskResult.objects.filter(task_path="documents.services.document_generate_job"):
        assert docs.document_generate_job.call(*job.args_kwargs["args"]) == "created"

    expect(section.locator("a[href^='/api/v1/documents/']")).to_have_count(2, timeout=15_000)
    expect(section.locator(".pending-document")).to_have_count(0)
    assert page.evaluate("window.__same_page") is True
    assert section.get_attribute("data-refresh") is None  # done: it stops asking
