"""Fetching over real HTTP on loopback: headers, compression, validators, limits, redirects."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler

import pytest

from core import USER_AGENT
from core.net.fetch import Fetcher, FetchLimits
from tests.feedserver import FIXTURES, FeedServer, endless, send, trickle, trickle_headers

RSS2 = (FIXTURES / "rss2.xml").read_bytes()
MIB = 1024 * 1024
ETAG = '"v1"'
LAST_MODIFIED = "Fri, 20 Nov 2026 10:00:00 GMT"


@pytest.fixture
def capped() -> Iterator[Fetcher]:
    """A fetcher with a 1 MiB cap, so the size tests move little data."""
    f = Fetcher(FetchLimits(connect_timeout=5, read_timeout=5, deadline=10, max_bytes=MIB))
    yield f
    f.close()


# ------------------------------------------------------------------ what we send

def test_sends_our_user_agent_and_asks_for_compression(server: FeedServer,
                                                       fetcher: Fetcher) -> None:
    result = fetcher.fetch(server.static("/feed.xml", "rss2.xml"))
    assert result.ok and result.status == 200
    sent = server.hits("/feed.xml")[0].headers
    assert sent["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("Attaché/")
    assert "gzip" in sent["accept-encoding"]
    assert "application/rss+xml" in sent["accept"]
    assert "if-none-match" not in sent and "if-modified-since" not in sent


def test_gzip_body_is_decoded(server: FeedServer, fetcher: Fetcher) -> None:
    result = fetcher.fetch(server.static("/feed.xml", "rss2.xml", gzip_body=True))
    assert result.ok
    assert result.headers["content-encoding"] == "gzip"
    assert result.body == RSS2
    assert result.content_type == "application/rss+xml"


def test_headers_are_lowercased(server: FeedServer, fetcher: Fetcher) -> None:
    result = fetcher.fetch(server.static("/feed.xml", "rss2.xml", etag=ETAG))
    assert result.headers["etag"] == ETAG
    assert all(key == key.lower() for key in result.headers)


# ------------------------------------------------------------------ conditional GET

def test_conditional_get_with_etag_gives_not_modified(server: FeedServer,
                                                     fetcher: Fetcher) -> None:
    url = server.static("/feed.xml", "rss2.xml", etag=ETAG, last_modified=LAST_MODIFIED)
    first = fetcher.fetch(url)
    assert first.ok and first.body == RSS2
    again = fetcher.fetch(url, etag=first.headers["etag"],
                          last_modified=first.headers["last-modified"])
    assert again.status == 304 and again.not_modified
    assert again.body is None and again.error is None
    assert not again.ok  # nothing to parse
    sent = server.hits("/feed.xml")[1].headers
    assert sent["if-none-match"] == ETAG
    assert sent["if-modified-since"] == LAST_MODIFIED


def test_conditional_get_with_last_modified_only(server: FeedServer, fetcher: Fetcher) -> None:
    url = server.static("/feed.xml", "rss2.xml", last_modified=LAST_MODIFIED)
    result = fetcher.fetch(url, last_modified=LAST_MODIFIED)
    assert result.not_modified and result.body is None
    assert "if-none-match" not in server.hits("/feed.xml")[0].headers


def test_changed_etag_gives_the_body(server: FeedServer, fetcher: Fetcher) -> None:
    url = server.static("/feed.xml", "rss2.xml", etag='"v2"')
    result = fetcher.fetch(url, etag=ETAG)
    assert result.status == 200 and result.body == RSS2


# ------------------------------------------------------------------ limits

def test_deadline_stops_a_trickling_server() -> None:
    # One byte every 0.2 s never trips the 3 s read timeout; only the deadline can stop it.
    srv = FeedServer().start()
    slow = Fetcher(FetchLimits(connect_timeout=2, read_timeout=3, deadline=1.5))
    try:
        result = slow.fetch(srv.route("/slow", trickle(every=0.2, total=1000)))
    finally:
        slow.close()
        srv.stop()
    assert result.status == 200
    assert not result.ok and result.body is None
    assert "longer than 1.5 s" in result.error and "too slow" in result.error


def test_the_deadline_covers_headers_trickled_a_byte_at_a_time() -> None:
    # Issue 16.5: headers trickled a byte every 0.1 s held a refresh for minutes: requests'
    # read timeout (per socket read) never trips. The total deadline must cover the headers.
    srv = FeedServer().start()
    slow = Fetcher(FetchLimits(connect_timeout=2, read_timeout=3, deadline=1.5))
    try:
        result = slow.fetch(srv.route("/slow-headers", trickle_headers(every=0.1, total=300)))
    finally:
        slow.close()
        srv.stop()
    assert not result.ok and result.body is None
    assert result.error == "download took longer than 1.5 s; the server is too slow"
    assert result.elapsed < 15  # the server would have gone on for 30 s


@pytest.mark.parametrize("phase", ["headers", "body"])
def test_cancel_cuts_a_fetch_in_flight(server: FeedServer, fetcher: Fetcher,
                                       phase: str) -> None:
    started = threading.Event()
    if phase == "headers":
        url = server.route("/slow", trickle_headers(every=0.1, total=300, started=started))
    else:
        body = trickle(every=0.1, total=300)

        def slow_body(req: BaseHTTPRequestHandler) -> None:
            started.set()
            body(req)

        url = server.route("/slow", slow_body)
    cancel = threading.Event()
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(
        fetcher.cancellable(cancel).fetch(url)))
    worker.start()
    assert started.wait(5)
    cancel.set()
    worker.join(10)  # the fetcher's deadline is 10 s and the server goes on for 30 s
    assert not worker.is_alive()
    result = outcome[0]
    assert result.cancelled and result.error == "cancelled" and result.body is None
    assert result.elapsed < 8
    # The fetcher itself is not spoiled: the next fetch (not cancellable) works.
    assert fetcher.fetch(server.static("/feed.xml", "rss2.xml")).body == RSS2


def test_a_cancelled_fetcher_starts_nothing(server: FeedServer, fetcher: Fetcher) -> None:
    cancel = threading.Event()
    cancel.set()
    result = fetcher.cancellable(cancel).fetch(server.static("/feed.xml", "rss2.xml"))
    assert result.cancelled and server.requests == []


def test_declared_length_over_the_cap_is_refused_before_reading() -> None:
    release = threading.Event()

    def promises_much(req: BaseHTTPRequestHandler) -> None:
        # Declares 100 MiB, sends a little, then stalls: reading it would end in a timeout.
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Content-Length", str(100 * MIB))
        req.end_headers()
        req.wfile.write(b"<rss>")
        req.wfile.flush()
        release.wait(10)

    srv = FeedServer().start()
    f = Fetcher(FetchLimits(connect_timeout=2, read_timeout=2, deadline=3, max_bytes=MIB))
    try:
        result = f.fetch(srv.route("/huge", promises_much))
    finally:
        release.set()
        f.close()
        srv.stop()
    assert result.error == "feed is larger than 1 MiB; refusing to read it all"
    assert result.body is None


def test_streamed_body_over_the_cap_is_refused(server: FeedServer, capped: Fetcher) -> None:
    result = capped.fetch(server.route("/big", endless(declare_length=False, size=5 * MIB)))
    assert result.status == 200 and not result.ok
    assert "larger than 1 MiB" in result.error
    assert result.body is None


def test_gzip_bomb_is_refused_after_decompression(server: FeedServer, capped: Fetcher) -> None:
    url = server.route("/bomb", endless(declare_length=True, size=20 * MIB, gzip_body=True))
    result = capped.fetch(url)
    assert result.headers["content-encoding"] == "gzip"
    assert int(result.headers["content-length"]) < MIB  # small on the wire
    assert "larger than 1 MiB" in result.error
    assert result.body is None


def test_body_under_the_cap_is_read(server: FeedServer, capped: Fetcher) -> None:
    result = capped.fetch(server.route("/fine", endless(declare_length=False, size=MIB // 2)))
    assert result.ok and MIB // 2 - 1100 < len(result.body) <= MIB // 2


# ------------------------------------------------------------------ redirects

def test_permanent_redirect_chain_sets_permanent_url(server: FeedServer,
                                                     fetcher: Fetcher) -> None:
    feed = server.static("/new/feed.xml", "rss2.xml")
    server.redirect("/moved-twice", 308, server.url("/moved-once"))
    url = server.redirect("/moved-once", 301, feed)
    start = server.url("/moved-twice")
    assert url != start
    result = fetcher.fetch(start)
    assert result.ok and result.body == RSS2
    assert result.final_url == feed
    assert result.permanent_url == feed
    assert result.url == start


def test_temporary_redirect_keeps_permanent_url_unset(server: FeedServer,
                                                      fetcher: Fetcher) -> None:
    feed = server.static("/today/feed.xml", "rss2.xml")
    for code in (302, 307):
        result = fetcher.fetch(server.redirect(f"/temp{code}", code, feed))
        assert result.ok and result.final_url == feed
        assert result.permanent_url is None


def test_permanent_then_temporary_stops_at_the_first_hop(server: FeedServer,
                                                         fetcher: Fetcher) -> None:
    feed = server.static("/today/feed.xml", "rss2.xml")
    middle = server.redirect("/current", 302, feed)
    result = fetcher.fetch(server.redirect("/old", 301, middle))
    assert result.ok and result.final_url == feed
    assert result.permanent_url == middle


def test_no_redirect_no_permanent_url(server: FeedServer, fetcher: Fetcher) -> None:
    result = fetcher.fetch(server.static("/feed.xml", "rss2.xml"))
    assert result.permanent_url is None and result.final_url == server.url("/feed.xml")


# ------------------------------------------------------------------ failures in plain words

@pytest.mark.parametrize(("code", "words"), [(404, "HTTP 404 Not Found"),
                                             (500, "HTTP 500 Internal Server Error")])
def test_http_errors_name_the_status(server: FeedServer, fetcher: Fetcher, code: int,
                                     words: str) -> None:
    result = fetcher.fetch(server.status("/broken", code))
    assert result.status == code and not result.ok
    assert result.error == words
    assert result.body == b"" and result.retry_after is None


def test_error_bodies_are_kept_but_bounded(server: FeedServer, fetcher: Fetcher) -> None:
    """APIs explain refusals in the body; a hostile one cannot make us read megabytes."""
    explained = b'{"error": {"code": 190, "message": "Session has expired"}}'
    server.route("/api", lambda req: send(req, 400, explained, "application/json"))
    server.route("/huge", lambda req: send(req, 500, b"x" * 5_000_000, "text/plain"))
    assert fetcher.fetch(server.url("/api")).body == explained
    assert len(fetcher.fetch(server.url("/huge")).body) == 64 * 1024


def test_unknown_path_is_a_404(server: FeedServer, fetcher: Fetcher) -> None:
    assert fetcher.fetch(server.url("/nothing-here")).error == "HTTP 404 Not Found"


def test_connection_refused_is_a_plain_message(fetcher: Fetcher) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = fetcher.fetch(f"http://127.0.0.1:{port}/feed.xml")
    assert result.status is None and not result.ok
    assert result.error == "the server refused the connection"


def test_not_a_web_address(fetcher: Fetcher) -> None:
    result = fetcher.fetch("ftp://example.org/feed.xml")
    assert result.error.startswith("not a valid http(s) URL")


@pytest.mark.parametrize("code", [429, 503])
def test_retry_after_is_read_on_429_and_503(server: FeedServer, fetcher: Fetcher,
                                           code: int) -> None:
    before = datetime.now(UTC)
    result = fetcher.fetch(server.status("/busy", code, {"Retry-After": "120"}))
    after = datetime.now(UTC)
    assert result.status == code and not result.ok
    assert result.error.startswith(f"HTTP {code}")
    assert (before + timedelta(seconds=120) <= result.retry_after
            <= after + timedelta(seconds=120))


def test_429_without_retry_after_waits_ten_minutes(server: FeedServer, fetcher: Fetcher) -> None:
    before = datetime.now(UTC)
    result = fetcher.fetch(server.status("/busy", 429))
    assert before + timedelta(minutes=10) <= result.retry_after
    assert result.retry_after <= datetime.now(UTC) + timedelta(minutes=10)


def test_hostile_retry_after_does_not_crash(server: FeedServer, fetcher: Fetcher) -> None:
    result = fetcher.fetch(server.status("/busy", 429, {"Retry-After": "9" * 30}))
    assert result.status == 429
    assert result.retry_after <= datetime.now(UTC) + timedelta(days=7)


def test_retry_after_is_ignored_on_other_statuses(server: FeedServer, fetcher: Fetcher) -> None:
    result = fetcher.fetch(server.status("/gone", 410, {"Retry-After": "120"}))
    assert result.status == 410 and result.retry_after is None


# ------------------------------------------------------------------ proxy

def test_proxy_setting_sends_the_request_through_the_proxy(fetcher: Fetcher) -> None:
    """A plain-HTTP proxy receives the absolute URL in the request line."""
    target = "http://feeds.example.invalid/embassy/rss.xml"  # .invalid: never resolvable
    proxy = FeedServer().start()
    proxy.route(target, lambda req: send(req, 200, RSS2, "application/rss+xml"))
    via_proxy = Fetcher(fetcher.limits, proxy=proxy.url(""))
    try:
        result = via_proxy.fetch(target)
    finally:
        via_proxy.close()
        proxy.stop()
    assert result.ok and result.body == RSS2
    [seen] = proxy.hits(target)
    assert seen.path == target
    assert seen.headers["host"] == "feeds.example.invalid"
    assert seen.headers["user-agent"] == USER_AGENT


def test_unreachable_proxy_is_reported_as_the_proxy(fetcher: Fetcher) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    via_proxy = Fetcher(fetcher.limits, proxy=f"http://127.0.0.1:{port}")
    try:
        result = via_proxy.fetch("http://feeds.example.invalid/rss.xml")
    finally:
        via_proxy.close()
    assert result.error.startswith("proxy refused the connection")


# ----------------------------------------------------------------------- environment and TLS

def test_proxy_from_the_environment_and_no_proxy(monkeypatch: pytest.MonkeyPatch,
                                                 fetcher: Fetcher) -> None:
    proxy = FeedServer().start()
    target = "http://feeds.example.invalid/env.xml"
    proxy.route(target, lambda req: send(req, 200, RSS2, "application/rss+xml"))
    monkeypatch.setenv("HTTP_PROXY", proxy.url(""))
    monkeypatch.setenv("NO_PROXY", "intranet.example.invalid")
    via_env = Fetcher(fetcher.limits)
    try:
        assert via_env.fetch(target).ok
        assert via_env.proxies_for("http://intranet.example.invalid/x") == {}
        assert via_env.proxies_for(target) == {"http": proxy.url("")}
    finally:
        via_env.close()
        proxy.stop()
    assert [s.path for s in proxy.hits(target)] == [target]


def test_tls_verification_is_on_and_a_ca_bundle_can_be_given(
        tls_server: tuple[FeedServer, str], fetcher: Fetcher) -> None:
    server, cert = tls_server
    url = f"https://127.0.0.1:{server.port}/feed.xml"
    refused = fetcher.fetch(url)
    assert refused.error is not None and refused.error.startswith("TLS certificate check failed")
    trusting = Fetcher(fetcher.limits, ca_bundle=cert)  # IT's own certificate authority
    try:
        assert trusting.fetch(url).body == RSS2
    finally:
        trusting.close()


def test_an_https_feed_moved_to_http_is_read_but_not_remembered(
        tls_server: tuple[FeedServer, str], server: FeedServer) -> None:
    # Issue 16.15: "301 Moved Permanently" from https to plain http must not downgrade the
    # stored address. The content is still read (and the refresh warns).
    secure, cert = tls_server
    plain = server.static("/feed.xml", "rss2.xml")
    secure.redirect("/moved", 301, plain)
    fetcher = Fetcher(FetchLimits(connect_timeout=5, read_timeout=5, deadline=10),
                      ca_bundle=cert)
    try:
        result = fetcher.fetch(secure.url("/moved"))
    finally:
        fetcher.close()
    assert result.ok and result.body == RSS2
    assert result.final_url == plain
    assert result.permanent_url is None
    assert result.downgraded


def test_a_permanent_https_to_https_move_is_remembered(tls_server: tuple[FeedServer, str]) -> None:
    secure, cert = tls_server
    secure.redirect("/old", 308, secure.url("/feed.xml"))
    fetcher = Fetcher(ca_bundle=cert)
    try:
        result = fetcher.fetch(secure.url("/old"))
    finally:
        fetcher.close()
    assert result.ok and result.permanent_url == secure.url("/feed.xml")
    assert not result.downgraded
