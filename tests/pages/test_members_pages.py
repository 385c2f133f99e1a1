"""The wizard's members step: members with NIK and position, the members' surat kuasa upload, the review's
submit rule; refusals for another worker, a company and an officer (also of another office)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disputes.mandates import PowerOfAttorney
from disputes.models import Dispute
from tests.disputes.test_evidence import HTML, PDF
from tests.pages.test_dispute_pages import browser
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db

ADDRESS = "Jl. Cibaduyut No. 12, Bandung"
LINES = "Ani Suryani; 3273014501900001; Operator Produksi\nBudi Santoso; 3273011203880002; Kepala Regu"


def filing(members: str) -> dict:
    return {"collective": "on", "members": members, "petitioner_address": ADDRESS}


def url(flow: Flow) -> str:
    return f"/perselisihan/{flow.id}/isi/anggota/"


def mandate(content: bytes = PDF) -> dict:
    return {"granted_by": "members", "issued_on": "2026-11-20",
            "file": SimpleUploadedFile("kuasa.pdf", content, content_type="application/pdf")}


def test_members_step_saves_members_with_nik_and_position():
    flow = Flow(Cast())
    response = browser(flow.cast.worker).post(url(flow), filing(LINES))
    assert response.status_code == 302 and response["Location"].endswith("/isi/bukti/")
    dispute = Dispute.objects.get(pk=flow.id)
    assert dispute.collective is True
    assert dispute.members == [
        {"name": "Ani Suryani", "nik": "3273014501900001", "position": "Operator Produksi"},
        {"name": "Budi Santoso", "nik": "3273011203880002", "position": "Kepala Regu"}]
    page = browser(flow.cast.worker).get(url(flow)).content.decode()
    assert "Ani Suryani; 3273014501900001; Operator Produksi" in page


@pytest.mark.parametrize("line", ["Ani; 32730145019; Operator", "Ani; 3273014501900001", "; 3273014501900001; Op"])
def test_members_step_with_bad_line_answers_400_and_saves_nothing(line):
    flow = Flow(Cast())
    response = browser(flow.cast.worker).post(url(flow), filing(line))
    assert response.status_code == 400
    assert "Baris 1" in response.content.decode()
    assert Dispute.objects.get(pk=flow.id).collective is False


def test_members_step_collective_without_members_answers_400():
    flow = Flow(Cast())
    assert browser(flow.cast.worker).post(url(flow), filing("")).status_code == 400
    assert Dispute.objects.get(pk=flow.id).collective is False


def test_members_step_uploads_the_power_of_attorney_and_review_enables_submit():
    flow = Flow(Cast())
    client = browser(flow.cast.worker)
    client.post(url(flow), filing(LINES))
    review = client.get(f"/perselisihan/{flow.id}/isi/periksa/").content.decode()
    assert "surat kuasa" in review and " disabled>" in review
    response = client.post(url(flow), mandate())
    assert response.status_code == 302
    assert PowerOfAttorney.objects.get().granted_by == "members"
    review = client.get(f"/perselisihan/{flow.id}/isi/periksa/").content.decode()
    assert "Ani Suryani" in review and " disabled>" not in review
    assert client.post(f"/perselisihan/{flow.id}/aksi/submit/").status_code == 302
    assert Dispute.objects.get(pk=flow.id).state == "bipartite_invited"


def test_members_step_refuses_a_file_that_is_not_pdf_jpeg_png():
    flow = Flow(Cast())
    response = browser(flow.cast.worker).post(url(flow), mandate(HTML))
    assert response.status_code == 400
    assert not PowerOfAttorney.objects.exists()


@pytest.mark.parametrize("who", ["other_worker", "company_user", "officer", "foreign_officer"])
def test_members_step_is_404_for_anyone_but_the_petitioner(who):
    flow = Flow(Cast())
    user = getattr(flow.cast, who)
    assert browser(user).get(url(flow)).status_code == 404
    assert browser(user).post(url(flow), filing(LINES)).status_code == 404
    assert browser(user).post(url(flow), mandate()).status_code == 404
    assert not PowerOfAttorney.objects.exists()
    assert Dispute.objects.get(pk=flow.id).members == []


def test_members_step_stores_the_workers_address_on_the_account_and_the_review_shows_it():
    flow = Flow(Cast())
    client = browser(flow.cast.worker)
    assert client.post(url(flow), {"petitioner_address": ADDRESS}).status_code == 302
    flow.cast.worker.refresh_from_db()
    assert flow.cast.worker.address == ADDRESS
    assert Dispute.objects.get(pk=flow.id).collective is False
    assert ADDRESS in client.get(f"/perselisihan/{flow.id}/isi/periksa/").content.decode()


def test_members_step_without_the_workers_address_answers_400():
    flow = Flow(Cast())
    assert browser(flow.cast.worker).post(url(flow), {"collective": ""}).status_code == 400


def test_company_sign_form_asks_for_the_authority_and_the_signature_keeps_it():
    from mediation.models import AgreementSignature
    from tests.mediation.test_agreement import ITEMS

    flow = Flow(Cast()).to("bipartite")
    flow.do("petitioner", "propose_agreement", items=ITEMS)
    page = browser(flow.cast.company_user).get(f"/perselisihan/{flow.id}/").content.decode()
    assert 'name="sign_agreement-authority"' in page
    worker_page = browser(flow.cast.worker).get(f"/perselisihan/{flow.id}/").content.decode()
    assert 'name="sign_agreement-authority"' not in worker_page
    response = browser(flow.cast.company_user).post(f"/perselisihan/{flow.id}/aksi/sign_agreement/", {
        "sign_agreement-confirm": "on", "sign_agreement-full_name": flow.cast.company_user.name,
        "sign_agreement-position": "Direktur Utama",
        "sign_agreement-authority": "Akta Pendirian No. 12 tanggal 3 Maret 2015"})
    assert response.status_code == 302
    signature = AgreementSignature.objects.get(role="respondent")
    assert (signature.position, signature.authority) == ("Direktur Utama", "Akta Pendirian No. 12 tanggal 3 Maret 2015")


def proxy_form(content: bytes = PDF) -> dict:
    return {"name": "Dewi Lestari, S.H.", "position": "Advokat", "organisation": "LBH Bandung",
            "issued_on": "2026-11-18", "file": SimpleUploadedFile("skk.pdf", content, content_type="application/pdf")}


@pytest.mark.parametrize(("who", "side"), [("worker", "petitioner"), ("company_user", "respondent")])
def test_dispute_page_lets_a_party_name_its_representative(who, side):
    from disputes.mandates import Representative

    flow = Flow(Cast()).to("bipartite")
    user = getattr(flow.cast, who)
    assert 'id="representative-form"' in browser(user).get(f"/perselisihan/{flow.id}/").content.decode()
    response = browser(user).post(f"/perselisihan/{flow.id}/kuasa/", proxy_form())
    assert response.status_code == 302
    assert Representative.objects.get().side == side
    page = browser(flow.cast.officer).get(f"/perselisihan/{flow.id}/").content.decode()
    assert "Dewi Lestari, S.H." in page and 'id="representative-form"' not in page
    assert browser(user).post(f"/perselisihan/{flow.id}/kuasa/", {"remove": "1"}).status_code == 302
    assert not Representative.objects.exists()


def test_dispute_page_refuses_a_proxy_file_that_is_not_pdf_jpeg_png():
    from disputes.mandates import Representative

    flow = Flow(Cast()).to("bipartite")
    assert browser(flow.cast.worker).post(f"/perselisihan/{flow.id}/kuasa/", proxy_form(HTML)).status_code == 400
    assert not Representative.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("other_worker", 404), ("other_company_user", 404),
                                             ("foreign_officer", 404), ("officer", 403), ("mediator", 403)])
def test_dispute_page_refuses_a_representative_from_anyone_but_a_party(who, status):
    from disputes.mandates import Representative

    flow = Flow(Cast()).to("mediation")
    response = browser(getattr(flow.cast, who)).post(f"/perselisihan/{flow.id}/kuasa/", proxy_form())
    assert response.status_code == status
    assert not Representative.objects.exists()
