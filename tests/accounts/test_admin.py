"""The admin: every accounts model has working pages, and companies are verified by an action."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Company, HolidayOverride, Office
from tests.factories import CompanyFactory, CompanyUserFactory, OfficerFactory, UserFactory, office

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return UserFactory(role="", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client_(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("model", ["user", "company", "office", "holidayoverride"])
def test_admin_changelist_and_add_pages_load(admin_client_, model):
    CompanyUserFactory()
    OfficerFactory()

    assert admin_client_.get(reverse(f"admin:accounts_{model}_changelist")).status_code == 200
    expected = 403 if model == "office" else 200
    assert admin_client_.get(reverse(f"admin:accounts_{model}_add")).status_code == expected


def test_admin_change_pages_load(admin_client_):
    user = CompanyUserFactory()
    HolidayOverride.objects.create(date="2026-06-09", is_holiday=True, name="Libur daerah")

    for url in (
        reverse("admin:accounts_user_change", args=[user.pk]),
        reverse("admin:accounts_company_change", args=[user.company_id]),
        reverse("admin:accounts_office_change", args=["32.73"]),
        reverse("admin:accounts_holidayoverride_change", args=[HolidayOverride.objects.get().pk]),
    ):
        assert admin_client_.get(url).status_code == 200, url


def test_admin_verify_action_verifies_through_the_service(admin_client_, admin_user):
    pending = CompanyFactory(verified_at=None)
    already = CompanyFactory()
    first_verified_at = already.verified_at

    response = admin_client_.post(
        reverse("admin:accounts_company_changelist"),
        {"action": "verify", "_selected_action": [pending.pk, already.pk]},
        follow=True,
    )

    assert response.status_code == 200
    pending.refresh_from_db()
    already.refresh_from_db()
    assert pending.verified_at is not None and pending.verified_by_id == admin_user.id
    assert already.verified_at == first_verified_at and already.verified_by_id is None
    assert "2" in str(next(iter(response.context["messages"])))


def test_admin_renames_an_office(admin_client_):
    response = admin_client_.post(reverse("admin:accounts_office_change", args=["32.73"]),
                                  {"name": "Disnaker Kota Bandung"})

    assert response.status_code == 302
    assert Office.objects.get(code="32.73").name == "Disnaker Kota Bandung"
    assert office("32.73").region_name  # unchanged, read-only


def test_admin_creates_an_officer(admin_client_):
    response = admin_client_.post(reverse("admin:accounts_user_add"), {
        "username": "petugas", "role": "officer", "name": "Petugas Satu", "email": "p@disnaker.test",
        "office": "32.73", "usable_password": "true",
        "password1": "Rahasia-Kuat-2026!", "password2": "Rahasia-Kuat-2026!",
    })

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Company.objects.count() == 0


def test_admin_refuses_a_staff_account_without_office(admin_client_):
    response = admin_client_.post(reverse("admin:accounts_user_add"), {
        "username": "petugas", "role": "mediator", "name": "Petugas Dua", "email": "p@disnaker.test",
        "usable_password": "true", "password1": "Rahasia-Kuat-2026!", "password2": "Rahasia-Kuat-2026!",
    })

    assert response.status_code == 200
    assert response.context["adminform"].form.errors


def test_admin_edits_the_office_letterhead(admin_client_):
    response = admin_client_.post(reverse("admin:accounts_office_change", args=["32.73"]), {
        "name": "Dinas Tenaga Kerja Kota Bandung", "address": "Jl. Martanegara No. 4, Bandung",
        "phone": "(022) 7308358", "email": "disnaker@bandung.go.id", "website": "disnaker.bandung.go.id"})

    assert response.status_code == 302
    saved = Office.objects.get(code="32.73")
    assert (saved.address, saved.phone, saved.email, saved.website) == (
        "Jl. Martanegara No. 4, Bandung", "(022) 7308358", "disnaker@bandung.go.id", "disnaker.bandung.go.id")


def test_admin_sets_a_mediators_nip_and_grade():
    from django.test import Client

    from tests.factories import MediatorFactory

    mediator = MediatorFactory()
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("admin:accounts_user_change", args=[mediator.pk])).content.decode()
    assert 'name="nip"' in page and 'name="grade"' in page and 'name="address"' in page
