"""Browser tests: Debian's chromium driven by Playwright (no browser download) against a real daphne process
serving the ASGI app on the test database. Screenshots go to artifacts/screenshots/ (not committed)."""

from __future__ import annotations

import os
import shutil
import time
import uuid
from pathlib import Path

import pytest

from tests.servers import BASE_DIR, database_url_of_test_db, start_daphne

# Playwright's sync API keeps an event loop running in this thread; the ORM calls of the tests are still
# synchronous code, which Django would otherwise refuse (tech-notes §6).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("SIKHI_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARTIFACTS = BASE_DIR / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def browser():
    """One headless chromium per module (never skipped: without chromium the tests fail and say why). Not per
    session: Playwright's sync API keeps an event loop running until it stops, and the asyncio tests that run
    after this directory need to start their own."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium).")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def live_server_url(transactional_db, tmp_path):
    """daphne on a free loopback port, on the test database (and REDIS_URL's layer when set)."""
    yield from _serve(tmp_path)


@pytest.fixture
def production_server_url(transactional_db, tmp_path):
    """As live_server_url, with DEBUG off as in production (Django's own error pages, not the debug ones)."""
    yield from _serve(tmp_path, DJANGO_DEBUG="false")


def _serve(tmp_path, **extra_env):
    run = uuid.uuid4().hex[:12]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="sikhi.settings.local",
        DATABASE_URL=database_url_of_test_db(),
        SIKHI_CHANNEL_PREFIX=f"e2e-{run}",
        SIKHI_CACHE_PREFIX=f"e2e-cache-{run}",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        SIKHI_PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        PYTHONUNBUFFERED="1",
        **extra_env,
    )
    server = start_daphne(env, tmp_path / "daphne.log")
    proc = server.proc
    try:
        deadline = time.monotonic() + 20
        while not server.healthy():
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"daphne did not start (exit {proc.poll()}):\n{server.output()[-4000:]}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.stop()
        print(server.output()[-6000:])  # shown when the test fails


@pytest.fixture
def new_context(browser):
    """Browser contexts (separate cookies: separate people); closed at the end of the test."""
    contexts = []

    def make(viewport=PHONE, language="id-ID"):
        context = browser.new_context(viewport=viewport, locale=language)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def shoot(page, name: str) -> None:
    """A full-page screenshot for reviewers: artifacts/screenshots/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(page, base: str, username: str, password: str) -> None:
    # The tests hash with MD5 for speed; the server runs the real settings, which do not accept MD5 hashes.
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hashed = PBKDF2PasswordHasher().encode(password, salt=uuid.uuid4().hex[:16], iterations=1000)
    get_user_model().objects.filter(username=username).update(password=hashed)
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"{base}/beranda/")


def confirm_if_asked(page) -> bool:
    """Answer "yes" to the confirmation dialog (static/js/confirm.js) when the last click opened it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    dialog = page.locator("#confirm-dialog[open]")
    try:  # the dialog opens from the click's handler: give it a moment on a loaded machine
        dialog.wait_for(state="visible", timeout=3000)
    except PlaywrightTimeoutError:
        return False
    dialog.locator("#confirm-yes").click()
    return True
