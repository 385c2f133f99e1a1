"""The office's view: statistics and the register (buku registrasi perselisihan), permission-scoped.

Every figure comes from a handful of grouped queries whatever the number of disputes: the year's
disputes grouped by (state, type, month), the year's closed disputes grouped by (state, day filed,
day closed), one count of overdue deadlines and one grouped query for the mediators' load. Working
days to close are counted from those (filed, closed) day pairs with one running count of working days
over the calendar (accounts/calendar.py), not with one calendar walk per dispute."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.db.models.functions import ExtractMonth, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.calendar import JAKARTA, WorkingCalendar, local_date
from accounts.models import Office, Role, User
from disputes.models import (
    NON_TERMINAL_STATES,
    TERMINAL_STATES,
    Deadline,
    DeadlineState,
    Dispute,
    DisputeEvent,
    DisputeState,
    DisputeType,
    FailureReason,
)
from mediation.models import RecommendationAnswer
from reports.permissions import can_see_office_reports, can_see_reports, is_admin
from sikhi.api import Forbidden, Invalid

S = DisputeState
MIN_YEAR, MAX_YEAR = 2000, 2100

# The states staff can see (a draft is the worker's alone), in the workflow's order.
VISIBLE_STATES = [s for s in S.values if s != S.DRAFT]
OUTCOME_STATES: list[str] = [S.SETTLED, S.COURT_REFERRAL, S.REFERRED_CONCILIATION, S.REFERRED_ARBITRATION,
                             S.STRUCK_OFF, S.WITHDRAWN]

# Stages group the states for the dashboard (workflow.md "States").
STAGES: dict[str, tuple[Any, list[str]]] = {
    "bipartite": (gettext_lazy("Bipartite"), [S.BIPARTITE_INVITED, S.BIPARTITE, S.BIPARTITE_FAILED]),
    "registration": (gettext_lazy("Registration"),
                     [S.REGISTRATION_SUBMITTED, S.REGISTRATION_RETURNED, S.ADR_OFFERED]),
    "mediation": (gettext_lazy("Mediation"), [S.AWAITING_MEDIATOR, S.MEDIATION, S.RECOMMENDATION_ISSUED]),
    "agreement": (gettext_lazy("Agreement"), [S.AGREEMENT_DRAFTING]),
    "closed": (gettext_lazy("Ended"), OUTCOME_STATES),
}
STAGE_OF = {state: stage for stage, (_label, states) in STAGES.items() for state in states}


@dataclass(frozen=True)
class ReportScope:
    """One office (or, for an administrator, every office: `office` None) and one calendar year in WIB."""

    year: int
    office: Office | None

    @property
    def start(self) -> dt.datetime:
        return dt.datetime(self.year, 1, 1, tzinfo=JAKARTA)

    @property
    def end(self) -> dt.datetime:
        return dt.datetime(self.year + 1, 1, 1, tzinfo=JAKARTA)

    @property
    def slug(self) -> str:
        return f"{self.office.code if self.office else 'semua'}-{self.year}"


def report_scope_for(*, user: Any, year: str | None = None, office: str | None = None,
                     now: dt.datetime | None = None) -> ReportScope:
    """The scope `user` asked for: 403 for anyone but office staff and administrators, 400 for a bad year
    or an unknown office, 403 for a staff member asking about another office. `office` only matters to an
    administrator (staff always see their own office); without it an administrator sees every office."""
    if not can_see_reports(user):
        raise Forbidden(_("Only the office's officers and mediators may see its reports."))
    errors: dict[str, list[str]] = {}
    if not year:  # None or ""
        the_year = timezone.localtime(now or timezone.now()).year
    elif year.isascii() and year.isdigit() and MIN_YEAR <= int(year) <= MAX_YEAR:
        the_year = int(year)
    else:
        the_year = 0
        errors["year"] = [_("Must be a year from %(min)s to %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}]
    chosen: Office | None = None
    if office not in (None, ""):
        chosen = Office.objects.filter(code=office).first()
        if chosen is None:
            errors["office"] = [_("Unknown office.")]
    if errors:
        raise Invalid(details=errors)
    if chosen is None and not is_admin(user):
        chosen = Office.objects.get(code=user.office_id)
    if not can_see_office_reports(user, chosen.code if chosen else None):
        raise Forbidden(_("You may only see your own office's reports."))
    return ReportScope(year=the_year, office=chosen)


# --- working days ---------------------------------------------------------------------------------------


def working_day_counter(first: dt.date, last: dt.date,
                        calendar: WorkingCalendar | None = None) -> Callable[[dt.date, dt.date], int]:
    """A function (start, end) -> working days after `start` up to and including `end`, the same count as
    WorkingCalendar.working_days_between, for any days within [first, last]: one pass over the calendar,
    then each answer is a subtraction of two running counts."""
    calendar = calendar or WorkingCalendar()
    running: dict[dt.date, int] = {}
    count, day = 0, first
    while day <= last:
        if calendar.is_working_day(day):
            count += 1
        running[day] = count
        day += dt.timedelta(days=1)
    return lambda start, end: max(0, running[end] - running[start])


def weighted_median(pairs: Iterable[tuple[int, int]]) -> float | int | None:
    """The median of values given as (value, how many times); the mean of the middle two for an even count."""
    rows = sorted((v, n) for v, n in pairs if n > 0)
    total = sum(n for _v, n in rows)
    if total == 0:
        return None
    lower_rank, upper_rank = (total - 1) // 2, total // 2  # 0-based ranks of the middle value(s)
    lower = upper = None
    seen = 0
    for value, n in rows:
        if lower is None and lower_rank < seen + n:
            lower = value
        if upper_rank < seen + n:
            upper = value
            break
        seen += n
    assert lower is not None and upper is not None  # total > 0, so the loop set both
    middle = (lower + upper) / 2
    return int(middle) if middle == int(middle) else middle


# --- statistics --------------------------------------------------------------------------------------------


def _disputes(scope: ReportScope) -> QuerySet[Dispute]:
    qs = Dispute.objects.filter(submitted_at__isnull=False)
    if scope.office is not None:
        qs = qs.filter(office=scope.office)
    return qs.order_by()  # no default ordering: it would join the GROUP BY


def office_stats(*, scope: ReportScope, now: dt.datetime | None = None) -> dict[str, Any]:
    """The year's figures for the scope (api.md `GET /api/v1/stats/`), plus `by_stage`, `by_type_and_stage`,
    `outcomes` and `by_month` for the dashboard. Filed disputes count in the year they were submitted,
    closed ones in the year they closed; `overdue_deadlines` and `mediator_load` describe the present."""
    now = now or timezone.now()
    disputes = _disputes(scope)

    # 1. The year's filed disputes by state, type and month of filing.
    by_status = dict.fromkeys(VISIBLE_STATES, 0)
    by_type = dict.fromkeys(DisputeType.values, 0)
    by_type_and_stage = {t: dict.fromkeys(STAGES, 0) for t in DisputeType.values}
    opened_by_month = [0] * 12
    filed = (
        disputes.filter(submitted_at__gte=scope.start, submitted_at__lt=scope.end)
        .values("state", "type", month=ExtractMonth("submitted_at", tzinfo=JAKARTA))
        .annotate(n=Count("id"))
    )
    for row in filed:
        by_status[row["state"]] = by_status.get(row["state"], 0) + row["n"]
        by_type[row["type"]] = by_type.get(row["type"], 0) + row["n"]
        by_type_and_stage.setdefault(row["type"], dict.fromkeys(STAGES, 0))[STAGE_OF[row["state"]]] += row["n"]
        opened_by_month[row["month"] - 1] += row["n"]

    # 2. The year's closed disputes by outcome, day filed and day closed (for months and working days).
    outcomes = dict.fromkeys(OUTCOME_STATES, 0)
    closed_by_month = [0] * 12
    durations: list[tuple[dt.date, dt.date, int]] = []
    closed = (
        disputes.filter(closed_at__gte=scope.start, closed_at__lt=scope.end)
        .values("state", filed_on=TruncDate("submitted_at", tzinfo=JAKARTA),
                closed_on=TruncDate("closed_at", tzinfo=JAKARTA))
        .annotate(n=Count("id"))
    )
    for row in closed:
        outcomes[row["state"]] = outcomes.get(row["state"], 0) + row["n"]
        closed_by_month[row["closed_on"].month - 1] += row["n"]
        durations.append((row["filed_on"], row["closed_on"], row["n"]))
    median = None
    if durations:
        count = working_day_counter(min(d[0] for d in durations), max(d[1] for d in durations))
        per_value: dict[int, int] = defaultdict(int)
        for filed_on, closed_on, n in durations:
            per_value[count(filed_on, closed_on)] += n
        median = weighted_median(per_value.items())

    # 3. Deadlines past due and not met, today.
    deadlines = Deadline.objects.filter(state__in=[DeadlineState.OPEN, DeadlineState.OVERDUE], due_at__lt=now)
    if scope.office is not None:
        deadlines = deadlines.filter(dispute__office=scope.office)
    overdue = deadlines.count()

    # 4. Each mediator's open cases, today (active mediators, and any other who still holds a case).
    mediators = User.objects.filter(role=Role.MEDIATOR)
    if scope.office is not None:
        mediators = mediators.filter(office=scope.office)
    load = (
        mediators.annotate(open=Count("mediated_disputes", filter=Q(mediated_disputes__state__in=NON_TERMINAL_STATES)))
        .filter(Q(is_active=True) | Q(open__gt=0))
        .order_by("-open", "name", "id")
        .values("id", "name", "open")
    )

    return {
        "year": scope.year,
        "office": {"code": scope.office.code, "name": scope.office.name} if scope.office else None,
        "by_status": by_status,
        "by_type": by_type,
        "opened": sum(opened_by_month),
        "closed": sum(closed_by_month),
        "settled": outcomes[S.SETTLED],
        "court_referral": outcomes[S.COURT_REFERRAL],
        "median_working_days_to_close": median,
        "overdue_deadlines": overdue,
        "mediator_load": [{"mediator": {"id": m["id"], "name": m["name"]}, "open": m["open"]} for m in load],
        "outcomes": outcomes,
        "by_stage": {stage: sum(by_status[s] for s in states) for stage, (_l, states) in STAGES.items()},
        "by_type_and_stage": by_type_and_stage,
        "by_month": [{"month": m + 1, "opened": opened_by_month[m], "closed": closed_by_month[m]}
                     for m in range(12)],
    }


# --- the register -------------------------------------------------------------------------------------------

# The first time each of these happened is a stage date of the register.
BIPARTITE_ENDED = ("decline_bipartite", "expire_invitation", "fail_bipartite", "expire_bipartite")
STAGE_EVENTS = ("accept_bipartite", *BIPARTITE_ENDED, "accept_registration", "assign_mediator",
                "issue_recommendation")


@dataclass
class RegisterRow:
    """One line of the office register (buku registrasi perselisihan)."""

    office: str
    registration_number: str
    number: str
    petitioner: str
    respondent: str
    respondent_nib: str
    type: str
    filed_on: dt.date | None
    bipartite_started_on: dt.date | None
    bipartite_ended_on: dt.date | None
    failure_reason: str
    registration_submitted_on: dt.date | None
    registered_on: dt.date | None
    mediator_assigned_on: dt.date | None
    mediator: str
    recommendation_issued_on: dt.date | None
    closed_on: dt.date | None
    status: str
    outcome: str
    notes: list[str] = field(default_factory=list)


def _day(moment: dt.datetime | None) -> dt.date | None:
    return local_date(moment) if moment else None


def _side_label(side: str) -> str:
    return _("the worker (petitioner)") if side == "petitioner" else _("the company (respondent)")


def register_rows(*, scope: ReportScope) -> list[RegisterRow]:
    """The registered disputes of the scope's year (those whose registration number, assigned when the
    office accepts the registration, is of that year), in register order, with the date of each stage,
    the mediator and the outcome; deemed rejections of the recommendation and strike-offs are noted.
    Three queries whatever the number of rows."""
    disputes = Dispute.objects.filter(registration_number__isnull=False)
    if scope.office is not None:
        # Numbers read "<office>/REG/<year>/<n:05d>" (disputes.services._accept_registration).
        disputes = disputes.filter(office=scope.office,
                                   registration_number__startswith=f"{scope.office.code}/REG/{scope.year}/")
    else:
        disputes = disputes.filter(registration_number__contains=f"/REG/{scope.year}/")
    rows = list(
        disputes.select_related("petitioner", "mediator")
        .only("office_id", "registration_number", "number", "type", "state", "failure_reason", "respondent_name",
              "respondent_nib", "collective", "members", "submitted_at", "registered_at", "closed_at", "court_name",
              "court_akta_number", "petitioner", "petitioner__name", "mediator", "mediator__name")
        .order_by("office_id", "registration_number")
    )
    ids = disputes.order_by().values("id")
    firsts: dict[int, dict[str, dt.datetime]] = defaultdict(dict)
    for ev in (DisputeEvent.objects.filter(dispute__in=ids, name__in=STAGE_EVENTS)
               .values("dispute_id", "name").annotate(at=Min("at")).order_by()):
        firsts[ev["dispute_id"]][ev["name"]] = ev["at"]
    answers: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    for answer_row in (RecommendationAnswer.objects.filter(recommendation__dispute__in=ids, accept=False)
                       .values("recommendation__dispute_id", "side", "by_silence").order_by("answered_at", "id")):
        answers[answer_row["recommendation__dispute_id"]].append(answer_row)

    types = dict(DisputeType.choices)
    states = dict(S.choices)
    reasons = dict(FailureReason.choices)
    result = []
    for d in rows:
        at = firsts.get(d.pk, {})
        ended = [at[name] for name in BIPARTITE_ENDED if name in at]
        notes: list[str] = []
        if d.collective:
            notes.append(_("Collective: %(n)s workers") % {"n": len(d.members or [])})
        for answer in answers.get(d.pk, []):
            if answer["by_silence"]:
                notes.append(_("Recommendation deemed rejected: no answer in time from %(side)s")
                             % {"side": _side_label(answer["side"])})
            else:
                notes.append(_("Recommendation rejected by %(side)s") % {"side": _side_label(answer["side"])})
        if d.state == S.STRUCK_OFF:
            notes.append(_("Struck off: the petitioner was absent after three summonses"))
        if d.court_akta_number:
            notes.append(_("Agreement registered at %(court)s, deed %(akta)s")
                         % {"court": d.court_name, "akta": d.court_akta_number})
        result.append(RegisterRow(
            office=d.office_id,
            registration_number=d.registration_number,
            number=d.number or "",
            petitioner=d.petitioner.name,
            respondent=d.respondent_name,
            respondent_nib=d.respondent_nib,
            type=str(types.get(d.type, d.type)),
            filed_on=_day(d.submitted_at),
            bipartite_started_on=_day(at.get("accept_bipartite")),
            bipartite_ended_on=_day(min(ended)) if ended else None,
            failure_reason=str(reasons.get(d.failure_reason, "")),
            registration_submitted_on=_day(d.registered_at),
            registered_on=_day(at.get("accept_registration")),
            mediator_assigned_on=_day(at.get("assign_mediator")),
            mediator=d.mediator.name if d.mediator_id else "",
            recommendation_issued_on=_day(at.get("issue_recommendation")),
            closed_on=_day(d.closed_at),
            status=d.state,
            outcome=str(states[d.state]) if d.state in TERMINAL_STATES
            else _("In progress: %(state)s") % {"state": states[d.state]},
            notes=notes,
        ))
    return result
