"""Official numbers without gaps: one counter row per key, incremented under the caller's transaction."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.utils import timezone

from accounts.models import NumberSequence


def next_number(key: str) -> int:
    """Increment and return counter `key`; the row stays locked until the caller's transaction ends,
    and a rollback gives the number back, so numbers have no gaps."""
    table = NumberSequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, last) VALUES (%s, 1) "  # noqa: S608 - table name is ours
            f"ON CONFLICT (key) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [key],
        )
        return int(cursor.fetchone()[0])


def office_letter_number(office_code: str, code: str, at: dt.datetime | None = None) -> str:
    """The next number of an office's letter series, e.g. 32.73/PLM/2026/00001: a gapless counter per office,
    kind of letter and year (the documents' numbers and a hand-over's default letter number share it)."""
    year = timezone.localtime(at).year
    return f"{office_code}/{code}/{year}/{next_number(f'document/{office_code}/{code}/{year}'):05d}"
