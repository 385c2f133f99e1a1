"""The cost of one message: a small, fixed number of queries on the post path whatever the room's size,
and none in the fan-out handler unless it has a gap to repair."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from asgiref.sync import async_to_sync
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from chat import fastpost, selectors, services
from chat.consumers import RoomConsumer
from chat.models import Message, Presence, ReadMarker, Room
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)

MAX_POST_QUERIES = 12


def post_queries(room: Room, user) -> int:
    """Queries of one new message through the consumer's unit (fresh user, lock, checks, seq, insert)."""
    with CaptureQueriesContext(connection) as queries:
        message, created = selectors.post_as_fresh_user(
            room_id=room.id, user_id=user.id, client_id=uuid.uuid4(), body="Halo"
        )
    assert created and message.seq == Room.objects.get(pk=room.id).last_seq
    return len(queries)


def crowd(room: Room, users: list, sockets_each: int) -> None:
    """Many open sockets (presence rows), read markers and some history in the room."""
    now = timezone.now()
    for user in users:
        for n in range(sockets_each):
            Presence.objects.create(room=room, user=user, channel_name=f"test.{room.id}.{user.id}.{n}", seen_at=now)
        ReadMarker.objects.create(room=room, user=user, seq=0)
    for _ in range(5):
        for user in users:
            services.message_post(room_id=room.id, sender=user, client_id=uuid.uuid4(), body="riwayat")
    Message.objects.filter(room=room).update(created_at=now - dt.timedelta(minutes=5))  # outside the rate window


def test_post_message_query_count_is_small_and_the_same_for_a_small_and_a_crowded_room():
    small = Flow(Cast()).to("bipartite")
    small_room = Room.objects.get(dispute_id=small.id, kind="bipartite")
    crowded = Flow(Cast()).to("mediation")
    crowded_room = Room.objects.get(dispute_id=crowded.id, kind="joint")
    cast = crowded.cast
    crowd(crowded_room, [cast.worker, cast.company_user, cast.mediator], sockets_each=6)
    assert Presence.objects.filter(room=crowded_room).count() == 18

    small_count = post_queries(small_room, small.cast.worker)
    crowded_count = post_queries(crowded_room, cast.worker)
    assert small_count <= MAX_POST_QUERIES, small_count
    assert crowded_count == small_count
    # The mediator's post in the crowded room costs the same as well.
    assert post_queries(crowded_room, cast.mediator) == small_count


def test_post_message_with_a_repeated_client_id_costs_fewer_queries_and_stores_nothing():
    flow = Flow(Cast()).to("bipartite")
    room = Room.objects.get(dispute_id=flow.id, kind="bipartite")
    client_id = uuid.uuid4()
    with CaptureQueriesContext(connection) as first:
        selectors.post_as_fresh_user(room_id=room.id, user_id=flow.cast.worker.id, client_id=client_id, body="a")
    with CaptureQueriesContext(connection) as retry:
        message, created = selectors.post_as_fresh_user(
            room_id=room.id, user_id=flow.cast.worker.id, client_id=client_id, body="a"
        )
    assert not created and message.seq == 1
    assert len(retry) < len(first) <= MAX_POST_QUERIES
    assert Message.objects.filter(room=room).count() == 1


def _consumer(room: Room, user, delivered: int) -> tuple[RoomConsumer, list[dict]]:
    """A room consumer past its connect, with its socket replaced by a list."""
    consumer = RoomConsumer()
    consumer.room_id, consumer.user, consumer.delivered = room.id, user, delivered
    sent: list[dict] = []

    async def send_json(content, close=False):
        sent.append(content)

    consumer.send_json = send_json
    return consumer, sent


def test_fan_out_handler_makes_no_query_without_a_gap_and_repairs_a_gap_from_the_database():
    flow = Flow(Cast()).to("bipartite")
    room = Room.objects.get(dispute_id=flow.id, kind="bipartite")
    for n in range(5):
        services.message_post(
            room_id=room.id, sender=flow.cast.company_user, client_id=uuid.uuid4(), body=f"pesan {n + 1}"
        )
    rows = {m.seq: services.message_dict(m) for m in Message.objects.filter(room=room).select_related("sender")}
    consumer, sent = _consumer(room, flow.cast.worker, delivered=1)

    def handle(seq: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            async_to_sync(consumer.chat_message)({"type": "chat.message", "message": rows[seq]})
        return len(queries)

    assert handle(2) == 0  # the next seq: straight through
    assert sent == [{"type": "message", **rows[2]}]
    assert handle(2) == 0  # a duplicate: dropped
    assert handle(1) == 0  # an old one: dropped
    assert len(sent) == 1
    assert handle(5) >= 1  # 3 and 4 were lost by the layer: read from the database
    assert [f["seq"] for f in sent] == [2, 3, 4, 5]
    assert sent[1:] == [{"type": "message", **rows[seq]} for seq in (3, 4, 5)]
    assert consumer.delivered == 5
    assert handle(4) == 0 and len(sent) == 4


# --- the socket's path (chat.fastpost) ------------------------------------------------------------------------

# PostgreSQL: the one statement of chat.fastpost (autocommit). SQLite, under its write lock: BEGIN IMMEDIATE, the
# room and the user (the permit's facts), the client_id, the 20th newest post, UPDATE last_seq, INSERT, COMMIT.
FAST_POST_STATEMENTS = {"postgresql": 1, "sqlite": 8}


def fast_post_queries(room: Room, user, permit) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        posted, permit = fastpost.post(permit=permit, room_id=room.id, user_id=user.id, client_id=str(uuid.uuid4()),
                                       body="Halo")
    assert posted.created and posted.ack["seq"] == Room.objects.get(pk=room.id).last_seq
    return len(queries), permit


def test_a_socket_post_with_a_permit_is_one_statement_on_postgresql_whatever_the_room():
    small = Flow(Cast()).to("bipartite")
    small_room = Room.objects.get(dispute_id=small.id, kind="bipartite")
    crowded = Flow(Cast()).to("mediation")
    crowded_room = Room.objects.get(dispute_id=crowded.id, kind="joint")
    cast = crowded.cast
    crowd(crowded_room, [cast.worker, cast.company_user, cast.mediator], sockets_each=6)
    expected = FAST_POST_STATEMENTS[connection.vendor]
    for room, user in ((small_room, small.cast.worker), (crowded_room, cast.worker), (crowded_room, cast.mediator)):
        permit = fastpost.permit_for(room_id=room.id, user_id=user.id)
        for _ in range(3):
            count, permit = fast_post_queries(room, user, permit)
            assert count == expected, (room.kind, user.role, count)


def test_a_socket_post_without_a_permit_makes_one_and_keeps_it():
    flow = Flow(Cast()).to("bipartite")
    room = Room.objects.get(dispute_id=flow.id, kind="bipartite")
    count, permit = fast_post_queries(room, flow.cast.worker, None)
    assert permit is not None and count == FAST_POST_STATEMENTS[connection.vendor] + 2  # the user, the room
    assert fast_post_queries(room, flow.cast.worker, permit)[0] == FAST_POST_STATEMENTS[connection.vendor]
