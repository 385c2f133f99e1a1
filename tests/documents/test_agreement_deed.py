"""The signed Perjanjian Bersama and the request to register it at the PHI court, read back with pypdf."""

from __future__ import annotations

import pytest

from accounts.courts import phi_court_name
from disputes.models import Dispute
from documents.services import agreement_draft_pdf
from mediation.models import Agreement
from tests.documents.conftest import documents, download, pdf_text
from tests.mediation.test_agreement import ITEMS, completed_template
from tests.workflow import Flow

pytestmark = pytest.mark.django_db


def sign_all(flow: Flow, committed, roles=("petitioner", "respondent")) -> None:
    extra = {"petitioner": {"address": "Jl. Merdeka No. 1, Bandung"}, "respondent": {"position": "Direktur SDM"}}
    for role in roles:
        user = flow.cast.roles()[role]
        committed(flow.do, role, "sign_agreement", confirm=True, full_name=user.name, **extra.get(role, {}))


def text_of(flow: Flow, kind: str) -> str:
    [row] = documents(flow, kind=kind)
    return pdf_text(download(flow, row))


def test_the_signed_pb_has_identities_itemised_terms_in_words_and_signature_times(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "bipartite")
    committed(flow.do, "petitioner", "propose_agreement", items=ITEMS)
    sign_all(flow, committed)
    text = text_of(flow, "agreement")
    dispute = Dispute.objects.get(pk=flow.id)
    for expected in (cast.worker.name, f"NIK {cast.worker.nik}", "Jl. Merdeka No. 1, Bandung",
                     cast.company_user.name, "jabatan Direktur SDM", f"NIB {dispute.respondent_nib}",
                     "Rp12.500.000", "dua belas juta lima ratus ribu rupiah", "30 Desember 2026",
                     "Cara pembayaran: transfer ke rekening BRI PIHAK PERTAMA",
                     "Hubungan kerja berakhir terhitung tanggal: 31 Desember 2026", "paklaring",
                     "Ditandatangani secara elektronik"):
        assert expected in text, expected
    # Each item is headed "Pasal n." in a column wide enough for it (it once broke into "Pasa" / "l 1.").
    assert all(f"Pasal {n}." in text for n in range(1, len(ITEMS) + 1)), text
    assert "Saksi" not in text  # from bipartite: no mediator witness
    assert "DRAF" not in text


def test_the_registration_request_is_addressed_to_the_phi_court_of_the_office(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "bipartite")
    committed(flow.do, "petitioner", "propose_agreement", items=ITEMS)
    sign_all(flow, committed)
    dispute = Dispute.objects.get(pk=flow.id)
    [pb] = documents(flow, kind="agreement")
    text = text_of(flow, "registration_request")
    for expected in (f"Ketua {phi_court_name(dispute.office_id)}", "Permohonan Pendaftaran Perjanjian Bersama",
                     f"Perjanjian Bersama Nomor {pb['number']}", "Pasal 7 ayat (3) dan ayat (4)",
                     "akta bukti pendaftaran", cast.worker.name, "jabatan Direktur SDM"):
        assert expected in text, expected


def test_a_pb_from_an_accepted_anjuran_has_its_terms_and_the_mediator_as_witness_but_no_anjuran_text(
        cast, committed):
    flow = Flow(cast)
    committed(flow.to, "mediation")
    committed(flow.hold_session)
    template = completed_template(Dispute.objects.get(pk=flow.id))
    committed(flow.do, "mediator", "issue_recommendation", **template)
    committed(flow.do, "petitioner", "respond_recommendation", accept=True)
    committed(flow.do, "respondent", "respond_recommendation", accept=True)
    response = flow.clients["mediator"].put(f"{flow.url}agreement/", {"items": ITEMS}, format="json")
    assert response.status_code == 200, response.content
    sign_all(flow, committed, roles=("petitioner", "respondent", "mediator"))
    assert flow.state == "settled"
    text = text_of(flow, "agreement")
    for absent in ("MENGANJURKAN", "[", "10 (sepuluh) hari kerja", "dianggap menolak"):
        assert absent not in text, absent
    assert "dua belas juta lima ratus ribu rupiah" in text
    assert "Saksi, Mediator Hubungan Industrial, Ditandatangani secara elektronik" in text
    assert cast.mediator.name in text
    assert "menerima anjuran Mediator Nomor" in text


def test_the_draft_pdf_shows_the_terms_and_who_has_not_signed(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "bipartite")
    committed(flow.do, "petitioner", "propose_agreement", items=ITEMS)
    text = pdf_text(agreement_draft_pdf(agreement=Agreement.objects.get()))
    assert "DRAF PERJANJIAN BERSAMA" in text
    assert "dua belas juta lima ratus ribu rupiah" in text
    assert f"{cast.worker.name} (belum ditandatangani)" in text


def test_the_pb_prints_the_company_signatorys_position_and_authority(cast, committed):
    """The company's signatory states the basis of the power to sign; the deed prints it after the position."""
    flow = Flow(cast)
    committed(flow.to, "bipartite")
    committed(flow.do, "petitioner", "propose_agreement", items=ITEMS)
    committed(flow.do, "petitioner", "sign_agreement", confirm=True, full_name=cast.worker.name,
              address="Jl. Merdeka No. 1, Bandung", authority="ignored for the worker")
    committed(flow.do, "respondent", "sign_agreement", confirm=True, full_name=cast.company_user.name,
              position="Direktur Utama", authority="Akta Pendirian No. 12 tanggal 3 Maret 2015")
    text = text_of(flow, "agreement")
    assert ("jabatan Direktur Utama, berdasarkan Akta Pendirian No. 12 tanggal 3 Maret 2015, dalam hal ini "
            "bertindak untuk dan atas nama") in text
    assert "ignored for the worker" not in text


def test_the_closing_sentence_shares_its_page_with_the_signatures_in_minutes_pb_and_registration_request(
        cast, committed):
    """A short document stays on one page, and wherever a signature block is printed the closing sentence
    ("Demikian ...") is on that page too: the blocks once landed on a page of their own (a nested KeepTogether)."""
    from tests.documents.conftest import pdf_pages

    flow = Flow(cast)
    committed(flow.to, "bipartite")
    committed(flow.record_meeting)
    committed(flow.do, "petitioner", "propose_agreement", items=ITEMS)
    sign_all(flow, committed)
    for kind in ("bipartite_minutes", "agreement", "registration_request"):
        [row] = documents(flow, kind=kind)
        pages = pdf_pages(download(flow, row))
        signed = [page for page in pages if "Ditandatangani secara elektronik" in page]
        assert signed and all("Demikian" in page for page in signed), (kind, pages)
    [request] = documents(flow, kind="registration_request")
    assert len(pdf_pages(download(flow, request))) == 1
