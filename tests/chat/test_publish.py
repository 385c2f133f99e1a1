"""How events leave a process: from plain synchronous code, from a thread that once served an event loop, and
never by waiting on a loop that has stopped."""

from __future__ import annotations

import asyncio
import logging
import threading

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

from disputes import events

pytestmark = pytest.mark.django_db(transaction=True)


class Listener:
    """A member of a group on its own long-lived event loop, in a thread, as a socket of another process
    would be: the pub/sub layer keeps its channels per event loop, so a channel made in one `async_to_sync`
    call is gone by the next."""

    def __init__(self, group: str) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.layer = get_channel_layer()
        self.channel = self._run(self._join(group))

    async def _join(self, group: str) -> str:
        channel = await self.layer.new_channel("t.")
        await self.layer.group_add(group, channel)
        return channel

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=5)

    def receive(self) -> dict:
        return self._run(asyncio.wait_for(self.layer.receive(self.channel), 2))

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)


def test_sync_code_publishes_even_after_this_thread_ran_a_unit_for_a_loop_now_closed(caplog):
    listener = Listener("g.publish")
    try:
        # asgiref records, on this thread, the loop of that call; the loop is closed when it returns.
        async_to_sync(database_sync_to_async(lambda: None))()
        caplog.set_level(logging.WARNING, logger="disputes.events")
        with transaction.atomic():
            events.publish("g.publish", "x.happened", {"n": 1})
        assert listener.receive() == {"type": "x.happened", "n": 1}
    finally:
        listener.close()
    assert not caplog.records


def test_a_stopped_loop_is_not_waited_for_and_the_event_is_dropped_with_a_warning(caplog, monkeypatch):
    loop = asyncio.new_event_loop()  # created, never run: as daphne's loop once it has stopped
    try:
        monkeypatch.setattr(events, "_event_loop_of_this_thread", lambda: loop)
        caplog.set_level(logging.WARNING, logger="disputes.events")
        with transaction.atomic():
            events.publish("g.publish", "x.happened", {"n": 2})  # returns: no hang
        assert "event loop stopped" in caplog.text
    finally:
        loop.close()


async def test_events_handed_to_the_loop_leave_in_order_and_the_outbox_lets_go_of_its_task():
    layer = get_channel_layer()
    channel = await layer.new_channel("t.")
    await layer.group_add("g.order", channel)

    def commit_three():
        for n in range(3):
            with transaction.atomic():
                events.publish("g.order", "x.happened", {"n": n})

    await database_sync_to_async(commit_three)()
    got = [await asyncio.wait_for(layer.receive(channel), 2) for _ in range(3)]
    assert [m["n"] for m in got] == [0, 1, 2]
    outbox = events._OUTBOXES[asyncio.get_running_loop()]
    async with asyncio.timeout(2):  # the drain task ends once the queue is empty, and lets go of itself
        while outbox.tasks:
            await asyncio.sleep(0.01)
    assert not outbox.queues and outbox.size == 0


async def test_a_slow_send_to_one_group_does_not_hold_back_another_groups_events(monkeypatch):
    """Each group's events leave in order, the groups side by side: a room whose send is slow (a busy Redis
    shard, a hung connection) delays only its own events."""
    layer = get_channel_layer()
    fast, slow = await layer.new_channel("t."), await layer.new_channel("t.")
    await layer.group_add("g.fast", fast)
    await layer.group_add("g.slow", slow)
    original, release = layer.group_send, asyncio.Event()

    async def group_send(group, message):
        if group == "g.slow":
            await release.wait()
        await original(group, message)

    monkeypatch.setattr(layer, "group_send", group_send)

    def commit(group: str, n: int):
        with transaction.atomic():
            events.publish(group, "x.happened", {"n": n})

    await database_sync_to_async(commit)("g.slow", 0)
    await database_sync_to_async(commit)("g.slow", 1)
    await database_sync_to_async(commit)("g.fast", 2)
    assert (await asyncio.wait_for(layer.receive(fast), 2))["n"] == 2  # not behind the slow group
    release.set()
    assert [(await asyncio.wait_for(layer.receive(slow), 2))["n"] for _ in range(2)] == [0, 1]  # in order
