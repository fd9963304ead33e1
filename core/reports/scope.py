"""What every report shares: who it is from, its date range as instants, the clock.

A report's range is whole calendar days in the officer's zone (``--from 2026-12-01 --to
2026-12-05`` is 1 December 00:00 to 6 December 00:00 in Tashkent), the same days the
Dashboard and Listen count in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from core.calendar.timezones import zone
from core.errors import KnownError

MAX_DAYS = 3 * 366  # a report of more than three years is a mistake in a date, not a request
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Letterhead:
    """The header lines: from the settings (``embassy_name``, ``prepared_by``,
    ``report_classification``), each replaceable for one report."""

    embassy: str = ""
    prepared_by: str = ""
    classification: str = ""

    @classmethod
    def from_settings(cls, settings: object, **overrides: str | None) -> Letterhead:
        values = {"embassy": getattr(settings, "embassy_name", "") or "",
                  "prepared_by": getattr(settings, "prepared_by", "") or "",
                  "classification": getattr(settings, "report_classification", "") or ""}
        values.update({k: v.strip() for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass(frozen=True)
class Range:
    first: date
    last: date
    tz: str

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise KnownError(f"the range ends ({self.last}) before it starts ({self.first})")
        if (self.last - self.first).days >= MAX_DAYS:
            raise KnownError(f"a report covers at most {MAX_DAYS} days; "
                             f"{self.first} to {self.last} is longer")
        zone(self.tz)  # a plain error for a bad zone, before any query

    @property
    def since(self) -> datetime:
        return datetime.combine(self.first, time.min, zone(self.tz))

    @property
    def until(self) -> datetime:
        """The first instant after the range (excluded)."""
        return datetime.combine(self.last + timedelta(days=1), time.min, zone(self.tz))

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def local(self, when: datetime | None) -> datetime | None:
        return None if when is None else when.astimezone(zone(self.tz))

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone(zone(self.tz))


def parse_day(text: str, name: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise KnownError(f"{name} must be a date such as 2026-12-05, not {text!r}") from None


def no_progress(_done: int, _total: int, _text: str = "") -> None:
    return None
