"""Error answers: JSON in the API's one shape under /api/, a page in SIKHI's layout (in the user's language, with a
link back) everywhere else. Wired as Django's handler400/403/404/500 and CSRF failure view; 405 answers of pages
are turned into pages by `sikhi.middleware.PageErrorsMiddleware`."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikhi.api import _DRF_CODES, error_body

logger = logging.getLogger(__name__)

TEXTS = {
    400: (gettext_lazy("Bad request"),
          gettext_lazy("The request could not be understood. Check what you entered and try again.")),
    403: (gettext_lazy("Access denied"),
          gettext_lazy("You may not open this page or do this action.")),
    404: (gettext_lazy("Page not found"),
          gettext_lazy("The page you are looking for does not exist, or it is not open to you.")),
    405: (gettext_lazy("This address cannot be opened here"),
          gettext_lazy("This address takes a form that is sent from a page; it cannot be opened directly.")),
    500: (gettext_lazy("Something went wrong"),
          gettext_lazy("An error occurred on our side. Nothing you saved is lost; please try again in a moment.")),
}


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def _back_url(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    return "/beranda/" if user is not None and user.is_authenticated else "/"


def error_page(request: HttpRequest, status: int, explanation=None) -> HttpResponse:
    """The error page for `status`, or its JSON body under /api/."""
    title, explanation = TEXTS[status][0], explanation or TEXTS[status][1]
    if is_api(request):
        return JsonResponse(error_body(_DRF_CODES.get(status, "error"), title), status=status)
    context = {"status": status, "title": title, "explanation": explanation, "back_url": _back_url(request)}
    try:
        html = render_to_string("errors/error.html", context, request=request)
    except Exception:  # the layout itself failed (e.g. the database is down): a bare page, never a second 500
        logger.exception("error page %s could not be rendered", status)
        html = (f'<!doctype html><html><head><meta charset="utf-8"><title>SIKHI</title></head><body><h1>{title}</h1>'
                f'<p>{explanation}</p><p><a href="/">{_("Back to the home page")}</a></p></body></html>')
    return HttpResponse(html, status=status)


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def server_error(request):
    return error_page(request, 500)


def csrf_failure(request, reason=""):
    return error_page(request, 403, _("The form could not be checked: it may have been open too long, or the browser "
                                      "blocks cookies. Go back, reload the page and send it again."))
