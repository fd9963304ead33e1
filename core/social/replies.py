"""Storing and reading replies: once per (platform, platform id), linked to item and parent.

Adapters return replies by platform ids; here they are tied to our item and reply rows.
Edits update in place (the hash of what a reader sees changes), so likes and text stay
current without duplicates.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, bindparam, insert, select, update

from core.errors import KnownError
from core.social.base import SocialReply
from core.storage.database import Database
from core.storage.models import Item, Reply, Source
from core.storage.types import iso

REPLIES = Reply.__table__
ITEMS = Item.__table__
SOURCES = Source.__table__
CHUNK = 500


@dataclass
class ReplyCounts:
    new: int = 0
    updated: int = 0
    orphaned: int = 0  # replies to posts we do not have (deleted, too old): skipped
    new_ids: tuple[int, ...] = ()


def reply_hash(reply: SocialReply) -> str:
    parts = (reply.text, reply.html, str(reply.likes), reply.author_name or "")
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def store_replies(conn: Connection, source_id: int, platform: str,
                  replies: Sequence[SocialReply], fetched_at: datetime) -> ReplyCounts:
    """Insert new replies, update changed ones, then link parents; in the caller's transaction."""
    counts = ReplyCounts()
    if not replies:
        return counts
    posts = _item_ids(conn, source_id, {r.post_platform_id for r in replies})
    existing = _reply_ids(conn, platform, [r.platform_id for r in replies])
    new_rows, changed, seen = [], [], set()
    for reply in replies:
        if reply.platform_id in seen:
            continue
        seen.add(reply.platform_id)
        item_id = posts.get(reply.post_platform_id)
        if item_id is None:
            counts.orphaned += 1
            continue
        digest = reply_hash(reply)
        known = existing.get(reply.platform_id)
        values = {
            "text": reply.text, "html": reply.html, "likes": reply.likes,
            "author_handle": reply.author_handle, "author_name": reply.author_name,
            "url": reply.url, "content_hash": digest,
        }
        if known is None:
            new_rows.append({**values, "source_id": source_id, "item_id": item_id,
                             "platform": platform, "platform_id": reply.platform_id,
                             "parent_platform_id": reply.parent_platform_id,
                             "published": reply.published, "fetched_at": fetched_at})
        elif known[1] != digest:
            changed.append({**values, "reply_pk": known[0], "updated_at": fetched_at})
    if new_rows:
        conn.execute(insert(REPLIES), new_rows)
    if changed:
        conn.execute(update(REPLIES).where(REPLIES.c.id == bindparam("reply_pk")), changed)
    counts.new, counts.updated = len(new_rows), len(changed)
    if new_rows:
        ids = _reply_ids(conn, platform, [r["platform_id"] for r in new_rows])
        counts.new_ids = tuple(v[0] for v in ids.values())
        _link_parents(conn, source_id)
    return counts


def _link_parents(conn: Connection, source_id: int) -> None:
    """Point each reply at its parent row, also when the parent arrived in a later batch."""
    parent = REPLIES.alias("parent")
    parent_id = (select(parent.c.id).where(parent.c.platform == REPLIES.c.platform,
                                           parent.c.platform_id == REPLIES.c.parent_platform_id)
                 .scalar_subquery())
    conn.execute(update(REPLIES).where(
        REPLIES.c.source_id == source_id, REPLIES.c.parent_id.is_(None),
        REPLIES.c.parent_platform_id.is_not(None)).values(parent_id=parent_id))


def _item_ids(conn: Connection, source_id: int, guids: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    wanted = sorted(guids)
    for start in range(0, len(wanted), CHUNK):
        rows = conn.execute(select(ITEMS.c.guid, ITEMS.c.id).where(
            ITEMS.c.source_id == source_id, ITEMS.c.guid.in_(wanted[start:start + CHUNK])))
        found.update(dict(rows.all()))
    return found


def _reply_ids(conn: Connection, platform: str, ids: list[str]) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), CHUNK):
        rows = conn.execute(select(REPLIES.c.platform_id, REPLIES.c.id, REPLIES.c.content_hash)
                            .where(REPLIES.c.platform == platform,
                                   REPLIES.c.platform_id.in_(wanted[start:start + CHUNK])))
        for platform_id, reply_id, digest in rows:
            found[platform_id] = (reply_id, digest)
    return found


def list_replies(db: Database, *, item_id: int | None = None, source_id: int | None = None,
                 since: datetime | None = None, limit: int = 100, label: str | None = None,
                 language: str | None = None) -> list[dict]:
    """Replies newest first (``limit=0``: all)."""
    if limit < 0:
        raise KnownError("--limit must be 0 (all) or a positive number")
    query = select(REPLIES).order_by(REPLIES.c.published.desc(), REPLIES.c.id.desc())
    if item_id is not None:
        query = query.where(REPLIES.c.item_id == item_id)
    if source_id is not None:
        query = query.where(REPLIES.c.source_id == source_id)
    if since is not None:
        query = query.where(REPLIES.c.published >= since)
    if label is not None:
        query = query.where(REPLIES.c.sentiment_label.is_(None) if label == "unscored"
                            else REPLIES.c.sentiment_label == label)
    if language is not None:
        query = query.where(REPLIES.c.language == language.lower())
    if limit:
        query = query.limit(limit)
    with db.read() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def reply_json(row: dict) -> dict:
    """The ``replies list --json`` object: contract keys first, extras after."""
    return {
        "id": row["id"], "item_id": row["item_id"], "parent_id": row["parent_id"],
        "source_id": row["source_id"], "platform": row["platform"],
        "platform_id": row["platform_id"], "author": row["author_handle"],
        "text": row["text"], "published": iso(row["published"]), "language": row["language"],
        "url": row["url"], "likes": row["likes"],
        "sentiment_label": row["sentiment_label"], "polarity": row["polarity"],
        "label_source": row["label_source"],
        "author_name": row["author_name"], "html": row["html"],
        "subjectivity": row["subjectivity"], "analyzer": row["analyzer"],
        "updated_at": iso(row["updated_at"]),
    }
