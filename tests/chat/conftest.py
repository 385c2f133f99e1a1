"""Fixtures for socket tests: real connections through the ASGI app (origin-checked, session-authenticated)."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from asgiref.sync import sync_to_async
from channels import DEFAULT_CHANNEL_LAYER
from channels.layers import channel_layers, get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connections

from sikhi.asgi import application

ORIGIN = (b"origin", b"http://localhost")
_OPEN: list[WebsocketCommunicator] = []  # sockets of the running test, closed at its teardown


def session_cookie(user) -> bytes:
    """A real session for `user`, as the login view would make it."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}".encode()


async def connect(path: str, user=None, *, origin: bytes = b"http://localhost", extra_headers=()):
    """Open a socket; returns (communicator, connected, first close code or None)."""
    headers = [(b"origin", origin), *extra_headers]
    if user is not None:
        headers.append((b"cookie", await sync_to_async(session_cookie)(user)))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    _OPEN.append(communicator)
    connected, code = await communicator.connect(timeout=5)
    return communicator, connected, code


async def frames_until(communicator, predicate, *, timeout: float = 5, limit: int = 500) -> list[dict]:
    """Receive JSON frames until one satisfies `predicate`; returns all received, that one last."""
    seen = []
    for _ in range(limit):
        frame = await communicator.receive_json_from(timeout=timeout)
        seen.append(frame)
        if predicate(frame):
            return seen
    raise AssertionError(f"no matching frame in {seen!r}")


@pytest.fixture(autouse=True)
async def _own_channel_layer():
    """A channel layer instance per test. Each test runs its own event loop, and channels_redis keeps asyncio
    locks bound to the loop that first waited on them (`receive_clean_locks`); shared across tests, the Redis
    layer fails with "Lock ... is bound to a different event loop"."""
    channel_layers.set(DEFAULT_CHANNEL_LAYER, channel_layers.make_backend(DEFAULT_CHANNEL_LAYER))
    yield
    # A test that failed half-way leaves sockets open; their consumers would keep the event loop from closing
    # (each later test then waits for its timeout). Close them here; a socket already closed is skipped.
    while _OPEN:
        communicator = _OPEN.pop()
        # A consumer cancelled by a timed-out receive raises CancelledError here: swallow it too, or pytest skips
        # this test's other finalizers (monkeypatch's undo among them) and every later test fails with it.
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await communicator.disconnect(timeout=2)
    layer = get_channel_layer()
    if hasattr(layer, "flush"):
        await layer.flush()
    channel_layers.set(DEFAULT_CHANNEL_LAYER, channel_layers.make_backend(DEFAULT_CHANNEL_LAYER))
    # The test's own sync_to_async calls leave a connection open in asgiref's worker thread; on PostgreSQL
    # it would keep the test database from being dropped at the end of the run.
    await sync_to_async(connections.close_all)()
