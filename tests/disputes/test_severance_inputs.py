"""The wage and employment dates a worker may give for a termination dispute, through the API."""

from __future__ import annotations

import pytest

from tests.helpers import assert_error
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db


def test_the_petitioner_sets_wage_and_dates_on_the_draft_and_reads_them_back():
    flow = Flow(Cast())
    client = flow.clients["petitioner"]
    response = client.patch(
        flow.url,
        {"monthly_wage": 5_500_000, "employment_start": "2018-03-01", "employment_end": "2026-10-31"},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = client.get(flow.url).json()
    assert (body["monthly_wage"], body["employment_start"], body["employment_end"]) == (
        5_500_000,
        "2018-03-01",
        "2026-10-31",
    )


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"monthly_wage": -1}, "monthly_wage"),
        ({"monthly_wage": "lima juta"}, "monthly_wage"),
        ({"employment_start": "2026-13-01"}, "employment_start"),
        ({"employment_start": "2026-03-01", "employment_end": "2025-03-01"}, "employment_end"),
    ],
)
def test_bad_wage_or_dates_are_400_with_the_field(payload, field):
    flow = Flow(Cast())
    response = flow.clients["petitioner"].patch(flow.url, payload, format="json")
    assert field in assert_error(response, 400, "invalid")


def test_nobody_else_can_set_them():
    flow = Flow(Cast())
    response = flow.clients["other_worker"].patch(flow.url, {"monthly_wage": 1}, format="json")
    assert response.status_code == 404
