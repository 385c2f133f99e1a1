"""API plumbing shared by every app: the one error shape, domain errors, cursor pagination."""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ApiError(exceptions.APIException):
    """A domain error that carries its contract code and details."""

    # Annotated so that subclasses may set any status and a plain or lazy string (mypy would pin Literal[400]).
    status_code: int = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"
    default_detail: StrOrPromise = _("Invalid request.")

    def __init__(self, message: Any = None, *, code: str | None = None, details: dict | None = None,
                 status_code: int | None = None):
        super().__init__(message or self.default_detail, code or self.default_code)
        self.code = code or self.default_code
        self.details = details or {}
        if status_code is not None:
            self.status_code = status_code


class Invalid(ApiError):
    """400 `invalid` with field details."""

    status_code = 400
    default_code = "invalid"
    default_detail = _("The request has invalid fields.")


class Conflict(ApiError):
    """409 `conflict`: a duplicate or a lost concurrent update."""

    status_code = 409
    default_code = "conflict"
    default_detail = _("The request conflicts with the current data.")


class TransitionNotAllowed(ApiError):
    """409 `transition_not_allowed`, with the dispute's state and what this user may do now."""

    status_code = 409
    default_code = "transition_not_allowed"
    default_detail = _("This action is not possible in the dispute's current state.")

    def __init__(self, *, state: str, allowed: list[str], message: Any = None):
        super().__init__(message, details={"state": state, "allowed": allowed})


class Forbidden(ApiError):
    """403 `forbidden`: the user may see the object but may not do this."""

    status_code = 403
    default_code = "forbidden"
    default_detail = _("You may not do this.")


class NotFound(ApiError):
    """404 `not_found`: absent, or not visible to this user."""

    status_code = 404
    default_code = "not_found"
    default_detail = _("Not found.")


class TooLarge(ApiError):
    status_code = 413
    default_code = "too_large"
    default_detail = _("The file is too large.")


class UnsupportedType(ApiError):
    status_code = 415
    default_code = "unsupported_type"
    default_detail = _("This type of file is not accepted.")


class RateLimited(ApiError):
    status_code = 429
    default_code = "rate_limited"
    default_detail = _("Too many requests; try again later.")

    def __init__(self, *, retry_after: int, message: Any = None):
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))


def iso(moment):
    """A datetime as ISO-8601 in the site's time zone (WIB), like every other time the API returns."""
    from django.utils import timezone

    return None if moment is None else timezone.localtime(moment).isoformat()


def _flatten(detail: Any) -> Any:
    """Turn DRF's ErrorDetail trees into plain strings, lists and dicts."""
    if isinstance(detail, dict):
        return {str(k): _flatten(v) for k, v in detail.items()}
    if isinstance(detail, list):
        return [_flatten(v) for v in detail]
    return str(detail)


def error_body(code: str, message: Any, details: dict | None = None) -> dict:
    return {"error": {"code": code, "message": str(message), "details": details or {}}}


_DRF_CODES = {
    400: "invalid",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_type",
    429: "rate_limited",
}


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Render every API error as {"error": {"code", "message", "details"}}."""
    if isinstance(exc, Http404):
        exc = NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = Forbidden()

    if isinstance(exc, ApiError):
        response = Response(error_body(exc.code, exc.detail, exc.details), status=exc.status_code)
        if isinstance(exc, RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = _DRF_CODES.get(response.status_code, "error")
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        code = "not_authenticated"
    if isinstance(exc, exceptions.ValidationError):
        details = _flatten(exc.detail)
        if not isinstance(details, dict):
            details = {"non_field_errors": details}
        response.data = error_body(code, _("The request has invalid fields."), details)
    elif isinstance(exc, exceptions.ParseError):
        response.data = error_body("invalid", _("The request body could not be read."),
                                   {"body": [str(exc.detail)]})
    elif isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        response["Retry-After"] = str(max(1, wait))
        response.data = error_body(code, _("Too many requests; try again later."), {"retry_after": wait})
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        response.data = error_body(code, _flatten(detail))
    return response


class CursorPagination(BasePagination):
    """Keyset pagination over (-created_at, -id): {"results": [...], "next": <cursor or null>}.

    The cursor is an opaque token for the last row's id; the queryset must be ordered newest
    first by `id` (ids grow with creation time).
    """

    page_size = 50
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self.page_size
        raw_limit = request.query_params.get("limit")
        if raw_limit is not None:
            if not (raw_limit.isascii() and raw_limit.isdigit()) or not 1 <= int(raw_limit) <= self.max_page_size:
                raise Invalid(details={"limit": [str(_("Must be a whole number from 1 to 200."))]})
            size = int(raw_limit)
        cursor = request.query_params.get("cursor")
        if cursor:
            try:
                last_id = int(base64.urlsafe_b64decode(cursor.encode()).decode())
            except (ValueError, binascii.Error, UnicodeDecodeError):
                raise Invalid(details={"cursor": [str(_("Not a valid cursor."))]}) from None
            queryset = queryset.filter(id__lt=last_id)
        rows = list(queryset.order_by("-id")[: size + 1])
        self.has_next = len(rows) > size
        rows = rows[:size]
        self.next_cursor = (
            base64.urlsafe_b64encode(str(rows[-1].id).encode()).decode() if self.has_next and rows else None
        )
        return rows

    def get_paginated_response(self, data):
        return Response({"results": data, "next": self.next_cursor})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "properties": {"results": schema, "next": {"type": "string", "nullable": True}},
        }
