"""Request checks that apply to every address before any view runs."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import JsonResponse

from sikhi.api import Invalid, error_body
from sikhi.nul import NUL_MESSAGE, nul_errors


class RejectNulMiddleware:
    """A NUL in the path or the query string (a key or a value) is bad input: 400 `invalid` naming them for the API,
    the 400 page for pages. Bodies are checked by the API's parsers and by the pages' forms."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        errors = nul_errors({"path": request.path, **{key: request.GET.getlist(key) for key in request.GET}})
        if errors is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse(error_body("invalid", Invalid.default_detail, errors), status=400)
        raise BadRequest(str(NUL_MESSAGE))
