"""Deployment plumbing: production settings, management commands, demo data, API schema and docs."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.management.commands.seed_demo import DEMO_PASSWORD
from accounts.models import Company, Role, User

BASE_DIR = Path(__file__).resolve().parent.parent


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def _counts_line(text: str) -> dict[str, int]:
    """'expired=0 overdue=0 skipped=0 ...' as a dict."""
    pairs = (item.split("=", 1) for item in text.strip().split())
    return {key: int(value) for key, value in pairs}


def _production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="sikhi.settings.production", **extra)
    return env


# --- production settings ------------------------------------------------------------------------------------


def test_check_deploy_passes_with_production_settings():
    env = _production_env(DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
                          DJANGO_ALLOWED_HOSTS="sikhi.example.go.id")
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_need_a_secret_key():
    env = _production_env(DJANGO_ALLOWED_HOSTS="sikhi.example.go.id")
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


# --- process_deadlines and run_worker -----------------------------------------------------------------------


def test_process_deadlines_rejects_a_bad_date():
    with pytest.raises(CommandError):
        call_command("process_deadlines", "--now", "not-a-date")


def test_process_deadlines_needs_an_offset():
    with pytest.raises(CommandError):
        call_command("process_deadlines", "--now", "2026-01-01T00:00:00")


@pytest.mark.django_db
def test_process_deadlines_on_an_empty_database():
    out = StringIO()
    call_command("process_deadlines", "--now", "2026-01-01T00:00:00+07:00", stdout=out)
    assert out.getvalue().startswith("expired=0 ")
    counts = _counts_line(out.getvalue())
    assert {"expired", "overdue", "skipped"} <= counts.keys()
    assert set(counts.values()) == {0}


@pytest.mark.django_db
def test_process_deadlines_passes_now(monkeypatch):
    seen = {}

    def fake(*, now):
        seen["now"] = now
        return {"expired": 1, "overdue": 2, "skipped": 0}

    monkeypatch.setattr("disputes.management.commands.process_deadlines.deadlines_process", fake)
    out = StringIO()
    call_command("process_deadlines", "--now", "2026-03-02T08:00:00+07:00", stdout=out)
    assert out.getvalue().strip() == "expired=1 overdue=2 skipped=0"
    assert seen["now"].isoformat() == "2026-03-02T08:00:00+07:00"


@pytest.mark.django_db
def test_run_worker_once(caplog):
    out = StringIO()
    with caplog.at_level("INFO", logger="disputes.worker"):
        call_command("run_worker", "--once", stdout=out)
    assert _counts_line(out.getvalue())["expired"] == 0
    assert "deadline sweep: expired=0" in caplog.text


@pytest.mark.django_db
def test_run_worker_survives_a_failed_sweep_and_stops_on_sigterm(monkeypatch, caplog):
    calls = []

    def flaky(*, now):
        calls.append(now)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        os.kill(os.getpid(), signal.SIGTERM)  # handled by the worker: finish this sweep, then stop
        return {"expired": 0, "overdue": 0, "skipped": 0}

    monkeypatch.setattr("disputes.management.commands.run_worker.deadlines_process", flaky)
    before = signal.getsignal(signal.SIGTERM)
    with caplog.at_level("INFO", logger="disputes.worker"):
        call_command("run_worker", "--interval", "0.01")
    assert len(calls) == 2
    assert "deadline sweep failed" in caplog.text
    assert "worker: stopped" in caplog.text
    assert signal.getsignal(signal.SIGTERM) is before


# --- demo data ----------------------------------------------------------------------------------------------


def _counts():
    return User.objects.count(), Company.objects.count()


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.filter(username="petugas").exists()


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_the_logins_work(settings, client):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first == (4, 1)

    for username in ("petugas", "mediator", "pekerja", "perusahaan"):
        assert username in out.getvalue()
        assert client.login(username=username, password=DEMO_PASSWORD), username
        client.logout()

    officer, mediator = User.objects.get(username="petugas"), User.objects.get(username="mediator")
    assert (officer.role, officer.office_id) == (Role.OFFICER, "32.73")
    assert (mediator.role, mediator.office_id) == (Role.MEDIATOR, "32.73")
    worker = User.objects.get(username="pekerja")
    assert worker.role == Role.WORKER and len(worker.nik) == 16 and worker.nik.isdigit()
    company_user = User.objects.get(username="perusahaan")
    company = company_user.company
    assert company_user.role == Role.COMPANY
    assert company.name == "PT Demo Sejahtera" and company.verified
    assert len(company.nib) == 13 and company.nib.isdigit() and company.regency_id == "32.73"


@pytest.mark.django_db
def test_seed_demo_runs_on_the_local_demo_site_without_debug(settings):
    """`make run` keeps DEBUG off (SIKHI's error pages); its settings mark the site as the local demo."""
    settings.DEBUG, settings.SIKHI_DEMO_SITE = False, True
    call_command("seed_demo", stdout=StringIO())
    assert User.objects.filter(username="petugas").exists()


@pytest.mark.django_db
def test_seed_demo_force_runs_without_debug(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--force", stdout=StringIO())
    assert User.objects.filter(username__in=["petugas", "mediator", "pekerja", "perusahaan"]).count() == 4


# --- API schema and docs ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_openapi_schema(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "SIKHI API"


class _AssetRefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        wanted = {"script": "src", "link": "href"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.refs.append(value)


@pytest.mark.django_db
def test_api_docs_use_only_local_static_files(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    parser = _AssetRefs()
    parser.feed(response.content.decode())
    assert parser.refs, "the docs page loads no scripts or styles?"
    for ref in parser.refs:
        assert not ref.lower().startswith(("http:", "https:", "//")), ref
    assert any(ref.startswith("/static/") and ref.endswith(".js") for ref in parser.refs)
