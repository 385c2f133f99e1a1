"""A side's proxy (kuasa hukum or union officer) with a surat kuasa khusus (Permenakertrans 17/2014 Art. 10):
each party names only its own side's; outsiders and office staff cannot; the documents print the proxy."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disputes.mandates import Representative
from disputes.models import DisputeEvent
from tests.disputes.test_evidence import HTML, PDF
from tests.documents.conftest import documents, download, pdf_text, to_court_referral
from tests.helpers import assert_error
from tests.workflow import Flow

pytestmark = pytest.mark.django_db

LAWYER = {"name": "Dewi Lestari, S.H.", "position": "Advokat", "organisation": "LBH Bandung",
          "phone": "0812000111", "email": "dewi@lbh.example", "issued_on": "2026-11-18"}
HR = {"name": "Rudi Hartono", "position": "Manajer HRD", "issued_on": "2026-11-19"}


def name_proxy(flow: Flow, role: str, fields: dict = LAWYER, content: bytes = PDF):
    body = {**fields, "file": SimpleUploadedFile("skk.pdf", content, content_type="application/pdf")}
    return flow.clients[role].post(f"{flow.url}representatives/", body, format="multipart")


def test_petitioner_names_a_proxy_and_it_is_read_back_on_the_dispute(cast):
    flow = Flow(cast)
    response = name_proxy(flow, "petitioner")
    assert response.status_code == 201, response.content
    assert response.json()["side"] == "petitioner"
    [rep] = flow.get()["representatives"]
    assert (rep["name"], rep["position"], rep["organisation"], rep["issued_on"]) == (
        "Dewi Lestari, S.H.", "Advokat", "LBH Bandung", "2026-11-18")
    assert DisputeEvent.objects.filter(dispute_id=flow.id, name="representative_recorded").count() == 1


def test_company_names_its_own_sides_proxy_and_a_second_replaces_the_first(cast):
    flow = Flow(cast).to("bipartite")
    assert name_proxy(flow, "respondent", HR).json()["side"] == "respondent"
    assert name_proxy(flow, "respondent", {**HR, "name": "Sinta Dewi"}).status_code == 201
    assert list(Representative.objects.values_list("side", "name")) == [("respondent", "Sinta Dewi")]
    response = flow.clients["petitioner"].get(f"{flow.url}representatives/respondent/file/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_proxy_file_not_pdf_jpeg_png_is_refused(cast):
    flow = Flow(cast)
    assert_error(name_proxy(flow, "petitioner", content=HTML), 415, "unsupported_type")
    assert not Representative.objects.exists()


def test_proxy_without_position_is_refused(cast):
    flow = Flow(cast)
    details = assert_error(name_proxy(flow, "petitioner", {**LAWYER, "position": ""}), 400, "invalid")
    assert "position" in details


@pytest.mark.parametrize("role", ["officer", "mediator"])
def test_office_staff_cannot_name_a_proxy(cast, role):
    flow = Flow(cast).to("mediation")
    assert_error(name_proxy(flow, role), 403, "forbidden")
    assert_error(flow.clients[role].delete(f"{flow.url}representatives/"), 403, "forbidden")
    assert not Representative.objects.exists()


@pytest.mark.parametrize("role", ["other_worker", "other_company", "foreign_officer"])
def test_outsiders_neither_name_nor_see_nor_download_a_proxy(cast, role):
    flow = Flow(cast).to("bipartite")
    name_proxy(flow, "petitioner")
    assert_error(name_proxy(flow, role), 404, "not_found")
    assert_error(flow.clients[role].get(f"{flow.url}representatives/"), 404, "not_found")
    assert_error(flow.clients[role].get(f"{flow.url}representatives/petitioner/file/"), 404, "not_found")
    assert_error(flow.clients[role].delete(f"{flow.url}representatives/"), 404, "not_found")
    assert Representative.objects.count() == 1


def test_a_party_withdraws_only_its_own_sides_proxy(cast):
    flow = Flow(cast).to("bipartite")
    name_proxy(flow, "petitioner")
    name_proxy(flow, "respondent", HR)
    assert flow.clients["respondent"].delete(f"{flow.url}representatives/").status_code == 204
    assert list(Representative.objects.values_list("side", flat=True)) == ["petitioner"]


def test_proxy_on_a_closed_dispute_is_refused(cast):
    flow = Flow(cast)
    flow.do("petitioner", "withdraw")
    assert_error(name_proxy(flow, "petitioner"), 409, "conflict")


def test_documents_print_the_proxies_with_the_surat_kuasa_khusus(cast, committed):
    flow = Flow(cast).to("bipartite")
    name_proxy(flow, "petitioner")
    name_proxy(flow, "respondent", HR)
    flow = to_court_referral(flow, committed)
    worker_line = ("diwakili oleh Dewi Lestari, S.H., Advokat, LBH Bandung, berdasarkan Surat Kuasa Khusus "
                   "tanggal 18 November 2026")
    company_line = "diwakili oleh Rudi Hartono, Manajer HRD, berdasarkan Surat Kuasa Khusus tanggal 19 November 2026"
    for kind in ("recommendation", "settlement_minutes", "bipartite_minutes"):
        [row] = documents(flow, kind=kind)
        text = pdf_text(download(flow, row))
        assert worker_line in text and company_line in text, kind
    summonses = [pdf_text(download(flow, row)) for row in documents(flow, kind="summons")]
    assert any(worker_line in t for t in summonses) and any(company_line in t for t in summonses)


def test_the_perjanjian_bersama_prints_the_proxies(cast, committed):
    from tests.documents.test_agreement_deed import sign_all
    from tests.mediation.test_agreement import ITEMS

    flow = Flow(cast).to("bipartite")
    name_proxy(flow, "petitioner")
    name_proxy(flow, "respondent", HR)
    committed(flow.do, "petitioner", "propose_agreement", items=ITEMS)
    sign_all(flow, committed)
    [row] = documents(flow, kind="agreement")
    text = pdf_text(download(flow, row))
    assert "atas nama diri sendiri, dalam hal ini diwakili oleh Dewi Lestari, S.H., Advokat, LBH Bandung" in text
    assert "berdasarkan Surat Kuasa Khusus tanggal 19 November 2026, selanjutnya disebut PIHAK KEDUA" in text
