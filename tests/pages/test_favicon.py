"""The site's icon: static/favicon.svg, linked from every page, and /favicon.ico (which browsers ask for anyway)
redirecting to it instead of a 404."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import override_settings

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def test_favicon_ico_redirects_to_the_svg_icon_not_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302  # not permanent: in production the target's hashed name changes
    assert response["Location"] == "/static/favicon.svg"


def test_favicon_ico_follows_the_static_url_of_the_moment(client):
    with override_settings(STATIC_URL="/aset/"):
        assert client.get("/favicon.ico")["Location"] == "/aset/favicon.svg"


def test_favicon_svg_is_a_valid_svg_in_the_brand_colour():
    path = finders.find("favicon.svg")
    assert path, "static/favicon.svg is missing"
    # Our own file, not untrusted input. A browser shows nothing for malformed XML (say a "--" in a comment).
    root = ET.parse(path).getroot()  # noqa: S314
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == "0 0 32 32"
    css = (Path(settings.BASE_DIR) / "static" / "css" / "sikhi.css").read_text()
    brand = re.search(r"--brand:\s*(#[0-9a-fA-F]{6})", css).group(1)
    assert root.find(f"{SVG}rect").get("fill").lower() == brand.lower()


@pytest.mark.parametrize("path", ["/", "/masuk/", "/panduan/", "/verifikasi/"])
def test_pages_link_the_svg_icon(client, path):
    html = client.get(path).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
