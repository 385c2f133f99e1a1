"""The office dashboard page (server-rendered; charts are SVG drawn on the server)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from disputes.models import DisputeState, DisputeType
from reports.charts import bar_chart, column_chart
from reports.permissions import can_see_dashboard
from reports.selectors import OUTCOME_STATES, STAGES, office_stats, report_scope_for
from sikhi.api import Invalid


def _charts(stats: dict) -> list:
    states = dict(DisputeState.choices)
    types = dict(DisputeType.choices)
    stage_labels = {key: str(label) for key, (label, _states) in STAGES.items()}
    months = [str(MONTHS_3[m]).capitalize() for m in range(1, 13)]
    year = {"year": stats["year"]}
    by_stage = bar_chart(
        id="chart-stage", title=_("Disputes filed in %(year)s by stage") % year, label_header=_("Stage"),
        items=[(stage_labels[key], n) for key, n in stats["by_stage"].items()],
    )
    # The stage chart's table also splits each stage by type.
    by_stage.headers = [_("Stage"), *[str(types[t]) for t in stats["by_type_and_stage"]], _("Total")]
    by_stage.rows = [
        [stage_labels[key], *[stats["by_type_and_stage"][t][key] for t in stats["by_type_and_stage"]],
         stats["by_stage"][key]]
        for key in STAGES
    ]
    return [
        bar_chart(id="chart-type", title=_("Disputes filed in %(year)s by type") % year, label_header=_("Type"),
                  items=[(str(types[t]), n) for t, n in stats["by_type"].items()]),
        by_stage,
        bar_chart(id="chart-status", title=_("Disputes filed in %(year)s by status") % year, label_header=_("Status"),
                  items=[(str(states[s]), n) for s, n in stats["by_status"].items()]),
        column_chart(id="chart-months", title=_("Filed and ended per month in %(year)s") % year, categories=months,
                     category_header=_("Month"),
                     series=[(_("Filed"), [m["opened"] for m in stats["by_month"]]),
                             (_("Ended"), [m["closed"] for m in stats["by_month"]])]),
        bar_chart(id="chart-outcomes", title=_("Outcomes of the disputes that ended in %(year)s") % year,
                  label_header=_("Outcome"), items=[(str(states[s]), stats["outcomes"][s]) for s in OUTCOME_STATES]),
        bar_chart(id="chart-mediators", title=_("Open cases per mediator (today)"), label_header=_("Mediator"),
                  value_header=_("Open cases"),
                  items=[(m["mediator"]["name"], m["open"]) for m in stats["mediator_load"]]),
    ]


@require_GET
@login_required
def office_dashboard_view(request: HttpRequest) -> HttpResponse:
    """Officers and mediators: their office's figures for a year, as charts with data tables."""
    if not can_see_dashboard(request.user):
        raise PermissionDenied
    error = None
    try:
        scope = report_scope_for(user=request.user, year=request.GET.get("year"))
    except Invalid as exc:
        error = "; ".join(str(m) for messages in exc.details.values() for m in messages)
        scope = report_scope_for(user=request.user)
    stats = office_stats(scope=scope)
    this_year = timezone.localtime().year
    years = sorted({*range(this_year - 5, this_year + 1), scope.year}, reverse=True)
    query = f"?year={scope.year}"
    return render(request, "reports/office_dashboard.html", {
        "scope": scope,
        "stats": stats,
        "charts": _charts(stats),
        "years": years,
        "error": error,
        "register_csv": f"/api/v1/register.csv{query}",
        "register_csv_semicolon": f"/api/v1/register.csv{query}&sep=semicolon",
        "register_xlsx": f"/api/v1/register.xlsx{query}",
    })
