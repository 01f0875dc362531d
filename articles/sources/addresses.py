"""Which network addresses the source fetcher may connect to (SSRF safety).

A citation's address is typed by an editor, and a page may redirect anywhere. Left
alone, the fetcher could be pointed at the machine itself, the private network or a
cloud metadata service (169.254.169.254). So the host is resolved here, every address
it resolves to is checked, and the fetcher then connects to the checked address
itself (``fetcher`` pins it), so a second, different DNS answer cannot slip in
between the check and the connection (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# getaddrinfo has no timeout of its own: it runs on these threads and is waited
# for at most the time left. A lookup that hangs keeps one thread until the
# system resolver gives up, never the caller.
_resolver_threads = ThreadPoolExecutor(max_workers=4, thread_name_prefix="dns")


class ResolutionError(Exception):
    """The name could not be resolved; ``is_missing`` when the DNS said it does not
    exist (rather than failing to answer)."""

    def __init__(self, message: str, *, is_missing: bool = False):
        super().__init__(message)
        self.is_missing = is_missing


def _getaddrinfo(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        missing = error.errno in {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5)}
        raise ResolutionError(str(error), is_missing=missing) from error
    # Keep the resolver's order (it prefers what the system can reach), once each.
    return list(dict.fromkeys(info[4][0] for info in infos))


def resolve(host: str, port: int, *, timeout: float) -> list[str]:
    """The IP addresses ``host`` resolves to, as strings; ResolutionError when it
    cannot be resolved within ``timeout`` seconds."""
    literal = ip_literal(host)
    if literal is not None:
        return [literal]
    future = _resolver_threads.submit(_getaddrinfo, host, port)
    try:
        addresses = future.result(timeout=max(timeout, 0.01))
    except FutureTimeout as error:
        raise ResolutionError(f"no DNS answer for {host} in time") from error
    if not addresses:
        raise ResolutionError(f"{host} has no address", is_missing=True)
    return addresses


def ip_literal(host: str) -> str | None:
    """``host`` itself when it is an IP address (nothing to resolve)."""
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


def refusal(address: str) -> str | None:
    """Why ``address`` may not be fetched from, or None when it is a public address.

    Private (10/8, 172.16/12, 192.168/16, fc00::/7, the old site-local fec0::/10),
    loopback, link-local (which holds cloud metadata services), multicast, reserved
    and unspecified addresses are refused, and so is anything else not globally
    routable (100.64/10, the documentation ranges). An IPv4 address carried in
    IPv6 (::ffff:10.0.0.1, 2002:0a00:0001::) is judged as the IPv4 address it
    reaches.
    """
    try:
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address inside IPv6 (::ffff:a.b.c.d, 6to4's 2002:a.b.c.d::/48, a
        # Teredo client's) is judged as the IPv4 address it reaches.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo or (None, None))[1]
        if embedded is not None:
            reason = refusal(str(embedded))
            if reason is not None:
                return f"{address} carries {embedded}: {reason}"
            if ip.ipv4_mapped is not None:
                ip = ip.ipv4_mapped
    for flag, reason in (
        ("is_unspecified", "unspecified"),
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_site_local", "site-local"),  # IPv6 fec0::/10, deprecated, still routed
        ("is_multicast", "multicast"),
        ("is_private", "private"),
        ("is_reserved", "reserved"),
    ):
        if getattr(ip, flag, False):
            return f"{ip} is a {reason} address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None
