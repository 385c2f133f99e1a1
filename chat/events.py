"""Group names and event types of rooms and notifications; everything is sent after commit.

The channel layer is at-most-once: the database is the truth, events are pokes that carry the stored
data, and clients repair gaps by `seq` (resume)."""

from __future__ import annotations

from typing import Any

from disputes.events import publish, user_group

__all__ = ["publish", "room_group", "user_group"]

MESSAGE_CREATED = "chat.message"
ROOM_CHANGED = "chat.room"
READ_MARKED = "chat.read"
TYPING = "chat.typing"
PRESENCE_CHANGED = "chat.presence"
MEMBERSHIP_CHANGED = "chat.membership"
NOTIFICATION_CREATED = "notification.created"
USER_LOGGED_OUT = "user.logged_out"


def room_group(room_id: int) -> str:
    return f"room.{room_id}"


def publish_message(*, room_id: int, message: dict[str, Any]) -> None:
    publish(room_group(room_id), MESSAGE_CREATED, {"message": message})


def publish_room_changed(*, room_id: int, writable: bool, paused: bool) -> None:
    publish(room_group(room_id), ROOM_CHANGED, {"room_id": room_id, "writable": writable, "paused": paused})


def publish_read(*, room_id: int, user: dict[str, Any], seq: int) -> None:
    publish(room_group(room_id), READ_MARKED, {"user": user, "seq": seq})


def publish_presence(*, room_id: int, online: list[dict[str, Any]]) -> None:
    """The room's online members changed: send the new list."""
    publish(room_group(room_id), PRESENCE_CHANGED, {"room_id": room_id, "online": online})


def publish_membership_changed(*, room_ids: list[int]) -> None:
    """Membership of these rooms may have ended for someone: each socket re-checks its own user."""
    for room_id in room_ids:
        publish(room_group(room_id), MEMBERSHIP_CHANGED, {"room_id": room_id})


def publish_typing(*, room_id: int, user: dict[str, Any]) -> None:
    """Best effort, not tied to a transaction: typing is ephemeral."""
    publish(room_group(room_id), TYPING, {"user": user})


def publish_notification(*, user_id: int, notification: dict[str, Any]) -> None:
    publish(user_group(user_id), NOTIFICATION_CREATED, {"notification": notification})


def publish_logged_out(*, user_id: int) -> None:
    """Sockets are authenticated at the handshake only: close them when the user signs out."""
    publish(user_group(user_id), USER_LOGGED_OUT, {})
