"""Rate limits of the anonymous account endpoints (sign-in, registration, token)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from sikhi.client import client_key


class AuthRateThrottle(SimpleRateThrottle):
    """Sign-in, registration and token requests per client address (sikhi.client.client_key) at SIKHI_AUTH_RATE.

    The three endpoints share one bucket per address, so that an attacker cannot multiply the budget by
    alternating between them. The rate is read per request so that it follows the current settings."""

    scope = "auth"

    def get_rate(self) -> str:
        return getattr(settings, "SIKHI_AUTH_RATE", "20/m")

    def get_cache_key(self, request: Any, view: Any) -> str:
        # X-Forwarded-For only as far as DJANGO_TRUSTED_PROXY_COUNT trusts it: a client could forge the header to
        # reset its own budget.
        ident = client_key(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
