"""Shared fixtures: API clients per role, a clean cache, a private media root per test."""

from __future__ import annotations

import importlib

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.factories import CompanyUserFactory, MediatorFactory, OfficerFactory, WorkerFactory


@pytest.fixture(autouse=True)
def _offices(request):
    """Offices come from a data migration; a transactional test's flush removes them, so put them back."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and not {"db", "transactional_db"} & set(request.fixturenames):
        yield
        return
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.apps import apps as django_apps

    from accounts.models import Office

    if not Office.objects.exists():
        seed = importlib.import_module("accounts.migrations.0002_seed_offices").seed
        seed(django_apps, None)
    yield


@pytest.fixture(scope="session", autouse=True)
def signing_certificate(tmp_path_factory):
    """A throwaway development CA and office certificate for the run (documents are signed with it); the
    environment carries it to the servers the tests start. Answers the DevCertificate (its ca_pem is the trust
    root to validate with)."""
    import os

    from django.conf import settings as django_settings

    from documents.signing import make_dev_certificate

    made = make_dev_certificate(tmp_path_factory.mktemp("signing") / "office.p12", b"test-passphrase")
    values = {"SIKHI_SIGNING_P12": str(made.p12), "SIKHI_SIGNING_PASSPHRASE": "test-passphrase"}
    os.environ.update(values)
    for name, value in values.items():
        setattr(django_settings, name, value)
    return made


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Each test stores uploads in its own directory (PrivateStorage reads the setting at use time)."""
    root = tmp_path / "private"
    settings.PRIVATE_MEDIA_ROOT = root
    return root


def client_for(user) -> APIClient:
    """An API client authenticated as `user` by token (no CSRF), as an app or integration would be."""
    from rest_framework.authtoken.models import Token

    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def worker(db):
    return WorkerFactory()


@pytest.fixture
def company_user(db):
    return CompanyUserFactory()


@pytest.fixture
def officer(db):
    return OfficerFactory()


@pytest.fixture
def mediator(db):
    return MediatorFactory()


@pytest.fixture
def cast(db):
    """Everyone a dispute needs (tests/workflow.py)."""
    from tests.workflow import Cast

    return Cast()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """committed(fn, *args): call fn and run the after-commit work it scheduled (documents, e-mails)."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run
