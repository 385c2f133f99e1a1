"""Rate limits of the anonymous account endpoints (sign-in, registration, token)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class AuthRateThrottle(SimpleRateThrottle):
    """Sign-in, registration and token requests per client address (REMOTE_ADDR) at SIKHI_AUTH_RATE.

    The three endpoints share one bucket per address, so that an attacker cannot multiply the budget by
    alternating between them. The rate is read per request so that it follows the current settings."""

    scope = "auth"

    def get_rate(self) -> str:
        return getattr(settings, "SIKHI_AUTH_RATE", "20/m")

    def get_cache_key(self, request, view) -> str:
        # REMOTE_ADDR, not X-Forwarded-For: a client could forge the header to reset its own budget.
        # Behind a reverse proxy the ASGI server must set the client address (daphne --proxy-headers).
        ident = request.META.get("REMOTE_ADDR") or "unknown"
        return self.cache_format % {"scope": self.scope, "ident": ident}
