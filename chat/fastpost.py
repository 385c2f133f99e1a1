"""The socket's message path: one statement per post on PostgreSQL, a few inside the write lock on SQLite.

A socket keeps a `Permit`: the facts the room's permissions were decided on (the user's role, company, office,
union and active flag; the room's pause; its dispute's state, sides (kind and who acts for each), mediator and
office; its consultation's status, asker and office) and the decision itself (the user may post). Every post sends
those facts with it, and the statement stores the message only if the database still holds exactly them. So a
permit can never let through a post that `chat.services.message_post` would refuse: when anything it was decided
on has changed (a transition, a pause, a company or mediator change, a deactivated account, with or without an event),
the statement stores nothing and the post takes the full path (`message_post`), which gives the exact answer
(`not_writable`, `forbidden` via NotFound, ...) and the socket drops its permit. The room and membership events
(`chat.room`, `chat.membership`) drop the permit too, so the next post decides afresh.

On PostgreSQL one statement (autocommit, one round trip) does: the permit check, the idempotency lookup (a
repeated `client_id` gives back the stored message, nothing stored or published), the rate limit, the room's
`seq` (`UPDATE chat_room ... RETURNING last_seq`, which takes the row lock and so serialises the room's writers
across processes) and the `INSERT`.

- The rate limit (spec: 20 messages per 10 s per user and room) reads the created_at of the user's 20th newest
  message in the room through the index (room, sender, created_at): at most 20 index entries, no COUNT. It is
  kept in the database because the database is what every daphne process shares: a per-process token bucket
  would let a user with sockets on two processes post twice the limit, and a Redis bucket would add a round
  trip and a second store that can disagree with the messages. Its snapshot is that of the statement, taken
  before the room lock is granted: two posts of one user in one room that are in flight at the same instant
  (only possible from two sockets, since a socket posts one at a time) can both pass at the 20th message, so the
  limit can be exceeded by the user's posts in flight at that moment. `message_post` (HTTP) stays exact.
- A `client_id` stored by a concurrent transaction that the statement's snapshot does not see makes the INSERT
  fail on the unique constraint (room, sender, client_id); the whole statement is rolled back, `seq` included
  (no gap), and the post takes the full path, which finds the stored message.

On SQLite (the embedded default, one writer at a time) the same decisions run as a few statements inside
`transaction.atomic()`, which takes the write lock first (`BEGIN IMMEDIATE`), so they read current data.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import astuple, dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts.models import User
from chat import events, selectors, services
from chat.models import Consultation, Message, Room
from chat.permissions import is_room_member, may_post
from disputes.models import Dispute
from sikhi.api import ApiError, NotFound, RateLimited


@dataclass(frozen=True)
class Facts:
    """What the permissions of a user in a room depend on, as stored when the permit was made."""

    user_role: str
    user_company_id: int | None
    user_office_id: str | None
    user_union_id: int | None
    room_paused: bool
    room_dispute_id: int | None
    room_consultation_id: int | None
    dispute_state: str | None
    dispute_petitioner_id: int | None
    dispute_respondent_company_id: int | None
    dispute_mediator_id: int | None
    dispute_office_id: str | None
    dispute_submitted: bool
    # Who acts for each side (disputes/parties.py): a worker, a company or a union.
    dispute_petitioner_kind: str | None
    dispute_petitioner_company_id: int | None
    dispute_petitioner_union_id: int | None
    dispute_respondent_kind: str | None
    dispute_respondent_worker_id: int | None
    dispute_respondent_union_id: int | None
    consultation_status: str | None
    consultation_asker_id: int | None
    consultation_office_id: str | None


@dataclass(frozen=True)
class Permit:
    """A member's right to post in a room, valid while the database still holds `facts`."""

    room_id: int
    user_id: int
    facts: Facts
    may_post: bool  # member, writable stage, not paused (or the mediator)
    fast: bool  # whether the decision rests on `facts` alone (a drafting agreement's origin does not)


def _facts(user: Any, room: Room) -> Facts:
    d: Dispute | None = room.dispute
    c: Consultation | None = room.consultation
    return Facts(
        user_role=user.role, user_company_id=user.company_id, user_office_id=user.office_id,
        user_union_id=user.union_id,
        room_paused=room.paused, room_dispute_id=room.dispute_id, room_consultation_id=room.consultation_id,
        dispute_state=d.state if d else None, dispute_petitioner_id=d.petitioner_id if d else None,
        dispute_respondent_company_id=d.respondent_company_id if d else None,
        dispute_mediator_id=d.mediator_id if d else None, dispute_office_id=d.office_id if d else None,
        dispute_submitted=bool(d and d.submitted_at is not None),
        dispute_petitioner_kind=d.petitioner_kind if d else None,
        dispute_petitioner_company_id=d.petitioner_company_id if d else None,
        dispute_petitioner_union_id=d.petitioner_union_id if d else None,
        dispute_respondent_kind=d.respondent_kind if d else None,
        dispute_respondent_worker_id=d.respondent_worker_id if d else None,
        dispute_respondent_union_id=d.respondent_union_id if d else None,
        consultation_status=c.status if c else None, consultation_asker_id=c.asker_id if c else None,
        consultation_office_id=c.office_id if c else None,
    )


def permit_for(*, room_id: int, user_id: int) -> Permit | None:
    """The user's permit for the room, or None when they are not a member (or the room does not exist)."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    room = Room.objects.select_related("dispute", "consultation").filter(pk=room_id).first()
    if room is None or not is_room_member(user, room):
        return None
    fast = not (room.dispute is not None and room.dispute.state == "agreement_drafting")
    return Permit(room_id=room_id, user_id=user_id, facts=_facts(user, room), may_post=may_post(user, room),
                  fast=fast)


# --- the statement -----------------------------------------------------------------------------------------

_U, _R, _D, _C, _M = (m._meta.db_table for m in (User, Room, Dispute, Consultation, Message))

# Each fact compared with IS NOT DISTINCT FROM (NULL equals NULL), in the order of `Facts`.
_GUARD = " AND ".join(f"{column} IS NOT DISTINCT FROM %s" for column in (
    "u.role", "u.company_id", "u.office_id", "u.union_id", "r.paused", "r.dispute_id", "r.consultation_id",
    "d.state", "d.petitioner_id", "d.respondent_company_id", "d.mediator_id", "d.office_id",
    "(d.submitted_at IS NOT NULL)", "d.petitioner_kind", "d.petitioner_company_id", "d.petitioner_union_id",
    "d.respondent_kind", "d.respondent_worker_id", "d.respondent_union_id", "c.status", "c.asker_id", "c.office_id",
))

_OK = f"""
    SELECT u.name, u.role FROM {_U} u
    JOIN {_R} r ON r.id = %s
    LEFT JOIN {_D} d ON d.id = r.dispute_id
    LEFT JOIN {_C} c ON c.id = r.consultation_id
    WHERE u.id = %s AND u.is_active AND {_GUARD}
"""  # noqa: S608 - table and column names from the models, values are parameters
_DUP = f"SELECT id, seq, created_at FROM {_M} WHERE room_id = %s AND sender_id = %s AND client_id = %s"  # noqa: S608
# The user's RATE_COUNT-th newest message in the room is inside the window: the limit is reached.
_LIMITED = f"""
    SELECT 1 FROM (SELECT created_at FROM {_M} WHERE room_id = %s AND sender_id = %s
                   ORDER BY created_at DESC OFFSET %s LIMIT 1) nth
    WHERE nth.created_at > %s
"""  # noqa: S608

_PG_POST = f"""
WITH ok AS ({_OK}),
dup AS ({_DUP}),
limited AS ({_LIMITED}),
bump AS (
    UPDATE {_R} SET last_seq = last_seq + 1
    WHERE id = %s AND EXISTS (SELECT 1 FROM ok) AND NOT EXISTS (SELECT 1 FROM dup)
      AND NOT EXISTS (SELECT 1 FROM limited)
    RETURNING last_seq
),
ins AS (
    INSERT INTO {_M} (room_id, seq, client_id, sender_id, body, created_at)
    SELECT %s, last_seq, %s, %s, %s, %s FROM bump
    RETURNING id, seq
)
SELECT (SELECT name FROM ok), (SELECT role FROM ok), EXISTS (SELECT 1 FROM limited),
       (SELECT id FROM ins), (SELECT seq FROM ins),
       (SELECT id FROM dup), (SELECT seq FROM dup), (SELECT created_at FROM dup)
"""  # noqa: S608


@dataclass
class Posted:
    """What the socket sends: the `ack` frame, and whether a new message was stored (and published)."""

    ack: dict
    created: bool


def _ack(*, client_id: uuid.UUID, id: int, seq: int, created_at: dt.datetime) -> dict:
    return {"type": "ack", "client_id": str(client_id), "id": id, "seq": seq,
            "created_at": timezone.localtime(created_at).isoformat()}


def _publish(*, room_id: int, user_id: int, name: str, role: str, client_id: uuid.UUID, id: int, seq: int,
             body: str, created_at: dt.datetime) -> None:
    events.publish_message(room_id=room_id, message={
        "id": id, "seq": seq, "client_id": str(client_id), "sender": {"id": user_id, "name": name, "role": role},
        "body": body, "created_at": timezone.localtime(created_at).isoformat(), "room_id": room_id,
    })


def _full_path(*, room_id: int, user_id: int, client_id: uuid.UUID, body: Any) -> Posted:
    """`message_post` as it always was (fresh user, room lock, every check): the exact answer."""
    message, created = selectors.post_as_fresh_user(room_id=room_id, user_id=user_id, client_id=client_id,
                                                    body=body)
    return Posted(_ack(client_id=message.client_id, id=message.id, seq=message.seq,
                       created_at=message.created_at), created)


def post(*, permit: Permit | None, room_id: int, user_id: int, client_id: Any,
         body: Any) -> tuple[Posted, Permit | None]:
    """Store a post of the socket's user; returns what to answer and the permit to keep (None: decide afresh
    next time). Raises what `message_post` raises (Invalid, NotWritable, RateLimited, NotFound)."""
    client_uuid = services.clean_client_id(client_id)
    if permit is None:
        permit = permit_for(room_id=room_id, user_id=user_id)
        if permit is None:
            raise NotFound()
    try:
        text = services.clean_body(body)
    except ApiError:
        text = None  # a repeated client_id answers with the stored message even so: the full path decides
    if text is None or not permit.fast or not permit.may_post:
        # Read-only, paused, a drafting agreement, a bad body: rare; the full path gives the exact answer.
        return _full_path(room_id=room_id, user_id=user_id, client_id=client_uuid, body=body), None
    now = timezone.now()
    since = now - services.RATE_WINDOW
    if connection.vendor == "postgresql":
        done = _post_postgresql(permit, client_uuid, text, now, since)
    else:
        done = _post_sqlite(permit, client_uuid, text, now, since)
    if done is None:  # the permit no longer holds, or a concurrent duplicate: decide afresh
        return _full_path(room_id=room_id, user_id=user_id, client_id=client_uuid, body=body), None
    return done, permit


def _post_postgresql(permit: Permit, client_id: uuid.UUID, text: str, now: dt.datetime,
                     since: dt.datetime) -> Posted | None:
    room_id, user_id = permit.room_id, permit.user_id
    params = [room_id, user_id, *astuple(permit.facts),  # ok
              room_id, user_id, client_id,  # dup
              room_id, user_id, services.RATE_COUNT - 1, since,  # limited
              room_id,  # bump
              room_id, client_id, user_id, text, now]  # ins
    try:
        if connection.in_atomic_block:  # a caller's transaction: keep it usable if the INSERT fails
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(_PG_POST, params)
                row = cursor.fetchone()
        else:  # autocommit: the statement is its own transaction, one round trip
            with connection.cursor() as cursor:
                cursor.execute(_PG_POST, params)
                row = cursor.fetchone()
    except IntegrityError:  # the same client_id stored meanwhile by another transaction; nothing was changed
        return None
    name, role, limited, new_id, new_seq, dup_id, dup_seq, dup_created = row
    if name is None:
        return None
    if dup_id is not None:
        return Posted(_ack(client_id=client_id, id=dup_id, seq=dup_seq, created_at=dup_created), False)
    if limited:
        raise RateLimited(retry_after=services.RATE_WINDOW.seconds)
    _publish(room_id=room_id, user_id=user_id, name=name, role=role, client_id=client_id, id=new_id,
             seq=new_seq, body=text, created_at=now)
    return Posted(_ack(client_id=client_id, id=new_id, seq=new_seq, created_at=now), True)


def _post_sqlite(permit: Permit, client_id: uuid.UUID, text: str, now: dt.datetime,
                 since: dt.datetime) -> Posted | None:
    """The same decisions under SQLite's write lock (taken first: BEGIN IMMEDIATE), so every read is current."""
    room_id, user_id = permit.room_id, permit.user_id
    with transaction.atomic():
        room = Room.objects.select_related("dispute", "consultation").filter(pk=room_id).first()
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if room is None or user is None or _facts(user, room) != permit.facts:
            return None
        existing = (Message.objects.filter(room_id=room_id, sender_id=user_id, client_id=client_id)
                    .values_list("id", "seq", "created_at").first())
        if existing is not None:
            return Posted(_ack(client_id=client_id, id=existing[0], seq=existing[1], created_at=existing[2]),
                          False)
        nth = list(Message.objects.filter(room_id=room_id, sender_id=user_id).order_by("-created_at")
                   .values_list("created_at", flat=True)[services.RATE_COUNT - 1:services.RATE_COUNT])
        if nth and nth[0] > since:
            raise RateLimited(retry_after=services.RATE_WINDOW.seconds)
        seq = room.last_seq + 1  # current: the write lock is held
        Room.objects.filter(pk=room_id).update(last_seq=seq)
        message = Message.objects.create(room_id=room_id, seq=seq, client_id=client_id, sender_id=user_id,
                                         body=text, created_at=now)
        _publish(room_id=room_id, user_id=user_id, name=user.name, role=user.role, client_id=client_id,
                 id=message.id, seq=seq, body=text, created_at=now)
    return Posted(_ack(client_id=client_id, id=message.id, seq=seq, created_at=now), True)
