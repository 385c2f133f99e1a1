"""/beranda/ costs the same number of queries whatever the number of disputes on it: who acts next on a
dispute awaiting answers to a recommendation or signatures of an agreement is read from prefetched rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db

ROLES = ("worker", "company_user", "officer", "mediator")


def home_queries(cast: Cast) -> dict[str, tuple[int, str]]:
    """Per role: (queries of one GET /beranda/, the page)."""
    out = {}
    for role in ROLES:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(getattr(cast, role))
        client.get("/beranda/")  # warm up what is cached per process (sessions, calendar, translations)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/beranda/")
        assert response.status_code == 200
        out[role] = (len(queries), response.content.decode())
    return out


def add_disputes(cast: Cast, n: int) -> list[int]:
    """n disputes awaiting answers to a recommendation and n awaiting signatures, partly answered/signed."""
    ids = []
    for i in range(n):
        recommendation = Flow(cast).to("recommendation_issued")
        agreement = Flow(cast).to("agreement_drafting")
        if i % 2:
            recommendation.do("petitioner", "respond_recommendation", accept=True)
            agreement.do("respondent", "sign_agreement")
        ids += [recommendation.id, agreement.id]
    return ids


def card(html: str, dispute_id: int) -> str:
    start = html.index(f'data-dispute="{dispute_id}"')
    return html[start:html.index("</li>", start)]


def test_home_query_count_is_the_same_for_2_and_8_disputes_awaiting_answers_or_signatures():
    cast = Cast()
    first = add_disputes(cast, 1)
    few = home_queries(cast)
    more = add_disputes(cast, 3)
    many = home_queries(cast)
    for role in ROLES:
        assert many[role][0] == few[role][0], (role, few[role][0], many[role][0])
    # The cards still say who acts next: both parties, or the one who has not answered or signed.
    officer_page = many["officer"][1]
    assert all(f'data-dispute="{pk}"' in officer_page for pk in first + more)
    recommendation, agreement, answered, signed = first[0], first[1], more[2], more[3]
    assert "Next to act: the worker, the company." in card(officer_page, recommendation)
    assert "Next to act: the worker, the company." in card(officer_page, agreement)
    assert "Next to act: the company." in card(officer_page, answered)
    assert "Next to act: the worker." in card(officer_page, signed)
