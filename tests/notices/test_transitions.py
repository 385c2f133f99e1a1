"""Who is notified and who is e-mailed for each transition, and who never is."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail

from chat.models import Notification, OutboxEmail, Room
from chat.services import message_post
from disputes.models import Deadline, Dispute
from disputes.services import deadlines_process
from tests.conftest import client_for
from tests.notices.conftest import Since
from tests.workflow import Flow

BASE = "http://127.0.0.1:8000"


def _held(flow: Flow) -> None:
    flow.to("mediation")
    flow.hold_session()


def _one_accepted(flow: Flow) -> None:
    flow.to("recommendation_issued")
    flow.do("petitioner", "respond_recommendation", accept=True)


# (name, how to prepare, actor, transition, payload, e-mailed roles, notified roles)
CASES = [
    ("submit", "draft", "petitioner", "submit", {}, {"respondent"}, {"respondent"}),
    ("accept_bipartite", "bipartite_invited", "respondent", "accept_bipartite", {}, {"petitioner"}, {"petitioner"}),
    ("decline_bipartite", "bipartite_invited", "respondent", "decline_bipartite", {"reason": "Tidak mau."},
     {"petitioner"}, {"petitioner"}),
    ("propose_agreement", "bipartite", "petitioner", "propose_agreement", {"terms": "Pesangon Rp 10 juta."},
     {"respondent"}, {"respondent"}),
    ("register", "bipartite_failed", "petitioner", "register", {}, {"officer"}, {"respondent", "officer"}),
    ("return_registration", "registration_submitted", "officer", "return_registration",
     {"missing_items": ["Slip gaji Oktober"]}, {"petitioner"}, {"petitioner", "respondent"}),
    ("resubmit_registration", "registration_returned", "petitioner", "resubmit_registration",
     {"note": "Sudah lengkap."}, {"officer"}, {"respondent", "officer"}),
    ("accept_registration", "registration_submitted", "officer", "accept_registration", {},
     {"petitioner", "respondent"}, {"petitioner", "respondent"}),
    ("choose_route stays", "adr_offered", "petitioner", "choose_route", {"route": "conciliation"},
     set(), {"respondent"}),
    ("choose_route mediation", "adr_offered", "petitioner", "choose_route", {"route": "mediation"},
     {"officer"}, {"respondent", "officer"}),
    ("assign_mediator", "awaiting_mediator", "officer", "assign_mediator", {}, {"mediator"},
     {"petitioner", "respondent", "mediator"}),
    ("issue_recommendation", _held, "mediator", "issue_recommendation",
     {"considerations": "Menimbang ...", "recommendations": "1. Bayar pesangon."},
     {"petitioner", "respondent"}, {"petitioner", "respondent"}),
    ("respond_recommendation first", "recommendation_issued", "petitioner", "respond_recommendation",
     {"accept": True}, set(), {"respondent", "mediator"}),
    ("respond_recommendation both accept", _one_accepted, "respondent", "respond_recommendation", {"accept": True},
     {"petitioner", "mediator"}, {"petitioner", "mediator"}),
    ("respond_recommendation reject", "recommendation_issued", "respondent", "respond_recommendation",
     {"accept": False, "reason": "Terlalu mahal"}, set(), {"petitioner", "mediator"}),
    ("reach_agreement", "mediation", "mediator", "reach_agreement", {"terms": "Dipekerjakan kembali."},
     {"petitioner", "respondent"}, {"petitioner", "respondent"}),
    ("sign_agreement first", "agreement_drafting", "petitioner", "sign_agreement", {}, set(), {"respondent"}),
    ("reject_agreement", "agreement_drafting", "respondent", "reject_agreement", {"reason": "Tidak sesuai."},
     {"petitioner"}, {"petitioner"}),
    ("withdraw", "mediation", "petitioner", "withdraw", {"reason": "Sudah damai."}, set(),
     {"respondent", "mediator"}),
]


def _roles(cast, ids: set[int]) -> set[str]:
    by_id = {user.id: role for role, user in cast.roles().items()}
    return {by_id.get(uid, f"user {uid}") for uid in ids}


@pytest.mark.django_db
@pytest.mark.parametrize(("prepare", "actor", "name", "payload", "emailed", "notified"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_transition_emails_whom_the_new_state_asks_to_act_and_notifies_those_concerned(
        cast, prepare, actor, name, payload, emailed, notified):
    flow = Flow(cast)
    if callable(prepare):
        prepare(flow)
    else:
        flow.to(prepare)
    mark = Since()
    flow.do(actor, name, **payload)

    assert _roles(cast, mark.emailed("transition")) == emailed
    assert _roles(cast, mark.notified("transition")) == notified
    assert {e.kind for e in mark.emails()} <= {"transition", "outcome_court_referral", "outcome_settled"}
    dispute = Dispute.objects.get(pk=flow.id)
    for email in mark.emails():
        user = email.user
        assert email.to == user.email and email.language == user.language == "id"
        assert dispute.number in email.subject
        link = f"{BASE}/perselisihan/{flow.id}/"
        assert link in email.body_text and f'href="{link}"' in email.body_html
        assert email.status == "pending"  # sent after commit; the test transaction never commits


@pytest.mark.django_db
def test_creating_editing_and_withdrawing_a_draft_tells_the_company_nothing(cast):
    mark = Since()
    flow = Flow(cast)
    edited = flow.clients["petitioner"].patch(flow.url, {"summary": "PHK sepihak (diubah)"}, format="json")
    assert edited.status_code == 200
    flow.do("petitioner", "withdraw", reason="")
    assert mark.emails() == []
    assert cast.company_user.id not in mark.notified()
    assert not Notification.objects.filter(user=cast.company_user).exists()


@pytest.mark.django_db
def test_registration_goes_to_every_officer_of_the_office_and_no_other(cast):
    from tests.factories import OfficerFactory

    second = OfficerFactory()
    inactive = OfficerFactory(is_active=False)
    flow = Flow(cast).to("bipartite_failed")
    mark = Since()
    flow.do("respondent", "register")
    assert mark.emailed() == {cast.officer.id, second.id}
    assert inactive.id not in mark.notified()
    assert cast.foreign_officer.id not in mark.notified() | mark.emailed()
    [email] = [e for e in mark.emails() if e.user_id == cast.officer.id]
    assert "Periksa kelengkapan pencatatan" in email.body_text


@pytest.mark.django_db
def test_returned_registration_e_mail_lists_the_missing_items(cast):
    flow = Flow(cast).to("registration_submitted")
    mark = Since()
    flow.do("officer", "return_registration", missing_items=["Slip gaji Oktober", "Salinan PKWT"])
    [email] = mark.emails()
    assert email.user_id == cast.worker.id
    for item in ("Slip gaji Oktober", "Salinan PKWT"):
        assert f"- {item}" in email.body_text and f"<li>{item}</li>" in email.body_html


@pytest.mark.django_db
def test_recommendation_e_mail_asks_each_party_to_answer_by_its_deadline(cast):
    flow = Flow(cast)
    _held(flow)
    mark = Since()
    flow.do("mediator", "issue_recommendation", considerations="Menimbang ...", recommendations="1. Bayar.")
    # No fixed date: each party's 10 working days run from its own receipt (UU 2/2004 Art. 13(2)(c)).
    assert not Deadline.objects.filter(dispute_id=flow.id, key="recommendation_answer").exists()
    emails = mark.emails()
    assert emails
    for email in emails:
        assert "Anjuran diterbitkan" in email.subject
        assert "jawab" in email.body_text.lower()
        assert "10" in email.body_text, email.body_text  # 10 working days from receipt (text: locale/pending)
        assert "Batas waktu:" not in email.body_text


@pytest.mark.django_db
def test_e_mail_is_in_the_recipients_language(cast):
    cast.company_user.language = "en"
    cast.company_user.save(update_fields=["language"])
    flow = Flow(cast).to("bipartite_invited")
    number = Dispute.objects.get(pk=flow.id).number
    [english] = OutboxEmail.objects.filter(user=cast.company_user)
    assert english.language == "en"
    assert english.subject == f"[SIKHI] Dispute {number}: Invited to bipartite negotiation"
    assert english.body_text.startswith(f"Dear {cast.company_user.name},")
    assert "invites you to bipartite negotiation" in english.body_text
    assert '<html lang="en">' in english.body_html

    mark = Since()
    flow.do("respondent", "accept_bipartite")
    [indonesian] = mark.emails()
    assert indonesian.user_id == cast.worker.id and indonesian.language == "id"
    assert indonesian.subject == f"[SIKHI] Perselisihan {number}: Perundingan bipartit"
    assert indonesian.body_text.startswith(f"Yth. {cast.worker.name},")
    assert '<html lang="id">' in indonesian.body_html


@pytest.mark.django_db
def test_outbox_e_mails_are_sent_after_commit_as_text_and_html(cast, committed):
    flow = Flow(cast)
    mail.outbox.clear()
    committed(flow.do, "petitioner", "submit")
    [message] = mail.outbox
    [row] = OutboxEmail.objects.filter(kind="transition")
    assert message.to == [cast.company_user.email]
    assert (message.subject, message.body) == (row.subject, row.body_text)
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html" and html == row.body_html
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 1) and row.sent_at is not None


@pytest.mark.django_db
def test_invitation_to_a_company_not_on_sikhi_goes_through_the_outbox_in_indonesian(cast, committed):
    cast.worker.language = "en"
    cast.worker.save(update_fields=["language"])
    flow = Flow(cast, respondent={"name": "CV Belum Ada", "email": "hrd@belum.test", "address": "Jl. Braga 1"})
    mail.outbox.clear()
    committed(flow.do, "petitioner", "submit")
    [row] = OutboxEmail.objects.all()
    assert (row.kind, row.to, row.language, row.user_id, row.status) == (
        "invitation", "hrd@belum.test", "id", None, "sent")
    [message] = mail.outbox
    number = Dispute.objects.get(pk=flow.id).number
    assert message.subject == f"[SIKHI] Undangan perundingan bipartit, perselisihan {number}"
    assert message.body.startswith("Yth. CV Belum Ada,")
    assert re.search(rf"{re.escape(BASE)}/daftar/\?undangan=[\w-]+", message.body)
    assert message.alternatives and "undangan=" in message.alternatives[0][0]


@pytest.mark.django_db
def test_expired_invitation_asks_both_parties_to_register(cast, committed):
    flow = Flow(cast).to("bipartite_invited")
    due = Deadline.objects.get(dispute_id=flow.id, key="invitation_response").due_at
    mark = Since()
    committed(deadlines_process, now=due + dt.timedelta(seconds=1))
    assert flow.state == "bipartite_failed"
    assert _roles(cast, mark.emailed("transition")) == {"petitioner", "respondent"}


@pytest.mark.django_db
def test_no_notice_ever_carries_a_caucus_message(cast, committed):
    flow = Flow(cast).to("mediation")
    secret = "RAHASIA-KAUKUS-7731"
    for kind, author in (("caucus_petitioner", cast.worker), ("caucus_respondent", cast.company_user)):
        room = Room.objects.get(dispute_id=flow.id, kind=kind)
        message_post(room_id=room.id, sender=author, client_id="0b7d8f36-6c11-4c5e-9f36-3c1d2a0e9f10",
                     body=f"{secret} {kind}")
    mark = Since()
    flow.hold_session()
    flow.do("mediator", "issue_recommendation", considerations="Menimbang ...", recommendations="1. Bayar.")
    committed(flow.do, "respondent", "respond_recommendation", accept=False, reason="Tidak.")
    assert mark.emails() and mark.notified()
    for email in OutboxEmail.objects.all():
        assert secret not in email.subject + email.body_text + email.body_html
    for notification in Notification.objects.all():
        assert secret not in str(notification.params)
    # The rooms themselves notify nobody.
    assert mark.notified("message") == set()
    feed = client_for(cast.company_user).get("/api/v1/notifications/")
    assert secret not in feed.content.decode()
