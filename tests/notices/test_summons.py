"""The summons: one notification and one e-mail per account of each summoned party, with the time and how to join."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from chat.models import OutboxEmail, Room
from disputes.models import Dispute
from mediation.models import MediationSession
from tests.notices.conftest import Since
from tests.workflow import Flow

WIB = ZoneInfo("Asia/Jakarta")
BASE = "http://127.0.0.1:8000"


@pytest.mark.django_db
def test_schedule_session_summons_each_party_by_e_mail_and_never_the_mediator_or_outsiders(cast):
    flow = Flow(cast).to("mediation")
    mark = Since()
    session_id = flow.schedule_session()
    session = MediationSession.objects.get(pk=session_id)
    at = session.scheduled_for.astimezone(WIB)
    number = Dispute.objects.get(pk=flow.id).number
    joint = Room.objects.get(dispute_id=flow.id, kind="joint")

    assert mark.emailed("summons") == {cast.worker.id, cast.company_user.id}
    assert mark.notified("summons") == {cast.worker.id, cast.company_user.id}
    assert {e.kind for e in mark.emails()} == {"summons"}
    for email in mark.emails():
        assert email.subject.startswith(f"[SIKHI] Surat panggilan ke-1, perselisihan {number}: Mediasi pada ")
        assert f"{at:%H:%M} WIB" in email.subject
        text = email.body_text
        assert f"{at.day} " in text and f"{at.year}, {at:%H:%M} WIB" in text
        assert "Mendengar keterangan para pihak" in text  # the agenda
        assert f"{BASE}/ruang/{joint.id}/" in text  # how to join
        assert f"{BASE}/perselisihan/{flow.id}/" in text  # where to acknowledge
        assert f'href="{BASE}/perselisihan/{flow.id}/"' in email.body_html


@pytest.mark.django_db
def test_summons_numbers_count_per_party_and_english_readers_get_english(cast):
    cast.worker.language = "en"
    cast.worker.save(update_fields=["language"])
    flow = Flow(cast).to("mediation")
    flow.schedule_session(kind="clarification")
    mark = Since()
    flow.schedule_session()
    [english] = [e for e in mark.emails() if e.user_id == cast.worker.id]
    [indonesian] = [e for e in mark.emails() if e.user_id == cast.company_user.id]
    number = Dispute.objects.get(pk=flow.id).number
    assert english.subject.startswith(f"[SIKHI] Summons no. 2, dispute {number}: Mediation on ")
    assert "How to join: the session is held online on SIKHI." in english.body_text
    assert indonesian.subject.startswith(f"[SIKHI] Surat panggilan ke-2, perselisihan {number}: ")


@pytest.mark.django_db
def test_summons_e_mails_are_sent_once_the_session_is_committed(cast, committed):
    flow = Flow(cast).to("mediation")
    mail.outbox.clear()
    committed(flow.schedule_session, kind="mediation")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.worker.email, cast.company_user.email])
    assert all(m.alternatives for m in mail.outbox)
    assert set(OutboxEmail.objects.filter(kind="summons").values_list("status", flat=True)) == {"sent"}


@pytest.mark.django_db
def test_a_refused_schedule_summons_nobody(cast):
    flow = Flow(cast).to("mediation")
    mark = Since()
    response = flow.clients["mediator"].post(f"{flow.url}sessions/", {
        "kind": "mediation", "scheduled_for": (dt.datetime.now(WIB) - dt.timedelta(hours=1)).isoformat(),
        "agenda": "Terlambat"}, format="json")
    assert response.status_code == 400
    outsider = flow.clients["other_mediator"].post(f"{flow.url}sessions/", {
        "kind": "mediation", "scheduled_for": (dt.datetime.now(WIB) + dt.timedelta(days=2)).isoformat(),
        "agenda": "Bukan mediatornya"}, format="json")
    assert outsider.status_code in (403, 404)
    assert mark.emails() == [] and mark.notified() == set()
