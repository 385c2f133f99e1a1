"""The client's address, for everything that limits or locks per client (sign-in lock-out, auth rate limit)."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # "::ffff:10.0.0.1" is the IPv4 client 10.0.0.1
    return str(ip)


def client_address(request: Any) -> str:
    """The address of the client that sent `request` (a Django or DRF request).

    With TRUSTED_PROXY_COUNT = 0 (the default) this is REMOTE_ADDR and X-Forwarded-For is ignored: anyone can
    write that header. With n > 0 reverse proxies in front of the server, each appending the address of its peer
    to X-Forwarded-For, the client is the n-th entry from the right: the right-most address that no trusted
    proxy could have been given by the client. Entries further left are the client's own claims. When the
    header has fewer than n entries or that entry is not an address, the request did not come through the
    proxies as configured and REMOTE_ADDR is used."""
    remote = request.META.get("REMOTE_ADDR") or ""
    count = max(0, int(getattr(settings, "TRUSTED_PROXY_COUNT", 0)))
    if count:
        hops = [hop for hop in (request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",") if hop.strip()]
        if len(hops) >= count:
            forwarded = _valid(hops[-count])
            if forwarded is not None:
                return forwarded
    return _valid(remote) or remote or "unknown"


def client_key(request: Any) -> str:
    """The client address as rate limits and lock-outs count it: an IPv4 address, or an IPv6 /64 network.

    One IPv6 subscriber (a home, a phone) is usually given a whole /64, so counting single IPv6 addresses would
    let one client spread its attempts over as many addresses as it likes."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)
