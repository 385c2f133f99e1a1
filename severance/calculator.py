"""Statutory minimum severance under PP 35/2021 (Art. 40 and 41-57): pure functions, no Django.

Money is an integer number of rupiah. Every amount is computed in Decimal and rounded to whole rupiah half
up once, at the end; nothing here uses float.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PP35 = "PP 35/2021"
DAILY_WAGE_BASIS = "PP 36/2021 Pasal 17"

# Working days per week -> the divisor of the monthly wage for one day's wage (PP 36/2021 Art. 17).
DAILY_WAGE_DIVISORS = {5: 21, 6: 25}


@dataclass(frozen=True)
class Reason:
    """A PHK reason of PP 35/2021: its article, the UP and UPMK multipliers, and whether uang pisah is due."""

    key: str
    article: int
    paragraph: int | None
    up_multiplier: Decimal
    upmk_multiplier: Decimal
    separation_pay: bool = False

    @property
    def citation(self) -> str:
        if self.paragraph is None:
            return f"{PP35} Pasal {self.article}"
        return f"{PP35} Pasal {self.article} ayat ({self.paragraph})"


def _reason(key: str, up: str, upmk: str, *, separation_pay: bool = False) -> Reason:
    article, _, paragraph = key.removeprefix("art").partition("_")
    return Reason(key, int(article), int(paragraph) if paragraph else None, Decimal(up), Decimal(upmk),
                  separation_pay)


# UPH (Art. 40(4)) is due for every reason; uang pisah only where the article says so, in an amount the
# PK, PP or PKB sets.
REASONS: dict[str, Reason] = {
    r.key: r
    for r in (
        _reason("art41", "1", "1"),        # merger, consolidation, split
        _reason("art42_1", "1", "1"),      # takeover
        _reason("art42_2", "0.5", "1"),    # takeover changing working conditions, worker will not continue
        _reason("art43_1", "0.5", "1"),    # efficiency because of losses
        _reason("art43_2", "1", "1"),      # efficiency to prevent losses
        _reason("art44_1", "0.5", "1"),    # closure after 2 years of losses
        _reason("art44_2", "1", "1"),      # closure not caused by losses
        _reason("art45_1", "0.5", "1"),    # closure by force majeure
        _reason("art45_2", "0.75", "1"),   # force majeure without closure
        _reason("art46_1", "0.5", "1"),    # PKPU caused by losses
        _reason("art46_2", "1", "1"),      # PKPU not caused by losses
        _reason("art47", "0.5", "1"),      # bankruptcy
        _reason("art48", "1", "1"),        # worker's request because of employer misconduct (Art. 36(g))
        _reason("art49", "0", "0", separation_pay=True),    # PPHI finds no such misconduct
        _reason("art50", "0", "0", separation_pay=True),    # resignation
        _reason("art51", "0", "0", separation_pay=True),    # absence of 5 working days after 2 summonses
        _reason("art52_1", "0.5", "1"),                      # breach after SP1-SP3
        _reason("art52_2", "0", "0", separation_pay=True),  # urgent breach
        _reason("art54_1", "0", "0", separation_pay=True),  # detention, loss to the company
        _reason("art54_2", "0", "1"),      # detention, no loss to the company
        _reason("art55", "2", "1"),        # long illness or work-accident disability
        _reason("art56", "1.75", "1"),     # retirement
        _reason("art57", "2", "1"),        # death (paid to the heirs)
    )
}

# (minimum completed years, months of wage): the last row whose minimum is reached applies.
UP_TABLE = ((0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9))  # Art. 40(2)
UPMK_TABLE = ((0, 0), (3, 2), (6, 3), (9, 4), (12, 5), (15, 6), (18, 7), (21, 8), (24, 10))  # Art. 40(3)


@dataclass(frozen=True)
class Component:
    """UP or UPMK: multiplier x base months x monthly wage."""

    base_months: int
    multiplier: Decimal
    amount: int


@dataclass(frozen=True)
class LeavePay:
    """The unused-leave part of UPH: leave days x daily wage."""

    leave_days: int
    daily_wage: int
    amount: int


@dataclass(frozen=True)
class Severance:
    """The statutory minimum for one PHK: service length, UP, UPMK, UPH, total and legal basis."""

    reason: Reason
    years_of_service: int
    months_of_service: int
    up: Component
    upmk: Component
    uph: LeavePay
    total: int
    basis: list[str]


def round_rupiah(amount: Decimal) -> int:
    """To whole rupiah, half up (half away from zero; amounts are never negative here)."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def add_months(start: dt.date, months: int) -> dt.date:
    """The date `months` calendar months after `start`; a day the target month lacks becomes its last day."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def service_length(start: dt.date, end: dt.date) -> tuple[int, int]:
    """Completed (years, months beyond the years) from `start` to `end`.

    A month is completed on its monthly anniversary of the start date: 2020-01-15 -> 2023-01-14 is 2 years
    11 months, -> 2023-01-15 is 3 years. When the start day does not exist in a month (the 29th-31st), the
    anniversary is that month's last day: 2020-01-31 -> 2020-02-29 is one month, and a 29 February start
    completes its years on 28 February.
    """
    if end < start:
        raise ValueError("end before start")
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if add_months(start, months) > end:
        months -= 1
    return divmod(months, 12)


def _from_table(table: tuple[tuple[int, int], ...], years: int) -> int:
    if years < 0:
        raise ValueError("negative service length")
    return [months for minimum, months in table if years >= minimum][-1]


def up_base_months(years: int) -> int:
    """Months of wage of UP for `years` completed years (Art. 40(2))."""
    return _from_table(UP_TABLE, years)


def upmk_base_months(years: int) -> int:
    """Months of wage of UPMK for `years` completed years (Art. 40(3))."""
    return _from_table(UPMK_TABLE, years)


def daily_wage(monthly_wage: int, days_per_week: int) -> int:
    """One day's wage: monthly ÷ 21 (5-day week) or ÷ 25 (6-day week), in whole rupiah (PP 36/2021 Art. 17)."""
    if days_per_week not in DAILY_WAGE_DIVISORS:
        raise ValueError("days_per_week must be 5 or 6")
    return round_rupiah(Decimal(monthly_wage) / DAILY_WAGE_DIVISORS[days_per_week])


def _component(multiplier: Decimal, base_months: int, monthly_wage: int) -> Component:
    return Component(base_months, multiplier, round_rupiah(multiplier * base_months * Decimal(monthly_wage)))


def calculate(
    *,
    reason: str,
    start_date: dt.date,
    end_date: dt.date,
    monthly_wage: int,
    unused_leave_days: int = 0,
    days_per_week: int = 5,
) -> Severance:
    """The statutory minimum UP, UPMK and UPH (unused leave only) for a PHK on `reason`.

    `monthly_wage` is basic wage plus fixed allowances. The UPH amount is leave days times the daily wage as
    rounded to whole rupiah, so that it can be checked from the two numbers shown.
    """
    rule = REASONS[reason]
    if monthly_wage <= 0 or unused_leave_days < 0:
        raise ValueError("wage must be positive and leave days not negative")
    years, months = service_length(start_date, end_date)
    up = _component(rule.up_multiplier, up_base_months(years), monthly_wage)
    upmk = _component(rule.upmk_multiplier, upmk_base_months(years), monthly_wage)
    day = daily_wage(monthly_wage, days_per_week)
    uph = LeavePay(unused_leave_days, day, unused_leave_days * day)

    basis = [rule.citation]
    if rule.up_multiplier:
        basis.append(f"{PP35} Pasal 40 ayat (2)")
    if rule.upmk_multiplier:
        basis.append(f"{PP35} Pasal 40 ayat (3)")
    basis.append(f"{PP35} Pasal 40 ayat (4)")  # every article grants UPH
    if uph.amount > 0:
        basis.append(DAILY_WAGE_BASIS)
    return Severance(rule, years, months, up, upmk, uph, up.amount + upmk.amount + uph.amount, basis)
