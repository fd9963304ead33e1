"""Reading and marking items: what ``attache items`` does and what the Monitor view will use."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update

from core.errors import KnownError, NotFoundError
from core.storage.database import Database
from core.storage.models import Item
from core.storage.search import match_clause
from core.storage.types import iso

ITEMS = Item.__table__
MARKS = {
    "read": {"read": True}, "unread": {"read": False},
    "star": {"starred": True}, "unstar": {"starred": False},
}


def list_items(db: Database, *, source_id: int | None = None, search: str | None = None,
               unread: bool = False, starred: bool = False, since: datetime | None = None,
               limit: int = 100, offset: int = 0) -> list[dict]:
    """Items newest first. ``limit=0`` means all."""
    query = select(ITEMS).order_by(ITEMS.c.sort_date.desc(), ITEMS.c.id.desc())
    if source_id is not None:
        query = query.where(ITEMS.c.source_id == source_id)
    if unread:
        query = query.where(ITEMS.c.read.is_(False))
    if starred:
        query = query.where(ITEMS.c.starred.is_(True))
    if since is not None:
        query = query.where(ITEMS.c.sort_date >= since)
    if search:
        clause = match_clause(db.dialect, search)
        if clause is None:
            return []
        query = query.where(clause)
    if limit < 0:
        raise KnownError("--limit must be 0 (all) or a positive number")
    if limit:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    with db.read() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def mark_items(db: Database, item_ids: Sequence[int], mark: str) -> int:
    """Apply read/unread/star/unstar to items; every id must exist or nothing changes."""
    if mark not in MARKS:
        raise KnownError(f"unknown mark {mark!r}")
    ids = sorted(set(item_ids))
    with db.write() as conn:
        found = set(conn.execute(select(ITEMS.c.id).where(ITEMS.c.id.in_(ids))).scalars())
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFoundError(f"no item with id {', '.join(map(str, missing))}; nothing changed")
        conn.execute(update(ITEMS).where(ITEMS.c.id.in_(ids)).values(**MARKS[mark]))
    return len(ids)


def item_json(row: dict) -> dict:
    """The ``items list --json`` object: contract keys first, extras after."""
    return {
        "id": row["id"], "source_id": row["source_id"], "guid": row["guid"], "url": row["url"],
        "title": row["title"], "author": row["author"], "published": iso(row["published"]),
        "content_html": row["content_html"], "content_text": row["content_text"],
        "read": bool(row["read"]), "starred": bool(row["starred"]),
        "published_raw": row["published_raw"], "fetched_at": iso(row["fetched_at"]),
        "updated_at": iso(row["updated_at"]),
    }
