"""The source fetcher: SSRF refusals, pinned connections, limits, robots.txt."""

from __future__ import annotations

import dataclasses
import socket
import threading
import time

import pytest
from werkzeug import Response

from articles.sources import addresses
from articles.sources import fetcher as fetcher_module
from articles.sources.fetcher import (
    FetchError,
    FetchErrorKind,
    FetchLimits,
    SafeFetcher,
)
from tests.articles import source_network
from tests.articles.source_network import NEWS_IP

UA = "NewsroomSourceCheck/1.0 (+http://testserver/; tests)"
LIMITS = FetchLimits(
    connect_timeout=2, read_timeout=2, deadline=5, max_bytes=10_000, user_agent=UA
)
LOCAL = dataclasses.replace(LIMITS, allow_private=True)


def no_robots(httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)


@pytest.fixture
def network(monkeypatch, httpserver):
    no_robots(httpserver)
    return source_network.install(monkeypatch, httpserver.port, news_example=NEWS_IP)


# --- SSRF: addresses that are never fetched -----------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.0.0.1:8000/admin/",
        "http://10.1.2.3/",
        "http://172.16.0.9/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[2002:7f00:1::]/",  # 6to4 carrying 127.0.0.1
        "http://[2002:a9fe:a9fe::]/",  # 6to4 carrying 169.254.169.254
        "http://[fe80::1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://100.64.0.1/",
    ],
)
def test_private_and_special_addresses_are_refused(url, network):
    with pytest.raises(FetchError) as caught:
        SafeFetcher(LIMITS).fetch(url)
    assert caught.value.kind == FetchErrorKind.REFUSED
    assert " address" in str(caught.value)  # refused for what it is, by the rule
    assert network.connections == []


@pytest.mark.parametrize(
    "address", ["127.0.0.1", "10.0.0.5", "169.254.169.254", "::1", "fd00::1"]
)
def test_a_name_resolving_to_a_private_address_is_refused(address, monkeypatch):
    network = source_network.install(monkeypatch, 1, intranet_example=address)
    with pytest.raises(FetchError) as caught:
        SafeFetcher(LIMITS).fetch("https://intranet.example/")
    assert caught.value.kind == FetchErrorKind.REFUSED
    assert network.connections == []


def test_a_name_with_one_private_address_among_public_ones_is_refused(monkeypatch):
    """Every address the DNS gives is checked: one private answer refuses the name,
    whichever the resolver lists first. The real resolver path, with the system
    lookup replaced (no network)."""

    def answers(host, port, **kwargs):
        pair = [NEWS_IP, "10.0.0.7"] if host == "mixed.example" else ["127.0.0.1"]
        return [(2, 1, 6, "", (ip, port)) for ip in pair]

    monkeypatch.setattr(addresses.socket, "getaddrinfo", answers)
    monkeypatch.setattr(fetcher_module, "open_socket", pytest.fail)
    for url in ("http://mixed.example/", "http://2130706433/", "http://0x7f.1/"):
        with pytest.raises(FetchError) as caught:
            SafeFetcher(LIMITS).fetch(url)
        assert caught.value.kind == FetchErrorKind.REFUSED


@pytest.mark.parametrize("address", ["fec0::1", "fec0:1234::7"])
def test_deprecated_site_local_ipv6_addresses_are_refused(address):
    """fec0::/10 was IPv6's private range before RFC 3879; some networks still
    route it inside, and Python's ``is_global`` counts it public."""
    assert "site-local" in addresses.refusal(address)


def test_public_addresses_pass_the_rule():
    assert addresses.refusal("93.184.215.14") is None
    assert addresses.refusal("2606:4700::6810:84e5") is None
    assert "link-local" in addresses.refusal("169.254.169.254")
    assert "127.0.0.1" in addresses.refusal("2002:7f00:1::")
    assert addresses.refusal("2002:5db8:d70e::") is None  # 6to4 of a public address


def test_a_redirect_to_the_metadata_address_is_refused(network, httpserver):
    httpserver.expect_request("/story").respond_with_data(
        "", status=302, headers={"Location": "http://169.254.169.254/latest/"}
    )
    url = f"http://news.example:{httpserver.port}/story"
    with pytest.raises(FetchError) as caught:
        SafeFetcher(LIMITS).fetch(url)
    assert caught.value.kind == FetchErrorKind.REFUSED
    # Refused before any connection: not even its robots.txt is asked for.
    assert caught.value.url.startswith("http://169.254.169.254/")
    assert [ip for ip, _port in network.connections] == [NEWS_IP, NEWS_IP]


def test_a_redirect_to_a_name_on_the_private_network_is_refused(network, httpserver):
    network.names["db.internal"] = "10.0.0.7"
    httpserver.expect_request("/story").respond_with_data(
        "", status=301, headers={"Location": "http://db.internal/"}
    )
    with pytest.raises(FetchError) as caught:
        SafeFetcher(LIMITS).fetch(f"http://news.example:{httpserver.port}/story")
    assert caught.value.kind == FetchErrorKind.REFUSED
    assert "10.0.0.7" in str(caught.value)


def test_the_connection_goes_to_the_checked_address_and_names_the_host(
    network, httpserver
):
    """DNS rebinding: the name is resolved once per request (robots.txt, the page)
    and the socket goes to the address checked; the Host header names the site."""
    port = httpserver.port
    httpserver.expect_request(
        "/story", headers={"Host": f"news.example:{port}", "User-Agent": UA}
    ).respond_with_data("<title>Budget</title><p>Council approved it.</p>")
    result = SafeFetcher(LIMITS).fetch(f"http://news.example:{port}/story")
    assert result.status == 200
    assert b"Council approved it." in result.body
    assert network.connections == [(NEWS_IP, port), (NEWS_IP, port)]
    assert network.lookups == ["news.example", "news.example"]


def test_credentials_and_other_schemes_are_refused(network):
    for url in ["ftp://news.example/", "http://user:pw@news.example/", "file:///etc"]:
        with pytest.raises(FetchError) as caught:
            SafeFetcher(LIMITS).fetch(url)
        assert caught.value.kind == FetchErrorKind.REFUSED


# --- Local server (the setting that tests may turn on) --------------------------------


def test_the_local_server_is_reachable_only_when_private_addresses_are_allowed(
    httpserver,
):
    no_robots(httpserver)
    httpserver.expect_request("/page").respond_with_data("hello")
    with pytest.raises(FetchError):
        SafeFetcher(LIMITS).fetch(httpserver.url_for("/page"))
    assert SafeFetcher(LOCAL).fetch(httpserver.url_for("/page")).body == b"hello"


def test_the_body_stops_at_the_size_limit(httpserver):
    no_robots(httpserver)
    httpserver.expect_request("/big").respond_with_data("x" * 50_000)
    result = SafeFetcher(LOCAL).fetch(httpserver.url_for("/big"))
    assert len(result.body) == LIMITS.max_bytes
    assert result.is_truncated


def test_redirects_are_followed_up_to_five(httpserver):
    no_robots(httpserver)
    for hop in range(6):
        httpserver.expect_request(f"/r{hop}").respond_with_data(
            "", status=302, headers={"Location": f"/r{hop + 1}"}
        )
    httpserver.expect_request("/r6").respond_with_data("arrived")
    result = SafeFetcher(LOCAL).fetch(httpserver.url_for("/r1"))
    assert result.body == b"arrived"
    assert result.final_url == httpserver.url_for("/r6")
    assert len(result.redirects) == 5
    with pytest.raises(FetchError) as caught:
        SafeFetcher(LOCAL).fetch(httpserver.url_for("/r0"))
    assert caught.value.kind == FetchErrorKind.PROTOCOL


def test_a_server_that_stops_answering_times_out(httpserver):
    no_robots(httpserver)

    def slow(request):
        time.sleep(1.5)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    limits = dataclasses.replace(LOCAL, read_timeout=0.3)
    with pytest.raises(FetchError) as caught:
        SafeFetcher(limits).fetch(httpserver.url_for("/slow"))
    assert caught.value.kind == FetchErrorKind.TIMEOUT


def test_a_page_that_trickles_in_stops_at_the_total_deadline(httpserver):
    """Each chunk arrives within the read timeout, so only the deadline ends it."""
    no_robots(httpserver)

    def trickle(request):
        def chunks():
            for _ in range(40):
                time.sleep(0.1)
                yield b"x" * 10

        return Response(chunks(), mimetype="text/plain")

    httpserver.expect_request("/trickle").respond_with_handler(trickle)
    limits = dataclasses.replace(LOCAL, read_timeout=2, deadline=0.5)
    with pytest.raises(FetchError) as caught:
        SafeFetcher(limits).fetch(httpserver.url_for("/trickle"))
    assert caught.value.kind == FetchErrorKind.TIMEOUT


def test_a_closed_port_is_a_connection_error():
    with pytest.raises(FetchError) as caught:
        SafeFetcher(LOCAL).fetch("http://127.0.0.1:9/")
    assert caught.value.kind == FetchErrorKind.CONNECTION


# --- robots.txt -------------------------------------------------------------------


def test_robots_txt_forbidding_our_agent_is_obeyed(httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: NewsroomSourceCheck\nDisallow: /private/\n"
    )
    httpserver.expect_request("/private/page").respond_with_data("secret")
    httpserver.expect_request("/public").respond_with_data("open")
    fetcher = SafeFetcher(LOCAL)
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(httpserver.url_for("/private/page"))
    assert caught.value.kind == FetchErrorKind.ROBOTS
    assert fetcher.fetch(httpserver.url_for("/public")).body == b"open"
    paths = [request.path for request, _response in httpserver.log]
    # robots.txt read once; the forbidden page never asked for.
    assert paths[-2:] == ["/robots.txt", "/public"]
    assert "/private/page" not in paths


def test_robots_txt_answering_403_forbids_everything(httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=403)
    with pytest.raises(FetchError) as caught:
        SafeFetcher(LOCAL).fetch(httpserver.url_for("/page"))
    assert caught.value.kind == FetchErrorKind.ROBOTS


@pytest.mark.parametrize("location", ["/robots.txt", "ftp://elsewhere.example/r"])
def test_a_robots_txt_that_cannot_be_had_does_not_condemn_the_page(
    httpserver, location
):
    """A robots.txt that redirects in a loop (RFC 9309: after five redirects it is
    unavailable), or to an address we refuse, is no robots.txt: the page is still
    read, not judged dead for its robots.txt's fault."""
    httpserver.expect_request("/robots.txt").respond_with_data(
        "", status=301, headers={"Location": location}
    )
    httpserver.expect_request("/page").respond_with_data("open")
    assert SafeFetcher(LOCAL).fetch(httpserver.url_for("/page")).body == b"open"


def test_the_setting_decides_whether_the_local_server_may_be_fetched(
    settings, httpserver
):
    no_robots(httpserver)
    httpserver.expect_request("/page").respond_with_data("hello")
    assert settings.SOURCE_FETCH_ALLOW_PRIVATE is False  # the tests' default too
    with pytest.raises(FetchError) as caught:
        SafeFetcher().fetch(httpserver.url_for("/page"))
    assert caught.value.kind == FetchErrorKind.REFUSED
    assert "loopback" in str(caught.value)
    settings.SOURCE_FETCH_ALLOW_PRIVATE = True
    assert SafeFetcher().fetch(httpserver.url_for("/page")).body == b"hello"


def test_a_body_exactly_at_the_limit_is_whole(httpserver):
    no_robots(httpserver)
    httpserver.expect_request("/exact").respond_with_data("y" * LIMITS.max_bytes)
    result = SafeFetcher(LOCAL).fetch(httpserver.url_for("/exact"))
    assert len(result.body) == LIMITS.max_bytes
    assert not result.is_truncated


def test_addresses_with_non_ascii_paths_are_sent_encoded(httpserver):
    no_robots(httpserver)
    httpserver.expect_request("/café story").respond_with_data("ok")
    url = httpserver.url_for("/") + "café story"
    assert SafeFetcher(LOCAL).fetch(url).body == b"ok"


def test_a_robots_txt_in_a_charset_that_cannot_decode_is_still_read(httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n",
        content_type="text/plain; charset=undefined",
    )
    httpserver.expect_request("/public").respond_with_data("open")
    fetcher = SafeFetcher(LOCAL)
    assert fetcher.fetch(httpserver.url_for("/public")).body == b"open"
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(httpserver.url_for("/private/page"))
    assert caught.value.kind == FetchErrorKind.ROBOTS


def _raw_server(answer):
    """A local TCP server that runs ``answer(connection)`` for each client (for
    answers werkzeug will not give: headers that trickle in)."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve():
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=answer, args=(connection,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    return listener


def _trickled_headers(connection):
    """Robots.txt answered at once; any other page's headers arrive one every
    0.1 s for 3 s: each wait is short, the whole is long."""
    with connection:
        try:
            request = connection.recv(65536)
            if request.startswith(b"GET /robots.txt"):
                connection.sendall(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                )
                return
            connection.sendall(b"HTTP/1.1 200 OK\r\n")
            for number in range(30):
                time.sleep(0.1)
                connection.sendall(b"X-Slow-%d: y\r\n" % number)
            connection.sendall(b"Content-Length: 2\r\n\r\nok")
        except OSError:
            pass


def test_headers_that_trickle_in_stop_at_the_total_deadline():
    listener = _raw_server(_trickled_headers)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/page"
    limits = dataclasses.replace(LOCAL, read_timeout=2, deadline=0.6)
    started = time.monotonic()
    try:
        with pytest.raises(FetchError) as caught:
            SafeFetcher(limits).fetch(url)
    finally:
        listener.close()
    assert caught.value.kind == FetchErrorKind.TIMEOUT
    assert time.monotonic() - started < 1.5


def _control_characters_in_headers(connection):
    """A redirect whose Location holds a NUL and an escape, to a page whose
    Content-Type holds a NUL: a database column (PostgreSQL) refuses a NUL."""
    with connection:
        request = connection.recv(65536)
        if request.startswith(b"GET /robots.txt"):
            head = b"404 Not Found\r\nContent-Length: 0"
        elif request.startswith(b"GET /start"):
            head = b"302 Found\r\nLocation: /a\x00b\x1bc d\r\nContent-Length: 0"
        else:
            head = b"200 OK\r\nContent-Type: text/ht\x00ml; charset=u\x00tf-8\r\n"
            head += b"Content-Length: 2"
        connection.sendall(b"HTTP/1.1 " + head + b"\r\nConnection: close\r\n\r\nok")


def test_control_characters_in_headers_are_not_passed_on():
    listener = _raw_server(_control_characters_in_headers)
    base = f"http://127.0.0.1:{listener.getsockname()[1]}"
    try:
        result = SafeFetcher(LOCAL).fetch(f"{base}/start")
    finally:
        listener.close()
    assert result.final_url == f"{base}/a%00b%1Bc%20d"
    assert result.redirects == [result.final_url]
    assert (result.content_type, result.charset) == ("application/octet-stream", None)
    assert result.body == b"ok"
