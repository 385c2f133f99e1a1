"""Every write on rooms: opening them with the workflow, messages, read markers, pause, presence,
and notifications."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chat import events
from chat.models import Message, Notification, Presence, ReadMarker, Room
from chat.permissions import can_pause_room, is_room_member, is_room_writable
from sikhi.api import ApiError, Forbidden, Invalid, NotFound, RateLimited

if TYPE_CHECKING:
    from disputes.models import Dispute

MAX_BODY = 4000
RATE_COUNT, RATE_WINDOW = 20, dt.timedelta(seconds=10)
PRESENCE_TTL = dt.timedelta(seconds=90)


class NotWritable(ApiError):
    status_code = 409
    default_code = "not_writable"
    default_detail = _("Messages cannot be posted in this room now.")


def user_ref(user: Any) -> dict:
    return {"id": user.id, "name": user.name}


def message_dict(message: Message) -> dict:
    """The message as the API and the socket send it (plain text, never HTML)."""
    return {
        "id": message.id,
        "seq": message.seq,
        "client_id": str(message.client_id),
        "sender": {"id": message.sender_id, "name": message.sender.name, "role": message.sender.role},
        "body": message.body,
        "created_at": timezone.localtime(message.created_at).isoformat(),
        "room_id": message.room_id,
    }


def room_state(room: Room) -> dict:
    return {"writable": is_room_writable(room), "paused": room.paused}


# --- opening rooms with the workflow ---------------------------------------------------------------------


def rooms_open(*, dispute: Dispute, kinds: Iterable[str]) -> list[Room]:
    """Create the dispute's rooms of `kinds` if they do not exist yet (a stage may be re-entered)."""
    return [Room.objects.get_or_create(dispute=dispute, kind=kind)[0] for kind in kinds]


def rooms_publish_state(*, dispute: Dispute) -> None:
    """After a transition: every room of the dispute tells its sockets whether it is writable now."""
    for room in Room.objects.filter(dispute=dispute).select_related("dispute"):
        events.publish_room_changed(room_id=room.id, **room_state(room))


# --- messages ---------------------------------------------------------------------------------------------


def _room_for_update(room_id: int) -> Room:
    room = (
        Room.objects.select_for_update(of=("self",))
        .select_related("dispute", "consultation").filter(pk=room_id).first()
    )
    if room is None:
        raise NotFound()
    return room


def clean_body(body: Any) -> str:
    if not isinstance(body, str):
        raise Invalid(details={"body": [_("The message must be text.")]})
    body = body.strip()
    if not body:
        raise Invalid(details={"body": [_("The message is empty.")]})
    if len(body) > MAX_BODY:
        raise Invalid(details={"body": [_("A message has at most 4000 characters.")]})
    return body


def clean_client_id(client_id: Any) -> uuid.UUID:
    if isinstance(client_id, uuid.UUID):
        return client_id
    try:
        if not isinstance(client_id, str):  # a number of 32 digits would otherwise pass as a UUID
            raise TypeError
        return uuid.UUID(client_id)
    except (ValueError, TypeError, AttributeError):
        raise Invalid(details={"client_id": [_("Must be a UUID.")]}) from None


def message_post(*, room_id: int, sender: Any, client_id: Any, body: Any) -> tuple[Message, bool]:
    """Store a message and publish it after commit; (message, created). A client_id this sender already
    used in this room gives back the stored message, unchanged and not published again."""
    client_uuid = clean_client_id(client_id)
    now = timezone.now()
    with transaction.atomic():
        room = _room_for_update(room_id)  # serialises the writers of this room
        if not is_room_member(sender, room):
            raise NotFound()
        existing = Message.objects.filter(room=room, sender=sender, client_id=client_uuid).select_related("sender")
        if (message := existing.first()) is not None:
            return message, False
        text = clean_body(body)
        if not is_room_writable(room) or (room.paused and not can_pause_room(sender, room)):
            raise NotWritable()
        recent = Message.objects.filter(room=room, sender=sender, created_at__gt=now - RATE_WINDOW).count()
        if recent >= RATE_COUNT:
            raise RateLimited(retry_after=RATE_WINDOW.seconds)
        # The row is locked (FOR UPDATE on PostgreSQL, the write lock on SQLite), so the value read is current.
        seq = room.last_seq + 1
        Room.objects.filter(pk=room.pk).update(last_seq=seq)
        message = Message.objects.create(room=room, seq=seq, client_id=client_uuid, sender=sender, body=text,
                                         created_at=now)
        events.publish_message(room_id=room.pk, message=message_dict(message))
    return message, True


def messages_after(*, room: Room, after_seq: int, limit: int) -> list[Message]:
    return list(room.messages.filter(seq__gt=after_seq).select_related("sender").order_by("seq")[:limit])


def messages_before(*, room: Room, before_seq: int, limit: int) -> list[Message]:
    rows = room.messages.filter(seq__lt=before_seq).select_related("sender").order_by("-seq")[:limit]
    return sorted(rows, key=lambda m: m.seq)


# --- read markers, pause, typing ------------------------------------------------------------------------


def read_mark(*, room_id: int, user: Any, seq: Any) -> int:
    """Move the user's read marker forward (never back) and tell the other members."""
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 0:
        raise Invalid(details={"seq": [_("Must be a whole number of at least 0.")]})
    with transaction.atomic():
        room = _room_for_update(room_id)
        if not is_room_member(user, room):
            raise NotFound()
        seq = min(seq, room.last_seq)
        marker, _created = ReadMarker.objects.select_for_update().get_or_create(room=room, user=user)
        if seq > marker.seq:
            marker.seq = seq
            marker.save(update_fields=["seq", "updated_at"])
            events.publish_read(room_id=room.pk, user=user_ref(user), seq=seq)
    return marker.seq


def room_set_paused(*, room_id: int, by: Any, paused: bool) -> Room:
    """The assigned mediator pauses or resumes a mediation room; publishes `chat.room`."""
    with transaction.atomic():
        room = _room_for_update(room_id)
        if not is_room_member(by, room):
            raise NotFound()
        if not can_pause_room(by, room):
            raise Forbidden()
        if room.paused != paused:
            room.paused = paused
            room.save(update_fields=["paused"])
            events.publish_room_changed(room_id=room.pk, **room_state(room))
    return room


def typing_announce(*, room_id: int, user: Any) -> None:
    """Tell the other members `user` is typing (ephemeral; membership is checked by the caller)."""
    events.publish_typing(room_id=room_id, user=user_ref(user))


# --- presence ---------------------------------------------------------------------------------------------


def presence_join(*, room_id: int, user: Any, channel_name: str) -> None:
    with transaction.atomic():
        Presence.objects.update_or_create(channel_name=channel_name,
                                          defaults={"room_id": room_id, "user": user, "seen_at": timezone.now()})
        events.publish_presence(room_id=room_id, online=presence_online(room_id=room_id))


def presence_leave(*, room_id: int, channel_name: str) -> None:
    with transaction.atomic():
        if Presence.objects.filter(channel_name=channel_name).delete()[0]:
            events.publish_presence(room_id=room_id, online=presence_online(room_id=room_id))


def presence_touch(*, channel_name: str) -> None:
    Presence.objects.filter(channel_name=channel_name).update(seen_at=timezone.now())


def presence_online(*, room_id: int) -> list[dict]:
    """The distinct users with a live socket in the room (stale rows of a crashed process are ignored)."""
    fresh = timezone.now() - PRESENCE_TTL
    seen: dict[int, dict] = {}
    for p in Presence.objects.filter(room_id=room_id, seen_at__gte=fresh).select_related("user").order_by("user_id"):
        seen.setdefault(p.user_id, {"id": p.user_id, "name": p.user.name, "role": p.user.role})
    return list(seen.values())


# --- notifications ----------------------------------------------------------------------------------------


def notification_dict(notification: Notification) -> dict:
    from chat.notices import notification_title

    return {
        "type": "notification",
        "id": notification.id,
        "kind": notification.kind,
        "dispute_id": notification.dispute_id,
        "title": notification_title(notification.kind, notification.params),
        "created_at": timezone.localtime(notification.created_at).isoformat(),
        "read": notification.read_at is not None,
    }


def notify(
    *, user_ids: Iterable[int], kind: str, dispute: Dispute | None = None, params: dict | None = None
) -> list[Notification]:
    """Store a notification per user and push it to their sockets after commit."""
    rows = [Notification.objects.create(user_id=uid, kind=kind, dispute=dispute, params=params or {})
            for uid in dict.fromkeys(user_ids)]
    for row in rows:
        events.publish_notification(user_id=row.user_id, notification={
            "id": row.id, "kind": row.kind, "dispute_id": row.dispute_id, "params": row.params,
            "created_at": timezone.localtime(row.created_at).isoformat()})
    return rows


def notification_mark_read(*, notification_id: Any, user: Any) -> Notification:
    row = Notification.objects.filter(pk=notification_id, user=user).first() if str(notification_id).isdigit() \
        else None
    if row is None:
        raise NotFound()
    if row.read_at is None:
        row.read_at = timezone.now()
        row.save(update_fields=["read_at"])
    return row


def notification_mark_all_read(*, user: Any) -> int:
    """Mark every unread notification of the user read; answers how many were unread."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
