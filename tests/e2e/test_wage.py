"""The filing wizard's wage typed the Indonesian way in a real browser at phone width, then shown as money."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from disputes.models import Dispute
from tests.e2e.conftest import PHONE, shoot, sign_in
from tests.factories import DEFAULT_PASSWORD
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)


def test_worker_types_the_wage_with_dots_and_the_dispute_page_shows_rupiah(live_server_url, new_context):
    flow = Flow(Cast())
    page = new_context(viewport=PHONE).new_page()
    sign_in(page, live_server_url, flow.cast.worker.username, DEFAULT_PASSWORD)
    page.goto(f"{live_server_url}/perselisihan/{flow.id}/isi/tuntutan/")
    page.fill("#id_demands", "Bayar pesangon.")
    page.fill("#id_monthly_wage", "4.5 juta")
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.locator("#id_monthly_wage_error")).to_have_text("Masukkan jumlah rupiah berupa bilangan bulat.")
    expect(page.locator("#id_demands")).to_have_value("Bayar pesangon.")
    page.fill("#id_monthly_wage", "Rp 4.500.000")
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.locator("#id_monthly_wage")).to_have_value("4.500.000")
    assert Dispute.objects.get(pk=flow.id).monthly_wage == 4_500_000
    page.goto(f"{live_server_url}/perselisihan/{flow.id}/")
    expect(page.get_by_text("Rp 4.500.000", exact=True)).to_be_visible()
    shoot(page, "wage-formatted-phone")
