"""Setting up what publishing tests need: own accounts as sources, planned posts, a run."""

from __future__ import annotations

import struct
import zlib
from datetime import datetime
from zoneinfo import ZoneInfo

from core.calendar.posts import PostFields, create_post, update_post
from core.feeds.sources import insert_source
from core.net.fetch import Fetcher
from core.publish.clearance import Policy
from core.publish.images import ImageFile
from core.publish.runner import Outcome, Run, publish_due
from core.settings import Settings
from core.storage.database import Database

TASHKENT = ZoneInfo("Asia/Tashkent")
AUTHOR = Policy("author", False)
APPROVER = Policy("approver", False)


def own_source(db: Database, kind: str, url: str, account_id: str | None = None,
               title: str | None = None, own: bool = True) -> int:
    return insert_source(db, url=url, kind=kind, title=title or f"Embassy on {kind}",
                         category=None, own=own, interval_minutes=60,
                         account_id=account_id).id


def planned(db: Database, channels: list[int], *, body: str, at: datetime,
            status: str = "approved", title: str = "Post", rrule: str | None = None,
            language: str | None = None, images: list[ImageFile] | None = None) -> int:
    """A post written by "author" and, when asked for, approved by "approver"."""
    post_id = create_post(db, PostFields(title=title, body=body, at=at, tz="Asia/Tashkent",
                                         channels=channels, rrule=rrule, language=language,
                                         images=images, status="review"), policy=AUTHOR)
    if status != "review":
        update_post(db, post_id, PostFields(status=status), policy=APPROVER)
    return post_id


def published_for_a_while(db: Database) -> None:
    """As a database that learned to publish long ago (migration 0009 notes the day): posts
    due minutes before the test began are then due, not "from before publishing"."""
    from sqlalchemy import update

    from core.storage.models import Meta

    with db.write() as conn:
        conn.execute(update(Meta.__table__).where(Meta.__table__.c.key == "publishing_since")
                     .values(value="2020-01-01T00:00:00+00:00"))


def run(db: Database, fetcher: Fetcher, now: datetime, *, dry_run: bool = False,
        **settings: object) -> Run:
    return Run(db, fetcher, Settings(**settings), now, dry_run=dry_run, actor="publisher")


def due(db: Database, fetcher: Fetcher, now: datetime, **settings: object) -> list[Outcome]:
    return publish_due(run(db, fetcher, now, **settings))


def png(width: int = 2, height: int = 1, padding: int = 0) -> bytes:
    """A real PNG (decodable by any image library), ``padding`` bytes longer in a tEXt
    chunk when a test needs a big file."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    text = chunk(b"tEXt", b"Comment\x00" + b"x" * padding) if padding else b""
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + text + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def image(name: str = "flag.png", alt: str = "The flags of both countries", **kw: int) -> ImageFile:
    return ImageFile(name, png(**kw), "image/png", alt)
