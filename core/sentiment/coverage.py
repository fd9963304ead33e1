"""Tone of coverage: the sentiment of feed items that mention a watch term.

Off by default (the ``coverage_sentiment`` setting): the analyzers were tuned on comment
threads and reviews, not news copy, where a report about a flood reads "negative" whatever it
says about the embassy. When it is on, an item is scored once it hits a watch term, by the
same scorer as replies: its title and lede, language first, so an article in a language no
analyzer reads (Uzbek) is ``unsupported`` — never ``neutral``. Items of the embassy's own
accounts are its own posts, not coverage, and are left out.

Scores live in ``item_sentiment`` (migration 0005) and are replaced when an item changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, tzinfo

from sqlalchemy import Connection, delete, insert, select

from core.errors import KnownError
from core.sentiment.aggregates import Tally
from core.sentiment.scoring import CHUNK, Scorer, score_pending
from core.storage.database import Database
from core.storage.models import (
    HITS,
    ITEMS,
    SCORES,
    SOURCES,
    TERMS,
)
from core.storage.types import utcnow

GROUPINGS = ("term", "source", "day")
# The title and this much of the text: the lede carries an article's tone, and VADER adds up
# word scores, so a whole article drifts to ±1 whatever its angle.
LEDE_CHARS = 600


def coverage_text(title: str, text: str) -> str:
    """What is scored of an item: its title and the start of its text, cut between words."""
    lede = text.strip()
    if len(lede) > LEDE_CHARS:
        cut = lede[:LEDE_CHARS]
        lede = cut.rsplit(None, 1)[0] if " " in cut else cut
    return f"{title.strip()}\n{lede}".strip()


def _watched(conn: Connection, among: Iterable[int] | None, *, unscored: bool) -> list[int]:
    """Items with a watch hit, not of an own account (``among`` these, if given)."""
    query = (select(HITS.c.item_id).distinct()
             .join(ITEMS, ITEMS.c.id == HITS.c.item_id)
             .join(SOURCES, SOURCES.c.id == ITEMS.c.source_id)
             .where(HITS.c.item_id.is_not(None), SOURCES.c.own.is_(False)))
    if unscored:
        query = query.where(HITS.c.item_id.not_in(select(SCORES.c.item_id)))
    if among is None:
        return sorted(conn.execute(query).scalars())
    ids = list(among)
    found: list[int] = []
    for start in range(0, len(ids), CHUNK):
        found += conn.execute(query.where(HITS.c.item_id.in_(ids[start:start + CHUNK]))).scalars()
    return sorted(found)


def score_item_ids(conn: Connection, scorer: Scorer, item_ids: Sequence[int]) -> int:
    """Score these items in the caller's transaction, replacing any earlier score."""
    done = 0
    now = utcnow()
    for start in range(0, len(item_ids), CHUNK):
        rows = conn.execute(select(ITEMS.c.id, ITEMS.c.title, ITEMS.c.content_text).where(
            ITEMS.c.id.in_(item_ids[start:start + CHUNK]))).all()
        if not rows:
            continue
        scores = scorer.score_many([coverage_text(title or "", text or "")
                                    for _, title, text in rows])
        conn.execute(delete(SCORES).where(SCORES.c.item_id.in_([row[0] for row in rows])))
        conn.execute(insert(SCORES), [
            {"item_id": item_id, "language": score.language,
             "sentiment_label": score.label, "polarity": score.polarity,
             "subjectivity": score.subjectivity, "analyzer": score.analyzer, "scored_at": now}
            for (item_id, _, _), score in zip(rows, scores, strict=True)])
        done += len(rows)
    return done


def score_new_items(conn: Connection, scorer: Scorer, item_ids: Sequence[int]) -> int:
    """The refresh hook: score the watched ones among these new or changed items."""
    if not item_ids:
        return 0
    return score_item_ids(conn, scorer, _watched(conn, item_ids, unscored=False))


def score_coverage(db: Database, scorer: Scorer, *, rescore: bool = False,
                   progress: Callable[[int, int], None] | None = None) -> int:
    """Score watched items never scored (or all, with ``rescore``), in chunks.

    For turning the setting on over a database that already has hits, and for re-scoring after
    an analyzer or threshold change.
    """
    with db.read() as conn:
        ids = _watched(conn, None, unscored=not rescore)
    done = 0
    for start in range(0, len(ids), CHUNK):
        with db.write() as conn:
            done += score_item_ids(conn, scorer, ids[start:start + CHUNK])
        if progress is not None:
            progress(done, len(ids))
    return done


def score_backlog(db: Database, scorer: Scorer, *, rescore: bool = False,
                  progress: Callable[[int, int], None] | None = None) -> tuple[int, int | None]:
    """Everything waiting for a score: replies, then watched items when tone of coverage is
    on. Returns (replies scored, items scored or None when coverage is off)."""
    replies = score_pending(db, scorer, rescore=rescore, progress=progress)
    if not scorer.coverage:
        return replies, None
    return replies, score_coverage(db, scorer, rescore=rescore, progress=progress)


def coverage_summary(db: Database, since: datetime | None = None, by: str = "term", *,
                     tz: tzinfo = UTC) -> list[dict]:
    """Counts of watched items per term, source or day, shaped like ``aggregates.summary``.

    An item counts once per group (an article naming two terms counts under each term, once
    under its source and its day). Items not scored yet count as ``unscored``: the setting was
    off when they came in, and ``attache sentiment run`` scores them.
    """
    if by not in GROUPINGS:
        raise KnownError(f"--by takes one of {', '.join(GROUPINGS)}")
    query = (select(HITS.c.term_id, TERMS.c.term, ITEMS.c.id, ITEMS.c.source_id,
                    ITEMS.c.sort_date, SOURCES.c.title, SOURCES.c.url,
                    SCORES.c.sentiment_label, SCORES.c.polarity)
             .join(ITEMS, ITEMS.c.id == HITS.c.item_id)
             .join(TERMS, TERMS.c.id == HITS.c.term_id)
             .join(SOURCES, SOURCES.c.id == ITEMS.c.source_id)
             .outerjoin(SCORES, SCORES.c.item_id == ITEMS.c.id)
             .where(HITS.c.item_id.is_not(None), SOURCES.c.own.is_(False)))
    if since is not None:
        query = query.where(ITEMS.c.sort_date >= since)
    tallies: dict[object, Tally] = {}
    counted: set[tuple[object, int]] = set()
    with db.read() as conn:
        rows = conn.execute(query).all()
    for term_id, term, item_id, source_id, when, title, url, label, polarity in rows:
        if by == "term":
            key, name = term_id, term
        elif by == "source":
            key, name = source_id, title or url
        else:
            key = name = when.astimezone(tz).date().isoformat()
        if (key, item_id) in counted:
            continue
        counted.add((key, item_id))
        tallies.setdefault(key, Tally(key, name)).add(label, polarity, when)
    if by == "day":
        ordered = sorted(tallies.values(), key=lambda t: str(t.key))
    else:
        ordered = sorted(tallies.values(),
                         key=lambda t: (-sum(t.counts.values()), str(t.name).casefold()))
    return [tally.to_json(by) for tally in ordered]


__all__ = ["GROUPINGS", "coverage_summary", "coverage_text", "score_backlog", "score_coverage",
           "score_item_ids", "score_new_items"]
