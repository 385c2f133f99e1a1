"""The notification pages: the bell's count on every page, the list of the user's own notifications (each
linking to its dispute), mark one / all as read by POST with CSRF, and nobody touching another user's."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from chat.models import Notification
from chat.services import notify
from disputes.models import Dispute
from tests.factories import WorkerFactory
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db


def browser(user=None, language: str = "id", csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf, HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


def bell_count(html: str) -> str:
    match = re.search(r'class="bell-count"[^>]*data-count="(\d+)"', html)
    assert match, "no bell on the page"
    return match.group(1)


@pytest.fixture
def flow():
    return Flow(Cast()).to("bipartite_invited")


def test_bell_shows_the_unread_count_on_every_page_of_a_signed_in_user(flow):
    company = flow.cast.company_user
    unread = Notification.objects.filter(user=company, read_at__isnull=True).count()
    assert unread >= 1
    for path in ("/beranda/", "/panduan/", f"/perselisihan/{flow.id}/", "/notifikasi/"):
        html = browser(company).get(path).content.decode()
        assert bell_count(html) == str(unread), path
        assert "js/notifications.js" in html


def test_anonymous_pages_have_no_bell_and_the_list_asks_to_sign_in():
    html = Client().get("/panduan/").content.decode()
    assert 'class="bell-count"' not in html and "notifications.js" not in html
    response = Client().get("/notifikasi/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_list_shows_only_the_users_own_notifications_each_linking_to_its_dispute(flow):
    company, worker = flow.cast.company_user, flow.cast.worker
    notify(user_ids=[worker.pk], kind="transition", dispute=Dispute.objects.get(pk=flow.id),
           params={"target": "bipartite", "number": "ONLY-FOR-WORKER"})
    html = browser(company).get("/notifikasi/").content.decode()
    assert f'href="/perselisihan/{flow.id}/"' in html
    assert "ONLY-FOR-WORKER" not in html
    assert "Perselisihan" in html  # titles in the reader's language
    english = browser(company, language="en").get("/notifikasi/").content.decode()
    assert "Dispute" in english and "Mark as read" in english


def test_mark_one_read_by_post_lowers_the_count(flow):
    company = flow.cast.company_user
    row = Notification.objects.filter(user=company, read_at__isnull=True).first()
    before = Notification.objects.filter(user=company, read_at__isnull=True).count()
    response = browser(company).post(f"/notifikasi/{row.pk}/baca/")
    assert response.status_code == 302 and response["Location"] == "/notifikasi/"
    row.refresh_from_db()
    assert row.read_at is not None
    html = browser(company).get("/notifikasi/").content.decode()
    assert bell_count(html) == str(before - 1)


def test_mark_read_goes_back_only_to_a_local_page(flow):
    company = flow.cast.company_user
    row = Notification.objects.filter(user=company).first()
    local = browser(company).post(f"/notifikasi/{row.pk}/baca/", {"next": f"/perselisihan/{flow.id}/"})
    assert local["Location"] == f"/perselisihan/{flow.id}/"
    foreign = browser(company).post(f"/notifikasi/{row.pk}/baca/", {"next": "https://evil.example/"})
    assert foreign["Location"] == "/notifikasi/"


def test_mark_another_users_notification_read_is_404_and_leaves_it_unread(flow):
    row = Notification.objects.filter(user=flow.cast.company_user).first()
    stranger = WorkerFactory()
    for user in (stranger, flow.cast.worker):
        assert browser(user).post(f"/notifikasi/{row.pk}/baca/").status_code == 404
    assert browser(stranger).post("/notifikasi/99999999/baca/").status_code == 404
    row.refresh_from_db()
    assert row.read_at is None


def test_mark_read_by_get_is_refused(flow):
    company = flow.cast.company_user
    row = Notification.objects.filter(user=company).first()
    # A GET on an action address goes back to the list, and marks nothing read.
    for path in (f"/notifikasi/{row.pk}/baca/", "/notifikasi/baca-semua/"):
        got = browser(company).get(path)
        assert (got.status_code, got["Location"]) == (302, "/notifikasi/")
    row.refresh_from_db()
    assert row.read_at is None


def test_mark_read_without_csrf_token_is_refused(flow):
    company = flow.cast.company_user
    row = Notification.objects.filter(user=company).first()
    assert browser(company, csrf=True).post(f"/notifikasi/{row.pk}/baca/").status_code == 403
    assert browser(company, csrf=True).post("/notifikasi/baca-semua/").status_code == 403
    row.refresh_from_db()
    assert row.read_at is None


def test_mark_all_read_marks_only_the_users_own(flow):
    company, worker = flow.cast.company_user, flow.cast.worker
    notify(user_ids=[worker.pk, company.pk], kind="transition", dispute=Dispute.objects.get(pk=flow.id),
           params={"target": "bipartite", "number": "X"})
    response = browser(company).post("/notifikasi/baca-semua/", follow=True)
    assert response.status_code == 200
    assert not Notification.objects.filter(user=company, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=worker, read_at__isnull=True).exists()
    assert bell_count(response.content.decode()) == "0"
    assert "ditandai sudah dibaca" in response.content.decode()
