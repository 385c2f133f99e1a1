"""The final outcome of a dispute (settled, court_referral) is e-mailed to both parties, each in
their own language, through the outbox; other transitions send no outcome e-mail. A new consultation notifies
the officers of its office in-app, and nobody else."""

from __future__ import annotations

import datetime as dt

import pytest

from chat.models import Notification
from disputes.models import Deadline, Dispute
from disputes.services import deadlines_process
from tests.conftest import client_for
from tests.factories import OfficerFactory, WorkerFactory
from tests.notices.conftest import Since
from tests.workflow import Flow

pytestmark = pytest.mark.django_db

COURT_ID = "Pengadilan Hubungan Industrial pada Pengadilan Negeri Bandung"


def outcome_emails(mark: Since, state: str):
    return mark.emails(f"outcome_{state}")


def test_court_referral_e_mails_both_parties_with_the_court_and_the_risalah_rule(cast):
    cast.company_user.language = "en"
    cast.company_user.save(update_fields=["language"])
    flow = Flow(cast).to("recommendation_issued")
    mark = Since()
    flow.do("respondent", "respond_recommendation", accept=False, reason="Terlalu mahal")
    rows = outcome_emails(mark, "court_referral")
    assert {row.user_id for row in rows} == {cast.worker.id, cast.company_user.id}
    assert cast.mediator.id not in {row.user_id for row in rows}
    by_user = {row.user_id: row for row in rows}
    worker_mail = by_user[cast.worker.id]
    assert worker_mail.language == "id" and worker_mail.to == cast.worker.email
    assert COURT_ID in worker_mail.body_text and "Pasal 83(1)" in worker_mail.body_text
    assert "risalah penyelesaian" in worker_mail.body_text and "dikembalikan" in worker_mail.body_text
    assert COURT_ID in worker_mail.body_html
    english = by_user[cast.company_user.id]
    assert english.language == "en"
    assert "has ended without agreement" in english.body_text and "is returned" in english.body_text
    assert f"/perselisihan/{flow.id}/" in english.body_text


def test_court_referral_by_silence_e_mails_both_parties_too(cast):
    flow = Flow(cast).to("recommendation_issued")
    deadline = Deadline.objects.filter(dispute_id=flow.id, key="recommendation_answer", state="open").latest("due_at")
    mark = Since()
    deadlines_process(now=deadline.due_at + dt.timedelta(minutes=1))
    assert Dispute.objects.get(pk=flow.id).state == "court_referral"
    assert {row.user_id for row in outcome_emails(mark, "court_referral")} == {cast.worker.id, cast.company_user.id}


def test_settlement_e_mails_both_parties_once_including_the_last_signer(cast):
    cast.worker.language = "en"
    cast.worker.save(update_fields=["language"])
    flow = Flow(cast).to("agreement_drafting")
    flow.do("petitioner", "sign_agreement")
    mark = Since()
    flow.do("respondent", "sign_agreement")
    assert Dispute.objects.get(pk=flow.id).state == "settled"
    rows = outcome_emails(mark, "settled")
    assert sorted(row.user_id for row in rows) == sorted([cast.worker.id, cast.company_user.id])
    by_user = {row.user_id: row for row in rows}
    assert "joint agreement" in by_user[cast.worker.id].body_text
    assert "Perjanjian Bersama" in by_user[cast.company_user.id].body_text
    assert "didaftarkan" in by_user[cast.company_user.id].body_text
    assert COURT_ID in by_user[cast.company_user.id].body_text


@pytest.mark.parametrize("step", ["first signature", "recommendation issued"])
def test_other_transitions_send_no_outcome_e_mail(cast, step):
    flow = Flow(cast)
    mark = Since()
    if step == "first signature":
        flow.to("agreement_drafting").do("petitioner", "sign_agreement")
    else:
        flow.to("recommendation_issued")
    assert [row for row in mark.emails() if row.kind.startswith("outcome")] == []


def test_new_consultation_notifies_the_officers_of_its_office_only(cast):
    second = OfficerFactory()
    inactive = OfficerFactory(is_active=False)
    mark = Since()
    response = client_for(WorkerFactory()).post("/api/v1/consultations/", {
        "regency": "32.73", "topic": "Lembur hari Sabtu", "question": "Apakah lembur Sabtu dibayar?"}, format="json")
    assert response.status_code == 201, response.content
    assert mark.notified("consultation") == {cast.officer.id, second.id}
    assert inactive.id not in mark.notified() and cast.foreign_officer.id not in mark.notified()
    row = Notification.objects.get(user=cast.officer, kind="consultation")
    assert row.params["consultation_id"] == response.json()["id"] and row.dispute_id is None
    assert "Apakah lembur" not in str(row.params)  # the topic only, not the question
    page = client_for(cast.officer).get("/api/v1/notifications/?unread=true").json()["results"]
    assert any("Lembur hari Sabtu" in n["title"] for n in page)


def test_notification_page_links_a_consultation_notification_to_its_consultation(cast):
    from django.test import Client

    response = client_for(WorkerFactory()).post("/api/v1/consultations/", {
        "regency": "32.73", "topic": "Cuti hamil", "question": "Berapa lama cuti hamil?"}, format="json")
    browser = Client(HTTP_ACCEPT_LANGUAGE="id")
    browser.force_login(cast.officer)
    html = browser.get("/notifikasi/").content.decode()
    assert f'href="/konsultasi/{response.json()["id"]}/"' in html and "Cuti hamil" in html
