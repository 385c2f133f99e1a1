"""The room page at phone width when the network goes: the status says offline, then reconnecting when only the
socket dropped; a pending message says why it waits and goes out when the connection is back; message times
are in WIB (Asia/Jakarta) whatever the browser's own zone."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from chat.models import Message, Room
from tests.e2e.conftest import PHONE, shoot, sign_in
from tests.factories import DEFAULT_PASSWORD
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)


def open_room(context, base, room_id):
    page = context.new_page()
    page.goto(f"{base}/ruang/{room_id}/")
    expect(page.locator(".room-status")).to_have_attribute("data-state", "online")
    return page


def test_cut_network_shows_offline_and_the_pending_reason_then_delivers(live_server_url, browser):
    base = live_server_url
    flow = Flow(Cast()).to("bipartite")
    room_id = Room.objects.get(dispute_id=flow.id, kind="bipartite").id
    # The worker's browser runs in another zone (UTC-5): times must still read in WIB.
    worker_ctx = browser.new_context(viewport=PHONE, locale="id-ID", timezone_id="America/New_York")
    company_ctx = browser.new_context(viewport=PHONE, locale="id-ID")
    try:
        worker_ctx.set_default_timeout(10_000)
        company_ctx.set_default_timeout(10_000)
        sign_in(worker_ctx.new_page(), base, flow.cast.worker.username, DEFAULT_PASSWORD)
        sign_in(company_ctx.new_page(), base, flow.cast.company_user.username, DEFAULT_PASSWORD)
        w, c = open_room(worker_ctx, base, room_id), open_room(company_ctx, base, room_id)
        status = w.locator(".room-status")

        # The network goes away: offline, and what is typed waits, saying why.
        worker_ctx.set_offline(True)
        expect(status).to_have_attribute("data-state", "offline")
        expect(status).to_contain_text("Offline")
        w.fill(".room textarea", "Terkirim setelah sinyal kembali.")
        w.click(".room-form button")
        pending = w.locator(".room-log li.pending", has_text="Terkirim setelah sinyal kembali.")
        expect(pending.locator(".who")).to_have_text("menunggu: Anda sedang offline; dikirim saat koneksi kembali")
        shoot(w, "room-offline-pending-phone")

        # The network is back: online again, and the message goes out exactly once.
        worker_ctx.set_offline(False)
        expect(status).to_have_attribute("data-state", "online")
        delivered = c.locator(".room-log li:not(.pending) .body", has_text="Terkirim setelah sinyal kembali.")
        expect(delivered).to_be_visible()
        expect(pending).to_have_count(0)
        assert Message.objects.filter(room_id=room_id, body="Terkirim setelah sinyal kembali.").count() == 1

        # Times are shown in WIB: the Jakarta hour of the stored message, not the browser's.
        message = Message.objects.get(room_id=room_id, body="Terkirim setelah sinyal kembali.")
        jakarta = timezone.localtime(message.created_at).strftime("%H.%M|%H:%M").split("|")
        label = c.locator(".room-log li:not(.pending)", has_text="Terkirim setelah sinyal kembali.").locator(".who")
        expect(label).to_have_text(re.compile(rf"({jakarta[0]}|{jakarta[1]}) WIB$"))
        worker_label = w.locator(".room-log li", has_text="Terkirim setelah sinyal kembali.").locator(".who")
        expect(worker_label).to_contain_text(re.compile(rf"({jakarta[0]}|{jakarta[1]}) WIB"))  # in New York

        # Only the socket drops (the network is up): reconnecting, then online by itself.
        w.evaluate(f"window.sikhiRooms[{room_id}].socket.close()")
        expect(status).to_have_attribute("data-state", "reconnecting")
        expect(status).to_have_attribute("data-state", "online")
        shoot(w, "room-back-online-phone")
    finally:
        worker_ctx.close()
        company_ctx.close()
