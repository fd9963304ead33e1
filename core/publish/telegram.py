"""Publishing on a Telegram channel through the Bot API.

The embassy creates a bot (@BotFather), makes it an administrator of its channel with the
right to post messages, and stores the bot's token in the OS keyring as
``telegram-bot:<channel>``. Methods (core.telegram.org/bots/api): ``sendMessage`` (text),
``sendPhoto`` (one image with a caption), ``sendMediaGroup`` (2-10 images, the caption on the
first); the post's text is escaped for the ``telegram_parse_mode`` setting (HTML by default)
so it shows exactly as written. Answers are ``{"ok": true, "result": Message}``; refusals are
``{"ok": false, "error_code": N, "description": "..."}`` with ``parameters.retry_after`` on a
429. The token travels in the URL path, so it is scrubbed from every message.

Telegram has no way to tell a repeated request from a new one, and a bot cannot read its
channel's history to look for it. So when a request may have reached Telegram but its answer
was lost, the send is ``unconfirmed`` and never repeated by itself: an officer looks at the
channel and confirms (``attache publish confirm``). Telegram photos carry no alt text.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from core.errors import KnownError
from core.publish.base import (
    Channel,
    OutcomeUnknown,
    Outgoing,
    Refused,
    SendContext,
    Sent,
    clamp_retry,
    request_json,
    retry_after_seconds,
    server_trouble,
    store_as,
)
from core.publish.text import check_outgoing, telegram_text
from core.secrets import get_secret
from core.social.base import base_url
from core.social.telegram import parse_channel_url

MAX_PHOTO_BYTES = 10 * 1024 * 1024  # sendPhoto: "The photo must be at most 10 MB in size"
WHAT = "Telegram"


class TelegramPublisher:
    platform = "telegram"
    display = "Telegram"
    resend_window: timedelta | None = None  # no idempotency: an unknown outcome is asked

    def check(self, channel: Channel, outgoing: Outgoing, ctx: SendContext) -> None:
        check_outgoing("telegram", outgoing.text, outgoing.images, MAX_PHOTO_BYTES, ctx.settings)
        self._token(channel)

    def send(self, channel: Channel, outgoing: Outgoing, ctx: SendContext, *,
             retrying: bool) -> Sent:
        token = self._token(channel)
        name = _channel(channel)
        text, mode = telegram_text(outgoing.text, ctx.settings.telegram_parse_mode)
        extra = {"parse_mode": mode} if mode else {}
        chat = f"@{name}"
        if not outgoing.images:
            result = self._call(ctx, token, "sendMessage", json_body={
                "chat_id": chat, "text": text, **extra})
        elif len(outgoing.images) == 1:
            image = outgoing.images[0]
            result = self._call(ctx, token, "sendPhoto",
                                data={"chat_id": chat, "caption": text, **extra},
                                files={"photo": (image.filename, image.data, image.mime)})
        else:
            media = [{"type": "photo", "media": f"attach://photo{n}"}
                     for n in range(len(outgoing.images))]
            media[0].update({"caption": text, **extra})
            result = self._call(ctx, token, "sendMediaGroup",
                                data={"chat_id": chat, "media": json.dumps(media)},
                                files={f"photo{n}": (image.filename, image.data, image.mime)
                                       for n, image in enumerate(outgoing.images)})
        message = result[0] if isinstance(result, list) and result else result
        if not isinstance(message, dict) or not isinstance(message.get("message_id"), int):
            raise OutcomeUnknown("Telegram answered without the message's id")
        chat_info = message.get("chat") if isinstance(message.get("chat"), dict) else {}
        username = chat_info.get("username") if isinstance(chat_info.get("username"), str) \
            else name
        number = message["message_id"]
        return Sent(f"{username}/{number}", f"https://t.me/{username}/{number}")

    def remote_from(self, channel: Channel, text: str) -> tuple[str, str | None]:
        name = _channel(channel)
        if text.isdigit():
            return f"{name}/{text}", f"https://t.me/{name}/{text}"
        parts = urlsplit(text if "://" in text else f"https://{text}")
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) == 2 and segments[1].isdigit():
            return f"{segments[0]}/{segments[1]}", f"https://t.me/{segments[0]}/{segments[1]}"
        raise KnownError(f"{text!r} is neither a Telegram message's address "
                         f"(https://t.me/{name}/<number>) nor its number")

    # ------------------------------------------------------------------ parts
    def secret_names(self, channel: Channel) -> list[str]:
        return [f"telegram-bot:{_channel(channel)}"]

    def _token(self, channel: Channel) -> str:
        name = _channel(channel)
        token = get_secret(*self.secret_names(channel))
        if not token:
            raise Refused(f"publishing on the Telegram channel {name} needs a bot: create one "
                          "with @BotFather, make it an administrator of the channel with the "
                          "right to post messages, and "
                          f"{store_as(f'telegram-bot:{name}', 'its token')}")
        return token

    def _call(self, ctx: SendContext, token: str, method: str, **body: Any) -> Any:
        url = f"{base_url('telegram_bot')}/bot{token}/{method}"
        result, payload = request_json(ctx.fetcher, "POST", url, what=WHAT, scrub=token, **body)
        if isinstance(payload, dict) and payload.get("ok") is True and result.ok:
            return payload.get("result")
        raise self._error(result, payload, ctx, token)

    @staticmethod
    def _error(result: Any, payload: Any, ctx: SendContext, token: str) -> Exception:
        said = payload if isinstance(payload, dict) else {}
        code = said.get("error_code") if isinstance(said.get("error_code"), int) \
            else result.status
        description = str(said.get("description") or result.error or "").replace(token,
                                                                                "[token]")
        parameters = said.get("parameters") if isinstance(said.get("parameters"), dict) else {}
        if code == 429:
            until = clamp_retry(retry_after_seconds(parameters.get("retry_after"), ctx.now),
                                result, ctx.now)
            return Refused(f"Telegram is rate-limiting the bot ({description}); trying again "
                           f"after {until.isoformat(timespec='seconds')}", until)
        if code == 401:
            return Refused("Telegram does not know the bot's token (401 Unauthorized): create "
                           "a new token with @BotFather and "
                           f"{store_as('telegram-bot:<channel>')}")
        if code == 403 or "administrator rights" in description or "not enough rights" in \
                description:
            return Refused(f"the bot may not post in the channel ({description}): make it an "
                           "administrator of the channel with the right to post messages")
        if code == 413:
            return Refused(f"Telegram says a file is too large ({description}); nothing was "
                           "published")
        if server_trouble(result) or (not isinstance(payload, dict) and result.status == 200):
            return OutcomeUnknown(f"Telegram failed while posting (HTTP {result.status}: "
                                  f"{description or 'no explanation'})")
        return Refused(f"Telegram refused the post: {description or f'error {code}'}")


def _channel(channel: Channel) -> str:
    """The channel's public name, as the bot addresses it (``@name``)."""
    if channel.account_id:
        return channel.account_id
    _, name = parse_channel_url(channel.url)
    return name
