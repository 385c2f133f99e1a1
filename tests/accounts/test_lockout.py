"""Sign-in lock-out per (username, client address), the per-username ceiling, and the client address behind
proxies: on the API (login and token) and on the sign-in page (/masuk/)."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from tests.factories import DEFAULT_PASSWORD, WorkerFactory
from tests.helpers import assert_error

pytestmark = pytest.mark.django_db

LOGIN_URL = "/api/v1/auth/login/"
TOKEN_URL = "/api/v1/auth/token/"
SIGN_IN_PAGE = "/masuk/"
WRONG = "salah-salah-salah"
USER_ADDR = "203.0.113.10"
STRANGER_ADDR = "198.51.100.66"
PROXY_ADDR = "10.0.0.2"


@pytest.fixture(autouse=True)
def generous_rate(settings):
    """The per-address request rate is not under test here."""
    settings.SIKHI_AUTH_RATE = "10000/m"
    return settings


def _login(api, username: str, password: str = DEFAULT_PASSWORD, addr: str = USER_ADDR, **extra):
    return api.post(LOGIN_URL, {"username": username, "password": password}, format="json", REMOTE_ADDR=addr,
                    **extra)


def _token(api, username: str, password: str = DEFAULT_PASSWORD, addr: str = USER_ADDR, **extra):
    return api.post(TOKEN_URL, {"username": username, "password": password}, format="json", REMOTE_ADDR=addr,
                    **extra)


def _page(username: str, password: str = DEFAULT_PASSWORD, addr: str = USER_ADDR, **extra):
    return Client().post(SIGN_IN_PAGE, {"username": username, "password": password}, REMOTE_ADDR=addr, **extra)


def _message(response) -> str:
    return response.json()["error"]["message"]


def _fail_from_many_addresses(username: str, api, count: int, per_address: int = 5, first: int = 0) -> None:
    """`count` failed logins for `username`, `per_address` from each of a series of addresses."""
    for n in range(count):
        addr = f"192.0.2.{first + n // per_address + 1}"
        assert_error(_login(api, username, WRONG, addr=addr), 400, "invalid")


# --- per (username, address) -----------------------------------------------------------------------------


def test_login_failures_from_a_stranger_address_do_not_lock_the_user_out(api):
    user = WorkerFactory()
    for _ in range(5):
        assert_error(_login(api, user.username, WRONG, addr=STRANGER_ADDR), 400, "invalid")
    for _ in range(5):  # the stranger keeps trying: locked, and not counted against anyone else
        assert_error(_login(api, user.username, WRONG, addr=STRANGER_ADDR), 429, "rate_limited")

    assert _login(api, user.username).status_code == 200
    assert _token(api, user.username).status_code == 200


def test_login_failures_from_one_address_lock_the_username_for_that_address(api):
    user = WorkerFactory()
    for _ in range(5):
        assert_error(_login(api, user.username, WRONG), 400, "invalid")

    locked = _login(api, user.username)

    assert_error(locked, 429, "rate_limited")
    assert 890 <= int(locked["Retry-After"]) <= 900
    assert "15 menit" in _message(locked)
    assert "sessionid" not in locked.cookies
    assert_error(_token(api, user.username), 429, "rate_limited")
    assert _login(api, user.username, addr=STRANGER_ADDR).status_code == 200


def test_sign_in_page_failures_from_a_stranger_address_do_not_lock_the_user_out():
    user = WorkerFactory()
    for _ in range(5):
        assert _page(user.username, WRONG, addr=STRANGER_ADDR).status_code == 400
    stranger = _page(user.username, addr=STRANGER_ADDR)

    assert stranger.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal; coba lagi dalam 15 menit." in stranger.content.decode()
    own = _page(user.username)
    assert own.status_code == 302
    assert own.wsgi_request.user == user


def test_sign_in_page_and_api_failures_share_the_count_of_an_address(api):
    user = WorkerFactory()
    for _ in range(3):
        assert _page(user.username, WRONG).status_code == 400
    for _ in range(2):
        assert_error(_login(api, user.username, WRONG), 400, "invalid")

    assert _page(user.username).status_code == 429
    assert _login(api, user.username, addr=STRANGER_ADDR).status_code == 200


# --- the per-username ceiling ----------------------------------------------------------------------------


def test_login_ceiling_pauses_the_username_for_new_addresses_after_100_failures(api):
    user = WorkerFactory()
    _fail_from_many_addresses(user.username, api, 99)
    assert _login(api, user.username, addr="198.51.100.1").status_code == 200  # 99: not yet
    _fail_from_many_addresses(user.username, api, 1, first=50)

    paused = _login(api, user.username, addr="198.51.100.2")

    assert_error(paused, 429, "rate_limited")
    assert 890 <= int(paused["Retry-After"]) <= 900
    assert "Disnaker" in _message(paused) and "15 menit" in _message(paused)
    assert_error(_token(api, user.username, addr="198.51.100.3"), 429, "rate_limited")


def test_login_ceiling_spares_an_address_the_user_signed_in_from_before(api, settings):
    settings.SIKHI_LOGIN_ACCOUNT_FAILURES = 10
    user = WorkerFactory()
    assert _login(api, user.username).status_code == 200
    _fail_from_many_addresses(user.username, api, 10)
    assert_error(_login(api, user.username, addr="198.51.100.2"), 429, "rate_limited")

    assert _login(api, user.username).status_code == 200
    assert _page(user.username).status_code == 302


def test_login_ceiling_message_is_in_the_request_language(api, settings):
    settings.SIKHI_LOGIN_ACCOUNT_FAILURES = 10
    user = WorkerFactory()
    _fail_from_many_addresses(user.username, api, 10)

    english = _login(api, user.username, HTTP_ACCEPT_LANGUAGE="en")
    page = _page(user.username)

    assert_error(english, 429, "rate_limited")
    assert _message(english) == (
        "Signing in to this account is paused because of very many failed attempts from different places. "
        "Try again in 15 minutes. If you did not make these attempts, tell your Disnaker office."
    )
    assert page.status_code == 429
    assert "beri tahu kantor Disnaker Anda" in page.content.decode()


def test_login_ceiling_ends_after_the_lock_time(api, settings, monkeypatch):
    settings.SIKHI_LOGIN_ACCOUNT_FAILURES = 10
    user = WorkerFactory()
    _fail_from_many_addresses(user.username, api, 10)
    assert_error(_login(api, user.username), 429, "rate_limited")

    later = time.time() + 901
    monkeypatch.setattr(time, "time", lambda: later)

    assert _login(api, user.username).status_code == 200


def test_login_success_does_not_lift_the_ceiling_for_other_addresses(api, settings):
    settings.SIKHI_LOGIN_ACCOUNT_FAILURES = 10
    user = WorkerFactory()
    _fail_from_many_addresses(user.username, api, 9)
    assert _login(api, user.username).status_code == 200
    _fail_from_many_addresses(user.username, api, 1, first=20)

    assert_error(_login(api, user.username, addr=STRANGER_ADDR), 429, "rate_limited")


def test_login_failures_of_an_unknown_username_are_limited_the_same_way(api, settings):
    settings.SIKHI_LOGIN_ACCOUNT_FAILURES = 10
    _fail_from_many_addresses("tidak-ada", api, 10)

    assert_error(_login(api, "tidak-ada", WRONG, addr=STRANGER_ADDR), 429, "rate_limited")


# --- the client address: X-Forwarded-For per DJANGO_TRUSTED_PROXY_COUNT ------------------------------------


def test_login_lock_ignores_forwarded_for_without_trusted_proxies(api, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    user = WorkerFactory()
    for n in range(5):
        _login(api, user.username, WRONG, addr=PROXY_ADDR, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")

    locked = _login(api, user.username, addr=PROXY_ADDR, HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert_error(locked, 429, "rate_limited")


def test_login_lock_uses_the_forwarded_client_behind_one_proxy(api, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = WorkerFactory()
    for _ in range(5):
        _login(api, user.username, WRONG, addr=PROXY_ADDR, HTTP_X_FORWARDED_FOR=STRANGER_ADDR)
    # The stranger cannot pass for the user by writing the user's address in front: the proxy appends its own.
    spoofed = _login(api, user.username, addr=PROXY_ADDR, HTTP_X_FORWARDED_FOR=f"{USER_ADDR}, {STRANGER_ADDR}")

    assert_error(spoofed, 429, "rate_limited")
    assert _login(api, user.username, addr=PROXY_ADDR, HTTP_X_FORWARDED_FOR=USER_ADDR).status_code == 200


def test_sign_in_page_uses_the_forwarded_client_behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = WorkerFactory()
    for _ in range(5):
        assert _page(user.username, WRONG, addr=PROXY_ADDR, HTTP_X_FORWARDED_FOR=STRANGER_ADDR).status_code == 400

    assert _page(user.username, addr=PROXY_ADDR, HTTP_X_FORWARDED_FOR=STRANGER_ADDR).status_code == 429
    assert _page(user.username, addr=PROXY_ADDR, HTTP_X_FORWARDED_FOR=USER_ADDR).status_code == 302


def test_rate_limit_uses_the_forwarded_client_behind_one_proxy(api, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SIKHI_AUTH_RATE = "2/m"
    user = WorkerFactory()
    for _ in range(2):
        _login(api, "nobody", WRONG, addr=PROXY_ADDR, HTTP_X_FORWARDED_FOR=STRANGER_ADDR)

    assert_error(_login(api, "nobody", WRONG, addr=PROXY_ADDR, HTTP_X_FORWARDED_FOR=STRANGER_ADDR),
                 429, "rate_limited")
    assert _page(user.username, addr=PROXY_ADDR, HTTP_X_FORWARDED_FOR=STRANGER_ADDR).status_code == 429
    assert _login(api, user.username, addr=PROXY_ADDR, HTTP_X_FORWARDED_FOR=USER_ADDR).status_code == 200


def test_login_lock_counts_an_ipv6_client_per_64_network(api):
    user = WorkerFactory()
    for n in range(5):
        _login(api, user.username, WRONG, addr=f"2001:db8:1:2::{n + 1:x}")

    assert_error(_login(api, user.username, addr="2001:db8:1:2:ffff::1"), 429, "rate_limited")
    assert _login(api, user.username, addr="2001:db8:1:3::1").status_code == 200


def test_login_schema_documents_the_lockout_rule(api):
    schema = api.get("/api/v1/schema/?format=json").json()

    for path in (LOGIN_URL, TOKEN_URL):
        operation = schema["paths"][path]["post"]
        assert "locked for that address only" in operation["description"]
        assert "SIKHI_LOGIN_ACCOUNT_FAILURES" in operation["description"]
        assert "DJANGO_TRUSTED_PROXY_COUNT" in operation["description"]
        assert "429" in operation["responses"]
