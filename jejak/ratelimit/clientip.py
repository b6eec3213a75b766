"""The client's address: the one answer every limit and the login lockout key on.

`REMOTE_ADDR` is the peer that connected to us. Only when that peer is one of
`settings.TRUSTED_PROXIES` (addresses or CIDR ranges) do we believe its X-Forwarded-For,
walking the list from the right (the hop nearest us) and skipping further trusted proxies:
the first untrusted address is the client. Anything to its left was written by the client
and could be anything, so it is never used.

An IPv6 client is answered by its /64 network (written as its first address): a phone or a
home router is handed a whole /64, so one person can take a fresh address per request, and
a limit keyed on the full address would never count them twice. An IPv4-mapped IPv6 address
is answered as the IPv4 address it carries.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry)


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":")[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, nets: Iterable[Network]
) -> bool:
    return any(address in net for net in nets)


def client_address(request: HttpRequest) -> str:
    """The address of the person making `request` (see the module docstring for the rules)."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return ""
    nets = _networks(tuple(settings.TRUSTED_PROXIES))
    if not _trusted(peer, nets):
        return _one_client(peer)
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            break  # a garbled entry: stop believing the chain here
        if not _trusted(address, nets):
            return _one_client(address)
        peer = address
    return _one_client(peer)  # every hop was a trusted proxy: the innermost one is all we know


def _one_client(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """The address as limits count it: an IPv6 address by its /64 (see the module)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False).network_address)
    return str(address)


def axes_client_address(request: HttpRequest) -> str:
    """AXES_CLIENT_IP_CALLABLE: django-axes keys its lockouts on the same address."""
    return client_address(request)
