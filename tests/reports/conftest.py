"""A small office, built through the real API (tests/workflow.py), whose figures the tests know by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from disputes.models import Deadline, Dispute
from disputes.services import deadlines_process
from tests.workflow import Cast, Flow

JAKARTA = ZoneInfo("Asia/Jakarta")
YEAR = 2026


def wib(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=JAKARTA)


def set_dates(flow: Flow, *, submitted: dt.datetime, closed: dt.datetime | None = None) -> None:
    """Move a dispute's filing (and closing) day: only timestamps, never the state, so that the figures
    that depend on dates have known values."""
    fields = {"submitted_at": submitted}
    if closed is not None:
        fields["closed_at"] = closed
    Dispute.objects.filter(pk=flow.id).update(**fields)


def deemed_rejection(flow: Flow) -> Flow:
    """recommendation_issued, then both answer deadlines pass: the sweep records rejection by silence."""
    flow.to("recommendation_issued")
    Deadline.objects.filter(dispute_id=flow.id, key="recommendation_answer").update(
        due_at=timezone.now() - dt.timedelta(hours=1))
    deadlines_process(now=timezone.now())
    assert flow.state == "court_referral"
    return flow


@dataclass
class Office:
    cast: Cast
    flows: dict[str, Flow] = field(default_factory=dict)


@pytest.fixture
def office_set(db) -> Office:
    """Office 32.73 in 2026, plus one dispute of office 32.04 and two that staff cannot see:

    | name      | type        | state                  | filed (WIB) | closed     | working days |
    |-----------|-------------|------------------------|-------------|------------|--------------|
    | settled   | phk         | settled (bipartite)    | 2026-03-16  | 2026-04-07 | 10           |
    | court     | phk         | court_referral         | 2026-03-02  | 2026-03-09 | 5            |
    | struck    | hak         | struck_off             | 2026-06-01  | 2026-06-30 | (calendar)   |
    | mediation | kepentingan | mediation (mediator)   | 2026-07-01  |            |              |
    | invited   | phk         | bipartite_invited      | 2026-08-03  |            |              |
    | submitted | phk         | registration_submitted | 2026-09-01  | (check deadline overdue)   |
    | foreign   | phk         | bipartite_invited, office 32.04, 2026-05-05                |
    | draft, withdrawn_draft: never submitted, invisible to staff                          |
    """
    cast = Cast()
    o = Office(cast=cast)
    f = o.flows
    f["settled"] = Flow(cast, type="phk").to("settled")
    set_dates(f["settled"], submitted=wib(2026, 3, 16), closed=wib(2026, 4, 7, 15))
    f["court"] = Flow(cast, type="phk").to("court_referral")
    set_dates(f["court"], submitted=wib(2026, 3, 2), closed=wib(2026, 3, 9, 16))
    f["struck"] = Flow(cast, type="hak").to("struck_off")
    set_dates(f["struck"], submitted=wib(2026, 6, 1), closed=wib(2026, 6, 30))
    f["mediation"] = Flow(cast, type="kepentingan").to("mediation")
    set_dates(f["mediation"], submitted=wib(2026, 7, 1))
    f["invited"] = Flow(cast, type="phk").to("bipartite_invited")
    set_dates(f["invited"], submitted=wib(2026, 8, 3))
    f["submitted"] = Flow(cast, type="phk").to("registration_submitted")
    set_dates(f["submitted"], submitted=wib(2026, 9, 1))
    Deadline.objects.filter(dispute_id=f["submitted"].id, key="registration_check").update(
        due_at=timezone.now() - dt.timedelta(days=1))
    deadlines_process(now=timezone.now())  # marks it overdue
    f["foreign"] = Flow(cast, type="phk", workplace_regency="32.04").to("bipartite_invited")
    set_dates(f["foreign"], submitted=wib(2026, 5, 5))
    f["draft"] = Flow(cast, type="phk")
    f["withdrawn_draft"] = Flow(cast, type="phk").to("withdrawn")
    return o
