"""Publishing on a Facebook Page through the Graph API, and answering its comments.

Needs a Page access token kept as ``facebook:<page>`` (the one reading uses), from someone who
can create content on the Page, with ``pages_manage_posts`` to publish and
``pages_manage_engagement`` to answer comments (Meta's Pages API "Posts" guide). Endpoints:
``POST /{page-id}/feed`` (``message``) → ``{"id": "<page>_<post>"}``; one image:
``POST /{page-id}/photos`` (multipart ``source``, ``caption``, ``alt_text_custom``) →
``{"id": photo, "post_id": "<page>_<post>"}``; several: each photo uploaded with
``published=false``, then ``/feed`` with ``attached_media[n]={"media_fbid": id}``; an answer:
``POST /{comment-or-post-id}/comments`` (``message``). Refusals are Graph's error object
(core/social/graph.py turns its codes into what to do).

Graph recognises no repeated request, so a lost answer makes the send ``unconfirmed`` for an
officer to resolve, as on Telegram. Its "duplicate status message" refusal (code 506) means
the same text is already on the Page: that too is for the officer to confirm, not a failure.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from core.errors import KnownError
from core.publish.base import (
    Channel,
    OutcomeUnknown,
    Outgoing,
    Refused,
    SendContext,
    Sent,
    store_as,
)
from core.publish.text import check_outgoing
from core.secrets import get_secret
from core.social.base import Gone, RateLimited, SourceError
from core.social.graph import (
    GraphClient,
    GraphError,
    MaybeDelivered,
    facebook_page,
    facebook_secret_names,
)

MAX_PHOTO_BYTES = 10 * 1024 * 1024  # Photo reference: static images under 10 MB
PERMISSIONS = "pages_manage_posts (and pages_manage_engagement to answer comments)"
DUPLICATE = 506  # "Duplicate status message"
UNCERTAIN = {1, 2}  # "An unknown error occurred", "Service temporarily unavailable"


class FacebookPublisher:
    platform = "facebook"
    display = "Facebook"
    resend_window: timedelta | None = None  # no idempotency: an unknown outcome is asked

    def check(self, channel: Channel, outgoing: Outgoing, ctx: SendContext) -> None:
        check_outgoing("facebook", outgoing.text, outgoing.images, MAX_PHOTO_BYTES, ctx.settings)
        self._token(channel)

    def send(self, channel: Channel, outgoing: Outgoing, ctx: SendContext, *,
             retrying: bool) -> Sent:
        page = facebook_page(channel.url)
        target = channel.account_id or page
        client = GraphClient(ctx.fetcher, self._token(channel), platform="Facebook",
                             secret_name=f"facebook:{page}")
        try:
            if outgoing.reply_to is not None:
                answer = client.post(f"{outgoing.reply_to.platform_id}/comments",
                                     {"message": outgoing.text})
                comment = _id(answer)
                return Sent(comment, f"https://www.facebook.com/{comment}")
            if len(outgoing.images) == 1:
                image = outgoing.images[0]
                made = client.post(f"{target}/photos", _photo_fields(outgoing.text, image.alt),
                                   {"source": (image.filename, image.data, image.mime)})
                post_id = made.get("post_id") if isinstance(made.get("post_id"), str) else None
                if not post_id:
                    raise OutcomeUnknown("Facebook took the photo but did not say which post "
                                         "it made")
                return Sent(post_id, _post_url(post_id))
            fields = {"message": outgoing.text}
            for n, image in enumerate(outgoing.images):
                try:  # an unpublished photo is seen by nobody: losing its answer is harmless
                    photo = client.post(f"{target}/photos",
                                        {**_photo_fields("", image.alt), "published": "false"},
                                        {"source": (image.filename, image.data, image.mime)})
                except MaybeDelivered as exc:
                    raise Refused(f"{exc}; nothing was published") from None
                fields[f"attached_media[{n}]"] = json.dumps({"media_fbid": _id(photo)})
            post_id = _id(client.post(f"{target}/feed", fields))
            return Sent(post_id, _post_url(post_id))
        except RateLimited as exc:  # Graph's wait, counted from the run's clock
            wait = max(exc.until - datetime.now(UTC), timedelta(0))
            raise Refused(str(exc), ctx.now + wait) from None
        except MaybeDelivered as exc:
            raise OutcomeUnknown(str(exc)) from None
        except GraphError as exc:
            if exc.code == DUPLICATE:
                raise OutcomeUnknown(
                    f"Facebook says this text is already on the Page (duplicate status, code "
                    f"{DUPLICATE}): look at the Page; if it is there, confirm it") from None
            if exc.code in UNCERTAIN:
                raise OutcomeUnknown(str(exc)) from None
            raise Refused(str(exc)) from None
        except (Gone, SourceError) as exc:
            raise Refused(str(exc)) from None

    def remote_from(self, channel: Channel, text: str) -> tuple[str, str | None]:
        page_id = channel.account_id
        if "_" in text and all(part.isdigit() for part in text.split("_", 1)):
            return text, _post_url(text)
        parts = urlsplit(text)
        segments = [s for s in parts.path.split("/") if s]
        if page_id and "://" in text and len(segments) >= 2 and segments[-2] == "posts" \
                and segments[-1].isdigit():
            return f"{page_id}_{segments[-1]}", text
        raise KnownError(f"{text!r} is neither a Facebook post's address "
                         "(https://www.facebook.com/<page>/posts/<number>) nor its id "
                         "(<page id>_<post id>)")

    def secret_names(self, channel: Channel) -> list[str]:
        return facebook_secret_names(facebook_page(channel.url), channel.account_id)

    def _token(self, channel: Channel) -> str:
        page = facebook_page(channel.url)
        token = get_secret(*self.secret_names(channel))
        if not token:
            raise Refused(f"publishing on the Facebook Page {page} needs a Page access token "
                          f"with {PERMISSIONS}, from someone who can create content on the "
                          f"Page: {store_as(f'facebook:{page}')}")
        return token


def _photo_fields(caption: str, alt: str) -> dict[str, str]:
    fields = {"caption": caption} if caption else {}
    if alt:
        fields["alt_text_custom"] = alt
    return fields


def _id(payload: dict) -> str:
    found = payload.get("id")
    if isinstance(found, str) and found:
        return found
    raise OutcomeUnknown("Facebook answered without the new object's id")


def _post_url(post_id: str) -> str:
    page, _, number = post_id.partition("_")
    return f"https://www.facebook.com/{page}/posts/{number}" if number else \
        f"https://www.facebook.com/{post_id}"
