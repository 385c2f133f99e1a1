"""Two concurrent transitions on one dispute: exactly one wins, the other gets 409, nothing half-written.

Each attempt runs in its own thread with its own database connection. The first one to take the
dispute holds its transaction open for a moment (a slowed audit write), so the second really
arrives while the first is in flight."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from disputes import services
from disputes.models import Dispute, DisputeEvent
from sikhi.api import TransitionNotAllowed
from tests.workflow import Cast, Flow


def _race(calls, *, hold_first: float = 0.4):
    """Run `calls` (user, name, data) at once; return each one's outcome ("ok" or the exception)."""
    original = services.event_record
    first = threading.Lock()
    outcomes: list = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def slow_event_record(**kwargs):
        if first.acquire(blocking=False):
            time.sleep(hold_first)  # keep the winner's transaction (and its lock) open
        return original(**kwargs)

    def run(i, dispute_id, user, name, data):
        try:
            start.wait()
            services.dispute_transition(dispute=Dispute.objects.get(pk=dispute_id), by=user, name=name, data=data)
            outcomes[i] = "ok"
        except Exception as exc:
            outcomes[i] = exc
        finally:
            connection.close()

    services.event_record = slow_event_record
    try:
        threads = [threading.Thread(target=run, args=(i, *call)) for i, call in enumerate(calls)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        services.event_record = original
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_accept_and_decline_at_once_one_wins_other_gets_409():
    flow = Flow(Cast()).to("bipartite_invited")
    company = flow.cast.company_user
    outcomes = _race([(flow.id, company, "accept_bipartite", {}),
                      (flow.id, company, "decline_bipartite", {"reason": "Tidak bersedia"})])
    assert outcomes.count("ok") == 1, outcomes
    loser = next(o for o in outcomes if o != "ok")
    assert isinstance(loser, TransitionNotAllowed), loser
    assert loser.status_code == 409
    dispute = Dispute.objects.get(pk=flow.id)
    assert loser.details["state"] == dispute.state
    assert dispute.state in ("bipartite", "bipartite_failed")
    names = list(DisputeEvent.objects.filter(dispute=dispute).values_list("name", flat=True))
    assert names.count("accept_bipartite") + names.count("decline_bipartite") == 1
    # Nothing of the loser was written: the bipartite clock exists only if accept won.
    assert dispute.deadlines.filter(key="bipartite").exists() == (dispute.state == "bipartite")
    assert dispute.rooms.exists() == (dispute.state == "bipartite")


@pytest.mark.django_db(transaction=True)
def test_the_same_transition_twice_at_once_is_made_once():
    flow = Flow(Cast()).to("registration_submitted")
    officer = flow.cast.officer
    outcomes = _race([(flow.id, officer, "accept_registration", {}),
                      (flow.id, officer, "accept_registration", {})])
    assert outcomes.count("ok") == 1, outcomes
    dispute = Dispute.objects.get(pk=flow.id)
    assert dispute.state == "adr_offered"
    assert DisputeEvent.objects.filter(dispute=dispute, name="accept_registration").count() == 1
    assert dispute.deadlines.filter(key="route_choice").count() == 1
    assert dispute.registration_number.endswith("/00001")


@pytest.mark.django_db(transaction=True)
def test_both_parties_choosing_conciliation_at_once_refer_the_case():
    """A self-transition race: each choice alone leaves adr_offered; together they must refer the case."""
    flow = Flow(Cast(), type="kepentingan").to("adr_offered")
    outcomes = _race([(flow.id, flow.cast.worker, "choose_route", {"route": "conciliation"}),
                      (flow.id, flow.cast.company_user, "choose_route", {"route": "conciliation"})])
    assert outcomes == ["ok", "ok"], outcomes
    dispute = Dispute.objects.get(pk=flow.id)
    assert dispute.state == "referred_conciliation"
    assert (dispute.route_petitioner, dispute.route_respondent) == ("conciliation", "conciliation")


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_distinct_numbers_without_gaps():
    cast = Cast()
    flows = [Flow(cast) for _ in range(6)]
    outcomes = _race([(f.id, cast.worker, "submit", {}) for f in flows], hold_first=0.2)
    assert outcomes == ["ok"] * 6, outcomes
    numbers = sorted(Dispute.objects.values_list("number", flat=True))
    year = Dispute.objects.first().submitted_at.year
    assert numbers == [f"32.73/PHI/{year}/{n:05d}" for n in range(1, 7)]
