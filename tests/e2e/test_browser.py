"""The pages in a real browser: filing through the wizard, answering, talking in the rooms live, caucus privacy,
and a room page surviving a cut connection. Each test runs against its own daphne process."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from chat.models import Message, Room
from disputes.models import Dispute
from tests.e2e.conftest import DESKTOP, PHONE, confirm_if_asked, shoot, sign_in
from tests.factories import DEFAULT_PASSWORD, CompanyUserFactory
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)

DELEGATE_HEADING = {"id": "Perselisihan yang perlu dilimpahkan ke mediator", "en": "Disputes to delegate to a mediator"}
NOT_THERE_MS = 1500  # how long a message that must not arrive is waited for


def room_page(context, base, room_id):
    page = context.new_page()
    page.goto(f"{base}/ruang/{room_id}/")
    expect(page.locator(".room-status")).to_have_attribute("data-state", "online")
    return page


def say(page, text: str) -> None:
    page.fill(".room textarea", text)
    page.click(".room-form button")


def shown(page, text: str):
    return page.locator(".room-log li:not(.pending) .body", has_text=text)


def test_worker_registers_files_through_the_wizard_company_accepts_and_both_talk_live(live_server_url, new_context):
    base = live_server_url
    company_user = CompanyUserFactory()
    worker_ctx, company_ctx = new_context(PHONE), new_context(DESKTOP)

    # The worker registers on a phone.
    w = worker_ctx.new_page()
    w.goto(f"{base}/")
    shoot(w, "home-phone")
    w.click("text=Daftar sebagai pekerja")
    w.fill("#id_name", "Siti Aminah")
    w.fill("#id_username", "siti")
    w.fill("#id_password", "123")  # too weak: the error appears beside the field, the rest is kept
    w.fill("#id_email", "siti@example.id")
    w.fill("#id_phone", "081234567890")
    w.fill("#id_nik", "3273010101900001")
    w.click("form.stack button[type=submit]")
    expect(w.locator(".field.invalid #id_password")).to_be_visible()
    expect(w.locator("#id_name")).to_have_value("Siti Aminah")
    shoot(w, "register-error-phone")
    w.fill("#id_password", "Sandi-yang-kuat-123")
    w.click("form.stack button[type=submit]")
    w.wait_for_url(f"{base}/beranda/")

    # The filing wizard.
    w.click("main a.btn[href='/perselisihan/baru/']")
    w.check("input[name=how][value=nib]")
    w.fill("#id_nib", company_user.company.nib)
    w.select_option("#id_workplace_regency", "32.73")
    shoot(w, "wizard-company-phone")
    w.click("text=Simpan dan lanjutkan")
    w.check("input[name=type][value=phk]")
    shoot(w, "wizard-type-phone")
    w.click("text=Simpan dan lanjutkan")
    w.fill("#id_summary", "Saya di-PHK tanpa pesangon.")
    w.fill("#id_chronology", "1 Oktober 2026 saya diberhentikan secara lisan.")
    w.click("text=Simpan dan lanjutkan")
    w.fill("#id_demands", "Bayar pesangon sesuai PP 35/2021.")
    w.click("text=Simpan dan lanjutkan")
    w.fill("#id_petitioner_address", "Jl. Cibaduyut No. 12, Bandung")  # the step "You and members"
    w.click("text=Simpan dan lanjutkan")
    w.fill("#id_title", "Surat PHK")
    w.set_input_files(
        "#id_file",
        files=[
            {
                "name": "phk.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
            }
        ],
    )
    w.click("#evidence-form button[type=submit]")
    expect(w.locator("text=Surat PHK")).to_be_visible()
    w.click("text=Lanjut")
    expect(w.locator("dd", has_text="Saya di-PHK tanpa pesangon.")).to_be_visible()
    shoot(w, "wizard-review-phone")
    w.click("button:has-text('Ajukan perselisihan')")
    expect(w.locator("#dispute-state")).to_have_attribute("data-state", "bipartite_invited")
    dispute = Dispute.objects.get(petitioner__username="siti")
    assert dispute.state == "bipartite_invited" and dispute.evidence.count() == 1
    shoot(w, "dispute-worker-phone")

    # The company signs in on a desktop and accepts.
    c = company_ctx.new_page()
    sign_in(c, base, company_user.username, DEFAULT_PASSWORD)
    expect(c.locator(f"[data-dispute='{dispute.id}']").first).to_be_visible()
    shoot(c, "home-company-desktop")
    c.goto(f"{base}/perselisihan/{dispute.id}/")
    c.click("button:has-text('Terima undangan berunding')")
    assert confirm_if_asked(c)
    expect(c.locator("#dispute-state")).to_have_attribute("data-state", "bipartite")
    shoot(c, "dispute-company-desktop")

    # Both in the bipartite room, seeing each other's messages without reloading.
    room = Room.objects.get(dispute=dispute, kind="bipartite")
    c_room = room_page(company_ctx, base, room.id)
    w_room = room_page(worker_ctx, base, room.id)
    expect(c_room.locator(".room-online")).to_contain_text("Siti Aminah")
    say(w_room, "Selamat pagi, saya ingin membahas pesangon.")
    expect(shown(c_room, "Selamat pagi, saya ingin membahas pesangon.")).to_be_visible()
    say(c_room, "Baik, kami siap berunding hari Senin.")
    expect(shown(w_room, "Baik, kami siap berunding hari Senin.")).to_be_visible()
    expect(w_room.locator(".room-log li[data-acked='true'], .room-log li.mine[data-seq]").first).to_be_visible()
    shoot(w_room, "room-bipartite-phone")
    shoot(c_room, "room-bipartite-desktop")
    assert list(Message.objects.filter(room=room).order_by("seq").values_list("seq", flat=True)) == [1, 2]


def test_caucus_message_reaches_only_its_side(live_server_url, new_context):
    base = live_server_url
    flow = Flow(Cast()).to("mediation")
    rooms = {r.kind: r.id for r in Room.objects.filter(dispute_id=flow.id)}
    worker_ctx, company_ctx, mediator_ctx = new_context(PHONE), new_context(PHONE), new_context(DESKTOP)
    for ctx, user in (
        (worker_ctx, flow.cast.worker),
        (company_ctx, flow.cast.company_user),
        (mediator_ctx, flow.cast.mediator),
    ):
        sign_in(ctx.new_page(), base, user.username, DEFAULT_PASSWORD)

    worker_caucus = room_page(worker_ctx, base, rooms["caucus_petitioner"])
    company_joint = room_page(company_ctx, base, rooms["joint"])
    company_caucus = room_page(company_ctx, base, rooms["caucus_respondent"])
    # The company cannot open the worker's caucus at all.
    other = company_ctx.new_page()
    assert other.goto(f"{base}/ruang/{rooms['caucus_petitioner']}/").status == 404

    mediator_worker = room_page(mediator_ctx, base, rooms["caucus_petitioner"])
    mediator_company = room_page(mediator_ctx, base, rooms["caucus_respondent"])
    say(mediator_worker, "Rahasia untuk pekerja: batas bawah 20 juta.")
    expect(shown(worker_caucus, "Rahasia untuk pekerja")).to_be_visible()
    say(mediator_company, "Untuk perusahaan: pertimbangkan 25 juta.")
    expect(shown(company_caucus, "Untuk perusahaan")).to_be_visible()  # the company's sockets are live
    company_joint.wait_for_timeout(NOT_THERE_MS)
    for page in (company_joint, company_caucus):
        expect(page.locator(".room-log", has_text="Rahasia untuk pekerja")).to_have_count(0)
        assert "Rahasia untuk pekerja" not in page.content()
    expect(worker_caucus.locator(".room-log", has_text="Untuk perusahaan")).to_have_count(0)
    shoot(mediator_worker, "room-caucus-mediator-desktop")


def test_room_page_survives_a_cut_connection_and_shows_what_it_missed(live_server_url, new_context):
    base = live_server_url
    flow = Flow(Cast()).to("bipartite")
    room_id = Room.objects.get(dispute_id=flow.id, kind="bipartite").id
    worker_ctx, company_ctx = new_context(PHONE), new_context(PHONE)
    sign_in(worker_ctx.new_page(), base, flow.cast.worker.username, DEFAULT_PASSWORD)
    sign_in(company_ctx.new_page(), base, flow.cast.company_user.username, DEFAULT_PASSWORD)
    w = room_page(worker_ctx, base, room_id)
    c = room_page(company_ctx, base, room_id)
    say(c, "Pesan pertama.")
    expect(shown(w, "Pesan pertama.")).to_be_visible()

    # Cut the worker's socket (and hold it down while the company talks).
    w.evaluate(f"window.sikhiRooms[{room_id}].offline(true)")
    expect(w.locator(".room-status")).to_have_attribute("data-state", "offline")
    shoot(w, "room-offline-phone")
    for n in (2, 3, 4):
        say(c, f"Pesan ke-{n} selagi pekerja terputus.")
    expect(shown(c, "Pesan ke-4")).to_be_visible()
    # What the worker types while cut off is kept as pending and sent after the reconnect.
    say(w, "Saya tulis ini saat offline.")
    expect(w.locator(".room-log li.pending", has_text="Saya tulis ini saat offline.")).to_be_visible()
    expect(w.locator(".room-log li.pending", has_text="Saya tulis ini saat offline.").locator(".who")).to_have_text(
        "menunggu: Anda sedang offline; dikirim saat koneksi kembali")
    expect(shown(w, "Pesan ke-2")).to_have_count(0)

    w.evaluate(f"window.sikhiRooms[{room_id}].offline(false)")
    expect(w.locator(".room-status")).to_have_attribute("data-state", "online")
    for n in (2, 3, 4):
        expect(shown(w, f"Pesan ke-{n} selagi pekerja terputus.")).to_have_count(1)
    expect(shown(c, "Saya tulis ini saat offline.")).to_be_visible()
    texts = w.locator(".room-log li[data-seq] .body").all_inner_texts()
    assert texts == [
        "Pesan pertama.",
        "Pesan ke-2 selagi pekerja terputus.",
        "Pesan ke-3 selagi pekerja terputus.",
        "Pesan ke-4 selagi pekerja terputus.",
        "Saya tulis ini saat offline.",
    ]
    seqs = [int(s) for s in w.locator(".room-log li[data-seq]").evaluate_all("els => els.map(e => e.dataset.seq)")]
    assert seqs == [1, 2, 3, 4, 5]
    assert Message.objects.filter(room_id=room_id, body="Saya tulis ini saat offline.").count() == 1
    shoot(w, "room-resumed-phone")


@pytest.mark.parametrize("language", ["id-ID", "en-US"])
def test_main_pages_at_phone_and_desktop_width(live_server_url, new_context, language):
    base = live_server_url
    flow = Flow(Cast()).to("awaiting_mediator")
    tag = language[:2]
    for viewport, width in ((PHONE, "phone"), (DESKTOP, "desktop")):
        ctx = new_context(viewport, language)
        page = ctx.new_page()
        for path, name in (("/", "home"), ("/masuk/", "sign-in"), ("/daftar/", "register")):
            page.goto(base + path)
            shoot(page, f"{name}-{tag}-{width}")
        sign_in(page, base, flow.cast.officer.username, DEFAULT_PASSWORD)
        heading = DELEGATE_HEADING[tag]
        expect(page.locator("h2", has_text=heading)).to_be_visible()
        shoot(page, f"home-officer-{tag}-{width}")
        page.goto(f"{base}/perselisihan/{flow.id}/")
        expect(page.locator("#action-assign_mediator")).to_be_visible()
        # Nothing wider than the screen on a phone.
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{width}: the page scrolls sideways by {overflow}px"
        shoot(page, f"dispute-officer-{tag}-{width}")
        assert re.search(r"<html lang=\"" + tag, page.content())


def open_details(page, form_selector: str) -> None:
    """Unfold the <details> holding the form (whether it starts folded or not)."""
    page.locator(f"details:has({form_selector})").first.evaluate("el => { el.open = true; }")


def act(page, name: str, fill=None) -> None:
    """Open the action `name` on the dispute page, fill its fields, press its button; the page reloads."""
    box = page.locator(f"#action-{name}")
    box.evaluate("el => { if (el.tagName === 'DETAILS') el.open = true; }")
    if fill:
        fill(box)
    # The previous action's message must not pass for this one's while its answer is still on the way.
    page.evaluate("document.querySelectorAll('.msg-success').forEach(e => e.remove())")
    box.locator(f"button[value={name}]").click()
    confirm_if_asked(page)  # the irreversible steps ask first (tests/e2e/test_desk.py checks which)
    expect(page.locator(".msg-success")).to_be_visible()


def sign_box(box, name: str, extra: tuple[str, str] | None = None) -> None:
    """The deliberate signature: tick the box, type one's full name (and the worker's address or the company
    signatory's position)."""
    box.locator("input[name=sign_agreement-confirm]").check()
    box.locator("input[name=sign_agreement-full_name]").fill(name)
    if extra:
        box.locator(f"input[name=sign_agreement-{extra[0]}]").fill(extra[1])


@pytest.mark.parametrize("language", ["id-ID", "en-GB"])
def test_every_role_carries_a_dispute_from_bipartite_to_a_signed_agreement_in_the_pages(
    live_server_url, new_context, language
):
    """The whole mediation path through the pages only: minutes, registration, route, delegation, summons and
    their receipt, attendance, the recommendation from its template, the answers and the signatures."""
    base = live_server_url
    flow = Flow(Cast()).to("bipartite")
    cast, url = flow.cast, f"{base}/perselisihan/{flow.id}/"
    pages = {}
    for role, user in (
        ("worker", cast.worker),
        ("company", cast.company_user),
        ("officer", cast.officer),
        ("mediator", cast.mediator),
    ):
        page = new_context(PHONE, language).new_page()  # every role on a phone-sized screen
        sign_in(page, base, user.username, DEFAULT_PASSWORD)
        page.goto(url)
        pages[role] = page
    w, c, o, m = pages["worker"], pages["company"], pages["officer"], pages["mediator"]

    def state(page, expected):
        page.goto(url)
        expect(page.locator("#dispute-state")).to_have_attribute("data-state", expected)

    # Bipartite minutes, recorded by the worker and signed by both sides.
    open_details(w, "form[action$='/risalah/']")
    w.fill("#id_held_at", "2026-11-02T10:00")
    w.check("#id_online")
    w.fill("#id_issue", "Pesangon PHK")
    w.fill("#id_petitioner_position", "Menuntut pesangon penuh.")
    w.fill("#id_respondent_position", "Menawarkan setengah.")
    w.fill("#id_result", "Belum sepakat.")
    w.click("form[action$='/risalah/'] button[type=submit]")
    expect(w.locator(".msg-success")).to_be_visible()
    for page in (w, c):
        page.goto(url)
        page.click("form[action$='/tanda-tangan/'] button[type=submit]")
        assert confirm_if_asked(page)
        expect(page.locator(".msg-success")).to_be_visible()

    act(w, "fail_bipartite", lambda box: box.locator("textarea").fill("Tidak ada kesepakatan soal pesangon."))
    act(w, "register")
    state(o, "registration_submitted")
    act(o, "accept_registration")
    state(c, "adr_offered")
    act(c, "choose_route", lambda box: box.locator("input[value=mediation]").check())
    state(o, "awaiting_mediator")
    act(o, "assign_mediator", lambda box: box.locator("select").select_option(str(cast.mediator.id)))
    state(m, "mediation")

    # A session: scheduled by the mediator, its summons acknowledged by each party, attendance recorded.
    open_details(m, "form[action$='/sidang/jadwal/']")
    m.fill("#id_scheduled_for", "2027-01-05T09:00")
    m.fill("#id_agenda", "Klarifikasi tuntutan pesangon; ruang bersama SIKHI.")
    m.click("form[action$='/sidang/jadwal/'] button[type=submit]")
    expect(m.locator(".msg-success")).to_be_visible()
    for page in (w, c):
        page.goto(url)
        page.click("form[action$='/terima/'] button[type=submit]")
        expect(page.locator(".msg-success")).to_be_visible()
    from mediation.models import MediationSession

    session = MediationSession.objects.get(dispute_id=flow.id)
    MediationSession.objects.filter(pk=session.pk).update(
        scheduled_for=session.scheduled_for.replace(year=2026, month=11, day=9)
    )
    m.goto(url)
    open_details(m, "form[action$='/kehadiran/']")
    m.check(f"#id_att{session.id}_petitioner_0")
    m.check(f"#id_att{session.id}_respondent_0")
    m.click("form[action$='/kehadiran/'] button[type=submit]")
    expect(m.locator(".msg-success")).to_be_visible()

    # The recommendation: the form starts from the anjuran template.
    m.goto(url)
    m.locator("#action-issue_recommendation summary").click()
    expect(m.locator("#id_issue_recommendation-recommendations")).to_have_value(re.compile(r"Agar pihak Pengusaha \["))
    shoot(m, f"dispute-mediator-recommendation-{language[:2]}-phone")
    # The template's [placeholders] must be written first: issuing it unchanged is refused beside the field.
    m.locator("#action-issue_recommendation button[value=issue_recommendation]").click()
    expect(m.locator("#action-issue_recommendation")).to_contain_text(
        re.compile("Ganti penanda templat|Replace the template placeholder"))
    shoot(m, f"dispute-mediator-recommendation-placeholder-{language[:2]}-phone")
    act(m, "issue_recommendation", lambda box: (
        box.locator("#id_issue_recommendation-considerations").fill("Menimbang keterangan para pihak."),
        box.locator("#id_issue_recommendation-recommendations").fill("1. Agar pihak Pengusaha membayar pesangon.")))
    for page in (w, c):
        state(page, "recommendation_issued")
        act(page, "respond_recommendation", lambda box: box.locator("input[value=true]").check())
    # The anjuran's template holds only placeholders, so the mediator writes the terms before anyone signs.
    state(m, "agreement_drafting")
    open_details(m, "form[action$='/perjanjian-bersama/ubah/']")
    m.select_option("#id_item-0-kind", "payment")
    m.fill("#id_item-0-description", "Perusahaan membayar uang pesangon")
    m.fill("#id_item-0-amount", "20000000")
    m.click("form[action$='/perjanjian-bersama/ubah/'] button[type=submit]")
    expect(m.locator(".msg-success")).to_be_visible()
    extra = {w: ("address", "Jl. Merdeka 1, Bandung"), c: ("position", "Direktur SDM"), m: None}
    for page, user in ((w, cast.worker), (c, cast.company_user), (m, cast.mediator)):
        state(page, "agreement_drafting")
        act(page, "sign_agreement", lambda box, page=page, user=user: sign_box(box, user.name, extra[page]))
    state(w, "settled")
    shoot(w, f"dispute-settled-{language[:2]}-phone")
    assert w.evaluate("document.documentElement.lang") == language[:2]
    dispute = Dispute.objects.get(pk=flow.id)
    assert dispute.state == "settled"
    assert dispute.events.filter(name="summons_acknowledged").count() == 2


def test_worker_asks_the_office_and_the_officer_answers_in_the_consultation_room(live_server_url, new_context):
    base = live_server_url
    cast = Cast()
    worker_ctx, officer_ctx = new_context(PHONE), new_context(DESKTOP)
    w, o = worker_ctx.new_page(), officer_ctx.new_page()
    sign_in(w, base, cast.worker.username, DEFAULT_PASSWORD)
    sign_in(o, base, cast.officer.username, DEFAULT_PASSWORD)

    w.goto(f"{base}/konsultasi/")
    w.select_option("#id_regency", cast.officer.office_id)
    w.fill("#id_topic", "Lembur tidak dibayar")
    w.fill("#id_question", "Apakah perusahaan wajib membayar lembur hari Sabtu?")
    w.click("form[action^='/konsultasi/'] button[type=submit]")
    expect(w.locator(".room-status")).to_have_attribute("data-state", "online")
    shoot(w, "consultation-worker-phone")

    o.goto(f"{base}/konsultasi/")
    expect(o.locator("text=Lembur tidak dibayar")).to_be_visible()
    shoot(o, "consultation-queue-desktop")
    o.click("form[action$='/ambil/'] button[type=submit]")
    o.goto(f"{base}/konsultasi/")
    o.click("a:has-text('Lembur tidak dibayar')")
    expect(o.locator(".room-status")).to_have_attribute("data-state", "online")
    say(o, "Ya, lembur hari istirahat wajib dibayar (PP 35/2021 Pasal 31).")
    expect(shown(w, "wajib dibayar")).to_be_visible()
    say(w, "Terima kasih, Bu.")
    expect(shown(o, "Terima kasih, Bu.")).to_be_visible()


def test_anyone_checks_a_document_by_its_code_and_sees_only_what_it_is(live_server_url, new_context):
    from documents.models import Document

    base = live_server_url
    flow = Flow(Cast()).to("recommendation_issued")
    document = Document.objects.get(dispute_id=flow.id, kind="recommendation")
    page = new_context(PHONE).new_page()  # nobody signed in
    page.goto(f"{base}/verifikasi/")
    page.fill("#id_key", document.verification_code.upper())
    page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text(document.title)
    expect(page.locator("main")).to_contain_text(Dispute.objects.get(pk=flow.id).number)
    assert "MENGANJURKAN" not in page.content() and "Menimbang" not in page.content()
    shoot(page, "verify-found-phone")
    assert page.goto(f"{base}/verifikasi/{'0' * 64}/").status == 404
    expect(page.locator("h1")).to_be_visible()


def test_browser_gets_the_site_icon_from_the_page_link_and_from_favicon_ico(live_server_url, new_context):
    base = live_server_url
    page = new_context(PHONE).new_page()
    page.goto(f"{base}/")
    href = page.locator("head link[rel=icon]").get_attribute("href")
    for path in (href, "/favicon.ico"):  # browsers ask for /favicon.ico whatever the page links
        response = page.request.get(base + path)
        assert response.status == 200, path
        assert response.headers["content-type"].startswith("image/svg+xml"), path
        assert response.url == f"{base}/static/favicon.svg"
        assert b"<svg" in response.body()
