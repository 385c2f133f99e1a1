"""`manage.py createstaff`: officer and mediator accounts from the command line."""

from __future__ import annotations

import getpass
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from tests.factories import DEFAULT_PASSWORD, WorkerFactory

pytestmark = pytest.mark.django_db


def _run(*args, **options) -> str:
    out = StringIO()
    call_command("createstaff", *args, stdout=out, **options)
    return out.getvalue()


@pytest.mark.parametrize("role", ["officer", "mediator"])
def test_createstaff_creates_a_staff_account(role):
    output = _run("siti", role=role, office="32.73", name="Siti Nurhaliza", password=DEFAULT_PASSWORD,
                  email="siti@disnaker.test")

    user = User.objects.get(username="siti")
    assert (user.role, user.office_id, user.name, user.email) == (role, "32.73", "Siti Nurhaliza",
                                                                  "siti@disnaker.test")
    assert user.check_password(DEFAULT_PASSWORD)
    assert not user.is_staff and not user.is_superuser
    assert "siti" in output and "32.73" in output


def test_createstaff_with_command_line_syntax():
    _run("agus", "--role", "mediator", "--office", "32.01", "--name", "Agus Salim",
         "--password", DEFAULT_PASSWORD)

    assert User.objects.get(username="agus").office_id == "32.01"


def test_createstaff_prompts_for_the_password(monkeypatch):
    answers = iter([DEFAULT_PASSWORD, DEFAULT_PASSWORD])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))

    _run("dewi", role="officer", office="32", name="Dewi Lestari")

    assert User.objects.get(username="dewi").check_password(DEFAULT_PASSWORD)


def test_createstaff_prompted_passwords_must_match(monkeypatch):
    answers = iter([DEFAULT_PASSWORD, DEFAULT_PASSWORD + "x"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))

    with pytest.raises(CommandError, match="differ"):
        _run("dewi", role="officer", office="32", name="Dewi Lestari")
    assert not User.objects.filter(username="dewi").exists()


@pytest.mark.parametrize(
    ("username", "options", "message"),
    [
        ("siti", {"role": "worker"}, "role"),
        ("siti", {"role": "admin"}, "role"),
        ("siti", {"office": "99.99"}, "99.99"),
        ("siti", {"password": "12345678"}, "password"),
        ("sitinurhaliza", {"password": "sitinurhaliza1"}, "password"),
        ("siti", {"name": "   "}, "name"),
        ("siti nur!", {}, "username"),
        ("siti", {"email": "not-an-email"}, "email"),
    ],
)
def test_createstaff_rejects_bad_input(username, options, message):
    defaults = {"role": "officer", "office": "32.73", "name": "Siti Nurhaliza", "password": DEFAULT_PASSWORD}

    with pytest.raises(CommandError, match=re.escape(message)):
        _run(username, **{**defaults, **options})
    assert User.objects.count() == 0


def test_createstaff_rejects_a_taken_username():
    WorkerFactory(username="siti")

    with pytest.raises(CommandError, match="username"):
        _run("siti", role="officer", office="32.73", name="Siti Nurhaliza", password=DEFAULT_PASSWORD)
    assert User.objects.get(username="siti").role == "worker"


def test_createstaff_requires_role_office_and_name():
    with pytest.raises(CommandError):
        _run("siti", office="32.73", name="Siti", password=DEFAULT_PASSWORD)
    with pytest.raises(CommandError):
        _run("siti", role="officer", name="Siti", password=DEFAULT_PASSWORD)
    with pytest.raises(CommandError):
        _run("siti", role="officer", office="32.73", password=DEFAULT_PASSWORD)
    assert User.objects.count() == 0


def test_createstaff_checks_the_office_before_prompting(monkeypatch):
    def no_prompt(prompt=""):
        raise AssertionError("prompted although the office does not exist")

    monkeypatch.setattr(getpass, "getpass", no_prompt)

    with pytest.raises(CommandError, match=re.escape("99.99")):
        _run("dewi", role="officer", office="99.99", name="Dewi Lestari")


def test_createstaff_without_a_terminal_fails_clearly(monkeypatch):
    def eof(prompt=""):
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", eof)

    with pytest.raises(CommandError, match="--password"):
        _run("dewi", role="officer", office="32.73", name="Dewi Lestari")
    assert not User.objects.filter(username="dewi").exists()


def test_createstaff_records_a_mediators_nip_and_grade():
    _run("rina", role="mediator", office="32.73", name="Rina Kartika", password=DEFAULT_PASSWORD,
         nip="198001012005012003", grade="Mediator Hubungan Industrial Ahli Muda")

    user = User.objects.get(username="rina")
    assert (user.nip, user.grade) == ("198001012005012003", "Mediator Hubungan Industrial Ahli Muda")
