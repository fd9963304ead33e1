"""Telegram's Bot API for a channel the bot administers (core.telegram.org/bots/api).

``/bot<token>/sendMessage`` (JSON or form: ``chat_id``, ``text``, ``parse_mode``),
``sendPhoto`` (multipart ``photo``, ``caption``), ``sendMediaGroup`` (``media`` as a JSON array
of InputMediaPhoto with ``attach://`` names). Answers ``{"ok": true, "result": Message}``;
refusals ``{"ok": false, "error_code": N, "description": "..."}`` (401 Unauthorized, 400 chat
not found / need administrator rights / can't parse entities / message is too long, 413
Request Entity Too Large, 429 with ``parameters.retry_after``). Entities are parsed as Telegram
does for HTML and MarkdownV2, so a text that was not escaped is refused here too.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from http.server import BaseHTTPRequestHandler

from tests.fakes.common import Request, Scripted, Stall, read_request, reply_json
from tests.feedserver import FeedServer

TOKEN = "123456789:AAH-test-token_for_the_embassy_bot"
CHANNEL = "usembassy_uz"
MAX_TEXT, MAX_CAPTION, MAX_PHOTO = 4096, 1024, 10 * 1024 * 1024
HTML_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
             "tg-spoiler", "span", "blockquote", "tg-emoji"}
MARKDOWN_RESERVED = set("_*[]()~`>#+-=|{}.!")


class FakeTelegram:
    def __init__(self, server: FeedServer, *, token: str = TOKEN,
                 channels: dict[str, bool] | None = None) -> None:
        """``channels``: channel name -> whether the bot is an administrator there."""
        self.server = server
        self.token = token
        self.channels = {CHANNEL: True} if channels is None else channels
        self.messages: list[dict] = []
        self.script: list[Scripted] = []
        self.stall: Stall | None = None
        self._ids = itertools.count(101)
        server.route_prefix("/bot", self._serve)

    @property
    def base(self) -> str:
        return self.server.url("")

    def sends(self) -> list:
        return [r for r in self.server.requests if r.path.startswith("/bot")]

    def _serve(self, req: BaseHTTPRequestHandler) -> None:
        path = req.path.split("?", 1)[0]
        token, _, method = path.removeprefix("/bot").partition("/")
        if token != self.token:
            self._refuse(req, 401, "Unauthorized")
            return
        handler = {"sendMessage": self._send_message, "sendPhoto": self._send_photo,
                   "sendMediaGroup": self._send_media_group}.get(method)
        if handler is None:
            self._refuse(req, 404, "Not Found")
            return
        request = read_request(req)
        fields = dict(request.form) if request.form else (
            request.json if isinstance(request.json, dict) else
            {k: p.data.decode() for k, p in request.parts.items() if p.filename is None})
        if self.script:
            refusal = self.script[0]
            refusal.times -= 1
            if refusal.times <= 0:
                self.script.pop(0)
            reply_json(req, refusal.status, refusal.payload, refusal.headers)
            return
        chat = str(fields.get("chat_id") or "").removeprefix("@")
        if chat not in self.channels:
            self._refuse(req, 400, "Bad Request: chat not found")
            return
        if not self.channels[chat]:
            self._refuse(req, 400, "Bad Request: need administrator rights in the channel chat")
            return
        outcome = handler(request, fields, chat)
        if isinstance(outcome, tuple):
            self._refuse(req, *outcome)
            return
        if self.stall is not None:
            self.stall.hold()
        reply_json(req, 200, {"ok": True, "result": outcome})

    def _message(self, chat: str, **content: object) -> dict:
        message = {"message_id": next(self._ids), "date": 1765339200,
                   "chat": {"id": -1001234567890, "title": "U.S. Embassy Tashkent",
                            "username": chat, "type": "channel"}, **content}
        self.messages.append(message)
        return message

    def _send_message(self, request: Request, fields: dict, chat: str) -> dict | tuple:
        text = visible(str(fields.get("text") or ""), fields.get("parse_mode"))
        if isinstance(text, tuple):
            return text
        if not text.strip():
            return 400, "Bad Request: message text is empty"
        if len(text) > MAX_TEXT:
            return 400, "Bad Request: message is too long"
        return self._message(chat, text=text)

    def _photo(self, request: Request, name: str) -> bytes | tuple:
        part = request.parts.get(name)
        if part is None or part.filename is None:
            return 400, "Bad Request: there is no photo in the request"
        if len(part.data) > MAX_PHOTO:
            return 413, "Request Entity Too Large"
        return part.data

    def _caption(self, fields: dict) -> str | tuple:
        caption = visible(str(fields.get("caption") or ""), fields.get("parse_mode"))
        if isinstance(caption, str) and len(caption) > MAX_CAPTION:
            return 400, "Bad Request: message caption is too long"
        return caption

    def _send_photo(self, request: Request, fields: dict, chat: str) -> dict | tuple:
        data = self._photo(request, "photo")
        caption = self._caption(fields)
        if isinstance(data, tuple) or isinstance(caption, tuple):
            return data if isinstance(data, tuple) else caption  # type: ignore[return-value]
        return self._message(chat, photo=[{"file_id": f"photo-{len(data)}",
                                           "file_size": len(data)}], caption=caption)

    def _send_media_group(self, request: Request, fields: dict, chat: str) -> list | tuple:
        media = json.loads(str(fields.get("media") or "[]"))
        if not 2 <= len(media) <= 10:
            return 400, "Bad Request: wrong number of media items"
        group, messages = str(next(self._ids)), []
        for item in media:
            data = self._photo(request, str(item.get("media", "")).removeprefix("attach://"))
            caption = self._caption(item)
            if isinstance(data, tuple) or isinstance(caption, tuple):
                return data if isinstance(data, tuple) else caption  # type: ignore[return-value]
            messages.append((data, caption))
        return [self._message(chat, media_group_id=group, caption=caption,
                              photo=[{"file_id": f"photo-{len(data)}", "file_size": len(data)}])
                for data, caption in messages]

    def _refuse(self, req: BaseHTTPRequestHandler, code: int, description: str) -> None:
        reply_json(req, code, {"ok": False, "error_code": code, "description": description})

    def throttle(self, seconds: int) -> None:
        self.script.append(Scripted(429, {
            "ok": False, "error_code": 429,
            "description": f"Too Many Requests: retry after {seconds}",
            "parameters": {"retry_after": seconds}}))


def visible(text: str, parse_mode: object) -> str | tuple[int, str]:
    """What Telegram shows for ``text`` in ``parse_mode``, or its refusal."""
    if parse_mode == "HTML":
        for match in re.finditer(r"<(/?)([^\s>/]*)", text):
            if match.group(2).lower() not in HTML_TAGS:
                return 400, (f"Bad Request: can't parse entities: Unsupported start tag "
                             f"\"{match.group(2)}\" at byte offset {match.start()}")
        if re.search(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);)", text, re.IGNORECASE):
            return 400, "Bad Request: can't parse entities: Unclosed entity"
        return html.unescape(re.sub(r"</?[^>]+>", "", text))
    if parse_mode == "MarkdownV2":
        out, escaped = [], False
        for char in text:
            if escaped:
                out.append(char)
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in MARKDOWN_RESERVED:
                return 400, (f"Bad Request: can't parse entities: Character '{char}' is "
                             "reserved and must be escaped with the preceding '\\'")
            else:
                out.append(char)
        return "".join(out)
    return text
