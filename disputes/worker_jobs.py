"""The background jobs' side of the worker: django-tasks-db's worker loop in threads beside the deadline sweep, one
per queue of the backend (settings.TASK_QUEUES), so that slow work on one queue (an SMTP server that hangs) never
holds up another (documents)."""

from __future__ import annotations

import logging
import os
import socket
import threading

from django.db import connections
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger("disputes.worker")


class JobsThread:
    """Runs the queued jobs of the default (database) backend, of `queue` or of every queue ("*"), until
    `stop()`; the current job is finished first."""

    def __init__(self, *, interval: float, queue: str = "*") -> None:
        worker_id = f"{socket.gethostname()}-{os.getpid()}" + ("" if queue == "*" else f"-{queue}")
        self.worker = Worker(
            queue_names=[queue], interval=interval, batch=False, backend_name="default", startup_delay=False,
            max_tasks=None, worker_id=worker_id[:64], excluded_queue_names=[],
        )
        self.thread = threading.Thread(target=self._run, name=f"sikhi-jobs-{queue}", daemon=True)

    @classmethod
    def start_if_configured(cls, *, interval: float) -> JobsThread | None:
        """One thread taking the jobs of every queue, when jobs are queued in the database; other backends run them
        elsewhere."""
        if not isinstance(task_backends["default"], DatabaseBackend):
            return None
        jobs = cls(interval=interval)
        jobs.thread.start()
        return jobs

    @classmethod
    def start_per_queue(cls, *, interval: float) -> list[JobsThread]:
        """One thread per queue of the database backend (every queue in one when it names none); none for
        other backends."""
        backend = task_backends["default"]
        if not isinstance(backend, DatabaseBackend):
            return []
        threads = [cls(interval=interval, queue=queue) for queue in sorted(backend.queues or {"*"})]
        for jobs in threads:
            jobs.thread.start()
        return threads

    def _run(self) -> None:
        try:
            while self.worker.running:
                try:
                    self.worker.run()  # returns only once `running` is cleared
                except Exception:  # the database went away: log, pause, carry on
                    logger.exception("background jobs failed; retrying")
                    threading.Event().wait(self.worker.interval or 1)
        finally:
            connections.close_all()

    def stop(self, timeout: float = 30.0) -> None:
        """Let the running job finish, then end the loop."""
        self.worker.running = False
        self.thread.join(timeout)
        if self.thread.is_alive():
            logger.warning("a background job is still running after %s s; leaving it", timeout)
