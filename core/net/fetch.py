"""HTTP fetching with the limits a mature feed reader needs (see shared/reference/feed-fetching.md).

requests' timeouts are per socket operation, so a server trickling a byte every few seconds —
of its headers or of its body — would never trip them. Every fetch is therefore watched from
outside: a watchdog thread shuts the connection's socket down when the fetch passes its total
deadline (connect + headers + body) or when the job it belongs to is cancelled, which ends a
blocking read at once (urllib3's own ``shutdown`` works the same way). The size cap is counted
after decompression so a small gzip bomb cannot fill memory.

An https feed redirected to plain http is followed (the officer still gets the news) but the
stored address stays https: ``permanent_url`` never names a downgraded address, and the
result says ``downgraded`` so the source can show a warning.
"""

from __future__ import annotations

import copy
import logging
import os
import socket
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from requests import exceptions as rx
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from core import USER_AGENT
from core.net.schedule import parse_retry_after
from core.settings import Settings

log = logging.getLogger("attache.fetch")

CHUNK = 64 * 1024
PERMANENT_REDIRECTS = (301, 308)
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/rdf+xml;q=0.8, application/xml;q=0.7, text/xml;q=0.7, text/html;q=0.5, */*;q=0.1"
)


@dataclass(frozen=True)
class FetchLimits:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    deadline: float = 60.0
    max_bytes: int = 15 * 1024 * 1024

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchLimits:
        return cls(
            connect_timeout=settings.connect_timeout,
            read_timeout=settings.read_timeout,
            deadline=settings.fetch_deadline,
            max_bytes=int(settings.max_body_mib * 1024 * 1024),
        )


@dataclass
class FetchResult:
    """What came back for one URL. ``error`` set means nothing usable arrived."""

    url: str
    status: int | None = None
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    final_url: str | None = None
    permanent_url: str | None = None  # set when every redirect up to it was 301/308
    retry_after: datetime | None = None
    error: str | None = None
    elapsed: float = 0.0
    cancelled: bool = False  # the job was cancelled mid-fetch; nothing is wrong with the URL
    # A write that failed after the request may have reached the server (read timeout, dropped
    # connection, cut at the deadline): the platform may have acted on it. False when it
    # certainly did not (no connection was made).
    maybe_delivered: bool = False

    @property
    def downgraded(self) -> bool:
        """An https address that redirected to plain http (the body came unencrypted)."""
        return (self.url.lower().startswith("https:")
                and (self.final_url or "").lower().startswith("http:"))

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


class BodyTooLarge(Exception):
    pass


class DeadlineExceeded(Exception):
    pass


CANCELLED = "cancelled"
WATCH_INTERVAL = 0.1  # how often the watchdog looks: a cancel takes effect within this


class _Watch:
    """One fetch in flight: when it must end, what may cancel it, the connection it uses."""

    __slots__ = ("cancel", "conn", "deadline", "reason")

    def __init__(self, deadline: float, cancel: threading.Event | None) -> None:
        self.deadline = deadline
        self.cancel = cancel
        self.conn: Any = None  # the urllib3 connection of the current hop
        self.reason: str | None = None  # "deadline" or CANCELLED once the watchdog cut it

    def check(self, now: float) -> None:
        if self.cancel is not None and self.cancel.is_set():
            self.reason = self.reason or CANCELLED
        elif now >= self.deadline:
            self.reason = self.reason or "deadline"
        if self.reason is not None:
            # Again at every look: during a TLS handshake the socket is not reachable yet.
            sock = getattr(self.conn, "sock", None)
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except (OSError, ValueError):
                    pass  # already closed: nothing left to interrupt


class _Watchdog:
    """One thread for all of a fetcher's fetches; it runs only while some are in flight."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watches: set[_Watch] = set()
        self._thread: threading.Thread | None = None

    def add(self, watch: _Watch) -> None:
        with self._lock:
            self._watches.add(watch)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="attache-fetch-watchdog",
                                                daemon=True)
                self._thread.start()

    def remove(self, watch: _Watch) -> None:
        with self._lock:
            self._watches.discard(watch)

    def _run(self) -> None:
        while True:
            time.sleep(WATCH_INTERVAL)
            with self._lock:
                if not self._watches:
                    self._thread = None
                    return
                watches = list(self._watches)
            now = time.monotonic()
            for watch in watches:
                watch.check(now)


_current = threading.local()  # the watch of the fetch running in this thread


class _WatchedPool:
    """Tells the fetch running in this thread which connection it got, so the watchdog can
    shut that connection's socket down (each redirect hop may use another one)."""

    def _get_conn(self, timeout: float | None = None) -> Any:
        conn = super()._get_conn(timeout)  # type: ignore[misc]
        watch = getattr(_current, "watch", None)
        if watch is not None:
            watch.conn = conn
        return conn


class _WatchedHTTPPool(_WatchedPool, HTTPConnectionPool):
    pass


class _WatchedHTTPSPool(_WatchedPool, HTTPSConnectionPool):
    pass


WATCHED_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class _WatchedAdapter(requests.adapters.HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = WATCHED_POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        if not proxy.lower().startswith("socks"):  # SOCKS pools are their own classes
            manager.pool_classes_by_scheme = WATCHED_POOLS
        return manager


class Fetcher:
    """A shared requests Session plus the limits; safe to use from several threads."""

    def __init__(self, limits: FetchLimits | None = None, proxy: str | None = None,
                 ca_bundle: str | None = None) -> None:
        self.limits = limits or FetchLimits()
        self.cancel: threading.Event | None = None
        self._watchdog = _Watchdog()
        self.session = requests.Session()
        self.session.headers.update({
            "User-Agent": USER_AGENT,
            "Accept-Encoding": "gzip, deflate",
            "Accept": ACCEPT,
        })
        self.session.max_redirects = 10
        adapter = _WatchedAdapter(pool_connections=64, pool_maxsize=16)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        # The environment is read once here, not on every request: requests' trust_env scans
        # os.environ (and ~/.netrc) per request, a third of the cost of a 304.
        self.session.trust_env = False
        env = urllib.request.getproxies()
        self.no_proxy = env.pop("no", "")
        self.proxies = {"http": proxy, "https": proxy} if proxy else {
            k: v for k, v in env.items() if k in ("http", "https", "all")}
        # TLS verification stays on; IT's own CA (TLS-inspecting proxies) via setting or env.
        self.session.verify = (ca_bundle or os.environ.get("REQUESTS_CA_BUNDLE")
                               or os.environ.get("CURL_CA_BUNDLE") or True)

    @classmethod
    def from_settings(cls, settings: Settings) -> Fetcher:
        return cls(FetchLimits.from_settings(settings), proxy=settings.proxy_url(),
                   ca_bundle=settings.ca_bundle)

    def proxies_for(self, url: str) -> dict[str, str]:
        """The proxies for one URL: none for hosts listed in NO_PROXY."""
        if not self.proxies:
            return {}
        host = urlsplit(url).hostname or ""
        if self.no_proxy and urllib.request.proxy_bypass_environment(host,
                                                                     {"no": self.no_proxy}):
            return {}
        return self.proxies

    def close(self) -> None:
        self.session.close()

    def cancellable(self, cancel: threading.Event) -> Fetcher:
        """This fetcher (same session, limits and connections) with every fetch, those in
        flight included, ending within ``WATCH_INTERVAL`` of ``cancel`` being set. Close the
        original, not the copy."""
        bound = copy.copy(self)
        bound.cancel = cancel
        return bound

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None,
              headers: dict[str, str] | None = None,
              form: dict[str, str] | None = None) -> FetchResult:
        """``headers`` adds request headers (an API's Accept or Authorization); they are
        never logged. ``form`` sends a POST with those fields (a page's own "show more" call,
        such as Telegram's discussion widget) under the same limits as any GET."""
        headers = dict(headers or {})
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._perform(url, "GET" if form is None else "POST", headers, {"data": form},
                             follow=True)

    def send(self, method: str, url: str, *, headers: dict[str, str] | None = None,
             json_body: object = None,
             data: bytes | dict[str, str] | list[tuple[str, str]] | None = None,
             files: dict[str, tuple[str, bytes, str]] | None = None) -> FetchResult:
        """A write to an API (publishing a post, uploading an image): JSON, a form, raw bytes
        or multipart ``files`` ({field: (filename, bytes, mime)}), under the same limits.

        Redirects are not followed (a write is never repeated somewhere else), and requests
        never retries it. ``FetchResult.maybe_delivered`` tells a failure that may still have
        reached the platform (the answer was lost) from one that certainly did not (no
        connection): only the first can have created something.
        """
        body: dict[str, object] = {"data": data, "files": files}
        if json_body is not None:
            body["json"] = json_body
        return self._perform(url, method, dict(headers or {}), body, follow=False)

    def _perform(self, url: str, method: str, headers: dict[str, str],
                 body: dict[str, object], *, follow: bool) -> FetchResult:
        started = time.monotonic()
        result = FetchResult(url=url)
        if self.cancel is not None and self.cancel.is_set():
            result.error, result.cancelled = CANCELLED, True
            return result
        watch = _Watch(started + self.limits.deadline, self.cancel)
        _current.watch = watch
        self._watchdog.add(watch)
        try:
            self._fetch_into(result, url, headers, started, watch, method, body, follow)
        except BodyTooLarge:
            mib = self.limits.max_bytes / (1024 * 1024)
            result.error = f"feed is larger than {mib:g} MiB; refusing to read it all"
        except Exception as exc:
            # A socket shut down under a read surfaces as whatever that read raises.
            if watch.reason is None:
                if not isinstance(exc, rx.RequestException | DeadlineExceeded):
                    raise
                result.error = self._explain(exc)
                result.maybe_delivered = _may_have_arrived(exc)
        finally:
            _current.watch = None
            self._watchdog.remove(watch)
        if watch.reason is not None and result.status is None:
            result.maybe_delivered = True  # cut while the request was out: it may have landed
        if watch.reason == CANCELLED:
            result.error, result.cancelled, result.body = CANCELLED, True, None
        elif watch.reason is not None:  # cut at the deadline: whatever arrived is partial
            result.error, result.body = self._too_slow(), None
        result.elapsed = time.monotonic() - started
        return result

    def _too_slow(self) -> str:
        return f"download took longer than {self.limits.deadline:g} s; the server is too slow"

    def _explain(self, exc: Exception) -> str:
        """What went wrong, in plain words."""
        if isinstance(exc, rx.SSLError):
            return f"TLS certificate check failed: {_reason(exc)}"
        if isinstance(exc, rx.ProxyError):
            return f"proxy refused the connection: {_reason(exc)}"
        if isinstance(exc, rx.ConnectTimeout):
            return f"connection timed out after {self.limits.connect_timeout:g} s"
        if isinstance(exc, rx.ReadTimeout):
            return f"server stopped answering for {self.limits.read_timeout:g} s"
        if isinstance(exc, rx.TooManyRedirects):
            return "too many redirects (more than 10)"
        if isinstance(exc, rx.MissingSchema | rx.InvalidSchema | rx.InvalidURL):
            return f"not a valid http(s) URL: {exc}"
        if isinstance(exc, rx.ConnectionError):
            return _connection_message(exc)
        if isinstance(exc, DeadlineExceeded):
            return self._too_slow()
        return f"download failed: {_reason(exc)}"

    def _fetch_into(self, result: FetchResult, url: str, headers: dict[str, str],
                    started: float, watch: _Watch, method: str, body: dict[str, object],
                    follow: bool) -> None:
        deadline = started + self.limits.deadline
        timeout = (self.limits.connect_timeout, min(self.limits.read_timeout, self.limits.deadline))
        with self.session.request(method, url, headers=headers, timeout=timeout, stream=True,
                                  proxies=self.proxies_for(url), allow_redirects=follow,
                                  **body) as resp:  # type: ignore[arg-type]
            try:
                self._read_response(result, resp, deadline)
            finally:
                # The connection goes back to the pool when the block ends: from here on it
                # may serve another fetch, which this watch must never cut.
                watch.conn = None

    def _read_response(self, result: FetchResult, resp: requests.Response,
                       deadline: float) -> None:
        result.status = resp.status_code
        result.headers = {k.lower(): v for k, v in resp.headers.items()}
        result.final_url = resp.url
        result.permanent_url = _permanent_target(resp)
        if resp.status_code in (429, 503):
            result.retry_after = parse_retry_after(resp.headers.get("Retry-After"))
        if resp.status_code == 304:
            _ = resp.content  # empty; reading it hands the connection back for keep-alive
            return
        if resp.status_code >= 400:
            result.error = f"HTTP {resp.status_code} {resp.reason or ''}".strip()
            # APIs explain refusals in the body (Graph's error code, YouTube's reason):
            # keep a bounded piece of it, never the whole of a hostile answer.
            result.body = self._read_error_body(resp, deadline)
            return
        result.body = self._read_body(resp, deadline)

    def _read_error_body(self, resp: requests.Response, deadline: float) -> bytes | None:
        chunks, size = [], 0
        try:
            for chunk in resp.iter_content(8192):
                chunks.append(chunk)
                size += len(chunk)
                if size >= ERROR_BODY_LIMIT or time.monotonic() > deadline:
                    break
        except rx.RequestException:
            return None
        return b"".join(chunks)[:ERROR_BODY_LIMIT]

    def _read_body(self, resp: requests.Response, deadline: float) -> bytes:
        limit = self.limits.max_bytes
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and "Content-Encoding" not in resp.headers:
            if int(declared) > limit:
                raise BodyTooLarge
        chunks: list[bytes] = []
        size = 0
        # iter_content blocks until a whole chunk has arrived, so a server trickling a byte at a
        # time would only be noticed after the full chunk; the watchdog cuts it at the deadline.
        for chunk in resp.iter_content(CHUNK):
            size += len(chunk)
            if size > limit:
                raise BodyTooLarge
            if time.monotonic() > deadline:
                raise DeadlineExceeded
            chunks.append(chunk)
        return b"".join(chunks)


ERROR_BODY_LIMIT = 64 * 1024


def _permanent_target(resp: requests.Response) -> str | None:
    """The URL to store: followed only while every hop was a permanent redirect, and never
    from https to plain http (a downgrade is followed for this fetch, not remembered)."""
    urls = [r.url for r in resp.history] + [resp.url]
    target = None
    for i, hop in enumerate(resp.history):
        if hop.status_code not in PERMANENT_REDIRECTS:
            break
        if urls[i].lower().startswith("https:") and not urls[i + 1].lower().startswith(
                "https:"):
            break
        target = urls[i + 1]
    return target


def _reason(exc: Exception) -> str:
    text = str(exc.args[0] if exc.args else exc)
    return text if len(text) < 300 else text[:300] + "…"


def _may_have_arrived(exc: Exception) -> bool:
    """Whether a failed request may still have reached the server: not when no connection
    was made (DNS, refused, unreachable, TLS, proxy, a bad address), else yes."""
    if isinstance(exc, rx.ConnectTimeout | rx.SSLError | rx.ProxyError | rx.InvalidURL
                  | rx.MissingSchema | rx.InvalidSchema | rx.TooManyRedirects):
        return False
    if isinstance(exc, rx.ConnectionError):
        return not _never_connected(exc)
    return True


def _never_connected(exc: rx.ConnectionError) -> bool:
    """The connection was never made (DNS, refused, unreachable): nothing was sent. Anything
    else (a reset or close after sending) may have reached the server."""
    from urllib3.exceptions import MaxRetryError, NewConnectionError

    reason = exc.args[0] if exc.args else None
    return isinstance(reason, MaxRetryError) and isinstance(reason.reason, NewConnectionError)


def _connection_message(exc: rx.ConnectionError) -> str:
    text = str(exc)
    if "NameResolution" in text or "Name or service not known" in text or "getaddrinfo" in text:
        return "cannot find the server (no network, or the host name is wrong)"
    if "Connection refused" in text:
        return "the server refused the connection"
    if "timed out" in text.lower():
        return "the server stopped answering"
    return f"network error: {_reason(exc)}"
