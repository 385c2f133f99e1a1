"""An automated accessibility audit: axe-core (bundled by axe-playwright-python, no network) runs the WCAG 2.0/2.1
A and AA rules on the key pages of every role, on a phone-sized screen, in the state a person would see them
(rooms connected, a message in the log, a summons on the dispute page). Any violation fails the test with the
rule, its impact and the elements it found."""

from __future__ import annotations

import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from chat.models import Room
from documents.models import Document
from tests.conftest import client_for
from tests.e2e.conftest import PHONE, sign_in
from tests.factories import DEFAULT_PASSWORD, CompanyUserFactory
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}


def audit(page, name: str, found: dict[str, list[dict]]) -> None:
    """Run axe on the page as it is now, every <details> unfolded (the forms in them count too); keep its
    violations under `name`. Duplicate ids are checked here too: axe 4.12 no longer does (WCAG 2.2 dropped 4.1.1),
    but an aria-describedby or label naming a duplicated id reads out only the first element."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    violations = Axe().run(page, options=WCAG_AA).response["violations"]
    duplicated = page.evaluate("""() => {
        const seen = {};
        document.querySelectorAll('[id]').forEach(el => { seen[el.id] = (seen[el.id] || 0) + 1; });
        return Object.keys(seen).filter(id => seen[id] > 1);
    }""")
    if duplicated:
        nodes = [{"target": [f"#{i}"], "failureSummary": "used more than once"} for i in duplicated]
        violations.append({"id": "duplicate-id", "impact": "serious", "help": "ids must be unique", "nodes": nodes})
    if violations:
        found[name] = violations


def report(found: dict[str, list[dict]]) -> str:
    lines = []
    for name, violations in found.items():
        lines.append(f"{name}:")
        for v in violations:
            lines.append(f"  {v['id']} ({v['impact']}): {v['help']}")
            lines.extend(f"    {', '.join(map(str, node['target']))}: {node.get('failureSummary', '')!r}"
                         for node in v["nodes"][:8])
    return "\n".join(lines)


def say(user, room_id: int, body: str) -> None:
    """Post a message through the API, as the room's page would."""
    response = client_for(user).post(f"/api/v1/rooms/{room_id}/messages/", {"client_id": str(uuid.uuid4()),
                                     "body": body}, format="json")
    assert response.status_code == 201, response.content


def connected(page) -> None:
    """Wait until every shown room widget is live with its messages in, so the audit sees what a person sees
    (every room of this test has messages)."""
    for room in page.locator(".room").all():
        if room.is_visible():
            expect(room.locator(".room-status")).to_have_attribute("data-state", "online")
            expect(room.locator(".room-log li[data-seq]").first).to_be_visible()


def test_key_pages_of_every_role_pass_axe_wcag_a_and_aa_checks_on_a_phone(live_server_url, new_context):
    base = live_server_url
    cast = Cast()
    flow = Flow(cast).to("mediation")
    flow.schedule_session()
    rooms = {r.kind: r.id for r in Room.objects.filter(dispute_id=flow.id)}
    for room_id in rooms.values():
        say(cast.mediator, room_id, "Selamat pagi, para pihak.")
    for n in range(8):  # enough for the joint room's log to scroll on a phone
        say(cast.worker, rooms["joint"], f"Pesan pekerja ke-{n + 1} tentang pesangon dan upah lembur.")
        say(cast.mediator, rooms["joint"], f"Tanggapan mediator ke-{n + 1}: mohon lampirkan slip gaji.")
    recommended = Flow(Cast()).to("recommendation_issued")
    document = Document.objects.get(dispute_id=recommended.id, kind="recommendation")
    asked = client_for(cast.worker).post("/api/v1/consultations/", {
        "regency": cast.officer.office_id, "topic": "Lembur tidak dibayar",
        "question": "Apakah lembur hari Sabtu wajib dibayar?"}, format="json")
    assert asked.status_code == 201, asked.content
    consultation = asked.json()
    say(cast.worker, consultation["room"]["id"], "Mohon jawabannya.")
    CompanyUserFactory(company__verified_at=None)  # the officer's home lists it in a table
    found: dict[str, list[dict]] = {}

    # Nobody signed in.
    page = new_context(PHONE).new_page()
    for path, name in (
        ("/", "home"),
        ("/masuk/", "sign-in"),
        ("/daftar/", "register"),
        ("/daftar/?peran=company", "register a company"),
        ("/panduan/", "guide"),
        ("/panduan/hak-saat-phk/", "guide article with tables"),
        ("/kalkulator-pesangon/", "calculator"),
        ("/verifikasi/", "document check"),
        (f"/verifikasi/{document.verification_code}/", "document check result"),
    ):
        page.goto(base + path)
        audit(page, name, found)
    # A form sent back with errors: the messages must be tied to their fields.
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", "nobody")
    page.fill("#id_password", "wrong-password")
    page.click("form.stack button[type=submit]")
    expect(page.locator(".msg-error, .error, .errorlist").first).to_be_visible()
    audit(page, "sign-in with an error", found)
    page.goto(f"{base}/daftar/")
    page.fill("#id_name", "Siti Aminah")
    page.fill("#id_username", "siti")
    page.fill("#id_password", "123")  # too short, too common and all digits: several errors on one field
    page.fill("#id_email", "siti@example.id")
    page.fill("#id_phone", "081234567890")
    page.fill("#id_nik", "3273010101900001")
    page.click("form.stack button[type=submit]")
    expect(page.locator(".field.invalid #id_password")).to_be_visible()
    audit(page, "register with errors", found)
    page.goto(f"{base}/kalkulator-pesangon/")
    page.select_option("#id_reason", index=1)
    page.fill("#id_start_date", "2015-03-01")
    page.fill("#id_end_date", "2026-10-01")
    page.fill("#id_monthly_wage", "5.000.000")
    page.click("main form button[type=submit]")
    expect(page.locator("#hasil")).to_be_visible()
    audit(page, "calculator with a result", found)

    # The worker.
    page = new_context(PHONE).new_page()
    sign_in(page, base, cast.worker.username, DEFAULT_PASSWORD)
    audit(page, "worker home", found)
    for path, name in (
        ("/perselisihan/baru/", "filing wizard, first step"),
        (f"/perselisihan/{flow.id}/", "dispute page (worker)"),
        (f"/ruang/{rooms['joint']}/", "joint room (worker)"),
        ("/konsultasi/", "consultations (worker)"),
        (f"/konsultasi/{consultation['id']}/", "consultation room (worker)"),
    ):
        page.goto(base + path)
        connected(page)
        audit(page, name, found)

    # The mediator: the dispute page and the session console with its three room tabs.
    page = new_context(PHONE).new_page()
    sign_in(page, base, cast.mediator.username, DEFAULT_PASSWORD)
    audit(page, "mediator home", found)
    page.goto(f"{base}/perselisihan/{flow.id}/")
    audit(page, "dispute page (mediator)", found)
    page.goto(f"{base}/perselisihan/{flow.id}/sidang/")
    connected(page)
    audit(page, "session console (mediator)", found)

    # The office: home, the consultation queue and the dashboard.
    page = new_context(PHONE).new_page()
    sign_in(page, base, cast.officer.username, DEFAULT_PASSWORD)
    audit(page, "officer home", found)
    for path, name in (("/konsultasi/", "consultation queue (officer)"), ("/kantor/statistik/", "office dashboard")):
        page.goto(base + path)
        audit(page, name, found)

    assert not found, "axe found WCAG A/AA violations:\n" + report(found)
