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

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    bindparam,
    case,
    delete,
    func,
    insert,
    select,
    update,
)

from core.errors import KnownError, NotFoundError
from core.links import stored_link
from core.social.base import SocialReply
from core.storage.database import Database
from core.storage.models import (
    HITS,
    ITEMS,
    POSTS,
    REPLIES,
    SOURCES,
)
from core.storage.types import iso
from core.uzbek_script import contains_words

CHUNK = 500
# What the Listen table may be ordered by (``reply_ids(order=...)``).
REPLY_ORDERS = ("date", "polarity", "label", "author", "language", "post")
# When a reply happened: its platform date, else when we first saw it (exports without dates).
REPLY_WHEN = func.coalesce(REPLIES.c.published, REPLIES.c.fetched_at)
# The audience's replies: not the embassy's own (its answers, its channel's comments).
AUDIENCE = REPLIES.c.own.is_(False)


@dataclass
class ReplyCounts:
    new: int = 0  # the audience's new replies (the embassy's own are in ``own``)
    updated: int = 0
    orphaned: int = 0  # replies to posts we do not have (deleted, too old): skipped
    new_ids: tuple[int, ...] = ()  # the audience's new replies: to score and to watch
    own: int = 0  # new replies of the embassy's own account, and stored ones found to be


def reply_hash(reply: SocialReply) -> str:
    parts = (reply.text, reply.html, str(reply.likes), reply.author_name or "")
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def store_replies(conn: Connection, source_id: int, platform: str,
                  replies: Sequence[SocialReply], fetched_at: datetime) -> ReplyCounts:
    """Insert new replies, update changed ones, then link parents; in the caller's transaction.

    A reply the adapter says the embassy's own account wrote is stored ``own``; one stored
    before as the audience's (by an older version, or typed in the platform's app) becomes own
    when read again, and ``own`` never goes back (an answer sent from Attaché stays the
    embassy's whatever an adapter says). An own reply answering an audience reply marks it
    answered, at the own reply's time: answers typed in the platform's app count too.
    """
    counts = ReplyCounts()
    if not replies:
        return counts
    posts = _item_ids(conn, source_id, {r.post_platform_id for r in replies})
    existing = _reply_ids(conn, platform, [r.platform_id for r in replies])
    new_rows, changed, seen, now_own = [], [], set(), []
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
            "url": stored_link(reply.url), "content_hash": digest,
        }
        if known is None:
            new_rows.append({**values, "source_id": source_id, "item_id": item_id,
                             "platform": platform, "platform_id": reply.platform_id,
                             "parent_platform_id": reply.parent_platform_id,
                             "published": reply.published, "fetched_at": fetched_at,
                             "own": reply.own})
        else:
            reply_pk, stored_digest, stored_own = known
            if reply.own and not stored_own:
                now_own.append(reply_pk)
            if stored_digest != digest:
                changed.append({**values, "reply_pk": reply_pk, "updated_at": fetched_at})
    if new_rows:
        conn.execute(insert(REPLIES), new_rows)
    if changed:
        conn.execute(update(REPLIES).where(REPLIES.c.id == bindparam("reply_pk")), changed)
    if now_own:
        _make_own(conn, now_own)
    counts.updated = len(changed)
    counts.own = len(now_own) + sum(1 for r in new_rows if r["own"])
    counts.new = len(new_rows) - sum(1 for r in new_rows if r["own"])
    if new_rows:
        ids = _reply_ids(conn, platform, [r["platform_id"] for r in new_rows])
        audience = {r["platform_id"] for r in new_rows if not r["own"]}
        counts.new_ids = tuple(v[0] for k, v in ids.items() if k in audience)
        _link_parents(conn, source_id)
    if counts.own or new_rows:
        _mark_answered(conn, source_id)
    return counts


def _make_own(conn: Connection, reply_ids: list[int]) -> None:
    """Replies stored as the audience's that the embassy wrote: own from now on, their
    automatic sentiment and watch-term hits dropped (an officer's own label is kept)."""
    for start in range(0, len(reply_ids), CHUNK):
        chunk = reply_ids[start:start + CHUNK]
        conn.execute(update(REPLIES).where(REPLIES.c.id.in_(chunk)).values(own=True))
        conn.execute(update(REPLIES).where(
            REPLIES.c.id.in_(chunk),
            func.coalesce(REPLIES.c.label_source, "") != "manual").values(
            sentiment_label=None, polarity=None, subjectivity=None, label_source=None,
            analyzer=None, scored_at=None))
        conn.execute(delete(HITS).where(HITS.c.reply_id.in_(chunk)))


def _mark_answered(conn: Connection, source_id: int) -> None:
    """An audience reply the embassy answered (an own reply under it) is answered, at the
    earliest such answer's time; one answered from Attaché keeps its time and who."""
    child = REPLIES.alias("answer")
    first = (select(func.min(func.coalesce(child.c.published, child.c.fetched_at)))
             .where(child.c.parent_id == REPLIES.c.id, child.c.own.is_(True))
             .scalar_subquery())
    # Parents of own replies: the embassy answers few, so this reads few rows.
    answered = select(child.c.parent_id).where(child.c.source_id == source_id,
                                               child.c.own.is_(True),
                                               child.c.parent_id.is_not(None))
    conn.execute(update(REPLIES).where(
        REPLIES.c.id.in_(answered), REPLIES.c.own.is_(False),
        REPLIES.c.answered_at.is_(None)).values(answered_at=first))


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


def _reply_ids(conn: Connection, platform: str,
               ids: list[str]) -> dict[str, tuple[int, str, bool]]:
    """platform id → (row id, content hash, own) of the replies already stored."""
    found: dict[str, tuple[int, str, bool]] = {}
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), CHUNK):
        rows = conn.execute(select(REPLIES.c.platform_id, REPLIES.c.id, REPLIES.c.content_hash,
                                   REPLIES.c.own)
                            .where(REPLIES.c.platform == platform,
                                   REPLIES.c.platform_id.in_(wanted[start:start + CHUNK])))
        for platform_id, reply_id, digest, own in rows:
            found[platform_id] = (reply_id, digest, bool(own))
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
        "own": bool(row.get("own")), "answered_at": iso(row.get("answered_at")),
        "answered_by": row.get("answered_by"),
    }


# ---------------------------------------------------------------------- the Listen table
# The desktop table loads lazily (an id list, then rows a page at a time), so the filters
# live in one place: ``reply_filters`` is shared by ``reply_ids`` and by the aggregates.


def reply_filters(*, item_id: int | None = None, source_id: int | None = None,
                  campaign_id: int | None = None, label: str | None = None,
                  language: str | None = None, since: datetime | None = None,
                  until: datetime | None = None) -> list[ColumnElement[bool]]:
    """WHERE clauses over the reply table for the Listen filters: the audience's replies.

    The embassy's own replies (``own``) are never among them: Listen counts, filters and
    charts the public's reaction; an own answer is shown in the thread of what it answers.

    ``label`` is a sentiment label or ``unscored`` (not analysed yet); ``language=""`` keeps
    replies whose language could not be told (emoji, "+1"); ``campaign_id`` keeps replies to
    posts a planned post of that campaign was matched to; ``since``/``until`` bound when the
    reply was written (``until`` excluded), falling back to when it was fetched.
    """
    clauses: list[ColumnElement[bool]] = [AUDIENCE]
    if item_id is not None:
        clauses.append(REPLIES.c.item_id == item_id)
    if source_id is not None:
        clauses.append(REPLIES.c.source_id == source_id)
    if campaign_id is not None:
        clauses.append(REPLIES.c.item_id.in_(
            select(POSTS.c.item_id).where(POSTS.c.campaign_id == campaign_id,
                                          POSTS.c.item_id.is_not(None))))
    if label is not None:
        clauses.append(REPLIES.c.sentiment_label.is_(None) if label == "unscored"
                       else REPLIES.c.sentiment_label == label)
    if language is not None:
        clauses.append(REPLIES.c.language.is_(None) if language == ""
                       else REPLIES.c.language == language.lower())
    if since is not None:
        clauses.append(REPLY_WHEN >= since)
    if until is not None:
        clauses.append(REPLY_WHEN < until)
    return clauses


def reply_ids(db: Database, *, item_id: int | None = None, source_id: int | None = None,
              campaign_id: int | None = None, label: str | None = None,
              language: str | None = None, since: datetime | None = None,
              until: datetime | None = None, search: str | None = None,
              order: str = "date", descending: bool = True) -> list[int]:
    """The ids of the matching replies in display order (filters as ``reply_filters``).

    ``search`` keeps replies whose text or author contains every word, case-insensitively in
    any script, and an Uzbek word in either alphabet ("rahmat" finds "Раҳмат", as the
    Monitor's search does). It is matched in Python, not SQL: SQLite's ``LIKE`` and ``lower()``
    fold ASCII only, so "спасибо" would miss "Спасибо". Ties (and ``order="date"``) are newest
    first.
    """
    if order not in REPLY_ORDERS:
        raise KnownError(f"cannot order replies by {order!r} (one of {', '.join(REPLY_ORDERS)})")
    newest = (REPLY_WHEN.desc(), REPLIES.c.id.desc())
    columns = [REPLIES.c.id]
    if search:
        columns += [REPLIES.c.text, REPLIES.c.author_handle, REPLIES.c.author_name]
    query: Select = select(*columns).where(*reply_filters(
        item_id=item_id, source_id=source_id, campaign_id=campaign_id, label=label,
        language=language, since=since, until=until))
    if order == "date":
        query = query.order_by(*(newest if descending else
                                 (REPLY_WHEN.asc(), REPLIES.c.id.asc())))
    else:
        if order == "post":
            query = query.join(ITEMS, ITEMS.c.id == REPLIES.c.item_id)
            key = func.lower(ITEMS.c.title)
        else:
            key = {"polarity": REPLIES.c.polarity, "label": REPLIES.c.sentiment_label,
                   "author": func.lower(REPLIES.c.author_handle),
                   "language": REPLIES.c.language}[order]
        # Missing values (unsupported: no polarity) sort last either way.
        query = query.order_by(key.is_(None), key.desc() if descending else key.asc(),
                               *newest)
    with db.read() as conn:
        if not search:
            return list(conn.execute(query).scalars())
        contains = contains_words(search)
        return [row[0] for row in conn.execute(query) if contains(" ".join(filter(None, row[1:])))]


def count_replies(db: Database, *, item_id: int | None = None, source_id: int | None = None,
                  campaign_id: int | None = None, label: str | None = None,
                  language: str | None = None, since: datetime | None = None,
                  until: datetime | None = None) -> int:
    """How many replies match (filters as ``reply_filters``), counted by the database.

    For a banner or a badge: ``len(reply_ids(...))`` would fetch every id to count them.
    """
    query = select(func.count()).select_from(REPLIES).where(*reply_filters(
        item_id=item_id, source_id=source_id, campaign_id=campaign_id, label=label,
        language=language, since=since, until=until))
    with db.read() as conn:
        return int(conn.execute(query).scalar_one())


def replies_by_ids(db: Database, ids: Sequence[int]) -> dict[int, dict]:
    """The rows the Listen table shows, keyed by id; ids that no longer exist are absent.

    Keys: the reply's columns (``id, item_id, parent_id, author_handle, author_name, text,
    language, sentiment_label, polarity, label_source, analyzer, published, fetched_at, url,
    platform``)
    plus ``when`` (published, else fetched), ``post_title``, ``post_url`` and ``source_title``;
    ``own``, ``answered_at`` and ``answered_by`` for the Answer box.
    """
    columns = (REPLIES.c.id, REPLIES.c.item_id, REPLIES.c.parent_id, REPLIES.c.source_id,
               REPLIES.c.platform, REPLIES.c.author_handle, REPLIES.c.author_name,
               REPLIES.c.text, REPLIES.c.language, REPLIES.c.sentiment_label,
               REPLIES.c.polarity, REPLIES.c.label_source, REPLIES.c.analyzer,
               REPLIES.c.published, REPLIES.c.fetched_at, REPLIES.c.url, REPLIES.c.likes,
               REPLIES.c.own, REPLIES.c.answered_at, REPLIES.c.answered_by,
               REPLY_WHEN.label("when"), ITEMS.c.title.label("post_title"),
               ITEMS.c.url.label("post_url"),
               func.coalesce(SOURCES.c.title, SOURCES.c.url).label("source_title"))
    wanted = list(dict.fromkeys(ids))
    found: dict[int, dict] = {}
    with db.read() as conn:
        for start in range(0, len(wanted), CHUNK):
            query = (select(*columns).join(ITEMS, ITEMS.c.id == REPLIES.c.item_id)
                     .join(SOURCES, SOURCES.c.id == REPLIES.c.source_id)
                     .where(REPLIES.c.id.in_(wanted[start:start + CHUNK])))
            for row in conn.execute(query).mappings():
                found[row["id"]] = dict(row)
    return found


def own_answers(db: Database, reply_id: int) -> list[dict]:
    """The embassy's own replies under one reply, oldest first (``id, author_handle,
    author_name, text, url, platform, own, when``): what the reading pane shows as answered,
    marked as the embassy's — in the thread, never in the counts."""
    query = (select(REPLIES.c.id, REPLIES.c.author_handle, REPLIES.c.author_name,
                    REPLIES.c.text, REPLIES.c.url, REPLIES.c.platform, REPLIES.c.own,
                    REPLY_WHEN.label("when"))
             .where(REPLIES.c.parent_id == reply_id, REPLIES.c.own.is_(True))
             .order_by(REPLY_WHEN, REPLIES.c.id))
    with db.read() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def reply_languages(db: Database) -> list[dict]:
    """Languages the audience's replies are written in, most replies first: ``language``
    (None: not told), ``replies`` and ``unsupported`` (how many no analyzer reads)."""
    unsupported = func.sum(case((REPLIES.c.sentiment_label == "unsupported", 1), else_=0))
    query = (select(REPLIES.c.language, func.count().label("replies"),
                    func.coalesce(unsupported, 0).label("unsupported"))
             .where(AUDIENCE)
             .group_by(REPLIES.c.language)
             .order_by(func.count().desc(), REPLIES.c.language))
    with db.read() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def replied_posts(db: Database) -> list[dict]:
    """Posts that have audience replies (the embassy's own are not counted), newest post
    first: ``id, title, url, posted, source_title, replies`` — what a "post" filter offers."""
    query = (select(ITEMS.c.id, ITEMS.c.title, ITEMS.c.url,
                    func.coalesce(ITEMS.c.published, ITEMS.c.sort_date).label("posted"),
                    func.coalesce(SOURCES.c.title, SOURCES.c.url).label("source_title"),
                    func.count(REPLIES.c.id).label("replies"))
             .join(REPLIES, (REPLIES.c.item_id == ITEMS.c.id) & AUDIENCE)
             .join(SOURCES, SOURCES.c.id == ITEMS.c.source_id)
             .group_by(ITEMS.c.id, ITEMS.c.title, ITEMS.c.url, ITEMS.c.published,
                       ITEMS.c.sort_date, SOURCES.c.title, SOURCES.c.url)
             .order_by(func.coalesce(ITEMS.c.published, ITEMS.c.sort_date).desc(),
                       ITEMS.c.id.desc()))
    with db.read() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def reply_accounts(db: Database) -> list[dict]:
    """The embassy's own accounts (and any other source replies were stored for), by name:
    ``id, title, url, kind, replies`` (the audience's) — what an "account" filter offers. An
    own account with no replies yet is listed too, so it can be chosen (from the Dashboard)
    and show nothing."""
    count = func.count(REPLIES.c.id)
    query = (select(SOURCES.c.id, SOURCES.c.title, SOURCES.c.url, SOURCES.c.kind,
                    count.label("replies"))
             .outerjoin(REPLIES, (REPLIES.c.source_id == SOURCES.c.id) & AUDIENCE)
             .group_by(SOURCES.c.id, SOURCES.c.title, SOURCES.c.url, SOURCES.c.kind,
                       SOURCES.c.own)
             .having(SOURCES.c.own.is_(True) | (count > 0))
             .order_by(func.lower(func.coalesce(SOURCES.c.title, SOURCES.c.url)),
                       SOURCES.c.id))
    with db.read() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def restore_label(db: Database, reply_id: int, label: str | None,
                  label_source: str | None) -> None:
    """Put a reply's label back exactly as it was (undoing a relabel), without re-scoring.

    ``label_reply`` is the way to *change* a label; this only restores a state read earlier
    from the same row, so an undone "auto" does not re-run the analyzer either.
    """
    with db.write() as conn:
        done = conn.execute(update(REPLIES).where(REPLIES.c.id == reply_id).values(
            sentiment_label=label, label_source=label_source))
        if not done.rowcount:
            raise NotFoundError(f"there is no reply {reply_id} (see: attache replies list)")
