"""Every write on a dispute: creation, edits in draft, the transitions, evidence, court registration."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed
from rest_framework import serializers

from accounts.models import Company, Office, Role, User
from accounts.numbers import next_number
from accounts.regions import province_of
from chat.mail import email_queue, emails_retry, page_url
from chat.models import RoomKind
from chat.notices import deadline_reminders_send, mediator_change_announce, transition_announce
from chat.services import notify, rooms_open, rooms_publish_state
from disputes import permissions as perms
from disputes.deadlines import SYSTEM_TRANSITIONS, deadline_resume, deadline_start, deadlines_close
from disputes.events import publish_dispute_transitioned
from disputes.models import (
    ALLOWED_ROUTES,
    TERMINAL_STATES,
    Deadline,
    DeadlineKey,
    DeadlineState,
    Dispute,
    DisputeEvent,
    DisputeState,
    Evidence,
    Invitation,
)
from disputes.serializers import StrictCharField
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

logger = logging.getLogger(__name__)
K = DeadlineKey
S = DisputeState
PARTIES = ["petitioner", "respondent"]


# --- audit -------------------------------------------------------------------------------------------


def event_record(*, dispute: Dispute, by: Any, name: str, source: str, target: str, at: dt.datetime,
                 payload: dict | None = None) -> DisputeEvent:
    """Write one audit row; `by` is a user or perms.SYSTEM."""
    actor = by if isinstance(by, User) else None
    return DisputeEvent.objects.create(dispute=dispute, actor=actor, name=name, source=source, target=target,
                                       at=at, payload=payload or {})


def side_user_ids(dispute: Dispute, side: str) -> list[int]:
    """The accounts of one party: the petitioner, or the respondent company's account(s)."""
    if side == "petitioner":
        return [dispute.petitioner_id]
    if dispute.respondent_company_id is None:
        return []
    return list(User.objects.filter(company_id=dispute.respondent_company_id, is_active=True)
                .values_list("id", flat=True))


def concerned_user_ids(dispute: Dispute) -> list[int]:
    """The people a change of this dispute concerns: parties, the mediator, never a company about a draft."""
    ids = side_user_ids(dispute, "petitioner")
    if dispute.submitted_at:
        ids += side_user_ids(dispute, "respondent")
    if dispute.mediator_id:
        ids.append(dispute.mediator_id)
    return ids


# --- creation and edits in draft ---------------------------------------------------------------------


def office_for_regency(code: str) -> Office:
    """The office of a routed workplace code (accounts.regions.office_code_for_workplaces made it)."""
    return Office.objects.get(code=code)


def _check_members(dispute: Dispute) -> None:
    if dispute.collective and not dispute.members:
        raise Invalid(details={"members": [_("A collective dispute names its members.")]})


def _apply_respondent(dispute: Dispute, respondent: dict) -> None:
    if respondent.get("nib"):
        company = Company.objects.filter(nib=respondent["nib"], verified_at__isnull=False).first()
        if company is None:
            raise Invalid(details={"respondent": {"nib": [_("No verified company has this NIB.")]}})
        dispute.respondent_company = company
        dispute.respondent_name = company.name
        dispute.respondent_nib = company.nib
        dispute.respondent_email = company.email
        dispute.respondent_address = company.address
    else:
        dispute.respondent_company = None
        dispute.respondent_nib = ""
        dispute.respondent_name = respondent["name"]
        dispute.respondent_email = respondent["email"]
        dispute.respondent_address = respondent["address"]


DRAFT_FIELDS = ("type", "summary", "chronology", "demands", "collective", "members", "monthly_wage",
                "employment_start", "employment_end")


@transaction.atomic
def dispute_create(*, by: User, data: dict) -> Dispute:
    """A worker starts a dispute in `draft`; nobody else can see it yet."""
    if by.role != Role.WORKER:
        raise Forbidden(_("Only workers file disputes."))
    dispute = Dispute(petitioner=by, workplace_regency=data["workplace_regency"],
                      office=office_for_regency(data["workplace_regency"]))
    for name in DRAFT_FIELDS:
        if name in data:
            setattr(dispute, name, data[name])
    _apply_respondent(dispute, data["respondent"])
    _check_members(dispute)
    dispute.save()
    event_record(dispute=dispute, by=by, name="created", source="", target=dispute.state, at=timezone.now())
    return dispute


@transaction.atomic
def dispute_update(*, dispute: Dispute, by: User, data: dict) -> Dispute:
    """The petitioner edits the draft; once submitted the filing is evidence and cannot change."""
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if not perms.can_edit_dispute(by, dispute):
        raise Forbidden()
    if dispute.state != S.DRAFT:
        raise TransitionNotAllowed(state=dispute.state, allowed=available_transitions(dispute, by),
                                   message=_("Only a draft can be edited."))
    for name in DRAFT_FIELDS:
        if name in data:
            setattr(dispute, name, data[name])
    if "workplace_regency" in data:
        dispute.workplace_regency = data["workplace_regency"]
        dispute.office = office_for_regency(data["workplace_regency"])
    if "respondent" in data:
        _apply_respondent(dispute, data["respondent"])
    _check_members(dispute)
    dispute.save()
    return dispute


# --- reading what a user may do ------------------------------------------------------------------------


def _current_agreement(dispute: Dispute) -> Agreement | None:
    """The newest agreement not rejected; from `open_agreements` when a list selector prefetched it."""
    prefetched = getattr(dispute, "open_agreements", None)
    if prefetched is not None:
        return prefetched[0] if prefetched else None
    return dispute.agreements.filter(rejected_at__isnull=True).order_by("-id").first()


def signatory_role(dispute: Dispute, user: Any, agreement: Agreement | None) -> str | None:
    side = perms.party_side(dispute, user)
    if side:
        return side
    if agreement and agreement.origin == AgreementOrigin.MEDIATION and perms.is_assigned_mediator(dispute, user):
        return "mediator"
    return None


def _already_done(dispute: Dispute, user: Any, name: str) -> bool:
    """Once-per-party rules: a route chosen, a recommendation answered, an agreement signed."""
    if name == "choose_route":
        side = perms.party_side(dispute, user)
        return bool(side and getattr(dispute, f"route_{side}"))
    if name == "respond_recommendation":
        side = perms.party_side(dispute, user)
        rec = getattr(dispute, "recommendation", None) if side else None
        return bool(rec and rec.answers.filter(side=side).exists())
    if name == "sign_agreement":
        agreement = _current_agreement(dispute)
        role = signatory_role(dispute, user, agreement)
        return role is None or agreement is None or agreement.signatures.filter(role=role).exists()
    return False


def available_transitions(dispute: Dispute, user: Any) -> list[str]:
    """The transitions `user` may make on `dispute` now (state, conditions, permission, once-rules)."""
    return [
        t.name
        for t in dispute.get_available_user_state_transitions(user)
        if not _already_done(dispute, user, t.name)
    ]


def next_actor(dispute: Dispute) -> list[str]:
    """Who must act next, from the state (and, where each party acts once, who has not yet). Reads answers and
    signatures through `.all()`, so that a list prefetching them (selectors.dispute_list_for) asks nothing."""
    state = dispute.state
    if state in (S.DRAFT, S.REGISTRATION_RETURNED):
        return ["petitioner"]
    if state == S.BIPARTITE_INVITED:
        return ["respondent"]
    if state in (S.BIPARTITE, S.BIPARTITE_FAILED):
        return list(PARTIES)
    if state in (S.REGISTRATION_SUBMITTED, S.AWAITING_MEDIATOR):
        return ["officer"]
    if state == S.MEDIATION:
        return ["mediator"]
    if state == S.ADR_OFFERED:
        return [side for side in PARTIES if not getattr(dispute, f"route_{side}")]
    if state == S.RECOMMENDATION_ISSUED:
        answered = {answer.side for answer in dispute.recommendation.answers.all()}
        return [side for side in PARTIES if side not in answered]
    if state == S.AGREEMENT_DRAFTING:
        agreement = _current_agreement(dispute)
        if agreement is None:
            return list(PARTIES)
        signed = {signature.role for signature in agreement.signatures.all()}
        return [role for role in agreement.required if role not in signed]
    return []


# --- the transitions ------------------------------------------------------------------------------------


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
    for side in PARTIES:
        deadline_start(dispute=d, key=K.RECOMMENDATION_ANSWER, at=c.at, owed_by=[side])


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
    answered = set(rec.answers.values_list("side", flat=True))
    silent = [side for side in PARTIES if side not in answered]
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
        position=c.data.get("position", "").strip() if role == "respondent" else "")
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


# --- the deadline sweep -----------------------------------------------------------------------------------


def deadlines_process(*, now: dt.datetime) -> dict[str, int]:
    """Make the system transitions of passed deadlines and mark the others overdue.

    Idempotent and safe in several processes at once: each deadline is handled in its own
    transaction, the dispute row is locked first (as every transition does) and rows another
    process holds are skipped, to be looked at again on the next run. Then it reminds the deadlines
    falling due within 2 working days (once each) and retries failed e-mails (`_notices_sweep`)."""
    counts = {"expired": 0, "overdue": 0, "skipped": 0, "failed": 0}
    candidates = list(
        Deadline.objects.filter(state=DeadlineState.OPEN, due_at__lt=now).values_list("id", "dispute_id", "key")
    )
    for deadline_id, dispute_id, key in candidates:
        try:
            counts[_deadline_process_one(deadline_id, dispute_id, key, now=now)] += 1
        except Exception:  # one broken case must not stop the office's other clocks
            logger.exception("deadline %s of dispute %s could not be processed", deadline_id, dispute_id)
            counts["failed"] += 1
    _notices_sweep(now=now)
    return counts


def _notices_sweep(*, now: dt.datetime) -> None:
    """The sweep's other duties: remind deadlines falling due within 2 working days (once each), and retry
    the e-mails whose sending failed. Logged, not counted in the answer; never raises."""
    try:
        reminded = deadline_reminders_send(now=now)
        emails = emails_retry()
    except Exception:
        logger.exception("deadline reminders or e-mail retries failed; the next sweep tries again")
        return
    if reminded or any(emails.values()):
        logger.info("reminded=%s emails_sent=%s emails_retry=%s emails_failed=%s", reminded, emails["sent"],
                    emails["retry"], emails["failed"])


def _deadline_process_one(deadline_id: int, dispute_id: int, key: str, *, now: dt.datetime) -> str:
    """Handle one passed deadline in its own transaction; answer which count it adds to."""
    with transaction.atomic():
        dispute = Dispute.objects.select_for_update(skip_locked=True).filter(pk=dispute_id).first()
        if dispute is None:  # another process holds the case; never lock its deadline then (see below)
            return "skipped"
        # Only the holder of the dispute row locks its deadline: were the deadline locked by a sweep that
        # could not get the dispute, the holder would skip it too and the clock would wait a whole run.
        deadline = (
            Deadline.objects.select_for_update(skip_locked=True)
            .filter(pk=deadline_id, state=DeadlineState.OPEN, due_at__lt=now).first()
        )
        if deadline is None:
            return "skipped"
        system = SYSTEM_TRANSITIONS.get(key)
        if system and dispute.state == system[1]:
            dispute_transition(dispute=dispute, by=perms.SYSTEM, name=system[0], now=now)
            return "expired"
        if system and key == K.BIPARTITE and dispute.state == S.AGREEMENT_DRAFTING:
            # The terms are out for signature; if they are rejected the clock has run out.
            return "skipped"
        deadline.state, deadline.overdue_at = DeadlineState.OVERDUE, now
        deadline.save(update_fields=["state", "overdue_at"])
        return "overdue"


# --- re-assigning the mediator ---------------------------------------------------------------------------


@transaction.atomic
def dispute_reassign_mediator(*, dispute: Dispute, by: User, mediator_id: Any) -> Dispute:
    """An officer hands a case in mediation to another mediator of the office. The former mediator
    loses the rooms at once (their sockets are told to re-check and close); publishes
    `chat.membership`, notifies the parties and both mediators in-app and e-mails them
    (chat.notices.mediator_change_announce)."""
    from chat.events import publish_membership_changed

    d = Dispute.objects.select_for_update(of=("self",)).get(pk=dispute.pk)
    if not perms.is_office_officer(d, by):
        raise Forbidden()
    if d.mediator_id is None or d.is_terminal:
        raise Conflict(_("Only a dispute with an assigned mediator can be handed to another one."),
                       details={"state": d.state})
    serializer = _AssignMediator(data={"mediator": mediator_id}, context={"dispute": d, "by": by})
    serializer.is_valid(raise_exception=True)
    mediator = serializer.validated_data["mediator"]
    if mediator.pk == d.mediator_id:
        raise Invalid(details={"mediator": [_("This mediator is already assigned.")]})
    former = d.mediator
    d.mediator = mediator
    d.save(update_fields=["mediator"])
    now = timezone.now()
    event_record(dispute=d, by=by, name="mediator_reassigned", source=d.state, target=d.state, at=now,
                 payload={"from": {"id": former.pk, "name": former.name},
                          "to": {"id": mediator.pk, "name": mediator.name}})
    publish_membership_changed(room_ids=list(d.rooms.values_list("id", flat=True)))
    notify(user_ids=[*concerned_user_ids(d), former.pk], kind="mediator_changed", dispute=d,
           params={"number": d.number})
    mediator_change_announce(dispute=d, former=former, actor_id=by.pk)
    return d


@transaction.atomic
def dispute_hand_over(*, dispute: Dispute, by: User, letter_number: str, letter_date: dt.date,
                      reason: str) -> Dispute:
    """A kabupaten/kota office without an active mediator hands a dispute awaiting one to its province's office
    (pelimpahan, recorded with the letter's number and date). Not a transition: the stage stays. Notifies the
    parties and the province's officers in-app."""
    d = Dispute.objects.select_for_update(of=("self",)).get(pk=dispute.pk)
    if not perms.can_hand_over_dispute(by, d):
        raise Forbidden()
    if d.state != S.AWAITING_MEDIATOR:
        raise Conflict(_("Only a dispute waiting for a mediator can be handed over to the province."),
                       details={"state": d.state})
    if User.objects.filter(role=Role.MEDIATOR, office_id=d.office_id, is_active=True).exists():
        raise Conflict(_("This office has an active mediator: delegate the dispute to them instead."))
    former = d.office
    d.office = Office.objects.get(code=province_of(former.code))
    d.save(update_fields=["office"])
    event_record(dispute=d, by=by, name="handed_over", source=d.state, target=d.state, at=timezone.now(),
                 payload={"from": {"code": former.code, "name": former.name},
                          "to": {"code": d.office.code, "name": d.office.name},
                          "letter_number": letter_number, "letter_date": letter_date.isoformat(), "reason": reason})
    officers = User.objects.filter(role=Role.OFFICER, office_id=d.office_id, is_active=True)
    notify(user_ids=[*concerned_user_ids(d), *officers.values_list("id", flat=True)], kind="handed_over",
           dispute=d, params={"number": d.number, "office": d.office.name})
    return d


# --- invitations, evidence, court registration ------------------------------------------------------------


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("dispute")
        .filter(token_hash=hashlib.sha256(token.encode()).hexdigest()).first()
    )


@transaction.atomic
def invitation_claim(*, token: str, by: User) -> Dispute:
    """The holder of an invitation link answers for the invited company: the dispute names their company."""
    invitation = invitation_for_token(token)
    if invitation is None:
        raise Invalid(details={"invitation": [_("This invitation link is not valid.")]})
    if by.role != Role.COMPANY or by.company_id is None:
        raise Forbidden(_("Only a company account can accept an invitation."))
    dispute = Dispute.objects.select_for_update().get(pk=invitation.dispute_id)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    now = timezone.now()
    if invitation.used_at is not None:
        raise Conflict(_("This invitation has already been used."))
    if invitation.expires_at < now or dispute.state != S.BIPARTITE_INVITED:
        raise Conflict(_("This invitation has expired."), details={"state": dispute.state})
    invitation.used_at, invitation.used_by = now, by
    invitation.save(update_fields=["used_at", "used_by"])
    dispute.respondent_company_id = by.company_id
    company = by.company
    assert company is not None  # by.company_id was checked above
    dispute.respondent_nib = company.nib
    dispute.save(update_fields=["respondent_company", "respondent_nib"])
    event_record(dispute=dispute, by=by, name="invitation_claimed", source=dispute.state, target=dispute.state,
                 at=now, payload={"company": {"id": by.company_id, "name": company.name}})
    return dispute


SIGNATURES = {
    "application/pdf": [b"%PDF-"],
    "image/jpeg": [b"\xff\xd8\xff"],
    "image/png": [b"\x89PNG\r\n\x1a\n"],
}


def sniff_content_type(head: bytes) -> str | None:
    """PDF, JPEG or PNG by the file's first bytes, whatever its name or declared type says."""
    for content_type, magics in SIGNATURES.items():
        if any(head.startswith(m) for m in magics):
            return content_type
    return None


def evidence_upload(*, dispute: Dispute, by: User, title: str, upload: Any) -> Evidence:
    """A party attaches a PDF, JPEG or PNG of at most 10 MB; its SHA-256 is recorded."""
    from sikhi.api import TooLarge, UnsupportedType

    if not perms.can_upload_evidence(by, dispute):
        raise Forbidden()
    if dispute.is_terminal:
        raise Conflict(_("Evidence cannot be added to a closed dispute."), details={"state": dispute.state})
    if upload.size > settings.SIKHI_EVIDENCE_MAX_BYTES:
        raise TooLarge(_("The file is larger than 10 MB."))
    upload.seek(0)
    content_type = sniff_content_type(upload.read(16))
    if content_type is None:
        raise UnsupportedType(_("Only PDF, JPEG and PNG files are accepted."))
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        evidence = Evidence(dispute=dispute, title=title, original_name=(upload.name or "")[:255],
                            content_type=content_type, size=upload.size, sha256=digest.hexdigest(),
                            uploaded_by=by)
        evidence.file.save("upload", upload, save=False)
        try:
            evidence.save()
            event_record(dispute=dispute, by=by, name="evidence_uploaded", source=dispute.state,
                         target=dispute.state, at=timezone.now(),
                         payload={"evidence_id": evidence.pk, "title": title, "sha256": evidence.sha256})
        except Exception:
            evidence.file.delete(save=False)
            raise
    return evidence


@transaction.atomic
def court_registration_record(*, dispute: Dispute, by: User, court: str, akta_number: str,
                              registered_on: dt.date) -> Dispute:
    """Record the PHI court's registration (akta) of the signed agreement."""
    d = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if not perms.can_register_at_court(by, d):
        raise Forbidden()
    if d.state != S.SETTLED:
        raise Conflict(_("Only a settled dispute can be registered at the court."), details={"state": d.state})
    if d.court_akta_number:
        raise Conflict(_("The court registration has already been recorded."))
    d.court_name, d.court_akta_number, d.court_registered_on = court, akta_number, registered_on
    d.save(update_fields=["court_name", "court_akta_number", "court_registered_on"])
    event_record(dispute=d, by=by, name="court_registration", source=d.state, target=d.state, at=timezone.now(),
                 payload={"court": court, "akta_number": akta_number, "registered_on": registered_on.isoformat()})
    return d
