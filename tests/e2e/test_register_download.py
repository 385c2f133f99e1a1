"""The office dashboard on a phone: whole-number axis ticks, and the register CSV for Excel in Indonesia."""

from __future__ import annotations

import csv
import io

from tests.e2e.conftest import ARTIFACTS, PHONE, sign_in
from tests.factories import DEFAULT_PASSWORD
from tests.workflow import Cast, Flow


def test_officer_downloads_the_semicolon_csv_from_the_dashboard(live_server_url, new_context):
    cast = Cast()
    Flow(cast, type="phk").to("mediation")
    Flow(cast, type="hak").to("mediation")
    page = new_context(PHONE).new_page()
    sign_in(page, live_server_url, cast.officer.username, DEFAULT_PASSWORD)
    page.goto(f"{live_server_url}/kantor/statistik/")
    ticks = page.locator("figure.chart svg text[text-anchor=end]").all_text_contents()
    assert ticks and all(t.strip().isdigit() for t in ticks), ticks
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "office-dashboard-phone.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh CSV (Excel Indonesia, pemisah ;)").click()
    data = download.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert lines[0][:2] == ["No.", "Kantor"] and len(lines[0]) == 20, lines[0]
    assert len(lines) == 3 and all(len(line) == len(lines[0]) for line in lines)
