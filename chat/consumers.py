"""WebSocket adapters: a member's socket in a room, and a user's notification socket.

Consumers authenticate, call services through short `database_sync_to_async` units and relay
group events; they never query or publish by themselves."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from typing import Any
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from chat import fastpost, selectors, services
from chat.events import room_group, user_group
from sikhi.api import ApiError, Forbidden, NotFound
from sikhi.nul import NUL_MESSAGE, nul_errors

# Close codes (api.md): 4401 not authenticated, 4404 no such room or not a member. Added here:
# 4403 membership ended while connected.
CLOSE_UNAUTHENTICATED, CLOSE_NOT_MEMBER, CLOSE_REVOKED = 4401, 4404, 4403
RESUME_BATCH = 200
PRESENCE_TOUCH_EVERY = 30.0
# Posts of one socket waiting for the database: beyond this many the socket is answered `rate_limited` at
# once (as many as the per-user rate limit allows in its window, so a reconnecting page's outbox fits).
POSTS_IN_FLIGHT = services.RATE_COUNT
# Seconds a closing socket waits for its queued posts to be stored: well within daphne's
# application_close_timeout (10 s), after which it cancels the consumer.
DRAIN_ON_CLOSE = 5.0

logger = logging.getLogger(__name__)


def _error(code: str, message: str, client_id: Any = None) -> dict:
    frame = {"type": "error", "code": code, "message": message}
    if client_id is not None:
        frame["client_id"] = client_id
    return frame


class SafeJsonConsumer(AsyncJsonWebsocketConsumer):
    """A JSON consumer that answers bad frames with an `invalid` error instead of dying."""

    async def dispatch(self, message):
        """As Channels' own, without its `aclose_old_connections()` before every event: that call runs on the
        process's single database thread, so every frame and every relayed room event would queue behind any
        database work in the process. These handlers reach the database only through
        `database_sync_to_async`, which closes old connections itself, before and after each unit."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        # Error texts reach the user: answer in their language (cookie, then Accept-Language).
        with translation.override(self._language()):
            await self._receive(text_data)

    async def _receive(self, text_data=None, **kwargs):
        if text_data is None:
            await self.send_json(_error("invalid", _("Frames are JSON text.")))
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            await self.send_json(_error("invalid", _("The frame is not valid JSON.")))
            return
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_json(_error("invalid", _("A frame is a JSON object with a `type`.")))
            return
        if nul_errors(content):  # PostgreSQL cannot store it: refuse the frame, the socket stays open
            await self.send_json(_error("invalid", str(NUL_MESSAGE), content.get("client_id")))
            return
        await self.receive_json(content, **kwargs)

    async def reject(self, code: int) -> None:
        """Accept then close with `code`, so that the client sees the code (a refused handshake shows 1006)."""
        await self.accept()
        await self.close(code=code)

    def _language(self) -> str:
        headers = dict(self.scope.get("headers") or [])
        cookies = self.scope.get("cookies") or {}
        supported = [code for code, _name in settings.LANGUAGES]
        if cookies.get(settings.LANGUAGE_COOKIE_NAME) in supported:
            return cookies[settings.LANGUAGE_COOKIE_NAME]
        for part in headers.get(b"accept-language", b"").decode("latin-1").split(","):
            code = part.split(";")[0].strip().lower()[:2]
            if code in supported:
                return code
        return settings.LANGUAGE_CODE

    async def user_logged_out(self, event):
        await self.close(code=CLOSE_UNAUTHENTICATED)


class RoomConsumer(SafeJsonConsumer):
    """A member's socket in one room: post, resume by `seq`, typing, read markers, presence, room state."""

    async def connect(self):
        self.user = self.scope.get("user")
        self.room_id = int(self.scope["url_route"]["kwargs"]["room_id"])
        self.delivered: int | None = None  # highest seq sent on this socket
        self.joined = False
        self.posts: asyncio.Queue | None = None  # (frame, language) waiting for the poster task
        self.poster: asyncio.Task | None = None
        self.touched = 0.0
        # The user's right to post here (chat.fastpost), dropped by room and membership events; `permit_epoch`
        # counts those drops, so a permit decided before one is not kept after it.
        self.permit: fastpost.Permit | None = None
        self.permit_epoch = 0
        if self.user is None or not self.user.is_authenticated:
            await self.reject(CLOSE_UNAUTHENTICATED)
            return
        permit = await database_sync_to_async(fastpost.permit_for)(room_id=self.room_id, user_id=self.user.id)
        if permit is None:
            await self.reject(CLOSE_NOT_MEMBER)
            return
        self.permit = permit
        # Join the groups before reading anything, so no message falls between history and live events.
        await self.channel_layer.group_add(room_group(self.room_id), self.channel_name)
        await self.channel_layer.group_add(user_group(self.user.id), self.channel_name)
        self.joined = True
        await self.accept()
        state = await database_sync_to_async(selectors.room_connect_state)(room_id=self.room_id)
        self.delivered = state["last_seq"]
        await self.send_json({"type": "room", "writable": state["writable"], "paused": state["paused"]})
        await database_sync_to_async(services.presence_join)(room_id=self.room_id, user=self.user,
                                                             channel_name=self.channel_name)
        after = parse_qs((self.scope.get("query_string") or b"").decode()).get("after_seq")
        if after and after[0].isascii() and after[0].isdigit():
            await self._resume(int(after[0]))

    async def disconnect(self, code):
        try:
            await self._stop_posting()
        finally:  # even when daphne cancels us meanwhile: no group or presence row may outlive the socket
            await self._leave()

    async def _leave(self) -> None:
        """Stop relaying the room to this socket and drop it from presence (once)."""
        if not self.joined:
            return
        self.joined = False
        await self.channel_layer.group_discard(room_group(self.room_id), self.channel_name)
        await self.channel_layer.group_discard(user_group(self.user.id), self.channel_name)
        await database_sync_to_async(services.presence_leave)(room_id=self.room_id, channel_name=self.channel_name)

    # --- frames from the client -------------------------------------------------------------------------

    async def receive_json(self, content, **kwargs):
        handler = {
            "message": self._on_message, "resume": self._on_resume, "typing": self._on_typing,
            "read": self._on_read, "ping": self._on_ping,
        }.get(content["type"])
        if handler is None:
            await self.send_json(_error("invalid", _("Unknown frame type %(type)r.") % {"type": content["type"][:40]}))
            return
        await handler(content)

    async def _revoked(self) -> None:
        # Leave the groups now: until the client's disconnect arrives, events of the room would still be
        # relayed to a user who is no longer a member.
        if not self.joined:
            return  # already refused (the poster and a membership event may both find out)
        await self._leave()
        await self.send_json(_error("forbidden", _("You are no longer a member of this room.")))
        await self.close(code=CLOSE_REVOKED)

    async def _still_member(self) -> bool:
        if await database_sync_to_async(selectors.room_member_check)(room_id=self.room_id, user_id=self.user.id):
            return True
        await self._revoked()
        return False

    async def _on_message(self, content):
        """Queue the post for this socket's poster task and return at once: the consumer handles one event at a
        time, and awaiting the database here would hold back the room's deliveries to this socket."""
        if self.posts is None:
            self.posts = asyncio.Queue()
            self.poster = asyncio.create_task(self._post_loop())
        if self.posts.qsize() >= POSTS_IN_FLIGHT:
            await self.send_json(_error("rate_limited", _("Too many messages at once. Wait a moment and send again."),
                                        content.get("client_id")))
            return
        self.posts.put_nowait((content, translation.get_language()))

    async def _post_loop(self) -> None:
        """Store this socket's posts one at a time, in the order they came, so that acks keep that order."""
        assert self.posts is not None
        while True:
            content, language = await self.posts.get()
            try:
                if self.joined:  # a revoked or closing socket posts nothing more
                    with translation.override(language):
                        await self._post(content)
            except Exception:
                logger.exception("post on room %s failed", self.room_id)
                with contextlib.suppress(Exception):
                    await self._leave()
                with contextlib.suppress(Exception):
                    await self.close(code=1011)  # the page reconnects and sends its unacked posts again
            finally:
                self.posts.task_done()

    async def _stop_posting(self) -> None:
        """On close: let the posts already received be stored (they are idempotent by client_id), then stop."""
        if self.poster is None:
            return
        try:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.posts.join(), timeout=DRAIN_ON_CLOSE)
        finally:
            self.poster.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.poster

    async def _post(self, content) -> None:
        client_id = content.get("client_id")
        epoch = self.permit_epoch
        try:
            posted, permit = await database_sync_to_async(fastpost.post)(
                permit=self.permit, room_id=self.room_id, user_id=self.user.id, client_id=client_id,
                body=content.get("body"))
        except (NotFound, Forbidden):
            self.permit = None
            await self._revoked()
            return
        except ApiError as exc:
            await self.send_json(_error(exc.code, str(exc.detail), client_id))
            return
        if epoch == self.permit_epoch:  # no room or membership event since the post began
            self.permit = permit
        await self.send_json(posted.ack)

    def _drop_permit(self) -> None:
        self.permit = None
        self.permit_epoch += 1

    async def _on_resume(self, content):
        after = content.get("after_seq")
        if isinstance(after, bool) or not isinstance(after, int) or after < 0:
            await self.send_json(_error("invalid", _("`after_seq` must be a whole number of at least 0.")))
            return
        if await self._still_member():
            await self._resume(after)

    async def _resume(self, after: int) -> None:
        """Send every stored message after `after` in seq order, exactly once, then `resumed`."""
        cursor = after
        while True:
            batch = await database_sync_to_async(selectors.message_dicts_after)(
                room_id=self.room_id, after_seq=cursor, limit=RESUME_BATCH)
            for message in batch:
                await self.send_json({"type": "message", **message})
                cursor = message["seq"]
                # Only what was really sent counts: an `after` beyond the room's last seq must not make
                # the live handler skip the messages still to come.
                self.delivered = max(self.delivered or 0, cursor)
            if len(batch) < RESUME_BATCH:
                break
        self.delivered = self.delivered or 0
        await self.send_json({"type": "resumed", "last_seq": self.delivered})

    async def _on_typing(self, content):
        if await self._still_member():
            await database_sync_to_async(services.typing_announce)(room_id=self.room_id, user=self.user)

    async def _on_read(self, content):
        try:
            await database_sync_to_async(selectors.read_as_fresh_user)(
                room_id=self.room_id, user_id=self.user.id, seq=content.get("seq"))
        except (NotFound, Forbidden):
            await self._revoked()
        except ApiError as exc:
            await self.send_json(_error(exc.code, str(exc.detail)))

    async def _on_ping(self, content):
        await self.send_json({"type": "pong"})
        if time.monotonic() - self.touched > PRESENCE_TOUCH_EVERY:
            self.touched = time.monotonic()
            await database_sync_to_async(services.presence_touch)(channel_name=self.channel_name)

    # --- events from the groups -----------------------------------------------------------------------

    async def chat_message(self, event):
        message = event["message"]
        seq = message["seq"]
        if self.delivered is not None:
            if seq <= self.delivered:
                return  # already sent (resume or an earlier event)
            if seq > self.delivered + 1:
                # The channel layer dropped something: repair from the database, in order.
                missing = await database_sync_to_async(selectors.message_dicts_between)(
                    room_id=self.room_id, after_seq=self.delivered, before_seq=seq)
                for row in missing:
                    await self.send_json({"type": "message", **row})
        await self.send_json({"type": "message", **message})
        self.delivered = seq

    async def chat_room(self, event):
        self._drop_permit()  # writable or paused changed: the next post decides afresh
        await self.send_json({"type": "room", "writable": event["writable"], "paused": event["paused"]})

    async def chat_read(self, event):
        if event["user"]["id"] != self.user.id:
            await self.send_json({"type": "read", "user": event["user"], "seq": event["seq"]})

    async def chat_typing(self, event):
        if event["user"]["id"] != self.user.id:
            await self.send_json({"type": "typing", "user": event["user"]})

    async def chat_presence(self, event):
        await self.send_json({"type": "presence", "online": event["online"]})

    async def chat_membership(self, event):
        self._drop_permit()
        await self._still_member()

    async def notification_created(self, event):
        """Notifications go to the notification socket; the room socket shares only the user group."""


class NotificationConsumer(SafeJsonConsumer):
    """A signed-in user's notifications, pushed as they are created."""

    async def connect(self):
        self.user = self.scope.get("user")
        self.joined = False
        if self.user is None or not self.user.is_authenticated:
            await self.reject(CLOSE_UNAUTHENTICATED)
            return
        self.language = self._language()
        await self.channel_layer.group_add(user_group(self.user.id), self.channel_name)
        self.joined = True
        await self.accept()

    async def disconnect(self, code):
        if self.joined:
            await self.channel_layer.group_discard(user_group(self.user.id), self.channel_name)

    async def receive_json(self, content, **kwargs):
        if content["type"] == "ping":
            await self.send_json({"type": "pong"})
        else:
            await self.send_json(_error("invalid", _("Unknown frame type %(type)r.") % {"type": content["type"][:40]}))

    async def notification_created(self, event):
        from chat.notices import notification_title

        n = event["notification"]
        with translation.override(self.language):
            title = notification_title(n["kind"], n["params"])
        await self.send_json({"type": "notification", "id": n["id"], "kind": n["kind"],
                              "dispute_id": n["dispute_id"], "title": title, "created_at": n["created_at"]})

    async def chat_membership(self, event):
        """Only room sockets care."""


class NoRouteConsumer(SafeJsonConsumer):
    """A socket to an address that names no room or stream (`/ws/rooms/abc/`, `/ws/nothing/`): closed with 4404."""

    async def connect(self):
        await self.reject(CLOSE_NOT_MEMBER)
