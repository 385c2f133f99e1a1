"""The room socket: every frame type and close code of api.md, through the real ASGI stack (origin check,
session cookie), with the dispute driven through its real workflow."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from asgiref.sync import sync_to_async
from django.db import transaction
from rest_framework.test import APIClient

from chat import services
from chat.events import publish_membership_changed
from chat.models import Message, Notification, ReadMarker, Room
from disputes.models import Dispute
from disputes.services import dispute_reassign_mediator, dispute_transition
from tests.chat.conftest import connect, frames_until
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)

MUST_ARRIVE = 3.0  # seconds to wait for a frame that has to come
SILENCE = 0.3  # seconds of quiet that count as "nothing was sent"


# --- helpers -----------------------------------------------------------------------------------------------


async def dispute_in(state: str) -> Flow:
    return await sync_to_async(lambda: Flow(Cast()).to(state))()


def _mediation_with_bipartite_room() -> Flow:
    """Bipartite negotiation (its room opens), fails, then registration and mediation: all four rooms exist."""
    flow = Flow(Cast()).to("bipartite")
    flow.record_meeting()
    flow.do("petitioner", "fail_bipartite")
    flow.do("petitioner", "register")
    flow.do("officer", "accept_registration")
    flow.do("petitioner", "choose_route", route="mediation")
    flow.do("officer", "assign_mediator")
    return flow


async def room_id(flow: Flow, kind: str) -> int:
    return await sync_to_async(lambda: Room.objects.get(dispute_id=flow.id, kind=kind).id)()


def path(rid: int) -> str:
    return f"/ws/rooms/{rid}/"


async def join(rid: int, user, **kwargs):
    """A connected socket that has had its connect frames (room, own presence); fails otherwise."""
    communicator, connected, _ = await connect(path(rid), user, **kwargs)
    assert connected
    await frames_until(
        communicator,
        lambda f: f["type"] == "presence" and user.id in [u["id"] for u in f["online"]],
        timeout=MUST_ARRIVE,
    )
    return communicator


async def drain(*communicators) -> None:
    """Read whatever is still queued (presence of later joiners), until each socket is quiet."""

    async def quiet(communicator) -> None:
        while not await communicator.receive_nothing(timeout=0.2):
            await communicator.receive_output(timeout=1)

    await asyncio.gather(*[quiet(c) for c in communicators])


async def frame_of(communicator, kind: str) -> dict:
    """The next frame of type `kind` (frames of other types before it are skipped)."""
    return (await frames_until(communicator, lambda f: f["type"] == kind, timeout=MUST_ARRIVE))[-1]


async def disconnect(*communicators) -> None:
    for communicator in communicators:
        await communicator.disconnect()


def message_frame(client_id: str | None = None, body: str = "Selamat pagi") -> dict:
    return {"type": "message", "client_id": client_id or str(uuid.uuid4()), "body": body}


async def post(rid: int, user, body: str = "Halo") -> Message:
    """A message stored (and published) through the service, as another socket or HTTP would."""
    message, created = await sync_to_async(services.message_post)(
        room_id=rid, sender=user, client_id=uuid.uuid4(), body=body
    )
    assert created
    return message


def _ref(user) -> dict:
    return {"id": user.id, "name": user.name, "role": user.role}


async def stored(rid: int) -> list[tuple[int, str]]:
    return await sync_to_async(
        lambda: list(Message.objects.filter(room_id=rid).order_by("seq").values_list("seq", "body"))
    )()


# --- message, ack, resume, ping ----------------------------------------------------------------------------


async def test_message_from_a_member_is_acked_and_reaches_every_member_socket():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    worker, company = flow.cast.worker, flow.cast.company_user
    sender = await join(rid, worker)
    sender_other_tab = await join(rid, worker)
    other = await join(rid, company)
    await drain(sender, sender_other_tab, other)

    client_id = str(uuid.uuid4())
    await sender.send_json_to(message_frame(client_id, "  Selamat pagi, Pak.  "))
    ack = await frame_of(sender, "ack")
    row = await sync_to_async(Message.objects.select_related("sender").get)(room_id=rid)
    expected = {
        "type": "message",
        "id": row.id,
        "seq": 1,
        "client_id": client_id,
        "room_id": rid,
        "sender": _ref(worker),
        "body": "Selamat pagi, Pak.",
        "created_at": ack["created_at"],
    }
    assert ack == {
        "type": "ack",
        "client_id": client_id,
        "id": row.id,
        "seq": 1,
        "created_at": services.message_dict(row)["created_at"],
    }
    assert await frame_of(sender, "message") == expected
    assert await frame_of(sender_other_tab, "message") == expected
    assert await frame_of(other, "message") == expected
    for communicator in (sender, sender_other_tab, other):
        assert await communicator.receive_nothing(timeout=SILENCE)
    await disconnect(sender, sender_other_tab, other)


async def test_resume_after_a_seq_sends_the_later_messages_in_order_then_resumed():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    for n in range(1, 4):
        await post(rid, flow.cast.company_user, f"pesan {n}")
    socket = await join(rid, flow.cast.worker)
    await drain(socket)
    await socket.send_json_to({"type": "resume", "after_seq": 1})
    frames = [await socket.receive_json_from(timeout=MUST_ARRIVE) for _ in range(3)]
    assert [(f["type"], f.get("seq"), f.get("body")) for f in frames] == [
        ("message", 2, "pesan 2"),
        ("message", 3, "pesan 3"),
        ("resumed", None, None),
    ]
    assert frames[-1] == {"type": "resumed", "last_seq": 3}
    assert frames[0]["room_id"] == rid and frames[0]["sender"] == _ref(flow.cast.company_user)
    assert await socket.receive_nothing(timeout=SILENCE)
    await disconnect(socket)


async def test_resume_beyond_the_last_seq_reports_the_real_last_seq_and_live_messages_still_arrive():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    await post(rid, flow.cast.company_user, "satu")
    socket = await join(rid, flow.cast.worker)
    await drain(socket)
    await socket.send_json_to({"type": "resume", "after_seq": 50})
    assert await socket.receive_json_from(timeout=MUST_ARRIVE) == {"type": "resumed", "last_seq": 1}
    await post(rid, flow.cast.company_user, "dua")
    live = await frame_of(socket, "message")
    assert (live["seq"], live["body"]) == (2, "dua")
    await disconnect(socket)


@pytest.mark.parametrize("after_seq", [-1, "3", None, 1.5, True])
async def test_resume_with_a_bad_after_seq_is_invalid(after_seq):
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    socket = await join(rid, flow.cast.worker)
    await drain(socket)
    await socket.send_json_to({"type": "resume", "after_seq": after_seq})
    error = await socket.receive_json_from(timeout=MUST_ARRIVE)
    assert error["type"] == "error" and error["code"] == "invalid" and error["message"]
    await disconnect(socket)


async def test_ping_from_a_member_is_answered_with_pong():
    flow = await dispute_in("bipartite")
    socket = await join(await room_id(flow, "bipartite"), flow.cast.worker)
    await drain(socket)
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_json_from(timeout=MUST_ARRIVE) == {"type": "pong"}
    await disconnect(socket)


async def test_ping_after_6_seconds_of_silence_is_answered_and_messages_still_arrive():
    """Nothing crosses the channel layer for longer than its blocking receive (5 s): the sockets must survive."""
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    reader, writer = await join(rid, flow.cast.worker), await join(rid, flow.cast.company_user)
    await drain(reader, writer)
    await asyncio.sleep(6)
    await reader.send_json_to({"type": "ping"})
    assert await reader.receive_json_from(timeout=MUST_ARRIVE) == {"type": "pong"}
    await writer.send_json_to(message_frame(body="masih tersambung?"))
    assert (await frame_of(reader, "message"))["body"] == "masih tersambung?"
    await disconnect(reader, writer)


# --- typing, read markers, presence ------------------------------------------------------------------------


async def test_typing_from_a_member_reaches_the_others_but_not_the_sender():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    worker = flow.cast.worker
    typist, typist_other_tab = await join(rid, worker), await join(rid, worker)
    other = await join(rid, flow.cast.company_user)
    await drain(typist, typist_other_tab, other)
    await typist.send_json_to({"type": "typing"})
    assert await other.receive_json_from(timeout=MUST_ARRIVE) == {
        "type": "typing",
        "user": {"id": worker.id, "name": worker.name},
    }
    assert await typist.receive_nothing(timeout=SILENCE)
    assert await typist_other_tab.receive_nothing(timeout=SILENCE)
    await disconnect(typist, typist_other_tab, other)


async def test_read_by_a_member_stores_the_marker_and_tells_only_the_others():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    for n in range(3):
        await post(rid, flow.cast.company_user, f"pesan {n}")
    worker = flow.cast.worker
    reader, other = await join(rid, worker), await join(rid, flow.cast.company_user)
    await drain(reader, other)
    await reader.send_json_to({"type": "read", "seq": 2})
    assert await other.receive_json_from(timeout=MUST_ARRIVE) == {
        "type": "read",
        "user": {"id": worker.id, "name": worker.name},
        "seq": 2,
    }
    assert await reader.receive_nothing(timeout=SILENCE)
    marker = await sync_to_async(ReadMarker.objects.get)(room_id=rid, user=worker)
    assert marker.seq == 2
    await disconnect(reader, other)


async def test_read_backwards_keeps_the_marker_and_sends_nothing():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    for n in range(3):
        await post(rid, flow.cast.company_user, f"pesan {n}")
    reader, other = await join(rid, flow.cast.worker), await join(rid, flow.cast.company_user)
    await drain(reader, other)
    await reader.send_json_to({"type": "read", "seq": 3})
    assert (await frame_of(other, "read"))["seq"] == 3
    await reader.send_json_to({"type": "read", "seq": 1})
    await reader.send_json_to({"type": "ping"})  # the read has been handled once the pong is back
    assert await reader.receive_json_from(timeout=MUST_ARRIVE) == {"type": "pong"}
    assert await other.receive_nothing(timeout=SILENCE)
    assert (await sync_to_async(ReadMarker.objects.get)(room_id=rid, user=flow.cast.worker)).seq == 3
    await disconnect(reader, other)


async def test_read_above_the_last_seq_is_clamped_to_the_last_seq():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    await post(rid, flow.cast.company_user, "satu")
    await post(rid, flow.cast.company_user, "dua")
    reader, other = await join(rid, flow.cast.worker), await join(rid, flow.cast.company_user)
    await drain(reader, other)
    await reader.send_json_to({"type": "read", "seq": 999})
    assert (await other.receive_json_from(timeout=MUST_ARRIVE))["seq"] == 2
    assert (await sync_to_async(ReadMarker.objects.get)(room_id=rid, user=flow.cast.worker)).seq == 2
    await disconnect(reader, other)


@pytest.mark.parametrize("seq", [-1, "2", None, 2.5])
async def test_read_with_a_bad_seq_is_invalid_and_stores_nothing(seq):
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    reader = await join(rid, flow.cast.worker)
    await drain(reader)
    await reader.send_json_to({"type": "read", "seq": seq})
    error = await reader.receive_json_from(timeout=MUST_ARRIVE)
    assert error["type"] == "error" and error["code"] == "invalid" and "client_id" not in error
    assert not await sync_to_async(ReadMarker.objects.filter(room_id=rid).exists)()
    await disconnect(reader)


async def test_connect_of_a_member_sends_room_then_presence_and_everyone_sees_the_newcomer():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    worker, company = flow.cast.worker, flow.cast.company_user
    first, connected, _ = await connect(path(rid), worker)
    assert connected
    assert await first.receive_json_from(timeout=MUST_ARRIVE) == {"type": "room", "writable": True, "paused": False}
    assert await first.receive_json_from(timeout=MUST_ARRIVE) == {"type": "presence", "online": [_ref(worker)]}
    second, connected, _ = await connect(path(rid), company)
    assert connected
    both = sorted([_ref(worker), _ref(company)], key=lambda u: u["id"])
    assert await second.receive_json_from(timeout=MUST_ARRIVE) == {"type": "room", "writable": True, "paused": False}
    assert await second.receive_json_from(timeout=MUST_ARRIVE) == {"type": "presence", "online": both}
    assert await first.receive_json_from(timeout=MUST_ARRIVE) == {"type": "presence", "online": both}
    await disconnect(first, second)


async def test_disconnect_of_the_last_socket_of_a_member_removes_them_from_presence():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    worker, company = flow.cast.worker, flow.cast.company_user
    stays = await join(rid, worker)
    tab_one, tab_two = await join(rid, company), await join(rid, company)
    await drain(stays)
    await tab_one.disconnect()
    # The company still has a socket: it is still online (one entry per user).
    both = sorted([_ref(worker), _ref(company)], key=lambda u: u["id"])
    assert await stays.receive_json_from(timeout=MUST_ARRIVE) == {"type": "presence", "online": both}
    await tab_two.disconnect()
    assert await stays.receive_json_from(timeout=MUST_ARRIVE) == {"type": "presence", "online": [_ref(worker)]}
    await disconnect(stays)


# --- room state: stage changes, pause and resume --------------------------------------------------------


async def test_fail_bipartite_turns_the_bipartite_room_read_only_for_connected_sockets():
    flow = await dispute_in("bipartite")
    await sync_to_async(flow.record_meeting)()
    rid = await room_id(flow, "bipartite")
    worker, company = await join(rid, flow.cast.worker), await join(rid, flow.cast.company_user)
    await drain(worker, company)
    dispute = await sync_to_async(Dispute.objects.get)(pk=flow.id)
    await sync_to_async(dispute_transition)(
        dispute=dispute, by=flow.cast.company_user, name="fail_bipartite", data={"reason": "Tidak sepakat."}
    )
    for communicator in (worker, company):
        assert await frame_of(communicator, "room") == {"type": "room", "writable": False, "paused": False}
    client_id = str(uuid.uuid4())
    await worker.send_json_to(message_frame(client_id))
    error = await frame_of(worker, "error")
    assert error["code"] == "not_writable" and error["client_id"] == client_id and error["message"]
    assert await stored(rid) == []
    await disconnect(worker, company)


async def test_connect_to_a_read_only_room_says_not_writable_and_refuses_messages():
    flow = await dispute_in("bipartite")
    await sync_to_async(flow.record_meeting)()
    rid = await room_id(flow, "bipartite")
    await post(rid, flow.cast.worker, "sebelum gagal")
    await sync_to_async(flow.do)("petitioner", "fail_bipartite")
    socket, connected, _ = await connect(path(rid), flow.cast.company_user)
    assert connected
    assert await socket.receive_json_from(timeout=MUST_ARRIVE) == {"type": "room", "writable": False, "paused": False}
    await socket.send_json_to({"type": "resume", "after_seq": 0})  # still readable
    assert (await frame_of(socket, "message"))["body"] == "sebelum gagal"
    assert await frame_of(socket, "resumed") == {"type": "resumed", "last_seq": 1}
    await socket.send_json_to(message_frame())
    assert (await frame_of(socket, "error"))["code"] == "not_writable"
    await disconnect(socket)


async def test_pause_by_the_mediator_refuses_parties_but_lets_the_mediator_post_until_resumed():
    flow = await dispute_in("mediation")
    rid = await room_id(flow, "joint")
    petitioner, respondent = await join(rid, flow.cast.worker), await join(rid, flow.cast.company_user)
    mediator = await join(rid, flow.cast.mediator)
    await drain(petitioner, respondent, mediator)

    response = await sync_to_async(flow.clients["mediator"].post)(f"/api/v1/rooms/{rid}/pause/")
    assert response.status_code == 200 and response.json()["paused"] is True
    for communicator in (petitioner, respondent, mediator):
        assert await frame_of(communicator, "room") == {"type": "room", "writable": True, "paused": True}

    for communicator in (petitioner, respondent):
        client_id = str(uuid.uuid4())
        await communicator.send_json_to(message_frame(client_id, "boleh bicara?"))
        error = await frame_of(communicator, "error")
        assert (error["code"], error["client_id"]) == ("not_writable", client_id)
    await mediator.send_json_to(message_frame(body="Mohon tenang."))
    assert (await frame_of(mediator, "ack"))["seq"] == 1
    assert (await frame_of(petitioner, "message"))["body"] == "Mohon tenang."

    response = await sync_to_async(flow.clients["mediator"].post)(f"/api/v1/rooms/{rid}/resume/")
    assert response.status_code == 200 and response.json()["paused"] is False
    for communicator in (petitioner, respondent, mediator):
        assert await frame_of(communicator, "room") == {"type": "room", "writable": True, "paused": False}
    await respondent.send_json_to(message_frame(body="Terima kasih."))
    assert (await frame_of(respondent, "ack"))["seq"] == 2
    assert await stored(rid) == [(1, "Mohon tenang."), (2, "Terima kasih.")]
    await disconnect(petitioner, respondent, mediator)


# --- refusals at connect -----------------------------------------------------------------------------------


async def test_connect_without_a_session_is_accepted_then_closed_with_4401():
    flow = await dispute_in("bipartite")
    socket, connected, _ = await connect(path(await room_id(flow, "bipartite")), None)
    assert connected  # accepted, so that the browser sees the code (a refused handshake shows 1006)
    assert await socket.receive_output(timeout=MUST_ARRIVE) == {"type": "websocket.close", "code": 4401}
    await socket.disconnect()


async def _assert_closed_4404(rid: int, user) -> None:
    socket, connected, _ = await connect(path(rid), user)
    assert connected
    assert await socket.receive_output(timeout=MUST_ARRIVE) == {"type": "websocket.close", "code": 4404}
    await socket.disconnect()


async def test_connect_as_an_outsider_is_closed_with_4404():
    flow = await dispute_in("mediation")
    cast = flow.cast
    for kind in ("joint", "caucus_petitioner", "caucus_respondent"):
        rid = await room_id(flow, kind)
        for outsider in (
            cast.other_worker,
            cast.other_company_user,
            cast.other_mediator,
            cast.officer,
            cast.foreign_mediator,
        ):
            await _assert_closed_4404(rid, outsider)


async def test_connect_to_a_room_that_does_not_exist_is_closed_with_4404():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    await _assert_closed_4404(rid + 1000, flow.cast.worker)


@pytest.mark.parametrize(("role", "kind"), [("worker", "caucus_respondent"), ("company_user", "caucus_petitioner")])
async def test_connect_to_the_other_sides_caucus_is_closed_with_4404(role, kind):
    flow = await dispute_in("mediation")
    await _assert_closed_4404(await room_id(flow, kind), getattr(flow.cast, role))


@pytest.mark.parametrize("role", ["officer", "mediator"])
async def test_connect_as_staff_to_the_bipartite_room_is_closed_with_4404(role):
    flow = await sync_to_async(_mediation_with_bipartite_room)()
    staff = getattr(flow.cast, role)
    await _assert_closed_4404(await room_id(flow, "bipartite"), staff)
    if role == "mediator":  # the same mediator is a member of the mediation rooms
        socket = await join(await room_id(flow, "joint"), staff)
        await disconnect(socket)


async def test_connect_from_a_foreign_origin_is_refused_at_the_handshake():
    flow = await dispute_in("bipartite")
    socket, connected, code = await connect(
        path(await room_id(flow, "bipartite")), flow.cast.worker, origin=b"http://evil.example"
    )
    # The origin validator closes before accepting: no socket at all (the browser sees 1006).
    assert (connected, code) == (False, 1000)
    await socket.disconnect()


# --- refusals of frames ------------------------------------------------------------------------------------


@pytest.mark.parametrize("body", ["", "   \n\t  ", "x" * 4001, " " + "y" * 4001 + " "])
async def test_message_with_an_empty_or_oversized_body_is_invalid_with_its_client_id(body):
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    socket = await join(rid, flow.cast.worker)
    await drain(socket)
    client_id = str(uuid.uuid4())
    await socket.send_json_to(message_frame(client_id, body))
    error = await socket.receive_json_from(timeout=MUST_ARRIVE)
    assert (error["type"], error["code"], error["client_id"]) == ("error", "invalid", client_id)
    assert error["message"]
    assert await stored(rid) == []
    await disconnect(socket)


async def test_message_of_exactly_4000_characters_is_stored():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    socket = await join(rid, flow.cast.worker)
    await drain(socket)
    await socket.send_json_to(message_frame(body="  " + "a" * 4000 + "\n"))  # 4000 after trimming
    assert (await frame_of(socket, "ack"))["seq"] == 1
    assert (await frame_of(socket, "message"))["body"] == "a" * 4000
    assert await stored(rid) == [(1, "a" * 4000)]
    await disconnect(socket)


@pytest.mark.parametrize("body", [123, None, ["Halo"], {"text": "Halo"}, True])
async def test_message_whose_body_is_not_a_string_is_invalid(body):
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    socket = await join(rid, flow.cast.worker)
    await drain(socket)
    client_id = str(uuid.uuid4())
    await socket.send_json_to({"type": "message", "client_id": client_id, "body": body})
    error = await socket.receive_json_from(timeout=MUST_ARRIVE)
    assert (error["type"], error["code"], error["client_id"]) == ("error", "invalid", client_id)
    assert await stored(rid) == []
    await disconnect(socket)


@pytest.mark.parametrize("client_id", ["abc", "1234", 42, 12345678901234567890123456789012, ["x"], ""])
async def test_message_whose_client_id_is_not_a_uuid_is_invalid(client_id):
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    socket = await join(rid, flow.cast.worker)
    await drain(socket)
    await socket.send_json_to({"type": "message", "client_id": client_id, "body": "Halo"})
    error = await socket.receive_json_from(timeout=MUST_ARRIVE)
    assert (error["type"], error["code"], error["client_id"]) == ("error", "invalid", client_id)
    assert await stored(rid) == []
    await disconnect(socket)


async def test_message_without_a_client_id_is_invalid():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    socket = await join(rid, flow.cast.worker)
    await drain(socket)
    await socket.send_json_to({"type": "message", "body": "Halo"})
    error = await socket.receive_json_from(timeout=MUST_ARRIVE)
    assert (error["type"], error["code"]) == ("error", "invalid") and "client_id" not in error
    assert await stored(rid) == []
    await disconnect(socket)


@pytest.mark.parametrize(
    "frame",
    [
        {"text_data": "{not json"},
        {"text_data": "[1, 2, 3]"},
        {"text_data": '"ping"'},
        {"text_data": '{"body": "no type"}'},
        {"text_data": '{"type": 7}'},
        {"text_data": '{"type": "dance"}'},
        {"bytes_data": b'{"type": "ping"}'},
    ],
    ids=["bad-json", "list", "string", "no-type", "type-not-string", "unknown-type", "binary"],
)
async def test_bad_frame_is_answered_invalid_and_the_socket_stays_usable(frame):
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    socket = await join(rid, flow.cast.worker)
    await drain(socket)
    await socket.send_to(**frame)
    error = await socket.receive_json_from(timeout=MUST_ARRIVE)
    assert (error["type"], error["code"]) == ("error", "invalid") and error["message"]
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_json_from(timeout=MUST_ARRIVE) == {"type": "pong"}
    client_id = str(uuid.uuid4())
    await socket.send_json_to(message_frame(client_id))
    ack = await frame_of(socket, "ack")
    assert (ack["client_id"], ack["seq"]) == (client_id, 1)
    await disconnect(socket)


async def test_message_with_html_is_stored_and_sent_verbatim_as_text():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    sender, reader = await join(rid, flow.cast.worker), await join(rid, flow.cast.company_user)
    await drain(sender, reader)
    body = '<script>alert("x")</script><b>tebal</b> &amp; <img src=x onerror=alert(1)>'
    await sender.send_json_to(message_frame(body=body))
    assert (await frame_of(reader, "message"))["body"] == body
    assert await stored(rid) == [(1, body)]
    history = await sync_to_async(flow.clients["respondent"].get)(f"/api/v1/rooms/{rid}/messages/")
    assert history.json()["results"][0]["body"] == body
    await disconnect(sender, reader)


async def test_message_past_20_in_10_seconds_is_rate_limited():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    socket = await join(rid, flow.cast.worker)
    await drain(socket)
    for n in range(1, 21):
        await socket.send_json_to(message_frame(body=f"pesan {n}"))
        assert (await frame_of(socket, "ack"))["seq"] == n
    client_id = str(uuid.uuid4())
    await socket.send_json_to(message_frame(client_id, "pesan 21"))
    error = await frame_of(socket, "error")
    assert (error["code"], error["client_id"]) == ("rate_limited", client_id) and error["message"]
    assert len(await stored(rid)) == 20
    # The other member is not limited by the worker's messages.
    other = await join(rid, flow.cast.company_user)
    await drain(other)
    await other.send_json_to(message_frame())
    assert (await frame_of(other, "ack"))["seq"] == 21
    await disconnect(socket, other)


# --- membership ending while connected, logout ----------------------------------------------------------


async def test_reassign_mediator_closes_the_former_mediators_sockets_with_4403():
    flow = await dispute_in("mediation")
    cast = flow.cast
    rooms = [await room_id(flow, kind) for kind in ("joint", "caucus_petitioner", "caucus_respondent")]
    former = [await join(rid, cast.mediator) for rid in rooms]
    party = await join(rooms[0], cast.worker)
    await drain(*former, party)
    dispute = await sync_to_async(Dispute.objects.get)(pk=flow.id)
    await sync_to_async(dispute_reassign_mediator)(dispute=dispute, by=cast.officer, mediator_id=cast.other_mediator.id)
    for socket in former:
        frames = await frames_until(socket, lambda f: f["type"] == "error")
        assert frames[-1] == {
            "type": "error",
            "code": "forbidden",
            "message": "Anda tidak lagi menjadi anggota ruang ini.",
        }
        assert await socket.receive_output(timeout=MUST_ARRIVE) == {"type": "websocket.close", "code": 4403}
    # The parties stay; the new mediator can join; the former one cannot come back.
    await party.send_json_to({"type": "ping"})
    assert (await frame_of(party, "pong")) == {"type": "pong"}
    new = await join(rooms[1], cast.other_mediator)
    await _assert_closed_4404(rooms[1], cast.mediator)
    await disconnect(*former, party, new)


async def test_company_user_leaving_the_company_is_closed_with_4403_when_membership_is_rechecked():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    company_user = flow.cast.company_user
    leaver, worker = await join(rid, company_user), await join(rid, flow.cast.worker)
    await drain(leaver, worker)

    def leave_company():
        with transaction.atomic():
            type(company_user).objects.filter(pk=company_user.pk).update(company=None)
            publish_membership_changed(room_ids=[rid])

    await sync_to_async(leave_company)()
    assert await leaver.receive_json_from(timeout=MUST_ARRIVE) == {
        "type": "error",
        "code": "forbidden",
        "message": "Anda tidak lagi menjadi anggota ruang ini.",
    }
    assert await leaver.receive_output(timeout=MUST_ARRIVE) == {"type": "websocket.close", "code": 4403}
    # Nothing of the room reaches the closed socket any more; the other member carries on.
    await worker.send_json_to(message_frame(body="Bapak masih di sana?"))
    assert (await frame_of(worker, "ack"))["seq"] == 1
    assert await leaver.receive_nothing(timeout=SILENCE)
    await disconnect(leaver, worker)


@pytest.mark.parametrize(
    "frame",
    [
        message_frame(body="masih di sini?"),
        {"type": "read", "seq": 0},
        {"type": "typing"},
        {"type": "resume", "after_seq": 0},
    ],
)
async def test_company_user_leaving_the_company_has_the_next_frame_refused_with_4403(frame):
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    company_user = flow.cast.company_user
    leaver, worker = await join(rid, company_user), await join(rid, flow.cast.worker)
    await drain(leaver, worker)
    await sync_to_async(lambda: type(company_user).objects.filter(pk=company_user.pk).update(company=None))()
    await leaver.send_json_to(frame)
    assert await leaver.receive_json_from(timeout=MUST_ARRIVE) == {
        "type": "error",
        "code": "forbidden",
        "message": "Anda tidak lagi menjadi anggota ruang ini.",
    }
    assert await leaver.receive_output(timeout=MUST_ARRIVE) == {"type": "websocket.close", "code": 4403}
    assert await stored(rid) == []
    # The other member sees them go offline, and nothing else (neither typing nor a message got through).
    assert await worker.receive_json_from(timeout=MUST_ARRIVE) == {
        "type": "presence",
        "online": [_ref(flow.cast.worker)],
    }
    assert await worker.receive_nothing(timeout=SILENCE)
    await disconnect(leaver, worker)


async def test_logout_closes_every_socket_of_the_user_with_4401():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    worker = flow.cast.worker
    tab_one, tab_two = await join(rid, worker), await join(rid, worker)
    notifications, connected, _ = await connect("/ws/notifications/", worker)
    assert connected
    other = await join(rid, flow.cast.company_user)
    await drain(tab_one, tab_two, other)

    def logout():
        client = APIClient()
        client.force_login(worker)
        return client.post("/api/v1/auth/logout/")

    assert (await sync_to_async(logout)()).status_code == 204
    for socket in (tab_one, tab_two, notifications):
        assert await socket.receive_output(timeout=MUST_ARRIVE) == {"type": "websocket.close", "code": 4401}
    await other.send_json_to({"type": "ping"})
    assert await frame_of(other, "pong") == {"type": "pong"}
    await disconnect(tab_one, tab_two, notifications, other)


# --- caucus confidentiality --------------------------------------------------------------------------------


async def test_caucus_message_of_the_mediator_never_reaches_the_other_party():
    flow = await dispute_in("mediation")
    cast = flow.cast
    joint, caucus_p, caucus_r = [
        await room_id(flow, kind) for kind in ("joint", "caucus_petitioner", "caucus_respondent")
    ]
    mediator = await join(caucus_p, cast.mediator)
    petitioner = await join(caucus_p, cast.worker)
    respondent_sockets = [await join(joint, cast.company_user), await join(caucus_r, cast.company_user)]
    notifications, connected, _ = await connect("/ws/notifications/", cast.company_user)
    assert connected
    await drain(mediator, petitioner, *respondent_sockets, notifications)
    notifications_before = await sync_to_async(Notification.objects.count)()

    await mediator.send_json_to(message_frame(body="Berapa angka terendah yang Bapak terima?"))
    assert (await frame_of(mediator, "ack"))["seq"] == 1
    received = await frame_of(petitioner, "message")
    assert received["room_id"] == caucus_p and received["body"].startswith("Berapa")
    for socket in (*respondent_sockets, notifications):
        assert await socket.receive_nothing(timeout=SILENCE)

    response = await sync_to_async(flow.clients["respondent"].get)(f"/api/v1/rooms/{caucus_p}/messages/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    response = await sync_to_async(flow.clients["respondent"].get)(f"/api/v1/rooms/{caucus_p}/")
    assert response.status_code == 404
    assert await sync_to_async(Notification.objects.count)() == notifications_before
    await disconnect(mediator, petitioner, *respondent_sockets, notifications)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ((), "Jenis frame tidak dikenal 'dance'."),
        (((b"accept-language", b"en-GB,en;q=0.9"),), "Unknown frame type 'dance'."),
        (((b"accept-language", b"id-ID,id;q=0.9,en;q=0.5"),), "Jenis frame tidak dikenal 'dance'."),
    ],
    ids=["default-indonesian", "english", "indonesian"],
)
async def test_socket_error_text_is_in_the_users_language(headers, expected):
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    socket = await join(rid, flow.cast.worker, extra_headers=headers)
    await drain(socket)
    await socket.send_json_to({"type": "dance"})
    error = await socket.receive_json_from(timeout=MUST_ARRIVE)
    assert (error["type"], error["code"], error["message"]) == ("error", "invalid", expected)
    await disconnect(socket)
