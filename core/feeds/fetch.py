"""HTTP fetching with the limits a mature feed reader needs (see shared/reference/feed-fetching.md).

requests' timeouts are per socket operation, so a server trickling a byte every few seconds
would never trip them: the body is streamed and a total deadline checked between chunks. The
size cap is counted after decompression so a small gzip bomb cannot fill memory.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import requests
from requests import exceptions as rx

from core import USER_AGENT
from core.feeds.schedule import parse_retry_after
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
    # A write that failed after the request may have reached the server (read timeout, dropped
    # connection): the platform may have acted on it. False when it certainly did not.
    maybe_delivered: bool = False

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


class Fetcher:
    """A shared requests Session plus the limits; safe to use from several threads."""

    def __init__(self, limits: FetchLimits | None = None, proxy: str | None = None,
                 ca_bundle: str | None = None) -> None:
        self.limits = limits or FetchLimits()
        self.session = requests.Session()
        self.session.headers.update({
            "User-Agent": USER_AGENT,
            "Accept-Encoding": "gzip, deflate",
            "Accept": ACCEPT,
        })
        self.session.max_redirects = 10
        adapter = requests.adapters.HTTPAdapter(pool_connections=64, pool_maxsize=16)
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
        return self._perform(url, "GET" if form is None else "POST", headers,
                             {"data": form}, follow=True)

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

    def _perform(self, url: str, method: str, headers: dict[str, str], body: dict[str, object],
                 *, follow: bool) -> FetchResult:
        started = time.monotonic()
        result = FetchResult(url=url)
        try:
            self._fetch_into(result, url, headers, started, method, body, follow)
        except rx.SSLError as exc:
            result.error = f"TLS certificate check failed: {_reason(exc)}"
        except rx.ProxyError as exc:
            result.error = f"proxy refused the connection: {_reason(exc)}"
        except rx.ConnectTimeout:
            result.error = f"connection timed out after {self.limits.connect_timeout:g} s"
        except rx.ReadTimeout:
            result.error = f"server stopped answering for {self.limits.read_timeout:g} s"
            result.maybe_delivered = True
        except rx.TooManyRedirects:
            result.error = "too many redirects (more than 10)"
        except (rx.MissingSchema, rx.InvalidSchema, rx.InvalidURL) as exc:
            result.error = f"not a valid http(s) URL: {exc}"
        except rx.ConnectionError as exc:
            result.error = _connection_message(exc)
            result.maybe_delivered = not _never_connected(exc)
        except DeadlineExceeded:
            result.error = (f"download took longer than {self.limits.deadline:g} s; "
                            "the server is too slow")
            result.maybe_delivered = True
        except BodyTooLarge:
            mib = self.limits.max_bytes / (1024 * 1024)
            result.error = f"feed is larger than {mib:g} MiB; refusing to read it all"
        except rx.RequestException as exc:
            result.error = f"download failed: {_reason(exc)}"
            result.maybe_delivered = result.status is None
        result.elapsed = time.monotonic() - started
        return result

    def _fetch_into(self, result: FetchResult, url: str, headers: dict[str, str],
                    started: float, method: str, body: dict[str, object],
                    follow: bool) -> None:
        deadline = started + self.limits.deadline
        timeout = (self.limits.connect_timeout, min(self.limits.read_timeout, self.limits.deadline))
        with self.session.request(method, url, headers=headers, timeout=timeout, stream=True,
                                  proxies=self.proxies_for(url), allow_redirects=follow,
                                  **body) as resp:  # type: ignore[arg-type]
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
        watchdog = threading.Timer(max(deadline - time.monotonic(), 0.0), _cut, (resp,))
        watchdog.daemon = True
        watchdog.start()
        try:
            for chunk in resp.iter_content(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise BodyTooLarge
                if time.monotonic() > deadline:
                    raise DeadlineExceeded
                chunks.append(chunk)
        except rx.RequestException:
            if time.monotonic() >= deadline:  # the cut connection, not the server, ended it
                raise DeadlineExceeded from None
            raise
        finally:
            watchdog.cancel()
        if time.monotonic() > deadline:  # cut where no length was declared: body is partial
            raise DeadlineExceeded
        return b"".join(chunks)


ERROR_BODY_LIMIT = 64 * 1024


def _cut(resp: requests.Response) -> None:
    """Interrupt a blocking read from another thread (urllib3's documented use of shutdown)."""
    try:
        resp.raw.shutdown()
    except (AttributeError, ValueError, RuntimeError, OSError):
        pass  # already closed or released: nothing left to interrupt


def _permanent_target(resp: requests.Response) -> str | None:
    """The URL to store: followed only while every hop was a permanent redirect."""
    urls = [r.url for r in resp.history] + [resp.url]
    target = None
    for i, hop in enumerate(resp.history):
        if hop.status_code not in PERMANENT_REDIRECTS:
            break
        target = urls[i + 1]
    return target


def _reason(exc: Exception) -> str:
    text = str(exc.args[0] if exc.args else exc)
    return text if len(text) < 300 else text[:300] + "…"


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
