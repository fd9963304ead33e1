"""Sentiment aggregates: how did a post, an account, a campaign or a week land?

Every aggregate counts positive / neutral / negative / unsupported (and unscored) separately;
mean polarity and negative share are computed over *supported* replies only, so a thread in
Russian never dilutes or inflates the English figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo

from sqlalchemy import select

from core.errors import KnownError
from core.social.replies import reply_filters
from core.storage.database import Database
from core.storage.models import (
    CAMPAIGNS,
    ITEMS,
    POSTS,
    REPLIES,
    SOURCES,
)
from core.storage.types import iso

GROUPINGS = ("item", "source", "campaign", "day", "week")
SUPPORTED = ("positive", "neutral", "negative")
# A timeline longer than this many days/weeks is not gap-filled (it would be unreadable anyway).
MAX_FILLED_BUCKETS = 731


@dataclass
class Tally:
    key: object
    name: str | None = None
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    polarity_sum: float = 0.0
    first: datetime | None = None

    def add(self, label: str | None, polarity: float | None, when: datetime | None) -> None:
        self.counts[label or "unscored"] += 1
        if label in SUPPORTED and polarity is not None:
            self.polarity_sum += polarity
        if when is not None and (self.first is None or when < self.first):
            self.first = when

    @property
    def supported(self) -> int:
        return sum(self.counts[label] for label in SUPPORTED)

    @property
    def negative_share(self) -> float | None:
        return round(self.counts["negative"] / self.supported, 4) if self.supported else None

    def to_json(self, by: str) -> dict:
        return {
            "by": by, "key": self.key, "name": self.name,
            "positive": self.counts["positive"], "neutral": self.counts["neutral"],
            "negative": self.counts["negative"], "unsupported": self.counts["unsupported"],
            "unscored": self.counts["unscored"], "supported": self.supported,
            "total": sum(self.counts.values()),
            "mean_polarity": (round(self.polarity_sum / self.supported, 4)
                              if self.supported else None),
            "negative_share": self.negative_share,
        }


def _rows(db: Database, since: datetime | None, **filters: object) -> list[dict]:
    """One row per reply with its post and account; ``filters`` as ``reply_filters``."""
    query = (select(REPLIES.c.id, REPLIES.c.item_id, REPLIES.c.source_id,
                    REPLIES.c.sentiment_label, REPLIES.c.polarity, REPLIES.c.published,
                    REPLIES.c.language, REPLIES.c.analyzer, REPLIES.c.label_source,
                    REPLIES.c.fetched_at, ITEMS.c.title, ITEMS.c.published.label("posted"),
                    SOURCES.c.title.label("source_title"), SOURCES.c.url.label("source_url"))
             .join(ITEMS, ITEMS.c.id == REPLIES.c.item_id)
             .join(SOURCES, SOURCES.c.id == REPLIES.c.source_id))
    # ``since`` counts a reply by the same date the day/week groups use: published, else
    # fetched (an export without dates is not silently left out of "since Monday").
    clauses = reply_filters(since=since, **filters)  # type: ignore[arg-type]
    # The public's reactions: the embassy's own answers (core/publish/answers.py) are not.
    query = query.where(REPLIES.c.own.is_(False), *clauses)
    with db.read() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def _campaigns(db: Database) -> dict[int, tuple[int, str]]:
    """item id → (campaign id, name), through the planned post the item was matched to."""
    query = (select(POSTS.c.item_id, CAMPAIGNS.c.id, CAMPAIGNS.c.name)
             .join(CAMPAIGNS, CAMPAIGNS.c.id == POSTS.c.campaign_id)
             .where(POSTS.c.item_id.is_not(None)))
    with db.read() as conn:
        return {item: (cid, name) for item, cid, name in conn.execute(query)}


def summary(db: Database, by: str = "item", since: datetime | None = None, *,
            until: datetime | None = None, item_id: int | None = None,
            source_id: int | None = None, campaign_id: int | None = None,
            language: str | None = None, tz: tzinfo = UTC) -> list[dict]:
    """Counts per group; the keyword filters are those of the Listen page (``reply_filters``)
    and ``tz`` is the zone whose calendar days and weeks replies are counted in."""
    if by not in GROUPINGS:
        raise KnownError(f"--by takes one of {', '.join(GROUPINGS)}")
    campaigns = _campaigns(db) if by == "campaign" else {}
    tallies: dict[object, Tally] = {}
    for row in _rows(db, since, until=until, item_id=item_id, source_id=source_id,
                     campaign_id=campaign_id, language=language):
        when = row["published"] or row["fetched_at"]
        if by in ("day", "week"):
            when = when.astimezone(tz)
        if by == "item":
            key, name = row["item_id"], row["title"]
        elif by == "source":
            key, name = row["source_id"], row["source_title"] or row["source_url"]
        elif by == "campaign":
            if row["item_id"] not in campaigns:
                continue  # replies to posts no planned post links to a campaign
            key, name = campaigns[row["item_id"]]
        elif by == "day":
            key = name = when.date().isoformat()
        else:
            year, week, _ = when.isocalendar()
            key = name = f"{year}-W{week:02d}"
        tally = tallies.setdefault(key, Tally(key, name))
        tally.add(row["sentiment_label"], row["polarity"], when)
    ordered = sorted(tallies.values(), key=lambda t: str(t.key) if by in ("day", "week")
                     else -(t.first.timestamp() if t.first else 0))
    return [t.to_json(by) for t in ordered]


def needs_attention(db: Database, *, threshold: float = 0.4, min_supported: int = 10,
                    jump: float = 0.2, trailing: int = 10, since: datetime | None = None,
                    source_id: int | None = None,
                    trusted: Callable[[str | None, str | None, str | None], bool] | None = None,
                    ) -> list[dict]:
    """Posts whose negative share crosses ``threshold`` (with enough supported replies), or
    jumps ``jump`` above the account's trailing average over its previous posts.

    Each flagged post carries ``reasons`` (English sentences, for the CLI) and ``details``:
    the same reasons as numbers (``attention_reason``), so a translated interface words them
    itself instead of parsing English. ``source_id`` keeps one account's posts (each account's
    baseline is its own, so this only drops rows).

    ``trusted(analyzer, language, label_source)`` (``core.sentiment.quality``) says whether a
    reply's label may count: one from an analyzer that measured below the quality threshold
    counts as ``untrusted`` (like unsupported, outside the shares), so a weak analyzer cannot
    raise an alarm about an ambassador's post. None: every label counts.
    """
    per_item: dict[int, Tally] = {}
    meta: dict[int, dict] = {}
    for row in _rows(db, since, source_id=source_id):
        tally = per_item.setdefault(row["item_id"], Tally(row["item_id"], row["title"]))
        label = row["sentiment_label"]
        if (trusted is not None and label in SUPPORTED
                and not trusted(row["analyzer"], row["language"], row["label_source"])):
            label = "untrusted"
        tally.add(label, row["polarity"], row["published"])
        meta[row["item_id"]] = row
    by_source: dict[int, list[int]] = defaultdict(list)
    for item_id, row in meta.items():
        by_source[row["source_id"]].append(item_id)
    flagged = []
    for items in by_source.values():
        items.sort(key=lambda i: meta[i]["posted"] or meta[i]["fetched_at"])
        history: list[float] = []
        for item_id in items:
            tally = per_item[item_id]
            share = tally.negative_share
            details = []
            if share is not None and tally.supported >= min_supported and share >= threshold:
                details.append({"reason": "share", "negative_share": share,
                                "supported": tally.supported, "threshold": threshold})
            if share is not None and len(history) >= 3 and tally.supported >= min_supported // 2:
                recent = history[-trailing:]
                baseline = sum(recent) / len(recent)
                if share - baseline >= jump:
                    details.append({"reason": "jump", "negative_share": share,
                                    "supported": tally.supported,
                                    "baseline_share": round(baseline, 4), "jump": jump,
                                    "baseline_posts": len(recent)})
            if details:
                flagged.append({**tally.to_json("item"), "untrusted": tally.counts["untrusted"],
                                "source_id": meta[item_id]["source_id"],
                                "posted": iso(meta[item_id]["posted"]),
                                "reasons": [attention_reason(d) for d in details],
                                "details": details})
            if share is not None and tally.supported:
                history.append(share)
    return flagged


def attention_reason(detail: dict) -> str:
    """One ``needs_attention`` detail as the English sentence the CLI prints."""
    if detail["reason"] == "share":
        return (f"{detail['negative_share']:.0%} of {detail['supported']} supported replies "
                f"are negative")
    return (f"negative share {detail['negative_share']:.0%} vs the account's usual "
            f"{detail['baseline_share']:.0%}")


def timeline(db: Database, by: str = "day", *, since: datetime | None = None,
             until: datetime | None = None, item_id: int | None = None,
             source_id: int | None = None, campaign_id: int | None = None,
             language: str | None = None, tz: tzinfo = UTC) -> list[dict]:
    """``summary`` by day or week with the quiet days (weeks) in between filled with zeros,
    so a chart's bars stand at their true distance in time."""
    if by not in ("day", "week"):
        raise KnownError("a timeline is by day or by week")
    rows = summary(db, by, since, until=until, item_id=item_id, source_id=source_id,
                   campaign_id=campaign_id, language=language, tz=tz)
    if len(rows) < 2:
        return rows
    found = {r["key"]: r for r in rows}
    first, last = _bucket_start(rows[0]["key"]), _bucket_start(rows[-1]["key"])
    step = timedelta(days=1 if by == "day" else 7)
    if (last - first) / step > MAX_FILLED_BUCKETS:
        return rows
    filled, day = [], first
    while day <= last:
        key = _bucket_key(day, by)
        filled.append(found.get(key) or Tally(key, key).to_json(by))
        day += step
    return filled


def _bucket_start(key: str) -> date:
    """The first day of a ``summary`` day (2026-12-10) or week (2026-W50) key."""
    if "-W" in key:
        year, week = key.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    return date.fromisoformat(key)


def _bucket_key(day: date, by: str) -> str:
    if by == "day":
        return day.isoformat()
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def post_breakdown(db: Database, *, limit: int = 8, since: datetime | None = None,
                   until: datetime | None = None, item_id: int | None = None,
                   source_id: int | None = None, campaign_id: int | None = None,
                   language: str | None = None) -> list[dict]:
    """Per-post counts for the posts with the most replies (or the one ``item_id``), most
    replied first: how did each recent post land, side by side."""
    rows = summary(db, "item", since, until=until, item_id=item_id, source_id=source_id,
                   campaign_id=campaign_id, language=language)
    rows.sort(key=lambda r: (-r["total"], -r["key"]))
    return rows[:limit] if limit else rows
