"""Error answers of pages: 400/403/404/405/500 in SIKHI's layout, in the user's language, with a link back; the
API's stay JSON in its one shape. A GET on a POST-only action address goes to the page it acts on."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import OfficerFactory, WorkerFactory
from tests.helpers import assert_error
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db

LAYOUT = ('class="brand"', 'id="main"', 'class="wrap foot"')


def browser(user=None, language="id", **kwargs) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language, **kwargs)
    if user is not None:
        client.force_login(user)
    return client


def assert_error_page(response, status: int, title: str, back: str = "/") -> str:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert all(marker in html for marker in LAYOUT), html
    assert f'<h1 id="error-title">{title}</h1>' in html, html
    assert f'<a class="btn" href="{back}">' in html, html
    return html


@pytest.mark.parametrize(("language", "title", "link"), [("id", "Halaman tidak ditemukan", "Kembali ke beranda"),
                                                          ("en", "Page not found", "Back to the home page")])
def test_a_missing_page_is_the_404_page_in_the_users_language(language, title, link):
    html = assert_error_page(browser(language=language).get("/tidak-ada/"), 404, title)
    assert link in html and f'lang="{language}"' in html


def test_a_signed_in_user_is_led_back_to_their_home():
    assert_error_page(browser(WorkerFactory()).get("/tidak-ada/"), 404, "Halaman tidak ditemukan", back="/beranda/")


def test_a_dispute_one_may_not_see_is_the_404_page():
    flow = Flow(Cast())
    response = browser(flow.cast.other_worker).get(f"/perselisihan/{flow.id}/")
    assert_error_page(response, 404, "Halaman tidak ditemukan", back="/beranda/")


def test_a_page_one_may_not_open_is_the_403_page():
    assert_error_page(browser(WorkerFactory()).get("/kantor/statistik/"), 403, "Akses ditolak", back="/beranda/")


def test_a_form_without_its_csrf_token_is_the_403_page_saying_what_to_do():
    html = assert_error_page(Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="id").post(
        "/masuk/", {"username": "a", "password": "b"}), 403, "Akses ditolak")
    assert "muat ulang halaman" in html


def test_bad_input_in_the_address_is_the_400_page():
    assert_error_page(browser().get("/panduan/?q=%00"), 400, "Permintaan tidak dapat diproses")


def test_a_method_a_page_does_not_take_is_the_405_page():
    assert_error_page(browser().put("/masuk/"), 405, "Alamat ini tidak dapat dibuka di sini")
    assert_error_page(browser(language="en").delete("/daftar/"), 405, "This address cannot be opened here")


def test_a_get_on_a_dispute_action_address_goes_to_the_dispute_page():
    flow = Flow(Cast()).to("bipartite_invited")
    for name in ("decline_bipartite", "withdraw", "no_such_action"):
        response = browser(flow.cast.worker).get(f"/perselisihan/{flow.id}/aksi/{name}/")
        assert response.status_code == 302 and response["Location"] == f"/perselisihan/{flow.id}/", name
    assert flow.state == "bipartite_invited"


def test_a_get_on_an_action_address_of_a_dispute_one_may_not_see_ends_on_the_404_page():
    flow = Flow(Cast())
    client = browser(flow.cast.other_worker)
    response = client.get(f"/perselisihan/{flow.id}/aksi/withdraw/", follow=True)
    assert response.redirect_chain == [(f"/perselisihan/{flow.id}/", 302)]
    assert_error_page(response, 404, "Halaman tidak ditemukan", back="/beranda/")


def test_a_get_on_other_post_only_addresses_goes_to_their_page_or_home():
    officer = OfficerFactory()
    assert browser(officer).get("/keluar/")["Location"] == "/beranda/"
    assert browser(officer).get("/konsultasi/7/ambil/")["Location"] == "/konsultasi/7/"
    assert browser(officer).get("/perusahaan/3/verifikasi/")["Location"] == "/beranda/"


def test_a_failing_page_is_the_500_page(settings):
    settings.ROOT_URLCONF = "tests.errors.urls_boom"
    assert_error_page(browser(raise_request_exception=False).get("/rusak/"), 500, "Terjadi kesalahan")


def test_the_500_page_is_still_a_page_when_the_layout_cannot_be_rendered(settings, monkeypatch):
    settings.ROOT_URLCONF = "tests.errors.urls_boom"

    def broken(*args, **kwargs):
        raise RuntimeError("template failed")

    monkeypatch.setattr("sikhi.errors.render_to_string", broken)
    response = browser(raise_request_exception=False).get("/rusak/")
    assert response.status_code == 500
    assert "<h1>Terjadi kesalahan</h1>" in response.content.decode()
    assert '<a href="/">Kembali ke beranda</a>' in response.content.decode()


# --- the API stays JSON -------------------------------------------------------------------------------------

def test_the_api_answers_json_for_a_missing_address():
    assert_error(browser().get("/api/v1/tidak-ada/"), 404, "not_found")


def test_the_api_answers_json_for_a_method_it_does_not_take():
    assert_error(browser(WorkerFactory()).put("/api/v1/me/"), 405, "method_not_allowed")


def test_the_api_answers_json_for_a_failure(settings):
    settings.ROOT_URLCONF = "tests.errors.urls_boom"
    assert_error(browser(raise_request_exception=False).get("/api/v1/rusak/"), 500, "error")
