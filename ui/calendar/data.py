"""What the Calendar shows and may ask of core, as plain values and callables.

``desktop/page_calendar.py`` fills a ``CalendarData`` from core; the views never see SQL, so
they can be tested with hand-made entries. Times arrive already converted to the planning
zone (``CalendarData.zone``): a post at 10:00 Tashkent sits in the 10:00 row whatever zone
the laptop is set to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo

# How far past the visible range observances are read, so that a "prepare by" marker shows
# on the day work must start even when the observance itself is next month.
LEAD_HORIZON_DAYS = 90


class MoveRefused(Exception):  # noqa: N818 - a refusal the user reads, not a bug
    """A reschedule core refused; ``conflict`` when someone else saved the post meanwhile."""

    def __init__(self, message: str, *, conflict: bool = False) -> None:
        super().__init__(message)
        self.conflict = conflict


@dataclass(frozen=True)
class PostEntry:
    """One occurrence of a planned post (a recurring post gives one per occurrence)."""

    post_id: int
    title: str
    status: str
    start: datetime | date  # aware datetime in the planning zone, or a date (all-day)
    version: int
    all_day: bool = False
    duration_minutes: int | None = None
    campaign: str | None = None
    channels: tuple[int, ...] = ()
    recurring: bool = False
    observance_id: int | None = None
    warnings: tuple[str, ...] = ()
    # Publishing (core/publish): (channel name, state, detail) for each channel this
    # occurrence was sent to or tried on; state: published|failed|unconfirmed|sending|missed.
    channel_states: tuple[tuple[str, str, str | None], ...] = ()

    @property
    def day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def timed_start(self) -> datetime | None:
        return self.start if isinstance(self.start, datetime) else None

    @property
    def end(self) -> datetime | None:
        start = self.timed_start
        return start + timedelta(minutes=self.duration_minutes or 0) if start else None


@dataclass(frozen=True)
class ObservanceEntry:
    """One occurrence of an observance: a day or a span of days (``last`` inclusive)."""

    observance_id: int
    name: str
    first: date
    last: date
    category: str  # un | us | host | programme | custom
    estimated: bool = False
    lead_days: int = 0
    country: str | None = None
    description: str | None = None

    @property
    def prepare_by(self) -> date | None:
        """The day work on a post for it should start (None without a lead time)."""
        return self.first - timedelta(days=self.lead_days) if self.lead_days > 0 else None

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


Reschedule = Callable[[int, "datetime | date", int, "int | None"], int]


@dataclass
class CalendarData:
    """The Calendar's window onto core (wired by ``desktop/page_calendar.py``).

    ``reschedule(post_id, when, expect_version, duration_minutes)`` moves a post — to an
    aware datetime (a timed post) or a date (all-day) — and returns its new version; it
    raises ``MoveRefused`` when core refuses. ``duration_minutes`` None keeps the duration.
    """

    posts: Callable[[date, date], list[PostEntry]]
    observances: Callable[[date, date], list[ObservanceEntry]]
    reschedule: Reschedule
    campaign_colours: Callable[[], dict[str, str | None]] = dict
    channel_names: Callable[[], dict[int, str]] = dict
    today: Callable[[], date] = date.today
    zone: tzinfo = field(default=UTC)


# ------------------------------------------------------------------ date arithmetic

def week_start(day: date) -> date:
    """The Monday of ``day``'s week (Central Asian and ISO weeks start on Monday)."""
    return day - timedelta(days=day.weekday())


def month_grid_first(day: date) -> date:
    """The first cell of the 6×7 month grid that shows ``day``'s month."""
    return week_start(day.replace(day=1))


def month_last(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's length (31 Jan + 1 → 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    first = date(index // 12, index % 12 + 1, 1)
    return first.replace(day=min(day.day, month_last(first).day))
