"""The consultation pages through Django's test client: asking, the office queue with waiting times, claim,
close, the room on the page, turning a consultation into a draft dispute, and refusals for the wrong users."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from chat.models import Consultation, ConsultationStatus
from disputes.models import Dispute, DisputeState
from tests.factories import (
    CompanyFactory,
    CompanyUserFactory,
    MediatorFactory,
    OfficerFactory,
    WorkerFactory,
    office,
)

pytestmark = pytest.mark.django_db

QUESTION = "Saya bekerja 4 tahun dan diberhentikan tanpa pesangon. Apa hak saya?"


def browser(user=None, language: str = "id", csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf, HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


def ask(user, regency: str = "32.73", topic: str = "Pesangon", question: str = QUESTION) -> Consultation:
    response = browser(user).post("/konsultasi/", {"regency": regency, "topic": topic, "question": question})
    assert response.status_code == 302, response.content.decode()
    consultation = Consultation.objects.get(asker=user, topic=topic)
    assert response["Location"] == f"/konsultasi/{consultation.pk}/"
    return consultation


# --- /konsultasi/ for askers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "texts"),
    [("id", ["Ajukan pertanyaan", "Pertanyaan Anda", "Kirim pertanyaan"]),
     ("en", ["Ask a question", "Your questions", "Send the question"])],
)
def test_asker_page_is_in_the_users_language(language, texts):
    html = browser(WorkerFactory(), language).get("/konsultasi/").content.decode()
    for text in texts:
        assert text in html
    assert 'name="regency"' in html and 'name="topic"' in html and 'name="question"' in html


def test_anonymous_visitor_is_sent_to_sign_in():
    response = browser().get("/konsultasi/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_ask_with_errors_shows_them_beside_the_fields_and_keeps_the_values():
    worker = WorkerFactory()
    response = browser(worker).post("/konsultasi/", {"regency": "", "topic": "Upah lembur", "question": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_regency_error"' in html and 'id="id_question_error"' in html
    assert 'id="id_topic_error"' not in html
    assert 'value="Upah lembur"' in html
    assert not Consultation.objects.exists()
    too_long = browser(worker).post("/konsultasi/", {"regency": "32.73", "topic": "x" * 201, "question": "q"})
    assert too_long.status_code == 400 and 'id="id_topic_error"' in too_long.content.decode()


def test_ask_as_worker_and_company_lists_only_ones_own():
    worker, company = WorkerFactory(), CompanyUserFactory()
    mine = ask(worker, topic="Upah lembur tidak dibayar")
    theirs = ask(company, topic="Aturan kontrak PKWT")
    assert mine.status == ConsultationStatus.OPEN and mine.office_id == "32.73"
    html = browser(worker).get("/konsultasi/").content.decode()
    assert f'href="/konsultasi/{mine.pk}/"' in html and "Upah lembur tidak dibayar" in html
    assert "Aturan kontrak PKWT" not in html
    assert f"/konsultasi/{theirs.pk}/" not in html
    assert "Menunggu petugas" in html  # the status in Indonesian


def test_ask_with_posted_form_without_csrf_token_is_refused():
    response = browser(WorkerFactory(), csrf=True).post(
        "/konsultasi/", {"regency": "32.73", "topic": "x", "question": "y"}
    )
    assert response.status_code == 403
    assert not Consultation.objects.exists()


@pytest.mark.parametrize("language", ["id", "en"])
def test_mediator_gets_a_plain_explanation_and_no_form(language):
    mediator = MediatorFactory()
    consultation = ask(WorkerFactory(), topic="Status karyawan kontrak")
    response = browser(mediator, language).get("/konsultasi/")
    assert response.status_code == 200
    html = response.content.decode()
    expected = "tidak ada yang dapat ditampilkan" if language == "id" else "nothing to show you"
    assert expected in html
    assert 'name="question"' not in html and consultation.topic not in html
    refused = browser(mediator).post("/konsultasi/", {"regency": "32.73", "topic": "t", "question": "q"})
    assert refused.status_code == 200 and not Consultation.objects.filter(asker=mediator).exists()
    assert browser(mediator).get(f"/konsultasi/{consultation.pk}/").status_code == 404


# --- the office queue ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "texts"),
    [("id", ["Menunggu petugas", "Ambil pertanyaan ini", "menunggu 3 jam"]),
     ("en", ["Waiting for an officer", "Take this question", "waiting 3 hours"])],
)
def test_queue_shows_the_office_its_questions_with_waiting_time(language, texts):
    consultation = ask(WorkerFactory())
    Consultation.objects.filter(pk=consultation.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=3, minutes=5)
    )
    response = browser(OfficerFactory(), language).get("/konsultasi/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in texts:
        assert text in html
    assert f'action="/konsultasi/{consultation.pk}/ambil/"' in html


def test_queue_is_the_offices_own_and_oldest_first_with_long_waits_marked():
    worker = WorkerFactory()
    ask(worker, topic="Cuti tahunan")
    older = ask(worker, topic="THR belum dibayar")
    elsewhere = ask(WorkerFactory(), regency="32.04", topic="Pertanyaan Kabupaten Bandung")
    Consultation.objects.filter(pk=older.pk).update(created_at=timezone.now() - dt.timedelta(days=2, hours=1))
    html = browser(OfficerFactory()).get("/konsultasi/").content.decode()
    assert "Pertanyaan Kabupaten Bandung" not in html and f"/konsultasi/{elsewhere.pk}/" not in html
    assert html.index("THR belum dibayar") < html.index("Cuti tahunan")
    assert "menunggu 2 hari" in html and 'class="badge overdue">menunggu 2 hari' in html
    foreign = browser(OfficerFactory(office=office("32.04"))).get("/konsultasi/").content.decode()
    assert "Pertanyaan Kabupaten Bandung" in foreign and "THR belum dibayar" not in foreign


def test_claim_from_the_queue_moves_it_to_being_answered_by_whom():
    consultation = ask(WorkerFactory(), topic="Lembur hari libur")
    officer, colleague = OfficerFactory(name="Budi Petugas"), OfficerFactory()
    response = browser(officer).post(f"/konsultasi/{consultation.pk}/ambil/")
    assert response.status_code == 302 and response["Location"] == f"/konsultasi/{consultation.pk}/"
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CLAIMED and consultation.officer_id == officer.id
    html = browser(colleague).get("/konsultasi/").content.decode()
    queue, answered = html.split("Sedang dijawab")
    assert "Lembur hari libur" not in queue
    assert "Lembur hari libur" in answered and "Budi Petugas" in answered
    assert f'href="/ruang/{consultation.room.id}/"' in answered
    assert f"/konsultasi/{consultation.pk}/ambil/" not in html
    # A second claim is refused with a message; the first officer keeps it.
    again = browser(colleague).post(f"/konsultasi/{consultation.pk}/ambil/", follow=True)
    assert "Konsultasi ini sudah ditangani atau sudah ditutup." in again.content.decode()
    consultation.refresh_from_db()
    assert consultation.officer_id == officer.id


def test_wrong_users_cannot_claim():
    worker, company = WorkerFactory(), CompanyUserFactory()
    consultation = ask(worker)
    by_company = ask(company, topic="Pertanyaan perusahaan")
    assert browser(company).post(f"/konsultasi/{by_company.pk}/ambil/").status_code == 403
    assert browser(worker).post(f"/konsultasi/{consultation.pk}/ambil/").status_code == 403
    assert browser(OfficerFactory(office=office("32.04"))).post(f"/konsultasi/{consultation.pk}/ambil/").status_code \
        == 404
    assert browser(MediatorFactory()).post(f"/konsultasi/{consultation.pk}/ambil/").status_code == 404
    assert browser(WorkerFactory()).post(f"/konsultasi/{consultation.pk}/ambil/").status_code == 404
    # A GET on the action address (a link followed, a reload) goes back to the consultation's page.
    got = browser(OfficerFactory()).get(f"/konsultasi/{consultation.pk}/ambil/")
    assert (got.status_code, got["Location"]) == (302, f"/konsultasi/{consultation.pk}/")
    assert Consultation.objects.filter(status=ConsultationStatus.OPEN).count() == 2


# --- /konsultasi/{id}/ -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "texts"),
    [("id", ["Percakapan", "Jadikan perselisihan", "Tutup konsultasi"]),
     ("en", ["Conversation", "Turn this into a dispute", "Close the consultation"])],
)
def test_consultation_page_embeds_its_room_in_the_users_language(language, texts):
    worker = WorkerFactory()
    consultation = ask(worker)
    response = browser(worker, language).get(f"/konsultasi/{consultation.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in texts:
        assert text in html
    assert f'data-room-id="{consultation.room.id}"' in html and 'data-writable="true"' in html
    assert "js/room.js" in html and QUESTION in html
    assert f'action="/konsultasi/{consultation.pk}/ambil/"' not in html  # the asker does not claim


def test_consultation_page_is_404_for_those_who_may_not_see_it():
    consultation = ask(WorkerFactory())
    for user in (WorkerFactory(), CompanyUserFactory(), OfficerFactory(office=office("32.04")), MediatorFactory()):
        assert browser(user).get(f"/konsultasi/{consultation.pk}/").status_code == 404, user.role
    assert browser(WorkerFactory()).get("/konsultasi/999999/").status_code == 404


def test_officer_sees_the_waiting_time_and_the_claim_button_then_the_close_button():
    consultation = ask(WorkerFactory(name="Siti Aminah"))
    Consultation.objects.filter(pk=consultation.pk).update(created_at=timezone.now() - dt.timedelta(minutes=42))
    officer = OfficerFactory()
    html = browser(officer).get(f"/konsultasi/{consultation.pk}/").content.decode()
    assert "menunggu 42 menit" in html and "Siti Aminah" in html
    assert f'action="/konsultasi/{consultation.pk}/ambil/"' in html
    assert f'action="/konsultasi/{consultation.pk}/tutup/"' not in html  # not the claiming officer yet
    assert "Jadikan perselisihan" not in html
    browser(officer).post(f"/konsultasi/{consultation.pk}/ambil/")
    html = browser(officer, "en").get(f"/konsultasi/{consultation.pk}/").content.decode()
    assert "claimed after 42 minutes" in html
    assert f'action="/konsultasi/{consultation.pk}/tutup/"' in html
    assert f'action="/konsultasi/{consultation.pk}/ambil/"' not in html


def test_close_by_the_claiming_officer_makes_the_room_read_only():
    consultation = ask(WorkerFactory())
    officer, colleague = OfficerFactory(), OfficerFactory()
    browser(officer).post(f"/konsultasi/{consultation.pk}/ambil/")
    assert browser(colleague).post(f"/konsultasi/{consultation.pk}/tutup/").status_code == 403
    response = browser(officer).post(f"/konsultasi/{consultation.pk}/tutup/")
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CLOSED and consultation.closed_at
    html = browser(officer).get(f"/konsultasi/{consultation.pk}/").content.decode()
    assert 'data-writable="false"' in html and "Konsultasi ini sudah ditutup" in html
    assert f'action="/konsultasi/{consultation.pk}/tutup/"' not in html


def test_close_by_the_asker_and_not_by_others():
    worker = WorkerFactory()
    consultation = ask(worker)
    assert browser(WorkerFactory()).post(f"/konsultasi/{consultation.pk}/tutup/").status_code == 404
    assert browser(OfficerFactory()).post(f"/konsultasi/{consultation.pk}/tutup/").status_code == 403
    assert browser(worker).post(f"/konsultasi/{consultation.pk}/tutup/").status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CLOSED
    again = browser(worker).post(f"/konsultasi/{consultation.pk}/tutup/", follow=True)
    assert "sudah ditutup" in again.content.decode()


# --- turning a consultation into a draft dispute -------------------------------------------------------


def test_worker_turns_the_consultation_into_a_draft_dispute_carrying_the_summary():
    worker = WorkerFactory()
    consultation = ask(worker, topic="PHK tanpa pesangon")
    company = CompanyFactory()
    response = browser(worker).post(
        f"/konsultasi/{consultation.pk}/perselisihan/",
        {"how": "nib", "nib": company.nib, "workplace_regency": "32.73"},
    )
    dispute = Dispute.objects.get(petitioner=worker)
    assert response.status_code == 302 and response["Location"] == f"/perselisihan/{dispute.pk}/isi/jenis/"
    assert dispute.state == DisputeState.DRAFT
    assert dispute.respondent_company_id == company.id and dispute.office_id == "32.73"
    assert dispute.summary == f"PHK tanpa pesangon\n\n{QUESTION}"
    # The worker continues in the wizard, where the summary is already filled in.
    story = browser(worker).get(f"/perselisihan/{dispute.pk}/isi/kronologi/").content.decode()
    assert "PHK tanpa pesangon" in story and "diberhentikan tanpa pesangon" in story
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.OPEN  # the consultation goes on


def test_convert_naming_the_company_by_name_and_long_questions_keep_the_whole_text():
    worker = WorkerFactory()
    long_question = "Kronologi panjang. " * 150
    consultation = ask(worker, topic="Upah", question=long_question.strip())
    response = browser(worker).post(
        f"/konsultasi/{consultation.pk}/perselisihan/",
        {"how": "name", "name": "CV Maju", "email": "hr@maju.test", "address": "Jl. Braga 1", "workplace_regency":
         "32.04"},
    )
    assert response.status_code == 302
    dispute = Dispute.objects.get(petitioner=worker)
    assert dispute.respondent_name == "CV Maju" and dispute.office_id == "32.04"
    assert len(dispute.summary) == 2000 and dispute.summary.startswith("Upah\n\nKronologi panjang.")
    assert dispute.chronology == long_question.strip()


def test_convert_with_errors_shows_them_beside_the_fields_and_creates_nothing():
    worker = WorkerFactory()
    consultation = ask(worker)
    response = browser(worker).post(
        f"/konsultasi/{consultation.pk}/perselisihan/",
        {"how": "nib", "nib": "0000000000000", "workplace_regency": "32.73"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_nib_error">Tidak ada perusahaan terverifikasi dengan NIB ini.' in html
    assert 'value="0000000000000"' in html and f'data-room-id="{consultation.room.id}"' in html
    missing = browser(worker, "en").post(f"/konsultasi/{consultation.pk}/perselisihan/", {"how": "name"})
    assert missing.status_code == 400 and 'id="id_email_error"' in missing.content.decode()
    assert not Dispute.objects.exists()


def test_only_the_asking_worker_can_turn_it_into_a_dispute():
    worker, company_user = WorkerFactory(), CompanyUserFactory()
    consultation = ask(worker)
    by_company = ask(company_user, topic="Pertanyaan perusahaan")
    company = CompanyFactory()
    body = {"how": "nib", "nib": company.nib, "workplace_regency": "32.73"}
    assert browser(WorkerFactory()).post(f"/konsultasi/{consultation.pk}/perselisihan/", body).status_code == 404
    assert browser(OfficerFactory()).post(f"/konsultasi/{consultation.pk}/perselisihan/", body).status_code == 403
    assert browser(company_user).post(f"/konsultasi/{by_company.pk}/perselisihan/", body).status_code == 403
    html = browser(company_user).get(f"/konsultasi/{by_company.pk}/").content.decode()
    assert "Jadikan perselisihan" not in html and "/perselisihan/" not in html.split("Percakapan")[1]
    assert not Dispute.objects.exists()


def test_the_service_refuses_anyone_but_the_asking_worker():
    from chat.consultations import consultation_to_dispute
    from sikhi.api import Forbidden

    worker = WorkerFactory()
    consultation = ask(worker)
    company = CompanyFactory()
    for user in (WorkerFactory(), OfficerFactory()):
        with pytest.raises(Forbidden):
            consultation_to_dispute(consultation=consultation, by=user, respondent={"nib": company.nib},
                                    workplace_regency="32.73")
    assert not Dispute.objects.exists()


def _convert(user, consultation, body=None):
    body = body or {"how": "nib", "nib": CompanyFactory().nib, "workplace_regency": "32.73"}
    return browser(user).post(f"/konsultasi/{consultation.pk}/perselisihan/", body)


def test_convert_twice_leads_back_to_the_same_draft_with_an_info_message():
    worker = WorkerFactory()
    consultation = ask(worker)
    first = _convert(worker, consultation)
    dispute = Dispute.objects.get(petitioner=worker)
    consultation.refresh_from_db()
    assert first.status_code == 302 and consultation.dispute_id == dispute.pk
    # Again, even naming another company: no second draft, the worker is taken to the first one.
    client = browser(worker)
    again = client.post(f"/konsultasi/{consultation.pk}/perselisihan/",
                        {"how": "name", "name": "CV Lain", "email": "hr@lain.test", "address": "Jl. Lain 2",
                         "workplace_regency": "32.04"}, follow=True)
    assert again.redirect_chain == [(f"/perselisihan/{dispute.pk}/", 302)]
    assert "Konsultasi ini sudah dijadikan perselisihan" in again.content.decode()
    assert list(Dispute.objects.values_list("pk", flat=True)) == [dispute.pk]
    dispute.refresh_from_db()
    assert dispute.respondent_name != "CV Lain" and dispute.office_id == "32.73"


def test_convert_again_with_an_empty_form_still_leads_to_the_draft():
    worker = WorkerFactory()
    consultation = ask(worker)
    _convert(worker, consultation)
    dispute = Dispute.objects.get()
    response = browser(worker).post(f"/konsultasi/{consultation.pk}/perselisihan/", {})
    assert response.status_code == 302 and response["Location"] == f"/perselisihan/{dispute.pk}/"
    assert Dispute.objects.count() == 1


def test_convert_service_twice_answers_the_existing_dispute_and_creates_no_row():
    from chat.consultations import consultation_to_dispute

    worker = WorkerFactory()
    consultation = ask(worker)
    company = CompanyFactory()
    first, created = consultation_to_dispute(consultation=consultation, by=worker, respondent={"nib": company.nib},
                                             workplace_regency="32.73")
    assert created is True
    second, created_again = consultation_to_dispute(consultation=consultation, by=worker,
                                                    respondent={"nib": company.nib}, workplace_regency="32.73")
    assert (second.pk, created_again) == (first.pk, False)
    assert Dispute.objects.count() == 1
    assert Consultation.objects.get(pk=consultation.pk).dispute_id == first.pk


def test_converted_consultation_page_links_the_draft_instead_of_the_form():
    worker = WorkerFactory()
    consultation = ask(worker)
    _convert(worker, consultation)
    dispute = Dispute.objects.get()
    html = browser(worker).get(f"/konsultasi/{consultation.pk}/").content.decode()
    assert f'href="/perselisihan/{dispute.pk}/"' in html
    assert "Konsultasi ini sudah menjadi draf perselisihan." in html
    assert "Buat draf perselisihan" not in html  # the form is gone
    english = browser(worker, "en").get(f"/konsultasi/{consultation.pk}/").content.decode()
    assert "This consultation became a draft dispute." in english and "Open the dispute" in english
    # The office sees the consultation but not the worker's draft, so no link to it.
    officer_html = browser(OfficerFactory()).get(f"/konsultasi/{consultation.pk}/").content.decode()
    assert f"/perselisihan/{dispute.pk}/" not in officer_html


def test_converted_consultation_still_refuses_other_users():
    worker = WorkerFactory()
    consultation = ask(worker)
    _convert(worker, consultation)
    dispute = Dispute.objects.get()
    assert _convert(WorkerFactory(), consultation).status_code == 404
    officer = OfficerFactory()
    refused = _convert(officer, consultation)
    assert refused.status_code == 403
    assert Dispute.objects.count() == 1
    from chat.consultations import consultation_to_dispute
    from sikhi.api import Forbidden

    for user in (WorkerFactory(), officer):
        with pytest.raises(Forbidden):
            consultation_to_dispute(consultation=consultation, by=user, respondent={"nib": CompanyFactory().nib},
                                    workplace_regency="32.73")
    assert list(Dispute.objects.values_list("pk", flat=True)) == [dispute.pk]


def test_deleting_the_draft_unlinks_the_consultation_and_it_can_be_converted_again():
    worker = WorkerFactory()
    consultation = ask(worker)
    _convert(worker, consultation)
    Dispute.objects.get().delete()
    consultation.refresh_from_db()
    assert consultation.dispute_id is None
    assert _convert(worker, consultation).status_code == 302
    consultation.refresh_from_db()
    assert consultation.dispute_id == Dispute.objects.get().pk
