"""The public working-day calendar: add-working-days and the holidays of a year."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.calendar import add_working_days
from accounts.models import HolidayOverride
from tests.helpers import assert_error

pytestmark = pytest.mark.django_db

ADD_URL = "/api/v1/calendar/add-working-days/"
HOLIDAYS_URL = "/api/v1/calendar/holidays/"



@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # The spec's example: 18-20, 23, 24 March and 3 April 2026 are off, 21-22 March a weekend.
        ("2026-03-16", 10, "2026-04-07"),
        # Lebaran 2025: 28 March cuti bersama, 29-30 weekend, 31 March-1 April Idul Fitri,
        # 2-7 April cuti bersama.
        ("2025-03-27", 1, "2025-04-08"),
        # Christmas 2025: 25 December national, 26 December cuti bersama.
        ("2025-12-24", 3, "2025-12-31"),
        # Across the year boundary: 31 Dec (1), 1 Jan holiday, 2 Jan (2), weekend, 5 Jan (3).
        ("2025-12-30", 3, "2026-01-05"),
        # Day 1 is the first working day after the start, even from a weekend.
        ("2026-06-06", 1, "2026-06-08"),
        ("2026-06-08", 1, "2026-06-09"),
    ],
)
def test_add_working_days(api, start, days, due):
    response = api.get(ADD_URL, {"start": start, "days": days})

    assert response.status_code == 200, response.content
    assert response.json() == {"start": start, "days": days, "due": due}


def test_add_working_days_needs_no_authentication_even_with_a_bad_session(api):
    api.cookies["sessionid"] = "garbage"

    response = api.get(ADD_URL, {"start": "2026-03-16", "days": "10"})

    assert response.status_code == 200
    assert response.json()["due"] == "2026-04-07"


def test_override_makes_a_working_day_a_holiday(api):
    # 2026-06-08 (Mon) + 1 is Tuesday 9 June; an admin declares that day off.
    HolidayOverride.objects.create(date=dt.date(2026, 6, 9), is_holiday=True, name="Libur daerah")

    response = api.get(ADD_URL, {"start": "2026-06-08", "days": 1})

    assert response.status_code == 200
    assert response.json()["due"] == "2026-06-10"


def test_override_makes_a_holiday_a_working_day(api):
    # 2025-03-27 + 1 is normally 8 April (Lebaran); an admin makes the cuti bersama of 28 March a working day.
    HolidayOverride.objects.create(date=dt.date(2025, 3, 28), is_holiday=False, name="Masuk kerja")

    response = api.get(ADD_URL, {"start": "2025-03-27", "days": 1})

    assert response.status_code == 200
    assert response.json()["due"] == "2025-03-28"
    assert add_working_days(dt.date(2025, 3, 27), 2) == dt.date(2025, 4, 8)


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ({"start": "2026-03-16"}, {"days"}),
        ({"days": 10}, {"start"}),
        ({}, {"start", "days"}),
        ({"start": "16-03-2026", "days": 10}, {"start"}),
        ({"start": "2026-02-30", "days": 10}, {"start"}),
        ({"start": "2026-03-16T00:00:00", "days": 10}, {"start"}),
        ({"start": "1999-12-31", "days": 10}, {"start"}),
        ({"start": "2026-03-16", "days": 0}, {"days"}),
        ({"start": "2026-03-16", "days": -3}, {"days"}),
        ({"start": "2026-03-16", "days": 367}, {"days"}),
        ({"start": "2026-03-16", "days": "ten"}, {"days"}),
        ({"start": "2026-03-16", "days": "1.5"}, {"days"}),
    ],
)
def test_add_working_days_with_bad_input_is_400(api, query, fields):
    details = assert_error(api.get(ADD_URL, query), 400, "invalid")

    assert set(details) == fields


def test_add_working_days_accepts_the_upper_bound(api):
    response = api.get(ADD_URL, {"start": "2026-01-01", "days": 366})

    assert response.status_code == 200
    assert response.json()["due"] == add_working_days(dt.date(2026, 1, 1), 366).isoformat()


def _by_date(response) -> dict[str, dict]:
    return {row["date"]: row for row in response.json()["results"]}


def test_holidays_lists_national_and_cuti_bersama(api):
    response = api.get(HOLIDAYS_URL, {"year": 2026})

    assert response.status_code == 200
    rows = _by_date(response)
    assert rows["2026-03-21"]["kind"] == "national"
    assert rows["2026-03-21"]["name"] == "Hari Raya Idul Fitri"
    assert rows["2026-03-23"]["kind"] == "cuti_bersama"
    assert rows["2026-03-23"]["name"].startswith("Cuti Bersama")
    dates = [row["date"] for row in response.json()["results"]]
    assert dates == sorted(dates)
    assert all(d.startswith("2026-") for d in dates)
    assert set(response.json()) == {"results"}


def test_holidays_follow_the_language(api):
    response = api.get(HOLIDAYS_URL, {"year": 2026}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert _by_date(response)["2026-03-21"]["name"] == "Eid al-Fitr"


def test_holidays_include_overrides_and_drop_holidays_made_working_days(api):
    HolidayOverride.objects.create(date=dt.date(2026, 6, 9), is_holiday=True, name="Libur daerah")
    HolidayOverride.objects.create(date=dt.date(2026, 3, 23), is_holiday=False, name="Masuk kerja")

    rows = _by_date(api.get(HOLIDAYS_URL, {"year": 2026}))

    assert rows["2026-06-09"] == {"date": "2026-06-09", "name": "Libur daerah", "kind": "override"}
    assert "2026-03-23" not in rows
    assert rows["2026-03-21"]["kind"] == "national"


@pytest.mark.parametrize("query", [{}, {"year": 1999}, {"year": 2101}, {"year": "dua ribu"}])
def test_holidays_with_bad_year_is_400(api, query):
    details = assert_error(api.get(HOLIDAYS_URL, query), 400, "invalid")

    assert set(details) == {"year"}
