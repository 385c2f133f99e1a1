"""What base.html needs on every page: the signed-in user's unread notification count (for the bell)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def notifications(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from chat.selectors import notification_unread_count

    return {"unread_notifications": SimpleLazyObject(lambda: notification_unread_count(user))}
