"""The office's further letters (issue 10), each walked to through the API to the point where it arises: the tanda
bukti pencatatan, the return of an incomplete registration, the offer of conciliation/arbitration, the surat
pelimpahan, the risalah klarifikasi, the berita acara per session and the strike-off notice. Each is read back with
pypdf, its PAdES signature validated with pyHanko, and downloaded only by those who may see it.

With SIKHI_PNG_DIR set, every document's pages are also written there as PNG (pdftoppm -r 60) to look at."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from accounts.models import Office, User
from documents import render
from tests.conftest import client_for
from tests.disputes.test_members import ANI, BUDI, upload_mandate
from tests.documents.conftest import documents, download, pdf_pages, pdf_text
from tests.factories import OfficerFactory, office
from tests.workflow import Flow

pytestmark = pytest.mark.django_db

UU = "Undang-Undang Nomor 2 Tahun 2004 tentang Penyelesaian Perselisihan Hubungan Industrial"
PERMEN = "Peraturan Menteri Tenaga Kerja dan Transmigrasi Nomor 17 Tahun 2014"
OFFICE_ADDRESS = "Jl. Martanegara No. 4, Bandung 40264"


@pytest.fixture(autouse=True)
def _office_contact(db):
    """The office's record as an admin keeps it: the letterhead prints its address and contact."""
    Office.objects.filter(code="32.73").update(address=OFFICE_ADDRESS, phone="(022) 7308358",
                                               email="disnaker@bandung.go.id")
    Office.objects.filter(code="32").update(address="Jl. Soekarno-Hatta No. 532, Bandung")


def png(name: str, content: bytes) -> None:
    """The document's pages as PNG under $SIKHI_PNG_DIR (outside the repository), to look at."""
    target = os.environ.get("SIKHI_PNG_DIR")
    if not target:
        return
    folder = Path(target)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.pdf").write_bytes(content)
    subprocess.run(["/usr/bin/pdftoppm", "-r", "60", "-png", str(folder / f"{name}.pdf"), str(folder / name)],  # noqa: S603
                   check=True)


def assert_signed(content: bytes, certificate) -> None:
    """The office's PAdES signature over the whole file validates against the development CA."""
    (embedded,) = PdfFileReader(io.BytesIO(content)).embedded_signatures
    status = validate_pdf_signature(embedded, ValidationContext(
        trust_roots=[load_cert_from_pemder(str(certificate.ca_pem))]))
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.coverage.name == "ENTIRE_FILE"
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"


def assert_letter(text: str, *, office_line: str = "DINAS TENAGA KERJA KOTA BANDUNG") -> None:
    assert office_line in text
    assert "Kode verifikasi:" in text and "/verifikasi/" in text  # the QR code's address, on every page


def assert_layout(content: bytes) -> None:
    """No page holds only the signature or only the 'Tembusan': the last page also holds text before them."""
    pages = pdf_pages(content)
    last = pages[-1]
    assert "NIP." in last
    # The page's own text: without the footer (title, number, page, verification lines) and from the signature on.
    body = re.sub(r"[^.]*? - Nomor \S+ - Halaman \d+|Dokumen ini dibuat dan ditandatangani secara elektronik melalui "
                  r"SIKHI\.|Keaslian dokumen dapat diperiksa dengan memindai kode QR atau membuka:|\S+/verifikasi/\S+|"
                  r"Kode verifikasi: [0-9a-f]{32}", " ", last)
    before_signature = body.split("a.n. Kepala")[0]
    assert len(before_signature.split()) > 45 or len(pages) == 1, body
    if "Tembusan" in " ".join(pages):
        assert "Tembusan" in last and "NIP." in last


def one(flow: Flow, kind: str, role: str = "petitioner") -> tuple[dict, bytes]:
    [row] = documents(flow, role, kind=kind)
    return row, download(flow, row, role)


def assert_refused_to(flow: Flow, row: dict, *roles: str) -> None:
    for role in roles:
        assert flow.clients[role].get(row["url"]).status_code == 404, role


def collective(cast) -> Flow:
    flow = Flow(cast, collective=True, members=[ANI, BUDI])
    assert upload_mandate(flow).status_code == 201
    return flow


def assert_members(text: str) -> None:
    for expected in (ANI["name"], ANI["nik"], ANI["position"], BUDI["name"], BUDI["nik"], BUDI["position"]):
        assert expected in text, expected


# --- tanda bukti pencatatan and the offer of conciliation/arbitration ---------------------------------------


def test_accepting_a_registration_makes_the_receipt_and_the_offer(cast, committed, signing_certificate):
    flow = collective(cast)
    committed(flow.to, "registration_submitted")
    assert documents(flow, kind="registration_receipt") == []
    committed(flow.do, "officer", "accept_registration")
    dispute = flow.get()
    events = {e["name"]: e for e in flow.clients["petitioner"].get(f"{flow.url}events/").json()["results"]}
    accepted_at = dt.datetime.fromisoformat(events["accept_registration"]["at"])
    accepted, accepted_day = render.tanggal(accepted_at), render.hari_tanggal(accepted_at)
    route_due = next(d for d in dispute["deadlines"] if d["key"] == "route_choice")["due_at"]
    due = render.tanggal(dt.datetime.fromisoformat(route_due))

    row, content = one(flow, "registration_receipt")
    png("tanda-bukti-pencatatan", content)
    assert row["title"] == "Tanda Bukti Pencatatan Perselisihan Hubungan Industrial"
    assert row["number"].startswith("32.73/TBP/")
    text = pdf_text(content)
    assert_letter(text)
    for expected in ("TANDA BUKTI PENCATATAN PERSELISIHAN HUBUNGAN INDUSTRIAL", f"Nomor: {row['number']}",
                     OFFICE_ADDRESS, "Telepon (022) 7308358", dispute["number"], dispute["registration_number"],
                     f"{UU} Pasal 4 ayat (1)", cast.worker.name, cast.company_user.company.name,
                     "Perselisihan Pemutusan Hubungan Kerja", f"Tanggal pencatatan : {accepted_day}",
                     "Bukti undangan perundingan bipartit", "Surat kuasa anggota", "7 (tujuh) hari kerja",
                     f"paling lambat tanggal {due}", "Pasal 4 ayat (3) dan ayat (4)", cast.officer.name, "Tembusan",
                     f"Bandung pada tanggal {accepted}"):
        assert expected in text, expected
    assert_members(text)
    assert_signed(content, signing_certificate)
    assert_layout(content)

    row, content = one(flow, "adr_offer", role="respondent")
    png("penawaran-konsiliasi", content)
    assert row["title"] == "Penawaran Penyelesaian melalui Konsiliasi"  # PHK: arbitration is not open to it
    assert row["number"].startswith("32.73/PNW/")
    text = pdf_text(content)
    assert_letter(text)
    for expected in ("Hal : Penawaran Penyelesaian melalui Konsiliasi", f"1. {cast.worker.name} (Pihak Pekerja/Buruh)",
                     f"2. Pimpinan {cast.company_user.company.name} (Pihak Pengusaha)", f"{UU} Pasal 4 ayat (3)",
                     "Konsiliasi, yaitu penyelesaian oleh Konsiliator", "arbitrase tidak dapat ditawarkan",
                     "7 (tujuh) hari kerja", f"paling lambat tanggal {due}", "Pasal 4 ayat (4)",
                     "dilimpahkan kepada Mediator Hubungan Industrial", dispute["registration_number"]):
        assert expected in text, expected
    assert "Arbitrase, yaitu" not in text
    assert_signed(content, signing_certificate)
    assert_layout(content)
    for row in documents(flow, kind="registration_receipt") + documents(flow, kind="adr_offer"):
        assert_refused_to(flow, row, "other_worker", "other_company", "foreign_officer")
        assert flow.clients["officer"].get(row["url"]).status_code == 200


def test_an_interest_dispute_is_offered_conciliation_and_arbitration(cast, committed):
    flow = Flow(cast, type="kepentingan")
    committed(flow.to, "adr_offered")
    row, content = one(flow, "adr_offer")
    png("penawaran-konsiliasi-arbitrase", content)
    assert row["title"] == "Penawaran Penyelesaian melalui Konsiliasi atau Arbitrase"
    text = pdf_text(content)
    for expected in ("Konsiliasi, yaitu", "Arbitrase, yaitu", "putusan arbitrase bersifat akhir",
                     "Perselisihan Kepentingan".lower()):
        assert expected in text, expected
    assert "tidak dapat ditawarkan" not in text


def test_a_rights_dispute_gets_the_receipt_but_no_offer(cast, committed):
    flow = Flow(cast, type="hak")
    committed(flow.to, "awaiting_mediator")
    assert documents(flow, kind="adr_offer") == []
    _, content = one(flow, "registration_receipt")
    png("tanda-bukti-pencatatan-hak", content)
    text = pdf_text(content)
    assert "Perselisihan hak tidak dapat diselesaikan melalui konsiliasi atau arbitrase" in text
    assert "paling lambat tanggal" not in text


# --- the return of an incomplete registration -----------------------------------------------------------------


def test_each_return_of_the_registration_makes_a_letter_with_the_missing_items_and_the_7_day_rule(
        cast, committed, signing_certificate):
    flow = Flow(cast)
    committed(flow.to, "registration_returned")
    row, content = one(flow, "registration_return")
    png("pengembalian-berkas", content)
    assert row["title"] == "Pengembalian Berkas Pencatatan"
    assert row["number"].startswith("32.73/PBK/")
    text = pdf_text(content)
    assert_letter(text)
    dispute = flow.get()
    for expected in ("Hal : Pengembalian Berkas Pencatatan Perselisihan", "Kepada Yth.",
                     f"{cast.worker.name} (Pihak Pekerja/Buruh)", "belum lengkap", "1. Salinan PKWT",
                     "2. Slip gaji tiga bulan terakhir", f"Pasal 4 ayat (2) {UU}",
                     "paling lambat dalam waktu 7 (tujuh) hari kerja terhitung sejak tanggal diterimanya "
                     "pengembalian berkas ini", dispute["number"], cast.officer.name, "Tembusan",
                     f"Pimpinan {cast.company_user.company.name} (Pihak Pengusaha)"):
        assert expected in text, expected
    assert_signed(content, signing_certificate)
    assert_layout(content)
    assert_refused_to(flow, row, "other_worker", "foreign_officer", "foreign_mediator")
    assert flow.clients["respondent"].get(row["url"]).status_code == 200

    committed(flow.do, "petitioner", "resubmit_registration", note="Sudah dilengkapi.")
    committed(flow.do, "officer", "return_registration", missing_items=["Surat kuasa khusus"])
    rows = documents(flow, kind="registration_return")
    assert [r["title"] for r in rows] == ["Pengembalian Berkas Pencatatan", "Pengembalian Berkas Pencatatan ke-2"]
    second = pdf_text(download(flow, rows[1]))
    assert "1. Surat kuasa khusus" in second and "Salinan PKWT" not in second
    assert "(pengembalian ke-2)" in second


# --- the surat pelimpahan, and the hand-over on the dispute page -----------------------------------------------


def _no_active_mediator() -> None:
    User.objects.filter(role="mediator", office_id="32.73").update(is_active=False)


def _page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_officer_hands_over_from_the_page_and_the_surat_pelimpahan_is_made(cast, committed, signing_certificate):
    flow = Flow(cast)
    committed(flow.to, "awaiting_mediator")
    province_officer = OfficerFactory(office=office("32"))
    page = f"/perselisihan/{flow.id}/"
    # While the office has an active mediator, the page offers delegation, not the hand-over.
    assert b'id="hand-over-form"' not in _page(cast.officer).get(page).content
    _no_active_mediator()
    html = _page(cast.officer).get(page).content.decode()
    assert f'action="/perselisihan/{flow.id}/pelimpahan/"' in html
    form = html.split('id="hand-over-form"')[1].split(">", 1)[0]
    assert "data-confirm=" in form  # the confirmation step (static/js/confirm.js) before the irreversible step
    for role in ("petitioner", "respondent"):
        assert 'id="hand-over-form"' not in _page(cast.roles()[role]).get(page).content.decode()
    assert _page(cast.worker).post(f"/perselisihan/{flow.id}/pelimpahan/", {"reason": "x"}).status_code == 403

    response = committed(_page(cast.officer).post, f"/perselisihan/{flow.id}/pelimpahan/",
                         {"reason": "Kota Bandung belum memiliki mediator aktif.", "letter_number": "",
                          "letter_date": ""})
    assert response.status_code == 302 and response["Location"] == "/beranda/"
    assert client_for(cast.officer).get(flow.url).status_code == 404  # the province's case now

    province = client_for(province_officer)
    [row] = [r for r in province.get(f"{flow.url}documents/").json()["results"] if r["kind"] == "delegation_letter"]
    assert row["title"] == "Surat Pelimpahan Penyelesaian Perselisihan Hubungan Industrial"
    assert row["number"].startswith("32.73/PLM/")  # the kabupaten/kota office's own series
    content = b"".join(province.get(row["url"]).streaming_content)
    png("surat-pelimpahan", content)
    text = pdf_text(content)
    assert_letter(text)  # the letterhead of the office that hands over
    dispute = flow.get()
    for expected in (OFFICE_ADDRESS, f"Nomor : {row['number']}", "Hal : Pelimpahan Penyelesaian Perselisihan",
                     "Kepala Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat",
                     "Jl. Soekarno-Hatta No. 532", UU, PERMEN, "melimpahkan", dispute["number"],
                     dispute["registration_number"], "Kota Bandung belum memiliki mediator aktif.",
                     cast.worker.name, cast.company_user.company.name, cast.officer.name, "Tembusan"):
        assert expected in text, expected
    assert_signed(content, signing_certificate)
    assert_layout(content)
    # The parties see it; the former office and outsiders do not.
    assert flow.clients["petitioner"].get(row["url"]).status_code == 200
    assert_refused_to(flow, row, "officer", "other_worker", "foreign_officer")


def test_a_hand_over_by_the_api_with_its_own_letter_number_keeps_it(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "awaiting_mediator")
    OfficerFactory(office=office("32"))
    _no_active_mediator()
    response = committed(flow.clients["officer"].post, f"{flow.url}hand-over/",
                         {"letter_number": "560/123/Disnaker", "letter_date": "2026-12-01",
                          "reason": "Belum ada mediator aktif."}, format="json")
    assert response.status_code == 200, response.content
    [row] = documents(flow, kind="delegation_letter")
    assert row["number"] == "560/123/Disnaker"
    text = pdf_text(download(flow, row))
    assert "Bandung, 1 Desember 2026" in text


def test_the_page_refuses_a_hand_over_while_a_mediator_is_active(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "awaiting_mediator")
    response = _page(cast.officer).post(f"/perselisihan/{flow.id}/pelimpahan/", {"reason": "Tidak ada mediator."})
    assert response.status_code == 400
    assert "active mediator" in response.content.decode() or "mediator aktif" in response.content.decode()
    assert documents(flow, kind="delegation_letter") == []


# --- risalah klarifikasi and berita acara ----------------------------------------------------------------------


def _attendance(flow: Flow, session_id: int, **body) -> None:
    response = flow.clients["mediator"].post(f"/api/v1/sessions/{session_id}/attendance/", body, format="json")
    assert response.status_code == 200, response.content


def test_a_clarification_held_makes_the_risalah_klarifikasi(cast, committed, signing_certificate):
    flow = collective(cast)
    committed(flow.to, "mediation")
    session_id = committed(flow.schedule_session, "clarification")
    from django.utils import timezone

    from mediation.models import MediationSession, Summons

    held_at = timezone.now() - timezone.timedelta(minutes=5)
    MediationSession.objects.filter(pk=session_id).update(scheduled_for=held_at)
    Summons.objects.filter(session_id=session_id).update(sent_at=held_at - timezone.timedelta(days=14))
    assert documents(flow, kind="clarification_minutes") == []
    committed(_attendance, flow, session_id, petitioner="present", respondent="excused",
              respondent_reason="Direktur sedang dinas luar kota", notes="Para pihak menyerahkan data upah.")
    row, content = one(flow, "clarification_minutes")
    png("risalah-klarifikasi", content)
    assert row["title"] == "Risalah Klarifikasi ke-1" and row["number"].startswith("32.73/RKL/")
    text = pdf_text(content)
    assert_letter(text)
    for expected in ("RISALAH KLARIFIKASI", "Klarifikasi ke-1", render.hari_tanggal(held_at), "Hadir",
                     "Tidak hadir dengan alasan yang sah", "Direktur sedang dinas luar kota",
                     "Para pihak menyerahkan data upah.", "PHK sepihak tanpa pesangon", "Pesangon sesuai PP 35/2021",
                     "Pasal 10 ayat (3)", "tidak dihitung dalam jangka waktu 30 (tiga puluh) hari kerja", PERMEN,
                     cast.mediator.name, "Mediator Hubungan Industrial", "Kehadiran dan panggilan",
                     "Belum dikonfirmasi"):
        assert expected in text, expected
    assert_members(text)
    assert_signed(content, signing_certificate)
    assert_layout(content)
    assert documents(flow, kind="session_record") == []  # a clarification is not a mediation session
    assert_refused_to(flow, row, "other_worker", "other_company", "foreign_mediator", "foreign_officer")


def test_each_mediation_session_gets_a_berita_acara_and_striking_off_a_notice(cast, committed, signing_certificate):
    flow = Flow(cast)
    committed(flow.to, "mediation")
    for _ in range(3):
        committed(flow.hold_session, petitioner="absent")
    rows = documents(flow, kind="session_record")
    assert [r["title"] for r in rows] == [f"Berita Acara Sidang Mediasi ke-{n}" for n in (1, 2, 3)]
    assert len({r["number"] for r in rows}) == 3 and all(r["number"].startswith("32.73/BAS/") for r in rows)
    first = pdf_text(download(flow, rows[0]))
    content = download(flow, rows[2], "respondent")
    png("berita-acara-sidang", content)
    text = pdf_text(content)
    assert_letter(text)
    for expected in ("BERITA ACARA SIDANG MEDIASI", "Sidang ke-3", "sidang mediasi ke-3", "Tidak hadir",
                     "tanpa alasan", "ketidakhadiran berturut-turut ke-3", "dihapus dari buku registrasi",
                     cast.worker.name, cast.company_user.company.name, cast.mediator.name,
                     f"NIP. {cast.mediator.nip or '-'}", "Panggilan ke-, dikirim", "ke-3, dikirim"):
        assert expected in text, expected
    assert "ketidakhadiran berturut-turut ke-1" in first
    assert_signed(content, signing_certificate)
    assert_layout(content)
    assert_refused_to(flow, rows[0], "other_worker", "other_company", "foreign_mediator", "foreign_officer")

    committed(flow.do, "mediator", "strike_off")
    row, content = one(flow, "strike_off_notice")
    png("pemberitahuan-penghapusan", content)
    assert row["title"] == "Pemberitahuan Penghapusan Perselisihan dari Buku Registrasi"
    assert row["number"].startswith("32.73/HPS/")
    text = pdf_text(content)
    assert_letter(text)
    dispute = flow.get()
    for expected in ("Hal : Pemberitahuan Penghapusan Perselisihan dari Buku Registrasi",
                     f"1. {cast.worker.name} (Pihak Pekerja/Buruh)", dispute["number"], dispute["registration_number"],
                     "dipanggil secara patut sebanyak 3 (tiga) kali", "telah dihapus dari buku registrasi perselisihan",
                     PERMEN, cast.mediator.name, "Tembusan"):
        assert expected in text, expected
    sessions = flow.clients["petitioner"].get(f"{flow.url}sessions/").json()["results"]
    for session in sessions:
        when = dt.datetime.fromisoformat(session["scheduled_for"])
        assert render.waktu_lengkap(when) in text
    assert_signed(content, signing_certificate)
    assert_layout(content)
    assert_refused_to(flow, row, "other_worker", "foreign_officer")


def test_an_excused_absence_is_not_counted_in_the_berita_acara(cast, committed):
    flow = collective(cast)
    committed(flow.to, "mediation")
    session_id = committed(flow.schedule_session)
    from django.utils import timezone

    from mediation.models import MediationSession

    MediationSession.objects.filter(pk=session_id).update(scheduled_for=timezone.now() - timezone.timedelta(minutes=1))
    committed(_attendance, flow, session_id, petitioner="excused", petitioner_reason="Sakit, dengan surat dokter",
              respondent="present")
    _, content = one(flow, "session_record")
    png("berita-acara-sidang-kolektif", content)
    text = pdf_text(content)
    assert "Sakit, dengan surat dokter" in text and "Tidak hadir dengan alasan yang sah" in text
    assert "berturut-turut" not in text
    assert_members(text)
    assert_layout(content)


# --- the anjuran's dates, and the download names ---------------------------------------------------------------


def test_the_anjuran_names_the_session_dates_never_an_empty_date(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "mediation")
    committed(flow.hold_session)
    committed(flow.do, "mediator", "issue_recommendation", considerations="Menimbang keterangan para pihak.",
              recommendations="1. Perusahaan membayar pesangon.")
    _, content = one(flow, "recommendation")
    text = pdf_text(content)
    assert "pada tanggal -" not in text
    session = flow.clients["petitioner"].get(f"{flow.url}sessions/").json()["results"][0]
    held = render.tanggal(dt.datetime.fromisoformat(session["scheduled_for"]))
    assert f"sidang mediasi pada tanggal {held}" in text


def test_the_new_letters_download_under_indonesian_names(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "adr_offered")
    for kind, name in (("registration_receipt", "Tanda-Bukti-Pencatatan-32.73-TBP-"),
                       ("adr_offer", "Penawaran-Konsiliasi-Arbitrase-32.73-PNW-")):
        [row] = documents(flow, kind=kind)
        response = flow.clients["petitioner"].get(row["url"])
        assert f'filename="{name}' in response["Content-Disposition"], response["Content-Disposition"]


def test_an_anjuran_rendered_without_its_sessions_names_no_empty_date():
    from tests.documents.test_letters import recommendation_pdf

    text = pdf_text(recommendation_pdf())
    assert "pada tanggal -" not in text
    assert "setelah dilaksanakan sidang mediasi tanpa tercapai kesepakatan" in text
