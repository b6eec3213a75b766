"""The client's address: the one answer every limit and the login lockout key on.

`REMOTE_ADDR` is the peer that connected to us. Only when that peer is one of
`settings.TRUSTED_PROXIES` (addresses or CIDR ranges) do we believe its X-Forwarded-For,
walking the list from the right (the hop nearest us) and skipping further trusted proxies:
the first untrusted address is the client. Anything to its left was written by the client
and could be anything, so it is never used.
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
        return str(peer)
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            break  # a garbled entry: stop believing the chain here
        if not _trusted(address, nets):
            return str(address)
        peer = address
    return str(peer)  # every hop was a trusted proxy: the innermost one is all we know


def axes_client_address(request: HttpRequest) -> str:
    """AXES_CLIENT_IP_CALLABLE: django-axes keys its lockouts on the same address."""
    return client_address(request)
