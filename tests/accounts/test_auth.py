"""Sign-in (session and token), sign-out, CSRF, per-address rate limits and per-account lock-out."""

from __future__ import annotations

import time

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import DEFAULT_PASSWORD, CompanyUserFactory, OfficerFactory, WorkerFactory
from tests.helpers import assert_error

pytestmark = pytest.mark.django_db

CSRF_URL = "/api/v1/auth/csrf/"
LOGIN_URL = "/api/v1/auth/login/"
LOGOUT_URL = "/api/v1/auth/logout/"
TOKEN_URL = "/api/v1/auth/token/"
REGISTER_URL = "/api/v1/auth/register/"
ME_URL = "/api/v1/me/"



def _login(client, username: str, password: str = DEFAULT_PASSWORD, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password}, format="json", **extra)


def _token(client, username: str, password: str = DEFAULT_PASSWORD, **extra):
    return client.post(TOKEN_URL, {"username": username, "password": password}, format="json", **extra)


# --- CSRF, session sign-in, sign-out ---------------------------------------------------------------------


def test_csrf_sets_the_cookie_and_returns_the_token(api):
    response = api.get(CSRF_URL)

    assert response.status_code == 200
    token = response.json()["csrftoken"]
    assert token
    assert "csrftoken" in response.cookies
    assert response.cookies["csrftoken"].value


def test_login_succeeds_with_a_session_and_me_works(api):
    user = WorkerFactory(name="Budi Santoso")

    response = _login(api, user.username)

    assert response.status_code == 200, response.content
    assert response.json() == {"id": user.id, "username": user.username, "role": "worker",
                               "name": "Budi Santoso"}
    assert response.cookies["sessionid"].value
    me = api.get(ME_URL)
    assert me.status_code == 200
    assert me.json()["id"] == user.id


def test_login_with_wrong_password_or_unknown_user_is_the_same_generic_error(api):
    user = WorkerFactory()

    wrong_password = _login(api, user.username, "salah-salah-salah")
    unknown_user = _login(api, "nobody-here", "salah-salah-salah")

    assert_error(wrong_password, 400, "invalid")
    assert_error(unknown_user, 400, "invalid")
    assert wrong_password.json() == unknown_user.json()
    assert "sessionid" not in wrong_password.cookies
    assert api.get(ME_URL).status_code == 401


def test_login_of_inactive_user_is_refused(api):
    user = WorkerFactory(is_active=False)

    assert_error(_login(api, user.username), 400, "invalid")


def test_login_with_missing_fields_is_rejected(api):
    details = assert_error(api.post(LOGIN_URL, {}, format="json"), 400, "invalid")

    assert set(details) == {"username", "password"}


def test_login_with_body_not_an_object_is_rejected(api):
    details = assert_error(api.post(LOGIN_URL, "[1, 2]", content_type="application/json"), 400, "invalid")

    assert "body" in details


def test_session_unsafe_request_needs_the_csrf_token():
    user = WorkerFactory()
    client = APIClient(enforce_csrf_checks=True)
    assert _login(client, user.username).status_code == 200  # sign-in itself needs no CSRF token

    refused = client.post(LOGOUT_URL)
    assert_error(refused, 403, "forbidden")
    assert client.get(ME_URL).status_code == 200  # still signed in

    token = client.get(CSRF_URL).json()["csrftoken"]
    accepted = client.post(LOGOUT_URL, HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 204
    assert_error(client.get(ME_URL), 401, "not_authenticated")


def test_session_request_with_a_wrong_csrf_token_is_refused():
    user = WorkerFactory()
    client = APIClient(enforce_csrf_checks=True)
    assert _login(client, user.username).status_code == 200

    assert_error(client.post(LOGOUT_URL, HTTP_X_CSRFTOKEN="x" * 32), 403, "forbidden")


def test_logout_ends_the_session(api):
    user = WorkerFactory()
    _login(api, user.username)

    response = api.post(LOGOUT_URL)

    assert response.status_code == 204
    assert response.content == b""
    assert_error(api.get(ME_URL), 401, "not_authenticated")


def test_logout_unauthenticated_is_401(api):
    assert_error(api.post(LOGOUT_URL), 401, "not_authenticated")


# --- tokens ----------------------------------------------------------------------------------------------


def test_token_is_issued_and_authenticates_without_csrf(api):
    user = CompanyUserFactory()

    response = _token(api, user.username)

    assert response.status_code == 200, response.content
    key = response.json()["token"]
    assert Token.objects.get(user=user).key == key
    assert _token(api, user.username).json() == {"token": key}  # the same token on each request
    assert "sessionid" not in response.cookies

    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    me = client.get(ME_URL)
    assert me.status_code == 200
    assert me.json()["username"] == user.username


def test_token_with_wrong_password_is_rejected(api):
    user = WorkerFactory()

    assert_error(_token(api, user.username, "salah-salah-salah"), 400, "invalid")
    assert not Token.objects.filter(user=user).exists()


def test_invalid_token_is_401(api):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")

    assert_error(api.get(ME_URL), 401, "not_authenticated")


def test_logout_with_token_revokes_it():
    user = WorkerFactory()
    key = _token(APIClient(), user.username).json()["token"]
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    assert client.post(LOGOUT_URL).status_code == 204

    assert not Token.objects.filter(key=key).exists()
    assert_error(client.get(ME_URL), 401, "not_authenticated")


# --- per-address rate limit ------------------------------------------------------------------------------


def test_login_is_rate_limited_per_address(api, settings):
    settings.SIKHI_AUTH_RATE = "3/m"
    user = WorkerFactory()

    for _ in range(3):
        assert_error(_login(api, "nobody", "salah-salah-salah"), 400, "invalid")
    limited = _login(api, user.username)

    details = assert_error(limited, 429, "rate_limited")
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert details["retry_after"] == int(limited["Retry-After"])
    # Another address still gets through.
    assert _login(api, user.username, REMOTE_ADDR="10.1.2.3").status_code == 200


def test_register_and_token_share_the_address_limit(api, settings):
    settings.SIKHI_AUTH_RATE = "3/m"
    user = WorkerFactory()

    assert _token(api, user.username).status_code == 200
    assert_error(api.post(REGISTER_URL, {}, format="json"), 400, "invalid")
    assert _login(api, user.username).status_code == 200

    register = api.post(REGISTER_URL, {}, format="json")
    token = _token(api, user.username)
    assert_error(register, 429, "rate_limited")
    assert_error(token, 429, "rate_limited")
    assert int(token["Retry-After"]) >= 1


def test_rate_limit_ignores_forwarded_for_header(api, settings):
    settings.SIKHI_AUTH_RATE = "2/m"

    for n in range(2):
        _login(api, "nobody", "x", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    limited = _login(api, "nobody", "x", HTTP_X_FORWARDED_FOR="10.0.0.99")

    assert_error(limited, 429, "rate_limited")


# --- per-account lock-out --------------------------------------------------------------------------------


@pytest.fixture
def generous_rate(settings):
    settings.SIKHI_AUTH_RATE = "1000/m"
    return settings


def test_account_is_locked_after_five_failures(api, generous_rate):
    user = WorkerFactory()
    other = OfficerFactory()

    for _ in range(5):
        assert_error(_login(api, user.username, "salah-salah-salah"), 400, "invalid")
    locked = _login(api, user.username)

    assert_error(locked, 429, "rate_limited")
    assert 890 <= int(locked["Retry-After"]) <= 900
    assert "sessionid" not in locked.cookies
    assert_error(_token(api, user.username), 429, "rate_limited")
    assert_error(_login(api, user.username, "salah-salah-salah"), 429, "rate_limited")
    # Other accounts, from the same address, are unaffected.
    assert _login(api, other.username).status_code == 200


def test_token_failures_count_towards_the_lock(api, generous_rate):
    user = WorkerFactory()

    for _ in range(3):
        assert_error(_token(api, user.username, "salah-salah-salah"), 400, "invalid")
    for _ in range(2):
        assert_error(_login(api, user.username, "salah-salah-salah"), 400, "invalid")

    assert_error(_login(api, user.username), 429, "rate_limited")


def test_successful_login_resets_the_failure_count(api, generous_rate):
    user = WorkerFactory()

    for _ in range(4):
        _login(api, user.username, "salah-salah-salah")
    assert _login(api, user.username).status_code == 200
    for _ in range(4):
        assert_error(_login(api, user.username, "salah-salah-salah"), 400, "invalid")

    assert _login(api, user.username).status_code == 200


def test_lock_follows_the_settings(api, generous_rate):
    generous_rate.SIKHI_LOGIN_FAILURES = 2
    generous_rate.SIKHI_LOGIN_LOCK_SECONDS = 60
    user = WorkerFactory()

    for _ in range(2):
        _login(api, user.username, "salah-salah-salah")
    locked = _login(api, user.username)

    assert_error(locked, 429, "rate_limited")
    assert 1 <= int(locked["Retry-After"]) <= 60


def test_lock_ends_after_the_lock_time(api, generous_rate, monkeypatch):
    user = WorkerFactory()
    for _ in range(5):
        _login(api, user.username, "salah-salah-salah")
    assert_error(_login(api, user.username), 429, "rate_limited")

    later = time.time() + 901
    monkeypatch.setattr(time, "time", lambda: later)

    assert _login(api, user.username).status_code == 200
