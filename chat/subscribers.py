"""chat's answers to the events of disputes (`disputes/signals.py`) and accounts (`accounts/signals.py`):
rooms, in-app notices and e-mails, closed sockets. Subscribed in `ChatConfig.ready()`; all run inside the emitting
transaction, so what they write commits with the fact (and the channel-layer pokes they publish leave after
commit)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.signals import UserLoggedOut
from chat.events import publish_logged_out, publish_membership_changed
from chat.mail import email_queue, emails_retry, page_url
from chat.models import RoomKind
from chat.notices import deadline_reminders_send, mediator_change_announce, transition_announce
from chat.permissions import is_room_member
from chat.services import notify, rooms_open, rooms_publish_state
from disputes import extensions, parties
from disputes.extensions import sweep_duty_register
from disputes.services.audit import concerned_user_ids
from disputes.signals import CompanyInvited, DisputeHandedOver, DisputeTransitioned, MediatorReassigned
from sikhi.events import subscribe

# The rooms a transition opens (a stage may be re-entered: existing rooms are kept).
ROOMS_OPENED_BY = {
    "accept_bipartite": [RoomKind.BIPARTITE],
    "assign_mediator": [RoomKind.JOINT, RoomKind.CAUCUS_PETITIONER, RoomKind.CAUCUS_RESPONDENT],
}


def on_dispute_transitioned(event: DisputeTransitioned) -> None:
    """Open the stage's rooms, send the transition's notices and e-mails, tell every room whether it is
    writable now."""
    d = event.dispute
    kinds = ROOMS_OPENED_BY.get(event.name)
    if kinds:
        rooms_open(dispute=d, kinds=kinds)
    transition_announce(dispute=d, name=event.name, source=event.source, actor_id=event.actor_id,
                        concerned_ids=concerned_user_ids(d), asked_before=list(event.asked_before),
                        asked_after=list(event.asked_after), payload=dict(event.payload))
    rooms_publish_state(dispute=d)


def on_company_invited(event: CompanyInvited) -> None:
    """E-mail the single-use invitation link (through the outbox, in Indonesian: the invitee has no account and
    so no language of its own)."""
    d = event.dispute
    # A worker or a union's officer registers (or signs in) with a worker account; a company with a company one.
    role = "" if parties.kind(d, "respondent") == "company" else "&peran=worker"
    email_queue(to=event.email, language="id", template="notices/email/invitation", kind="invitation",
                dispute=d, context={"respondent": d.respondent_name, "number": d.number,
                                    "respondent_kind": parties.kind(d, "respondent"),
                                    "petitioner": parties.display_name(d, "petitioner"),
                                    "due": timezone.localtime(event.expires_at),
                                    "url": page_url(f"/daftar/?undangan={event.token}{role}")})


def on_mediator_reassigned(event: MediatorReassigned) -> None:
    """The former mediator's sockets re-check their membership; the parties and both mediators are notified
    in-app and by e-mail."""
    d, former = event.dispute, event.former
    publish_membership_changed(room_ids=list(d.rooms.values_list("id", flat=True)))
    notify(user_ids=[*concerned_user_ids(d), former.pk], kind="mediator_changed", dispute=d,
           params={"number": d.number})
    mediator_change_announce(dispute=d, former=former, actor_id=event.actor_id)


def on_dispute_handed_over(event: DisputeHandedOver) -> None:
    """The parties and the province's officers are notified in-app."""
    d = event.dispute
    notify(user_ids=[*concerned_user_ids(d), *event.officer_ids], kind="handed_over",
           dispute=d, params={"number": d.number, "office": d.office.name})


def on_user_logged_out(event: UserLoggedOut) -> None:
    """The user's open sockets close after commit (a socket's session is checked only at its handshake)."""
    publish_logged_out(user_id=event.user_id)


def notices_sweep(now: dt.datetime) -> dict[str, int]:
    """The sweep's duty for chat: remind deadlines falling due within 2 working days (once each), and retry the
    e-mails whose sending failed."""
    reminded = deadline_reminders_send(now=now)
    emails = emails_retry()
    return {"reminded": reminded, "emails_sent": emails["sent"], "emails_retry": emails["retry"],
            "emails_failed": emails["failed"]}


def connect() -> None:
    subscribe(DisputeTransitioned, on_dispute_transitioned, phase="in_transaction")
    subscribe(CompanyInvited, on_company_invited, phase="in_transaction")
    subscribe(MediatorReassigned, on_mediator_reassigned, phase="in_transaction")
    subscribe(DisputeHandedOver, on_dispute_handed_over, phase="in_transaction")
    subscribe(UserLoggedOut, on_user_logged_out, phase="in_transaction")
    sweep_duty_register(notices_sweep)
    extensions.is_room_member.provide(is_room_member)
