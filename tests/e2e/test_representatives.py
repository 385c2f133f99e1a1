"""A company's HR officer names the company's proxy in a real browser, on a phone: opens the Representatives
section, fills it in with the surat kuasa khusus, sees a wrong file refused without losing what was typed, and the
worker then sees the proxy on their own dispute page; the company withdraws the proxy again."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from disputes.mandates import Representative
from tests.disputes.test_evidence import PDF
from tests.e2e.conftest import shoot, sign_in
from tests.factories import DEFAULT_PASSWORD
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)


def test_company_names_its_proxy_with_surat_kuasa_khusus_and_the_worker_sees_it(live_server_url, new_context):
    flow = Flow(Cast()).to("bipartite")
    page = new_context().new_page()
    sign_in(page, live_server_url, flow.cast.company_user.username, DEFAULT_PASSWORD)
    page.goto(f"{live_server_url}/perselisihan/{flow.id}/")
    expect(page.locator("#representatives-h")).to_be_visible()
    page.locator("#representative-add summary").click()
    form = page.locator("#representative-form")
    form.locator("#id_representative_name").fill("Dewi Lestari, S.H.")
    form.locator("#id_representative_position").fill("Advokat")
    form.locator("#id_representative_organisation").fill("LBH Bandung")
    form.locator("#id_representative_issued_on").fill("2026-11-18")
    form.locator("#id_representative_file").set_input_files(
        files=[{"name": "skk.html", "mimeType": "application/pdf", "buffer": b"<html><body>not a pdf</body></html>"}])
    form.get_by_role("button", name="Simpan").click()
    # Refused by content, in Indonesian, and what was typed is still there.
    expect(page.locator("#representative-form .error").first).to_be_visible()
    expect(page.locator("#id_representative_name")).to_have_value("Dewi Lestari, S.H.")
    assert not Representative.objects.exists()

    page.locator("#id_representative_file").set_input_files(
        files=[{"name": "surat-kuasa-khusus.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.locator("#representative-form").get_by_role("button", name="Simpan").click()
    expect(page.locator("#representative-respondent")).to_contain_text("Dewi Lestari, S.H., Advokat, LBH Bandung")
    expect(page.locator("#representative-respondent")).to_contain_text("18 November 2026")
    shoot(page, "representative-named")
    assert Representative.objects.get().side == "respondent"

    worker = new_context().new_page()
    sign_in(worker, live_server_url, flow.cast.worker.username, DEFAULT_PASSWORD)
    worker.goto(f"{live_server_url}/perselisihan/{flow.id}/")
    expect(worker.locator("#representative-respondent")).to_contain_text("Dewi Lestari, S.H.")
    with worker.expect_download() as download:
        worker.locator("#representative-respondent a").click()
    assert download.value.path().read_bytes() == PDF

    page.locator("#representative-add summary").click()
    page.get_by_role("button", name="Tarik kuasa saya").click()
    expect(page.locator("#representatives-h").locator("xpath=../..")).to_contain_text("Kedua pihak hadir sendiri")
    assert not Representative.objects.exists()
