"""Warnings on a plan — never blocks: the officer decides.

- two posts on the same channel closer than the configured gap;
- a post on a host-country public holiday (the audience is away, the office may be closed);
- a programme post scheduled after that programme's deadline;
- an approved post with an empty body.

``check_plan`` checks what is saved; ``check_draft`` gives the same warnings for one post as it
is being edited (the editor re-checks as the date and channels change), before it is saved.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from core.calendar import rules
from core.calendar.posts import PostFields, Span, occurrences, post_span
from core.errors import KnownError
from core.storage.database import Database
from core.storage.models import CHANNELS, OBSERVANCES, POSTS


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


def check_draft(db: Database, fields: PostFields, post_id: int | None = None, *,
                gap_minutes: int = 120, countries: tuple[str, ...] = (),
                channel_label: Callable[[int], str] | None = None) -> list[PlanWarning]:
    """``check_plan``'s warnings for the plan with ``fields`` in place of post ``post_id``.

    ``fields`` is the post as the editor would save it (``post_id`` None: a new post), so the
    officer sees a crowded channel or a holiday while still choosing the date. Only the post's
    first occurrence is checked. ``channel_label`` names a channel in the messages (the
    default says "channel 3", as ``check_plan`` does). Warnings are in the order the checks
    run, without repeats.
    """
    if fields.status == "cancelled":  # check_plan leaves cancelled posts out too
        return []
    if fields.at is None and fields.day is None:
        raise KnownError("a post needs a date to be checked")
    title = (fields.title or "").strip() or "New post"
    me = {"id": post_id or 0, "title": title, "status": fields.status, "body": fields.body,
          "all_day": fields.at is None, "tz": fields.tz or "UTC", "start_date": fields.day,
          "start_at": fields.at, "duration_minutes": fields.duration_minutes, "rrule": None,
          "observance_id": fields.observance_id or None}
    span = post_span(me)
    day = span.first_day()
    wanted = sorted(set(fields.channels or ()))
    with db.read() as conn:
        others: list[dict] = []
        channels: dict[int, list[int]] = {}
        if wanted:
            on_mine = select(CHANNELS.c.post_id).where(CHANNELS.c.source_id.in_(wanted))
            others = [dict(r) for r in conn.execute(select(POSTS).where(
                POSTS.c.id.in_(on_mine), POSTS.c.id != me["id"],
                POSTS.c.status != "cancelled").order_by(POSTS.c.id)).mappings()]
            for other_id, source_id in conn.execute(
                    select(CHANNELS.c.post_id, CHANNELS.c.source_id).where(
                        CHANNELS.c.post_id.in_([o["id"] for o in others]))):
                channels.setdefault(other_id, []).append(source_id)
        programme = {}
        if me["observance_id"]:
            programme = {r["id"]: dict(r) for r in conn.execute(select(OBSERVANCES).where(
                OBSERVANCES.c.id == me["observance_id"],
                OBSERVANCES.c.category == "programme")).mappings()}
    found: list[PlanWarning] = []
    gap = timedelta(minutes=gap_minutes)
    low, high = day - timedelta(days=1), day + timedelta(days=1)
    for other in others:
        shared = sorted(set(channels.get(other["id"], ())) & set(wanted))
        for other_span in occurrences(other, low, high):
            found += _channel_gaps([(me, span), (other, other_span)],
                                   {me["id"]: shared, other["id"]: shared}, gap, channel_label)
    found += _holidays([(me, span)], countries, day, day)
    found += _after_deadline([(me, span)], programme)
    if fields.status == "approved" and not (fields.body or "").strip():
        found.append(PlanWarning(me["id"], "empty_body", f"“{title}” is approved but has no text",
                                 day.isoformat()))
    unique: dict[str, PlanWarning] = {}
    for warning in found:  # a recurring neighbour can repeat the same words
        unique.setdefault(warning.message, warning)
    return list(unique.values())


def _channel_name(channel: int) -> str:
    return f"channel {channel}"


def _instant(span: Span) -> datetime | None:
    return span.start if isinstance(span.start, datetime) else None


def _channel_gaps(spans: list[tuple[dict, Span]], channels: dict[int, list[int]],
                  gap: timedelta,
                  label: Callable[[int], str] | None = None) -> list[PlanWarning]:
    label = label or _channel_name
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
                    f"“{b['title']}” goes out {minutes} min after “{a['title']}” on "
                    f"{label(channel)} (gap setting: {int(gap.total_seconds() // 60)} min)",
                    b_span.first_day().isoformat()))
        days: dict[date, list[dict]] = {}
        for key, post, _ in entries:
            if not isinstance(key, datetime):
                days.setdefault(key, []).append(post)
        for day, posts in days.items():
            if len({p["id"] for p in posts}) > 1:
                found.append(PlanWarning(posts[-1]["id"], "channel_gap",
                                         f"{len(posts)} all-day posts on {label(channel)} on "
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
