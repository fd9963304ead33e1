"""A real HTTP server on 127.0.0.1 that serves fixture feeds and misbehaves on request.

Tests register routes (``server.static(...)``, ``server.route(...)``) and read
``server.requests`` to see what the client actually sent. No mocked sessions anywhere.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)
    method: str = "GET"
    body: bytes = b""  # what a POST sent


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.prefixes: dict[str, Handler] = {}  # path prefix -> handler (APIs with ids in paths)
        self.requests: list[Seen] = []
        self.in_flight = 0
        self.peak_in_flight = 0
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                self._serve(b"")

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = self.headers.get("Content-Length", "0")
                self._serve(self.rfile.read(int(length)) if length.isdigit() else b"")

            do_PUT = do_DELETE = do_POST  # noqa: N815 - APIs' other verbs, same handling

            def _serve(self, body: bytes) -> None:
                """Handlers see ``req.command``, and the body as ``req.request_body`` (and in
                ``server.requests``)."""
                self.request_body = body
                path = self.path.split("?", 1)[0]
                with server._lock:
                    server.requests.append(Seen(self.path, {k.lower(): v for k, v in
                                                            self.headers.items()},
                                                method=self.command, body=body))
                    server.in_flight += 1
                    server.peak_in_flight = max(server.peak_in_flight, server.in_flight)
                try:
                    handler = server.routes.get(path) or server._by_prefix(path)
                    if handler is None:
                        send(self, 404, b"not found", "text/plain")
                    else:
                        handler(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with server._lock:
                        server.in_flight -= 1

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        # A short poll interval: shutdown() waits for it, once per test.
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)
        self._handler_class = _Handler
        self._also: list[ThreadingHTTPServer] = []
        self.scheme = "http"

    # ------------------------------------------------------------------ life cycle
    def start(self) -> FeedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        for extra in [self.httpd, *self._also]:
            extra.shutdown()
            extra.server_close()

    def also_listen(self, host: str) -> str:
        """Serve the same routes on another loopback address (e.g. 127.0.0.2), same port.

        A socket bound to 127.0.0.1 does not answer 127.0.0.2, so tests that need several
        "hosts" ask for them here; requests, hits and in-flight counts stay shared.
        """
        extra = ThreadingHTTPServer((host, self.port), self._handler_class)
        extra.daemon_threads = True
        threading.Thread(target=extra.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        self._also.append(extra)
        return host

    def use_tls(self, folder: Path) -> str:
        """Serve https with a fresh self-signed certificate for 127.0.0.1 (call before
        ``start``); returns the certificate's path, for a fetcher's ``ca_bundle``."""
        import ssl
        import subprocess

        cert, key = folder / "cert.pem", folder / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.scheme = "https"
        return str(cert)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def hits(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    # ------------------------------------------------------------------ routes
    def route(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return self.url(path)

    def route_prefix(self, prefix: str, handler: Handler) -> str:
        """``handler`` serves every path under ``prefix`` that has no exact route."""
        self.prefixes[prefix] = handler
        return self.url(prefix)

    def _by_prefix(self, path: str) -> Handler | None:
        found = [p for p in self.prefixes if path.startswith(p)]
        return self.prefixes[max(found, key=len)] if found else None

    def static(self, path: str, fixture: str | bytes, content_type: str = "application/rss+xml",
               etag: str | None = None, last_modified: str | None = None,
               gzip_body: bool = False, delay: float = 0.0) -> str:
        body = fixture if isinstance(fixture, bytes) else (FIXTURES / fixture).read_bytes()

        def handler(req: BaseHTTPRequestHandler) -> None:
            if delay:
                time.sleep(delay)
            if etag and req.headers.get("If-None-Match") == etag:
                send(req, 304, b"", None, {"ETag": etag})
                return
            if last_modified and req.headers.get("If-Modified-Since") == last_modified:
                send(req, 304, b"", None, {"Last-Modified": last_modified})
                return
            headers = {}
            if etag:
                headers["ETag"] = etag
            if last_modified:
                headers["Last-Modified"] = last_modified
            payload = body
            if gzip_body:
                payload = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            send(req, 200, payload, content_type, headers)

        return self.route(path, handler)

    def status(self, path: str, code: int, headers: dict[str, str] | None = None) -> str:
        return self.route(path, lambda req: send(req, code, b"", "text/plain", headers or {}))

    def redirect(self, path: str, code: int, location: str) -> str:
        return self.status(path, code, {"Location": location})


def send(req: BaseHTTPRequestHandler, code: int, body: bytes, content_type: str | None,
         headers: dict[str, str] | None = None) -> None:
    req.send_response(code)
    if content_type:
        req.send_header("Content-Type", content_type)
    for key, value in (headers or {}).items():
        req.send_header(key, value)
    if code != 304:
        req.send_header("Content-Length", str(len(body)))
    req.end_headers()
    if body and code != 304:
        req.wfile.write(body)


def trickle(chunk: bytes = b" ", every: float = 0.2, total: int = 1000) -> Handler:
    """A server that sends a byte every ``every`` seconds: never trips a read timeout."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Content-Length", str(total * len(chunk)))
        req.end_headers()
        for _ in range(total):
            req.wfile.write(chunk)
            req.wfile.flush()
            time.sleep(every)

    return handler


def trickle_headers(every: float = 0.1, total: int = 300,
                    started: threading.Event | None = None) -> Handler:
    """A server that answers with a status line, then a header one byte every ``every``
    seconds (``total`` bytes): the headers never end, no read timeout ever trips, and no
    header count or line length limit is reached. ``started`` is set once the request
    arrived (for tests that cancel "while the server is answering")."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        if started is not None:
            started.set()
        req.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        req.wfile.flush()
        for _ in range(total):
            req.wfile.write(b"a")
            req.wfile.flush()
            time.sleep(every)
        req.close_connection = True

    return handler


def endless(declare_length: bool, size: int, gzip_body: bool = False) -> Handler:
    """A body of ``size`` bytes of valid-looking XML, optionally gzip-compressed (a bomb)."""
    head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>'
    filler = b"<!-- " + b"x" * 1000 + b" -->"

    def body() -> bytes:
        repeats = max(0, (size - len(head)) // len(filler))
        return head + filler * repeats

    def handler(req: BaseHTTPRequestHandler) -> None:
        data = body()
        headers = {}
        if gzip_body:
            data = gzip.compress(data, compresslevel=9)
            headers["Content-Encoding"] = "gzip"
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        for key, value in headers.items():
            req.send_header(key, value)
        if declare_length:
            req.send_header("Content-Length", str(len(data)))
        else:
            req.send_header("Connection", "close")
        req.end_headers()
        try:
            for start in range(0, len(data), 65536):
                req.wfile.write(data[start:start + 65536])
        except (BrokenPipeError, ConnectionResetError):
            pass
        req.close_connection = True

    return handler
