"""After court_referral the dispute page opens with how to file at the PHI court: which court, what to bring,
Pasal 83(1), and (for the parties) the court bundle link; before that state, and elsewhere, none of it."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db

COURT = "Pengadilan Hubungan Industrial pada Pengadilan Negeri Bandung"


def page(user, dispute_id: int, language: str = "id") -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    response = client.get(f"/perselisihan/{dispute_id}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def court():
    return Flow(Cast()).to("court_referral")


def test_parties_see_the_court_what_to_bring_and_the_bundle_near_the_top(court):
    for user in (court.cast.worker, court.cast.company_user):
        html = page(user, court.id)
        guide = html.index('id="court-guide"')
        assert guide < html.index('id="page-jump"')  # above everything else of the page
        assert COURT in html and "Pasal 83(1)" in html and "risalah penyelesaian" in html
        assert "dikembalikan" in html and "Perjanjian Bersama" in html and "anjuran" in html
        bundle = html.index(f'href="/api/v1/disputes/{court.id}/court-bundle/"')
        assert guide < bundle < html.index('id="page-jump"')
        assert html.count("/court-bundle/") == 1


def test_the_guide_is_in_english_for_english_readers(court):
    html = page(court.cast.worker, court.id, language="en")
    assert "a claim at the industrial relations court" in html and "is returned to the claimant" in html


def test_staff_see_the_guidance_but_no_bundle_link(court):
    for user in (court.cast.mediator, court.cast.officer):
        html = page(user, court.id)
        assert 'id="court-guide"' in html and COURT in html
        assert "/court-bundle/" not in html


@pytest.mark.parametrize("state", ["recommendation_issued", "settled"])
def test_no_court_guidance_before_or_outside_court_referral(state):
    flow = Flow(Cast()).to(state)
    html = page(flow.cast.worker, flow.id)
    assert 'id="court-guide"' not in html and "/court-bundle/" not in html


def test_an_outsider_gets_404_not_the_guidance(court):
    from tests.factories import WorkerFactory

    client = Client()
    client.force_login(WorkerFactory())
    assert client.get(f"/perselisihan/{court.id}/").status_code == 404
