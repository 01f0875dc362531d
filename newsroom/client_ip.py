"""The client's address for login throttling, also behind a reverse proxy."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The address in ``settings.CLIENT_IP_HEADER`` when set, else REMOTE_ADDR.

    The header (e.g. ``X-Forwarded-For``) may hold a list; its right-most entry is the
    one our proxy added, so a client cannot choose it by sending the header itself.
    A missing or malformed header falls back to REMOTE_ADDR.
    """
    header = settings.CLIENT_IP_HEADER
    if header:
        meta_key = "HTTP_" + header.upper().replace("-", "_")
        forwarded = request.META.get(meta_key, "").split(",")[-1]
        address = _address(forwarded)
        if address:
            return address
    return _address(request.META.get("REMOTE_ADDR", "")) or None


# An IPv6 host is usually given a whole /64: its addresses are one client.
IPV6_CLIENT_PREFIX = 64


def client_network(request: HttpRequest) -> str | None:
    """What a rate limit counts as one client: the IPv4 address, or the /64 an IPv6
    address is in (an IPv4 address written as IPv6, ``::ffff:a.b.c.d``, is IPv4).

    Counting single IPv6 addresses would give any host 2**64 allowances.
    """
    address = client_ip(request)
    if address is None:
        return None
    ip = ipaddress.ip_address(address)
    if ip.version == 4:
        return address
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/{IPV6_CLIENT_PREFIX}", strict=False))
