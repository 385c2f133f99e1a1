"""Permission-scoped reads of rooms, and the short database units the consumers call."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from chat import services
from chat.models import Message, Room
from chat.permissions import is_room_member, is_room_writable
from sikhi.api import NotFound


def room_get_for(*, user: Any, pk: Any) -> Room:
    """The room if `user` is a member; otherwise NotFound (a room one may not read does not exist)."""
    room = Room.objects.select_related("dispute", "consultation").filter(pk=pk).first() if str(pk).isdigit() else None
    if room is None or not is_room_member(user, room):
        raise NotFound()
    return room


def _fresh_user(user_id: int) -> User | None:
    """Membership is decided on the user as the database has it now (a company may have let them go)."""
    return User.objects.filter(pk=user_id, is_active=True).first()


def room_member_check(*, room_id: int, user_id: int) -> bool:
    user = _fresh_user(user_id)
    if user is None:
        return False
    try:
        room_get_for(user=user, pk=room_id)
    except NotFound:
        return False
    return True


def room_connect_state(*, room_id: int) -> dict:
    room = Room.objects.select_related("dispute", "consultation").get(pk=room_id)
    return {"last_seq": room.last_seq, "writable": is_room_writable(room), "paused": room.paused}


def post_as_fresh_user(*, room_id: int, user_id: int, client_id: Any, body: Any) -> tuple[Message, bool]:
    user = _fresh_user(user_id)
    if user is None:
        raise NotFound()
    return services.message_post(room_id=room_id, sender=user, client_id=client_id, body=body)


def read_as_fresh_user(*, room_id: int, user_id: int, seq: Any) -> int:
    user = _fresh_user(user_id)
    if user is None:
        raise NotFound()
    return services.read_mark(room_id=room_id, user=user, seq=seq)


def message_dicts_after(*, room_id: int, after_seq: int, limit: int) -> list[dict]:
    rows = Message.objects.filter(room_id=room_id, seq__gt=after_seq).select_related("sender").order_by("seq")
    return [services.message_dict(m) for m in rows[:limit]]


def message_dicts_between(*, room_id: int, after_seq: int, before_seq: int) -> list[dict]:
    rows = (Message.objects.filter(room_id=room_id, seq__gt=after_seq, seq__lt=before_seq)
            .select_related("sender").order_by("seq"))
    return [services.message_dict(m) for m in rows]


def notification_unread_count(user: Any) -> int:
    from chat.models import Notification

    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_page_for(*, user: Any, limit: int = 100) -> list:
    """The user's newest notifications, only theirs."""
    from chat.models import Notification

    return list(Notification.objects.filter(user=user).order_by("-id")[:limit])


def notification_link(notification: Any) -> str:
    """Where a notification leads: its dispute, else its consultation, else the list."""
    if notification.dispute_id:
        return f"/perselisihan/{notification.dispute_id}/"
    consultation_id = (notification.params or {}).get("consultation_id")
    return f"/konsultasi/{consultation_id}/" if consultation_id else "/notifikasi/"
