"""The transitions: their payloads, their effects, and `dispute_transition`, the only way a state changes."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
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
from chat.mail import email_queue, page_url
from chat.models import RoomKind
from chat.notices import transition_announce
from chat.services import rooms_open, rooms_publish_state
from disputes import permissions as perms
from disputes.deadlines import deadline_resume, deadline_start, deadlines_close
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
from disputes.services.audit import concerned_user_ids, event_record
from disputes.services.mandates import collective_missing
from disputes.services.reading import (
    PARTIES,
    _already_done,
    _current_agreement,
    available_transitions,
    next_actor,
    signatory_role,
)
from documents.deliveries import answer_clocks_run_out, answer_clocks_sync
from documents.services import documents_for_transition
from mediation.models import (
    Agreement,
    AgreementOrigin,
    AgreementSignature,
    Recommendation,
    RecommendationAnswer,
    absent_after_proper_summonses,
)
from mediation.serializers import AgreementTermsIn
from mediation.terms import agreement_items_write, items_from_recommendation
from sikhi.api import Conflict, Forbidden, Invalid, TransitionNotAllowed

K = DeadlineKey
S = DisputeState


class _Reason(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class _OptionalReason(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class _Sign(serializers.Serializer):
    """The page always sends both (a ticked box and the typed name); the API may omit them, but a `full_name`
    that is sent must be the signatory's name and `confirm`, when sent, must be true."""

    confirm = serializers.BooleanField(required=False, default=True)
    full_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    position = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    authority = serializers.CharField(
        max_length=500, required=False, allow_blank=True, default="",
        help_text="The company's signatory: the basis of the power to sign (deed of establishment, power of "
                  "attorney); printed in the Perjanjian Bersama.")

    def validate_confirm(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(_("Confirm that you have read the terms and agree to them."))
        return value


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


# A part of the anjuran template the mediator has not written yet: "[...]", "[nama]", "[isi anjuran ...]".
PLACEHOLDER_RE = re.compile(r"\[[^\[\]\n]{0,300}\]")


def _no_placeholder(value: str) -> None:
    found = PLACEHOLDER_RE.search(value)
    if found:
        raise serializers.ValidationError(
            _("Replace the template placeholder %(placeholder)s with the actual text before issuing the "
              "recommendation.") % {"placeholder": found.group(0)[:80]}
        )


class _IssueRecommendation(serializers.Serializer):
    """The anjuran's text; it may not be issued while it still holds a template placeholder in [brackets]."""

    considerations = serializers.CharField(max_length=50000, validators=[_no_placeholder])
    recommendations = serializers.CharField(max_length=50000, validators=[_no_placeholder])
    on_available_data = serializers.BooleanField(required=False, default=False)


class _RespondRecommendation(serializers.Serializer):
    accept = serializers.BooleanField()
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict) -> dict:
        if not attrs["accept"] and not attrs["reason"].strip():
            raise serializers.ValidationError({"reason": [_("A reason is required when rejecting.")]})
        return attrs


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
    if d.respondent_company_id is None:
        _invite(d, expires_at=deadline.due_at)


def _invite(d: Dispute, *, expires_at: dt.datetime) -> None:
    """E-mail a single-use invitation link to the company not on SIKHI (through the outbox, in Indonesian:
    the invitee has no account and so no language of its own)."""
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(dispute=d, email=d.respondent_email, expires_at=expires_at,
                              token_hash=hashlib.sha256(token.encode()).hexdigest())
    email_queue(to=d.respondent_email, language="id", template="notices/email/invitation", kind="invitation",
                dispute=d, context={"respondent": d.respondent_name, "number": d.number,
                                    "due": timezone.localtime(expires_at),
                                    "url": page_url(f"/daftar/?undangan={token}")})


def _accept_bipartite(c: Ctx) -> None:
    c.dispute.accept_bipartite()
    deadlines_close(dispute=c.dispute, keys=[K.INVITATION_RESPONSE], at=c.at)
    deadline_start(dispute=c.dispute, key=K.BIPARTITE, at=c.at, owed_by=list(PARTIES))
    rooms_open(dispute=c.dispute, kinds=[RoomKind.BIPARTITE])


def _decline_bipartite(c: Ctx) -> None:
    c.dispute.decline_bipartite()
    c.payload["reason"] = c.data["reason"]
    deadlines_close(dispute=c.dispute, keys=[K.INVITATION_RESPONSE], at=c.at)


def _expire_invitation(c: Ctx) -> None:
    c.dispute.expire_invitation()
    deadlines_close(dispute=c.dispute, keys=[K.INVITATION_RESPONSE], at=c.at, state=DeadlineState.EXPIRED)


def _propose_agreement(c: Ctx) -> None:
    c.dispute.propose_agreement()
    _agreement_open(c, items=c.data["items"], origin=AgreementOrigin.BIPARTITE)


def _agreement_open(c: Ctx, *, items: list[dict], origin: str, from_recommendation: bool = False) -> None:
    agreement = Agreement.objects.create(dispute=c.dispute, terms="", origin=origin,
                                         from_recommendation=from_recommendation,
                                         proposed_by=c.by if isinstance(c.by, User) else None)
    agreement_items_write(agreement, items, at=c.at)
    deadline_start(dispute=c.dispute, key=K.AGREEMENT_DRAFTING, at=c.at, owed_by=agreement.required)
    c.payload["terms"] = agreement.terms
    c.payload["origin"] = origin


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
    rooms_open(dispute=c.dispute, kinds=[RoomKind.JOINT, RoomKind.CAUCUS_PETITIONER, RoomKind.CAUCUS_RESPONDENT])


MEDIATION_STAGE_KEYS = [K.FIRST_SESSION, K.MEDIATION, K.RECOMMENDATION_ISSUE]


def _reach_agreement(c: Ctx) -> None:
    c.dispute.reach_agreement()
    deadlines_close(dispute=c.dispute, keys=MEDIATION_STAGE_KEYS, at=c.at)
    _agreement_open(c, items=c.data["items"], origin=AgreementOrigin.MEDIATION)


def _issue_recommendation(c: Ctx) -> None:
    d = c.dispute
    on_data = c.data.get("on_available_data", False)
    if on_data and not absent_after_proper_summonses(d, "respondent"):
        raise Invalid(details={"on_available_data": [
            _("The respondent has not stayed away from three sessions after proper summonses.")]})
    d.issue_recommendation()
    Recommendation.objects.create(dispute=d, considerations=c.data["considerations"],
                                  recommendations=c.data["recommendations"], issued_at=c.at, issued_by=c.by,
                                  on_available_data=on_data)
    c.payload["on_available_data"] = on_data
    deadlines_close(dispute=d, keys=MEDIATION_STAGE_KEYS, at=c.at)
    # Each party's 10 working days run from its own receipt of the anjuran, not from the issue (UU 2/2004
    # Art. 13(2)(c)): its clock starts when it acknowledges, opens or is delivered the anjuran.
    answer_clocks_sync(dispute=d)


def _respond_recommendation(c: Ctx) -> None:
    d = c.dispute
    rec = d.recommendation
    accept = c.data["accept"]
    assert c.side is not None  # only a party may answer (the transition's permission)
    RecommendationAnswer.objects.create(recommendation=rec, side=c.side, accept=accept, reason=c.data["reason"],
                                        answered_at=c.at, user=c.by)
    answers = {a.side: a.accept for a in rec.answers.all()}
    all_accepted = len(answers) == 2 and all(answers.values())
    d.respond_recommendation(rejected=not accept, all_accepted=all_accepted, at=c.at)
    c.payload.update(side=c.side, accept=accept, reason=c.data["reason"])
    deadlines_close(dispute=d, keys=[K.RECOMMENDATION_ANSWER], at=c.at, owed_by=c.side)
    if all_accepted:
        # The mediator's draft: the anjuran's recommendations as items, never the anjuran letter.
        _agreement_open(c, items=items_from_recommendation(rec.recommendations), origin=AgreementOrigin.MEDIATION,
                        from_recommendation=True)


def _expire_recommendation(c: Ctx) -> None:
    d = c.dispute
    rec = d.recommendation
    # Only a party whose own answer clock ran out is silent (UU 2/2004 Art. 13(2)(d)); one that has not received
    # the anjuran yet, or whose clock still runs, is not.
    silent = answer_clocks_run_out(dispute=d, at=c.at)
    if not silent:
        raise Conflict(_("No party's time to answer the recommendation has run out."))
    for side in silent:
        RecommendationAnswer.objects.create(recommendation=rec, side=side, accept=False, by_silence=True,
                                            reason="rejected_by_silence", answered_at=c.at)
        deadlines_close(dispute=d, keys=[K.RECOMMENDATION_ANSWER], at=c.at, state=DeadlineState.EXPIRED,
                        owed_by=side)
    d.expire_recommendation(at=c.at)
    c.payload["rejected_by_silence"] = silent


def _sign_agreement(c: Ctx) -> None:
    d = c.dispute
    agreement = _current_agreement(d)
    role = signatory_role(d, c.by, agreement)
    assert agreement is not None and role is not None  # else _already_done refused the transition
    if not agreement.items.exists():
        raise Conflict(_("The agreement has no terms yet: its drafter must write them before anyone signs."))
    typed = " ".join(c.data.get("full_name", "").split())
    if typed and typed.casefold() != " ".join(c.by.name.split()).casefold():
        raise Invalid(details={"full_name": [_("Type your full name exactly as it is on your account.")]})
    AgreementSignature.objects.create(
        agreement=agreement, role=role, user=c.by, at=c.at, typed_name=typed,
        address=c.data.get("address", "").strip() if role == "petitioner" else "",
        position=c.data.get("position", "").strip() if role == "respondent" else "",
        authority=c.data.get("authority", "").strip() if role == "respondent" else "")
    signed = set(agreement.signatures.values_list("role", flat=True))
    d.sign_agreement(all_signed=signed >= set(agreement.required), at=c.at)
    c.payload["role"] = role


def _reject_agreement(c: Ctx) -> None:
    d = c.dispute
    agreement = _current_agreement(d)
    assert agreement is not None  # agreement_drafting always has an open agreement (_agreement_open)
    agreement.rejected_at, agreement.rejected_by, agreement.rejection_reason = c.at, c.by, c.data["reason"]
    agreement.save(update_fields=["rejected_at", "rejected_by", "rejection_reason"])
    d.reject_agreement(origin=agreement.origin)
    c.payload.update(reason=c.data["reason"], origin=agreement.origin)
    deadlines_close(dispute=d, keys=[K.AGREEMENT_DRAFTING], at=c.at)
    if d.state == S.MEDIATION:
        # Mediation resumes, and so does its clock (closed when the terms went to signature), where it stood.
        deadline_resume(dispute=d, key=K.MEDIATION, at=c.at, owed_by=["mediator"])


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
    "propose_agreement": TransitionSpec(_propose_agreement, AgreementTermsIn),
    "fail_bipartite": TransitionSpec(_fail_bipartite, _Reason),
    "expire_bipartite": TransitionSpec(_expire_bipartite),
    "register": TransitionSpec(_register),
    "return_registration": TransitionSpec(_return_registration, _ReturnRegistration),
    "resubmit_registration": TransitionSpec(_resubmit_registration, _Resubmit),
    "accept_registration": TransitionSpec(_accept_registration),
    "choose_route": TransitionSpec(_choose_route, _ChooseRoute),
    "expire_route_choice": TransitionSpec(_expire_route_choice),
    "assign_mediator": TransitionSpec(_assign_mediator, _AssignMediator),
    "reach_agreement": TransitionSpec(_reach_agreement, AgreementTermsIn),
    "issue_recommendation": TransitionSpec(_issue_recommendation, _IssueRecommendation),
    "respond_recommendation": TransitionSpec(_respond_recommendation, _RespondRecommendation),
    "expire_recommendation": TransitionSpec(_expire_recommendation),
    "sign_agreement": TransitionSpec(_sign_agreement, _Sign),
    "reject_agreement": TransitionSpec(_reject_agreement, _Reason),
    "strike_off": TransitionSpec(_strike_off),
    "withdraw": TransitionSpec(_withdraw, _OptionalReason),
}


def _may_ever(dispute: Dispute, user: Any, name: str) -> bool:
    """The transition's fsm `permission=`: may this user make it on this dispute in some state."""
    meta = getattr(Dispute, name)._django_fsm
    return next(iter(meta.transitions.values())).has_perm(dispute, user)


def dispute_transition(*, dispute: Dispute, by: Any, name: str, data: dict | None = None,
                       now: dt.datetime | None = None) -> Dispute:
    """Make transition `name` as `by` (a user or perms.SYSTEM): checks, applies, audits, and
    publishes `dispute.transitioned` after commit. Two concurrent calls: one wins, the other gets 409."""
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
            actor_id = by.id if isinstance(by, User) else None
            transition_announce(dispute=d, name=name, source=ctx.source, actor_id=actor_id,
                                concerned_ids=concerned_user_ids(d), asked_before=asked_before,
                                asked_after=next_actor(d), payload=ctx.payload)
            rooms_publish_state(dispute=d)
            documents_for_transition(dispute=d, name=name)  # after commit; a failure never undoes this
    except ConcurrentTransition:
        d = Dispute.objects.get(pk=dispute.pk)
        raise TransitionNotAllowed(state=d.state, allowed=available_transitions(d, by)) from None
    return d


