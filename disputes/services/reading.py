"""Reading what a user may do on a dispute, and who acts next."""

from __future__ import annotations

from typing import Any

from disputes import permissions as perms
from disputes.models import (
    AgreementOrigin,
    Dispute,
    DisputeState,
)

S = DisputeState
PARTIES = ["petitioner", "respondent"]


def _current_agreement(dispute: Dispute) -> Any:
    """The newest agreement (mediation.Agreement, through its relation) not rejected; from `open_agreements`
    when a list selector prefetched it."""
    prefetched = getattr(dispute, "open_agreements", None)
    if prefetched is not None:
        return prefetched[0] if prefetched else None
    return dispute.agreements.filter(rejected_at__isnull=True).order_by("-id").first()


def signatory_role(dispute: Dispute, user: Any, agreement: Any) -> str | None:
    side = perms.party_side(dispute, user)
    if side:
        return side
    if agreement and agreement.origin == AgreementOrigin.MEDIATION and perms.is_assigned_mediator(dispute, user):
        return "mediator"
    return None


def _already_done(dispute: Dispute, user: Any, name: str) -> bool:
    """Once-per-party rules: a route chosen, a recommendation answered, an agreement signed (answers and
    signatures read through `.all()`: a list's prefetch, or at most two or three rows)."""
    if name == "choose_route":
        side = perms.party_side(dispute, user)
        return bool(side and getattr(dispute, f"route_{side}"))
    if name == "respond_recommendation":
        side = perms.party_side(dispute, user)
        rec = getattr(dispute, "recommendation", None) if side else None
        return bool(rec and any(answer.side == side for answer in rec.answers.all()))
    if name == "sign_agreement":
        agreement = _current_agreement(dispute)
        role = signatory_role(dispute, user, agreement)
        return role is None or agreement is None or any(s.role == role for s in agreement.signatures.all())
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


