"""GET /healthz: 200 when the database and the channel layer answer, 503 naming what is down."""

from __future__ import annotations

import pytest

import sikhi.health

pytestmark = pytest.mark.django_db


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "channel_layer": "ok"}


def test_healthz_database_down(client, monkeypatch):
    monkeypatch.setattr(sikhi.health, "_database_ok", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "down", "channel_layer": "ok"}


def test_healthz_channel_layer_down(client, monkeypatch):
    monkeypatch.setattr(sikhi.health, "_channel_layer_ok", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "channel_layer": "down"}


def test_healthz_channel_layer_error_is_down(client, monkeypatch):
    async def broken():
        raise ConnectionError("layer unreachable")

    monkeypatch.setattr(sikhi.health, "_layer_roundtrip", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["channel_layer"] == "down"


def test_healthz_only_get(client):
    assert client.post("/healthz").status_code == 405
