"""A post's images: up to four, each with its alt text, kept in the database.

Public-diplomacy accounts are expected to be accessible, so an image without a description is
refused by default (the ``require_alt_text`` setting relaxes it). A file is recognised by its
first bytes, never by its name: JPEG, PNG, GIF and WebP are what every platform here accepts.
Each platform's own size limit is checked before anything is sent (core/publish/text.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, insert, select

from core.errors import KnownError
from core.storage.models import PostImage

if TYPE_CHECKING:
    from core.storage.database import Database

IMAGES = PostImage.__table__
MAX_IMAGES = 4  # Bluesky's and Mastodon's limit, and Telegram's media group is plenty
MAX_IMAGE_BYTES = 16 * 1024 * 1024  # the most any platform here accepts (Mastodon's default)
MAX_ALT = 1500  # Mastodon's limit for a media description; the others accept as much


@dataclass(frozen=True)
class ImageFile:
    filename: str
    data: bytes
    mime: str
    alt: str = ""

    @property
    def size(self) -> int:
        return len(self.data)

    def describe(self, position: int) -> str:
        return f"image {position} ({self.filename})"


def sniff(data: bytes) -> str | None:
    """The image type from its first bytes; None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def load_image(path: Path, alt: str = "") -> ImageFile:
    """A file from disk, refused with the reason when it is not an image we can send."""
    try:
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            raise KnownError(f"{path.name} is {megabytes(size)}; images may be at most "
                             f"{megabytes(MAX_IMAGE_BYTES)}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise KnownError(f"no such image file: {path}") from None
    except IsADirectoryError:
        raise KnownError(f"{path} is a folder, not an image file") from None
    except OSError as exc:
        raise KnownError(f"cannot read {path}: {exc.strerror}") from None
    mime = sniff(data)
    if mime is None:
        raise KnownError(f"{path.name} is not a JPEG, PNG, GIF or WebP image")
    return ImageFile(path.name, data, mime, alt.strip())


def check_images(images: list[ImageFile], *, require_alt: bool) -> None:
    if len(images) > MAX_IMAGES:
        raise KnownError(f"a post can have at most {MAX_IMAGES} images, not {len(images)}")
    for position, image in enumerate(images, start=1):
        if require_alt and not image.alt:
            raise KnownError(
                f"{image.describe(position)} has no alt text: describe what it shows (in the "
                "post editor's alt text field, or with --alt TEXT after its --image). Alt "
                "text is required so the embassy's posts stay accessible; the setting "
                "require_alt_text can relax it")
        if len(image.alt) > MAX_ALT:
            raise KnownError(f"the alt text of {image.describe(position)} has "
                             f"{len(image.alt)} characters; at most {MAX_ALT}")


def pair_images(paths: list[str], alts: list[str]) -> list[ImageFile]:
    """``--image A --alt "a" --image B --alt "b"``: the n-th alt describes the n-th image."""
    if len(alts) > len(paths):
        raise KnownError(f"{len(alts)} --alt for {len(paths)} --image; give one --alt per "
                         "--image, in the same order")
    return [load_image(Path(p).expanduser(), alts[i] if i < len(alts) else "")
            for i, p in enumerate(paths)]


def replace_images(conn: Connection, post_id: int, images: list[ImageFile]) -> None:
    conn.execute(delete(IMAGES).where(IMAGES.c.post_id == post_id))
    if images:
        conn.execute(insert(IMAGES), [
            {"post_id": post_id, "position": position, "filename": image.filename,
             "mime": image.mime, "size": image.size, "alt": image.alt,
             "sha256": hashlib.sha256(image.data).hexdigest(), "data": image.data}
            for position, image in enumerate(images, start=1)])


def post_images(conn: Connection, post_id: int) -> list[ImageFile]:
    rows = conn.execute(select(IMAGES.c.filename, IMAGES.c.data, IMAGES.c.mime, IMAGES.c.alt)
                        .where(IMAGES.c.post_id == post_id).order_by(IMAGES.c.position))
    return [ImageFile(r.filename, bytes(r.data), r.mime, r.alt) for r in rows]


def stored_images(db: Database, post_id: int) -> dict[int, ImageFile]:
    """A post's saved images by position, 1 first (what the post editor keeps on saving;
    ``replace_images`` numbers them so)."""
    with db.read() as conn:
        return dict(enumerate(post_images(conn, post_id), start=1))


def image_summaries(conn: Connection, post_id: int) -> list[dict]:
    """What ``posts show`` lists: no bytes, the fingerprint instead."""
    rows = conn.execute(select(IMAGES.c.position, IMAGES.c.filename, IMAGES.c.mime,
                               IMAGES.c.size, IMAGES.c.alt, IMAGES.c.sha256)
                        .where(IMAGES.c.post_id == post_id).order_by(IMAGES.c.position))
    return [dict(r._mapping) for r in rows]


def megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
