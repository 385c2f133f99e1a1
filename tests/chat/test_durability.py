"""Durability of room messages: resume after an absence, idempotent client ids, a gapless seq under
concurrent writers, and gap repair when the channel layer drops an event."""

from __future__ import annotations

import asyncio
import contextlib
import uuid

import pytest
from asgiref.sync import sync_to_async
from django.db import connection, transaction

from chat import events, services
from chat.models import Message, Room
from tests.chat.conftest import _OPEN, connect, frames_until
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)

MUST_ARRIVE = 3.0
SILENCE = 0.3


async def dispute_in(state: str) -> Flow:
    return await sync_to_async(lambda: Flow(Cast()).to(state))()


async def room_id(flow: Flow, kind: str) -> int:
    return await sync_to_async(lambda: Room.objects.get(dispute_id=flow.id, kind=kind).id)()


async def join(rid: int, user, *, query: str = ""):
    """A connected socket that has had its own presence frame (frames before it are dropped)."""
    communicator, connected, _ = await connect(f"/ws/rooms/{rid}/{query}", user)
    assert connected
    await frames_until(
        communicator,
        lambda f: f["type"] == "presence" and user.id in [u["id"] for u in f["online"]],
        timeout=MUST_ARRIVE,
    )
    return communicator


async def drain(*communicators) -> None:
    async def quiet(communicator) -> None:
        while not await communicator.receive_nothing(timeout=0.2):
            await communicator.receive_output(timeout=1)

    await asyncio.gather(*[quiet(c) for c in communicators])


async def post(rid: int, user, body: str, client_id: uuid.UUID | None = None) -> Message:
    message, _created = await sync_to_async(services.message_post)(
        room_id=rid, sender=user, client_id=client_id or uuid.uuid4(), body=body
    )
    return message


async def seqs_in_db(rid: int) -> list[int]:
    return await sync_to_async(
        lambda: list(Message.objects.filter(room_id=rid).order_by("seq").values_list("seq", flat=True))
    )()


async def test_resume_after_an_absence_sends_exactly_the_missed_messages_in_order():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    worker, company = flow.cast.worker, flow.cast.company_user
    away = await join(rid, worker)
    await post(rid, company, "satu")
    await post(rid, company, "dua")
    seen = [f["seq"] for f in await frames_until(away, lambda f: f.get("seq") == 2) if f["type"] == "message"]
    assert seen == [1, 2]
    await away.disconnect()

    for n in range(3, 8):
        await post(rid, company, f"pesan {n}")

    back = await join(rid, worker)
    await drain(back)  # connecting alone sends no history
    await back.send_json_to({"type": "resume", "after_seq": seen[-1]})
    frames = [await back.receive_json_from(timeout=MUST_ARRIVE) for _ in range(6)]
    assert [(f["type"], f.get("seq"), f.get("body")) for f in frames[:5]] == [
        ("message", n, f"pesan {n}") for n in range(3, 8)
    ]
    assert frames[5] == {"type": "resumed", "last_seq": 7}
    assert await back.receive_nothing(timeout=SILENCE)  # each seq once
    await back.disconnect()


async def test_connect_with_after_seq_resumes_at_connect_with_exactly_the_missed_messages():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    company = flow.cast.company_user
    for n in range(1, 8):
        await post(rid, company, f"pesan {n}")
    back, connected, _ = await connect(f"/ws/rooms/{rid}/?after_seq=2", flow.cast.worker)
    assert connected
    frames = await frames_until(back, lambda f: f["type"] == "resumed", timeout=MUST_ARRIVE)
    assert frames[0] == {"type": "room", "writable": True, "paused": False}
    messages = [f for f in frames if f["type"] == "message"]
    assert [(m["seq"], m["body"]) for m in messages] == [(n, f"pesan {n}") for n in range(3, 8)]
    assert frames[-1] == {"type": "resumed", "last_seq": 7}
    # Live messages continue after the resumed ones, without repeating any.
    await post(rid, company, "pesan 8")
    rest = await frames_until(back, lambda f: f["type"] == "message", timeout=MUST_ARRIVE)
    assert rest[-1]["seq"] == 8
    await drain(back)
    await back.disconnect()


@pytest.mark.parametrize("query", ["?after_seq=abc", "?after_seq=-1", "?after_seq="])
async def test_connect_with_a_bad_after_seq_connects_without_history(query):
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    await post(rid, flow.cast.company_user, "satu")
    socket = await join(rid, flow.cast.worker, query=query)
    await socket.send_json_to({"type": "ping"})
    assert (await frames_until(socket, lambda f: f["type"] == "pong"))[-1] == {"type": "pong"}
    await socket.disconnect()


async def test_repeated_client_id_on_the_socket_and_over_http_is_stored_once_and_acked_with_the_stored_values():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    worker, company = flow.cast.worker, flow.cast.company_user
    sender, other = await join(rid, worker), await join(rid, company)
    await drain(sender, other)
    client_id = str(uuid.uuid4())

    await sender.send_json_to({"type": "message", "client_id": client_id, "body": "pertama"})
    first = (await frames_until(sender, lambda f: f["type"] == "ack"))[-1]
    await sender.send_json_to({"type": "message", "client_id": client_id, "body": "kedua (retry)"})
    again = (await frames_until(sender, lambda f: f["type"] == "ack"))[-1]
    assert again == first and first["seq"] == 1 and first["client_id"] == client_id

    response = await sync_to_async(flow.clients["petitioner"].post)(
        f"/api/v1/rooms/{rid}/messages/", {"client_id": client_id, "body": "ketiga (http)"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["seq"], body["created_at"], body["body"]) == (
        first["id"],
        1,
        first["created_at"],
        "pertama",
    )

    # HTTP first, then the socket, with another client id.
    second_id = str(uuid.uuid4())
    created = await sync_to_async(flow.clients["petitioner"].post)(
        f"/api/v1/rooms/{rid}/messages/", {"client_id": second_id, "body": "lewat http"}, format="json"
    )
    assert created.status_code == 201 and created.json()["seq"] == 2
    await sender.send_json_to({"type": "message", "client_id": second_id, "body": "lewat socket"})
    ack = (await frames_until(sender, lambda f: f["type"] == "ack"))[-1]
    assert ack == {
        "type": "ack",
        "client_id": second_id,
        "id": created.json()["id"],
        "seq": 2,
        "created_at": created.json()["created_at"],
    }

    assert await sync_to_async(
        lambda: list(Message.objects.filter(room_id=rid).order_by("seq").values_list("seq", "body"))
    )() == [(1, "pertama"), (2, "lewat http")]
    # The other member got each message once; the retries were not published again.
    received = await frames_until(other, lambda f: f.get("seq") == 2)
    assert [f["seq"] for f in received if f["type"] == "message"] == [1, 2]
    assert await other.receive_nothing(timeout=SILENCE)
    # The same client id from another sender is another message.
    await other.send_json_to({"type": "message", "client_id": client_id, "body": "dari perusahaan"})
    assert (await frames_until(other, lambda f: f["type"] == "ack"))[-1]["seq"] == 3
    await sender.disconnect()
    await other.disconnect()


async def test_twenty_sockets_posting_at_once_make_a_gapless_seq_that_every_socket_receives_once_in_order():
    flow = await dispute_in("mediation")
    rid = await room_id(flow, "joint")
    cast = flow.cast
    # A joint room has three member users (one account per company): 7 + 7 + 6 sockets.
    users = [cast.worker, cast.company_user, cast.mediator]
    sockets = [await join(rid, users[i % 3]) for i in range(20)]
    await drain(*sockets)

    per_socket = 2  # 14 messages per user at most: under the limit of 20 per 10 seconds
    total = per_socket * len(sockets)
    sent = {i: [str(uuid.uuid4()) for _ in range(per_socket)] for i in range(len(sockets))}
    await asyncio.gather(
        *[
            sockets[i].send_json_to({"type": "message", "client_id": cid, "body": f"s{i} m{k}"})
            for k in range(per_socket)
            for i in range(len(sockets))
            for cid in [sent[i][k]]
        ]
    )

    async def collect(i: int) -> tuple[list[int], list[str]]:
        socket, seqs, acked = sockets[i], [], []
        while len(seqs) < total or len(acked) < per_socket:
            frame = await socket.receive_json_from(timeout=10)
            if frame["type"] == "message":
                seqs.append(frame["seq"])
            elif frame["type"] == "ack":
                acked.append(frame["client_id"])
            else:
                raise AssertionError(f"unexpected frame {frame!r}")
        return seqs, acked

    results = await asyncio.gather(*[collect(i) for i in range(len(sockets))])
    for i, (seqs, acked) in enumerate(results):
        assert seqs == list(range(1, total + 1)), (i, seqs)
        assert sorted(acked) == sorted(sent[i])
    for socket in sockets:
        assert await socket.receive_nothing(timeout=0.1)
    assert await seqs_in_db(rid) == list(range(1, total + 1))
    assert await sync_to_async(lambda: Room.objects.get(pk=rid).last_seq)() == total
    for socket in sockets:
        await socket.disconnect()


async def test_dropped_layer_event_is_repaired_from_the_database_in_order(monkeypatch):
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    worker, company = flow.cast.worker, flow.cast.company_user
    socket = await join(rid, worker)
    await drain(socket)

    real_publish = events.publish_message
    dropped = []

    def publish_once_lost(**kwargs):
        if not dropped:
            dropped.append(kwargs["message"]["seq"])  # the layer loses this one (at-most-once)
            return
        real_publish(**kwargs)

    monkeypatch.setattr(events, "publish_message", publish_once_lost)
    await post(rid, company, "hilang di jalan")
    assert dropped == [1]
    assert await socket.receive_nothing(timeout=SILENCE)  # the event really was lost
    await post(rid, company, "sampai")
    frames = await frames_until(socket, lambda f: f.get("seq") == 2)
    assert [(f["seq"], f["body"]) for f in frames if f["type"] == "message"] == [(1, "hilang di jalan"), (2, "sampai")]
    assert frames[0]["room_id"] == rid and frames[0]["sender"]["id"] == company.id
    assert await socket.receive_nothing(timeout=SILENCE)
    await socket.disconnect()


async def test_duplicated_layer_event_is_delivered_once():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    socket = await join(rid, flow.cast.worker)
    await drain(socket)
    message = await post(rid, flow.cast.company_user, "sekali saja")
    assert (await frames_until(socket, lambda f: f["type"] == "message"))[-1]["seq"] == 1

    def publish_again():
        with transaction.atomic():
            events.publish_message(
                room_id=rid, message=services.message_dict(Message.objects.select_related("sender").get(pk=message.pk))
            )

    await sync_to_async(publish_again)()
    assert await socket.receive_nothing(timeout=SILENCE)
    await socket.disconnect()


# --- a socket's posts are queued, so the room keeps flowing to it -----------------------------------------


async def quiet_worker_in_bipartite() -> tuple[Flow, int, object]:
    """A dispute in bipartite, its room, and the worker's socket with the connect frames read."""
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    worker = await join(rid, flow.cast.worker)
    await drain(worker)
    return flow, rid, worker


def _slowed_posts(monkeypatch, seconds: float) -> None:
    """Posts through the socket take `seconds` in the database unit (a busy database)."""
    from chat import fastpost

    original = fastpost.post

    def slow(**kwargs):
        import time

        time.sleep(seconds)
        return original(**kwargs)

    monkeypatch.setattr(fastpost, "post", slow)


async def test_deliveries_reach_a_socket_while_its_own_post_waits_for_the_database(monkeypatch):
    flow, rid, worker = await quiet_worker_in_bipartite()
    _slowed_posts(monkeypatch, 1.0)
    mine = str(uuid.uuid4())
    await worker.send_json_to({"type": "message", "client_id": mine, "body": "lambat"})
    await asyncio.sleep(0.1)  # the worker's post is now in the database unit
    # The company posts through the service on a thread of its own (another process, as it were): the
    # process's database thread is busy with the worker's post.
    def post_elsewhere():
        try:
            return services.message_post(room_id=rid, sender=flow.cast.company_user, client_id=uuid.uuid4(),
                                         body="dari perusahaan")[0]
        finally:
            connection.close()  # a pool thread's connection would keep PostgreSQL's test database in use

    other = await sync_to_async(post_elsewhere, thread_sensitive=False)()

    frames = await frames_until(worker, lambda f: f["type"] == "ack", timeout=MUST_ARRIVE)
    kinds = [(f["type"], f.get("seq")) for f in frames if f["type"] in ("message", "ack")]
    # The company's message was delivered while the worker's own post was still waiting for its ack.
    assert kinds[0] == ("message", other.seq), frames
    assert frames[-1]["client_id"] == mine


async def test_posts_beyond_the_in_flight_limit_are_refused_at_once_and_the_rest_stored_in_order(monkeypatch):
    from chat import consumers

    monkeypatch.setattr(consumers, "POSTS_IN_FLIGHT", 2)
    _flow, rid, worker = await quiet_worker_in_bipartite()
    _slowed_posts(monkeypatch, 0.3)
    ids = [str(uuid.uuid4()) for _ in range(6)]
    for n, cid in enumerate(ids):
        await worker.send_json_to({"type": "message", "client_id": cid, "body": f"pesan {n}"})

    answered: dict[str, dict] = {}
    while len(answered) < len(ids):
        frame = await worker.receive_json_from(timeout=MUST_ARRIVE)
        if frame["type"] in ("ack", "error"):
            answered[frame["client_id"]] = frame
    refused = [cid for cid in ids if answered[cid]["type"] == "error"]
    acked = [cid for cid in ids if answered[cid]["type"] == "ack"]
    assert refused and all(answered[c]["code"] == "rate_limited" for c in refused), answered
    # The first post is in flight and two wait: those three are stored, in the order they were sent.
    assert acked == ids[:3], answered
    assert [answered[c]["seq"] for c in acked] == [1, 2, 3]
    assert await seqs_in_db(rid) == [1, 2, 3]


async def test_posts_received_before_a_close_are_still_stored(monkeypatch):
    _flow, rid, worker = await quiet_worker_in_bipartite()
    _slowed_posts(monkeypatch, 0.2)
    ids = [uuid.uuid4() for _ in range(3)]
    for cid in ids:
        await worker.send_json_to({"type": "message", "client_id": str(cid), "body": "sebelum tutup"})
    await asyncio.sleep(0.05)
    await worker.disconnect(timeout=5)
    stored = await sync_to_async(lambda: list(Message.objects.filter(room_id=rid).order_by("seq")
                                              .values_list("client_id", flat=True)))()
    assert stored == ids


async def test_a_post_that_fails_closes_the_socket_and_leaves_no_presence_behind(monkeypatch):
    from chat import fastpost
    from chat.models import Presence

    _flow, rid, worker = await quiet_worker_in_bipartite()

    def broken(**kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(fastpost, "post", broken)
    await worker.send_json_to({"type": "message", "client_id": str(uuid.uuid4()), "body": "x"})
    closed = await worker.receive_output(timeout=MUST_ARRIVE)
    assert closed == {"type": "websocket.close", "code": 1011}
    online = await sync_to_async(lambda: list(Presence.objects.filter(room_id=rid).values_list("user_id", flat=True)))()
    assert online == []


async def test_a_consumer_cancelled_while_storing_queued_posts_leaves_no_task_or_presence(monkeypatch):
    from chat.models import Presence

    _flow, rid, worker = await quiet_worker_in_bipartite()
    _slowed_posts(monkeypatch, 0.5)
    for _ in range(4):
        await worker.send_json_to({"type": "message", "client_id": str(uuid.uuid4()), "body": "x"})
    await asyncio.sleep(0.05)
    with contextlib.suppress(Exception):
        await worker.disconnect(timeout=0.6)  # the server gives up on the consumer (daphne's close timeout)
    _OPEN.remove(worker)  # cancelled: the teardown must not disconnect it again
    await asyncio.sleep(2.5)  # the slowed unit in flight finishes
    posters = [t for t in asyncio.all_tasks() if "_post_loop" in repr(t.get_coro()) and not t.done()]
    online = await sync_to_async(lambda: list(Presence.objects.filter(room_id=rid).values_list("user_id", flat=True)))()
    for task in posters:
        task.cancel()
    assert posters == [] and online == []
