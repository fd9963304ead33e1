"""Reading and marking items: what ``attache items`` does and what the Monitor view will use.

The Monitor's table does not load rows wholesale: it asks :func:`item_ids` for the ordered ids
(cheap even for 100k items), then :func:`items_by_ids` for the page it shows and
:func:`item_content` for the one item being read (Anki's browser works the same way).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, Select, func, select, update

from core.errors import KnownError, NotFoundError
from core.storage.database import Database
from core.storage.models import HITS, ITEMS, SOURCES, SourceCategory
from core.storage.search import match_clause
from core.storage.types import iso

ID_CHUNK = 500  # ids per IN (...) list: well under SQLite's and drivers' parameter limits
ID_ORDERS = ("date", "title", "source", "starred")
MARKS = {
    "read": {"read": True}, "unread": {"read": False},
    "star": {"starred": True}, "unstar": {"starred": False},
    # The media summary (key D on the Monitor): unmarking keeps the note, so marking the item
    # again brings back what the officer wrote.
    "summary": {"summary": True}, "no-summary": {"summary": False},
}
NOTE_CHARS = 2000  # "one or two sentences of their own": room for a paragraph, not an article


def list_items(db: Database, *, source_id: int | None = None, search: str | None = None,
               unread: bool = False, starred: bool = False, since: datetime | None = None,
               limit: int = 100, offset: int = 0, summary: bool = False) -> list[dict]:
    """Items newest first. ``limit=0`` means all; ``summary`` keeps items marked for the
    media summary."""
    query = _filtered(db, select(ITEMS).order_by(ITEMS.c.sort_date.desc(), ITEMS.c.id.desc()),
                      source_id=source_id, search=search, unread=unread, starred=starred,
                      since=since, summary=summary)
    if query is None:
        return []
    if limit < 0:
        raise KnownError("--limit must be 0 (all) or a positive number")
    if limit:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    with db.read() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def mark_items(db: Database, item_ids: Sequence[int], mark: str, *,
               note: str | None = None) -> int:
    """Apply a mark of ``MARKS`` (read, star, summary and their opposites) to items; every id
    must exist or nothing changes. ``note`` goes with ``summary``: it replaces the summary note
    in the same transaction (``""`` clears it; ``None`` leaves it as it was)."""
    if mark not in MARKS:
        raise KnownError(f"unknown mark {mark!r}")
    if note is not None and mark != "summary":
        raise KnownError("a summary note goes with marking items for the summary (--summary)")
    values = dict(MARKS[mark])
    if note is not None:
        values["summary_note"] = clean_note(note)
    ids = sorted(set(item_ids))
    with db.write() as conn:
        _require(conn, ids)
        conn.execute(update(ITEMS).where(ITEMS.c.id.in_(ids)).values(**values))
    return len(ids)


def clean_note(note: str | None) -> str | None:
    """A summary note as stored: trimmed, ``None`` when blank; too long is refused."""
    text = (note or "").strip()
    if len(text) > NOTE_CHARS:
        raise KnownError(f"the summary note is {len(text)} characters; keep it under "
                         f"{NOTE_CHARS} (one or two sentences)")
    return text or None


def _require(conn: Connection, ids: Sequence[int]) -> None:
    found = set(conn.execute(select(ITEMS.c.id).where(ITEMS.c.id.in_(ids))).scalars())
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFoundError(f"no item with id {', '.join(map(str, missing))}; nothing changed")


def item_json(row: dict) -> dict:
    """The ``items list --json`` object: contract keys first, extras after."""
    return {
        "id": row["id"], "source_id": row["source_id"], "guid": row["guid"], "url": row["url"],
        "title": row["title"], "author": row["author"], "published": iso(row["published"]),
        "content_html": row["content_html"], "content_text": row["content_text"],
        "read": bool(row["read"]), "starred": bool(row["starred"]),
        "published_raw": row["published_raw"], "fetched_at": iso(row["fetched_at"]),
        "updated_at": iso(row["updated_at"]),
        "summary": bool(row["summary"]), "summary_note": row["summary_note"],
    }


def item_ids(db: Database, *, source_id: int | None = None, search: str | None = None,
             unread: bool = False, starred: bool = False, since: datetime | None = None,
             until: datetime | None = None, category: str | None = None,
             term_id: int | None = None, order: str = "date",
             descending: bool = True) -> list[int]:
    """The ids of the items ``list_items`` would return, in display order; no other columns.

    ``order`` is ``date`` (newest first by default, as ``list_items``), ``title`` (A–Z with
    ``descending=False``, case-insensitive), ``source`` (source title) or ``starred`` (starred
    first when descending); ties are newest first.
    ``category`` keeps items of sources in that category or in a folder nested under it
    (``A`` includes ``A / B``); ``category=""`` keeps sources without a category.
    ``since``/``until`` bound the item's date (``until`` excluded, so a day is
    ``[midnight, next midnight)``); ``term_id`` keeps items that hit that watch term.
    """
    if order not in ID_ORDERS:
        raise KnownError(f"cannot order items by {order!r} (one of {', '.join(ID_ORDERS)})")
    query = select(ITEMS.c.id)
    newest = (ITEMS.c.sort_date.desc(), ITEMS.c.id.desc())
    oldest = (ITEMS.c.sort_date.asc(), ITEMS.c.id.asc())
    if order == "date":
        query = query.order_by(*(newest if descending else oldest))
    elif order == "title":
        key = func.lower(ITEMS.c.title)
        query = query.order_by(key.desc() if descending else key.asc(), *newest)
    elif order == "starred":
        key = ITEMS.c.starred
        query = query.order_by(key.desc() if descending else key.asc(), *newest)
    if order == "source" or category is not None:
        query = query.join(SOURCES, SOURCES.c.id == ITEMS.c.source_id)
    if order == "source":
        key = func.lower(func.coalesce(SOURCES.c.title, SOURCES.c.url))
        query = query.order_by(key.desc() if descending else key.asc(), *newest)
    if category is not None:
        query = query.where(SOURCES.c.category.is_(None) if not category else (
            (SOURCES.c.category == category)
            | SOURCES.c.category.startswith(f"{category} / ", autoescape=True)
            | _in_extra_category(category)))
    if term_id is not None:
        # A semi-join on the (term_id, published) index: only this term's hits are read.
        query = query.where(ITEMS.c.id.in_(
            select(HITS.c.item_id).where(HITS.c.term_id == term_id,
                                         HITS.c.item_id.is_not(None))))
    query = _filtered(db, query, source_id=source_id, search=search, unread=unread,
                      starred=starred, since=since, until=until)
    if query is None:
        return []
    with db.read() as conn:
        return list(conn.execute(query).scalars())


def items_by_ids(db: Database, ids: Sequence[int]) -> dict[int, dict]:
    """The rows a table shows, keyed by id; ids that do not exist are simply absent.

    Keys: ``id, source_id, source_title, title, author, published, sort_date, read, starred,
    url, summary, summary_note`` (``source_title`` falls back to the source's URL). No
    content: that is what
    :func:`item_content` is for, one item at a time.
    """
    columns = (ITEMS.c.id, ITEMS.c.source_id,
               func.coalesce(SOURCES.c.title, SOURCES.c.url).label("source_title"),
               ITEMS.c.title, ITEMS.c.author, ITEMS.c.published, ITEMS.c.sort_date,
               ITEMS.c.read, ITEMS.c.starred, ITEMS.c.url, ITEMS.c.summary,
               ITEMS.c.summary_note)
    wanted = list(dict.fromkeys(ids))
    found: dict[int, dict] = {}
    with db.read() as conn:
        for start in range(0, len(wanted), ID_CHUNK):
            chunk = wanted[start:start + ID_CHUNK]
            query = (select(*columns).join(SOURCES, SOURCES.c.id == ITEMS.c.source_id)
                     .where(ITEMS.c.id.in_(chunk)))
            for row in conn.execute(query).mappings():
                record = dict(row)
                record["read"] = bool(record["read"])
                record["starred"] = bool(record["starred"])
                record["summary"] = bool(record["summary"])
                found[record["id"]] = record
    return found


def item_content(db: Database, item_id: int) -> dict:
    """What the reader shows: ``title, url, content_html`` (already sanitized), ``content_text``."""
    query = select(ITEMS.c.title, ITEMS.c.url, ITEMS.c.content_html,
                   ITEMS.c.content_text).where(ITEMS.c.id == item_id)
    with db.read() as conn:
        row = conn.execute(query).mappings().first()
    if row is None:
        raise NotFoundError(f"no item with id {item_id}")
    return dict(row)


def _filtered(db: Database, query: Select, *, source_id: int | None, search: str | None,
              unread: bool, starred: bool, since: datetime | None,
              until: datetime | None = None, summary: bool = False) -> Select | None:
    """``query`` with the filters of ``list_items``; None when the search can match nothing."""
    if source_id is not None:
        query = query.where(ITEMS.c.source_id == source_id)
    if unread:
        query = query.where(ITEMS.c.read.is_(False))
    if starred:
        query = query.where(ITEMS.c.starred.is_(True))
    if summary:
        query = query.where(ITEMS.c.summary.is_(True))
    if since is not None:
        query = query.where(ITEMS.c.sort_date >= since)
    if until is not None:
        query = query.where(ITEMS.c.sort_date < until)
    if search:
        clause = match_clause(db.dialect, search)
        if clause is None:
            return None
        query = query.where(clause)
    return query


def _in_extra_category(category: str) -> ColumnElement[bool]:
    """Sources filed in ``category`` (or a folder under it) besides their main folder."""
    folders = SourceCategory.__table__
    return SOURCES.c.id.in_(select(folders.c.source_id).where(
        (folders.c.category == category)
        | folders.c.category.startswith(f"{category} / ", autoescape=True)))
