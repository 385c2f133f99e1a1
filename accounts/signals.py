"""The domain events of accounts (one frozen dataclass per event), emitted through `sikhi.events`. accounts is
the base every app builds on: it tells the others what happened and never imports them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class InvitationPresented:
    """A company account was just registered with an invitation `token` (a dispute's link); emitted inside the
    registration's transaction: disputes claims the invitation for `user`, and its refusal (Invalid, Forbidden,
    Conflict) undoes the registration."""

    token: str
    user: User


@dataclass(frozen=True)
class UserLoggedOut:
    """The session of `user_id` ended (and the token used was revoked); emitted inside the transaction. chat
    closes the user's open sockets after commit."""

    user_id: int
