"""Each document is made at its moment (and not before), once, with the content of the letter it replaces."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from documents import render
from documents.models import Document
from tests.documents.conftest import documents, download, pdf_pages, pdf_text, to_court_referral
from tests.workflow import Flow

pytestmark = pytest.mark.django_db
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def signed_at(moment: dt.datetime) -> str:
    """How a signature's time is printed: '24 November 2026 pukul 10.15 WIB'."""
    return f"{render.tanggal(moment)} pukul {render.pukul(moment)}"


def kinds(flow: Flow, role: str = "petitioner") -> list[str]:
    return sorted(d["kind"] for d in documents(flow, role))


def text_of(flow: Flow, kind: str, role: str = "petitioner") -> str:
    [row] = documents(flow, role, kind=kind)
    return pdf_text(download(flow, row, role))


def events(flow: Flow, name: str) -> list[dict]:
    return [e for e in flow.clients["petitioner"].get(f"{flow.url}events/").json()["results"] if e["name"] == name]


def assert_letterhead(text: str) -> None:
    assert "PEMERINTAH KOTA BANDUNG" in text
    assert "DINAS TENAGA KERJA KOTA BANDUNG" in text


def assert_no_letterhead(text: str) -> None:
    """The parties' own documents (bipartite minutes, a Perjanjian Bersama) carry no office letterhead."""
    assert "PEMERINTAH" not in text


# --- dates in Bahasa Indonesia ------------------------------------------------------------------------------


def test_dates_are_written_in_bahasa_indonesia():
    moment = dt.datetime(2026, 3, 16, 2, 30, tzinfo=dt.UTC)  # 09.30 WIB, a Monday
    assert render.tanggal(moment) == "16 Maret 2026"
    assert render.hari_tanggal(moment) == "Senin, 16 Maret 2026"
    assert render.pukul(moment) == "09.30 WIB"
    assert render.tanggal(dt.datetime(2026, 12, 31, 18, 0, tzinfo=dt.UTC)) == "1 Januari 2027"  # WIB's day


def test_letterhead_names_the_regional_government_of_the_office():
    from accounts.models import Office

    assert render.government_line(Office.objects.get(code="32")) == "PEMERINTAH PROVINSI JAWA BARAT"
    assert render.government_line(Office.objects.get(code="32.01")) == "PEMERINTAH KABUPATEN BOGOR"
    assert render.government_line(Office.objects.get(code="32.73")) == "PEMERINTAH KOTA BANDUNG"
    assert render.office_city(Office.objects.get(code="32.73")) == "Bandung"


# --- bipartite minutes ----------------------------------------------------------------------------------------


def test_bipartite_minutes_are_made_when_both_parties_have_signed(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "bipartite")
    meeting_id = committed(flow.record_meeting, sign=False)
    response = committed(flow.clients["petitioner"].post, f"/api/v1/bipartite-meetings/{meeting_id}/sign/")
    assert response.status_code == 200
    assert documents(flow) == []

    response = committed(flow.clients["respondent"].post, f"/api/v1/bipartite-meetings/{meeting_id}/sign/")
    assert response.status_code == 200

    [row] = documents(flow)
    assert row["kind"] == "bipartite_minutes"
    assert row["title"] == "Risalah Perundingan Bipartit ke-1"
    dispute = flow.get()
    assert row["number"] == f"{dispute['number']}/BIP/1"
    text = pdf_text(download(flow, row))
    assert_no_letterhead(text)
    meeting = flow.clients["petitioner"].get(f"{flow.url}bipartite-meetings/").json()["results"][0]
    for expected in [
        "RISALAH PERUNDINGAN BIPARTIT", f"Nomor: {row['number']}", "Perundingan ke-1",
        f"Pada hari ini {render.hari_tanggal(at(meeting['held_at']))}, pukul {render.pukul(at(meeting['held_at']))}",
        "bertempat di online", cast.worker.name, f"NIK : {cast.worker.nik}", cast.company_user.company.name,
        f"NIB : {cast.company_user.company.nib}", "Jl. Asia Afrika No. 1, Bandung",
        f"Diwakili oleh : {cast.company_user.name}",
        dispute["number"], "Perselisihan Pemutusan Hubungan Kerja",
        "Pokok permasalahan/alasan perselisihan: Pesangon", "Pendapat Pihak Pekerja/Buruh: Menuntut pesangon penuh",
        "Pendapat Pihak Pengusaha: Menawarkan setengah", "Kesimpulan/hasil perundingan: Belum sepakat",
        "Yang hadir",
    ]:
        assert expected in text, expected
    for signature in meeting["signatures"]:
        assert signed_at(at(signature["at"])) in text
        assert signature["user"]["name"] in text


def test_each_signed_meeting_has_its_own_minutes_numbered_in_order(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "bipartite")
    committed(flow.record_meeting)
    committed(flow.record_meeting)

    rows = documents(flow, kind="bipartite_minutes")
    assert [r["title"] for r in rows] == ["Risalah Perundingan Bipartit ke-1", "Risalah Perundingan Bipartit ke-2"]
    assert "Perundingan ke-2" in pdf_text(download(flow, rows[1]))
    assert Document.objects.filter(dispute_id=flow.id).count() == 2


# --- summons ---------------------------------------------------------------------------------------------------


def test_summons_one_per_party_per_session_numbered_per_party(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "mediation")
    assert documents(flow, kind="summons") == []

    committed(flow.schedule_session, "clarification")
    committed(flow.schedule_session)

    rows = documents(flow, kind="summons")
    assert sorted(r["title"] for r in rows) == sorted([
        "Surat Panggilan Klarifikasi ke-1 kepada Pihak Pekerja/Buruh",
        "Surat Panggilan Klarifikasi ke-1 kepada Pihak Pengusaha",
        "Surat Panggilan Sidang Mediasi ke-2 kepada Pihak Pekerja/Buruh",
        "Surat Panggilan Sidang Mediasi ke-2 kepada Pihak Pengusaha",
    ])
    assert len({r["number"] for r in rows}) == 4
    assert all(r["number"].startswith("32.73/PGL/") for r in rows)
    session = flow.clients["petitioner"].get(f"{flow.url}sessions/").json()["results"][1]
    when = at(session["scheduled_for"])
    dispute = flow.get()
    by_title = {r["title"]: r for r in rows}

    text = pdf_text(download(flow, by_title["Surat Panggilan Sidang Mediasi ke-2 kepada Pihak Pekerja/Buruh"]))
    assert_letterhead(text)
    for expected in [
        "Hal : Panggilan Sidang Mediasi (Panggilan ke-2)", "Kepada Yth.", f"{cast.worker.name} (Pihak Pekerja/Buruh)",
        f"Hari, tanggal : {render.hari_tanggal(when)}", f"Waktu : {render.pukul(when)} s.d. selesai",
        "Acara : Sidang Mediasi: Mendengar keterangan para pihak", "secara daring - ruang sidang bersama SIKHI",
        "Undang-Undang Nomor 2 Tahun 2004", "Pasal 10", "Nomor 17 Tahun 2014", "memanggil Saudara",
        "pelimpahan penyelesaian perselisihan kepada Mediator Hubungan Industrial tanggal",
        dispute["number"], dispute["registration_number"], "panggilan ke-2 kepada Saudara", "surat kuasa khusus",
        "dihapus dari buku registrasi", "Mediator Hubungan Industrial", cast.mediator.name, "Tembusan",
    ]:
        assert expected in text, expected

    text = pdf_text(download(flow, by_title["Surat Panggilan Klarifikasi ke-1 kepada Pihak Pengusaha"]))
    for expected in [f"Pimpinan {cast.company_user.company.name} (Pihak Pengusaha)", "Jl. Asia Afrika No. 1",
                     "Hal : Panggilan Klarifikasi (Panggilan ke-1)", "anjuran tertulis berdasarkan data yang ada"]:
        assert expected in text, expected


# --- recommendation ------------------------------------------------------------------------------------------------


def test_recommendation_is_made_when_issued_and_not_before(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "mediation")
    committed(flow.hold_session)
    assert kinds(flow) == ["adr_offer", "registration_receipt", "session_record", "summons", "summons"]

    committed(flow.do, "mediator", "issue_recommendation", considerations="Menimbang bahwa upah tidak dibayar.",
              recommendations="1. Perusahaan membayar upah Rp 12.500.000.\n2. Paling lambat 7 hari.")

    [row] = documents(flow, kind="recommendation")
    assert row["title"] == "Anjuran Tertulis"
    assert row["number"].startswith("32.73/ANJ/")
    dispute = flow.get()
    assert [d for d in dispute["deadlines"] if d["key"] == "recommendation_answer"] == []  # nobody received it yet
    issued = at(flow.clients["petitioner"].get(f"{flow.url}recommendation/").json()["issued_at"])
    text = pdf_text(download(flow, row))
    assert_letterhead(text)
    for expected in [
        f"Nomor : {row['number']}", f"Bandung, {render.tanggal(issued)}", "Hal : Anjuran", "ANJURAN",
        f"1. {cast.worker.name} (Pihak Pekerja/Buruh)",
        f"2. Pimpinan {cast.company_user.company.name} (Pihak Pengusaha)",
        "Keterangan Pihak Pekerja/Buruh", "PHK sepihak tanpa pesangon", "Pesangon sesuai PP 35/2021",
        "Keterangan Pihak Pengusaha", "Pertimbangan Mediator", "Menimbang bahwa upah tidak dibayar.", "MENGANJURKAN",
        "1. Perusahaan membayar upah Rp 12.500.000.", "2. Paling lambat 7 hari.", "10 (sepuluh) hari kerja",
        "terhitung sejak tanggal anjuran ini diterima oleh masing-masing pihak", "dianggap menolak anjuran",
        cast.mediator.name, dispute["registration_number"], "Pasal 13 ayat (2)", "Nomor 17 Tahun 2014",
    ]:
        assert expected in text, expected
    # The rule, not a fixed date: each party's receipt starts its period (the date 10 working days after the issue,
    # which an issue-day clock would have printed, is not in the letter).
    from accounts.calendar import due_at

    assert render.tanggal(due_at(issued, 10)) not in text
    assert "untuk dilaksanakan" not in text
    for once in ("Sehubungan dengan", "MENGANJURKAN", "10 (sepuluh) hari kerja", "Keterangan Pihak Pengusaha"):
        assert text.count(once) == 1, once


# --- agreement ---------------------------------------------------------------------------------------------------


def test_agreement_from_bipartite_is_made_when_the_last_signatory_signs(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "agreement_drafting")
    committed(flow.do, "petitioner", "sign_agreement")
    assert documents(flow) == []

    committed(flow.do, "respondent", "sign_agreement")

    assert flow.state == "settled"
    assert kinds(flow) == ["agreement", "registration_request"]
    [row] = documents(flow, kind="agreement")
    assert (row["kind"], row["title"]) == ("agreement", "Perjanjian Bersama")
    agreement = flow.clients["petitioner"].get(f"{flow.url}agreement/").json()
    last = max(at(s["at"]) for s in agreement["signatures"])
    text = pdf_text(download(flow, row))
    assert_no_letterhead(text)
    for expected in [
        "PERJANJIAN BERSAMA", f"Pada hari ini {render.hari_tanggal(last)}",
        f"{cast.worker.name}, NIK {cast.worker.nik}",
        "PIHAK PERTAMA", "PIHAK KEDUA", f"{cast.company_user.name}, jabatan -, dalam hal ini bertindak untuk dan "
        f"atas nama {cast.company_user.company.name}", "perundingan bipartit",
        "Perusahaan membayar pesangon Rp 30.000.000 paling lambat 30 hari.", "dinyatakan selesai",
        "akta bukti pendaftaran",
    ]:
        assert expected in text, expected
    assert "Saksi" not in text
    assert len(agreement["signatures"]) == 2
    for signature in agreement["signatures"]:
        assert signed_at(at(signature["at"])) in text


def test_agreement_from_mediation_has_the_mediator_as_witness(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "mediation")
    committed(flow.do, "mediator", "reach_agreement")
    committed(flow.do, "mediator", "sign_agreement")
    committed(flow.do, "petitioner", "sign_agreement")
    assert documents(flow, kind="agreement") == []

    committed(flow.do, "respondent", "sign_agreement")

    text = pdf_text(download(flow, documents(flow, kind="agreement")[0]))
    agreement = flow.clients["petitioner"].get(f"{flow.url}agreement/").json()
    assert len(agreement["signatures"]) == 3
    for signature in agreement["signatures"]:
        assert signed_at(at(signature["at"])) in text
    assert f"Saksi, Mediator Hubungan Industrial, Ditandatangani secara elektronik " \
           f"{signed_at(at(agreement['signatures'][0]['at']))} {cast.mediator.name}" in text
    assert "Pekerja dipekerjakan kembali mulai 1 Desember." in text


def test_agreement_on_an_accepted_recommendation_cites_it(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "recommendation_issued")
    committed(flow.do, "petitioner", "respond_recommendation", accept=True)
    committed(flow.do, "respondent", "respond_recommendation", accept=True)
    for role in ("petitioner", "respondent", "mediator"):
        committed(flow.do, role, "sign_agreement")

    [recommendation] = documents(flow, kind="recommendation")
    text = text_of(flow, "agreement")
    assert f"menerima anjuran Mediator Nomor {recommendation['number']}" in text
    assert "1. Perusahaan membayar pesangon 2 x ketentuan." in text
    assert "settlement_minutes" not in kinds(flow)


# --- settlement minutes ------------------------------------------------------------------------------------------


def test_settlement_minutes_are_made_when_the_case_ends_in_court_referral(cast, committed):
    flow = Flow(cast)
    to_court_referral(flow, committed)

    assert kinds(flow) == ["adr_offer", "bipartite_minutes", "recommendation", "registration_receipt",
                           "session_record", "session_record", "settlement_minutes", "summons", "summons",
                           "summons", "summons"]
    [row] = documents(flow, kind="settlement_minutes")
    assert row["number"].startswith("32.73/RIS/")
    dispute = flow.get()
    [recommendation] = documents(flow, kind="recommendation")
    sessions = flow.clients["petitioner"].get(f"{flow.url}sessions/").json()["results"]
    answers = flow.clients["petitioner"].get(f"{flow.url}recommendation/").json()["answers"]
    registered = at(events(flow, "register")[0]["at"])
    delegated = at(events(flow, "assign_mediator")[0]["at"])
    content = download(flow, row)
    text = pdf_text(content)
    assert_letterhead(text)
    for expected in [
        "RISALAH PENYELESAIAN PERSELISIHAN HUBUNGAN INDUSTRIAL MELALUI MEDIASI", f"Nomor: {row['number']}",
        cast.worker.name, cast.worker.nik, cast.company_user.company.name, cast.company_user.company.nib,
        f"Mediator : {cast.mediator.name}", dispute["number"], dispute["registration_number"],
        f"Tanggal pencatatan : {render.tanggal(registered)}",
        f"Tanggal pelimpahan kepada mediator : {render.tanggal(delegated)}",
        f"Mediator menerbitkan anjuran tertulis Nomor {recommendation['number']}",
        "1. Perusahaan membayar pesangon Rp 45.000.000.", "Menawarkan setengah",
        "Pihak Pekerja/Buruh Menerima", "Pihak Pengusaha Menolak Terlalu mahal", "tidak tercapai kesepakatan",
        "Pengadilan Hubungan Industrial", cast.mediator.name,
    ]:
        assert expected in text, expected
    # Sessions and attendance: the first with the company absent, the second with both present.
    first, second = (at(s["scheduled_for"]) for s in sessions)
    assert f"1 Sidang Mediasi {render.hari_tanggal(first)}, {render.pukul(first)} Hadir Tidak hadir" in text
    assert f"2 Sidang Mediasi {render.hari_tanggal(second)}, {render.pukul(second)} Hadir Hadir" in text
    for answer in answers:
        assert f"{render.tanggal(at(answer['answered_at']))}, {render.pukul(at(answer['answered_at']))}" in text
    assert len(pdf_pages(content)) >= 1


def test_settlement_minutes_record_answers_by_silence(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "recommendation_issued")
    assert "settlement_minutes" not in kinds(flow)
    later = (timezone.now() + dt.timedelta(days=60)).astimezone(WIB).isoformat()

    committed(call_command, "process_deadlines", "--now", later)

    assert flow.state == "court_referral"
    text = text_of(flow, "settlement_minutes")
    assert text.count("Menolak (dianggap menolak karena tidak memberikan jawaban dalam 10 hari kerja)") == 2
    assert "tidak tercapai kesepakatan" in text


def test_no_anjuran_or_risalah_is_made_for_cases_that_end_otherwise(cast, committed):
    struck = Flow(cast)
    committed(struck.to, "struck_off")
    withdrawn = Flow(cast)
    committed(withdrawn.to, "mediation")
    committed(withdrawn.do, "petitioner", "withdraw")
    conciliation = Flow(cast)
    committed(conciliation.to, "referred_conciliation")

    # Only the letters of the steps they passed (tests/documents/test_new_documents.py): no anjuran, no risalah.
    registered = ["adr_offer", "registration_receipt"]
    struck_kinds = [*registered, *["session_record"] * 3, "strike_off_notice", *["summons"] * 6]
    assert kinds(struck) == struck_kinds
    assert kinds(withdrawn) == registered
    assert kinds(conciliation) == registered
    call_command("generate_documents")
    assert kinds(struck) == struck_kinds
    assert kinds(withdrawn) == registered and kinds(conciliation) == registered


def test_every_page_shows_the_verification_code_and_address(cast, committed, settings):
    settings.SIKHI_BASE_URL = "https://sikhi.disnakertrans.jabarprov.go.id"
    flow = Flow(cast)
    to_court_referral(flow, committed)

    for row in documents(flow):
        document = Document.objects.get(pk=row["id"])
        pages = pdf_pages(download(flow, row))
        for page in pages:
            assert f"Kode verifikasi: {document.verification_code}" in page
            assert (f"https://sikhi.disnakertrans.jabarprov.go.id/verifikasi/{document.verification_code}/"
                    in page)
            assert f"Nomor {document.number}" in page
