"""The baseline for bench/rooms.py: a bare ASGI WebSocket app, no Django, no database, no channel layer.

It speaks the part of SIKHI's room protocol that the benchmark uses, so the same load client drives both:
`/ws/rooms/<id>/` accepts every socket and sends `{"type": "room", ...}`; a `message` frame gets a per-room
`seq` (an in-process counter), an `ack` to the sender and the `message` to every socket of the room, the
sender's included (as SIKHI does). `GET /healthz` answers 200. One process only: rooms live in memory.

    daphne -b 127.0.0.1 -p 8001 bench.baseline_asgi:application    (from the repository root)
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import defaultdict

ROOM_PATH = re.compile(r"^/ws/rooms/(\d+)/$")

sockets: dict[int, dict[int, object]] = defaultdict(dict)  # room id -> {socket number: ASGI send}
last_seq: dict[int, int] = defaultdict(int)
ids = itertools.count(1)
socket_numbers = itertools.count(1)


async def application(scope, receive, send):
    if scope["type"] == "websocket":
        await websocket(scope, receive, send)
    elif scope["type"] == "http":
        await http(scope, receive, send)
    elif scope["type"] == "lifespan":
        while True:
            event = await receive()
            if event["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif event["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return


async def http(scope, receive, send):
    while (await receive()).get("more_body"):
        pass
    ok = scope["path"] == "/healthz"
    body = b'{"baseline": "ok"}' if ok else b'{"error": "not found"}'
    await send({"type": "http.response.start", "status": 200 if ok else 404,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


async def websocket(scope, receive, send):
    match = ROOM_PATH.match(scope["path"])
    if (await receive())["type"] != "websocket.connect":
        return
    if match is None:
        await send({"type": "websocket.close", "code": 4404})
        return
    room_id, me = int(match.group(1)), next(socket_numbers)
    await send({"type": "websocket.accept"})
    await send({"type": "websocket.send", "text": '{"type": "room", "writable": true, "paused": false}'})
    sockets[room_id][me] = send
    try:
        while True:
            event = await receive()
            if event["type"] == "websocket.disconnect":
                return
            if event["type"] == "websocket.receive" and event.get("text"):
                await on_frame(room_id, send, event["text"])
    finally:
        sockets[room_id].pop(me, None)


async def on_frame(room_id: int, send, text: str) -> None:
    try:
        frame = json.loads(text)
    except ValueError:
        frame = None
    if not isinstance(frame, dict) or frame.get("type") != "message":
        await send({"type": "websocket.send", "text": '{"type": "error", "code": "invalid", "message": "?"}'})
        return
    last_seq[room_id] += 1
    seq = last_seq[room_id]
    created_at = dt.datetime.now(dt.UTC).isoformat()
    message = {"id": next(ids), "seq": seq, "client_id": frame.get("client_id"),
               "sender": {"id": 0, "name": "baseline", "role": "worker"}, "body": frame.get("body"),
               "created_at": created_at, "room_id": room_id}
    ack = {"type": "ack", "client_id": message["client_id"], "id": message["id"], "seq": seq,
           "created_at": created_at}
    await send({"type": "websocket.send", "text": json.dumps(ack)})
    text_out = json.dumps({"type": "message", **message})
    for member_send in list(sockets[room_id].values()):
        try:
            await member_send({"type": "websocket.send", "text": text_out})
        except Exception:  # noqa: S112 - a socket closing meanwhile; the others still get it
            continue
