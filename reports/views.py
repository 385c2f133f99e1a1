"""HTTP adapters for the office's reports: statistics (JSON) and the register (CSV, XLSX)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from disputes.models import DisputeType
from reports.exports import CSV_SEPARATORS, register_csv, register_filename, register_xlsx
from reports.selectors import STAGES, VISIBLE_STATES, office_stats, register_rows, report_scope_for
from sikhi.api import Invalid

SCOPE_PARAMETERS = [
    OpenApiParameter("year", int, description="Calendar year (WIB), 2000 to 2100; default the current year."),
    OpenApiParameter(
        "office", str,
        description="Office code, e.g. `32.73`. Administrators only (any office; without it, every office at "
                    "once); officers and mediators always get their own office and may repeat its code.",
    ),
]
ERRORS = {
    400: OpenApiResponse(description="`invalid`: a bad `year` or an unknown `office`"),
    401: OpenApiResponse(description="`not_authenticated`"),
    403: OpenApiResponse(description="`forbidden`: not office staff or an administrator, or another office"),
}


StatsOut = inline_serializer(name="OfficeStats", fields={
    "year": serializers.IntegerField(),
    "office": inline_serializer(name="StatsOffice", fields={"code": serializers.CharField(),
                                                           "name": serializers.CharField()}, allow_null=True,
                                help_text="null when an administrator asked for every office"),
    "by_status": serializers.DictField(child=serializers.IntegerField(),
                                       help_text=f"disputes filed in the year by current state: {VISIBLE_STATES}"),
    "by_type": serializers.DictField(child=serializers.IntegerField(),
                                     help_text=f"disputes filed in the year by type: {DisputeType.values}"),
    "opened": serializers.IntegerField(help_text="disputes filed (submitted) in the year"),
    "closed": serializers.IntegerField(help_text="disputes that reached a terminal state in the year"),
    "settled": serializers.IntegerField(help_text="of `closed`, settled by a signed agreement"),
    "court_referral": serializers.IntegerField(help_text="of `closed`, recommendation rejected (also by silence)"),
    "median_working_days_to_close": serializers.FloatField(
        allow_null=True, help_text="median working days from filing to closing of the year's closed disputes"),
    "overdue_deadlines": serializers.IntegerField(help_text="deadlines past due and not met, now"),
    "mediator_load": inline_serializer(name="MediatorLoad", many=True, fields={
        "mediator": inline_serializer(name="MediatorRef", fields={"id": serializers.IntegerField(),
                                                                  "name": serializers.CharField()}),
        "open": serializers.IntegerField(help_text="non-terminal disputes assigned to this mediator, now"),
    }),
    "outcomes": serializers.DictField(child=serializers.IntegerField(),
                                      help_text="the year's closed disputes by terminal state"),
    "by_stage": serializers.DictField(child=serializers.IntegerField(),
                                      help_text=f"`by_status` grouped into stages: {list(STAGES)}"),
    "by_type_and_stage": serializers.DictField(child=serializers.DictField(child=serializers.IntegerField())),
    "by_month": inline_serializer(name="StatsMonth", many=True, fields={
        "month": serializers.IntegerField(), "opened": serializers.IntegerField(),
        "closed": serializers.IntegerField()}),
})


class StatsView(APIView):
    """An office's statistics for a year."""

    @extend_schema(
        operation_id="stats_retrieve", tags=["reports"],
        description="Officers and mediators: their own office; administrators: any office, or all of them.",
        parameters=SCOPE_PARAMETERS,
        responses={200: StatsOut, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        scope = report_scope_for(user=request.user, year=request.query_params.get("year"),
                                 office=request.query_params.get("office"))
        return Response(office_stats(scope=scope))


class _AlwaysJson(BaseContentNegotiation):
    """The register views answer a file themselves; errors are JSON whatever the Accept header says."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class _RegisterView(APIView):
    content_negotiation_class = _AlwaysJson
    extension = ""
    content_type = ""

    def get(self, request: Request) -> HttpResponse:
        scope = report_scope_for(user=request.user, year=request.query_params.get("year"),
                                 office=request.query_params.get("office"))
        body = self.render_file(register_rows(scope=scope), scope)
        response = HttpResponse(body, content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{register_filename(scope, self.extension)}"'
        response["Cache-Control"] = "private, no-store"
        return response

    def render_file(self, rows, scope) -> bytes:
        raise NotImplementedError


REGISTER_DESCRIPTION = (
    "The office register (buku registrasi perselisihan) of a year: one row per dispute whose registration "
    "number (assigned when the office accepts the registration) is of that year, in number order, with the "
    "dispute and registration numbers, the parties, the type, the date of each stage (filed, bipartite "
    "started and ended, registration submitted and accepted, delegated to the mediator, recommendation "
    "issued, closed), the mediator, the outcome and notes (deemed rejections of the recommendation, "
    "strike-offs, collective disputes, court registration). Headers follow the request's language. "
    "Same access as `GET /api/v1/stats/`; errors are JSON."
)


class RegisterCsvView(_RegisterView):
    """The office register as CSV."""

    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    @extend_schema(
        operation_id="register_csv", tags=["reports"],
        description=REGISTER_DESCRIPTION + " CSV in UTF-8 with a BOM and CRLF line ends; a value holding the "
                    "separator, a quote or a line break is quoted.",
        parameters=[*SCOPE_PARAMETERS, OpenApiParameter(
            "sep", str, enum=list(CSV_SEPARATORS),
            description="List separator: `comma` (default) or `semicolon`, for Excel with Indonesian regional "
                        "settings, which splits columns at `;`. Anything else is 400 `invalid`.")],
        responses={(200, "text/csv"): OpenApiTypes.STR, **ERRORS},
    )
    def get(self, request: Request) -> HttpResponse:
        return super().get(request)

    def render_file(self, rows, scope) -> bytes:
        sep = self.request.query_params.get("sep") or "comma"
        if sep not in CSV_SEPARATORS:
            raise Invalid(details={"sep": [_("Must be one of: %(choices)s.") % {"choices": ", ".join(CSV_SEPARATORS)}]})
        return register_csv(rows, delimiter=CSV_SEPARATORS[sep])


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RegisterXlsxView(_RegisterView):
    """The office register as an XLSX workbook."""

    extension = "xlsx"
    content_type = XLSX

    @extend_schema(operation_id="register_xlsx", tags=["reports"], description=REGISTER_DESCRIPTION + " One worksheet.",
                   parameters=SCOPE_PARAMETERS, responses={(200, XLSX): OpenApiTypes.BINARY, **ERRORS})
    def get(self, request: Request) -> HttpResponse:
        return super().get(request)

    def render_file(self, rows, scope) -> bytes:
        return register_xlsx(rows, title=_("Register %(year)s") % {"year": scope.year})

