"""The mediator's session console at phone width: scheduling with the notice rule, the attendance form opening at
the session's time without a reload, an excused absence, a session recorded after the fact, and the anjuran
controls; the console does not jump while it loads."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from disputes.models import Deadline, Dispute
from mediation.forms import JAKARTA
from mediation.models import MediationSession, earliest_session_day
from tests.e2e.conftest import PHONE, confirm_if_asked, shoot, sign_in
from tests.factories import DEFAULT_PASSWORD
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(JAKARTA).strftime("%Y-%m-%dT%H:%M")


def _layout(page) -> list[float]:
    return page.evaluate("""() => [window.scrollY, document.activeElement && document.activeElement.id,
        location.hash].concat(['.console-sessions', '#anjuran-kendali', '.console', '.room-log']
        .map(s => document.querySelector(s)).map(e => e ? e.getBoundingClientRect().top : -1))""")


def test_mediator_runs_the_sessions_from_the_console_on_a_phone(live_server_url, new_context):
    base = live_server_url
    flow = Flow(Cast()).to("mediation")
    Deadline.objects.filter(dispute_id=flow.id, key="first_session").update(
        starts_at=timezone.now() - dt.timedelta(days=10))  # delegated ten days ago
    m = new_context(PHONE).new_page()
    sign_in(m, base, flow.cast.mediator.username, DEFAULT_PASSWORD)
    console = f"{base}/perselisihan/{flow.id}/sidang/"

    # Nothing moves while the rooms connect and load.
    m.goto(console)
    before = _layout(m)
    expect(m.locator(".room-status").first).not_to_have_attribute("data-state", "connecting", timeout=10000)
    m.wait_for_timeout(1000)
    assert _layout(m) == before, (before, _layout(m))

    # A session sooner than the minimum notice is refused without a reason, kept with one.
    soon = timezone.now() + dt.timedelta(hours=3)
    if soon.astimezone(JAKARTA).date() >= earliest_session_day(timezone.now(), 3):
        soon = timezone.now() + dt.timedelta(minutes=30)
    m.locator("#sidang-baru summary").click()
    m.fill("#id_scheduled_for", _local(soon))
    m.fill("#id_agenda", "Sidang mediasi pertama; ruang bersama SIKHI.")
    m.click("form[action$='/sidang/jadwal/'] button[type=submit]")
    expect(m.locator(".msg-error")).to_be_visible()
    expect(m.locator("#id_agenda")).to_have_value("Sidang mediasi pertama; ruang bersama SIKHI.")
    m.fill("#id_short_notice_reason", "Para pihak meminta sidang segera.")
    m.click("form[action$='/sidang/jadwal/'] button[type=submit]")
    expect(m.locator(".msg-success")).to_be_visible()
    assert m.url.startswith(console)
    session = MediationSession.objects.get(dispute_id=flow.id)
    assert session.short_notice_reason == "Para pihak meminta sidang segera."
    expect(m.locator(f"#sidang-{session.id}")).to_contain_text("Para pihak meminta sidang segera.")

    # The session's time comes while the page is open: the attendance form shows without a reload.
    MediationSession.objects.filter(pk=session.pk).update(scheduled_for=timezone.now() + dt.timedelta(seconds=12))
    m.goto(console)
    form = m.locator(f"#sidang-{session.id} form.attendance-form")
    expect(form).to_be_hidden()
    m.evaluate("window.__notReloaded = true")
    expect(form).to_be_visible(timeout=25000)
    assert m.evaluate("window.__notReloaded") is True
    shoot(m, "console-attendance-id-phone")

    # An excused absence needs its reason.
    m.check(f"#id_att{session.id}_petitioner_0")
    m.check(f"#id_att{session.id}_respondent_2")
    form.locator("button[type=submit]").click()
    expect(m.locator(".msg-error")).to_be_visible()
    m.fill(f"#id_att{session.id}_respondent_reason", "Direktur sedang dinas luar kota.")
    m.locator(f"#sidang-{session.id} form button[type=submit]").click()
    expect(m.locator(".msg-success")).to_be_visible()
    session.refresh_from_db()
    assert (session.petitioner_attendance, session.respondent_attendance) == ("present", "excused")

    # A session held offline, recorded after the fact.
    m.locator("#sidang-tercatat summary").click()
    m.check("#id_held_kind_1")
    m.fill("#id_held_held_at", _local(timezone.now() - dt.timedelta(days=2)))
    m.fill("#id_held_agenda", "Sidang di kantor Disnaker.")
    m.check("#id_held_petitioner_0")
    m.check("#id_held_respondent_1")
    m.click("form[action$='/sidang/tercatat/'] button[type=submit]")
    expect(m.locator(".msg-success")).to_be_visible()
    offline = MediationSession.objects.get(dispute_id=flow.id, held_offline=True)
    assert not offline.summons.exists() and offline.respondent_attendance == "absent"
    expect(m.locator(f"#sidang-{offline.id}")).to_be_visible()

    # The anjuran is issued from the console, its form prefilled from the template.
    m.locator("#action-issue_recommendation summary").click()
    expect(m.locator("#id_issue_recommendation-recommendations")).to_have_value(
        re.compile("Agar pihak Pengusaha"))
    shoot(m, "console-recommendation-id-phone")
    # The template's [placeholders] must be written before it can be issued (the page refuses them).
    m.fill("#id_issue_recommendation-considerations", "Pengusaha tidak hadir; PHK dilakukan tanpa prosedur.")
    m.fill("#id_issue_recommendation-recommendations", "1. Agar pihak Pengusaha membayar pesangon.")
    m.click("#action-issue_recommendation button[type=submit]")
    confirm_if_asked(m)
    expect(m.locator(".msg-success")).to_be_visible()
    assert Dispute.objects.get(pk=flow.id).state == "recommendation_issued"
