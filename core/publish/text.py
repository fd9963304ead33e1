"""What may go out on a platform, checked before anything is sent.

The length is counted the way the post editor counts it (core/calendar/limits.py), so what the
editor showed as fitting is what is accepted here, and what it showed as too long is refused
with the same count before a request is made. Images are checked against each platform's
documented limits for the same reason: a refusal is cheaper here than half-way through an
upload.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from core.calendar.limits import measure
from core.platforms import display_name
from core.publish.base import Refused
from core.publish.images import MAX_IMAGES, ImageFile, megabytes

if TYPE_CHECKING:
    from core.settings import Settings

TELEGRAM_CAPTION = 1024  # a caption under a photo or an album (Bot API: 0-1024 characters)
# MarkdownV2 wants these escaped with a backslash everywhere in plain text (Bot API docs).
_MARKDOWN_V2 = set("_*[]()~`>#+-=|{}.!\\")


def check_text(platform: str, text: str, *, images: int = 0) -> None:
    """Refuse a text the platform would refuse, with the count and the limit."""
    name = display_name(platform)
    if not text.strip() and not images:
        raise Refused(f"nothing to publish on {name}: the post has no text and no images")
    if platform == "telegram" and images:
        used = measure("telegram", text).used
        if used > TELEGRAM_CAPTION:
            raise Refused(f"too long for a Telegram caption under images: {used} of "
                          f"{TELEGRAM_CAPTION} characters; nothing was sent (shorten the "
                          "text, or publish it without images)")
        return
    length = measure(platform, text)
    if length.over:
        raise Refused(f"too long for {name}: {length.used} of {length.limit} characters as "
                      f"{name} counts them; nothing was sent")


def check_images(platform: str, images: tuple[ImageFile, ...], max_bytes: int,
                 *, alt_required: bool) -> None:
    name = display_name(platform)
    if len(images) > MAX_IMAGES:
        raise Refused(f"{name} takes at most {MAX_IMAGES} images; the post has {len(images)}")
    for position, image in enumerate(images, start=1):
        if image.size > max_bytes:
            raise Refused(f"{image.describe(position)} is {megabytes(image.size)}; {name} "
                          f"accepts at most {megabytes(max_bytes)} per image; nothing was sent")
        if alt_required and not image.alt:
            raise Refused(f"{image.describe(position)} has no alt text, which is required "
                          "(the setting require_alt_text); nothing was sent")


def check_outgoing(platform: str, text: str, images: tuple[ImageFile, ...], max_bytes: int,
                   settings: Settings) -> None:
    """Everything a publisher checks before it sends: the text as the platform counts it, and
    each image's size and alt text (when ``require_alt_text`` asks for it)."""
    check_text(platform, text, images=len(images))
    check_images(platform, images, max_bytes, alt_required=settings.require_alt_text)


def telegram_text(text: str, parse_mode: str) -> tuple[str, str | None]:
    """(text, parse_mode) for the Bot API: the post's plain text escaped so that the chosen
    parse mode shows it exactly as written (no stray bold from an asterisk)."""
    if parse_mode == "HTML":
        return escape(text, quote=False), "HTML"
    if parse_mode == "MarkdownV2":
        return "".join("\\" + c if c in _MARKDOWN_V2 else c for c in text), "MarkdownV2"
    return text, None
