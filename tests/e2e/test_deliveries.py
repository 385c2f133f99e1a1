"""An officer records, in a real browser, how a summons reached a company that is not on SIKHI (issue 9, notice
that stands up): picks the letter and its addressee, the method, the date and the receipt number, attaches the
scan; a file that is not a scan is refused in Indonesian without losing what was typed; the delivery then shows
on the dispute page with its receipt number and scan, the assigned mediator sees it too, and the worker sees
neither the other side's delivery nor the form (a party sees the deliveries to its own side only)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import expect

from disputes.models import Dispute
from documents.notice_models import Delivery
from tests.e2e.conftest import shoot, sign_in
from tests.factories import DEFAULT_PASSWORD
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)

OFFLINE = {"name": "PT Luring Abadi", "email": "hrd@luring.test", "address": "Jl. Pos No. 1, Bandung"}


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, format="PNG")
    return out.getvalue()


def _offline_dispute_with_a_summons() -> Flow:
    flow = Flow(Cast(), respondent=OFFLINE)
    flow.do("petitioner", "submit")
    due = Dispute.objects.get(pk=flow.id).deadlines.get(key="invitation_response").due_at
    call_command("process_deadlines", now=(due + dt.timedelta(seconds=1)).isoformat(), stdout=io.StringIO())
    flow.do("petitioner", "register")
    flow.do("officer", "accept_registration")
    flow.do("petitioner", "choose_route", route="mediation")
    flow.do("officer", "assign_mediator")
    flow.schedule_session()
    return flow


def test_officer_records_a_posted_summons_with_its_scan_and_the_worker_sees_it(live_server_url, new_context):
    flow = _offline_dispute_with_a_summons()
    page = new_context().new_page()
    sign_in(page, live_server_url, flow.cast.officer.username, DEFAULT_PASSWORD)
    page.goto(f"{live_server_url}/perselisihan/{flow.id}/")
    expect(page.locator("#deliveries-h")).to_be_visible()
    form = page.locator("#delivery-form")
    if not form.is_visible():
        page.locator("#delivery-add summary").click()
    letter = form.locator("#id_delivery_letter")
    choice = next(o for o in letter.locator("option").all_inner_texts() if "PT Luring Abadi" in o)
    letter.select_option(label=choice)
    form.locator("#id_delivery_method").select_option("post")
    form.locator("#id_delivery_delivered_on").fill(dt.date.today().isoformat())
    form.locator("#id_delivery_receipt_number").fill("RR123456789ID")
    form.locator("#id_delivery_scan").set_input_files(
        files=[{"name": "resi.png", "mimeType": "image/png", "buffer": b"<html>not an image</html>"}])
    form.get_by_role("button", name="Catat penyampaian").click()
    # Refused by its content, in Indonesian, with what was typed kept.
    expect(page.locator("#delivery-form .error").first).to_be_visible()
    expect(page.locator("#id_delivery_receipt_number")).to_have_value("RR123456789ID")
    assert not Delivery.objects.exists()

    page.locator("#id_delivery_scan").set_input_files(
        files=[{"name": "resi.png", "mimeType": "image/png", "buffer": _png()}])
    page.locator("#delivery-form").get_by_role("button", name="Catat penyampaian").click()
    delivery = page.locator("p.delivery[data-side='respondent']")
    expect(delivery).to_contain_text("RR123456789ID")
    expect(delivery.get_by_role("link", name="pindaian")).to_be_visible()
    shoot(page, "delivery-recorded")
    recorded = Delivery.objects.get()
    assert (recorded.side, recorded.method, recorded.receipt_number) == ("respondent", "post", "RR123456789ID")

    mediator = new_context().new_page()
    sign_in(mediator, live_server_url, flow.cast.mediator.username, DEFAULT_PASSWORD)
    mediator.goto(f"{live_server_url}/perselisihan/{flow.id}/")
    expect(mediator.locator("p.delivery[data-side='respondent']")).to_contain_text("RR123456789ID")

    worker = new_context().new_page()
    sign_in(worker, live_server_url, flow.cast.worker.username, DEFAULT_PASSWORD)
    worker.goto(f"{live_server_url}/perselisihan/{flow.id}/")
    expect(worker.locator("h1")).to_be_visible()
    expect(worker.locator("p.delivery")).to_have_count(0)
    expect(worker.locator("#delivery-form")).to_have_count(0)
    assert "RR123456789ID" not in worker.content()
