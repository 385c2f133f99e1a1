"""The transitions of the agreement and the recommendation (moved from disputes.services.transitions: disputes
does not import mediation): their payloads and handlers, registered into `disputes.services.TRANSITIONS` by
`MediationConfig.ready()`. `dispute_transition` still makes them: checks, state, audit row, event."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from rest_framework import serializers

from accounts.models import User
from disputes import extensions, parties
from disputes.deadlines import deadline_resume, deadline_start, deadlines_close
from disputes.models import AgreementOrigin, DeadlineKey, DeadlineState, DisputeState
from disputes.services.reading import _current_agreement, signatory_role
from disputes.services.transitions import (
    MEDIATION_STAGE_KEYS,
    Ctx,
    TransitionSpec,
    _Reason,
    transition_register,
)
from mediation.models import (
    Agreement,
    AgreementSignature,
    Recommendation,
    RecommendationAnswer,
    absent_after_proper_summonses,
)
from mediation.serializers import AgreementTermsIn
from mediation.terms import agreement_items_write, items_from_recommendation
from sikhi.api import Conflict, Invalid

K = DeadlineKey
S = DisputeState


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
    extensions.answer_clocks_sync(dispute=d)


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
    silent = extensions.answer_clocks_run_out(dispute=d, at=c.at)
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
    person = role in parties.SIDES and parties.kind(d, role) == "worker"
    organisation = role in parties.SIDES and not person
    AgreementSignature.objects.create(
        agreement=agreement, role=role, user=c.by, at=c.at, typed_name=typed,
        # A worker gives an address; a company's or a union's signatory their position and authority.
        address=c.data.get("address", "").strip() if person else "",
        position=c.data.get("position", "").strip() if organisation else "",
        authority=c.data.get("authority", "").strip() if organisation else "")
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


MEDIATION_TRANSITIONS: dict[str, TransitionSpec] = {
    "propose_agreement": TransitionSpec(_propose_agreement, AgreementTermsIn),
    "reach_agreement": TransitionSpec(_reach_agreement, AgreementTermsIn),
    "issue_recommendation": TransitionSpec(_issue_recommendation, _IssueRecommendation),
    "respond_recommendation": TransitionSpec(_respond_recommendation, _RespondRecommendation),
    "expire_recommendation": TransitionSpec(_expire_recommendation),
    "sign_agreement": TransitionSpec(_sign_agreement, _Sign),
    "reject_agreement": TransitionSpec(_reject_agreement, _Reason),
}


def register() -> None:
    transition_register(MEDIATION_TRANSITIONS)
