"""After court_referral the dispute page at phone width opens with where to file the claim and what to bring,
and its court bundle link downloads the zip."""

from __future__ import annotations

import zipfile

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, shoot, sign_in
from tests.factories import DEFAULT_PASSWORD
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)


def test_worker_sees_the_court_guidance_first_and_downloads_the_bundle(live_server_url, new_context, tmp_path):
    base = live_server_url
    flow = Flow(Cast()).to("court_referral")
    w = new_context(PHONE).new_page()
    sign_in(w, base, flow.cast.worker.username, DEFAULT_PASSWORD)
    w.goto(f"{base}/perselisihan/{flow.id}/")
    guide = w.locator("#court-guide")
    expect(guide).to_be_visible()
    expect(guide).to_contain_text("Pengadilan Hubungan Industrial pada Pengadilan Negeri Bandung")
    expect(guide).to_contain_text("Pasal 83(1)")
    expect(guide).to_contain_text("risalah penyelesaian")
    # Near the top: before the page's own navigation and the actions.
    assert guide.bounding_box()["y"] < w.locator("#page-jump").bounding_box()["y"]
    assert guide.bounding_box()["width"] <= PHONE["width"]
    shoot(w, "court-guide-phone")

    with w.expect_download() as download:
        w.click("#court-bundle-link")
    path = tmp_path / "bundle.zip"
    download.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        assert "risalah-penyelesaian.pdf" in archive.namelist()
