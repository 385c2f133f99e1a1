"""GET /api/v1/disputes/ costs the same number of queries for 1 dispute as for 10, in whatever states they are:
who acts next, what the caller may do (the transitions' conditions and once-rules), rooms, deadlines, members'
surat kuasa and representatives are read from rows prefetched for the whole page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import client_for
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db

ROLES = ("worker", "company_user", "officer", "mediator")
# The states whose transitions read more than the dispute row: meetings (fail_bipartite), held sessions and
# summonses (issue_recommendation, strike_off), answers (respond_recommendation), signatures (sign_agreement).
MORE_STATES = ["bipartite", "mediation", "agreement_drafting", "registration_submitted", "adr_offered",
               "draft", "bipartite_failed", "court_referral", "recommendation_issued"]
CEILING = 14  # queries of one page, whatever its length (auth, the page and its prefetches)


def list_queries(cast: Cast) -> dict[str, tuple[int, int]]:
    """Per role: (queries of one GET /api/v1/disputes/, disputes listed)."""
    out = {}
    for role in ROLES:
        client = client_for(getattr(cast, role))
        client.get("/api/v1/disputes/")  # warm up what is cached per process (the calendar, translations)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v1/disputes/")
        assert response.status_code == 200, response.content
        out[role] = (len(queries), len(response.json()["results"]))
    return out


def test_list_costs_the_same_for_1_and_10_disputes(django_assert_max_num_queries):
    cast = Cast()
    # The one dispute has a row of every prefetched relation (a prefetch over no rows is not asked): a held
    # session with its summonses, a recommendation both parties accepted, the agreement it led to, one signature.
    first = Flow(cast).to("recommendation_issued")
    first.do("petitioner", "respond_recommendation", accept=True)
    first.do("respondent", "respond_recommendation", accept=True)
    first.do("petitioner", "sign_agreement")
    one = list_queries(cast)
    assert one["worker"][1] == 1

    flows = [Flow(cast).to(state) for state in MORE_STATES]
    flows[0].record_meeting()  # bipartite with signed minutes: fail_bipartite is open (its condition is read)
    flows[1].hold_session()  # mediation with a session held: issue_recommendation's condition
    flows[2].do("petitioner", "sign_agreement")  # one signature of two: the once-rule reads signatures
    flows[8].do("petitioner", "respond_recommendation", accept=True)  # one answer of two
    ten = list_queries(cast)
    assert ten["worker"][1] == 10

    for role in ROLES:
        count = one[role][0]
        assert count <= CEILING, (role, count)
        client = client_for(getattr(cast, role))
        with django_assert_max_num_queries(count):
            response = client.get("/api/v1/disputes/")
        assert response.status_code == 200
        assert ten[role][0] <= count, (role, one[role], ten[role])
