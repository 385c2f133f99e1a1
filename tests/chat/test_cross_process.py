"""Two real daphne processes sharing the Redis channel layer and the test database: a message posted
through one process reaches the member whose socket is on the other, and the sender gets its ack.

Redis: REDIS_URL from the environment, else a private `redis-server` started for the test (never skipped:
without either the test fails and says why). The servers run `sikhi.settings.local` with an explicit
DATABASE_URL naming the database pytest-django made, and a channel prefix of their own per run."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from asgiref.sync import sync_to_async
from django.db import connections
from websockets.asyncio.client import connect as ws_connect

from chat.models import Message, Presence, Room
from tests.chat.conftest import session_cookie
from tests.servers import DAPHNE, Server, database_url_of_test_db, free_port, start_daphne
from tests.workflow import Cast, Flow

START_TIMEOUT = 20.0
FRAME_TIMEOUT = 5.0
STOP_TIMEOUT = 5.0


def _redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def redis_url():
    """REDIS_URL if set; else a private redis-server on a free loopback port, stopped afterwards."""
    url = os.environ.get("REDIS_URL")
    if url:
        assert _redis_answers(url), f"REDIS_URL={url} is set but Redis does not answer PING"
        yield url
        return
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(
            "This test needs Redis: set REDIS_URL, or install redis-server (apt-get install redis-server) "
            "so that the test can start a private one."
        )
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="sikhi-redis-")
    log = Path(workdir) / "redis.log"
    proc = subprocess.Popen(  # noqa: S603 - a fixed command line
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            workdir,
            "--logfile",
            str(log),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 10
        while not _redis_answers(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                text = log.read_text() if log.exists() else ""
                pytest.fail(f"the private redis-server did not start (exit {proc.poll()}):\n{text[-2000:]}")
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)


@dataclass
class Servers:
    items: list[Server] = field(default_factory=list)

    def logs(self) -> str:
        return "\n".join(
            f"--- daphne on port {s.port} (exit {s.proc.poll()}) ---\n{s.output()[-6000:]}" for s in self.items
        )


@pytest.fixture
def daphnes(transactional_db, redis_url, tmp_path):
    """Two daphne processes on free loopback ports, same database and Redis, a channel prefix of their own.
    Requested after the database fixture, so they are stopped before the tables are flushed."""
    assert DAPHNE.exists(), f"{DAPHNE} is missing: install the project (make install)"
    run = uuid.uuid4().hex[:12]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="sikhi.settings.local",
        DATABASE_URL=database_url_of_test_db(),
        REDIS_URL=redis_url,
        # Not starting with "sikhi": a layer flush with the default prefix deletes every "sikhi*" key.
        SIKHI_CHANNEL_PREFIX=f"xproc-{run}",
        SIKHI_CACHE_PREFIX=f"xproc-cache-{run}",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    servers = Servers()
    try:
        for i in range(2):
            servers.items.append(start_daphne(env, tmp_path / f"daphne-{i}.log"))
        deadline = time.monotonic() + START_TIMEOUT
        waiting = list(servers.items)
        while waiting:
            for server in list(waiting):
                if server.proc.poll() is not None:
                    pytest.fail(f"daphne on port {server.port} exited with {server.proc.returncode}\n" + servers.logs())
                if server.healthy():
                    waiting.remove(server)
            if waiting and time.monotonic() > deadline:
                pytest.fail(f"daphne did not answer GET /healthz within {START_TIMEOUT:.0f} s\n" + servers.logs())
            if waiting:
                time.sleep(0.1)
        yield servers
    finally:
        for server in servers.items:
            server.stop(STOP_TIMEOUT)
        # pytest shows this only when the test fails.
        print(servers.logs())


@pytest.fixture
async def close_thread_connections():
    """The test's ORM calls run on asgiref's worker thread; close its connection afterwards, or PostgreSQL
    refuses to drop the test database at the end of the run ("being accessed by other users")."""
    yield
    await sync_to_async(connections.close_all)()


async def next_frame(ws, frame_type: str, *, seen: list[dict]) -> dict:
    """The next frame of `frame_type` on `ws` (others are kept in `seen`), within FRAME_TIMEOUT."""
    async with asyncio.timeout(FRAME_TIMEOUT):
        while True:
            frame = json.loads(await ws.recv())
            seen.append(frame)
            if frame.get("type") == frame_type:
                return frame


async def no_frame_of(ws, frame_type: str, *, within: float, seen: list[dict]) -> None:
    try:
        async with asyncio.timeout(within):
            while True:
                frame = json.loads(await ws.recv())
                seen.append(frame)
                assert frame.get("type") != frame_type, f"unexpected {frame} after {seen}"
    except TimeoutError:
        pass


def _open(server: Server, room_id: int, cookie: bytes):
    return ws_connect(
        f"ws://127.0.0.1:{server.port}/ws/rooms/{room_id}/",
        origin=f"http://127.0.0.1:{server.port}",
        additional_headers={"Cookie": cookie.decode()},
        proxy=None,
        compression=None,
        open_timeout=FRAME_TIMEOUT,
        ping_interval=None,
    )


async def messages_until_seq(ws, seq: int, *, seen: list[dict]) -> None:
    """Read until the `message` frame with `seq` has arrived (frames before it stay in `seen`). It may be in
    `seen` already: the sender's own copy of a message can come before its ack (api.md promises the ack only
    after the message is stored, not before the room's delivery)."""
    while seq not in message_seqs(seen):
        await next_frame(ws, "message", seen=seen)


def message_seqs(seen: list[dict]) -> list[int]:
    return [f["seq"] for f in seen if f.get("type") == "message"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.timeout(60)
async def test_messages_cross_between_two_daphne_processes(daphnes, close_thread_connections):
    one, two = daphnes.items

    def setup():
        flow = Flow(Cast()).to("bipartite")
        room = Room.objects.get(dispute_id=flow.id, kind="bipartite")
        cast = flow.cast
        return (
            room.id,
            cast.worker.id,
            cast.company_user.id,
            session_cookie(cast.worker),
            session_cookie(cast.company_user),
        )

    room_id, worker_id, company_id, worker_cookie, company_cookie = await sync_to_async(setup)()
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    seen_w: list[dict] = []
    seen_c: list[dict] = []
    try:
        async with _open(one, room_id, worker_cookie) as worker, _open(two, room_id, company_cookie) as company:
            # Both accepted: the first frame is the room's state.
            assert (await next_frame(worker, "room", seen=seen_w))["writable"] is True
            assert (await next_frame(company, "room", seen=seen_c))["writable"] is True

            # Worker on process one -> company on process two.
            await worker.send(json.dumps({"type": "message", "client_id": first, "body": "Dari proses satu"}))
            ack = await next_frame(worker, "ack", seen=seen_w)
            assert (ack["client_id"], ack["seq"]) == (first, 1), ack
            got = await next_frame(company, "message", seen=seen_c)
            assert (got["seq"], got["client_id"], got["body"], got["room_id"], got["sender"]["id"]) == (
                1,
                first,
                "Dari proses satu",
                room_id,
                worker_id,
            ), got

            # Company on process two -> worker on process one.
            await company.send(json.dumps({"type": "message", "client_id": second, "body": "Dari proses dua"}))
            ack = await next_frame(company, "ack", seen=seen_c)
            assert (ack["client_id"], ack["seq"]) == (second, 2), ack
            await messages_until_seq(worker, 2, seen=seen_w)
            got = seen_w[-1]
            assert (got["client_id"], got["body"], got["sender"]["id"]) == (second, "Dari proses dua", company_id)

            # Every member socket (the sender's too) gets each seq exactly once, in order.
            await messages_until_seq(company, 2, seen=seen_c)
            await no_frame_of(worker, "message", within=0.3, seen=seen_w)
            await no_frame_of(company, "message", within=0.3, seen=seen_c)
            assert message_seqs(seen_w) == [1, 2], seen_w
            assert message_seqs(seen_c) == [1, 2], seen_c
    except Exception as exc:
        raise AssertionError(f"{exc!r}\nworker saw {seen_w}\ncompany saw {seen_c}\n{daphnes.logs()}") from exc

    # Let both servers finish the sockets' disconnect handlers (presence) before they are stopped.
    async with asyncio.timeout(FRAME_TIMEOUT):
        while await Presence.objects.filter(room_id=room_id).aexists():
            await asyncio.sleep(0.05)
    stored = await sync_to_async(list)(Message.objects.filter(room_id=room_id).values_list("seq", "client_id"))
    assert sorted((seq, str(cid)) for seq, cid in stored) == [(1, first), (2, second)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.timeout(60)
async def test_daphne_stops_on_sigterm_with_posts_in_flight(daphnes, close_thread_connections):
    """A deploy stops the process with SIGTERM while sockets are posting. Publishing used to wait, on the
    database thread, for an event loop that had already stopped, and the process hung until SIGKILL."""
    server = daphnes.items[0]

    def setup():
        flow = Flow(Cast()).to("bipartite")
        room = Room.objects.get(dispute_id=flow.id, kind="bipartite")
        return room.id, session_cookie(flow.cast.worker), session_cookie(flow.cast.company_user)

    room_id, worker_cookie, company_cookie = await sync_to_async(setup)()
    seen: list[dict] = []
    async with _open(server, room_id, worker_cookie) as worker, _open(server, room_id, company_cookie) as company:
        await next_frame(worker, "room", seen=seen)
        await next_frame(company, "room", seen=seen)
        for i in range(10):  # within the rate limit of 20 per user
            for ws in (worker, company):
                await ws.send(json.dumps({"type": "message", "client_id": str(uuid.uuid4()), "body": f"pesan {i}"}))
        await next_frame(worker, "ack", seen=seen)  # posting has begun: the database is busy with the rest
        started = time.monotonic()
        exited = await asyncio.to_thread(server.stop, STOP_TIMEOUT)
        took = time.monotonic() - started
    assert exited, f"daphne needed SIGKILL after {STOP_TIMEOUT:.0f} s\n{daphnes.logs()}"
    assert took < STOP_TIMEOUT
    # Whatever was acked is stored: the database is the truth the pages resume from.
    acked = {f["client_id"] for f in seen if f.get("type") == "ack"}
    stored = {str(c) for c in await sync_to_async(list)(
        Message.objects.filter(room_id=room_id).values_list("client_id", flat=True))}
    assert acked <= stored
