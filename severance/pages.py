"""The severance calculator page (/kalkulator-pesangon/): the API's calculation behind a form that works without JS.

GET shows the form, prefilled from the query string (`?reason=&start_date=&end_date=&monthly_wage=`, also
`unused_leave_days` and `days_per_week`) so that other pages can link to it; POST validates and shows the result.
The figures come from `severance.calculator.calculate`, the function the API calls, and the note from the API's
`severance_note`, so the page and `POST /api/v1/severance/calculate/` always agree.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, ngettext, pgettext
from django.views.decorators.http import require_http_methods

from severance.calculator import Severance, calculate
from severance.forms import REASON_LABELS, SeverancePageForm, article_label
from severance.views import severance_note

PREFILL = ("reason", "start_date", "end_date", "monthly_wage", "unused_leave_days", "days_per_week")
MAX_PREFILL = 40


def rupiah(amount: int) -> str:
    """Indonesian style in both languages: "Rp 12.345.678"."""
    return "Rp " + f"{amount:,}".replace(",", ".")


def decimal_text(value: Decimal) -> str:
    """0.5 -> "0,5" in Bahasa Indonesia, "0.5" in English; whole numbers without decimals."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",") if (get_language() or "id").startswith("id") else text


def service_text(years: int, months: int) -> str:
    return " ".join([
        ngettext("%(n)d year", "%(n)d years", years) % {"n": years},
        ngettext("%(n)d month", "%(n)d months", months) % {"n": months},
    ])


def capitalized(text: str) -> str:
    """The API's note begins in lower case ("statutory minimum; ..."); on the page it is a sentence."""
    return text[:1].upper() + text[1:]


def art40(paragraph: int) -> str:
    return pgettext("law", "Art. %(article)s(%(paragraph)s)") % {"article": 40, "paragraph": paragraph}


def result_context(result: Severance, monthly_wage: int) -> dict:
    """The result as the template shows it: every number already formatted."""
    return {
        "reason": REASON_LABELS[result.reason.key],
        "article": article_label(result.reason),
        "service": service_text(result.years_of_service, result.months_of_service),
        "wage": rupiah(monthly_wage),
        "up": {"base_months": result.up.base_months, "multiplier": decimal_text(result.up.multiplier),
               "amount": rupiah(result.up.amount), "article": art40(2)},
        "upmk": {"base_months": result.upmk.base_months, "multiplier": decimal_text(result.upmk.multiplier),
                 "amount": rupiah(result.upmk.amount), "article": art40(3)},
        "uph": {"leave_days": result.uph.leave_days, "daily_wage": rupiah(result.uph.daily_wage),
                "amount": rupiah(result.uph.amount), "article": art40(4)},
        "total": rupiah(result.total),
        "basis": result.basis,
        "note": capitalized(severance_note(result)),
        "separation_pay": result.reason.separation_pay,
    }


def prefill(query) -> dict:
    """Initial values from the query string; shown as typed, validated only when the form is sent."""
    return {name: query[name][:MAX_PREFILL] for name in PREFILL if query.get(name)}


@require_http_methods(["GET", "POST"])
def severance_calculator_view(request: HttpRequest) -> HttpResponse:
    """The calculator form, and on a valid POST the statutory minimum beside it."""
    result = None
    status = 200
    if request.method == "POST":
        form = SeverancePageForm(request.POST)
        if form.is_valid():
            result = result_context(calculate(**form.cleaned_data), form.cleaned_data["monthly_wage"])
        else:
            status = 400
        form.describe()
    else:
        form = SeverancePageForm(initial=prefill(request.GET))
    return render(request, "severance/calculator.html", {"form": form, "result": result}, status=status)
