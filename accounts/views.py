"""HTTP adapters of the account endpoints: authenticate, validate, call one service, render."""

from __future__ import annotations

from django.contrib.auth import login as auth_login
from django.middleware.csrf import get_token
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import permissions as perms
from accounts import selectors, services
from accounts.calendar import add_working_days, holidays_for_year
from accounts.serializers import (
    REGISTER_INPUTS,
    AddWorkingDaysInput,
    AddWorkingDaysOutput,
    CompanyListInput,
    CompanyLookupInput,
    CompanyLookupOutput,
    CompanyOutput,
    CompanyRegisterInput,
    CredentialsInput,
    CsrfOutput,
    HolidayListOutput,
    HolidaysInput,
    LoginOutput,
    MeOutput,
    RegisterBaseInput,
    RegisteredOutput,
    TokenOutput,
    UnionInput,
    UnionLookupInput,
    UnionOutput,
    WorkerRegisterInput,
)
from accounts.throttling import AuthRateThrottle
from sikhi.api import CursorPagination, Forbidden, Invalid
from sikhi.nul import JSONParser

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class AnonymousEndpoint(APIView):
    """For endpoints used before signing in: no authentication, hence no CSRF check and no 401."""

    authentication_classes: list = []
    permission_classes = [AllowAny]


def _json_object(request: Request) -> dict:
    """The request body, which must be a JSON object."""
    if not isinstance(request.data, dict):
        raise Invalid(details={"body": [_("The request body must be a JSON object.")]})
    return request.data


@method_decorator(ensure_csrf_cookie, name="dispatch")
class CsrfView(AnonymousEndpoint):
    """Sets the `csrftoken` cookie that session clients echo in the X-CSRFToken header."""

    @extend_schema(operation_id="auth_csrf", responses=CsrfOutput, auth=[])
    def get(self, request: Request) -> Response:
        return Response({"csrftoken": get_token(request)})


class RegisterView(AnonymousEndpoint):
    """A worker or a company representative signs up, and is signed in."""

    throttle_classes = [AuthRateThrottle]
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="auth_register",
        auth=[],
        request=PolymorphicProxySerializer(
            component_name="Register",
            serializers={"worker": WorkerRegisterInput, "company": CompanyRegisterInput},
            resource_type_field_name="role",
        ),
        responses={
            201: RegisteredOutput,
            400: OpenApiResponse(description="invalid: field details"),
            409: OpenApiResponse(description="conflict: username or NIB already registered"),
            429: OpenApiResponse(description="rate_limited"),
        },
    )
    def post(self, request: Request) -> Response:
        data = _json_object(request)
        role = data.get("role")
        # An unknown role validates against the common fields only, so that every error is reported at once.
        serializer_class = REGISTER_INPUTS.get(role, RegisterBaseInput) if isinstance(role, str) else None
        serializer_class = serializer_class or RegisterBaseInput
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        v = serializer.validated_data
        if serializer_class is WorkerRegisterInput:
            user = services.user_register_worker(
                username=v["username"], password=v["password"], name=v["name"], nik=v["nik"],
                phone=v["phone"], email=v["email"], address=v["address"],
            )
        else:
            company = v["company"]
            user = services.user_register_company(
                username=v["username"], password=v["password"], name=v["name"], phone=v["phone"],
                email=v["email"], company_name=company["name"], nib=company["nib"],
                address=company["address"], regency=company["regency"],
                invitation=v.get("invitation") or None,
            )
        auth_login(request._request, user, backend=MODEL_BACKEND)
        return Response(RegisteredOutput(user).data, status=status.HTTP_201_CREATED)


def _authenticate(request: Request):
    """Check {username, password} through the service that counts failures and locks accounts."""
    serializer = CredentialsInput(data=_json_object(request))
    serializer.is_valid(raise_exception=True)
    return services.login_attempt(request=request._request, **serializer.validated_data)


# The lock-out rule (accounts/services.py, "Sign-in lock-out"), as the schema tells it. The numbers are the defaults.
SIGN_IN_LIMITS = (
    "Limits, shared by `auth_login` and `auth_token` (and the sign-in page): each client address may make "
    "`SIKHI_AUTH_RATE` (20/m) sign-in, registration and token requests. After `SIKHI_LOGIN_FAILURES` (5) failed "
    "attempts for one username from one client address, that username is locked for that address only, for "
    "`SIKHI_LOGIN_LOCK_SECONDS` (15 minutes): failures from other addresses do not lock the user out. After "
    "`SIKHI_LOGIN_ACCOUNT_FAILURES` (100) failures for one username from all addresses together within that time, "
    "the username's sign-ins are paused for 15 minutes, except from addresses it signed in from successfully in "
    "the last 30 days. Every limit answers 429 `rate_limited` with `Retry-After` (seconds); the message says how "
    "long to wait. The client address is the connection's, or, behind `DJANGO_TRUSTED_PROXY_COUNT` reverse "
    "proxies, taken from X-Forwarded-For; IPv6 addresses count per /64."
)
LOCKED_429 = OpenApiResponse(
    description="rate_limited: too many requests from this address, or this username is locked for this address "
    "or paused (see the limits above); `Retry-After` gives the seconds to wait"
)


class LoginView(AnonymousEndpoint):
    """Signs in with a session (cookie `sessionid`)."""

    throttle_classes = [AuthRateThrottle]

    @extend_schema(
        operation_id="auth_login",
        description="Signs in with a session (cookie `sessionid`).\n\n" + SIGN_IN_LIMITS,
        auth=[],
        request=CredentialsInput,
        responses={
            200: LoginOutput,
            400: OpenApiResponse(description="invalid: wrong username or password"),
            429: LOCKED_429,
        },
    )
    def post(self, request: Request) -> Response:
        user = _authenticate(request)
        auth_login(request._request, user, backend=MODEL_BACKEND)
        return Response(LoginOutput(user).data)


class TokenView(AnonymousEndpoint):
    """An API token (`Authorization: Token <key>`) for apps and integrations."""

    throttle_classes = [AuthRateThrottle]

    @extend_schema(
        operation_id="auth_token",
        description="An API token (`Authorization: Token <key>`) for apps and integrations.\n\n" + SIGN_IN_LIMITS,
        auth=[],
        request=CredentialsInput,
        responses={
            200: TokenOutput,
            400: OpenApiResponse(description="invalid: wrong username or password"),
            429: LOCKED_429,
        },
    )
    def post(self, request: Request) -> Response:
        user = _authenticate(request)
        token = services.token_obtain(user=user)
        return Response({"token": token.key})


class LogoutView(APIView):
    """Ends the session; for a token client, revokes the token it used."""

    @extend_schema(operation_id="auth_logout", request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        token = request.auth if isinstance(request.auth, Token) else None
        services.user_logout(request=request._request, user=request.user, token=token)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    """The signed-in user."""

    @extend_schema(operation_id="me", responses=MeOutput)
    def get(self, request: Request) -> Response:
        user = request.user
        return Response(MeOutput(user).data)


class CompanyLookupView(APIView):
    """A verified company by its NIB, for naming the respondent of a dispute."""

    @extend_schema(
        operation_id="companies_lookup",
        parameters=[OpenApiParameter("nib", OpenApiTypes.STR, required=True, description="13 digits")],
        responses={200: CompanyLookupOutput, 404: OpenApiResponse(description="not_found")},
    )
    def get(self, request: Request) -> Response:
        if not perms.can_lookup_company(request.user):
            raise Forbidden()
        serializer = CompanyLookupInput(data=request.query_params.dict())
        serializer.is_valid(raise_exception=True)
        company = selectors.company_lookup(nib=serializer.validated_data["nib"])
        return Response(CompanyLookupOutput(company).data)


class UnionRegisterView(APIView):
    """A worker records their union and becomes its officer (not in api.md; issue 9)."""

    @extend_schema(operation_id="unions_register", request=UnionInput,
                   responses={201: UnionOutput, 409: OpenApiResponse(description="conflict")},
                   description="A worker records their union (serikat pekerja/serikat buruh) with its nomor bukti "
                               "pencatatan and becomes its officer (pengurus): they may then file disputes with "
                               "`petitioner_kind: \"union\"` and answer invitations sent to the union.")
    def post(self, request: Request) -> Response:
        serializer = UnionInput(data=_json_object(request))
        serializer.is_valid(raise_exception=True)
        union = services.union_register(by=request.user, **serializer.validated_data)
        return Response(UnionOutput(union).data, status=status.HTTP_201_CREATED)


class UnionLookupView(APIView):
    """A union on SIKHI by its registration number, for naming it as the respondent of a dispute."""

    @extend_schema(operation_id="unions_lookup",
                   parameters=[OpenApiParameter("registration_number", OpenApiTypes.STR, required=True)],
                   responses={200: UnionOutput, 404: OpenApiResponse(description="not_found")})
    def get(self, request: Request) -> Response:
        if not perms.can_lookup_company(request.user):
            raise Forbidden()
        serializer = UnionLookupInput(data=request.query_params.dict())
        serializer.is_valid(raise_exception=True)
        union = selectors.union_lookup(registration_number=serializer.validated_data["registration_number"])
        return Response(UnionOutput(union).data)


class UnionVerifyView(APIView):
    """An officer of the office where the union is recorded verifies it (idempotent)."""

    @extend_schema(operation_id="unions_verify", request=None,
                   responses={200: UnionOutput, 403: OpenApiResponse(description="forbidden"),
                              404: OpenApiResponse(description="not_found")},
                   description="The officer checks the union's nomor bukti pencatatan against the office's register "
                               "(UU 21/2000 Art. 18-20). Until then the union can neither file a dispute nor answer "
                               "an invitation.")
    def post(self, request: Request, pk: int) -> Response:
        if not perms.can_review_companies(request.user):
            raise Forbidden(_("Only officers verify unions."))
        union = selectors.union_get_for(user=request.user, pk=pk)
        return Response(UnionOutput(services.union_verify(union=union, by=request.user)).data)


class CompanyListView(GenericAPIView):
    """The companies of the officer's office, newest first."""

    serializer_class = CompanyOutput
    pagination_class = CursorPagination

    @extend_schema(
        operation_id="companies_list",
        parameters=[
            OpenApiParameter("verified", OpenApiTypes.BOOL, required=False),
            OpenApiParameter("cursor", OpenApiTypes.STR, required=False),
            OpenApiParameter("limit", OpenApiTypes.INT, required=False),
        ],
        responses=CompanyOutput(many=True),
    )
    def get(self, request: Request) -> Response:
        if not perms.can_review_companies(request.user):
            raise Forbidden(_("Only officers review companies."))
        filters = CompanyListInput(data=request.query_params.dict())
        filters.is_valid(raise_exception=True)
        queryset = selectors.company_list_for(user=request.user, verified=filters.validated_data["verified"])
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(CompanyOutput(page, many=True).data)


class CompanyVerifyView(APIView):
    """An officer of the company's office verifies it (idempotent)."""

    @extend_schema(operation_id="companies_verify", request=None, responses=CompanyOutput)
    def post(self, request: Request, pk: int) -> Response:
        if not perms.can_review_companies(request.user):
            raise Forbidden(_("Only officers verify companies."))
        company = selectors.company_get_for(user=request.user, pk=pk)
        company = services.company_verify(company=company, by=request.user)
        return Response(CompanyOutput(company).data)


class AddWorkingDaysView(APIView):
    """The date of working day N after a start date (day 1 = the first working day after it)."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="calendar_add_working_days",
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATE, required=True),
            OpenApiParameter("days", OpenApiTypes.INT, required=True, description="1 to 366"),
        ],
        responses=AddWorkingDaysOutput,
    )
    def get(self, request: Request) -> Response:
        serializer = AddWorkingDaysInput(data=request.query_params.dict())
        serializer.is_valid(raise_exception=True)
        start, days = serializer.validated_data["start"], serializer.validated_data["days"]
        due = add_working_days(start, days)
        return Response(AddWorkingDaysOutput({"start": start, "days": days, "due": due}).data)


class HolidaysView(APIView):
    """The holidays of a year in the request's language: national, cuti bersama and admin-added."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="calendar_holidays",
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, required=True, description="2000 to 2100")],
        responses=HolidayListOutput,
    )
    def get(self, request: Request) -> Response:
        serializer = HolidaysInput(data=request.query_params.dict())
        serializer.is_valid(raise_exception=True)
        rows = holidays_for_year(serializer.validated_data["year"], get_language() or "id")
        return Response(HolidayListOutput({"results": rows}).data)

