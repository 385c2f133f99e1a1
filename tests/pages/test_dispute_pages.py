"""The account and dispute pages through Django's test client (CSRF enforced): every role's home, the filing
wizard, the dispute page's actions, and refusals for users who may not see or do something."""

from __future__ import annotations

import pytest
from django.test import Client

from disputes.models import Dispute
from tests.factories import CompanyUserFactory, WorkerFactory
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db


def browser(user=None, language: str = "id") -> Client:
    client = Client(enforce_csrf_checks=False, HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


def csrf_client(user=None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(("language", "text"), [("id", "Cara proses berjalan"), ("en", "How the process goes")])
def test_home_page_shows_the_stages_in_the_users_language(language, text):
    response = browser(language=language).get("/")
    assert response.status_code == 200
    assert text in response.content.decode()
    assert "30" in response.content.decode()


def test_sign_in_with_a_wrong_password_shows_the_error_and_keeps_the_username():
    user = WorkerFactory()
    response = browser().post("/masuk/", {"username": user.username, "password": "salah-sekali"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nama pengguna atau kata sandi salah." in html
    assert f'value="{user.username}"' in html


def test_sign_in_redirects_to_the_safe_next_page_only():
    user = WorkerFactory()
    user.set_password("Sandi-yang-kuat-123")
    user.save()
    ok = browser().post("/masuk/", {"username": user.username, "password": "Sandi-yang-kuat-123", "next": "/panduan/"})
    assert ok.status_code == 302 and ok["Location"] == "/panduan/"
    evil = browser().post(
        "/masuk/", {"username": user.username, "password": "Sandi-yang-kuat-123", "next": "https://evil.example/"}
    )
    assert evil.status_code == 302 and evil["Location"] == "/beranda/"


def test_sign_in_form_without_csrf_token_is_refused():
    user = WorkerFactory()
    response = csrf_client().post("/masuk/", {"username": user.username, "password": "x"})
    assert response.status_code == 403


def test_worker_registration_errors_sit_beside_the_fields_and_typed_values_stay():
    response = browser().post(
        "/daftar/",
        {
            "role": "worker",
            "name": "Siti Aminah",
            "username": "siti",
            "password": "123",
            "email": "bukan-email",
            "phone": "0812",
            "nik": "12",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "NIK terdiri atas tepat 16 angka." in html
    assert 'value="Siti Aminah"' in html and 'value="siti"' in html
    assert 'id="id_nik_error"' in html


def test_worker_registers_and_lands_on_the_home_page():
    client = browser()
    response = client.post(
        "/daftar/",
        {
            "role": "worker",
            "name": "Siti Aminah",
            "username": "siti.aminah",
            "password": "Sandi-yang-kuat-123",
            "email": "siti@example.id",
            "phone": "081234567890",
            "nik": "3273010101900001",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/beranda/"
    home = client.get("/beranda/")
    assert "Halo, Siti Aminah" in home.content.decode()


def test_a_taken_username_is_reported_beside_the_username():
    WorkerFactory(username="sudah.ada")
    response = browser().post(
        "/daftar/",
        {
            "role": "worker",
            "name": "A",
            "username": "sudah.ada",
            "password": "Sandi-yang-kuat-123",
            "email": "a@example.id",
            "phone": "081234567890",
            "nik": "3273010101900001",
        },
    )
    assert response.status_code == 400
    assert "Nama pengguna ini sudah dipakai." in response.content.decode()


def test_anonymous_user_is_sent_to_sign_in_from_private_pages():
    for path in ("/beranda/", "/perselisihan/baru/", "/perselisihan/1/"):
        response = browser().get(path)
        assert response.status_code == 302 and response["Location"].startswith("/masuk/?next=")


def test_each_role_has_its_home_page():
    flow = Flow(Cast()).to("awaiting_mediator")
    cast = flow.cast
    number = Dispute.objects.get(pk=flow.id).number
    expectations = {
        cast.worker: number,
        cast.company_user: number,
        cast.officer: "Perselisihan yang perlu dilimpahkan ke mediator",
        cast.mediator: "Sidang saya minggu ini",
    }
    for user, text in expectations.items():
        response = browser(user).get("/beranda/")
        assert response.status_code == 200
        assert text in response.content.decode(), user.role


def test_dispute_page_offers_exactly_the_available_transitions():
    flow = Flow(Cast()).to("bipartite_invited")
    company = browser(flow.cast.company_user).get(f"/perselisihan/{flow.id}/").content.decode()
    assert "/aksi/accept_bipartite/" in company and "/aksi/decline_bipartite/" in company
    worker = browser(flow.cast.worker).get(f"/perselisihan/{flow.id}/").content.decode()
    assert "/aksi/accept_bipartite/" not in worker and "/aksi/withdraw/" in worker


def test_company_accepts_from_the_page_and_the_state_changes():
    flow = Flow(Cast()).to("bipartite_invited")
    response = csrf_client(flow.cast.company_user).get(f"/perselisihan/{flow.id}/")
    token = response.cookies["csrftoken"].value
    client = csrf_client(flow.cast.company_user)
    client.cookies["csrftoken"] = token
    done = client.post(f"/perselisihan/{flow.id}/aksi/accept_bipartite/", {"csrfmiddlewaretoken": token})
    assert done.status_code == 302
    assert Dispute.objects.get(pk=flow.id).state == "bipartite"


def test_a_refused_transition_changes_nothing_and_says_why():
    flow = Flow(Cast()).to("bipartite_invited")
    response = browser(flow.cast.worker).post(f"/perselisihan/{flow.id}/aksi/accept_bipartite/")
    assert response.status_code == 400
    assert Dispute.objects.get(pk=flow.id).state == "bipartite_invited"


def test_a_transition_with_a_missing_reason_keeps_the_form_open_with_the_error():
    flow = Flow(Cast()).to("bipartite_invited")
    response = browser(flow.cast.company_user).post(
        f"/perselisihan/{flow.id}/aksi/decline_bipartite/", {"decline_bipartite-reason": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bidang ini wajib diisi." in html
    assert '<details class="card action" open id="action-decline_bipartite">' in html
    assert Dispute.objects.get(pk=flow.id).state == "bipartite_invited"


@pytest.mark.parametrize("who", ["other_worker", "other_company", "foreign_officer", "foreign_mediator"])
def test_outsiders_get_404_for_the_dispute_page_and_its_actions(who):
    flow = Flow(Cast()).to("bipartite")
    user = flow.cast.roles()[who]
    assert browser(user).get(f"/perselisihan/{flow.id}/").status_code == 404
    assert browser(user).post(f"/perselisihan/{flow.id}/aksi/withdraw/", {"withdraw-reason": "x"}).status_code == 404
    assert Dispute.objects.get(pk=flow.id).state == "bipartite"


def test_a_draft_is_invisible_to_the_company_and_staff():
    flow = Flow(Cast())
    for user in (flow.cast.company_user, flow.cast.officer, flow.cast.mediator):
        assert browser(user).get(f"/perselisihan/{flow.id}/").status_code == 404


def test_the_wizard_files_a_dispute_step_by_step():
    company_user = CompanyUserFactory()
    worker = WorkerFactory()
    client = browser(worker)
    start = client.post(
        "/perselisihan/baru/", {"how": "nib", "nib": company_user.company.nib, "workplace_regency": "32.73"}
    )
    assert start.status_code == 302
    dispute = Dispute.objects.get(petitioner=worker)
    assert start["Location"] == f"/perselisihan/{dispute.pk}/isi/jenis/"
    assert client.post(f"/perselisihan/{dispute.pk}/isi/jenis/", {"type": "hak"}).status_code == 302
    assert (
        client.post(
            f"/perselisihan/{dispute.pk}/isi/kronologi/",
            {"summary": "Upah lembur tidak dibayar.", "chronology": "Maret sampai Mei."},
        ).status_code
        == 302
    )
    assert client.post(f"/perselisihan/{dispute.pk}/isi/tuntutan/", {"demands": "Bayar lembur."}).status_code == 302
    review = client.get(f"/perselisihan/{dispute.pk}/isi/periksa/").content.decode()
    assert "Upah lembur tidak dibayar." in review
    assert client.post(f"/perselisihan/{dispute.pk}/aksi/submit/").status_code == 302
    dispute.refresh_from_db()
    assert dispute.state == "bipartite_invited" and dispute.type == "hak" and dispute.number


def test_the_wizard_reports_an_unknown_nib_beside_the_field():
    worker = WorkerFactory()
    response = browser(worker).post(
        "/perselisihan/baru/", {"how": "nib", "nib": "9999999999999", "workplace_regency": "32.73"}
    )
    assert response.status_code == 400
    assert "Tidak ada perusahaan terverifikasi dengan NIB ini." in response.content.decode()
    assert not Dispute.objects.filter(petitioner=worker).exists()


def test_only_workers_use_the_wizard_and_only_for_their_own_draft():
    flow = Flow(Cast())
    assert browser(flow.cast.company_user).get("/perselisihan/baru/").status_code == 404
    assert browser(flow.cast.other_worker).get(f"/perselisihan/{flow.id}/isi/kronologi/").status_code == 404
    response = browser(flow.cast.other_worker).post(f"/perselisihan/{flow.id}/isi/tuntutan/", {"demands": "x"})
    assert response.status_code == 404


def test_room_page_is_404_for_a_non_member():
    flow = Flow(Cast()).to("bipartite")
    room = Dispute.objects.get(pk=flow.id).rooms.get(kind="bipartite")
    assert browser(flow.cast.worker).get(f"/ruang/{room.id}/").status_code == 200
    assert browser(flow.cast.officer).get(f"/ruang/{room.id}/").status_code == 404
    assert browser(flow.cast.other_worker).get(f"/ruang/{room.id}/").status_code == 404


def test_officer_verifies_a_company_of_their_office_only():
    flow = Flow(Cast())
    unverified = CompanyUserFactory(company__verified_at=None).company
    unverified.regency_id = flow.cast.officer.office_id
    unverified.save()
    assert browser(flow.cast.foreign_officer).post(f"/perusahaan/{unverified.id}/verifikasi/").status_code == 404
    unverified.refresh_from_db()
    assert unverified.verified_at is None
    assert browser(flow.cast.officer).post(f"/perusahaan/{unverified.id}/verifikasi/").status_code == 302
    unverified.refresh_from_db()
    assert unverified.verified_at is not None


def test_a_termination_dispute_links_to_the_calculator_filled_with_the_workers_wage_and_dates():
    flow = Flow(Cast())  # phk by default
    worker = browser(flow.cast.worker)
    saved = worker.post(
        f"/perselisihan/{flow.id}/isi/tuntutan/",
        {
            "demands": "Bayar pesangon.",
            "monthly_wage": "5500000",
            "employment_start": "2018-03-01",
            "employment_end": "2026-10-31",
        },
    )
    assert saved.status_code == 302
    page = worker.get(f"/perselisihan/{flow.id}/").content.decode()
    link = "/kalkulator-pesangon/?start_date=2018-03-01&amp;end_date=2026-10-31&amp;monthly_wage=5500000"
    assert f'id="calculator-link" href="{link}"' in page
    calculator = worker.get(link.replace("&amp;", "&")).content.decode()
    assert 'value="2018-03-01"' in calculator and "5500000" in calculator.replace(".", "")


def test_the_wizard_refuses_an_end_of_work_before_its_start_and_keeps_the_values():
    flow = Flow(Cast())
    response = browser(flow.cast.worker).post(
        f"/perselisihan/{flow.id}/isi/tuntutan/",
        {"demands": "Bayar pesangon.", "employment_start": "2026-03-01", "employment_end": "2025-10-31"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tidak boleh sebelum hari pertama bekerja." in html and 'value="2026-03-01"' in html
    assert Dispute.objects.get(pk=flow.id).employment_start is None


def test_a_rights_dispute_has_no_calculator_link():
    flow = Flow(Cast(), type="hak")
    assert 'id="calculator-link"' not in browser(flow.cast.worker).get(f"/perselisihan/{flow.id}/").content.decode()


def test_dispute_page_links_each_of_its_sections_from_the_top_for_phones():
    import re

    flow = Flow(Cast()).to("bipartite")
    html = browser(flow.cast.worker).get(f"/perselisihan/{flow.id}/").content.decode()
    nav = re.search(r'<nav class="jump" aria-label="Di halaman ini"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "no in-page navigation"
    targets = re.findall(r'href="#([\w-]+)"', nav.group(1))
    assert targets == ["actions-h", "filing-h", "rooms-h", "deadlines-h", "docs-h", "evidence-h", "timeline-h"]
    for target in targets:  # every link lands on a heading of the page
        assert f'id="{target}"' in html, target
    # A draft has no rooms yet: no link to a section that is not there.
    draft = Flow(Cast()).to("draft")
    html = browser(draft.cast.worker).get(f"/perselisihan/{draft.id}/").content.decode()
    assert 'href="#rooms-h"' not in html and 'id="rooms-h"' not in html
