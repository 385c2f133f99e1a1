"""A union officer files a collective dispute in a real browser: adds a member with NIK and position, uploads
the members' surat kuasa, and submits once the review says it is complete."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from disputes.mandates import PowerOfAttorney
from disputes.models import Dispute
from tests.disputes.test_evidence import PDF
from tests.e2e.conftest import DESKTOP, shoot, sign_in
from tests.factories import DEFAULT_PASSWORD
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)


def test_petitioner_adds_a_member_with_nik_uploads_surat_kuasa_and_submits(live_server_url, new_context):
    flow = Flow(Cast())
    page = new_context(viewport=DESKTOP).new_page()
    sign_in(page, live_server_url, flow.cast.worker.username, DEFAULT_PASSWORD)
    page.goto(f"{live_server_url}/perselisihan/{flow.id}/isi/anggota/")
    page.fill("#id_petitioner_address", "Jl. Cibaduyut No. 12, Bandung")
    page.check("#id_collective")
    page.fill("#id_members", "Ani Suryani; 32730145019; Operator Produksi")
    page.locator("#members-form").get_by_role("button", name="Simpan", exact=True).click()
    expect(page.locator("#members-form")).to_contain_text("Baris 1")
    page.fill("#id_members", "Ani Suryani; 3273014501900001; Operator Produksi")
    page.locator("#members-form").get_by_role("button", name="Simpan", exact=True).click()
    expect(page.locator("#id_members")).to_have_value("Ani Suryani; 3273014501900001; Operator Produksi")

    page.goto(f"{live_server_url}/perselisihan/{flow.id}/isi/periksa/")
    expect(page.get_by_role("button", name="Ajukan perselisihan")).to_be_disabled()

    page.goto(f"{live_server_url}/perselisihan/{flow.id}/isi/anggota/")
    page.select_option("#id_granted_by", "union")
    page.fill("#id_issued_on", "2026-11-20")
    page.set_input_files("#id_file", files=[{"name": "surat-kuasa.pdf", "mimeType": "application/pdf",
                                             "buffer": PDF}])
    page.locator("#mandate-form").get_by_role("button", name="Unggah").click()
    expect(page.locator("#mandates")).to_contain_text("20 November 2026")
    shoot(page, "members-step")

    page.goto(f"{live_server_url}/perselisihan/{flow.id}/isi/periksa/")
    expect(page.get_by_text("NIK 3273014501900001")).to_be_visible()
    page.get_by_role("button", name="Ajukan perselisihan").click()
    page.wait_for_url(f"{live_server_url}/perselisihan/{flow.id}/")
    dispute = Dispute.objects.get(pk=flow.id)
    assert dispute.state == "bipartite_invited"
    assert dispute.members == [{"name": "Ani Suryani", "nik": "3273014501900001", "position": "Operator Produksi"}]
    assert PowerOfAttorney.objects.get(dispute=dispute).sha256
