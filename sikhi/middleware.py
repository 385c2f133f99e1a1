"""Checks of every request before any view runs, and the pages' error answers."""

from __future__ import annotations

import re

from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.shortcuts import redirect

from sikhi.api import Invalid, error_body
from sikhi.errors import error_page, is_api
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
        if is_api(request):
            return JsonResponse(error_body("invalid", Invalid.default_detail, errors), status=400)
        raise BadRequest(str(NUL_MESSAGE))


# A page's POST-only action address, opened with GET (a bookmark, a reload after the answer): the page it acts on.
ACTION_OWNERS = [
    (re.compile(r"^/perselisihan/(?P<pk>\d+)/"), "/perselisihan/{pk}/"),
    (re.compile(r"^/konsultasi/(?P<pk>\d+)/"), "/konsultasi/{pk}/"),
    (re.compile(r"^/notifikasi/"), "/notifikasi/"),
]


class PageErrorsMiddleware:
    """Pages answer 405 with the error page in the layout; a GET of a dispute's or consultation's action address
    goes to that dispute's or consultation's page (which itself answers 404 to whoever may not see it). Other
    POST-only pages (sign out, company verification) go home. The API keeps its JSON 405."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or is_api(request):
            return response
        if request.method in ("GET", "HEAD"):
            return redirect(self._owner(request.path))
        return error_page(request, 405)

    @staticmethod
    def _owner(path: str) -> str:
        for pattern, target in ACTION_OWNERS:
            match = pattern.match(path)
            if match:
                return target.format(**match.groupdict())
        return "/beranda/"
