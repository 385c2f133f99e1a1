"""POST /api/v1/auth/register/: workers and company representatives sign up."""

from __future__ import annotations

import copy
import json
import re

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Company, Role, User
from disputes.models import Dispute
from disputes.services import dispute_create, dispute_transition
from tests.factories import DEFAULT_PASSWORD, CompanyFactory, WorkerFactory
from tests.helpers import assert_error

pytestmark = pytest.mark.django_db

REGISTER_URL = "/api/v1/auth/register/"
ME_URL = "/api/v1/me/"

WORKER = {
    "role": "worker",
    "username": "budi",
    "password": DEFAULT_PASSWORD,
    "name": "Budi Santoso",
    "nik": "3273012345678901",
    "phone": "0812-3456-7890",
    "email": "budi@example.test",
}

COMPANY = {
    "role": "company",
    "username": "hrd_maju",
    "password": DEFAULT_PASSWORD,
    "name": "Siti Rahma",
    "email": "hrd@maju.test",
    "phone": "+62 22 1234567",
    "company": {
        "name": "PT Maju Jaya",
        "nib": "1234567890123",
        "address": "Jl. Soekarno-Hatta No. 10, Bandung",
        "regency": "32.73",
    },
}


def worker_body(**changes) -> dict:
    body = copy.deepcopy(WORKER)
    body.update(changes)
    return body


def company_body(company: dict | None = None, **changes) -> dict:
    body = copy.deepcopy(COMPANY)
    body.update(changes)
    body["company"].update(company or {})
    return body


def without(body: dict, *path: str) -> dict:
    """A copy of `body` with the key at `path` removed."""
    body = copy.deepcopy(body)
    target = body
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return body



def _counts() -> tuple[int, int]:
    return User.objects.count(), Company.objects.count()


def test_register_worker_succeeds_and_signs_in(api):
    response = api.post(REGISTER_URL, WORKER, format="json")

    assert response.status_code == 201, response.content
    user = User.objects.get(username="budi")
    assert response.json() == {"id": user.id, "username": "budi", "role": "worker"}
    assert (user.role, user.name, user.nik, user.phone, user.email) == (
        Role.WORKER, "Budi Santoso", "3273012345678901", "0812-3456-7890", "budi@example.test")
    assert user.company is None and user.office is None
    assert user.check_password(DEFAULT_PASSWORD)
    me = api.get(ME_URL)
    assert me.status_code == 200
    assert me.json()["username"] == "budi"


def test_register_company_succeeds_unverified_and_signs_in(api):
    response = api.post(REGISTER_URL, COMPANY, format="json")

    assert response.status_code == 201, response.content
    user = User.objects.select_related("company").get(username="hrd_maju")
    assert response.json() == {"id": user.id, "username": "hrd_maju", "role": "company"}
    company = user.company
    assert (company.name, company.nib, company.regency_id) == ("PT Maju Jaya", "1234567890123", "32.73")
    assert company.address == "Jl. Soekarno-Hatta No. 10, Bandung"
    assert company.verified_at is None and company.verified_by is None
    assert (company.email, company.phone) == ("hrd@maju.test", "+62 22 1234567")
    me = api.get(ME_URL)
    assert me.status_code == 200
    assert me.json()["company"] == {"id": company.id, "name": "PT Maju Jaya", "nib": "1234567890123",
                                    "verified": False}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (worker_body(nik="327301234567890"), ["nik"]),
        (worker_body(nik="32730123456789012"), ["nik"]),
        (worker_body(nik="32730123456789ab"), ["nik"]),
        (worker_body(password="12345678"), ["password"]),
        (worker_body(password="budi"), ["password"]),
        (worker_body(email="not-an-email"), ["email"]),
        (worker_body(phone="call me"), ["phone"]),
        (worker_body(username="budi santoso!"), ["username"]),
        (worker_body(role="officer"), ["role"]),
        (worker_body(role="mediator"), ["role"]),
        (worker_body(role=["worker"]), ["role"]),
        (without(WORKER, "role"), ["role"]),
        (without(WORKER, "username"), ["username"]),
        (without(WORKER, "password"), ["password"]),
        (without(WORKER, "name"), ["name"]),
        (without(WORKER, "nik"), ["nik"]),
        (without(WORKER, "phone"), ["phone"]),
        (without(WORKER, "email"), ["email"]),
        (company_body({"nib": "123456789012"}), ["company", "nib"]),
        (company_body({"nib": "12345678901234"}), ["company", "nib"]),
        (company_body({"regency": "99.99"}), ["company", "regency"]),
        (company_body({"regency": ["32.73"]}), ["company", "regency"]),
        (company_body(password="password"), ["password"]),
        (without(COMPANY, "company"), ["company"]),
        (without(COMPANY, "company", "name"), ["company", "name"]),
        (without(COMPANY, "company", "nib"), ["company", "nib"]),
        (without(COMPANY, "company", "address"), ["company", "address"]),
        (without(COMPANY, "company", "regency"), ["company", "regency"]),
        ({**COMPANY, "company": "PT Maju Jaya"}, ["company", "non_field_errors"]),
    ],
)
def test_register_with_bad_field_is_rejected_and_saves_nothing(api, body, field):
    before = _counts()

    response = api.post(REGISTER_URL, body, format="json")

    details = assert_error(response, 400, "invalid")
    node = details
    for key in field:
        assert key in node, details
        node = node[key]
    assert isinstance(node, list) and node and all(isinstance(m, str) for m in node)
    assert _counts() == before
    assert api.get(ME_URL).status_code == 401


@pytest.mark.parametrize("raw", [json.dumps([WORKER]), '"worker"', "42", "null"])
def test_register_with_body_not_a_json_object_is_rejected(api, raw):
    response = api.post(REGISTER_URL, raw, content_type="application/json")

    details = assert_error(response, 400, "invalid")
    assert list(details) == ["body"]
    assert User.objects.count() == 0


def test_register_with_malformed_json_is_rejected(api):
    response = api.post(REGISTER_URL, '{"role": "worker",', content_type="application/json")

    details = assert_error(response, 400, "invalid")
    assert "body" in details
    assert User.objects.count() == 0


def test_register_with_unknown_role_reports_the_other_fields_too(api):
    response = api.post(REGISTER_URL, {"role": "officer", "username": "x"}, format="json")

    details = assert_error(response, 400, "invalid")
    assert {"role", "password", "name", "email", "phone"} <= set(details)


def test_register_weak_password_messages_follow_the_language(api):
    body = worker_body(password="12345")

    indonesian = assert_error(api.post(REGISTER_URL, body, format="json"), 400, "invalid")
    english = assert_error(api.post(REGISTER_URL, body, format="json", HTTP_ACCEPT_LANGUAGE="en"),
                           400, "invalid")

    assert any("terlalu pendek" in m for m in indonesian["password"])
    assert any("too short" in m for m in english["password"])


def test_register_password_similar_to_username_is_rejected(api):
    body = worker_body(username="sangatrahasia", password="sangatrahasia1")

    details = assert_error(api.post(REGISTER_URL, body, format="json"), 400, "invalid")

    assert details["password"]
    assert User.objects.count() == 0


def test_register_duplicate_username_is_a_conflict(api):
    WorkerFactory(username="budi")
    before = _counts()

    response = api.post(REGISTER_URL, company_body(username="budi"), format="json")

    details = assert_error(response, 409, "conflict")
    assert "username" in details
    assert _counts() == before


def test_register_username_differing_only_in_case_is_a_conflict(api):
    WorkerFactory(username="budi")

    response = api.post(REGISTER_URL, worker_body(username="BUDI"), format="json")

    details = assert_error(response, 409, "conflict")
    assert "username" in details
    assert User.objects.filter(username__iexact="budi").count() == 1


@pytest.mark.parametrize("verified", [True, False])
def test_register_company_with_registered_nib_is_a_conflict(api, verified):
    CompanyFactory(nib="1234567890123", verified_at=timezone.now() if verified else None)
    before = _counts()

    response = api.post(REGISTER_URL, COMPANY, format="json")

    details = assert_error(response, 409, "conflict")
    assert "nib" in details["company"]
    assert _counts() == before
    assert not User.objects.filter(username="hrd_maju").exists()


def test_register_second_account_for_same_nib_is_a_conflict(api):
    assert api.post(REGISTER_URL, COMPANY, format="json").status_code == 201
    other = company_body(username="hrd_kedua", email="kedua@maju.test")

    response = api.post(REGISTER_URL, other, format="json")

    assert_error(response, 409, "conflict")
    assert User.objects.filter(company__nib="1234567890123").count() == 1


def _invited_dispute(django_capture_on_commit_callbacks) -> tuple[Dispute, str]:
    """A submitted dispute against a company not on SIKHI, and the invitation token e-mailed for it."""
    worker = WorkerFactory()
    dispute = dispute_create(by=worker, data={
        "type": "hak",
        "workplace_regency": "32.73",
        "respondent": {"name": "PT Maju Jaya", "email": "hrd@maju.test", "address": "Jl. Soekarno-Hatta 10"},
        "summary": "Upah lembur tidak dibayar",
        "chronology": "Sejak Januari upah lembur tidak dibayar.",
        "demands": "Pembayaran upah lembur.",
    })
    with django_capture_on_commit_callbacks(execute=True):
        dispute = dispute_transition(dispute=dispute, by=worker, name="submit")
    token = re.search(r"undangan=([\w-]+)", mail.outbox[-1].body).group(1)
    return dispute, token


def test_register_company_with_invitation_claims_the_dispute(api, django_capture_on_commit_callbacks):
    dispute, token = _invited_dispute(django_capture_on_commit_callbacks)

    response = api.post(REGISTER_URL, company_body(invitation=token), format="json")

    assert response.status_code == 201, response.content
    user = User.objects.get(pk=response.json()["id"])
    dispute.refresh_from_db()
    assert dispute.respondent_company_id == user.company_id
    assert dispute.respondent_nib == "1234567890123"
    assert dispute.invitation.used_by_id == user.id


def test_register_company_with_invalid_invitation_saves_nothing(api):
    before = _counts()

    response = api.post(REGISTER_URL, company_body(invitation="not-a-real-token"), format="json")

    details = assert_error(response, 400, "invalid")
    assert "invitation" in details
    assert _counts() == before
    assert api.get(ME_URL).status_code == 401


def test_register_company_with_used_invitation_saves_nothing(api, django_capture_on_commit_callbacks):
    _dispute, token = _invited_dispute(django_capture_on_commit_callbacks)
    assert api.post(REGISTER_URL, company_body(invitation=token), format="json").status_code == 201
    before = _counts()

    second = company_body({"nib": "1234567890999"}, username="penyusup", invitation=token)
    response = api.post(REGISTER_URL, second, format="json")

    assert_error(response, 409, "conflict")
    assert _counts() == before
    assert not Company.objects.filter(nib="1234567890999").exists()


def test_register_worker_keeps_an_optional_address(api):
    response = api.post(REGISTER_URL, {**WORKER, "address": " Jl. Cibaduyut No. 12, Bandung "}, format="json")
    assert response.status_code == 201, response.content
    assert User.objects.get(username="budi").address == "Jl. Cibaduyut No. 12, Bandung"


def test_register_worker_page_keeps_an_optional_address(client):
    form = {k: v for k, v in WORKER.items() if k != "role"}
    response = client.post("/daftar/?peran=worker", {**form, "address": "Jl. Cibaduyut No. 12"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(username="budi").address == "Jl. Cibaduyut No. 12"
