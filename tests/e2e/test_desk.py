"""In a real browser at phone width (390 px): the returned registration completed from the dispute page, a
rights dispute going straight to mediation, the route-choice notice, the officer's desk (counts, search, state
filter, pages) and the confirmation asked before irreversible steps."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.models import Company
from disputes.models import Dispute, Evidence
from tests.e2e.conftest import PHONE, shoot, sign_in
from tests.factories import DEFAULT_PASSWORD, CompanyFactory, office
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)

PDF = {"name": "risalah.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"}


def phone_page(new_context, base, user):
    page = new_context(PHONE).new_page()
    sign_in(page, base, user.username, DEFAULT_PASSWORD)
    return page


def no_sideways_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


def test_worker_completes_a_returned_registration_and_the_company_adds_evidence(live_server_url, new_context):
    base = live_server_url
    flow = Flow(Cast()).to("registration_returned")
    w = phone_page(new_context, base, flow.cast.worker)
    w.goto(f"{base}/perselisihan/{flow.id}/")
    expect(w.locator("#missing-items")).to_contain_text("Pasal 4 ayat (2)")
    expect(w.locator(".deadline").first).to_contain_text("Melengkapi pencatatan yang dikembalikan")
    no_sideways_scroll(w)
    shoot(w, "registration-returned-worker-phone")
    box = w.locator("#action-resubmit_registration")
    box.locator("summary").click()
    box.locator("textarea").fill("Risalah bipartit yang ditandatangani terlampir.")
    box.locator("input[type=text]").fill("Risalah bipartit")
    box.locator("input[type=file]").set_input_files(files=[PDF])
    box.locator("button[value=resubmit_registration]").click()
    expect(w.locator("#dispute-state")).to_have_attribute("data-state", "registration_submitted")
    evidence = Evidence.objects.get(dispute_id=flow.id)
    assert evidence.title == "Risalah bipartit" and evidence.uploaded_by == flow.cast.worker

    c = phone_page(new_context, base, flow.cast.company_user)
    c.goto(f"{base}/perselisihan/{flow.id}/")
    c.locator("#evidence-add summary").click()
    c.fill("#evidence-page-form input[name=title]", "Daftar hadir")
    c.set_input_files("#evidence-page-form input[type=file]", files=[{**PDF, "name": "hadir.pdf"}])
    c.click("#evidence-page-form button[type=submit]")
    expect(c.locator("section[aria-labelledby=evidence-h] a", has_text="Daftar hadir")).to_be_visible()
    shoot(c, "evidence-added-company-phone")
    assert Evidence.objects.filter(dispute_id=flow.id).count() == 2


def test_officer_is_asked_before_accepting_and_a_rights_dispute_goes_straight_to_mediation(
    live_server_url, new_context
):
    base = live_server_url
    flow = Flow(Cast(), type="hak").to("registration_submitted")
    o = phone_page(new_context, base, flow.cast.officer)
    o.goto(f"{base}/perselisihan/{flow.id}/")
    o.click("#action-accept_registration button")
    dialog = o.locator("#confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("nomor registrasi")
    shoot(o, "confirm-accept-registration-phone")
    o.click("#confirm-no")  # cancelled: nothing posted
    expect(dialog).to_be_hidden()
    assert Dispute.objects.get(pk=flow.id).state == "registration_submitted"
    o.click("#action-accept_registration button")
    o.click("#confirm-yes")
    expect(o.locator("#dispute-state")).to_have_attribute("data-state", "awaiting_mediator")
    w = phone_page(new_context, base, flow.cast.worker)
    w.goto(f"{base}/perselisihan/{flow.id}/")
    expect(w.locator("#dispute-state")).to_have_attribute("data-state", "awaiting_mediator")
    expect(w.locator("#action-choose_route")).to_have_count(0)
    expect(w.locator("#route-status")).to_have_count(0)


def test_parties_choosing_different_routes_are_told_the_case_waits_for_mediation(live_server_url, new_context):
    base = live_server_url
    flow = Flow(Cast(), type="kepentingan").to("adr_offered")
    flow.do("petitioner", "choose_route", route="conciliation")
    c = phone_page(new_context, base, flow.cast.company_user)
    c.goto(f"{base}/perselisihan/{flow.id}/")
    c.locator("#action-choose_route summary").click()
    c.check("#action-choose_route input[value=arbitration]")
    c.click("#action-choose_route button[value=choose_route]")
    expect(c.locator("#route-status")).to_contain_text("memilih jalur yang berbeda")
    expect(c.locator("#route-status")).to_contain_text("Konsiliasi")
    no_sideways_scroll(c)
    shoot(c, "route-choices-differ-phone")
    assert Dispute.objects.get(pk=flow.id).state == "adr_offered"


def test_officer_desk_counts_searches_filters_and_pages_on(live_server_url, new_context):
    base = live_server_url
    cast = Cast()
    flows = [Flow(cast).to("bipartite_invited") for _ in range(26)]  # one more than a page
    checked = Flow(cast).to("registration_submitted")
    Flow(cast, workplace_regency="32.04").to("bipartite_invited")  # another office's: never on this desk
    o = phone_page(new_context, base, cast.officer)
    expect(o.locator("[data-count=all]")).to_have_text("27")
    expect(o.locator("[data-count=check]")).to_have_text("1")
    no_sideways_scroll(o)
    shoot(o, "officer-desk-phone")
    expect(o.locator("#all-list > li")).to_have_count(25)
    o.click("#all-pager a[rel=next]")
    expect(o.locator("#all-list > li")).to_have_count(2)
    o.select_option("#desk-status", "registration_submitted")
    o.click("#desk-search button[type=submit]")
    expect(o.locator("#all-list > li")).to_have_count(1)
    expect(o.locator(f"#all-list [data-dispute='{checked.id}']")).to_be_visible()
    number = Dispute.objects.get(pk=flows[3].id).number
    o.select_option("#desk-status", "")
    o.fill("#desk-q", number)
    o.click("#desk-search button[type=submit]")
    expect(o.locator("#all-list > li")).to_have_count(1)
    expect(o.locator(f"#all-list [data-dispute='{flows[3].id}']")).to_be_visible()
    shoot(o, "officer-desk-search-phone")


def test_officer_is_asked_before_verifying_a_company(live_server_url, new_context):
    base = live_server_url
    cast = Cast()
    company = CompanyFactory(verified_at=None, regency=office("32.73"), name="PT Belum Terverifikasi")
    o = phone_page(new_context, base, cast.officer)
    form = o.locator(f"form[action='/perusahaan/{company.id}/verifikasi/']")
    form.locator("button").click()
    expect(o.locator("#confirm-dialog")).to_contain_text("PT Belum Terverifikasi")
    o.keyboard.press("Escape")  # closes the dialog: no verification
    expect(o.locator("#confirm-dialog")).to_be_hidden()
    assert Company.objects.get(pk=company.id).verified_at is None
    form.locator("button").click()
    o.click("#confirm-yes")
    expect(o.locator(".msg-success")).to_be_visible()
    assert Company.objects.get(pk=company.id).verified_at is not None
