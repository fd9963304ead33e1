"""Request parsing and answers the fake platforms share."""

from __future__ import annotations

import email.parser
import email.policy
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, parse_qsl, urlsplit

from tests.feedserver import send


@dataclass
class Part:
    name: str
    filename: str | None
    content_type: str
    data: bytes


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    form: list[tuple[str, str]] = field(default_factory=list)
    parts: dict[str, Part] = field(default_factory=dict)
    json: object = None

    def value(self, name: str) -> str | None:
        for key, value in self.form:
            if key == name:
                return value
        part = self.parts.get(name)
        if part is not None and part.filename is None:
            return part.data.decode("utf-8")
        return None

    def values(self, name: str) -> list[str]:
        return [v for k, v in self.form if k == name]


def read_request(req: BaseHTTPRequestHandler) -> Request:
    """The request the handler is serving, parsed by its Content-Type (form, multipart or
    JSON)."""
    body: bytes = getattr(req, "request_body", b"")
    parts = urlsplit(req.path)
    headers = {k.lower(): v for k, v in req.headers.items()}
    request = Request(req.command, parts.path, parse_qs(parts.query), headers, body)
    kind = headers.get("content-type", "")
    if kind.startswith("application/x-www-form-urlencoded"):
        request.form = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
    elif kind.startswith("multipart/form-data"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {kind}\r\n\r\n".encode() + body)
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            request.parts[name] = Part(name, part.get_filename(),
                                       part.get_content_type(),
                                       part.get_payload(decode=True) or b"")
    elif kind.startswith("application/json") and body:
        request.json = json.loads(body)
    return request


def reply_json(req: BaseHTTPRequestHandler, status: int, payload: object,
               headers: dict[str, str] | None = None) -> None:
    send(req, status, json.dumps(payload, ensure_ascii=False).encode("utf-8"),
         "application/json; charset=utf-8", headers)


class Stall:
    """Makes a fake hold its answer after acting (the platform created the post, the answer
    has not left): a test kills the client meanwhile, then ``release()``s."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self._go = threading.Event()

    def hold(self) -> None:
        self.reached.set()
        self._go.wait(30)

    def release(self) -> None:
        self._go.set()


@dataclass
class Scripted:
    """A refusal to give instead of the normal answer, ``times`` times."""

    status: int
    payload: object
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1
