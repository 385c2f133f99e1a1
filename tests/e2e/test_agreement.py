"""The Perjanjian Bersama in the browser at phone width: every signatory reads the full terms and can take the
draft PDF, signs only through the deliberate step (ticked box and typed full name), and can reject with a reason."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from disputes.models import Dispute
from tests.e2e.conftest import PHONE, confirm_if_asked, shoot, sign_in
from tests.e2e.test_browser import act, sign_box
from tests.factories import DEFAULT_PASSWORD
from tests.mediation.test_agreement import ITEMS
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)


def test_signatories_read_the_terms_sign_deliberately_and_one_rejects_with_a_reason(live_server_url, new_context):
    base = live_server_url
    flow = Flow(Cast()).to("bipartite")
    flow.do("respondent", "propose_agreement", items=ITEMS)
    cast, url = flow.cast, f"{base}/perselisihan/{flow.id}/"
    w = new_context(PHONE).new_page()
    sign_in(w, base, cast.worker.username, DEFAULT_PASSWORD)
    w.goto(url)

    terms = w.locator("#agreement-terms")
    expect(terms).to_contain_text("Rp12.500.000")
    expect(terms).to_contain_text("dua belas juta lima ratus ribu rupiah")
    expect(terms).to_contain_text("paklaring")
    assert w.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(w, "agreement-terms-phone")
    pdf = w.request.get(f"{base}{w.locator('#agreement-draft-pdf').get_attribute('href')}")
    assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")
    assert pdf.body().startswith(b"%PDF-")

    # The confirmation step: without the ticked box and the typed name nothing is signed.
    box = w.locator("#action-sign_agreement")
    box.evaluate("el => { el.open = true; }")
    box.locator("input[name=sign_agreement-full_name]").fill("Orang Lain")
    box.locator("input[name=sign_agreement-address]").fill("Jl. Merdeka 1, Bandung")
    box.locator("button[value=sign_agreement]").click()
    assert confirm_if_asked(w)  # signing is irreversible: the page asks first, then the server refuses
    expect(w.locator("#action-sign_agreement .field.invalid").first).to_be_visible()
    expect(w.locator("input[name=sign_agreement-address]")).to_have_value("Jl. Merdeka 1, Bandung")
    shoot(w, "agreement-sign-refused-phone")
    assert not Dispute.objects.get(pk=flow.id).agreements.get().signatures.exists()
    act(w, "sign_agreement", lambda box: sign_box(box, cast.worker.name, ("address", "Jl. Merdeka 1, Bandung")))
    expect(w.locator("#agreement-signatures")).to_contain_text(cast.worker.name)

    # The company reads the same terms and rejects them with a reason: back to bipartite.
    c = new_context(PHONE).new_page()
    sign_in(c, base, cast.company_user.username, DEFAULT_PASSWORD)
    c.goto(url)
    expect(c.locator("#agreement-terms")).to_contain_text("dua belas juta lima ratus ribu rupiah")
    act(c, "reject_agreement", lambda box: box.locator("textarea").fill("Tanggal pembayaran terlalu cepat."))
    shoot(c, "agreement-rejected-phone")
    expect(c.locator("#dispute-state")).to_have_attribute("data-state", "bipartite")
    agreement = Dispute.objects.get(pk=flow.id).agreements.get()
    assert agreement.rejection_reason == "Tanggal pembayaran terlalu cepat."
