"""Official numbers without gaps: one counter row per key, incremented under the caller's transaction."""

from __future__ import annotations

from django.db import connection

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
