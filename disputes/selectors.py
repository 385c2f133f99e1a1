"""Permission-scoped reads of disputes: a dispute a user may not see does not exist for them."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from accounts.models import Role, User
from disputes import permissions as perms
from disputes.mandates import PowerOfAttorney
from disputes.models import Dispute, Evidence
from sikhi.api import NotFound


def _visible_q(user: Any) -> Q | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if user.role == Role.WORKER:
        return Q(petitioner_id=user.id)
    if user.role == Role.COMPANY and user.company_id:
        return Q(respondent_company_id=user.company_id, submitted_at__isnull=False)
    if user.role in (Role.OFFICER, Role.MEDIATOR) and user.office_id:
        return Q(office_id=user.office_id, submitted_at__isnull=False)
    return None


def _related_model(name: str) -> Any:
    """The model of a dispute's reverse relation (`agreements`: mediation.Agreement), reached through the
    relation the app above declares: disputes does not import it."""
    return Dispute._meta.get_field(name).related_model


def dispute_list_for(*, user: Any, status: str | None = None, type: str | None = None) -> QuerySet[Dispute]:
    """The disputes `user` may see, newest first, with what a list shows of each prefetched: deadlines, rooms,
    and the recommendation's answers and the open agreement's signatures that `services.next_actor` reads
    (`open_agreements`: the agreements not rejected, newest first), so that a list costs the same number of
    queries whatever its length."""
    q = _visible_q(user)
    if q is None:
        return Dispute.objects.none()
    qs = (
        Dispute.objects.filter(q)
        .select_related("office", "petitioner", "respondent_company", "mediator", "recommendation")
        .prefetch_related(
            "deadlines", "rooms", "recommendation__answers",
            Prefetch("agreements", to_attr="open_agreements",
                     queryset=_related_model("agreements").objects.filter(rejected_at__isnull=True).order_by("-id")
                     .prefetch_related("signatures")),
        )
    )
    if status:
        qs = qs.filter(state=status)
    if type:
        qs = qs.filter(type=type)
    return qs.order_by("-id")


def dispute_get_for(*, user: Any, pk: Any) -> Dispute:
    """The dispute `pk` if `user` may see it; otherwise NotFound (404, never 403)."""
    try:
        dispute = (
            Dispute.objects.select_related("office", "petitioner", "respondent_company", "mediator").get(pk=int(pk))
        )
    except (Dispute.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    if not perms.can_see_dispute(user, dispute):
        raise NotFound()
    return dispute


def evidence_get_for(*, user: Any, pk: Any) -> Evidence:
    """An evidence file whose dispute `user` may see; otherwise NotFound."""
    try:
        evidence = Evidence.objects.select_related("dispute").get(pk=int(pk))
    except (Evidence.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    if not perms.can_see_dispute(user, evidence.dispute):
        raise NotFound()
    return evidence


def mediator_loads(*, office_id: str) -> QuerySet:
    """The office's active mediators with `open_cases`: their disputes not yet closed (one query)."""
    from django.db.models import Count

    from disputes.models import TERMINAL_STATES

    return (
        User.objects.filter(role=Role.MEDIATOR, office_id=office_id, is_active=True)
        .annotate(open_cases=Count("mediated_disputes", filter=~Q(mediated_disputes__state__in=TERMINAL_STATES)))
        .order_by("open_cases", "name")
    )


def power_of_attorney_get_for(*, user: Any, pk: Any) -> PowerOfAttorney:
    """A members' surat kuasa whose dispute `user` may see; otherwise NotFound."""
    try:
        mandate = PowerOfAttorney.objects.select_related("dispute").get(pk=int(pk))
    except (PowerOfAttorney.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    if not perms.can_see_dispute(user, mandate.dispute):
        raise NotFound()
    return mandate
