"""The Dashboard's numbers: what is coming, what is broken, what is said, how the accounts do.

One function per panel, each returning plain dataclasses, so the desktop page, the CLI or a
report can show them without Qt. Every panel reuses the core module that owns its subject
(posts' recurrence rules, observance rules, watch hits per day, sentiment tallies) and adds
only the dashboard's own judgements, which are constants here so they can be documented:

* **Agenda.** Posts (not cancelled) and observances in today + the next ``days`` days, plus
  observances further out whose *prepare-by* date (the day minus its lead time) falls in or
  before the window: preparation is what the officer can still act on. An observance counts
  as *planned* when a planned post that is not cancelled is linked to it and falls between
  ``PLANNED_LOOKBACK_DAYS`` before its prepare-by date and its last day.
* **Own-account ladder**, after the Digital Diplomacy Review's presence → up-to-dateness →
  engagement: an own account is *present*; *up to date* when it posted within
  ``UP_TO_DATE_DAYS`` days; *engaging* when it is up to date and its posts of the period drew
  at least ``ENGAGING_REPLIES_PER_POST`` replies each on average. Negative share is over
  supported (analysed) replies only, as everywhere in Attaché.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import case, func, or_, select

from core.calendar.observances import list_occurrences
from core.calendar.posts import occurrences
from core.calendar.timezones import zone
from core.sentiment.aggregates import SUPPORTED, summary
from core.social.registry import SOCIAL_KINDS
from core.storage.database import Database
from core.storage.models import (
    CAMPAIGNS,
    CHANNELS,
    ITEMS,
    OBSERVANCES,
    POSTS,
    REPLIES,
    SOURCE_STATUSES,
    SOURCES,
    TERMS,
)
from core.watch import hits_per_day

AGENDA_DAYS = 14
PLANNED_LOOKBACK_DAYS = 30
WORST_OFFENDERS = 5
UP_TO_DATE_DAYS = 7
ENGAGING_REPLIES_PER_POST = 1.0
LADDER = ("present", "up-to-date", "engaging")


# ------------------------------------------------------------------------------ agenda

@dataclass(frozen=True)
class AgendaEntry:
    """One line of "Next 14 days": a post occurrence or an observance.

    ``day`` is where the line is listed (an observance already running is listed today);
    ``start``/``end`` are its real dates. ``prep`` is for observances: ``due`` (prepare by a
    day in the window), ``overdue`` (prepare-by passed, the day not yet here), ``planned`` (a
    post is linked), or None once the day has come.
    """

    kind: str  # "post" | "observance"
    id: int
    title: str
    day: date
    start: date
    end: date
    at: datetime | None = None  # timed posts, in the agenda's zone
    status: str | None = None  # posts
    channels: tuple[str, ...] = ()
    campaign: str | None = None
    category: str | None = None  # observances
    country: str | None = None
    lead_days: int | None = None
    prepare_by: date | None = None
    prep: str | None = None
    estimated: bool = False
    beyond: bool = False  # after the window, listed because its preparation is due


def agenda(db: Database, today: date, days: int = AGENDA_DAYS, tz: str = "UTC", *,
           countries: Sequence[str] = ()) -> list[AgendaEntry]:
    """Posts and observances of the ``days`` days from ``today`` (today is the first of them:
    "next 14 days" ends 13 days after today), by day (observances first)."""
    last = today + timedelta(days=days - 1)
    shown = zone(tz)
    entries = _post_entries(db, today, last, shown) + _observance_entries(
        db, today, last, countries)
    entries.sort(key=lambda e: (e.day, e.kind != "observance",
                                e.at.timetz().replace(tzinfo=None) if e.at else time.min,
                                e.title.casefold()))
    return entries


def _post_entries(db: Database, first: date, last: date, shown) -> list[AgendaEntry]:  # noqa: ANN001
    # Single posts are narrowed in SQL (a day of margin each side for zones); recurring ones
    # are few and are expanded by the calendar's own rules.
    low = datetime.combine(first - timedelta(days=1), time.min, UTC)
    high = datetime.combine(last + timedelta(days=2), time.min, UTC)
    query = (select(POSTS, CAMPAIGNS.c.name.label("campaign_name"))
             .outerjoin(CAMPAIGNS, CAMPAIGNS.c.id == POSTS.c.campaign_id)
             .where(POSTS.c.status != "cancelled",
                    or_(POSTS.c.rrule.is_not(None),
                        POSTS.c.start_date.between(first, last),
                        (POSTS.c.start_at >= low) & (POSTS.c.start_at < high))))
    with db.read() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
        channels: dict[int, list[str]] = defaultdict(list)
        if rows:
            for post_id, title, url in conn.execute(
                    select(CHANNELS.c.post_id, SOURCES.c.title, SOURCES.c.url)
                    .join(SOURCES, SOURCES.c.id == CHANNELS.c.source_id)
                    .where(CHANNELS.c.post_id.in_([r["id"] for r in rows]))
                    .order_by(CHANNELS.c.post_id, SOURCES.c.title)):
                channels[post_id].append(title or url)
    entries = []
    for row in rows:
        for span in occurrences(row, first - timedelta(days=1), last + timedelta(days=1)):
            if isinstance(span.start, datetime):
                at = span.start.astimezone(shown)
                start = end = at.date()
            else:
                at, start, end = None, span.start, span.end
            if not first <= start <= last:
                continue
            entries.append(AgendaEntry(
                kind="post", id=row["id"], title=row["title"], day=start, start=start,
                end=end, at=at, status=row["status"], channels=tuple(channels[row["id"]]),
                campaign=row["campaign_name"]))
    return entries


def _observance_entries(db: Database, first: date, last: date,
                        countries: Sequence[str]) -> list[AgendaEntry]:
    with db.read() as conn:
        longest = conn.execute(select(func.max(OBSERVANCES.c.lead_days))).scalar() or 0
    found = list_occurrences(db, first, last + timedelta(days=max(longest, 0)),
                             countries=countries)
    planned = _planned_days(db, {o["id"] for o in found})
    entries = []
    for occ in found:
        start, end = date.fromisoformat(occ["date"]), date.fromisoformat(occ["end"])
        lead = occ["lead_days"] or 0
        prepare_by = start - timedelta(days=lead)
        beyond = start > last
        if beyond and prepare_by > last:
            continue  # nothing to do about it in this window
        if start <= first:
            prep = None
        elif any(prepare_by - timedelta(days=PLANNED_LOOKBACK_DAYS) <= d <= end
                 for d in planned.get(occ["id"], ())):
            prep = "planned"
        elif prepare_by < first:
            prep = "overdue"
        else:
            prep = "due"
        entries.append(AgendaEntry(
            kind="observance", id=occ["id"], title=occ["name"], day=max(start, first),
            start=start, end=end, category=occ["category"], country=occ["country"],
            lead_days=lead, prepare_by=prepare_by if lead else None, prep=prep,
            estimated=occ["estimated"], beyond=beyond))
    return entries


def _planned_days(db: Database, observance_ids: set[int]) -> dict[int, list[date]]:
    """Observance id → the first days of the (not cancelled) posts linked to it."""
    if not observance_ids:
        return {}
    query = (select(POSTS.c.observance_id, POSTS.c.start_at, POSTS.c.start_date, POSTS.c.tz)
             .where(POSTS.c.observance_id.in_(sorted(observance_ids)),
                    POSTS.c.status != "cancelled"))
    days: dict[int, list[date]] = defaultdict(list)
    with db.read() as conn:
        for observance_id, start_at, start_date, tz in conn.execute(query):
            day = start_date if start_at is None else start_at.astimezone(zone(tz)).date()
            if day is not None:
                days[observance_id].append(day)
    return days


# ------------------------------------------------------------------------------ sources

@dataclass(frozen=True)
class SourceProblem:
    id: int
    name: str
    url: str
    kind: str
    status: str  # error | gone
    error: str | None
    error_count: int  # consecutive failures
    last_fetched: datetime | None  # the last attempt
    last_new_item: datetime | None  # the last time it brought something (None: never)
    enabled: bool


@dataclass(frozen=True)
class SourceHealth:
    counts: dict[str, int]  # every status in SOURCE_STATUSES, zero included
    total: int
    disabled: int
    worst: list[SourceProblem]


def source_health(db: Database, limit: int = WORST_OFFENDERS) -> SourceHealth:
    """Counts by status, and the failing sources to look at first.

    Worst first: the most consecutive failures, then the longest since the source last
    brought a new item (never counts as longest). Attaché records each attempt, not each
    success, so the last new item is the honest "last worked" it has.
    """
    failing = SOURCES.c.status.in_(("error", "gone"))
    # Only the failing sources' items are looked at: a 100k-item database stays cheap.
    newest = (select(ITEMS.c.source_id, func.max(ITEMS.c.fetched_at).label("last_new"))
              .where(ITEMS.c.source_id.in_(select(SOURCES.c.id).where(failing)))
              .group_by(ITEMS.c.source_id).subquery())
    worst_query = (select(SOURCES.c.id, SOURCES.c.title, SOURCES.c.url, SOURCES.c.kind,
                          SOURCES.c.status, SOURCES.c.error, SOURCES.c.error_count,
                          SOURCES.c.last_fetched, SOURCES.c.enabled, newest.c.last_new)
                   .outerjoin(newest, newest.c.source_id == SOURCES.c.id)
                   .where(failing)
                   .order_by(SOURCES.c.error_count.desc(), newest.c.last_new.asc().nulls_first(),
                             SOURCES.c.id)
                   .limit(limit))
    with db.read() as conn:
        counts = dict.fromkeys(SOURCE_STATUSES, 0)
        for status, n in conn.execute(select(SOURCES.c.status, func.count())
                                      .group_by(SOURCES.c.status)):
            counts[status] = counts.get(status, 0) + n
        disabled = conn.execute(select(func.count()).select_from(SOURCES)
                                .where(SOURCES.c.enabled.is_(False))).scalar_one()
        rows = conn.execute(worst_query).mappings().all()
    worst = [SourceProblem(
        id=r["id"], name=r["title"] or r["url"], url=r["url"], kind=r["kind"],
        status=r["status"], error=r["error"], error_count=r["error_count"],
        last_fetched=r["last_fetched"], last_new_item=_aware(r["last_new"]),
        enabled=bool(r["enabled"])) for r in rows]
    return SourceHealth(counts=counts, total=sum(counts.values()), disabled=disabled,
                        worst=worst)


def _aware(value: object) -> datetime | None:
    """An aggregate (max) bypasses the column type: SQLite hands back naive UTC or text."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# ------------------------------------------------------------------------------ watch terms

@dataclass(frozen=True)
class TermActivity:
    id: int
    term: str
    kind: str
    per_day: list[int]  # one count per day in the officer's zone, oldest first, today last
    total: int


def watch_activity(db: Database, days: int = 7, today: date | None = None,
                   tz: str = "UTC") -> list[TermActivity]:
    """Per watch term, its hits on each of the last ``days`` days (the sparkline) and total.

    Days are calendar days in ``tz``, the zone the agenda and the Listen page use, so "today"
    means the same day on every panel. Busiest first, then by name; terms without hits are
    kept (with zeros) so a quiet term is visibly quiet rather than missing.
    """
    local = zone(tz)
    today = today or datetime.now(local).date()
    first = today - timedelta(days=days - 1)
    counts: dict[int, list[int]] = {}
    for row in hits_per_day(db, since=datetime.combine(first, time.min, local), tz=local):
        offset = (date.fromisoformat(row["day"]) - first).days
        if 0 <= offset < days:
            counts.setdefault(row["term_id"], [0] * days)[offset] += row["hits"]
    with db.read() as conn:  # not list_terms: its all-time counts scan every hit
        terms = conn.execute(select(TERMS.c.id, TERMS.c.term, TERMS.c.kind)).all()
    found = []
    for term_id, term, kind in terms:
        per_day = counts.get(term_id, [0] * days)
        found.append(TermActivity(term_id, term, kind, per_day, sum(per_day)))
    found.sort(key=lambda t: (-t.total, t.term.casefold()))
    return found


# ------------------------------------------------------------------------------ sentiment

@dataclass(frozen=True)
class SentimentWeek:
    """Replies published in the last ``days`` days by label; polarity over supported only."""

    days: int
    positive: int = 0
    neutral: int = 0
    negative: int = 0
    unsupported: int = 0  # languages without an analyzer: never folded into neutral
    unscored: int = 0
    mean_polarity: float | None = None
    per_day: list[dict] = field(default_factory=list)  # sentiment summary rows, by=day

    @property
    def supported(self) -> int:
        return self.positive + self.neutral + self.negative

    @property
    def total(self) -> int:
        return self.supported + self.unsupported + self.unscored

    @property
    def negative_share(self) -> float | None:
        return round(self.negative / self.supported, 4) if self.supported else None


def sentiment_week(db: Database, days: int = 7, today: date | None = None,
                   tz: str = "UTC") -> SentimentWeek:
    """Replies of the last ``days`` calendar days in ``tz`` (the agenda's and Listen's zone)."""
    local = zone(tz)
    today = today or datetime.now(local).date()
    since = datetime.combine(today - timedelta(days=days - 1), time.min, local)
    rows = [r for r in summary(db, by="day", since=since, tz=local)
            if r["key"] <= today.isoformat()]
    totals = {label: sum(r[label] for r in rows)
              for label in (*SUPPORTED, "unsupported", "unscored")}
    supported = sum(totals[label] for label in SUPPORTED)
    # The summary rounds each day's mean; weighting them back is exact to that rounding.
    polarity = sum((r["mean_polarity"] or 0.0) * r["supported"] for r in rows)
    return SentimentWeek(days=days, **totals,
                         mean_polarity=round(polarity / supported, 4) if supported else None,
                         per_day=rows)


# ------------------------------------------------------------------------------ own accounts

@dataclass(frozen=True)
class AccountRung:
    """One own account on the ladder present → up to date → engaging."""

    source_id: int
    name: str
    platform: str  # the source kind: mastodon, bluesky, telegram, rss ...
    url: str
    last_post: datetime | None
    days_since_last_post: int | None
    posts: int  # in the period
    posts_per_week: float
    replies: int  # to the period's posts
    replies_per_post: float | None
    supported: int
    negative: int
    negative_share: float | None  # over supported replies
    level: str  # one of LADDER
    # Engagement, measured: replies answered (from Attaché, or in the platform's own app: an
    # own reply under them), their share of the replies, and the median time from a reply to
    # its answer (hours). The embassy's own answers are not counted as replies anywhere on
    # the ladder.
    answered: int = 0
    answered_share: float | None = None
    median_hours_to_answer: float | None = None

    @property
    def rung(self) -> int:
        """1 present, 2 up to date, 3 engaging."""
        return LADDER.index(self.level) + 1


def account_ladder(db: Database, now: datetime | None = None,
                   weeks: int = 4) -> list[AccountRung]:
    """Per own account over the last ``weeks`` weeks; sorted by platform, then name."""
    now = now or datetime.now(UTC)
    since = now - timedelta(weeks=weeks)
    in_period = (ITEMS.c.sort_date >= since) & (ITEMS.c.sort_date <= now)
    own = ITEMS.c.source_id.in_(select(SOURCES.c.id).where(SOURCES.c.own.is_(True)))
    posts = (select(ITEMS.c.source_id,
                    func.max(ITEMS.c.sort_date).label("last_post"),
                    func.sum(case((in_period, 1), else_=0)).label("posts"))
             .where(own, ITEMS.c.sort_date <= now)
             .group_by(ITEMS.c.source_id).subquery())
    label = REPLIES.c.sentiment_label
    answered = REPLIES.c.answered_at.is_not(None)
    replies = (select(ITEMS.c.source_id, func.count(REPLIES.c.id).label("replies"),
                      func.sum(case((label == "negative", 1), else_=0)).label("negative"),
                      func.sum(case((label.in_(SUPPORTED), 1), else_=0)).label("supported"),
                      func.sum(case((answered, 1), else_=0)).label("answered"))
               .join(ITEMS, ITEMS.c.id == REPLIES.c.item_id)
               .where(own, in_period, REPLIES.c.own.is_(False))
               .group_by(ITEMS.c.source_id).subquery())
    query = (select(SOURCES.c.id, SOURCES.c.title, SOURCES.c.url, SOURCES.c.kind,
                    posts.c.last_post, posts.c.posts, replies.c.replies, replies.c.negative,
                    replies.c.supported, replies.c.answered)
             .outerjoin(posts, posts.c.source_id == SOURCES.c.id)
             .outerjoin(replies, replies.c.source_id == SOURCES.c.id)
             .where(SOURCES.c.own.is_(True))
             .order_by(SOURCES.c.kind, SOURCES.c.title, SOURCES.c.id))
    waits = (select(ITEMS.c.source_id, REPLIES.c.published, REPLIES.c.fetched_at,
                    REPLIES.c.answered_at)
             .join(ITEMS, ITEMS.c.id == REPLIES.c.item_id)
             .where(own, in_period, REPLIES.c.own.is_(False), answered))
    with db.read() as conn:
        rows = conn.execute(query).mappings().all()
        hours: dict[int, list[float]] = defaultdict(list)
        for source_id, published, fetched, answered_at in conn.execute(waits):
            asked = _aware(published or fetched)
            if asked is not None and answered_at is not None:
                hours[source_id].append(max((_aware(answered_at) - asked).total_seconds(), 0)
                                        / 3600)
    found = []
    for r in rows:
        last = _aware(r["last_post"])
        n_posts, n_replies = int(r["posts"] or 0), int(r["replies"] or 0)
        supported, negative = int(r["supported"] or 0), int(r["negative"] or 0)
        since_last = max((now - last).days, 0) if last else None
        per_post = round(n_replies / n_posts, 2) if n_posts else None
        level = "present"
        if since_last is not None and since_last < UP_TO_DATE_DAYS:
            level = "up-to-date"
            if per_post is not None and per_post >= ENGAGING_REPLIES_PER_POST:
                level = "engaging"
        found.append(AccountRung(
            source_id=r["id"], name=r["title"] or r["url"], platform=r["kind"], url=r["url"],
            last_post=last, days_since_last_post=since_last, posts=n_posts,
            posts_per_week=round(n_posts / weeks, 2), replies=n_replies,
            replies_per_post=per_post, supported=supported, negative=negative,
            negative_share=round(negative / supported, 4) if supported else None,
            level=level, answered=int(r["answered"] or 0),
            answered_share=round(int(r["answered"] or 0) / n_replies, 4) if n_replies else None,
            median_hours_to_answer=(round(statistics.median(hours[r["id"]]), 2)
                                    if hours.get(r["id"]) else None)))
    return found


def absent_platforms(rungs: Sequence[AccountRung]) -> list[str]:
    """Social platforms Attaché reads where the embassy has no own account yet (presence)."""
    present = {r.platform for r in rungs}
    return [kind for kind in SOCIAL_KINDS if kind not in present]


# ------------------------------------------------------------------------------ all panels

@dataclass(frozen=True)
class DashboardData:
    """Everything the Dashboard shows, computed in one go off the GUI thread."""

    today: date
    tz: str
    agenda: list[AgendaEntry]
    sources: SourceHealth
    watch: list[TermActivity]
    sentiment: SentimentWeek
    accounts: list[AccountRung]
    absent_platforms: list[str]
    agenda_days: int = AGENDA_DAYS
    ladder_weeks: int = 4


def dashboard(db: Database, now: datetime | None = None, tz: str = "UTC", *,
              countries: Sequence[str] = (), agenda_days: int = AGENDA_DAYS,
              recent_days: int = 7, ladder_weeks: int = 4) -> DashboardData:
    now = now or datetime.now(UTC)
    today = now.astimezone(zone(tz)).date()
    accounts = account_ladder(db, now, ladder_weeks)
    return DashboardData(
        today=today, tz=tz,
        agenda=agenda(db, today, agenda_days, tz, countries=countries),
        sources=source_health(db),
        watch=watch_activity(db, recent_days, today, tz),
        sentiment=sentiment_week(db, recent_days, today, tz),
        accounts=accounts, absent_platforms=absent_platforms(accounts),
        agenda_days=agenda_days, ladder_weeks=ladder_weeks)
