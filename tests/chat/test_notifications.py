"""Notifications: the /ws/notifications/ socket (who is told what, in which language) and the HTTP list."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from rest_framework.test import APIClient

from chat.models import Notification
from disputes.models import Dispute
from sikhi.asgi import application
from tests.chat.conftest import ORIGIN, connect, session_cookie
from tests.conftest import client_for
from tests.helpers import assert_error
from tests.workflow import Cast, Flow

MUST_ARRIVE = 3.0
SILENCE = 0.3
URL = "/ws/notifications/"
FRAME_KEYS = {"type", "id", "kind", "dispute_id", "title", "created_at"}


async def listen(user, *, accept_language: bytes | None = None, cookie_language: str | None = None):
    """A connected notification socket; the language comes from the header or the django_language cookie."""
    cookie = await sync_to_async(session_cookie)(user)
    if cookie_language:
        cookie += f"; django_language={cookie_language}".encode()
    headers = [ORIGIN, (b"cookie", cookie)]
    if accept_language:
        headers.append((b"accept-language", accept_language))
    communicator = WebsocketCommunicator(application, URL, headers=headers)
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    return communicator


async def silent(*communicators) -> None:
    """None of these sockets receives anything."""
    results = await asyncio.gather(*[c.receive_nothing(timeout=SILENCE) for c in communicators])
    assert all(results), results


async def disconnect(*communicators) -> None:
    for communicator in communicators:
        await communicator.disconnect()


async def number_of(flow: Flow) -> str:
    return await sync_to_async(lambda: Dispute.objects.get(pk=flow.id).number)()


# --- the socket -------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
async def test_connect_notifications_without_a_session_is_closed_with_4401():
    socket, connected, _ = await connect(URL, None)
    assert connected
    assert await socket.receive_output(timeout=MUST_ARRIVE) == {"type": "websocket.close", "code": 4401}
    await socket.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_connect_notifications_from_a_foreign_origin_is_refused():
    cast = await sync_to_async(Cast)()
    socket, connected, code = await connect(URL, cast.worker, origin=b"http://evil.example")
    assert (connected, code) == (False, 1000)
    await socket.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_ping_on_the_notification_socket_is_answered_and_other_frames_are_invalid():
    cast = await sync_to_async(Cast)()
    socket = await listen(cast.worker)
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_json_from(timeout=MUST_ARRIVE) == {"type": "pong"}
    await socket.send_to(text_data="nope")
    assert (await socket.receive_json_from(timeout=MUST_ARRIVE))["code"] == "invalid"
    await socket.send_json_to({"type": "message", "body": "x"})
    assert (await socket.receive_json_from(timeout=MUST_ARRIVE))["code"] == "invalid"
    await disconnect(socket)


@pytest.mark.django_db(transaction=True)
async def test_submit_notifies_the_company_but_not_the_petitioner_and_creation_notifies_nobody():
    cast = await sync_to_async(Cast)()
    worker, company, bystander = (
        await listen(cast.worker),
        await listen(cast.company_user),
        await listen(cast.other_company_user),
    )
    flow = await sync_to_async(Flow)(cast)  # a draft: the company must not learn of it
    edited = await sync_to_async(flow.clients["petitioner"].patch)(
        flow.url, {"summary": "PHK sepihak (diubah)"}, format="json"
    )
    assert edited.status_code == 200, edited.content
    await silent(worker, company, bystander)
    assert not await sync_to_async(Notification.objects.exists)()

    await sync_to_async(flow.do)("petitioner", "submit")
    frame = await company.receive_json_from(timeout=MUST_ARRIVE)
    row = await sync_to_async(Notification.objects.get)(user=cast.company_user)
    assert set(frame) == FRAME_KEYS
    assert (frame["type"], frame["id"], frame["kind"], frame["dispute_id"]) == (
        "notification",
        row.id,
        "transition",
        flow.id,
    )
    assert frame["title"] and await number_of(flow) in frame["title"]
    assert frame["created_at"].endswith("+07:00")
    await silent(worker, company, bystander)
    await disconnect(worker, company, bystander)


@pytest.mark.django_db(transaction=True)
async def test_transition_in_mediation_notifies_the_other_party_and_the_mediator_but_not_the_actor():
    flow = await sync_to_async(lambda: Flow(Cast()).to("mediation"))()
    cast = flow.cast
    petitioner, respondent, mediator = (
        await listen(cast.worker),
        await listen(cast.company_user),
        await listen(cast.mediator),
    )
    officer, other_mediator = await listen(cast.officer), await listen(cast.other_mediator)
    await sync_to_async(flow.do)("petitioner", "withdraw", reason="Sudah damai.")
    for socket, user in ((respondent, cast.company_user), (mediator, cast.mediator)):
        frame = await socket.receive_json_from(timeout=MUST_ARRIVE)
        assert (frame["type"], frame["kind"], frame["dispute_id"]) == ("notification", "transition", flow.id)
        row = await sync_to_async(Notification.objects.filter(user=user).latest)("id")
        assert frame["id"] == row.id and row.params["target"] == "withdrawn"
    await silent(petitioner, respondent, mediator, officer, other_mediator)
    await disconnect(petitioner, respondent, mediator, officer, other_mediator)


@pytest.mark.django_db(transaction=True)
async def test_schedule_session_sends_a_summons_to_both_parties_and_nothing_to_the_mediator():
    flow = await sync_to_async(lambda: Flow(Cast()).to("mediation"))()
    cast = flow.cast
    petitioner, respondent, mediator = (
        await listen(cast.worker),
        await listen(cast.company_user),
        await listen(cast.mediator, accept_language=b"en"),
    )
    await sync_to_async(flow.schedule_session)()
    number = await number_of(flow)
    for socket in (petitioner, respondent):
        frame = await socket.receive_json_from(timeout=MUST_ARRIVE)
        assert set(frame) == FRAME_KEYS
        assert (frame["type"], frame["kind"], frame["dispute_id"]) == ("notification", "summons", flow.id)
        assert number in frame["title"]
    await silent(petitioner, respondent, mediator)
    kinds = await sync_to_async(
        lambda: sorted(Notification.objects.filter(kind="summons").values_list("user_id", flat=True))
    )()
    assert kinds == sorted([cast.worker.id, cast.company_user.id])
    await disconnect(petitioner, respondent, mediator)


@pytest.mark.django_db(transaction=True)
async def test_notification_title_follows_the_sockets_language():
    cast = await sync_to_async(Cast)()
    flow = await sync_to_async(Flow)(cast)
    default = await listen(cast.company_user)
    by_header = await listen(cast.company_user, accept_language=b"en-US,en;q=0.9,id;q=0.5")
    by_cookie = await listen(cast.company_user, cookie_language="en")
    indonesian_header = await listen(cast.company_user, accept_language=b"id")
    await sync_to_async(flow.do)("petitioner", "submit")
    number = await number_of(flow)
    frames = [
        await s.receive_json_from(timeout=MUST_ARRIVE) for s in (default, by_header, by_cookie, indonesian_header)
    ]
    assert len({f["id"] for f in frames}) == 1  # one notification, rendered per socket
    english = f"Dispute {number}: Invited to bipartite negotiation"
    assert frames[1]["title"] == frames[2]["title"] == english
    for frame in (frames[0], frames[3]):
        assert frame["title"] != english
        assert number in frame["title"] and frame["title"].endswith("Undangan perundingan bipartit")
    await disconnect(default, by_header, by_cookie, indonesian_header)


@pytest.mark.django_db(transaction=True)
async def test_summons_title_in_english_names_the_summons_and_the_session():
    flow = await sync_to_async(lambda: Flow(Cast()).to("mediation"))()
    socket = await listen(flow.cast.worker, accept_language=b"en")
    await sync_to_async(flow.schedule_session)()
    frame = await socket.receive_json_from(timeout=MUST_ARRIVE)
    number = await number_of(flow)
    assert frame["title"].startswith(f"Summons no. 1 for dispute {number}: session on ")
    assert frame["title"].endswith(" WIB")
    await disconnect(socket)


# --- over HTTP ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_list_unread_notifications_answers_newest_first_in_the_requests_language():
    flow = Flow(Cast()).to("bipartite")  # the company is told of submit ...
    flow.record_meeting()
    flow.do("petitioner", "fail_bipartite")  # ... and of the failure
    client = flow.clients["respondent"]
    rows = list(Notification.objects.filter(user=flow.cast.company_user).order_by("-id"))
    assert [r.params["target"] for r in rows] == ["bipartite_failed", "bipartite_invited"]
    response = client.get("/api/v1/notifications/", {"unread": "true"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"results", "next"} and body["next"] is None
    assert [n["id"] for n in body["results"]] == [r.id for r in rows]
    number = Dispute.objects.get(pk=flow.id).number
    first = body["results"][0]
    assert first == {
        "id": rows[0].id,
        "kind": "transition",
        "dispute_id": flow.id,
        "title": f"Dispute {number}: Bipartite failed",
        "created_at": first["created_at"],
        "read": False,
    }
    indonesian = client.get("/api/v1/notifications/", {"unread": "true"}).json()["results"]
    assert indonesian[0]["title"].endswith("Bipartit gagal") and indonesian[0]["title"] != first["title"]
    # The petitioner made both transitions (submit, fail_bipartite), the company accepted: one notification.
    mine = flow.clients["petitioner"].get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert [n["title"] for n in mine] == [f"Dispute {number}: Bipartite negotiation"]


@pytest.mark.django_db
def test_mark_notification_read_removes_it_from_unread():
    flow = Flow(Cast()).to("bipartite_invited")
    client = flow.clients["respondent"]
    row = Notification.objects.get(user=flow.cast.company_user)
    response = client.post(f"/api/v1/notifications/{row.id}/read/")
    assert response.status_code == 200
    assert response.json()["id"] == row.id and response.json()["read"] is True
    assert client.get("/api/v1/notifications/", {"unread": "true"}).json()["results"] == []
    listed = client.get("/api/v1/notifications/", {"unread": "false"}).json()["results"]
    assert [(n["id"], n["read"]) for n in listed] == [(row.id, True)]
    again = client.post(f"/api/v1/notifications/{row.id}/read/")  # idempotent
    assert again.status_code == 200 and again.json()["read"] is True


@pytest.mark.django_db
def test_mark_another_users_notification_read_is_404():
    flow = Flow(Cast()).to("bipartite_invited")
    row = Notification.objects.get(user=flow.cast.company_user)
    assert_error(flow.clients["petitioner"].post(f"/api/v1/notifications/{row.id}/read/"), 404, "not_found")
    assert_error(
        client_for(flow.cast.other_company_user).post(f"/api/v1/notifications/{row.id}/read/"), 404, "not_found"
    )
    assert_error(flow.clients["petitioner"].post("/api/v1/notifications/999999/read/"), 404, "not_found")
    row.refresh_from_db()
    assert row.read_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["yes", "1", "TRUE", "maybe"])
def test_list_notifications_with_a_bad_unread_value_is_400(value):
    flow = Flow(Cast()).to("bipartite_invited")
    details = assert_error(flow.clients["respondent"].get("/api/v1/notifications/", {"unread": value}), 400, "invalid")
    assert "unread" in details


@pytest.mark.django_db
def test_list_notifications_anonymous_is_401():
    assert_error(APIClient().get("/api/v1/notifications/"), 401, "not_authenticated")
    assert_error(APIClient().post("/api/v1/notifications/1/read/"), 401, "not_authenticated")
