"""One GET of a cited page, safe to point at any address an editor types.

- Time: a connect timeout, a read timeout for each wait on the socket, and a total
  deadline for the whole fetch (robots.txt, DNS, every redirect, the headers and
  the body, however slowly a server sends them).
- Size: the body is read in chunks and the read stops at ``max_bytes``; the server
  is asked for no compression, so what is counted is what is kept.
- Redirects: followed here (at most ``max_redirects``), each hop's address checked
  again from scratch.
- Addresses: every hop's host is resolved by ``addresses.resolve`` and all of its
  addresses must be public (``addresses.refusal``) unless ``allow_private``; the
  connection then goes to the checked IP while the request still names the host
  (the Host header, and the TLS server name and certificate check).
- robots.txt: read for every origin the fetch visits, through this same fetcher,
  and obeyed for our user agent.
"""

from __future__ import annotations

import http.client
import io
import re
import socket
import ssl
import time
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import quote, urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from django.conf import settings

from articles.sources import addresses, extract

REDIRECT_CODES = {301, 302, 303, 307, 308}
ROBOTS_MAX_BYTES = 512 * 1024
CHUNK = 64 * 1024


class FetchErrorKind(StrEnum):
    REFUSED = "refused"  # an address or URL we will not fetch
    NAME_NOT_FOUND = "name-not-found"  # the DNS says the host does not exist
    DNS = "dns"  # no DNS answer
    CONNECTION = "connection"  # refused, reset, network unreachable
    TIMEOUT = "timeout"
    PROTOCOL = "protocol"  # not HTTP, bad TLS, a broken redirect
    ROBOTS = "robots"  # robots.txt forbids the page


class FetchError(Exception):
    def __init__(self, kind: FetchErrorKind, message: str, *, url: str = ""):
        super().__init__(message)
        self.kind = kind
        self.url = url

    def __str__(self):
        return f"{self.kind}: {self.args[0]}"


# Failures to read robots.txt that leave the page readable (the others, a site
# that does not answer in time or at all, fail the page too).
UNAVAILABLE_ROBOTS = {FetchErrorKind.PROTOCOL, FetchErrorKind.REFUSED}


@dataclass(frozen=True)
class FetchLimits:
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 20.0
    max_bytes: int = 2_000_000
    max_redirects: int = 5
    user_agent: str = "NewsroomSourceCheck/1.0"
    allow_private: bool = False

    @classmethod
    def from_settings(cls) -> FetchLimits:
        return cls(
            connect_timeout=settings.SOURCE_FETCH_CONNECT_TIMEOUT,
            read_timeout=settings.SOURCE_FETCH_READ_TIMEOUT,
            deadline=settings.SOURCE_FETCH_DEADLINE,
            max_bytes=settings.SOURCE_FETCH_MAX_BYTES,
            max_redirects=settings.SOURCE_FETCH_MAX_REDIRECTS,
            user_agent=settings.SOURCE_FETCH_USER_AGENT,
            allow_private=settings.SOURCE_FETCH_ALLOW_PRIVATE,
        )

    @property
    def robots_agent(self) -> str:
        """The product token robots.txt rules name (``NewsroomSourceCheck``)."""
        return self.user_agent.split("/", 1)[0].split()[0]


@dataclass
class FetchResult:
    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    is_truncated: bool
    redirects: list[str] = field(default_factory=list)


class _Clock:
    def __init__(self, seconds: float):
        self.ends_at = time.monotonic() + seconds

    def left(self, url: str = "") -> float:
        remaining = self.ends_at - time.monotonic()
        if remaining <= 0:
            raise FetchError(
                FetchErrorKind.TIMEOUT, "the time allowed ran out", url=url
            )
        return remaining


def open_socket(address: tuple[str, int], timeout: float) -> socket.socket:
    """A TCP connection to an IP address that was checked (tests replace this)."""
    return socket.create_connection(address, timeout=timeout)


class _DeadlineReader(io.RawIOBase):
    """The socket's bytes, each wait bounded by the read timeout and by the time
    left: a server that sends its status line and headers a byte at a time, each
    within the read timeout, still stops at the total deadline."""

    def __init__(self, sock: socket.socket, clock: _Clock, read_timeout: float):
        super().__init__()
        self._sock = sock
        # The socket's own reader, as http.client would use: it holds the socket
        # open until the answer is read, after the connection lets go of it.
        self._io = sock.makefile("rb", buffering=0)
        self._clock = clock
        self._read_timeout = read_timeout

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        self._sock.settimeout(min(self._read_timeout, self._clock.left()))
        return self._io.readinto(buffer)

    def close(self) -> None:
        self._io.close()
        super().close()


class _DeadlineSocket:
    """What ``http.client.HTTPResponse`` reads from: only ``makefile`` is asked."""

    def __init__(self, sock: socket.socket, clock: _Clock, read_timeout: float):
        self._raw = _DeadlineReader(sock, clock, read_timeout)

    def makefile(self, mode: str, *args, **kwargs):
        return io.BufferedReader(self._raw)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to ``ip`` while the request names ``host`` (Host header); the
    answer is read within ``clock``'s deadline."""

    def __init__(
        self, host, port, *, ip: str, connect_timeout: float, timeout, clock: _Clock
    ):
        super().__init__(host, port, timeout=timeout)
        self.pinned_ip = ip
        self.connect_timeout = connect_timeout
        self.clock = clock

    def response_class(self, sock, *args, **kwargs):
        wrapped = _DeadlineSocket(sock, self.clock, self.timeout)
        return http.client.HTTPResponse(wrapped, *args, **kwargs)

    def connect(self):
        self.sock = open_socket((self.pinned_ip, self.port), self.connect_timeout)
        self.sock.settimeout(self.timeout)


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    default_port = http.client.HTTPS_PORT

    def __init__(self, *args, context: ssl.SSLContext, **kwargs):
        super().__init__(*args, **kwargs)
        self.ssl_context = context

    def connect(self):
        super().connect()
        # SNI and the certificate check use the host name, not the pinned IP.
        self.sock = self.ssl_context.wrap_socket(self.sock, server_hostname=self.host)


@dataclass
class _Exchange:
    """A connection and its socket, which outlives http.client's hold on it."""

    connection: http.client.HTTPConnection
    sock: socket.socket

    @property
    def where(self) -> str:
        return f"{self.connection.host}:{self.connection.port}"

    def close(self) -> None:
        self.connection.close()
        self.sock.close()


_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def _printable_url(url: str) -> str:
    """``url`` with control characters and spaces percent-encoded, as they are sent:
    a server's Location is kept in the check's record, and a database column
    refuses a NUL."""
    return _CONTROL_OR_SPACE.sub(lambda found: f"%{ord(found.group()):02X}", url)


def _media_type(response) -> tuple[str, str | None]:
    """The response's (content type, charset); a type or charset that is not a
    plain token (a NUL, say) counts as unknown."""
    content_type = response.headers.get_content_type()
    if not all(_TOKEN.fullmatch(part) for part in content_type.split("/", 1)):
        content_type = "application/octet-stream"
    charset = response.headers.get_content_charset()
    return content_type, charset if charset and _TOKEN.fullmatch(charset) else None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class SafeFetcher:
    """Fetches pages within ``limits``; keeps robots.txt rules per origin, so one
    fetcher checking many citations reads each site's robots.txt once."""

    def __init__(self, limits: FetchLimits | None = None):
        self.limits = limits or FetchLimits.from_settings()
        self._robots: dict[str, RobotFileParser] = {}
        self._tls = ssl.create_default_context()

    # --- the public call ----------------------------------------------------------

    def fetch(self, url: str) -> FetchResult:
        """GET ``url`` (robots.txt permitting); FetchError when it cannot be had.

        An HTTP error status is a result, not an error: the caller judges it.
        """
        clock = _Clock(self.limits.deadline)
        return self._get(url, clock, max_bytes=self.limits.max_bytes, robots=True)

    # --- the pieces ---------------------------------------------------------------

    def _get(self, url: str, clock: _Clock, *, max_bytes: int, robots: bool):
        redirects: list[str] = []
        current = url
        while True:
            if robots:
                self._obey_robots(current, clock)
            response, exchange = self._request(current, clock)
            try:
                location = response.getheader("Location")
                if response.status in REDIRECT_CODES and location:
                    if len(redirects) >= self.limits.max_redirects:
                        raise FetchError(
                            FetchErrorKind.PROTOCOL,
                            f"more than {self.limits.max_redirects} redirects",
                            url=current,
                        )
                    current = _printable_url(urljoin(current, location.strip()))
                    redirects.append(current)
                    continue
                body, truncated = self._read_body(response, exchange, clock, max_bytes)
            finally:
                response.close()
                exchange.close()
            content_type, charset = _media_type(response)
            return FetchResult(
                url=url,
                final_url=current,
                status=response.status,
                content_type=content_type,
                charset=charset,
                body=body,
                is_truncated=truncated,
                redirects=redirects,
            )

    def _target(self, url: str) -> tuple[str, str, int, str]:
        """(scheme, host, port, path with query) of an address we may fetch."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as error:
            raise FetchError(FetchErrorKind.REFUSED, str(error), url=url) from error
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise FetchError(
                FetchErrorKind.REFUSED, "only http and https addresses", url=url
            )
        if parts.username or parts.password:
            raise FetchError(FetchErrorKind.REFUSED, "credentials in the URL", url=url)
        port = port or (443 if parts.scheme == "https" else 80)
        try:  # an international name travels in its ASCII (IDNA) form
            host = parts.hostname.encode("idna").decode("ascii")
        except UnicodeError as error:
            raise FetchError(
                FetchErrorKind.REFUSED, "bad host name", url=url
            ) from error
        # Non-ASCII and spaces are percent-encoded; what is encoded already stays.
        path = quote(
            urlunsplit(("", "", parts.path or "/", parts.query, "")),
            safe="/%:@!$&'()*+,;=?~",
        )
        return parts.scheme, host, port, path

    def _checked_addresses(self, host: str, port: int, url: str, clock) -> list[str]:
        timeout = min(self.limits.connect_timeout, clock.left(url))
        literal = addresses.ip_literal(host)
        try:
            found = (
                [literal] if literal else addresses.resolve(host, port, timeout=timeout)
            )
        except addresses.ResolutionError as error:
            kind = (
                FetchErrorKind.NAME_NOT_FOUND
                if error.is_missing
                else FetchErrorKind.DNS
            )
            raise FetchError(kind, f"{host}: {error}", url=url) from error
        if not self.limits.allow_private:
            for address in found:
                reason = addresses.refusal(address)
                if reason:
                    raise FetchError(
                        FetchErrorKind.REFUSED, f"{host}: {reason}", url=url
                    )
        return found

    def _request(self, url: str, clock: _Clock):
        scheme, host, port, path = self._target(url)
        last_error: OSError | None = None
        for ip in self._checked_addresses(host, port, url, clock):
            left = clock.left(url)
            options = {
                "ip": ip,
                "connect_timeout": min(self.limits.connect_timeout, left),
                "timeout": min(self.limits.read_timeout, left),
                "clock": clock,
            }
            if scheme == "https":
                connection = _PinnedHTTPSConnection(
                    host, port, context=self._tls, **options
                )
            else:
                connection = _PinnedHTTPConnection(host, port, **options)
            try:
                connection.request("GET", path, headers=self._headers())
                # http.client lets go of the socket once the answer says "close":
                # keep it, to set the time left on every read of the body.
                sock = connection.sock
                response = connection.getresponse()
                return response, _Exchange(connection, sock)
            except FetchError as error:  # the deadline passed while reading
                connection.close()
                error.url = url
                raise
            except TimeoutError as error:
                connection.close()
                raise FetchError(
                    FetchErrorKind.TIMEOUT, f"{host}: no answer in time", url=url
                ) from error
            except ssl.SSLError as error:
                connection.close()
                raise FetchError(
                    FetchErrorKind.PROTOCOL, str(error), url=url
                ) from error
            except (http.client.HTTPException, ValueError) as error:
                connection.close()
                raise FetchError(
                    FetchErrorKind.PROTOCOL, f"{host}: {error!r}", url=url
                ) from error
            except OSError as error:
                connection.close()
                last_error = error  # try the host's next address
        raise FetchError(
            FetchErrorKind.CONNECTION, f"{host}: {last_error}", url=url
        ) from last_error

    def _headers(self) -> dict[str, str]:
        return {
            "User-Agent": self.limits.user_agent,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "identity",
            "Connection": "close",
        }

    def _read_body(self, response, exchange, clock, max_bytes: int):
        chunks, size = [], 0
        try:
            while size < max_bytes:
                exchange.sock.settimeout(
                    min(self.limits.read_timeout, clock.left(exchange.where))
                )
                chunk = response.read1(min(CHUNK, max_bytes - size))
                if not chunk:
                    return b"".join(chunks), False
                chunks.append(chunk)
                size += len(chunk)
        except TimeoutError as error:
            raise FetchError(
                FetchErrorKind.TIMEOUT, "the page stopped arriving"
            ) from error
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(FetchErrorKind.CONNECTION, repr(error)) from error
        # Stopped at the limit: truncated, unless the announced length ends there
        # (no further read, which could wait on a server that sends no more).
        return b"".join(chunks), response.getheader("Content-Length") != str(size)

    def _obey_robots(self, url: str, clock: _Clock) -> None:
        origin = _origin(url)
        rules = self._robots.get(origin)
        if rules is None:
            rules = self._robots[origin] = self._read_robots(origin, clock)
        if not rules.can_fetch(self.limits.robots_agent, url):
            raise FetchError(
                FetchErrorKind.ROBOTS, f"{origin}/robots.txt forbids it", url=url
            )

    def _read_robots(self, origin: str, clock: _Clock) -> RobotFileParser:
        """The origin's rules, read as ``RobotFileParser.read`` would: 401 or 403
        forbids everything, any other error status (no robots.txt) allows it, and
        so does a robots.txt that cannot be had (``UNAVAILABLE_ROBOTS``)."""
        rules = RobotFileParser(f"{origin}/robots.txt")
        try:
            result = self._get(
                f"{origin}/robots.txt", clock, max_bytes=ROBOTS_MAX_BYTES, robots=False
            )
        except FetchError as error:
            if error.kind not in UNAVAILABLE_ROBOTS:
                raise  # the site does not answer: neither will its page
            # Redirected in a loop (RFC 9309: unavailable after five), to a refused
            # address or scheme, or not HTTP: as if there were no robots.txt.
            rules.allow_all = True
            return rules
        if result.status in {401, 403}:
            rules.disallow_all = True
        elif result.status >= 400:
            rules.allow_all = True
        else:
            text = extract.decode_as(result.body, result.charset)
            rules.parse(text.splitlines())
        return rules
