"""`manage.py run_worker [--interval SECONDS] [--once]`: the background process of a deployment.

It sweeps the statutory clocks (disputes.services.deadlines_process) every --interval seconds, and beside the sweep
runs the background jobs queued with django-tasks (e-mails, documents) when the database backend is configured: one
thread per queue (settings.TASK_QUEUES) takes them from the database as django-tasks-db's `db_worker` does
(--jobs-interval is its polling pause), so a hanging SMTP server never holds up the documents.
A failed sweep or job is logged and the loop goes on; SIGTERM or SIGINT ends it after the current sweep and job.
"""

from __future__ import annotations

import logging
import signal
import threading
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

from disputes.management.commands.process_deadlines import format_counts
from disputes.services import deadlines_process
from disputes.worker_jobs import JobsThread

logger = logging.getLogger("disputes.worker")


def close_stale_connections() -> None:
    """What Django does around each request: drop connections that are broken or past CONN_MAX_AGE,
    so that the next sweep reconnects after a database restart. A connection inside a caller's
    transaction (a test, say) is left alone."""
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close_if_unusable_or_obsolete()


def sweep() -> dict[str, int]:
    """One deadline sweep, at the current time."""
    close_stale_connections()
    try:
        return deadlines_process(now=timezone.now())
    finally:
        close_stale_connections()


class Command(BaseCommand):
    help = "Run the deadline sweep every --interval seconds until SIGTERM/SIGINT (or once with --once)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0,
                            help="Seconds from the start of one sweep to the start of the next (default 60).")
        parser.add_argument("--once", action="store_true", help="Run a single sweep and exit.")
        parser.add_argument("--jobs-interval", type=float, default=0.5,
                            help="Seconds between polls for background jobs when none is waiting (default 0.5).")

    def handle(self, *args, **options):
        interval = options["interval"]
        if interval <= 0:
            raise CommandError("--interval must be positive.")

        if options["once"]:
            try:
                counts = sweep()
            except Exception as exc:
                logger.exception("deadline sweep failed")
                raise CommandError(f"deadline sweep failed: {exc}") from exc
            logger.info("deadline sweep: %s", format_counts(counts))
            self.stdout.write(format_counts(counts))
            return

        stop = threading.Event()
        previous = {}

        def request_stop(signum, frame):
            logger.info("worker: %s received, stopping", signal.Signals(signum).name)
            stop.set()

        for signum in (signal.SIGTERM, signal.SIGINT):
            previous[signum] = signal.signal(signum, request_stop)

        jobs = JobsThread.start_per_queue(interval=options["jobs_interval"])
        logger.info("worker: started, deadline sweep every %s s%s", interval,
                    f", background jobs of {len(jobs)} queue(s)" if jobs else "")
        try:
            while not stop.is_set():
                started = time.monotonic()
                try:
                    counts = sweep()
                except Exception:
                    logger.exception("deadline sweep failed; retrying in %s s", interval)
                else:
                    logger.info("deadline sweep: %s", format_counts(counts))
                stop.wait(max(0.0, interval - (time.monotonic() - started)))
        finally:
            for thread in jobs:
                thread.worker.running = False  # all of them at once: each finishes its current job
            for thread in jobs:
                thread.stop()
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        logger.info("worker: stopped")
