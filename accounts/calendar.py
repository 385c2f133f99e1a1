"""The working-day calendar (hari kerja): Monday to Friday in Asia/Jakarta, minus national holidays
and cuti bersama from `holidays` (country ID, public + government), with admin overrides on top."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

JAKARTA = ZoneInfo("Asia/Jakarta")


@dataclass(frozen=True)
class Holiday:
    date: dt.date
    name: str
    kind: str  # national, cuti_bersama, override


@lru_cache(maxsize=128)
def _package_holidays(year: int, language: str = "id") -> tuple[Holiday, ...]:
    lang = "en_US" if language.startswith("en") else "id"
    public = holidays.country_holidays("ID", years=year, categories=("public",), language=lang)
    government = holidays.country_holidays("ID", years=year, categories=("government",), language=lang)
    rows = [Holiday(d, name, "national") for d, name in public.items()]
    rows += [Holiday(d, name, "cuti_bersama") for d, name in government.items() if d not in public]
    return tuple(sorted(rows, key=lambda h: h.date))


def _overrides(start: dt.date, end: dt.date) -> dict[dt.date, tuple[bool, str]]:
    from accounts.models import HolidayOverride

    return {
        o.date: (o.is_holiday, o.name)
        for o in HolidayOverride.objects.filter(date__gte=start, date__lte=end)
    }


def holidays_for_year(year: int, language: str = "id") -> list[Holiday]:
    """The holidays of `year` (national, cuti bersama, admin-added), without those an admin made working days."""
    overrides = _overrides(dt.date(year, 1, 1), dt.date(year, 12, 31))
    rows = {h.date: h for h in _package_holidays(year, language)}
    for day, (is_holiday, name) in overrides.items():
        if is_holiday:
            rows[day] = Holiday(day, name, "override")
        else:
            rows.pop(day, None)
    return sorted(rows.values(), key=lambda h: h.date)


class WorkingCalendar:
    """Answers working-day questions over a range, with one override query per instance."""

    def __init__(self) -> None:
        self._years: dict[int, tuple[set[dt.date], set[dt.date]]] = {}

    def _year(self, year: int) -> tuple[set[dt.date], set[dt.date]]:
        """(days off that are not weekends, weekend days an admin made working days) of `year`."""
        if year not in self._years:
            overrides = _overrides(dt.date(year, 1, 1), dt.date(year, 12, 31))
            off = {h.date for h in _package_holidays(year)}
            off |= {d for d, (is_holiday, _name) in overrides.items() if is_holiday}
            off -= {d for d, (is_holiday, _name) in overrides.items() if not is_holiday}
            worked = {d for d, (is_holiday, _name) in overrides.items() if not is_holiday}
            self._years[year] = (off, worked)
        return self._years[year]

    def is_working_day(self, day: dt.date) -> bool:
        off, worked = self._year(day.year)
        if day.weekday() >= 5:
            # A weekend stays a day off unless an admin made it a working day explicitly.
            return day in worked
        return day not in off

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date of working day `days`, day 1 being the first working day after `start`."""
        if days < 1:
            raise ValueError("days must be at least 1")
        day, counted = start, 0
        while counted < days:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days fall after `start` up to and including `end`."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date of working day `days` after `start` (day 1 = the first working day after it)."""
    return WorkingCalendar().add_working_days(start, days)


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar date of `moment` in Asia/Jakarta."""
    return moment.astimezone(JAKARTA).date()


def due_at(start: dt.datetime, days: int) -> dt.datetime:
    """A deadline of `days` working days from the event at `start`: 23:59:59 WIB of day N."""
    day = add_working_days(local_date(start), days)
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=JAKARTA)
