"""Shared plumbing of the server-rendered pages: turning service errors into form errors, role homes.

Pages call the same services as the API. A service raises `ApiError` (or DRF's `ValidationError` from the
payload serializers); `service_errors` turns either into `{field: [text]}` plus one message for the page, so
that a form is shown again with what the user typed and each error beside its field, in the user's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from sikhi.api import ApiError, NotFound


def _flatten(detail: Any) -> list[str]:
    if isinstance(detail, dict):
        return [text for value in detail.values() for text in _flatten(value)]
    if isinstance(detail, list | tuple):
        return [text for value in detail for text in _flatten(value)]
    return [str(detail)]


def service_errors(exc: Exception) -> tuple[dict[str, list[str]], str]:
    """({field: [texts]}, page message) for an ApiError or DRF ValidationError."""
    if isinstance(exc, ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"__all__": exc.detail}
        fields = {str(k): _flatten(v) for k, v in detail.items()}
        return fields, _("Please correct the fields marked below.")
    if isinstance(exc, ApiError):
        details = exc.details if isinstance(exc.details, dict) else {}
        fields = {str(k): _flatten(v) for k, v in details.items() if k not in ("state", "allowed")}
        return fields, str(exc.detail)
    raise exc


def call_service(fn: Callable[..., Any], **kwargs) -> tuple[Any, dict[str, list[str]] | None, str | None]:
    """Run a service; (result, None, None) on success, (None, field errors, message) on a domain error.
    A NotFound becomes the page's 404."""
    try:
        return fn(**kwargs), None, None
    except NotFound as exc:
        raise Http404(str(exc.detail)) from None
    except (ApiError, ValidationError) as exc:
        fields, message = service_errors(exc)
        return None, fields, message


def apply_errors(form, fields: dict[str, list[str]], message: str) -> None:
    """Put service errors on a Django form: beside their field when the form shows it, else at the top."""
    for name, texts in fields.items():
        visible = name in form.fields and not form.fields[name].widget.is_hidden
        for text in texts:
            form.add_error(name if visible else None, text)
    if not fields:
        form.add_error(None, message)


def found_or_404(selector: Callable[..., Any], **kwargs) -> Any:
    """What a permission-scoped selector returns, or the page's 404 (a hidden object does not exist)."""
    try:
        return selector(**kwargs)
    except NotFound:
        raise Http404 from None


def call_and_report(request, fn: Callable[..., Any], success: str, **kwargs) -> Any:
    """Run a service for a page that redirects afterwards: `success` or the service's refusal as a message;
    the service's result, or None when it refused."""
    from django.contrib import messages

    result, _fields, message = call_service(fn, **kwargs)
    if result is None:
        messages.error(request, message)
    else:
        messages.success(request, success)
    return result
