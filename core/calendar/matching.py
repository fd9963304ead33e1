"""Linking planned posts to what was actually published, so replies flow back to the plan.

A post is matched to an item of one of its channels when the item's link appears in the
post's text, or when the item was published close to the planned time and reads alike
(difflib ratio on the words: cheap, language-agnostic, good enough for "did we post this").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from core.calendar.posts import PostFields, post_span, update_post
from core.storage.database import Database
from core.storage.models import CHANNELS, ITEMS, POSTS

WINDOW = timedelta(hours=12)
MIN_SIMILARITY = 0.5
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Match:
    post_id: int
    item_id: int
    reason: str  # link | time+text
    score: float


def similarity(a: str, b: str) -> float:
    left, right = _WORDS.findall(a.lower()), _WORDS.findall(b.lower())
    if not left or not right:
        return 0.0
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()


def find_matches(db: Database) -> list[Match]:
    """Best item per unlinked, not-cancelled post that has channels."""
    with db.read() as conn:
        posts = [dict(r) for r in conn.execute(select(POSTS).where(
            POSTS.c.item_id.is_(None), POSTS.c.status.notin_(("cancelled", "idea"))))
            .mappings()]
        channels: dict[int, list[int]] = {}
        for post_id, source_id in conn.execute(select(CHANNELS.c.post_id, CHANNELS.c.source_id)):
            channels.setdefault(post_id, []).append(source_id)
        taken = set(conn.execute(select(POSTS.c.item_id).where(
            POSTS.c.item_id.is_not(None))).scalars())
        matches = []
        for post in posts:
            sources = channels.get(post["id"])
            if not sources:
                continue
            span = post_span(post)
            start = (span.start if isinstance(span.start, datetime)
                     else datetime.combine(span.start, time(12), UTC))
            candidates = conn.execute(select(ITEMS.c.id, ITEMS.c.url, ITEMS.c.title,
                                             ITEMS.c.content_text, ITEMS.c.published).where(
                ITEMS.c.source_id.in_(sources),
                ITEMS.c.published.between(start - WINDOW * 2, start + WINDOW * 2))).all()
            best = _best(post, start, [c for c in candidates if c.id not in taken])
            if best is not None:
                taken.add(best.item_id)
                matches.append(best)
    return matches


def _best(post: dict, start: datetime, candidates: list) -> Match | None:  # noqa: ANN001
    text = f"{post['title']} {post['body']}"
    best: Match | None = None
    for item in candidates:
        if item.url and item.url in (post["body"] or ""):
            return Match(post["id"], item.id, "link", 1.0)
        if item.published is None or abs(item.published - start) > WINDOW:
            continue
        score = similarity(text, f"{item.title} {item.content_text}")
        if score >= MIN_SIMILARITY and (best is None or score > best.score):
            best = Match(post["id"], item.id, "time+text", round(score, 3))
    return best


def apply_matches(db: Database, matches: list[Match]) -> int:
    """Link each match; a matched post that was approved or scheduled becomes published."""
    for match in matches:
        post = update_post(db, match.post_id, PostFields(item_id=match.item_id))
        if post["status"] in ("approved", "scheduled"):
            update_post(db, match.post_id, PostFields(status="published"))
    return len(matches)
