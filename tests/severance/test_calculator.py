"""The severance rules of PP 35/2021 as pure functions, checked against the tables of shared/domain.md §3.1.

The expected values below are copied from the domain brief, not from the implementation.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from severance.calculator import (
    REASONS,
    add_months,
    calculate,
    daily_wage,
    round_rupiah,
    service_length,
    up_base_months,
    upmk_base_months,
)

D = dt.date

# domain.md §3.1 "Multipliers by reason": key -> (citation, m_UP, m_UPMK, uang pisah due).
DOMAIN_TABLE = {
    "art41": ("PP 35/2021 Pasal 41", "1", "1", False),
    "art42_1": ("PP 35/2021 Pasal 42 ayat (1)", "1", "1", False),
    "art42_2": ("PP 35/2021 Pasal 42 ayat (2)", "0.5", "1", False),
    "art43_1": ("PP 35/2021 Pasal 43 ayat (1)", "0.5", "1", False),
    "art43_2": ("PP 35/2021 Pasal 43 ayat (2)", "1", "1", False),
    "art44_1": ("PP 35/2021 Pasal 44 ayat (1)", "0.5", "1", False),
    "art44_2": ("PP 35/2021 Pasal 44 ayat (2)", "1", "1", False),
    "art45_1": ("PP 35/2021 Pasal 45 ayat (1)", "0.5", "1", False),
    "art45_2": ("PP 35/2021 Pasal 45 ayat (2)", "0.75", "1", False),
    "art46_1": ("PP 35/2021 Pasal 46 ayat (1)", "0.5", "1", False),
    "art46_2": ("PP 35/2021 Pasal 46 ayat (2)", "1", "1", False),
    "art47": ("PP 35/2021 Pasal 47", "0.5", "1", False),
    "art48": ("PP 35/2021 Pasal 48", "1", "1", False),
    "art49": ("PP 35/2021 Pasal 49", "0", "0", True),
    "art50": ("PP 35/2021 Pasal 50", "0", "0", True),
    "art51": ("PP 35/2021 Pasal 51", "0", "0", True),
    "art52_1": ("PP 35/2021 Pasal 52 ayat (1)", "0.5", "1", False),
    "art52_2": ("PP 35/2021 Pasal 52 ayat (2)", "0", "0", True),
    "art54_1": ("PP 35/2021 Pasal 54 ayat (1)", "0", "0", True),
    "art54_2": ("PP 35/2021 Pasal 54 ayat (2)", "0", "1", False),
    "art55": ("PP 35/2021 Pasal 55", "2", "1", False),
    "art56": ("PP 35/2021 Pasal 56", "1.75", "1", False),
    "art57": ("PP 35/2021 Pasal 57", "2", "1", False),
}

# domain.md §3.1, Art. 40(2): completed years -> UP base months (< 1 -> 1, ..., >= 8 -> 9).
UP_EXPECTED = {0: 1, 1: 2, 2: 3, 3: 4, 4: 5, 5: 6, 6: 7, 7: 8, 8: 9, 9: 9, 30: 9}
# Art. 40(3): completed years -> UPMK base months; 24 years and more give 10 (not 9).
UPMK_EXPECTED = {0: 0, 2: 0, 3: 2, 5: 2, 6: 3, 8: 3, 9: 4, 11: 4, 12: 5, 14: 5, 15: 6, 17: 6, 18: 7, 20: 7,
                 21: 8, 23: 8, 24: 10, 40: 10}


def test_the_reasons_are_exactly_the_spec_keys():
    assert set(REASONS) == set(DOMAIN_TABLE)


@pytest.mark.parametrize("key", sorted(DOMAIN_TABLE))
def test_each_reason_has_the_domain_multipliers(key):
    citation, m_up, m_upmk, separation_pay = DOMAIN_TABLE[key]
    rule = REASONS[key]
    assert rule.citation == citation
    assert rule.up_multiplier == Decimal(m_up)
    assert rule.upmk_multiplier == Decimal(m_upmk)
    assert rule.separation_pay is separation_pay


@pytest.mark.parametrize("key", sorted(DOMAIN_TABLE))
def test_each_reason_amounts_follow_the_multipliers(key):
    # 10 years 0 months: UP base 9, UPMK base 4; wage 4,000,000 keeps every product whole.
    _, m_up, m_upmk, _ = DOMAIN_TABLE[key]
    result = calculate(reason=key, start_date=D(2014, 6, 1), end_date=D(2024, 6, 1), monthly_wage=4_000_000)
    assert (result.years_of_service, result.months_of_service) == (10, 0)
    assert result.up.base_months == 9
    assert result.upmk.base_months == 4
    assert result.up.amount == int(Decimal(m_up) * 9 * 4_000_000)
    assert result.upmk.amount == int(Decimal(m_upmk) * 4 * 4_000_000)
    assert result.total == result.up.amount + result.upmk.amount


def test_death_and_illness_pay_twice_the_up_not_once():
    # The domain brief warns that a public guide listed them as 1x.
    for key in ("art55", "art57"):
        result = calculate(reason=key, start_date=D(2000, 1, 1), end_date=D(2030, 1, 1), monthly_wage=1_000_000)
        assert result.up.amount == 2 * 9 * 1_000_000
        assert result.upmk.amount == 10 * 1_000_000


# --- service length -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2020, 1, 15), D(2023, 1, 14), (2, 11)),   # the day before the anniversary
        (D(2020, 1, 15), D(2023, 1, 15), (3, 0)),    # the anniversary completes the year
        (D(2020, 1, 15), D(2020, 1, 15), (0, 0)),
        (D(2020, 1, 15), D(2020, 2, 14), (0, 0)),
        (D(2020, 1, 15), D(2020, 2, 15), (0, 1)),
        (D(2020, 1, 15), D(2020, 12, 31), (0, 11)),
        (D(2020, 12, 15), D(2021, 1, 15), (0, 1)),   # across a year boundary
        # Month-end starts: a day the month lacks becomes its last day.
        (D(2020, 1, 31), D(2020, 2, 28), (0, 0)),
        (D(2020, 1, 31), D(2020, 2, 29), (0, 1)),    # leap February
        (D(2021, 1, 31), D(2021, 2, 28), (0, 1)),    # common February
        (D(2020, 1, 31), D(2020, 3, 30), (0, 1)),
        (D(2020, 1, 31), D(2020, 3, 31), (0, 2)),    # back to the 31st: not "drifted" to the 29th
        (D(2020, 1, 31), D(2020, 4, 29), (0, 2)),
        (D(2020, 1, 31), D(2020, 4, 30), (0, 3)),
        (D(2020, 3, 31), D(2020, 4, 30), (0, 1)),
        (D(2020, 1, 30), D(2020, 2, 29), (0, 1)),
        (D(2019, 1, 30), D(2019, 2, 28), (0, 1)),
        (D(2020, 8, 31), D(2021, 8, 30), (0, 11)),
        (D(2020, 8, 31), D(2021, 8, 31), (1, 0)),
        # A 29 February start completes its years on 28 February in common years.
        (D(2020, 2, 29), D(2021, 2, 27), (0, 11)),
        (D(2020, 2, 29), D(2021, 2, 28), (1, 0)),
        (D(2020, 2, 29), D(2024, 2, 28), (3, 11)),
        (D(2020, 2, 29), D(2024, 2, 29), (4, 0)),
        (D(2019, 2, 28), D(2020, 2, 28), (1, 0)),
        (D(1990, 7, 1), D(2025, 6, 30), (34, 11)),
    ],
)
def test_service_length_counts_completed_calendar_months(start, end, expected):
    assert service_length(start, end) == expected


def test_service_length_never_ends_before_it_starts():
    with pytest.raises(ValueError, match="end before start"):
        service_length(D(2020, 1, 2), D(2020, 1, 1))


def test_add_months_clamps_to_the_month_end():
    assert add_months(D(2020, 1, 31), 1) == D(2020, 2, 29)
    assert add_months(D(2020, 1, 31), 13) == D(2021, 2, 28)
    assert add_months(D(2020, 11, 30), 3) == D(2021, 2, 28)
    assert add_months(D(2020, 12, 15), 1) == D(2021, 1, 15)


# --- service-length tables ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("years", "months"), sorted(UP_EXPECTED.items()))
def test_up_base_table(years, months):
    assert up_base_months(years) == months


@pytest.mark.parametrize(("years", "months"), sorted(UPMK_EXPECTED.items()))
def test_upmk_base_table(years, months):
    assert upmk_base_months(years) == months


def _at(years: int, *, day_before: bool, reason: str = "art41"):
    """A result for a start of 2000-03-10 that ends on (or the day before) its `years`-th anniversary."""
    end = D(2000 + years, 3, 10) - dt.timedelta(days=1 if day_before else 0)
    return calculate(reason=reason, start_date=D(2000, 3, 10), end_date=end, monthly_wage=1_000_000)


@pytest.mark.parametrize("years", range(1, 9))
def test_up_base_changes_exactly_at_each_anniversary(years):
    just_under = _at(years, day_before=True)
    exactly = _at(years, day_before=False)
    assert (just_under.years_of_service, just_under.months_of_service) == (years - 1, 11)
    assert (exactly.years_of_service, exactly.months_of_service) == (years, 0)
    # Art. 40(2): under 1 year 1 month, then one month more per completed year up to 9.
    assert just_under.up.base_months == years
    assert exactly.up.base_months == years + 1
    assert exactly.up.amount == (years + 1) * 1_000_000


def test_up_base_stays_at_nine_after_eight_years():
    assert _at(9, day_before=False).up.base_months == 9
    assert _at(9, day_before=True).up.base_months == 9


@pytest.mark.parametrize(
    ("years", "under", "at"),
    [(3, 0, 2), (6, 2, 3), (9, 3, 4), (12, 4, 5), (15, 5, 6), (18, 6, 7), (21, 7, 8), (24, 8, 10)],
)
def test_upmk_base_changes_exactly_at_each_threshold(years, under, at):
    just_under = _at(years, day_before=True)
    exactly = _at(years, day_before=False)
    assert just_under.years_of_service == years - 1
    assert exactly.years_of_service == years
    assert just_under.upmk.base_months == under
    assert exactly.upmk.base_months == at
    assert exactly.upmk.amount == at * 1_000_000


# --- rounding, daily wage and UPH --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0.5", 1), ("1.5", 2), ("2.5", 3), ("2.4999", 2), ("2.5001", 3), ("100000.5", 100001), ("7", 7)],
)
def test_round_rupiah_is_half_up_not_half_even(value, expected):
    assert round_rupiah(Decimal(value)) == expected


@pytest.mark.parametrize(
    ("monthly", "days_per_week", "expected"),
    [
        (4_200_000, 5, 200_000),        # ÷ 21 exactly
        (5_000_000, 6, 200_000),        # ÷ 25 exactly
        (5_000_000, 5, 238_095),        # 238,095.238... rounds down
        (5_000_010, 5, 238_096),        # 238,095.714... rounds up (not truncated)
        (4_200_011, 5, 200_001),        # 200,000.5238... rounds up
        (4_200_010, 5, 200_000),        # 200,000.476... rounds down
        (5_000_013, 6, 200_001),        # 200,000.52 rounds up
        (5_000_012, 6, 200_000),        # 200,000.48 rounds down
    ],
)
def test_daily_wage_divides_by_21_or_25_and_rounds_half_up(monthly, days_per_week, expected):
    assert daily_wage(monthly, days_per_week) == expected


def test_daily_wage_needs_a_five_or_six_day_week():
    with pytest.raises(ValueError, match="5 or 6"):
        daily_wage(5_000_000, 7)


@pytest.mark.parametrize(("days_per_week", "day"), [(5, 238_096), (6, 200_000)])
def test_uph_is_leave_days_times_the_daily_wage(days_per_week, day):
    result = calculate(reason="art50", start_date=D(2020, 1, 1), end_date=D(2024, 1, 1),
                       monthly_wage=5_000_010 if days_per_week == 5 else 5_000_000, unused_leave_days=7,
                       days_per_week=days_per_week)
    assert result.uph.daily_wage == day
    assert result.uph.leave_days == 7
    assert result.uph.amount == 7 * day
    assert result.total == 7 * day  # art50: no UP, no UPMK
    assert result.basis[-1] == "PP 36/2021 Pasal 17"


@pytest.mark.parametrize(
    ("reason", "wage", "base", "expected"),
    [
        # Half multipliers on an odd wage leave exactly .5: half up, where half-even would go down.
        ("art43_1", 4_000_001, 1, 2_000_001),     # 0.5 x 1 x 4,000,001 = 2,000,000.5
        ("art47", 4_000_003, 1, 2_000_002),       # 2,000,001.5 -> 2,000,002 (same either way)
        ("art45_2", 4_000_006, 1, 3_000_005),     # 0.75 x 4,000,006 = 3,000,004.5
        ("art56", 2_000_002, 1, 3_500_004),       # 1.75 x 2,000,002 = 3,500,003.5
        ("art56", 1_000_001, 2, 3_500_004),       # 1.75 x 2 x 1,000,001 = 3,500,003.5
    ],
)
def test_up_rounds_exact_halves_up(reason, wage, base, expected):
    end = D(2020, 1, 1) if base == 1 else D(2021, 1, 1)
    result = calculate(reason=reason, start_date=D(2020, 1, 1), end_date=end, monthly_wage=wage)
    assert result.up.base_months == base
    assert result.up.amount == expected


def test_total_is_the_sum_of_the_rounded_parts():
    result = calculate(reason="art45_2", start_date=D(2011, 5, 20), end_date=D(2025, 2, 3),
                       monthly_wage=4_000_006, unused_leave_days=9, days_per_week=6)
    assert (result.years_of_service, result.months_of_service) == (13, 8)
    assert result.up.amount == 27_000_041        # 0.75 x 9 x 4,000,006 = 27,000,040.5
    assert result.upmk.amount == 20_000_030      # 1 x 5 x 4,000,006
    assert result.uph.daily_wage == 160_000      # 160,000.24
    assert result.uph.amount == 1_440_000
    assert result.total == 27_000_041 + 20_000_030 + 1_440_000


# --- basis ------------------------------------------------------------------------------------------------


def test_basis_lists_the_article_and_the_applicable_paragraphs_of_article_40():
    full = calculate(reason="art42_2", start_date=D(2020, 1, 1), end_date=D(2024, 1, 1), monthly_wage=1_000_000,
                     unused_leave_days=2)
    assert full.basis == ["PP 35/2021 Pasal 42 ayat (2)", "PP 35/2021 Pasal 40 ayat (2)",
                          "PP 35/2021 Pasal 40 ayat (3)", "PP 35/2021 Pasal 40 ayat (4)", "PP 36/2021 Pasal 17"]
    detained = calculate(reason="art54_2", start_date=D(2020, 1, 1), end_date=D(2024, 1, 1),
                         monthly_wage=1_000_000)
    assert detained.basis == ["PP 35/2021 Pasal 54 ayat (2)", "PP 35/2021 Pasal 40 ayat (3)",
                              "PP 35/2021 Pasal 40 ayat (4)"]
    resigned = calculate(reason="art50", start_date=D(2020, 1, 1), end_date=D(2024, 1, 1), monthly_wage=1_000_000)
    assert resigned.basis == ["PP 35/2021 Pasal 50", "PP 35/2021 Pasal 40 ayat (4)"]
