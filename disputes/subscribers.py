"""disputes' answers to the events of accounts (`accounts/signals.py`). Subscribed in `DisputesConfig.ready()`."""

from __future__ import annotations

from accounts.signals import InvitationPresented
from disputes.services.invitations import invitation_claim
from sikhi.events import subscribe


def on_invitation_presented(event: InvitationPresented) -> None:
    """In the registration's transaction: a refused claim undoes the new account."""
    invitation_claim(token=event.token, by=event.user)


def connect() -> None:
    subscribe(InvitationPresented, on_invitation_presented, phase="in_transaction")
