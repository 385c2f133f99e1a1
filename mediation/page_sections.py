"""mediation's parts of pages that disputes draws (moved from disputes.pages: disputes does not import
mediation): the dispute page's stages and the mediator's week. Registered in `MediationConfig.ready()` through
`disputes.extensions`."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy

from disputes import permissions as perms
from disputes import services
from disputes.models import Dispute, DisputeState
from mediation.forms import agreement_items_formset
from mediation.models import BipartiteMeeting, MediationSession
from mediation.terms import rupiah, terbilang


def mediator_week_sessions(user, week_start: dt.date):
    """The mediator's sessions of the week starting `week_start`, for the mediator's home page: of the disputes
    the mediator leads, among those the mediator may see (`visible_to`)."""
    return (
        MediationSession.objects.filter(
            dispute__in=Dispute.objects.visible_to(user).filter(mediator_id=user.id),
            scheduled_for__date__gte=week_start,
            scheduled_for__date__lt=week_start + dt.timedelta(days=7),
        )
        .select_related("dispute")
        .order_by("scheduled_for")
    )


def mediation_section(dispute: Dispute, user) -> dict:
    """The dispute page's stages: bipartite meetings, sessions, the recommendation, the agreement out for
    signature (each as far as `user` may see it)."""
    out = {}
    if perms.can_see_bipartite_meetings(user, dispute):
        out["meetings"] = BipartiteMeeting.objects.filter(dispute=dispute).prefetch_related("signatures").order_by("id")
    if perms.can_see_sessions(user, dispute):
        out["sessions"] = (
            MediationSession.objects.filter(dispute=dispute).prefetch_related("summons").order_by("scheduled_for")
        )
        out["can_schedule"] = perms.can_schedule_session(user, dispute)
    if perms.can_see_recommendation(user, dispute):
        out["recommendation"] = getattr(dispute, "recommendation", None)
    out.update(agreement_context(dispute, user))
    return out


SIGNATORY_LABELS = {"petitioner": gettext_lazy("Worker"), "respondent": gettext_lazy("Company"),
                    "mediator": gettext_lazy("Mediator (witness)")}


def agreement_context(dispute: Dispute, user) -> dict:
    """The terms out for signature, in full, for every signatory (and what each has signed)."""
    agreement = services._current_agreement(dispute) if dispute.state == DisputeState.AGREEMENT_DRAFTING else None
    if agreement is None or not perms.can_see_agreement(user, dispute, origin=agreement.origin):
        return {}
    items = [{"kind": i.kind, "description": i.description, "amount": i.amount, "date": i.date,
              "payment_method": i.payment_method, "rupiah": rupiah(i.amount) if i.amount is not None else "",
              "words": terbilang(i.amount) if i.amount is not None else ""} for i in agreement.items.all()]
    signed = {s.role: s for s in agreement.signatures.select_related("user")}
    drafter = perms.can_draft_agreement(user, dispute, origin=agreement.origin)
    return {"agreement": agreement, "agreement_items": items,
            "agreement_formset": agreement_items_formset(agreement) if drafter else None,
            "agreement_signatures": [(role, SIGNATORY_LABELS[role], signed.get(role)) for role in agreement.required]}
