"""Watch terms: words, phrases, #hashtags and @mentions the press section tracks.

Matching is case-insensitive and Cyrillic-aware (Python's Unicode regexes), treats the
Uzbek apostrophe variants (o‘ oʻ o' o’) as one, and matches hashtags and mentions as whole
tokens, so #Fulbright does not match #Fulbrighter. A trailing * makes a word a prefix, for
inflected languages: виз* finds виза, визы, визу.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from sqlalchemy import Connection, and_, delete, func, insert, select

from core.errors import KnownError, NotFoundError
from core.storage.database import Database
from core.storage.models import HITS, ITEMS, REPLIES, TERMS
from core.storage.types import iso, utcnow

_APOSTROPHES = str.maketrans({c: "'" for c in "‘’ʻʼ`"})
BACKFILL_CHUNK = 2000


def normalise(text: str) -> str:
    return text.translate(_APOSTROPHES)


def term_kind(term: str) -> str:
    if term.startswith("#"):
        return "hashtag"
    if term.startswith("@"):
        return "mention"
    return "phrase" if len(term.split()) > 1 else "word"


def compile_term(term: str) -> re.Pattern[str]:
    text = normalise(term.strip())
    kind = term_kind(text)
    prefix = text.endswith("*")
    text = text.rstrip("*")
    words = [re.escape(w) for w in text.split()]
    body = r"\s+".join(words)
    if kind in ("hashtag", "mention"):
        lead = re.escape(text[0])
        # Not inside a word or another tag before; no more tag characters after.
        return re.compile(rf"(?<![\w#@]){lead}{re.escape(text[1:])}(?![\w])", re.IGNORECASE)
    tail = "" if prefix else r"(?!\w)"
    return re.compile(rf"(?<!\w){body}{tail}", re.IGNORECASE)


@dataclass(frozen=True)
class CompiledTerm:
    id: int
    term: str
    pattern: re.Pattern[str]

    def matches(self, text: str) -> bool:
        return bool(self.pattern.search(text))


def load_terms(conn: Connection) -> list[CompiledTerm]:
    return [CompiledTerm(r.id, r.term, compile_term(r.term))
            for r in conn.execute(select(TERMS.c.id, TERMS.c.term))]


# ------------------------------------------------------------------------------ matching

def match_new(conn: Connection, item_ids: Sequence[int] = (), reply_ids: Sequence[int] = (),
              terms: list[CompiledTerm] | None = None) -> int:
    """Record hits for these items and replies (inside the caller's transaction)."""
    if not item_ids and not reply_ids:  # most refreshes: nothing new (a 304), no query
        return 0
    terms = load_terms(conn) if terms is None else terms
    if not terms:
        return 0
    rows: list[dict] = []
    for start in range(0, len(item_ids), BACKFILL_CHUNK):
        chunk = item_ids[start:start + BACKFILL_CHUNK]
        for item_id, title, text, when in conn.execute(select(
                ITEMS.c.id, ITEMS.c.title, ITEMS.c.content_text, ITEMS.c.sort_date)
                .where(ITEMS.c.id.in_(chunk))):
            haystack = normalise(f"{title}\n{text}")
            rows += [{"term_id": t.id, "item_id": item_id, "reply_id": None, "published": when}
                     for t in terms if t.matches(haystack)]
    for start in range(0, len(reply_ids), BACKFILL_CHUNK):
        chunk = reply_ids[start:start + BACKFILL_CHUNK]
        for reply_id, text, when, fetched in conn.execute(select(
                REPLIES.c.id, REPLIES.c.text, REPLIES.c.published, REPLIES.c.fetched_at)
                .where(REPLIES.c.id.in_(chunk), REPLIES.c.own.is_(False))):
            haystack = normalise(text)
            rows += [{"term_id": t.id, "item_id": None, "reply_id": reply_id,
                      "published": when or fetched}
                     for t in terms if t.matches(haystack)]
    return _insert_hits(conn, rows)


def _insert_hits(conn: Connection, rows: list[dict]) -> int:
    """Insert hits not already recorded (an updated item is matched again)."""
    if not rows:
        return 0
    known: set[tuple[int, str, int]] = set()
    for column, name in ((HITS.c.item_id, "item_id"), (HITS.c.reply_id, "reply_id")):
        ids = sorted({row[name] for row in rows if row[name] is not None})
        for start in range(0, len(ids), BACKFILL_CHUNK):
            found = conn.execute(select(HITS.c.term_id, column).where(
                column.in_(ids[start:start + BACKFILL_CHUNK])))
            known.update((term, name, target) for term, target in found)
    fresh = [row for row in rows
             if (row["term_id"], "item_id" if row["item_id"] is not None else "reply_id",
                 row["item_id"] if row["item_id"] is not None else row["reply_id"]) not in known]
    if fresh:
        conn.execute(insert(HITS), fresh)
    return len(fresh)


# ------------------------------------------------------------------------------ terms

def add_term(db: Database, term: str) -> tuple[int, int]:
    """Add a term and match it once over everything stored. Returns (id, hits found)."""
    term = " ".join(term.split())
    if not term or term in ("#", "@") or not term.strip("#@*"):
        raise KnownError("a watch term needs some text (a word, a phrase, #tag or @name)")
    with db.write() as conn:
        taken = [t for t in conn.execute(select(TERMS.c.term)).scalars()
                 if t.casefold() == term.casefold()]
        if taken:
            raise KnownError(f"already watching {taken[0]!r}")
        term_id = conn.execute(insert(TERMS).values(
            term=term, kind=term_kind(term), created_at=utcnow())).inserted_primary_key[0]
        compiled = [CompiledTerm(term_id, term, compile_term(term))]
        item_ids = list(conn.execute(select(ITEMS.c.id)).scalars())
        reply_ids = list(conn.execute(select(REPLIES.c.id).where(
            REPLIES.c.own.is_(False))).scalars())  # the audience's words, not the embassy's
        found = match_new(conn, item_ids, reply_ids, compiled)
    return term_id, found


def remove_term(db: Database, term_id: int) -> None:
    with db.write() as conn:
        if conn.execute(select(TERMS.c.id).where(TERMS.c.id == term_id)).first() is None:
            raise NotFoundError(f"there is no watch term {term_id} (see: attache watch list)")
        conn.execute(delete(HITS).where(HITS.c.term_id == term_id))
        conn.execute(delete(TERMS).where(TERMS.c.id == term_id))


def list_terms(db: Database) -> list[dict]:
    counts = (select(HITS.c.term_id, func.count().label("hits"),
                     func.max(HITS.c.published).label("last_hit"))
              .group_by(HITS.c.term_id).subquery())
    query = (select(TERMS, func.coalesce(counts.c.hits, 0).label("hits"), counts.c.last_hit)
             .outerjoin(counts, counts.c.term_id == TERMS.c.id).order_by(TERMS.c.term))
    with db.read() as conn:
        rows = conn.execute(query).mappings().all()
    return [{"id": r["id"], "term": r["term"], "kind": r["kind"], "hits": r["hits"],
             "last_hit": _iso_any(r["last_hit"]), "created_at": iso(r["created_at"])}
            for r in rows]


def term_counts(db: Database) -> dict[int, dict[str, int]]:
    """Per term: how many feed items and how many replies mention it (``items``/``replies``).

    ``list_terms``' ``hits`` adds the two; the Monitor lists items only, so a count next to
    a term there must be the item count to agree with the list it filters.
    """
    query = (select(HITS.c.term_id, func.count(HITS.c.item_id.distinct()),
                    func.count(HITS.c.reply_id.distinct())).group_by(HITS.c.term_id))
    with db.read() as conn:
        return {term: {"items": items, "replies": replies}
                for term, items, replies in conn.execute(query)}


def _iso_any(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return iso(value if value.tzinfo else value.replace(tzinfo=utcnow().tzinfo))
    return str(value)


def list_hits(db: Database, *, term_id: int | None = None, since: datetime | None = None,
              limit: int = 0) -> list[dict]:
    """The ``watch hits`` objects, newest first."""
    query = (select(HITS.c.term_id, TERMS.c.term, HITS.c.item_id, HITS.c.reply_id,
                    HITS.c.published, ITEMS.c.title, REPLIES.c.text)
             .join(TERMS, TERMS.c.id == HITS.c.term_id)
             .outerjoin(ITEMS, ITEMS.c.id == HITS.c.item_id)
             .outerjoin(REPLIES, REPLIES.c.id == HITS.c.reply_id)
             .order_by(HITS.c.published.desc(), HITS.c.id.desc()))
    if term_id is not None:
        query = query.where(HITS.c.term_id == term_id)
    if since is not None:
        query = query.where(HITS.c.published >= since)
    if limit:
        query = query.limit(limit)
    with db.read() as conn:
        rows = conn.execute(query).mappings().all()
    return [{"term": r["term"], "kind": "item" if r["item_id"] is not None else "reply",
             "id": r["item_id"] if r["item_id"] is not None else r["reply_id"],
             "title_or_text": r["title"] if r["item_id"] is not None else r["text"],
             "published": iso(r["published"]), "term_id": r["term_id"]} for r in rows]


def hits_per_day(db: Database, *, term_ids: Iterable[int] = (),
                 since: datetime | None = None, tz: tzinfo = UTC) -> list[dict]:
    """Hit counts per term and calendar day in ``tz``: the numbers behind a trend chart.

    ``tz`` is the officer's zone where a day is shown to them (the Dashboard): a hit at 02:00
    in Tashkent belongs to that Tashkent day, not to the UTC day before."""
    query = select(HITS.c.term_id, HITS.c.published)
    wanted = list(term_ids)
    if wanted:
        query = query.where(HITS.c.term_id.in_(wanted))
    if since is not None:
        query = query.where(and_(HITS.c.published >= since))
    counts: dict[tuple[int, date], int] = {}
    with db.read() as conn:
        for term, when in conn.execute(query):
            key = (term, when.astimezone(tz).date())
            counts[key] = counts.get(key, 0) + 1
    return [{"term_id": t, "day": d.isoformat(), "hits": n}
            for (t, d), n in sorted(counts.items())]
