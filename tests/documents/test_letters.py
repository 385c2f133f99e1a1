"""The office's letters (issue 10): the letterhead with the office's address and contact, the mediator's NIP and
grade, the parties' addresses, no anjuran with a template placeholder, no page holding only a signature or the
'Tembusan', Indonesian download names. Rendering is a pure function: most tests render from plain objects."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import timezone
from pypdf import PdfReader

from documents import render
from documents.models import Document
from tests.documents.conftest import documents, pdf_pages
from tests.workflow import Flow

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "documents"
AT = dt.datetime(2026, 11, 24, 3, 15, tzinfo=dt.UTC)
STAMP = render.Stamp(title="Anjuran Tertulis", number="32.73/ANJ/2026/00007", verification_code="0" * 32,
                     verification_url="https://sikhi.example/verifikasi/" + "0" * 32)


def office(**contact):
    return SimpleNamespace(code="32.73", kind="kota", region_name="Kota Bandung",
                           name="Dinas Tenaga Kerja Kota Bandung",
                           **{"address": "", "phone": "", "email": "", "website": "", **contact})


OFFICE = office(address="Jl. Martanegara No. 4, Bandung 40264", phone="(022) 7308358",
                email="disnaker@bandung.go.id", website="disnaker.bandung.go.id")
MEDIATOR = SimpleNamespace(name="Rina Kartika, S.H.", nip="198001012005012003",
                           grade="Mediator Hubungan Industrial Ahli Muda")


def dispute(**extra):
    worker = SimpleNamespace(name="Budi Santoso", nik="3273010101900001", email="budi@example.com", phone="0812",
                             address="Jl. Cibaduyut No. 12, Bandung")
    base = dict(office=OFFICE, petitioner=worker, respondent_name="PT Maju Jaya", respondent_nib="1234567890123",
                respondent_address="Jl. Asia Afrika No. 1, Bandung", number="32.73/PHI/2026/00001",
                registration_number="565/REG/2026", type="phk", summary="PHK sepihak", chronology="Kronologi.",
                demands="Pesangon.", mediator=MEDIATOR, collective=False, members=[], closed_at=AT)
    return SimpleNamespace(**{**base, **extra})


def recommendation_pdf(considerations: str = "Menimbang bahwa PHK tanpa prosedur.") -> bytes:
    rec = SimpleNamespace(considerations=considerations, recommendations="1. Agar Pengusaha membayar pesangon.",
                          issued_at=AT, issued_by=MEDIATOR)
    data = render.RecommendationLetter(dispute=dispute(), recommendation=rec, delegated_at=AT, sessions=[],
                                       respondent_account=["Pengusaha tidak hadir."])
    return render.render_recommendation(data, STAMP)


def summons_pdf(side: str = "petitioner") -> bytes:
    session = SimpleNamespace(kind="mediation", scheduled_for=AT, agenda="Mendengar keterangan")
    summons = SimpleNamespace(side=side, number=1, sent_at=AT)
    data = render.SummonsLetter(dispute=dispute(), session=session, summons=summons, place="ruang sidang SIKHI",
                                delegated_at=AT, delegation_number="560/123/Disnaker")
    return render.render_summons(data, STAMP)


def png(name: str, content: bytes) -> None:
    """The document as PNG pages under artifacts/documents/, to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(content)
    command = ["/usr/bin/pdftoppm", "-png", "-r", "60", str(ARTIFACTS / f"{name}.pdf"), str(ARTIFACTS / name)]
    subprocess.run(command, check=True)  # noqa: S603 - a fixed program on our own file


def test_letterhead_shows_the_office_address_and_contact():
    text = " ".join(pdf_pages(summons_pdf()))
    for expected in ("PEMERINTAH KOTA BANDUNG", "DINAS TENAGA KERJA KOTA BANDUNG", "Jl. Martanegara No. 4",
                     "Telepon (022) 7308358", "Surel disnaker@bandung.go.id", "Laman disnaker.bandung.go.id"):
        assert expected in text, expected
    bare = render.letterhead_lines(office())
    assert bare == ("Kota Bandung", "Kode wilayah 32.73")  # nothing recorded yet: the region, not empty lines


def test_summons_names_its_legal_basis_the_delegation_and_the_parties_addresses():
    content = summons_pdf()
    png("surat-panggilan", content)
    text = " ".join(pdf_pages(content))
    for expected in ("Undang-Undang Nomor 2 Tahun 2004", "Pasal 10",
                     "Peraturan Menteri Tenaga Kerja dan Transmigrasi Nomor 17 Tahun 2014",
                     "Nomor 560/123/Disnaker tanggal 24 November 2026", "memanggil Saudara", "secara daring",
                     "Jl. Cibaduyut No. 12", "NIP. 198001012005012003", "Mediator Hubungan Industrial Ahli Muda",
                     "Rina Kartika"):
        assert expected in text, expected
    assert "Jl. Asia Afrika No. 1" in " ".join(pdf_pages(summons_pdf("respondent")))


def test_recommendation_states_the_answer_rule_once_with_addresses_and_signature():
    content = recommendation_pdf()
    png("anjuran", content)
    text = " ".join(pdf_pages(content))
    for expected in ("Pasal 13 ayat (2) huruf a", "Nomor 17 Tahun 2014", "Jl. Cibaduyut No. 12",
                     "Jl. Asia Afrika No. 1", "terhitung sejak tanggal anjuran ini diterima oleh masing-masing pihak",
                     "NIP. 198001012005012003", "Mediator Hubungan Industrial Ahli Muda"):
        assert expected in text, expected
    assert "untuk dilaksanakan" not in text
    for once in ("Sehubungan dengan", "MENGANJURKAN", "10 (sepuluh) hari kerja", "Keterangan Pihak Pekerja"):
        assert text.count(once) == 1, once


@pytest.mark.parametrize("lines", range(28, 52, 3))
def test_no_page_holds_only_the_signature_or_the_copies(lines):
    """Whatever the length of the text, the last page also holds the end of the letter (the answer rule) with
    the signature and the 'Tembusan'."""
    content = recommendation_pdf("\n".join(f"{n}. Bahwa pertimbangan ke-{n}." for n in range(1, lines)))
    pages = pdf_pages(content)
    assert len(pages) >= 2
    last = pages[-1]
    assert "Tembusan" in last and "NIP." in last and "Jawaban atas anjuran" in last
    if lines == 49:
        png("anjuran-panjang", content)


def test_settlement_minutes_show_the_mediator_and_the_worker_address():
    rec = SimpleNamespace(recommendations="1. Membayar.", issued_at=AT, issued_by=MEDIATOR,
                          answers=SimpleNamespace(all=lambda: []))
    data = render.SettlementRecord(dispute=dispute(), recommendation=rec, recommendation_number="32.73/ANJ/1",
                                   registered_at=AT, accepted_at=AT, delegated_at=AT, sessions=[],
                                   respondent_account=["-"])
    content = render.render_settlement_minutes(data, STAMP)
    png("risalah-penyelesaian", content)
    text = " ".join(pdf_pages(content))
    for expected in ("Jl. Martanegara No. 4", "Jl. Cibaduyut No. 12", "NIP. 198001012005012003",
                     "Mediator Hubungan Industrial Ahli Muda"):
        assert expected in text, expected
    last = pdf_pages(content)[-1]
    assert "Kesimpulan" in last and "NIP." in last


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["considerations", "recommendations"])
@pytest.mark.parametrize("placeholder", ["[...]", "[nama]"])
def test_an_anjuran_with_a_template_placeholder_is_refused(cast, field, placeholder):
    flow = Flow(cast).to("mediation")
    flow.hold_session()
    payload = {"considerations": "Menimbang keterangan para pihak.", "recommendations": "1. Membayar pesangon."}
    payload[field] += f" Agar {placeholder} membayar."
    response = flow.attempt("mediator", "issue_recommendation", **payload)
    assert response.status_code == 400, response.content
    assert field in str(response.json()) and placeholder in str(response.json()), response.json()
    assert flow.state == "mediation"
    response = flow.clients["mediator"].post(f"{flow.url}transitions/", {"name": "issue_recommendation", **payload},
                                             format="json", HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 400
    assert "Ganti penanda templat" in str(response.json()), response.json()


@pytest.mark.django_db
def test_downloads_have_indonesian_file_names(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "mediation")
    committed(flow.schedule_session)
    [row, *_] = documents(flow, kind="summons")
    response = flow.clients["petitioner"].get(row["url"])
    number = Document.objects.get(pk=row["id"]).number.replace("/", "-")
    assert f'filename="Surat-Panggilan-{number}.pdf"' in response["Content-Disposition"]
    b"".join(response.streaming_content)
    assert Document(kind="recommendation", number="32.73/ANJ/2026/00001").download_name == \
        "Anjuran-32.73-ANJ-2026-00001.pdf"
    assert PdfReader(io.BytesIO(b"".join(flow.clients["petitioner"].get(row["url"]).streaming_content))).pages


@pytest.mark.django_db
def test_summons_cites_the_recorded_pelimpahan_letter_number(cast, committed):
    from disputes.models import Dispute
    from disputes.services import event_record

    flow = Flow(cast)
    committed(flow.to, "mediation")
    dispute = Dispute.objects.get(pk=flow.id)
    event_record(dispute=dispute, by=cast.officer, name="handed_over", source=dispute.state, target=dispute.state,
                 at=timezone.now(), payload={"letter_number": "560/77/Disnaker", "letter_date": "2026-11-20"})
    committed(flow.schedule_session)
    [row, *_] = documents(flow, kind="summons")
    text = " ".join(pdf_pages(b"".join(flow.clients["petitioner"].get(row["url"]).streaming_content)))
    assert "Nomor 560/77/Disnaker" in text and "memanggil Saudara" in text


def agreement_pdf(items: int) -> bytes:
    terms = [SimpleNamespace(kind="obligation", description=f"PIHAK KEDUA memenuhi kewajiban ke-{n} kepada PIHAK "
                                                            "PERTAMA sebagaimana disepakati dalam sidang mediasi.",
                             amount=None, date=None, payment_method="") for n in range(1, items + 1)]
    signed = {"petitioner": render.Signed("Budi Santoso", AT, address="Jl. Cibaduyut No. 12, Bandung"),
              "respondent": render.Signed("Sri Wahyuni", AT, position="Direktur SDM"),
              "mediator": render.Signed(MEDIATOR.name, AT)}
    data = render.AgreementDeed(dispute=dispute(), agreement=SimpleNamespace(origin="mediation"), items=terms,
                                signed=signed, settled_at=AT, recommendation_number="32.73/ANJ/2026/00007")
    return render.render_agreement(data, STAMP)


@pytest.mark.parametrize("items", range(3, 15))
def test_no_page_of_a_pb_from_mediation_holds_only_the_witness_signature(items):
    """Whatever the number of terms, the mediator's witness block shares its page with the parties' signatures
    and the closing sentence (a PB once had 'Saksi, Mediator Hubungan Industrial' alone on its last page)."""
    pages = pdf_pages(agreement_pdf(items))
    [witness_page] = [page for page in pages if "Saksi," in page]
    for expected in ("Demikian Perjanjian Bersama ini dibuat", "PIHAK PERTAMA, Pekerja/Buruh", "Sri Wahyuni",
                     MEDIATOR.name):
        assert expected in witness_page, (items, expected)
    if items == 3:
        png("perjanjian-bersama-mediasi", agreement_pdf(items))
