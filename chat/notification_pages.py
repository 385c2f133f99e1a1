"""Notification pages: the signed-in user's list at /notifikasi/, mark one read, mark all read (POST only).
Only the user's own notifications exist here: another user's id is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from chat import services
from chat.notices import notification_title
from chat.selectors import notification_link, notification_page_for
from sikhi.pages import found_or_404


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    rows = [{"n": n, "title": notification_title(n.kind, n.params), "url": notification_link(n)}
            for n in notification_page_for(user=request.user)]
    return render(request, "chat/notifications.html", {"rows": rows})


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next") or "/notifikasi/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = "/notifikasi/"
    return redirect(target)


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    found_or_404(services.notification_mark_read, notification_id=pk, user=request.user)
    return _back(request)


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_all_read(user=request.user)
    messages.success(request, ngettext("%(count)s notification marked as read.",
                                       "%(count)s notifications marked as read.", count) % {"count": count})
    return _back(request)
