import uuid

import pytest
from asgiref.sync import sync_to_async

from chat.models import Message, Room
from tests.chat.conftest import connect, frames_until
from tests.workflow import Cast, Flow


@pytest.mark.django_db(transaction=True)
async def test_message_is_acked_and_reaches_the_other_member():
    flow = await sync_to_async(lambda: Flow(Cast()).to("bipartite"))()
    room = await sync_to_async(Room.objects.get)(dispute_id=flow.id, kind="bipartite")
    path = f"/ws/rooms/{room.id}/"
    worker, ok1, _ = await connect(path, flow.cast.worker)
    company, ok2, _ = await connect(path, flow.cast.company_user)
    assert ok1 and ok2
    client_id = str(uuid.uuid4())
    await worker.send_json_to({"type": "message", "client_id": client_id, "body": "  Selamat pagi  "})
    got = await frames_until(worker, lambda f: f["type"] == "ack")
    ack = got[-1]
    assert ack["client_id"] == client_id and ack["seq"] == 1
    received = await frames_until(company, lambda f: f["type"] == "message")
    assert received[-1]["body"] == "Selamat pagi" and received[-1]["seq"] == 1
    await worker.send_json_to({"type": "message", "client_id": client_id, "body": "again"})
    again = await frames_until(worker, lambda f: f["type"] == "ack")
    assert again[-1]["seq"] == 1
    assert await sync_to_async(Message.objects.filter(room=room).count)() == 1
    await worker.disconnect()
    await company.disconnect()
