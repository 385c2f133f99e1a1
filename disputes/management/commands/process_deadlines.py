"""`manage.py process_deadlines [--now ISO-8601]`: one sweep of the statutory clocks."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from disputes.services import deadlines_process


def parse_instant(value: str) -> dt.datetime:
    """An ISO-8601 date-time with a UTC offset (e.g. 2026-01-01T00:00:00+07:00 or ...Z)."""
    try:
        instant = dt.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--now must be an ISO-8601 date-time with an offset, not {value!r}.") from None
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise CommandError(f"--now needs a UTC offset (e.g. {value}+07:00).")
    return instant


def format_counts(counts: dict[str, int]) -> str:
    return " ".join(f"{key}={value}" for key, value in counts.items())


class Command(BaseCommand):
    help = (
        "Make the system transitions of passed deadlines and mark the others overdue, once. "
        "Prints the counts, e.g. 'expired=1 overdue=0 skipped=0'."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="The instant to sweep at, ISO-8601 with an offset (default: the current time).",
        )

    def handle(self, *args, **options):
        now = parse_instant(options["now"]) if options.get("now") else timezone.now()
        counts = deadlines_process(now=now)
        self.stdout.write(format_counts(counts))
