"""GET /api/v1/stats/: the figures of a hand-built office, who may see which office, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from accounts.calendar import WorkingCalendar
from reports.selectors import working_day_counter
from tests.conftest import client_for
from tests.factories import MediatorFactory
from tests.helpers import assert_error
from tests.workflow import Cast

pytestmark = pytest.mark.django_db
URL = "/api/v1/stats/"


def test_stats_of_the_office_match_the_hand_counted_figures(office_set):
    cast = office_set.cast
    response = client_for(cast.officer).get(URL, {"year": 2026})
    assert response.status_code == 200, response.content
    body = response.json()

    assert body["year"] == 2026
    assert body["office"]["code"] == "32.73"
    # Six disputes filed in 2026 at 32.73; the draft, the withdrawn draft and 32.04's dispute do not count.
    assert body["opened"] == 6
    assert "draft" not in body["by_status"]
    assert {k: v for k, v in body["by_status"].items() if v} == {
        "settled": 1, "court_referral": 1, "struck_off": 1, "mediation": 1, "bipartite_invited": 1,
        "registration_submitted": 1,
    }
    assert body["by_status"]["withdrawn"] == 0
    assert body["by_type"] == {"hak": 1, "kepentingan": 1, "phk": 4, "antar_serikat": 0}
    assert body["closed"] == 3
    assert body["settled"] == 1
    assert body["court_referral"] == 1
    assert body["outcomes"] == {"settled": 1, "court_referral": 1, "referred_conciliation": 0,
                                "referred_arbitration": 0, "struck_off": 1, "withdrawn": 0}
    # 16 Mar -> 7 Apr 2026 is 10 working days (workflow.md's example), 2 -> 9 Mar is 5, and
    # 1 -> 30 Jun is more than 10: the median is 10.
    june = WorkingCalendar().working_days_between(dt.date(2026, 6, 1), dt.date(2026, 6, 30))
    assert june > 10
    assert body["median_working_days_to_close"] == 10
    assert body["overdue_deadlines"] == 1
    assert body["mediator_load"] == [
        {"mediator": {"id": cast.mediator.id, "name": cast.mediator.name}, "open": 1},
        {"mediator": {"id": cast.other_mediator.id, "name": cast.other_mediator.name}, "open": 0},
    ]  # busiest first; not 32.04's mediator
    assert body["by_stage"] == {"bipartite": 1, "registration": 1, "mediation": 1, "agreement": 0, "closed": 3}
    assert body["by_type_and_stage"]["phk"] == {"bipartite": 1, "registration": 1, "mediation": 0,
                                                "agreement": 0, "closed": 2}
    months = {m["month"]: (m["opened"], m["closed"]) for m in body["by_month"] if m["opened"] or m["closed"]}
    assert months == {3: (2, 1), 4: (0, 1), 6: (1, 1), 7: (1, 0), 8: (1, 0), 9: (1, 0)}


def test_mediator_sees_the_same_figures_as_the_officer(office_set):
    cast = office_set.cast
    officer = client_for(cast.officer).get(URL, {"year": 2026}).json()
    mediator = client_for(cast.mediator).get(URL, {"year": 2026})
    assert mediator.status_code == 200
    assert mediator.json() == officer


def test_median_of_an_even_count_is_the_mean_of_the_middle_two(office_set):
    """With the June case gone from 2026 (closed in 2027), the median of 5 and 10 is 7.5."""
    from disputes.models import Dispute

    from .conftest import wib

    Dispute.objects.filter(pk=office_set.flows["struck"].id).update(closed_at=wib(2027, 1, 5))
    body = client_for(office_set.cast.officer).get(URL, {"year": 2026}).json()
    assert body["closed"] == 2
    assert body["median_working_days_to_close"] == 7.5
    assert client_for(office_set.cast.officer).get(URL, {"year": 2027}).json()["closed"] == 1


def test_another_year_has_none_of_these_disputes(office_set):
    body = client_for(office_set.cast.officer).get(URL, {"year": 2025}).json()
    assert body["opened"] == 0 and body["closed"] == 0
    assert body["median_working_days_to_close"] is None
    assert set(body["by_status"].values()) == {0}


def test_foreign_officer_sees_only_their_own_office(office_set):
    cast = office_set.cast
    client = client_for(cast.foreign_officer)
    body = client.get(URL, {"year": 2026}).json()
    assert body["office"]["code"] == "32.04"
    assert body["opened"] == 1 and body["by_status"]["bipartite_invited"] == 1
    assert [m["mediator"]["id"] for m in body["mediator_load"]] == [cast.foreign_mediator.id]
    assert_error(client.get(URL, {"year": 2026, "office": "32.73"}), 403, "forbidden")
    assert_error(client_for(cast.officer).get(URL, {"office": "32.04"}), 403, "forbidden")
    assert_error(client_for(cast.mediator).get(URL, {"office": "32"}), 403, "forbidden")
    # Naming one's own office is allowed.
    assert client.get(URL, {"year": 2026, "office": "32.04"}).json() == body


def test_admin_sees_any_office_and_all_at_once(office_set):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.test", "x", role="")
    client = client_for(admin)
    one = client.get(URL, {"year": 2026, "office": "32.04"}).json()
    assert one["office"]["code"] == "32.04" and one["opened"] == 1
    own = client.get(URL, {"year": 2026, "office": "32.73"}).json()
    assert own == client_for(office_set.cast.officer).get(URL, {"year": 2026}).json()
    everything = client.get(URL, {"year": 2026}).json()
    assert everything["office"] is None
    assert everything["opened"] == 7
    assert {m["mediator"]["id"] for m in everything["mediator_load"]} == {
        office_set.cast.mediator.id, office_set.cast.other_mediator.id, office_set.cast.foreign_mediator.id}


def test_parties_are_refused_and_anonymous_must_sign_in(db):
    cast = Cast()
    for user in (cast.worker, cast.company_user):
        assert_error(client_for(user).get(URL), 403, "forbidden")
        assert_error(client_for(user).get("/api/v1/register.csv"), 403, "forbidden")
        assert_error(client_for(user).get("/api/v1/register.xlsx"), 403, "forbidden")
    assert_error(client_for(None).get(URL), 401, "not_authenticated")
    assert_error(client_for(None).get("/api/v1/register.csv"), 401, "not_authenticated")
    inactive = MediatorFactory(is_active=False)
    assert client_for(inactive).get(URL).status_code in (401, 403)


@pytest.mark.parametrize("params, field", [
    ({"year": "abc"}, "year"), ({"year": "1999"}, "year"), ({"year": "20261"}, "year"), ({"year": "-1"}, "year"),
    ({"year": "\uff12\uff10\uff12\uff16"}, "year"), ({"office": "99.99"}, "office"), ({"office": "32.73'"}, "office"),
])
def test_bad_year_or_office_is_400(db, params, field):
    details = assert_error(client_for(Cast().officer).get(URL, params), 400, "invalid")
    assert field in details


def test_default_year_is_the_current_one(db):
    from django.utils import timezone

    body = client_for(Cast().officer).get(URL).json()
    assert body["year"] == timezone.localtime().year


def test_working_day_counter_agrees_with_the_calendar():
    calendar = WorkingCalendar()
    first, last = dt.date(2025, 12, 1), dt.date(2027, 1, 31)
    count = working_day_counter(first, last)
    day = first
    pairs = [(dt.date(2026, 3, 16), dt.date(2026, 4, 7)), (dt.date(2026, 3, 20), dt.date(2026, 3, 20)),
             (dt.date(2025, 12, 24), dt.date(2026, 1, 5)), (dt.date(2026, 12, 31), dt.date(2027, 1, 4))]
    while day < last:
        pairs.append((day, day + dt.timedelta(days=17)))
        day += dt.timedelta(days=11)
    for start, end in pairs:
        if end <= last:
            assert count(start, end) == calendar.working_days_between(start, end), (start, end)
    assert count(dt.date(2026, 3, 16), dt.date(2026, 4, 7)) == 10
