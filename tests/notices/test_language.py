"""The language of a user's e-mails: the request's at registration, updated at each sign-in; Indonesian by default."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from tests.factories import DEFAULT_PASSWORD, WorkerFactory

WORKER = {"role": "worker", "username": "budi", "password": DEFAULT_PASSWORD, "name": "Budi Santoso",
          "nik": "3273012345678901", "phone": "0812-3456-7890", "email": "budi@example.test"}
COMPANY = {"role": "company", "username": "hrd_maju", "password": DEFAULT_PASSWORD, "name": "Siti Rahma",
           "email": "hrd@maju.test", "phone": "+62 22 1234567",
           "company": {"name": "PT Maju Jaya", "nib": "1234567890123", "address": "Jl. Soekarno-Hatta 10",
                       "regency": "32.73"}}


@pytest.mark.django_db
@pytest.mark.parametrize(("headers", "cookie", "expected"), [
    ({}, None, "id"),
    ({"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}, None, "en"),
    ({"HTTP_ACCEPT_LANGUAGE": "id"}, None, "id"),
    ({"HTTP_ACCEPT_LANGUAGE": "fr-FR"}, None, "id"),
    ({}, "en", "en"),
])
@pytest.mark.parametrize("body", [WORKER, COMPANY], ids=["worker", "company"])
def test_register_keeps_the_requests_language(body, headers, cookie, expected):
    client = APIClient()
    if cookie:
        client.cookies["django_language"] = cookie
    response = client.post("/api/v1/auth/register/", body, format="json", **headers)
    assert response.status_code == 201, response.content
    assert User.objects.get(username=body["username"]).language == expected


@pytest.mark.django_db
def test_sign_in_updates_the_language_and_a_failed_one_does_not():
    user = WorkerFactory()
    assert user.language == "id"
    client = APIClient()
    wrong = client.post("/api/v1/auth/login/", {"username": user.username, "password": "salah-sekali-123"},
                        format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert wrong.status_code == 400
    user.refresh_from_db()
    assert user.language == "id"
    ok = client.post("/api/v1/auth/login/", {"username": user.username, "password": DEFAULT_PASSWORD},
                     format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert ok.status_code == 200
    user.refresh_from_db()
    assert user.language == "en"
    APIClient().post("/api/v1/auth/login/", {"username": user.username, "password": DEFAULT_PASSWORD},
                     format="json")
    user.refresh_from_db()
    assert user.language == "id"


@pytest.mark.django_db
def test_sign_in_page_updates_the_language(client):
    user = WorkerFactory()
    response = client.post("/masuk/", {"username": user.username, "password": DEFAULT_PASSWORD},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302, response.content[:500]
    user.refresh_from_db()
    assert user.language == "en"
