"""HTTP adapter of the severance calculator: validate, calculate, label the result in the request's language."""

from __future__ import annotations

from dataclasses import asdict

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from severance.calculator import Severance, calculate
from severance.serializers import SeveranceInput, SeveranceOutput
from sikhi.api import Invalid
from sikhi.nul import JSONParser

DESCRIPTION = """\
Statutory minimum severance of a permanent (PKWTT) worker under PP 35/2021 Art. 40 and the reason's article
(41-57). No sign-in, no CSRF token; nothing is stored.

* `years_of_service` is the number of completed years and `months_of_service` the completed months beyond them
  (0-11), counted by calendar: a month is completed on the monthly anniversary of `start_date`, so
  2020-01-15 → 2023-01-14 is 2 years 11 months and → 2023-01-15 is 3 years 0 months. When the start day does not
  exist in a month, the anniversary is that month's last day (2020-01-31 → 2020-02-29 is 1 month; a 29 February
  start completes its years on 28 February).
* UP = multiplier x base months (Art. 40(2): < 1 year 1 month, … , ≥ 8 years 9 months) x wage;
  UPMK = multiplier x base months (Art. 40(3): < 3 years 0, 3-< 6 years 2, … , 21-< 24 years 8, ≥ 24 years 10) x
  wage. `base_months` is the table's value even when the reason's multiplier is 0.
* UPH counts only unused annual leave: `daily_wage` = monthly wage ÷ 21 (5-day week) or ÷ 25 (6-day week)
  (PP 36/2021 Art. 17), rounded to whole rupiah; amount = leave days x `daily_wage`. The return-travel cost
  and items of the PK, PP or PKB are not included.
* Amounts are whole rupiah rounded half up; `total` is the sum of the three amounts.
* Not computed: uang pisah (set by the PK, PP or PKB; the note says when it is due), tax (PPh 21), offset of
  pension contributions (Art. 58). `monthly_wage` is basic wage plus fixed allowances; for daily-paid workers
  30 x the daily wage, for piece-rate workers the 12-month average (at least the minimum wage).
* `note` (in the request's language: Indonesian by default, English with `Accept-Language: en`) labels the
  result as the statutory minimum, which the Constitutional Court (MK 168/PUU-XXI/2023) reads as "at least".
"""


def json_object(request: Request) -> dict:
    """The request body, which must be a JSON object."""
    if not isinstance(request.data, dict):
        raise Invalid(details={"body": [_("The request body must be a JSON object.")]})
    return request.data


def severance_note(result: Severance) -> str:
    """The statutory-minimum label and what the figures leave out, in the active language."""
    parts = [
        _("statutory minimum; under Art. 156(2) of UU 13/2003 as amended, which the Constitutional Court "
          "(MK 168/PUU-XXI/2023) reads as \"at least\", the employment contract, company regulation, collective "
          "agreement or an agreement of the parties may give more."),
    ]
    if result.reason.separation_pay:
        parts.append(_("Uang pisah is also due; its amount is set in the employment contract, company "
                       "regulation or collective agreement and is not included here."))
    if result.reason.key == "art57":
        parts.append(_("The amounts are paid to the worker's heirs."))
    parts.append(_("UPH here counts only annual leave not yet taken and not yet forfeited; the cost of returning "
                   "the worker and family to the place of hire and other rights under the employment contract, "
                   "company regulation or collective agreement are not included."))
    parts.append(_("Income tax (PPh 21) and any offset of the employer's pension contributions (PP 35/2021 "
                   "Art. 58) are not applied."))
    return " ".join(parts)


class SeveranceCalculateView(APIView):
    """Calculate the statutory minimum UP, UPMK and UPH for a PHK; open to anyone, stores nothing."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="severance_calculate",
        summary="Statutory minimum severance (PP 35/2021)",
        description=DESCRIPTION,
        request=SeveranceInput,
        responses={
            200: SeveranceOutput,
            400: OpenApiResponse(description="invalid: details name each bad field (reason, start_date, "
                                             "end_date, monthly_wage, unused_leave_days, days_per_week, body)"),
        },
        auth=[],
        examples=[
            OpenApiExample(
                "Efficiency because of losses",
                request_only=True,
                value={"reason": "art43_1", "start_date": "2020-01-15", "end_date": "2025-03-31",
                       "monthly_wage": 5_000_000, "unused_leave_days": 4, "days_per_week": 5},
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        serializer = SeveranceInput(data=json_object(request))
        serializer.is_valid(raise_exception=True)
        result = calculate(**serializer.validated_data)
        return Response(SeveranceOutput({**asdict(result), "note": severance_note(result)}).data)
