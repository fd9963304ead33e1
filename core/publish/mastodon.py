"""Publishing on Mastodon: statuses with images, and answers in a thread.

Endpoints (mastodon/documentation ``methods/statuses.md``, ``methods/media.md``):
``POST /api/v2/media`` (multipart ``file`` and ``description``; 200 with the attachment, or 202
while a large file is still processed, then ``GET /api/v1/media/:id``), ``POST
/api/v1/statuses`` (``status``, ``media_ids[]``, ``language``, ``visibility``,
``in_reply_to_id``). Errors are ``{"error": "..."}`` with 401 (token invalid), 403 (a scope is
missing), 422 (validation: too long, a bad file), 429 (rate limit, ``X-RateLimit-Reset``).

Exactly once: every attempt carries the same ``Idempotency-Key``; Mastodon keeps it for up to
an hour and answers a repeat with the status it already created. Images are uploaded again on
a repeat (an unattached upload is cleaned up by the instance), never the status.
"""

from __future__ import annotations

import time
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
    server_trouble,
    store_as,
)
from core.publish.text import check_outgoing
from core.secrets import get_secret
from core.social.base import reset_time
from core.social.mastodon import parse_profile, secret_names

MAX_IMAGE_BYTES = 16 * 1024 * 1024  # Mastodon 4's default image limit (instances may lower it)
MEDIA_POLLS = 10  # a 202 upload is asked about this many times, a second apart
SCOPES = "write:statuses and write:media"


class MastodonPublisher:
    platform = "mastodon"
    display = "Mastodon"
    # Idempotency keys are kept "for up to 1 hour": repeat within that, with a margin.
    resend_window: timedelta | None = timedelta(minutes=55)

    def check(self, channel: Channel, outgoing: Outgoing, ctx: SendContext) -> None:
        check_outgoing("mastodon", self._text(outgoing), outgoing.images, MAX_IMAGE_BYTES,
                       ctx.settings)
        self._token(channel)

    def send(self, channel: Channel, outgoing: Outgoing, ctx: SendContext, *,
             retrying: bool) -> Sent:
        base, _ = parse_profile(channel.url)
        headers = {"Authorization": f"Bearer {self._token(channel)}"}
        media_ids = [self._upload(ctx, base, headers, image.filename, image.data, image.mime,
                                  image.alt) for image in outgoing.images]
        fields: list[tuple[str, str]] = [("status", self._text(outgoing)),
                                         ("visibility", "public")]
        fields += [("media_ids[]", media_id) for media_id in media_ids]
        if outgoing.language:
            fields.append(("language", outgoing.language))
        if outgoing.reply_to is not None:
            fields.append(("in_reply_to_id", outgoing.reply_to.platform_id))
        result, payload = request_json(ctx.fetcher, "POST", f"{base}/api/v1/statuses",
                                       headers={**headers, "Idempotency-Key": outgoing.idem_key},
                                       data=fields, what=self.display)
        if not result.ok:
            raise self._error(result, payload, ctx, channel, base)
        status_id = _text(payload.get("id")) if isinstance(payload, dict) else ""
        if not status_id:
            raise OutcomeUnknown("Mastodon answered without the new status's id")
        return Sent(status_id, _text(payload.get("url")) or _text(payload.get("uri")) or None)

    def remote_from(self, channel: Channel, text: str) -> tuple[str, str | None]:
        base, acct = parse_profile(channel.url)
        if text.isdigit():
            return text, f"{base}/@{acct}/{text}"
        last = urlsplit(text).path.rstrip("/").rpartition("/")[2]
        if "://" in text and last.isdigit():
            return last, text
        raise KnownError(f"{text!r} is neither a Mastodon post's address "
                         f"({base}/@{acct}/<id>) nor its id")

    # ------------------------------------------------------------------ parts
    @staticmethod
    def _text(outgoing: Outgoing) -> str:
        """An answer starts with the mention of whom it answers (as Mastodon's own reply
        box does), or they are not told of it."""
        mention = outgoing.reply_to.mention if outgoing.reply_to is not None else None
        if mention and f"@{mention}".lower() not in outgoing.text.lower():
            return f"@{mention} {outgoing.text}"
        return outgoing.text

    def secret_names(self, channel: Channel) -> list[str]:
        return list(secret_names(parse_profile(channel.url)[0]))

    def _token(self, channel: Channel) -> str:
        base, _ = parse_profile(channel.url)
        names = self.secret_names(channel)
        token = get_secret(*names)
        if not token:
            raise Refused(f"publishing on {channel.name} needs a Mastodon access token with "
                          f"the {SCOPES} scopes: create one under Preferences → Development "
                          f"on {base.split('://', 1)[-1]} and {store_as(names[0])}")
        return token

    def _upload(self, ctx: SendContext, base: str, headers: dict[str, str], filename: str,
                data: bytes, mime: str, alt: str) -> str:
        files = {"file": (filename, data, mime)}
        result, payload = request_json(ctx.fetcher, "POST", f"{base}/api/v2/media",
                                       headers=headers, files=files,
                                       data={"description": alt} if alt else None,
                                       what=self.display)
        if not result.ok:
            # Nothing is published by an upload: whatever happened, the status was not sent.
            error = self._error(result, payload, ctx, None, base, upload=filename)
            raise Refused(str(error), getattr(error, "retry_at", None))
        media_id = _text(payload.get("id")) if isinstance(payload, dict) else ""
        if not media_id:
            raise Refused("Mastodon accepted an image but did not say its id; nothing was "
                          "published")
        if result.status == 202:
            self._wait_processed(ctx, base, headers, media_id)
        return media_id

    def _wait_processed(self, ctx: SendContext, base: str, headers: dict[str, str],
                        media_id: str) -> None:
        for _ in range(MEDIA_POLLS):
            time.sleep(1)
            fetched = ctx.fetcher.fetch(f"{base}/api/v1/media/{media_id}", headers=headers)
            if fetched.status == 200:
                return
            if fetched.status != 206:
                break
        raise Refused("Mastodon is still processing an image; the post will be tried again")

    def _error(self, result: Any, payload: Any, ctx: SendContext, channel: Channel | None,
               base: str, *, upload: str | None = None) -> Exception:
        said = _text(payload.get("error")) if isinstance(payload, dict) else ""
        host = base.split("://", 1)[-1]
        what = f"the image {upload}" if upload else "the post"
        if result.status == 429 or (result.status == 503 and result.retry_after):
            reset = result.headers.get("x-ratelimit-reset")
            until = clamp_retry(reset_time(reset) if reset else None, result, ctx.now)
            return Refused(f"{host} is rate-limiting us; {what} will be tried again after "
                           f"{until.isoformat(timespec='minutes')}", until)
        if result.status == 401:
            return Refused(f"{host} refused the token ({said or 'invalid'}): create a new "
                           f"access token with the {SCOPES} scopes and run `attache secrets "
                           f"set {secret_names(base)[0]}`")
        if result.status == 403:
            return Refused(f"the token for {host} may not publish ({said or 'forbidden'}): it "
                           f"needs the {SCOPES} scopes; create one that has them and "
                           f"{store_as(secret_names(base)[0])}")
        if result.status == 413:
            return Refused(f"{host} says {what} is too large (HTTP 413); nothing was published")
        if server_trouble(result):
            return OutcomeUnknown(f"{host} failed while publishing (HTTP {result.status}"
                                  + (f": {said}" if said else "") + ")")
        return Refused(f"{host} refused {what}: {said or result.error}")


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return ""
