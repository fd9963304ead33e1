"""Warnings on a plan — never blocks: the officer decides.

- two posts on the same channel closer than the configured gap;
- a post on a host-country public holiday (the audience is away, the office may be closed);
- a programme post scheduled after that programme's deadline;
- an approved post with an empty body.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from core.calendar import rules
from core.calendar.posts import CHANNELS, POSTS, Span, occurrences
from core.storage.database import Database
from core.storage.models import Observance

OBSERVANCES = Observance.__table__


@dataclass(frozen=True)
class PlanWarning:
    post_id: int
    kind: str  # channel_gap | holiday | after_deadline | empty_body
    message: str
    date: str

    def to_json(self) -> dict:
        return asdict(self)


def check_plan(db: Database, first: date, last: date, *, gap_minutes: int = 120,
               countries: tuple[str, ...] = ()) -> list[PlanWarning]:
    with db.read() as conn:
        posts = [dict(r) for r in conn.execute(select(POSTS).where(
            POSTS.c.status != "cancelled")).mappings()]
        channels: dict[int, list[int]] = {}
        for post_id, source_id in conn.execute(select(CHANNELS.c.post_id, CHANNELS.c.source_id)):
            channels.setdefault(post_id, []).append(source_id)
        linked = {p["observance_id"] for p in posts if p["observance_id"]}
        programme = {r["id"]: dict(r) for r in conn.execute(select(OBSERVANCES).where(
            OBSERVANCES.c.id.in_(linked), OBSERVANCES.c.category == "programme")).mappings()}
    spans = [(post, span) for post in posts for span in occurrences(post, first, last)]
    warnings: list[PlanWarning] = []
    warnings += _channel_gaps(spans, channels, timedelta(minutes=gap_minutes))
    warnings += _holidays(spans, countries, first, last)
    warnings += _after_deadline(spans, programme)
    warnings += [PlanWarning(p["id"], "empty_body", f"“{p['title']}” is approved but has no text",
                             s.first_day().isoformat())
                 for p, s in spans if p["status"] == "approved" and not (p["body"] or "").strip()]
    warnings.sort(key=lambda w: (w.date, w.post_id, w.kind))
    return warnings


def _instant(span: Span) -> datetime | None:
    return span.start if isinstance(span.start, datetime) else None


def _channel_gaps(spans: list[tuple[dict, Span]], channels: dict[int, list[int]],
                  gap: timedelta) -> list[PlanWarning]:
    by_channel: dict[int, list[tuple[datetime | date, dict, Span]]] = {}
    for post, span in spans:
        for channel in channels.get(post["id"], []):
            key = _instant(span) or span.first_day()
            by_channel.setdefault(channel, []).append((key, post, span))
    found = []
    for channel, entries in by_channel.items():
        timed = sorted((e for e in entries if isinstance(e[0], datetime)), key=lambda e: e[0])
        for (a_at, a, _), (b_at, b, b_span) in zip(timed, timed[1:], strict=False):
            if a["id"] != b["id"] and b_at - a_at < gap:
                minutes = int((b_at - a_at).total_seconds() // 60)
                found.append(PlanWarning(
                    b["id"], "channel_gap",
                    f"“{b['title']}” goes out {minutes} min after “{a['title']}” on channel "
                    f"{channel} (gap setting: {int(gap.total_seconds() // 60)} min)",
                    b_span.first_day().isoformat()))
        days: dict[date, list[dict]] = {}
        for key, post, _ in entries:
            if not isinstance(key, datetime):
                days.setdefault(key, []).append(post)
        for day, posts in days.items():
            if len({p["id"] for p in posts}) > 1:
                found.append(PlanWarning(posts[-1]["id"], "channel_gap",
                                         f"{len(posts)} all-day posts on channel {channel} on "
                                         f"{day.isoformat()}", day.isoformat()))
    return found


def _holidays(spans: list[tuple[dict, Span]], countries: tuple[str, ...], first: date,
              last: date) -> list[PlanWarning]:
    found = []
    for country in countries:
        holidays = rules.holiday_dates(country, first, last)
        for post, span in spans:
            name = holidays.get(span.first_day())
            if name:
                found.append(PlanWarning(post["id"], "holiday",
                                         f"“{post['title']}” falls on {name} ({country}), a "
                                         "public holiday", span.first_day().isoformat()))
    return found


def _after_deadline(spans: list[tuple[dict, Span]],
                    programme: dict[int, dict]) -> list[PlanWarning]:
    found = []
    for post, span in spans:
        observance = programme.get(post["observance_id"])
        if observance is None:
            continue
        day = span.first_day()
        year = rules.expand(json.loads(observance["rule"]), date(day.year, 1, 1),
                            date(day.year, 12, 31))
        if year and day > year[-1].end:
            found.append(PlanWarning(post["id"], "after_deadline",
                                     f"“{post['title']}” is after the {observance['name']} "
                                     f"({year[-1].end.isoformat()})", day.isoformat()))
    return found
