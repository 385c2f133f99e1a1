"""GET /me/, company lookup by NIB, the officer's company list and verification."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.models import Company, Office
from tests.conftest import client_for
from tests.factories import CompanyFactory, CompanyUserFactory, OfficerFactory, office
from tests.helpers import assert_error

pytestmark = pytest.mark.django_db

ME_URL = "/api/v1/me/"
LOOKUP_URL = "/api/v1/companies/lookup/"
LIST_URL = "/api/v1/companies/"


def verify_url(company: Company) -> str:
    return f"/api/v1/companies/{company.pk}/verify/"



# --- /me/ ------------------------------------------------------------------------------------------------


def test_me_of_worker_has_no_office_company_or_union(worker):
    response = client_for(worker).get(ME_URL)

    assert response.status_code == 200
    assert response.json() == {"id": worker.id, "username": worker.username, "role": "worker",
                               "name": worker.name, "office": None, "company": None, "union": None}


def test_me_of_company_user_shows_the_company(company_user):
    company = company_user.company

    response = client_for(company_user).get(ME_URL)

    assert response.status_code == 200
    assert response.json()["company"] == {"id": company.id, "name": company.name, "nib": company.nib,
                                          "verified": True}
    assert response.json()["office"] is None
    assert response.json()["role"] == "company"


def test_me_of_officer_shows_the_office(officer):
    response = client_for(officer).get(ME_URL)

    assert response.status_code == 200
    assert response.json()["office"] == {"code": "32.73", "name": office("32.73").name}
    assert response.json()["role"] == "officer"


def test_me_unauthenticated_is_401(api):
    assert_error(api.get(ME_URL), 401, "not_authenticated")


# --- lookup ----------------------------------------------------------------------------------------------


def test_lookup_finds_a_verified_company(worker):
    company = CompanyFactory(nib="3273000000001", regency=office("32.04"))

    response = client_for(worker).get(LOOKUP_URL, {"nib": "3273000000001"})

    assert response.status_code == 200
    assert response.json() == {"id": company.id, "name": company.name, "nib": "3273000000001",
                               "regency": "32.04"}


@pytest.mark.parametrize("nib", ["3273000000002", "3273000000009"])
def test_lookup_of_unverified_or_unknown_company_is_404(worker, nib):
    CompanyFactory(nib="3273000000002", verified_at=None)

    assert_error(client_for(worker).get(LOOKUP_URL, {"nib": nib}), 404, "not_found")


@pytest.mark.parametrize("query", [{"nib": "123"}, {"nib": "32730000000011"}, {"nib": "327300000000x"}, {}])
def test_lookup_with_malformed_nib_is_400(worker, query):
    details = assert_error(client_for(worker).get(LOOKUP_URL, query), 400, "invalid")

    assert "nib" in details


def test_lookup_unauthenticated_is_401(api):
    CompanyFactory(nib="3273000000001")

    assert_error(api.get(LOOKUP_URL, {"nib": "3273000000001"}), 401, "not_authenticated")


# --- list ------------------------------------------------------------------------------------------------


@pytest.fixture
def companies():
    """Two unverified and one verified company of 32.73, one unverified of 32.01."""
    return {
        "new_a": CompanyFactory(verified_at=None),
        "new_b": CompanyFactory(verified_at=None),
        "verified": CompanyFactory(),
        "elsewhere": CompanyFactory(verified_at=None, regency=office("32.01")),
    }


def test_list_shows_the_officers_office_companies_newest_first(officer, companies):
    response = client_for(officer).get(LIST_URL)

    assert response.status_code == 200
    body = response.json()
    assert body["next"] is None
    assert [c["id"] for c in body["results"]] == [
        companies["verified"].id, companies["new_b"].id, companies["new_a"].id]
    first = body["results"][0]
    company = companies["verified"]
    assert set(first) == {"id", "name", "nib", "address", "regency", "email", "phone", "verified",
                          "verified_at"}
    assert (first["name"], first["nib"], first["regency"], first["verified"]) == (
        company.name, company.nib, "32.73", True)
    assert first["verified_at"] is not None


@pytest.mark.parametrize(("value", "expected"), [("false", ["new_b", "new_a"]), ("true", ["verified"])])
def test_list_filters_by_verification(officer, companies, value, expected):
    response = client_for(officer).get(LIST_URL, {"verified": value})

    assert response.status_code == 200
    assert [c["id"] for c in response.json()["results"]] == [companies[k].id for k in expected]
    assert all(c["verified"] is (value == "true") for c in response.json()["results"])


def test_list_with_bad_filter_is_400(officer):
    details = assert_error(client_for(officer).get(LIST_URL, {"verified": "perhaps"}), 400, "invalid")

    assert "verified" in details


def test_list_pages_with_a_cursor(officer, companies):
    client = client_for(officer)

    first = client.get(LIST_URL, {"limit": 2}).json()
    second = client.get(LIST_URL, {"limit": 2, "cursor": first["next"]}).json()

    assert [c["id"] for c in first["results"]] == [companies["verified"].id, companies["new_b"].id]
    assert first["next"]
    assert [c["id"] for c in second["results"]] == [companies["new_a"].id]
    assert second["next"] is None


def test_list_of_province_officer_excludes_regency_companies(companies):
    provincial = OfficerFactory(office=Office.objects.get(code="32"))

    response = client_for(provincial).get(LIST_URL)

    assert response.status_code == 200
    assert response.json() == {"results": [], "next": None}


@pytest.mark.parametrize("who", ["worker", "company_user", "mediator"])
def test_list_by_non_officer_is_403(request, who, companies):
    user = request.getfixturevalue(who)

    assert_error(client_for(user).get(LIST_URL), 403, "forbidden")


def test_list_unauthenticated_is_401(api):
    assert_error(api.get(LIST_URL), 401, "not_authenticated")


# --- verify ----------------------------------------------------------------------------------------------


def test_verify_by_officer_of_the_office(officer):
    company = CompanyFactory(verified_at=None)
    before = timezone.now()

    response = client_for(officer).post(verify_url(company))

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["id"], body["verified"], body["regency"]) == (company.id, True, "32.73")
    company.refresh_from_db()
    assert company.verified_at >= before
    assert company.verified_by_id == officer.id
    lookup = client_for(officer).get(LOOKUP_URL, {"nib": company.nib})
    assert lookup.status_code == 200


def test_verify_twice_keeps_the_first_verification(officer):
    company = CompanyFactory(verified_at=None)
    client = client_for(officer)
    first = client.post(verify_url(company)).json()
    colleague = OfficerFactory()

    again = client_for(colleague).post(verify_url(company))

    assert again.status_code == 200
    assert again.json()["verified_at"] == first["verified_at"]
    company.refresh_from_db()
    assert company.verified_by_id == officer.id


def test_verify_by_officer_of_another_office_is_404():
    company = CompanyFactory(verified_at=None)
    stranger = OfficerFactory(office=office("32.01"))

    assert_error(client_for(stranger).post(verify_url(company)), 404, "not_found")
    company.refresh_from_db()
    assert company.verified_at is None


def test_verify_of_missing_company_is_404(officer):
    assert_error(client_for(officer).post("/api/v1/companies/999999/verify/"), 404, "not_found")


@pytest.mark.parametrize("who", ["worker", "company_user", "mediator"])
def test_verify_by_non_officer_is_403(request, who):
    company = CompanyFactory(verified_at=None)
    user = request.getfixturevalue(who)

    assert_error(client_for(user).post(verify_url(company)), 403, "forbidden")
    company.refresh_from_db()
    assert company.verified_at is None


def test_company_user_cannot_verify_own_company():
    user = CompanyUserFactory(company=CompanyFactory(verified_at=None))

    assert_error(client_for(user).post(verify_url(user.company)), 403, "forbidden")
    user.company.refresh_from_db()
    assert user.company.verified_at is None


def test_verify_unauthenticated_is_401(api):
    company = CompanyFactory(verified_at=None)

    assert_error(api.post(verify_url(company)), 401, "not_authenticated")
