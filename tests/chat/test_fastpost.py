"""The socket's message path (chat.fastpost): one statement per post on PostgreSQL with a permit, and every
guarantee of the full path kept: idempotent retries, gapless seq under concurrency, the rate limit, and
permissions decided afresh when the room or the membership changes (with or without an event)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from asgiref.sync import sync_to_async
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from chat import fastpost
from chat.events import publish_membership_changed
from chat.models import Message, Room
from disputes.models import Dispute
from sikhi.api import NotFound, RateLimited
from tests.chat.test_consumers import (
    MUST_ARRIVE,
    SILENCE,
    disconnect,
    dispute_in,
    drain,
    frame_of,
    join,
    message_frame,
    room_id,
    stored,
)
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statement")

FORBIDDEN = {"type": "error", "code": "forbidden", "message": "Anda tidak lagi menjadi anggota ruang ini."}


def bipartite() -> tuple[Flow, int]:
    flow = Flow(Cast()).to("bipartite")
    return flow, Room.objects.get(dispute_id=flow.id, kind="bipartite").id


def post(permit, rid: int, user, client_id=None, body: str = "Halo"):
    return fastpost.post(permit=permit, room_id=rid, user_id=user.id, client_id=str(client_id or uuid.uuid4()),
                         body=body)


# --- the service ---------------------------------------------------------------------------------------------


def test_a_repeated_client_id_returns_the_stored_message_and_stores_and_publishes_nothing(monkeypatch):
    flow, rid = bipartite()
    published = []
    monkeypatch.setattr(fastpost, "_publish", lambda **kw: published.append(kw))
    permit = fastpost.permit_for(room_id=rid, user_id=flow.cast.worker.id)
    client_id = uuid.uuid4()
    first, permit = post(permit, rid, flow.cast.worker, client_id, "pertama")
    again, kept = post(permit, rid, flow.cast.worker, client_id, "kedua")  # a retry, even with another body
    assert first.created and not again.created
    assert again.ack == first.ack and first.ack["seq"] == 1
    assert kept is permit  # the retry went the fast way
    assert list(Message.objects.filter(room_id=rid).values_list("seq", "body")) == [(1, "pertama")]
    assert [p["seq"] for p in published] == [1]
    # The same client_id of the other member is their own message.
    other, _ = post(None, rid, flow.cast.company_user, client_id, "lain")
    assert other.created and other.ack["seq"] == 2


def test_the_21st_post_in_10_seconds_is_rate_limited_and_the_window_moves_on():
    flow, rid = bipartite()
    permit = fastpost.permit_for(room_id=rid, user_id=flow.cast.worker.id)
    for n in range(20):
        posted, permit = post(permit, rid, flow.cast.worker, body=f"pesan {n}")
        assert posted.ack["seq"] == n + 1
    with CaptureQueriesContext(connection) as queries, pytest.raises(RateLimited) as refused:
        post(permit, rid, flow.cast.worker)
    assert refused.value.retry_after == 10
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    # Another member is not limited by the worker's messages.
    assert post(None, rid, flow.cast.company_user)[0].created
    # Once the oldest of the 20 is out of the window, the worker posts again.
    oldest = Message.objects.filter(room_id=rid, sender=flow.cast.worker).order_by("seq").first()
    Message.objects.filter(pk=oldest.pk).update(created_at=oldest.created_at - dt.timedelta(seconds=11))
    assert post(permit, rid, flow.cast.worker)[0].ack["seq"] == 22
    assert Room.objects.get(pk=rid).last_seq == 22


def test_a_permit_never_outlives_the_membership_it_was_made_for():
    flow, rid = bipartite()
    company_user = flow.cast.company_user
    permit = fastpost.permit_for(room_id=rid, user_id=company_user.id)
    assert post(permit, rid, company_user)[0].created
    User.objects.filter(pk=company_user.pk).update(company=None)  # left the company; no event at all
    with pytest.raises(NotFound):
        post(permit, rid, company_user)
    User.objects.filter(pk=flow.cast.worker.pk).update(is_active=False)
    with pytest.raises(NotFound):
        post(fastpost.permit_for(room_id=rid, user_id=company_user.id), rid, flow.cast.worker)
    assert list(Message.objects.filter(room_id=rid).values_list("seq", flat=True)) == [1]
    assert Room.objects.get(pk=rid).last_seq == 1


def test_a_union_officer_s_permit_ends_when_they_leave_the_union():
    """A union files for its members (issue 9): its officers post for it; one who leaves the union (no event) has
    the next post refused, and their permit never lets it through."""
    from tests.disputes.test_parties import BODY, SidesCast, union_for

    cast = Cast()
    officer, second = cast.worker, cast.other_worker
    union = union_for(officer, number="40/SP/2024")
    User.objects.filter(pk=second.pk).update(union_id=union["id"])  # a second officer of the same union
    flow = Flow(SidesCast(petitioner=officer, respondent=cast.company_user), type="phk", petitioner_kind="union",
                respondent={"nib": cast.company_user.company.nib}, **BODY).to("bipartite")
    rid = Room.objects.get(dispute_id=flow.id, kind="bipartite").id
    permit = fastpost.permit_for(room_id=rid, user_id=second.id)
    assert permit is not None and post(permit, rid, second)[0].created
    User.objects.filter(pk=second.pk).update(union=None)
    with pytest.raises(NotFound):
        post(permit, rid, second)
    assert fastpost.permit_for(room_id=rid, user_id=second.id) is None
    assert list(Message.objects.filter(room_id=rid).values_list("sender_id", flat=True)) == [second.id]


def test_a_permit_of_a_room_that_turned_read_only_or_paused_gives_not_writable():
    flow, rid = bipartite()
    permit = fastpost.permit_for(room_id=rid, user_id=flow.cast.worker.id)
    Dispute.objects.filter(pk=flow.id).update(state="bipartite_failed")  # no event
    with pytest.raises(fastpost.services.NotWritable):
        post(permit, rid, flow.cast.worker)
    mediation = Flow(Cast()).to("mediation")
    joint = Room.objects.get(dispute_id=mediation.id, kind="joint").id
    party = fastpost.permit_for(room_id=joint, user_id=mediation.cast.worker.id)
    mediator = fastpost.permit_for(room_id=joint, user_id=mediation.cast.mediator.id)
    Room.objects.filter(pk=joint).update(paused=True)
    with pytest.raises(fastpost.services.NotWritable):
        post(party, joint, mediation.cast.worker)
    posted, _ = post(mediator, joint, mediation.cast.mediator)  # the mediator may post in a paused room
    assert posted.ack["seq"] == 1
    assert Message.objects.filter(room_id__in=[rid, joint]).count() == 1


def test_a_bad_body_is_invalid_unless_its_client_id_is_already_stored():
    flow, rid = bipartite()
    permit = fastpost.permit_for(room_id=rid, user_id=flow.cast.worker.id)
    client_id = uuid.uuid4()
    first, permit = post(permit, rid, flow.cast.worker, client_id, "ada")
    with pytest.raises(fastpost.services.Invalid):
        post(permit, rid, flow.cast.worker, body="   ")
    with pytest.raises(fastpost.services.Invalid):
        post(permit, rid, flow.cast.worker, client_id="bukan-uuid")
    assert post(permit, rid, flow.cast.worker, client_id, "")[0].ack == first.ack


@on_postgresql
def test_one_statement_per_post_with_a_permit_on_postgresql():
    flow, rid = bipartite()
    permit = fastpost.permit_for(room_id=rid, user_id=flow.cast.worker.id)
    for n in range(3):
        with CaptureQueriesContext(connection) as queries:
            posted, permit = post(permit, rid, flow.cast.worker, body=f"pesan {n}")
        assert posted.created and len(queries) == 1, queries.captured_queries


# --- concurrency (PostgreSQL: real concurrent transactions) ----------------------------------------------------


def _in_threads(work, count: int) -> list:
    """Run `work(i)` in `count` threads at once, each on its own connection; their results in order."""
    results: list = [None] * count
    errors: list = []
    start = threading.Barrier(count)

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = work(i)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    return results


@on_postgresql
def test_concurrent_posts_get_a_gapless_seq_each_and_every_one_is_stored_once():
    flow = Flow(Cast()).to("mediation")
    rid = Room.objects.get(dispute_id=flow.id, kind="joint").id
    users = [flow.cast.worker, flow.cast.company_user, flow.cast.mediator]
    per_thread = 15  # under the rate limit of each user (two threads share a user)

    def work(i: int) -> list[tuple[str, int]]:
        user = users[i % len(users)]
        permit = fastpost.permit_for(room_id=rid, user_id=user.id)
        acks = []
        for n in range(per_thread if i < 3 else 5):
            posted, permit = post(permit, rid, user, body=f"t{i} #{n}")
            acks.append((posted.ack["client_id"], posted.ack["seq"]))
        return acks

    results = _in_threads(work, 6)
    acked = [a for r in results for a in r]
    rows = list(Message.objects.filter(room_id=rid).order_by("seq").values_list("client_id", "seq"))
    assert [seq for _cid, seq in rows] == list(range(1, len(acked) + 1))
    assert sorted((str(c), s) for c, s in rows) == sorted(acked)
    assert Room.objects.get(pk=rid).last_seq == len(acked)
    for r in results:  # each thread's own posts in the order it made them
        assert [s for _c, s in r] == sorted(s for _c, s in r)


@on_postgresql
def test_the_same_client_id_posted_at_once_from_several_sockets_is_stored_once_without_a_gap():
    flow, rid = bipartite()
    worker = flow.cast.worker
    for round_ in range(5):
        client_id = uuid.uuid4()

        def work(_i: int, client_id=client_id, round_=round_):
            return post(fastpost.permit_for(room_id=rid, user_id=worker.id), rid, worker, client_id,
                        f"sekali {round_}")[0]

        results = _in_threads(work, 4)
        assert sum(r.created for r in results) == 1
        assert len({r.ack["seq"] for r in results}) == 1 and results[0].ack["seq"] == round_ + 1
    assert list(Message.objects.filter(room_id=rid).values_list("seq", flat=True)) == [1, 2, 3, 4, 5]
    assert Room.objects.get(pk=rid).last_seq == 5


# --- through the socket ----------------------------------------------------------------------------------------


async def test_a_retried_message_frame_is_acked_with_the_stored_message_and_delivered_once():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    worker, company = await join(rid, flow.cast.worker), await join(rid, flow.cast.company_user)
    await drain(worker, company)
    frame = message_frame(body="sekali saja")
    await worker.send_json_to(frame)
    first = await frame_of(worker, "ack")
    await worker.send_json_to(frame)
    assert await frame_of(worker, "ack") == first
    assert (await frame_of(company, "message"))["seq"] == first["seq"] == 1
    assert await company.receive_nothing(timeout=SILENCE)
    assert await stored(rid) == [(1, "sekali saja")]
    await disconnect(worker, company)


async def test_a_removed_member_has_the_next_post_refused_after_posting_with_a_permit():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    company_user = flow.cast.company_user
    leaver, worker = await join(rid, company_user), await join(rid, flow.cast.worker)
    await drain(leaver, worker)
    await leaver.send_json_to(message_frame(body="masih anggota"))
    assert (await frame_of(leaver, "ack"))["seq"] == 1  # the socket holds a permit now
    await drain(leaver, worker)
    await sync_to_async(lambda: User.objects.filter(pk=company_user.pk).update(company=None))()  # no event
    await leaver.send_json_to(message_frame(body="sudah keluar"))
    assert await leaver.receive_json_from(timeout=MUST_ARRIVE) == FORBIDDEN
    assert await leaver.receive_output(timeout=MUST_ARRIVE) == {"type": "websocket.close", "code": 4403}
    assert await stored(rid) == [(1, "masih anggota")]
    await disconnect(leaver, worker)


async def test_a_membership_event_drops_the_permit_and_closes_the_removed_members_socket():
    flow = await dispute_in("bipartite")
    rid = await room_id(flow, "bipartite")
    company_user = flow.cast.company_user
    leaver = await join(rid, company_user)
    await drain(leaver)
    await leaver.send_json_to(message_frame())
    await frame_of(leaver, "ack")

    def leave():
        from django.db import transaction

        with transaction.atomic():
            User.objects.filter(pk=company_user.pk).update(company=None)
            publish_membership_changed(room_ids=[rid])

    await sync_to_async(leave)()
    assert (await frame_of(leaver, "error")) == FORBIDDEN
    assert await leaver.receive_output(timeout=MUST_ARRIVE) == {"type": "websocket.close", "code": 4403}
    await disconnect(leaver)


async def test_a_room_turning_read_only_refuses_the_next_post_of_a_socket_with_a_permit():
    flow = await dispute_in("bipartite")
    await sync_to_async(flow.record_meeting)()
    rid = await room_id(flow, "bipartite")
    worker = await join(rid, flow.cast.worker)
    await drain(worker)
    await worker.send_json_to(message_frame(body="sebelum"))
    assert (await frame_of(worker, "ack"))["seq"] == 1
    await sync_to_async(flow.do)("petitioner", "fail_bipartite")  # publishes chat.room
    assert await frame_of(worker, "room") == {"type": "room", "writable": False, "paused": False}
    client_id = str(uuid.uuid4())
    await worker.send_json_to(message_frame(client_id, "sesudah"))
    error = await frame_of(worker, "error")
    assert (error["code"], error["client_id"]) == ("not_writable", client_id)
    # The same without the event: a stage changed behind the socket's back is caught by the statement.
    await sync_to_async(lambda: Dispute.objects.filter(pk=flow.id).update(state="bipartite"))()
    await worker.send_json_to(message_frame(body="lagi"))
    assert (await frame_of(worker, "ack"))["seq"] == 2
    await sync_to_async(lambda: Dispute.objects.filter(pk=flow.id).update(state="bipartite_failed"))()
    await worker.send_json_to(message_frame(client_id, "sesudah"))
    assert (await frame_of(worker, "error"))["code"] == "not_writable"
    assert await stored(rid) == [(1, "sebelum"), (2, "lagi")]
    await disconnect(worker)
