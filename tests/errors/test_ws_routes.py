"""A socket to an address that names no room closes with 4404 (api.md's code for "no such room"), through the real
ASGI application (origin check, session), whether signed in or not; a real room still connects."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from chat.models import Room
from sikhi.asgi import application
from tests.chat.conftest import connect
from tests.factories import WorkerFactory
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)

NO_ROOM = ["/ws/rooms/abc/", "/ws/nothing/", "/ws/rooms/", "/ws/rooms/12/extra/", "/", "/api/v1/disputes/"]


@pytest.mark.parametrize("path", NO_ROOM)
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "worker"])
async def test_a_socket_to_an_address_without_a_room_closes_with_4404(path, signed_in):
    user = await sync_to_async(WorkerFactory)() if signed_in else None
    socket, connected, _code = await connect(path, user)
    assert connected
    assert await socket.receive_output(timeout=5) == {"type": "websocket.close", "code": 4404}


async def test_a_foreign_origin_is_still_refused_before_the_route_is_looked_at():
    communicator = WebsocketCommunicator(application, "/ws/nothing/", headers=[(b"origin", b"http://evil.example")])
    connected, _code = await communicator.connect(timeout=5)
    assert not connected


async def test_a_room_address_still_reaches_the_room():
    flow = await sync_to_async(lambda: Flow(Cast()).to("bipartite"))()
    rid = await sync_to_async(lambda: Room.objects.get(dispute_id=flow.id, kind="bipartite").id)()
    socket, connected, _code = await connect(f"/ws/rooms/{rid}/", flow.cast.worker)
    assert connected
    assert (await socket.receive_json_from(timeout=5))["type"] == "room"
