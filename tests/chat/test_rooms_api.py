"""Rooms over HTTP: the room, its history (after_seq, before_seq, limit), posting, pause and resume."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.layers import DEFAULT_CHANNEL_LAYER, channel_layers, get_channel_layer
from django.db import connections
from django.db.models import F
from django.utils import timezone
from rest_framework.test import APIClient

from chat.models import Message, Room
from tests.chat.conftest import connect, frames_until
from tests.conftest import client_for
from tests.helpers import assert_error
from tests.workflow import Cast, Flow


@pytest.fixture
async def _own_channel_layer():
    """A channel layer instance per test. Each test runs its own event loop, and channels_redis keeps asyncio
    locks bound to the loop that first waited on them (`receive_clean_locks`); shared across tests, the Redis
    layer fails with "Lock ... is bound to a different event loop". (A candidate for tests/chat/conftest.py.)"""
    channel_layers.set(DEFAULT_CHANNEL_LAYER, channel_layers.make_backend(DEFAULT_CHANNEL_LAYER))
    yield
    layer = get_channel_layer()
    if hasattr(layer, "flush"):
        await layer.flush()
    channel_layers.set(DEFAULT_CHANNEL_LAYER, channel_layers.make_backend(DEFAULT_CHANNEL_LAYER))
    # The test's own sync_to_async calls leave a connection open in asgiref's worker thread; on PostgreSQL
    # it would keep the test database from being dropped at the end of the run.
    await sync_to_async(connections.close_all)()


def room_of(flow: Flow, kind: str) -> Room:
    return Room.objects.get(dispute_id=flow.id, kind=kind)


def mediation_with_bipartite_room() -> Flow:
    """Bipartite negotiation (its room opens), fails, then registration and mediation: all four rooms exist."""
    flow = Flow(Cast()).to("bipartite")
    flow.record_meeting()
    flow.do("petitioner", "fail_bipartite")
    flow.do("petitioner", "register")
    flow.do("officer", "accept_registration")
    flow.do("petitioner", "choose_route", route="mediation")
    flow.do("officer", "assign_mediator")
    return flow


def seed_messages(room: Room, sender, count: int) -> None:
    """History to page through, older than the rate window (fixture data, not a post)."""
    start, at = room.last_seq, timezone.now() - dt.timedelta(hours=1)
    Message.objects.bulk_create(
        [
            Message(
                room=room,
                seq=start + n,
                client_id=uuid.uuid4(),
                sender=sender,
                body=f"pesan {start + n}",
                created_at=at + dt.timedelta(seconds=n),
            )
            for n in range(1, count + 1)
        ]
    )
    Room.objects.filter(pk=room.pk).update(last_seq=F("last_seq") + count)


def messages_url(room_id: int) -> str:
    return f"/api/v1/rooms/{room_id}/messages/"


def send(client, room_id: int, body: str = "Halo", client_id: str | None = None):
    return client.post(
        messages_url(room_id), {"client_id": client_id or str(uuid.uuid4()), "body": body}, format="json"
    )


def seqs(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [m["seq"] for m in response.json()["results"]]


# --- the room --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_get_room_as_a_member_answers_its_state():
    flow = Flow(Cast()).to("bipartite")
    room = room_of(flow, "bipartite")
    for role in ("petitioner", "respondent"):
        response = flow.clients[role].get(f"/api/v1/rooms/{room.id}/")
        assert response.status_code == 200
        assert response.json() == {
            "id": room.id,
            "kind": "bipartite",
            "dispute_id": flow.id,
            "consultation_id": None,
            "writable": True,
            "paused": False,
            "last_seq": 0,
        }
    assert send(flow.clients["petitioner"], room.id).status_code == 201
    assert flow.clients["respondent"].get(f"/api/v1/rooms/{room.id}/").json()["last_seq"] == 1


@pytest.mark.django_db
def test_get_room_of_mediation_as_the_mediator_answers_its_state():
    flow = Flow(Cast()).to("mediation")
    for kind in ("joint", "caucus_petitioner", "caucus_respondent"):
        room = room_of(flow, kind)
        body = flow.clients["mediator"].get(f"/api/v1/rooms/{room.id}/").json()
        assert body == {
            "id": room.id,
            "kind": kind,
            "dispute_id": flow.id,
            "consultation_id": None,
            "writable": True,
            "paused": False,
            "last_seq": 0,
        }


@pytest.mark.django_db
def test_get_room_as_a_non_member_is_404():
    flow = mediation_with_bipartite_room()
    hidden = {
        "bipartite": ["officer", "mediator", "other_mediator", "other_worker", "other_company", "foreign_officer"],
        "joint": ["officer", "other_mediator", "other_worker", "other_company", "foreign_mediator"],
        "caucus_petitioner": ["respondent", "officer", "other_worker", "other_mediator"],
        "caucus_respondent": ["petitioner", "officer", "other_company", "other_mediator"],
    }
    for kind, roles in hidden.items():
        room = room_of(flow, kind)
        for role in roles:
            for url in (f"/api/v1/rooms/{room.id}/", messages_url(room.id)):
                assert_error(flow.clients[role].get(url), 404, "not_found")
            assert_error(send(flow.clients[role], room.id), 404, "not_found")
    assert_error(flow.clients["petitioner"].get("/api/v1/rooms/999999/"), 404, "not_found")
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_get_room_anonymous_is_401():
    flow = Flow(Cast()).to("bipartite")
    room = room_of(flow, "bipartite")
    anonymous = APIClient()
    assert_error(anonymous.get(f"/api/v1/rooms/{room.id}/"), 401, "not_authenticated")
    assert_error(anonymous.get(messages_url(room.id)), 401, "not_authenticated")
    assert_error(send(anonymous, room.id), 401, "not_authenticated")
    assert_error(anonymous.post(f"/api/v1/rooms/{room.id}/pause/"), 401, "not_authenticated")


# --- history ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_list_messages_answers_ascending_seq_with_the_message_shape():
    flow = Flow(Cast()).to("bipartite")
    room = room_of(flow, "bipartite")
    client_id = str(uuid.uuid4())
    posted = send(flow.clients["petitioner"], room.id, "Selamat pagi", client_id).json()
    send(flow.clients["respondent"], room.id, "Pagi juga")
    response = flow.clients["respondent"].get(messages_url(room.id))
    body = response.json()
    assert set(body) == {"results", "last_seq"} and body["last_seq"] == 2
    assert seqs(response) == [1, 2]
    first = body["results"][0]
    worker = flow.cast.worker
    assert first == {
        "id": posted["id"],
        "seq": 1,
        "client_id": client_id,
        "room_id": room.id,
        "sender": {"id": worker.id, "name": worker.name, "role": "worker"},
        "body": "Selamat pagi",
        "created_at": posted["created_at"],
    }
    assert dt.datetime.fromisoformat(first["created_at"]).utcoffset() == dt.timedelta(hours=7)


@pytest.mark.django_db
def test_list_messages_pages_with_after_seq_before_seq_and_limit():
    flow = Flow(Cast()).to("bipartite")
    room = room_of(flow, "bipartite")
    seed_messages(room, flow.cast.worker, 250)
    client = flow.clients["petitioner"]
    url = messages_url(room.id)
    assert seqs(client.get(url)) == list(range(201, 251))  # the newest 50
    assert seqs(client.get(url, {"after_seq": 0})) == list(range(1, 51))
    assert seqs(client.get(url, {"after_seq": 240})) == list(range(241, 251))
    assert seqs(client.get(url, {"after_seq": 250})) == []
    assert seqs(client.get(url, {"after_seq": 10, "limit": 5})) == [11, 12, 13, 14, 15]
    assert seqs(client.get(url, {"before_seq": 100, "limit": 5})) == [95, 96, 97, 98, 99]
    assert seqs(client.get(url, {"before_seq": 3})) == [1, 2]
    assert seqs(client.get(url, {"before_seq": 1})) == []
    assert seqs(client.get(url, {"before_seq": 251})) == list(range(201, 251))
    assert seqs(client.get(url, {"limit": 200})) == list(range(51, 251))
    assert seqs(client.get(url, {"after_seq": 0, "limit": 200})) == list(range(1, 201))
    assert seqs(client.get(url, {"limit": 1})) == [250]
    assert client.get(url, {"after_seq": 0, "limit": 1}).json()["last_seq"] == 250


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"after_seq": "-1"}, "after_seq"),
        ({"after_seq": "abc"}, "after_seq"),
        ({"after_seq": "1.5"}, "after_seq"),
        ({"before_seq": "0"}, "before_seq"),
        ({"before_seq": "x"}, "before_seq"),
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"limit": "-5"}, "limit"),
        ({"after_seq": "1", "before_seq": "5"}, "before_seq"),
    ],
)
def test_list_messages_with_bad_parameters_is_400(params, field):
    flow = Flow(Cast()).to("bipartite")
    room = room_of(flow, "bipartite")
    details = assert_error(flow.clients["petitioner"].get(messages_url(room.id), params), 400, "invalid")
    assert field in details


# --- posting ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_post_message_as_a_member_answers_201_and_a_repeated_client_id_200_with_the_stored_message():
    flow = Flow(Cast()).to("bipartite")
    room = room_of(flow, "bipartite")
    client, client_id = flow.clients["respondent"], str(uuid.uuid4())
    created = send(client, room.id, "  Kami siap berunding.  ", client_id)
    assert created.status_code == 201
    company = flow.cast.company_user
    body = created.json()
    assert body["seq"] == 1 and body["body"] == "Kami siap berunding." and body["client_id"] == client_id
    assert body["sender"] == {"id": company.id, "name": company.name, "role": "company"}
    again = send(client, room.id, "another text", client_id)
    assert again.status_code == 200 and again.json() == body
    assert list(Message.objects.filter(room=room).values_list("seq", "body")) == [(1, "Kami siap berunding.")]


@pytest.mark.django_db
@pytest.mark.parametrize("body", ["", "    ", "\n\t", "x" * 4001, 42, None])
def test_post_message_with_an_empty_oversized_or_non_text_body_is_400(body):
    flow = Flow(Cast()).to("bipartite")
    room = room_of(flow, "bipartite")
    response = flow.clients["petitioner"].post(
        messages_url(room.id), {"client_id": str(uuid.uuid4()), "body": body}, format="json"
    )
    assert "body" in assert_error(response, 400, "invalid")
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_post_message_of_exactly_4000_characters_answers_201():
    flow = Flow(Cast()).to("bipartite")
    room = room_of(flow, "bipartite")
    response = send(flow.clients["petitioner"], room.id, "b" * 4000)
    assert response.status_code == 201 and len(response.json()["body"]) == 4000


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload",
    [
        {"body": "Halo"},
        {"client_id": "not-a-uuid", "body": "Halo"},
        {"client_id": "", "body": "Halo"},
        {"client_id": None, "body": "Halo"},
        {"client_id": 1, "body": "Halo"},
        {"client_id": 12345678901234567890123456789012, "body": "Halo"},
    ],
)
def test_post_message_without_a_valid_client_id_is_400(payload):
    flow = Flow(Cast()).to("bipartite")
    room = room_of(flow, "bipartite")
    response = flow.clients["petitioner"].post(messages_url(room.id), payload, format="json")
    assert "client_id" in assert_error(response, 400, "invalid")


@pytest.mark.django_db
def test_post_message_in_a_read_only_stage_is_409_not_writable():
    flow = Flow(Cast()).to("bipartite")
    flow.record_meeting()
    flow.do("respondent", "fail_bipartite")
    room = room_of(flow, "bipartite")
    assert flow.clients["petitioner"].get(f"/api/v1/rooms/{room.id}/").json()["writable"] is False
    assert_error(send(flow.clients["petitioner"], room.id), 409, "not_writable")
    assert flow.clients["petitioner"].get(messages_url(room.id)).status_code == 200  # still readable


@pytest.mark.django_db
def test_post_message_in_a_paused_room_is_409_for_parties_and_201_for_the_mediator():
    flow = Flow(Cast()).to("mediation")
    for kind in ("joint", "caucus_petitioner", "caucus_respondent"):
        room = room_of(flow, kind)
        assert flow.clients["mediator"].post(f"/api/v1/rooms/{room.id}/pause/").status_code == 200
        party = {"joint": "petitioner", "caucus_petitioner": "petitioner", "caucus_respondent": "respondent"}[kind]
        assert_error(send(flow.clients[party], room.id), 409, "not_writable")
        assert send(flow.clients["mediator"], room.id, "Harap menunggu.").status_code == 201
        assert flow.clients["mediator"].post(f"/api/v1/rooms/{room.id}/resume/").status_code == 200
        assert send(flow.clients[party], room.id).status_code == 201


@pytest.mark.django_db
def test_post_message_past_20_in_10_seconds_is_429_with_retry_after():
    flow = Flow(Cast()).to("bipartite")
    room = room_of(flow, "bipartite")
    client = flow.clients["petitioner"]
    for n in range(20):
        assert send(client, room.id, f"pesan {n}").status_code == 201
    response = send(client, room.id, "pesan 21")
    assert_error(response, 429, "rate_limited")
    assert response["Retry-After"] == "10"
    assert Message.objects.filter(room=room).count() == 20
    assert send(flow.clients["respondent"], room.id).status_code == 201  # per user


@pytest.mark.django_db
def test_post_message_past_20_counts_only_the_last_10_seconds():
    flow = Flow(Cast()).to("bipartite")
    room = room_of(flow, "bipartite")
    seed_messages(room, flow.cast.worker, 40)  # an hour ago
    assert send(flow.clients["petitioner"], room.id).status_code == 201


# --- pause and resume ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pause_by_the_assigned_mediator_answers_the_room_and_resume_undoes_it():
    flow = Flow(Cast()).to("mediation")
    room = room_of(flow, "joint")
    mediator = flow.clients["mediator"]
    paused = mediator.post(f"/api/v1/rooms/{room.id}/pause/")
    assert paused.status_code == 200
    assert paused.json() == {
        "id": room.id,
        "kind": "joint",
        "dispute_id": flow.id,
        "consultation_id": None,
        "writable": True,
        "paused": True,
        "last_seq": 0,
    }
    assert mediator.post(f"/api/v1/rooms/{room.id}/pause/").json()["paused"] is True  # idempotent
    assert flow.clients["petitioner"].get(f"/api/v1/rooms/{room.id}/").json()["paused"] is True
    resumed = mediator.post(f"/api/v1/rooms/{room.id}/resume/")
    assert resumed.status_code == 200 and resumed.json()["paused"] is False
    assert Room.objects.get(pk=room.id).paused is False


@pytest.mark.django_db
def test_pause_by_anyone_but_the_assigned_mediator_is_refused():
    flow = mediation_with_bipartite_room()
    for kind in ("joint", "caucus_petitioner", "caucus_respondent"):
        room = room_of(flow, kind)
        for role in ("petitioner", "respondent"):
            client = flow.clients[role]
            if (kind, role) in {("caucus_petitioner", "respondent"), ("caucus_respondent", "petitioner")}:
                assert_error(client.post(f"/api/v1/rooms/{room.id}/pause/"), 404, "not_found")
            else:
                assert_error(client.post(f"/api/v1/rooms/{room.id}/pause/"), 403, "forbidden")
                assert_error(client.post(f"/api/v1/rooms/{room.id}/resume/"), 403, "forbidden")
        for role in ("officer", "other_mediator", "foreign_mediator"):
            assert_error(flow.clients[role].post(f"/api/v1/rooms/{room.id}/pause/"), 404, "not_found")
    bipartite = room_of(flow, "bipartite")
    # The mediator is not a member of the bipartite room; its parties may not pause it.
    assert_error(flow.clients["mediator"].post(f"/api/v1/rooms/{bipartite.id}/pause/"), 404, "not_found")
    assert_error(flow.clients["petitioner"].post(f"/api/v1/rooms/{bipartite.id}/pause/"), 403, "forbidden")
    assert not Room.objects.filter(paused=True).exists()


@pytest.mark.django_db
def test_pause_after_a_reassignment_is_refused_to_the_former_mediator():
    flow = Flow(Cast()).to("mediation")
    room = room_of(flow, "joint")
    response = flow.clients["officer"].post(
        f"{flow.url}mediator/", {"mediator": flow.cast.other_mediator.id}, format="json"
    )
    assert response.status_code == 200, response.content
    assert_error(flow.clients["mediator"].post(f"/api/v1/rooms/{room.id}/pause/"), 404, "not_found")
    assert client_for(flow.cast.other_mediator).post(f"/api/v1/rooms/{room.id}/pause/").status_code == 200


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_own_channel_layer")
async def test_pause_and_resume_send_the_room_frame_to_connected_sockets():
    flow = await sync_to_async(lambda: Flow(Cast()).to("mediation"))()
    rid = await sync_to_async(lambda: room_of(flow, "caucus_respondent").id)()
    sockets = []
    for user in (flow.cast.company_user, flow.cast.mediator):
        socket, connected, _ = await connect(f"/ws/rooms/{rid}/", user)
        assert connected
        assert await socket.receive_json_from(timeout=3) == {"type": "room", "writable": True, "paused": False}
        sockets.append(socket)
    for action, paused in (("pause", True), ("resume", False)):
        response = await sync_to_async(flow.clients["mediator"].post)(f"/api/v1/rooms/{rid}/{action}/")
        assert response.status_code == 200
        for socket in sockets:
            frames = await frames_until(socket, lambda f: f["type"] == "room", timeout=3)
            assert frames[-1] == {"type": "room", "writable": True, "paused": paused}
    for socket in sockets:
        await socket.disconnect()
