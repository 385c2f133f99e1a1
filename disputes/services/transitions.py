"""The transitions: their payloads, their effects, and `dispute_transition`, the only way a state changes."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed
from rest_framework import serializers

from accounts.models import Role, User
from accounts.numbers import next_number
from disputes import parties
from disputes import permissions as perms
from disputes.deadlines import deadline_start, deadlines_close
from disputes.events import publish_dispute_transitioned
from disputes.models import (
    ALLOWED_ROUTES,
    TERMINAL_STATES,
    DeadlineKey,
    DeadlineState,
    Dispute,
    DisputeState,
    Invitation,
)
from disputes.serializers import StrictCharField
from disputes.services.audit import event_record
from disputes.services.mandates import collective_missing
from disputes.services.reading import (
    PARTIES,
    _already_done,
    available_transitions,
    next_actor,
)
from disputes.signals import CompanyInvited, DisputeTransitioned
from sikhi.api import Forbidden, Invalid, TransitionNotAllowed
from sikhi.events import emit

K = DeadlineKey
S = DisputeState


class _Reason(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class _OptionalReason(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class _ReturnRegistration(serializers.Serializer):
    missing_items = serializers.ListField(child=StrictCharField(max_length=500), allow_empty=False, max_length=50)


class _Resubmit(serializers.Serializer):
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class _ChooseRoute(serializers.Serializer):
    route = serializers.ChoiceField(choices=["mediation", "conciliation", "arbitration"])

    def validate_route(self, value: str) -> str:
        dispute = self.context["dispute"]
        if value not in ALLOWED_ROUTES[dispute.type]:
            raise serializers.ValidationError(
                _("The route %(route)s is not allowed for a dispute of type %(type)s.")
                % {"route": value, "type": dispute.type}
            )
        return value


class _AssignMediator(serializers.Serializer):
    mediator = serializers.IntegerField()

    def validate_mediator(self, value: int) -> User:
        dispute = self.context["dispute"]
        mediator = User.objects.filter(pk=value, role=Role.MEDIATOR, is_active=True,
                                       office_id=dispute.office_id).first()
        if mediator is None:
            raise serializers.ValidationError(_("Not an active mediator of this office."))
        return mediator


@dataclass
class Ctx:
    dispute: Dispute
    by: Any
    data: dict
    at: dt.datetime
    source: str
    payload: dict = field(default_factory=dict)
    side: str | None = None


def _submit(c: Ctx) -> None:
    d = c.dispute
    missing = {f: [_("Required before submitting.")] for f in ("summary", "chronology", "demands")
               if not getattr(d, f).strip()}
    if not d.respondent_name:
        missing["respondent"] = [_("Required before submitting.")]
    missing.update(collective_missing(d))
    if missing:
        raise Invalid(_("The dispute is not complete."), details=missing)
    year = timezone.localtime(c.at).year  # the office's year (WIB), not UTC's
    number = next_number(f"dispute/{d.office_id}/{year}")
    d.submit(number=f"{d.office_id}/PHI/{year}/{number:05d}", at=c.at)
    deadline = deadline_start(dispute=d, key=K.INVITATION_RESPONSE, at=c.at, owed_by=["respondent"])
    c.payload["number"] = d.number
    if not parties.is_linked(d, "respondent"):
        _invite(d, expires_at=deadline.due_at)


def _invite(d: Dispute, *, expires_at: dt.datetime) -> None:
    """A single-use invitation for the respondent (company, worker or union) not on SIKHI; `CompanyInvited` has
    it e-mailed (chat)."""
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(dispute=d, email=d.respondent_email, expires_at=expires_at,
                              token_hash=hashlib.sha256(token.encode()).hexdigest())
    emit(CompanyInvited(dispute=d, email=d.respondent_email, token=token, expires_at=expires_at))


def _accept_bipartite(c: Ctx) -> None:
    c.dispute.accept_bipartite()
    deadlines_close(dispute=c.dispute, keys=[K.INVITATION_RESPONSE], at=c.at)
    deadline_start(dispute=c.dispute, key=K.BIPARTITE, at=c.at, owed_by=list(PARTIES))


def _decline_bipartite(c: Ctx) -> None:
    c.dispute.decline_bipartite()
    c.payload["reason"] = c.data["reason"]
    deadlines_close(dispute=c.dispute, keys=[K.INVITATION_RESPONSE], at=c.at)


def _expire_invitation(c: Ctx) -> None:
    c.dispute.expire_invitation()
    deadlines_close(dispute=c.dispute, keys=[K.INVITATION_RESPONSE], at=c.at, state=DeadlineState.EXPIRED)


def _fail_bipartite(c: Ctx) -> None:
    c.dispute.fail_bipartite()
    c.payload["reason"] = c.data["reason"]
    deadlines_close(dispute=c.dispute, keys=[K.BIPARTITE], at=c.at)


def _expire_bipartite(c: Ctx) -> None:
    c.dispute.expire_bipartite()
    deadlines_close(dispute=c.dispute, keys=[K.BIPARTITE], at=c.at, state=DeadlineState.EXPIRED)


def _register(c: Ctx) -> None:
    d = c.dispute
    meetings = [m for m in d.bipartite_meetings.prefetch_related("signatures") if m.fully_signed]
    proof: dict[str, Any] = {"failure_reason": d.failure_reason, "signed_meetings": [m.pk for m in meetings]}
    invitation = Invitation.objects.filter(dispute=d).first()
    if d.failure_reason in ("declined", "no_response"):
        assert d.submitted_at is not None  # registering needs a failed bipartite, hence a submitted dispute
        proof["invitation"] = {
            "sent_at": d.submitted_at.isoformat(),
            "to": d.respondent_email or d.respondent_name,
            "answered": d.failure_reason == "declined",
            "claimed_at": invitation.used_at.isoformat() if invitation and invitation.used_at else None,
        }
        declined = d.events.filter(name="decline_bipartite").first()
        if declined:
            proof["invitation"]["declined_at"] = declined.at.isoformat()
            proof["invitation"]["decline_reason"] = declined.payload.get("reason", "")
    d.register(proof=proof, at=c.at)
    c.payload["proof"] = proof
    deadline_start(dispute=d, key=K.REGISTRATION_CHECK, at=c.at, owed_by=["officer"])


def _return_registration(c: Ctx) -> None:
    c.dispute.return_registration(missing_items=c.data["missing_items"])
    c.payload["missing_items"] = c.data["missing_items"]
    deadlines_close(dispute=c.dispute, keys=[K.REGISTRATION_CHECK], at=c.at)
    # Permenakertrans 17/2014 Art. 4(2): the petitioner completes the file within 7 working days of its return.
    deadline_start(dispute=c.dispute, key=K.REGISTRATION_COMPLETION, at=c.at, owed_by=["petitioner"])


def _resubmit_registration(c: Ctx) -> None:
    c.dispute.resubmit_registration()
    c.payload["note"] = c.data["note"]
    deadlines_close(dispute=c.dispute, keys=[K.REGISTRATION_COMPLETION], at=c.at)
    deadline_start(dispute=c.dispute, key=K.REGISTRATION_CHECK, at=c.at, owed_by=["officer"])


def _accept_registration(c: Ctx) -> None:
    d = c.dispute
    year = timezone.localtime(c.at).year
    number = next_number(f"registration/{d.office_id}/{year}")
    d.accept_registration(registration_number=f"{d.office_id}/REG/{year}/{number:05d}")
    c.payload["registration_number"] = d.registration_number
    deadlines_close(dispute=d, keys=[K.REGISTRATION_CHECK], at=c.at)
    if d.state == S.ADR_OFFERED:  # a rights dispute went straight to awaiting_mediator: no choice to make
        deadline_start(dispute=d, key=K.ROUTE_CHOICE, at=c.at, owed_by=list(PARTIES))


def _choose_route(c: Ctx) -> None:
    c.dispute.choose_route(side=c.side, route=c.data["route"], at=c.at)
    c.payload.update(side=c.side, route=c.data["route"])
    if c.dispute.state != S.ADR_OFFERED:
        deadlines_close(dispute=c.dispute, keys=[K.ROUTE_CHOICE], at=c.at)


def _expire_route_choice(c: Ctx) -> None:
    c.dispute.expire_route_choice()
    deadlines_close(dispute=c.dispute, keys=[K.ROUTE_CHOICE], at=c.at, state=DeadlineState.EXPIRED)


def _assign_mediator(c: Ctx) -> None:
    mediator = c.data["mediator"]
    c.dispute.assign_mediator(mediator=mediator)
    c.payload["mediator"] = {"id": mediator.pk, "name": mediator.name}
    deadline_start(dispute=c.dispute, key=K.FIRST_SESSION, at=c.at, owed_by=["mediator"])
    deadline_start(dispute=c.dispute, key=K.MEDIATION, at=c.at, owed_by=["mediator"])


MEDIATION_STAGE_KEYS = [K.FIRST_SESSION, K.MEDIATION, K.RECOMMENDATION_ISSUE]


def _strike_off(c: Ctx) -> None:
    c.dispute.strike_off(at=c.at)


def _withdraw(c: Ctx) -> None:
    if c.source != S.DRAFT and not c.data["reason"].strip():
        raise Invalid(details={"reason": [_("This field is required.")]})
    c.dispute.withdraw(at=c.at)
    c.payload["reason"] = c.data["reason"]


@dataclass(frozen=True)
class TransitionSpec:
    handler: Callable[[Ctx], None]
    payload: type[serializers.Serializer] | None = None


TRANSITIONS: dict[str, TransitionSpec] = {
    "submit": TransitionSpec(_submit),
    "accept_bipartite": TransitionSpec(_accept_bipartite),
    "decline_bipartite": TransitionSpec(_decline_bipartite, _Reason),
    "expire_invitation": TransitionSpec(_expire_invitation),
    "fail_bipartite": TransitionSpec(_fail_bipartite, _Reason),
    "expire_bipartite": TransitionSpec(_expire_bipartite),
    "register": TransitionSpec(_register),
    "return_registration": TransitionSpec(_return_registration, _ReturnRegistration),
    "resubmit_registration": TransitionSpec(_resubmit_registration, _Resubmit),
    "accept_registration": TransitionSpec(_accept_registration),
    "choose_route": TransitionSpec(_choose_route, _ChooseRoute),
    "expire_route_choice": TransitionSpec(_expire_route_choice),
    "assign_mediator": TransitionSpec(_assign_mediator, _AssignMediator),
    "strike_off": TransitionSpec(_strike_off),
    "withdraw": TransitionSpec(_withdraw, _OptionalReason),
}
# The transitions of the agreement and the recommendation are mediation's (its models): `mediation.transitions`
# registers them from `MediationConfig.ready()`.


def transition_register(specs: dict[str, TransitionSpec]) -> None:
    """Add the handlers of transitions an app above owns (their names are the model's fsm transitions)."""
    unknown = [name for name in specs if not hasattr(Dispute, name)]
    if unknown:
        raise ValueError(f"not transitions of Dispute: {unknown}")
    TRANSITIONS.update(specs)


def _may_ever(dispute: Dispute, user: Any, name: str) -> bool:
    """The transition's fsm `permission=`: may this user make it on this dispute in some state."""
    meta = getattr(Dispute, name)._django_fsm
    return next(iter(meta.transitions.values())).has_perm(dispute, user)


def dispute_transition(*, dispute: Dispute, by: Any, name: str, data: dict | None = None,
                       now: dt.datetime | None = None) -> Dispute:
    """Make transition `name` as `by` (a user or perms.SYSTEM): checks, applies, audits, publishes
    `dispute.transitioned` after commit and emits `DisputeTransitioned` inside the transaction (its subscribers
    open the rooms, send the notices, make the documents). Two concurrent calls: one wins, the other gets 409."""
    spec = TRANSITIONS.get(name)
    if spec is None:
        raise Invalid(details={"name": [_("Unknown transition.")]})
    at = now or timezone.now()
    try:
        with transaction.atomic():
            d = Dispute.objects.select_for_update(of=("self",)).select_related("respondent_company").get(pk=dispute.pk)
            if not _may_ever(d, by, name):
                raise Forbidden(_("You may not make this transition on this dispute."))
            if not can_proceed(getattr(d, name)) or _already_done(d, by, name):
                raise TransitionNotAllowed(state=d.state, allowed=available_transitions(d, by))
            data = dict(data or {})
            if spec.payload is not None:
                serializer = spec.payload(data=data, context={"dispute": d, "by": by})
                serializer.is_valid(raise_exception=True)
                data = serializer.validated_data
            ctx = Ctx(dispute=d, by=by, data=data, at=at, source=d.state, side=perms.party_side(d, by))
            asked_before = next_actor(d)
            spec.handler(ctx)
            d.save()
            if d.state in TERMINAL_STATES:
                deadlines_close(dispute=d, keys=None, at=at)
            event = event_record(dispute=d, by=by, name=name, source=ctx.source, target=d.state, at=at,
                                 payload=ctx.payload)
            publish_dispute_transitioned(dispute_id=d.pk, event_id=event.pk, name=name, source=ctx.source,
                                         target=d.state)
            emit(DisputeTransitioned(dispute=d, event_id=event.pk, name=name, source=ctx.source, target=d.state,
                                     actor_id=by.id if isinstance(by, User) else None,
                                     asked_before=asked_before, asked_after=next_actor(d), payload=ctx.payload))
    except ConcurrentTransition:
        d = Dispute.objects.get(pk=dispute.pk)
        raise TransitionNotAllowed(state=d.state, allowed=available_transitions(d, by)) from None
    return d


