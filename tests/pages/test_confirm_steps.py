"""Irreversible steps carry the question that static/js/confirm.js asks before posting (data-confirm); the
others post at once. The dialog itself is exercised in tests/e2e/test_desk.py."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.factories import CompanyFactory, WorkerFactory, office
from tests.pages.test_consultation_pages import ask
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db


def html_of(user, path: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def form_tag(html: str, action_part: str) -> str:
    match = re.search(r'<form method="post" action="[^"]*' + re.escape(action_part) + r'[^>]*>', html)
    assert match, action_part
    return match.group(0)


def asks(html: str, action_part: str) -> bool:
    return "data-confirm=" in form_tag(html, action_part)


@pytest.mark.parametrize(("state", "role", "name"), [
    ("bipartite_invited", "company_user", "accept_bipartite"),
    ("bipartite_failed", "worker", "register"),
    ("registration_submitted", "officer", "accept_registration"),
    ("agreement_drafting", "worker", "sign_agreement"),
])
def test_irreversible_transitions_ask_first(state, role, name):
    flow = Flow(Cast()).to(state)
    assert asks(html_of(getattr(flow.cast, role), f"/perselisihan/{flow.id}/"), f"/aksi/{name}/")


@pytest.mark.parametrize(("state", "role", "name"), [
    ("registration_submitted", "officer", "return_registration"),
    ("bipartite", "worker", "propose_agreement"),
])
def test_reversible_or_form_steps_post_without_the_question(state, role, name):
    flow = Flow(Cast()).to(state)
    assert not asks(html_of(getattr(flow.cast, role), f"/perselisihan/{flow.id}/"), f"/aksi/{name}/")


def test_signing_the_bipartite_minutes_asks_first():
    flow = Flow(Cast()).to("bipartite")
    flow.record_meeting(sign=False)
    assert asks(html_of(flow.cast.worker, f"/perselisihan/{flow.id}/"), "/tanda-tangan/")


def test_verifying_a_company_asks_first_and_names_it():
    cast = Cast()
    company = CompanyFactory(verified_at=None, regency=office("32.73"), name="PT Tanya Dulu")
    tag = form_tag(html_of(cast.officer, "/beranda/"), f"/perusahaan/{company.id}/verifikasi/")
    assert "data-confirm=" in tag and "PT Tanya Dulu" in tag


def test_closing_a_consultation_asks_first():
    consultation = ask(WorkerFactory())
    assert asks(html_of(consultation.asker, f"/konsultasi/{consultation.pk}/"), "/tutup/")


def test_the_pages_with_irreversible_steps_have_the_dialog_and_its_script_and_others_none():
    flow = Flow(Cast()).to("bipartite_invited")
    for user, path in ((flow.cast.company_user, f"/perselisihan/{flow.id}/"), (flow.cast.officer, "/beranda/")):
        html = html_of(user, path)
        assert html.count('<dialog id="confirm-dialog"') == 1 and "js/confirm.js" in html, path
    assert "confirm.js" not in html_of(flow.cast.worker, "/beranda/")
