"""Permission-scoped reads of disputes: a dispute a user may not see does not exist for them."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from accounts.models import Role, User
from disputes import permissions as perms
from disputes.mandates import PowerOfAttorney
from disputes.models import Deadline, DeadlineState, Dispute, Evidence
from sikhi.api import NotFound


def _related_model(name: str) -> Any:
    """The model of a dispute's reverse relation (`agreements`: mediation.Agreement), reached through the
    relation the app above declares: disputes does not import it."""
    return Dispute._meta.get_field(name).related_model


def dispute_list_for(*, user: Any, status: str | None = None, type: str | None = None) -> QuerySet[Dispute]:
    """The disputes `user` may see (`visible_to`), newest first, with what a list shows of each prefetched:
    deadlines, rooms, members' surat kuasa, representatives, the recommendation's answers and the open agreement's
    signatures that `services.next_actor` reads (`open_agreements`: the agreements not rejected, newest first),
    and the meetings and sessions (with their summonses) that the transitions' conditions read, so that a list
    costs the same number of queries whatever its length (tests/disputes/test_list_queries.py)."""
    qs = (
        Dispute.objects.visible_to(user)
        .select_related("office", "petitioner", "petitioner_company", "petitioner_union", "respondent_company",
                        "mediator", "recommendation")
        .prefetch_related(
            "deadlines", "rooms", "recommendation__answers", "powers_of_attorney", "representatives",
            "bipartite_meetings",
            Prefetch("sessions", queryset=_related_model("sessions").objects.prefetch_related("summons")),
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
    """The dispute `pk` if `user` may see it (`visible_to`); otherwise NotFound (404, never 403)."""
    try:
        return (
            Dispute.objects.visible_to(user)
            .select_related("office", "petitioner", "petitioner_company", "petitioner_union", "respondent_company",
                            "mediator").get(pk=int(pk))
        )
    except (Dispute.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound() from None


def evidence_get_for(*, user: Any, pk: Any) -> Evidence:
    """An evidence file whose dispute `user` may see; otherwise NotFound."""
    try:
        evidence = Evidence.objects.select_related("dispute").get(pk=int(pk))
    except (Evidence.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    if not perms.can_see_dispute(user, evidence.dispute):
        raise NotFound()
    return evidence


def deadlines_overdue_for(*, user: Any) -> QuerySet[Deadline]:
    """The overdue clocks of the disputes `user` may see (an officer's desk), the most overdue first."""
    return (Deadline.objects.filter(dispute__in=Dispute.objects.visible_to(user), state=DeadlineState.OVERDUE)
            .select_related("dispute").order_by("due_at", "id"))


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
