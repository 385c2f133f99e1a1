"""A missing page in a real browser at phone width: SIKHI's layout, the 404 text in the user's language, and the
link back home that leads there."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, shoot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(("language", "title", "back", "home_text"), [
    ("id-ID", "Halaman tidak ditemukan", "Kembali ke beranda", "Cara proses berjalan"),
    ("en-GB", "Page not found", "Back to the home page", "How the process goes"),
])
def test_a_missing_page_shows_the_layout_and_leads_back_home(production_server_url, new_context,
                                                             language, title, back, home_text):
    page = new_context(viewport=PHONE, language=language).new_page()
    response = page.goto(f"{production_server_url}/tidak-ada-halaman-ini/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("header.top a.brand")).to_be_visible()
    expect(page.locator("footer.foot")).to_be_visible()
    link = page.get_by_role("link", name=back)
    expect(link).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing runs off the phone
    shoot(page, f"error-404-{language}")
    link.click()
    page.wait_for_url(f"{production_server_url}/")
    expect(page.get_by_text(home_text).first).to_be_visible()
