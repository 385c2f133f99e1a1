"""Event types and group names of disputes; publishing happens only after commit."""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

DISPUTE_TRANSITIONED = "dispute.transitioned"


def dispute_group(dispute_id: int) -> str:
    return f"dispute.{dispute_id}"


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def publish(group: str, event_type: str, data: dict[str, Any]) -> None:
    """Send `event_type` to `group` once the current transaction commits (at-most-once: the DB is the truth)."""
    message = {"type": event_type, **data}

    def send() -> None:
        layer = get_channel_layer()
        if layer is None:
            return
        try:
            async_to_sync(layer.group_send)(group, message)
        except Exception:  # a lost poke must never break the request; clients resync from the DB
            logger.exception("could not publish %s to %s", event_type, group)

    transaction.on_commit(send, robust=True)


def publish_dispute_transitioned(*, dispute_id: int, event_id: int, name: str, source: str, target: str) -> None:
    """Tell the dispute's open pages that a transition happened (people are told by notifications)."""
    data = {"dispute_id": dispute_id, "event_id": event_id, "name": name, "source": source, "target": target}
    publish(dispute_group(dispute_id), DISPUTE_TRANSITIONED, data)
