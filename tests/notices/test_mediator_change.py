"""E-mails when an officer hands a case to another mediator: the new mediator, each party's accounts and the
former mediator are told, each in their own language, with a link to the case and nothing of the rooms."""

from __future__ import annotations

import pytest
from django.core import mail

from chat.models import OutboxEmail, Room
from chat.services import message_post
from disputes.models import Dispute
from tests.factories import MediatorFactory
from tests.notices.conftest import Since
from tests.workflow import Flow

LINK = "http://127.0.0.1:8000/perselisihan/{}/"


def _reassign(flow: Flow, role: str = "officer", mediator=None):
    mediator = mediator or flow.cast.other_mediator
    return flow.clients[role].post(f"{flow.url}mediator/", {"mediator": mediator.id}, format="json")


@pytest.mark.django_db
def test_reassign_mediator_emails_the_new_mediator_the_parties_and_the_former_one(cast):
    cast.company_user.language = "en"
    cast.company_user.save(update_fields=["language"])
    flow = Flow(cast).to("mediation")
    number = Dispute.objects.get(pk=flow.id).number
    mark = Since()
    response = _reassign(flow)
    assert response.status_code == 200, response.content

    rows = {row.user_id: row for row in mark.emails()}
    assert set(rows) == {cast.other_mediator.id, cast.worker.id, cast.company_user.id,
                         cast.mediator.id}  # never the officer who made the change
    assert {uid: row.kind for uid, row in rows.items()} == {
        cast.other_mediator.id: "mediator_assigned", cast.worker.id: "mediator_changed",
        cast.company_user.id: "mediator_changed",
        cast.mediator.id: "mediator_unassigned"}
    for row in rows.values():
        user = row.user
        assert row.to == user.email and row.language == user.language and row.dispute_id == flow.id
        assert number in row.subject
        assert LINK.format(flow.id) in row.body_text and f'href="{LINK.format(flow.id)}"' in row.body_html

    new = rows[cast.other_mediator.id]
    assert new.language == "id"
    assert new.subject == f"[SIKHI] Perselisihan {number}: Anda kini mediatornya"
    assert new.body_text.startswith(f"Yth. {cast.other_mediator.name},")
    assert f"menggantikan {cast.mediator.name}" in new.body_text and "Mediasi" in new.body_text
    assert "Batas waktu Anda berikutnya" in new.body_text  # the first session is owed by the mediator

    worker = rows[cast.worker.id]
    assert worker.subject == f"[SIKHI] Perselisihan {number}: mediator Anda kini {cast.other_mediator.name}"
    english = rows[cast.company_user.id]
    assert english.language == "en"
    assert english.subject == f"[SIKHI] Dispute {number}: your mediator is now {cast.other_mediator.name}"
    assert f"Your mediator is now {cast.other_mediator.name}, in place of {cast.mediator.name}." in english.body_text
    assert '<html lang="en">' in english.body_html

    former = rows[cast.mediator.id]
    assert former.subject == f"[SIKHI] Perselisihan {number}: dialihkan ke mediator lain"
    assert cast.other_mediator.name in former.body_text


@pytest.mark.django_db
def test_reassign_mediator_emails_carry_nothing_of_the_rooms(cast):
    flow = Flow(cast).to("mediation")
    secret = "RAHASIA-RUANG-5521"
    for kind, author in (("joint", cast.worker), ("caucus_respondent", cast.company_user),
                         ("caucus_petitioner", cast.mediator)):
        room = Room.objects.get(dispute_id=flow.id, kind=kind)
        message_post(room_id=room.id, sender=author, client_id="6f1d1c2e-2b7a-4d1f-9a51-0c3f5e7b9d21",
                     body=f"{secret} {kind}")
    mark = Since()
    assert _reassign(flow).status_code == 200
    assert len(mark.emails()) == 4
    for row in mark.emails():
        assert secret not in row.subject + row.body_text + row.body_html


@pytest.mark.django_db
def test_reassign_mediator_emails_are_sent_after_commit(cast, committed):
    flow = Flow(cast).to("mediation")
    mail.outbox.clear()
    response = committed(_reassign, flow)
    assert response.status_code == 200
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        u.email for u in (cast.other_mediator, cast.worker, cast.company_user, cast.mediator))
    assert set(OutboxEmail.objects.filter(kind__startswith="mediator_").values_list("status", flat=True)) == {"sent"}


@pytest.mark.django_db
def test_reassign_mediator_refused_sends_no_email(cast):
    flow = Flow(cast).to("mediation")
    mark = Since()
    assert _reassign(flow, "foreign_officer").status_code in (403, 404)
    assert _reassign(flow, "mediator").status_code in (403, 404)
    assert _reassign(flow, mediator=cast.foreign_mediator).status_code == 400
    assert _reassign(flow, mediator=cast.mediator).status_code == 400  # already assigned
    assert mark.emails() == []


@pytest.mark.django_db
def test_reassign_mediator_skips_accounts_without_email_or_inactive(cast):
    flow = Flow(cast).to("mediation")
    cast.company_user.is_active = False
    cast.company_user.save(update_fields=["is_active"])
    cast.mediator.email = ""
    cast.mediator.save(update_fields=["email"])
    new = MediatorFactory()
    mark = Since()
    assert _reassign(flow, mediator=new).status_code == 200
    assert mark.emailed() == {new.id, cast.worker.id}
