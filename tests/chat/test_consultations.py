"""Consultations: ask an office, the office's queue, claim, talk in the room, close (room turns read-only)."""

import uuid

import pytest

from tests.conftest import client_for
from tests.factories import CompanyUserFactory, MediatorFactory, OfficerFactory, WorkerFactory, office
from tests.helpers import assert_error

URL = "/api/v1/consultations/"


def ask(user, **body):
    data = {"regency": "32.73", "topic": "Pesangon", "question": "Berapa pesangon saya setelah 4 tahun?", **body}
    return client_for(user).post(URL, data, format="json")


def post_message(user, room_id, body="Halo"):
    return client_for(user).post(
        f"/api/v1/rooms/{room_id}/messages/", {"client_id": str(uuid.uuid4()), "body": body}, format="json"
    )


@pytest.mark.django_db
def test_ask_as_worker_opens_a_consultation_and_its_room():
    worker = WorkerFactory()
    response = ask(worker)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "open" and body["office"]["code"] == "32.73" and body["room"]["id"]
    room = client_for(worker).get(f"/api/v1/rooms/{body['room']['id']}/").json()
    assert room["kind"] == "consultation" and room["consultation_id"] == body["id"] and room["writable"] is True


@pytest.mark.django_db
def test_ask_as_company_works_and_as_staff_is_refused():
    assert ask(CompanyUserFactory()).status_code == 201
    assert_error(ask(OfficerFactory()), 403, "forbidden")
    assert_error(ask(MediatorFactory()), 403, "forbidden")


@pytest.mark.django_db
def test_ask_with_bad_input_answers_400_naming_the_field():
    worker = WorkerFactory()
    assert "regency" in assert_error(ask(worker, regency="99.99"), 400, "invalid")
    assert "topic" in assert_error(ask(worker, topic=""), 400, "invalid")
    assert "question" in assert_error(
        client_for(worker).post(URL, {"regency": "32.73", "topic": "x"}, format="json"), 400, "invalid"
    )


@pytest.mark.django_db
def test_queue_shows_the_office_its_questions_and_askers_their_own():
    worker, other = WorkerFactory(), WorkerFactory()
    mine = ask(worker).json()["id"]
    ask(other, regency="32.04")
    officer, foreign = OfficerFactory(), OfficerFactory(office=office("32.04"))
    assert [c["id"] for c in client_for(worker).get(URL).json()["results"]] == [mine]
    assert [c["id"] for c in client_for(officer).get(URL).json()["results"]] == [mine]
    assert mine not in [c["id"] for c in client_for(foreign).get(URL).json()["results"]]
    assert client_for(other).get(URL).json()["results"][0]["office"]["code"] == "32.04"
    assert_error(client_for(officer).get(URL, {"status": "bogus"}), 400, "invalid")


@pytest.mark.django_db
def test_room_members_are_the_asker_and_the_offices_officers_only():
    worker = WorkerFactory()
    room_id = ask(worker).json()["room"]["id"]
    officer = OfficerFactory()
    assert post_message(worker, room_id, "Pertanyaan saya").status_code == 201
    assert post_message(officer, room_id, "Jawaban kami").status_code == 201
    for outsider in (WorkerFactory(), MediatorFactory(), OfficerFactory(office=office("32.04"))):
        assert_error(client_for(outsider).get(f"/api/v1/rooms/{room_id}/messages/"), 404, "not_found")
        assert_error(post_message(outsider, room_id), 404, "not_found")


@pytest.mark.django_db
def test_claim_then_close_makes_the_room_read_only():
    worker, officer = WorkerFactory(), OfficerFactory()
    created = ask(worker).json()
    claim = client_for(officer).post(f"{URL}{created['id']}/claim/")
    assert claim.status_code == 200 and claim.json()["status"] == "claimed"
    assert claim.json()["officer"]["id"] == officer.id
    assert_error(client_for(OfficerFactory()).post(f"{URL}{created['id']}/claim/"), 409, "conflict")
    assert_error(client_for(OfficerFactory()).post(f"{URL}{created['id']}/close/"), 403, "forbidden")
    closed = client_for(worker).post(f"{URL}{created['id']}/close/")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert client_for(worker).get(f"/api/v1/rooms/{created['room']['id']}/").json()["writable"] is False
    assert_error(post_message(worker, created["room"]["id"]), 409, "not_writable")
    history = client_for(officer).get(f"/api/v1/rooms/{created['room']['id']}/messages/")
    assert history.status_code == 200  # still readable by its members


@pytest.mark.django_db
def test_claim_by_another_offices_officer_or_the_asker_is_refused():
    worker = WorkerFactory()
    created = ask(worker).json()
    assert_error(
        client_for(OfficerFactory(office=office("32.04"))).post(f"{URL}{created['id']}/claim/"), 404, "not_found"
    )
    assert_error(client_for(worker).post(f"{URL}{created['id']}/claim/"), 403, "forbidden")


@pytest.mark.django_db(transaction=True)
def test_convert_twice_at_once_makes_one_draft_and_both_get_it():
    """Two conversions at once (a double click, two tabs): the consultation's row lock makes the second wait
    for the first and then find its draft."""
    import threading
    import time

    from django.db import connection

    from chat import consultations
    from chat.models import Consultation
    from disputes import services
    from disputes.models import Dispute
    from tests.factories import CompanyFactory

    worker, company = WorkerFactory(), CompanyFactory()
    consultation = Consultation.objects.get(pk=ask(worker).json()["id"])
    original, first = services.dispute_create, threading.Lock()
    start = threading.Barrier(2)
    outcomes: list = [None, None]

    def slow_create(**kwargs):
        if first.acquire(blocking=False):
            time.sleep(0.4)  # keep the winner's transaction (and its lock) open
        return original(**kwargs)

    def run(i):
        try:
            start.wait()
            outcomes[i] = consultations.consultation_to_dispute(
                consultation=Consultation.objects.get(pk=consultation.pk), by=worker,
                respondent={"nib": company.nib}, workplace_regency="32.73")
        except Exception as exc:
            outcomes[i] = exc
        finally:
            connection.close()

    services.dispute_create = slow_create
    try:
        threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        services.dispute_create = original
    [dispute] = Dispute.objects.all()
    assert sorted((d.pk, created) for d, created in outcomes) == [(dispute.pk, False), (dispute.pk, True)], outcomes
    assert Consultation.objects.get(pk=consultation.pk).dispute_id == dispute.pk
