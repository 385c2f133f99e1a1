"""The notification bell in a real browser at phone width: its count rises live when another user acts, and
goes down when the user marks notifications read on the list page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from chat.models import Notification
from tests.e2e.conftest import PHONE, confirm_if_asked, shoot, sign_in
from tests.factories import DEFAULT_PASSWORD
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)


def unread(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def test_bell_count_rises_live_when_the_company_acts_and_falls_when_marked_read(live_server_url, new_context):
    base = live_server_url
    flow = Flow(Cast()).to("bipartite_invited")
    worker, company = flow.cast.worker, flow.cast.company_user
    w = new_context(PHONE).new_page()
    c = new_context(PHONE).new_page()
    sign_in(w, base, worker.username, DEFAULT_PASSWORD)
    sign_in(c, base, company.username, DEFAULT_PASSWORD)
    before = unread(worker)
    bell = w.locator("#bell .bell-count")
    expect(w.locator("#bell")).to_have_attribute("data-live", "true")
    if before:
        expect(bell).to_have_attribute("data-count", str(before))
    else:
        expect(bell).to_be_hidden()

    # The company accepts the invitation in its own browser: the worker's bell rises without a reload.
    c.goto(f"{base}/perselisihan/{flow.id}/")
    c.click("button:has-text('Terima undangan berunding')")
    assert confirm_if_asked(c)  # accepting the invitation is irreversible: the page asks first
    expect(c.locator("#dispute-state")).to_have_attribute("data-state", "bipartite")
    expect(bell).to_have_attribute("data-count", str(before + 1))
    expect(bell).to_be_visible()
    assert unread(worker) == before + 1
    shoot(w, "notifications-bell-live-phone")

    # On the list, the new notification links to its dispute; marking it read lowers the count.
    w.click("#bell")
    w.wait_for_url(f"{base}/notifikasi/")
    newest = w.locator("#notification-list li.unread").first
    expect(newest.locator(f"a[href='/perselisihan/{flow.id}/']")).to_be_visible()
    shoot(w, "notifications-list-phone")
    newest.locator("button:has-text('Tandai sudah dibaca')").click()
    w.wait_for_url(f"{base}/notifikasi/")
    expect(w.locator("#bell .bell-count")).to_have_attribute("data-count", str(before))
    assert unread(worker) == before

    # With everything unread again, "mark all as read" clears the bell.
    Notification.objects.filter(user=worker).update(read_at=None)
    w.reload()
    expect(w.locator("#bell")).to_have_attribute("data-live", "true")
    w.click("#read-all button")
    w.wait_for_url(f"{base}/notifikasi/")
    expect(w.locator("#bell .bell-count")).to_be_hidden()
    expect(w.locator("#notification-list li.unread")).to_have_count(0)
    assert unread(worker) == 0
    shoot(w, "notifications-all-read-phone")
