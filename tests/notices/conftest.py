"""Helpers of the notice tests: what was e-mailed and notified since a point, run after-commit work."""

from __future__ import annotations

import pytest

from chat.models import Notification, OutboxEmail


class Since:
    """E-mails in the outbox and notifications stored after this mark."""

    def __init__(self) -> None:
        self.email_id = OutboxEmail.objects.order_by("-id").values_list("id", flat=True).first() or 0
        self.notification_id = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0

    def emails(self, kind: str | None = None) -> list[OutboxEmail]:
        rows = OutboxEmail.objects.filter(id__gt=self.email_id).order_by("id")
        return list(rows.filter(kind=kind) if kind else rows)

    def emailed(self, kind: str | None = None) -> set[int]:
        return {row.user_id for row in self.emails(kind)}

    def notified(self, kind: str | None = None) -> set[int]:
        rows = Notification.objects.filter(id__gt=self.notification_id)
        return set((rows.filter(kind=kind) if kind else rows).values_list("user_id", flat=True))


@pytest.fixture
def since():
    return Since
