"""The reports answer with the same number of queries however many disputes the office has."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import client_for

from .conftest import Flow, deemed_rejection, set_dates, wib

pytestmark = pytest.mark.django_db


def count_queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = fn()
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_disputes(office_set):
    cast = office_set.cast
    api = client_for(cast.officer)
    page = Client()
    page.force_login(cast.officer)
    year = timezone.localtime().year
    requests = {
        "stats": lambda: api.get("/api/v1/stats/", {"year": 2026}),
        "csv": lambda: api.get("/api/v1/register.csv", {"year": year}),
        "xlsx": lambda: api.get("/api/v1/register.xlsx", {"year": year}),
        "page": lambda: page.get("/kantor/statistik/", {"year": 2026}),
    }
    before = {name: count_queries(fn) for name, fn in requests.items()}
    rows_before = api.get("/api/v1/stats/", {"year": 2026}).json()

    # Twice as many disputes, in more states, months and mediators.
    for state in ("settled", "court_referral", "struck_off", "mediation", "adr_offered", "bipartite"):
        Flow(cast, type="phk").to(state)
    deemed_rejection(Flow(cast, type="kepentingan"))
    withdrawn = Flow(cast, type="hak").to("bipartite")
    withdrawn.do("petitioner", "withdraw")
    set_dates(withdrawn, submitted=wib(2026, 2, 2), closed=wib(2026, 2, 20))

    after = {name: count_queries(fn) for name, fn in requests.items()}
    assert api.get("/api/v1/stats/", {"year": 2026}).json()["opened"] > rows_before["opened"]
    assert after == before
    print("queries per request:", before)
    # And they are few: the stats endpoint is the token lookup, the office, three grouped queries,
    # the calendar's overrides for the year, the overdue count and the mediators' load.
    assert before["stats"] <= 9, before
    assert before["csv"] <= 6 and before["xlsx"] <= 6, before
