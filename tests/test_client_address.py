"""sikhi.client: the client address from REMOTE_ADDR, or from X-Forwarded-For behind trusted proxies."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from sikhi.client import client_address, client_key


def _request(remote: str = "10.0.0.2", forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


def test_client_address_without_trusted_proxies_ignores_forwarded_for(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_address(_request(forwarded="198.51.100.7")) == "10.0.0.2"


def test_client_address_is_remote_addr_by_default(settings):
    del settings.TRUSTED_PROXY_COUNT

    assert client_address(_request(forwarded="198.51.100.7")) == "10.0.0.2"


def test_client_address_behind_one_proxy_is_the_rightmost_forwarded_entry(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_address(_request(forwarded="198.51.100.7")) == "198.51.100.7"
    assert client_address(_request(forwarded="1.2.3.4, 198.51.100.7")) == "198.51.100.7"


def test_client_address_behind_two_proxies_skips_the_inner_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    assert client_address(_request(forwarded="1.2.3.4, 198.51.100.7, 10.0.0.9")) == "198.51.100.7"


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address", " , "])
def test_client_address_without_a_usable_forwarded_entry_is_remote_addr(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_address(_request(forwarded=forwarded)) == "10.0.0.2"


def test_client_address_with_fewer_hops_than_proxies_is_remote_addr(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    assert client_address(_request(forwarded="198.51.100.7")) == "10.0.0.2"


def test_client_address_unwraps_ipv4_mapped_ipv6(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_address(_request(forwarded="::ffff:198.51.100.7")) == "198.51.100.7"
    assert client_address(_request(remote="::ffff:10.0.0.3", forwarded=None)) == "10.0.0.3"


def test_client_key_groups_ipv6_by_64_and_keeps_ipv4():
    assert client_key(_request(remote="2001:db8:1:2::5")) == "2001:db8:1:2::/64"
    assert client_key(_request(remote="2001:db8:1:2:abcd::9")) == "2001:db8:1:2::/64"
    assert client_key(_request(remote="198.51.100.7")) == "198.51.100.7"
