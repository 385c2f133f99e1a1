"""Event types and group names of disputes; publishing happens only after commit."""

from __future__ import annotations

import asyncio
import collections
import logging
import os
import weakref
from typing import Any

from asgiref.sync import SyncToAsync, async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

DISPUTE_TRANSITIONED = "dispute.transitioned"


def dispute_group(dispute_id: int) -> str:
    return f"dispute.{dispute_id}"


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def publish(group: str, event_type: str, data: dict[str, Any]) -> None:
    """Send `event_type` to `group` once the current transaction commits (at-most-once: the DB is the truth)."""
    message = {"type": event_type, **data}

    def send() -> None:
        loop = _event_loop_of_this_thread()
        if loop is not None and not loop.is_closed():  # a closed one is a stale record of a finished call
            # Under daphne (a consumer's database unit, a view): hand the send to the event loop and return at
            # once. Waiting for it would park the process's only database thread on the busy loop, and would
            # hang for good when the loop has already stopped (a shutdown with a database call in flight:
            # asgiref's async_to_sync would queue the send on the stopped loop and wait forever).
            if not loop.is_running():
                logger.warning("event loop stopped; %s to %s not sent (clients resume from the database)",
                               event_type, group)
                return
            try:
                loop.call_soon_threadsafe(_outbox_put, loop, group, message)
            except RuntimeError:  # closed in the meantime
                logger.warning("event loop closed; %s to %s not sent", event_type, group)
            return
        layer = get_channel_layer()
        if layer is None:
            return
        try:  # plain synchronous code (the sweep, the shell, WSGI, tests): send and wait
            async_to_sync(layer.group_send)(group, message)
        except Exception:  # a lost poke must never break the request; clients resync from the DB
            logger.exception("could not publish %s to %s", event_type, group)

    transaction.on_commit(send, robust=True)


# --- sending from the event loop, in commit order ----------------------------------------------------------

OUTBOX_LIMIT = 10_000  # events waiting to be sent by one process
SEND_TIMEOUT = 5.0  # seconds for one group_send


class _Outbox:
    """The events a loop still has to send, per group, and the task sending each group's (absent when idle)."""

    def __init__(self) -> None:
        self.queues: dict[str, collections.deque[dict[str, Any]]] = {}
        self.tasks: dict[str, asyncio.Task] = {}
        self.size = 0  # events queued, all groups


_OUTBOXES: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Outbox] = weakref.WeakKeyDictionary()


def _event_loop_of_this_thread() -> asyncio.AbstractEventLoop | None:
    """The loop this thread belongs to, running or not: its own, or the one that called it through
    sync_to_async. None in plain synchronous code."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    local = SyncToAsync.threadlocal
    if getattr(local, "main_event_loop_pid", None) != os.getpid():
        return None
    return getattr(local, "main_event_loop", None)


def _outbox_put(loop: asyncio.AbstractEventLoop, group: str, message: dict[str, Any]) -> None:
    """On the loop: queue the event; one task per group sends that group's queue in order, then ends. Events of
    a group handed over by one thread (a consumer's database thread, a request's) therefore leave in that
    thread's commit order, so a room's messages leave in `seq` order; the groups are sent side by side, so a
    slow send delays only its own group (one send at a time for the whole process made every post wait for the
    Redis round trips of all the posts before it: bench/README.md, the profile of 2026-12-03). Across threads
    the order is the order of arrival, and the sockets repair any gap in `seq` from the database."""
    outbox = _OUTBOXES.get(loop)
    if outbox is None:
        outbox = _OUTBOXES[loop] = _Outbox()
    if outbox.size >= OUTBOX_LIMIT:  # the layer is stuck: keep memory bounded; the database is the truth
        logger.warning("event outbox full; %s to %s not sent", message["type"], group)
        return
    outbox.queues.setdefault(group, collections.deque()).append(message)
    outbox.size += 1
    task = outbox.tasks.get(group)
    if task is None or task.done():  # done here: cancelled before it began (a loop shutting down)
        outbox.tasks[group] = loop.create_task(_outbox_drain(outbox, group))


async def _outbox_drain(outbox: _Outbox, group: str) -> None:
    queue = outbox.queues[group]
    try:
        while queue:
            message = queue.popleft()
            outbox.size -= 1
            layer = get_channel_layer()
            try:
                if layer is not None:
                    # A hung send (Redis unreachable) must not hold back the group's later events for good.
                    await asyncio.wait_for(layer.group_send(group, message), timeout=SEND_TIMEOUT)
            except Exception:
                logger.exception("could not publish %s to %s", message["type"], group)
    finally:
        # The finished task would keep its loop, and the loop's outbox, alive. Cancelled with events left
        # (the loop shutting down): they are dropped, the database is the truth.
        outbox.size -= len(queue)
        outbox.queues.pop(group, None)
        outbox.tasks.pop(group, None)


def publish_dispute_transitioned(*, dispute_id: int, event_id: int, name: str, source: str, target: str) -> None:
    """Tell the dispute's open pages that a transition happened (people are told by notifications)."""
    data = {"dispute_id": dispute_id, "event_id": event_id, "name": name, "source": source, "target": target}
    publish(dispute_group(dispute_id), DISPUTE_TRANSITIONED, data)
