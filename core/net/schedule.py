"""When a source may be fetched next: intervals, exponential backoff, Retry-After, gone.

Plain logic with the clock passed in, so it is unit-tested without a network
(Picard's ratecontrol is the model).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

DEFAULT_RETRY_AFTER = timedelta(minutes=10)
MAX_BACKOFF = timedelta(hours=24)
MAX_RETRY_AFTER = timedelta(days=7)  # a hostile header must not park a source for years


def parse_retry_after(value: str | None, now: datetime | None = None) -> datetime:
    """Retry-After as seconds or an HTTP date; missing or garbage means 10 minutes."""
    now = now or datetime.now(UTC)
    if value:
        value = value.strip()
        if value.isascii() and value.isdigit():
            # Capped before timedelta(): a 20-digit header would overflow it.
            seconds = min(int(value), int(MAX_RETRY_AFTER.total_seconds()))
            return now + timedelta(seconds=seconds)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            when = None
        if when is not None:
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return min(max(when, now), now + MAX_RETRY_AFTER)
    return now + DEFAULT_RETRY_AFTER


def backoff_delay(interval_minutes: int, error_count: int) -> timedelta:
    """Interval doubled per consecutive failure, capped at 24 hours.

    Never shorter than the source's own interval: a weekly source that fails is not
    retried daily.
    """
    base = timedelta(minutes=max(interval_minutes, 1))
    exponent = min(max(error_count - 1, 0), 20)  # 2**20 intervals is far beyond the cap
    return max(base, min(base * (2**exponent), MAX_BACKOFF))


def why_not_due(*, enabled: bool, status: str, next_fetch: datetime | None,
                retry_after: datetime | None, now: datetime, force: bool = False) -> str | None:
    """A sentence for the user when a source is skipped; None when it is due.

    ``force`` skips the interval and backoff, never a Retry-After or a gone source.
    """
    if status == "gone":
        return "the server said the feed is gone (HTTP 410); re-enable it to try again"
    if not enabled:
        return "the source is disabled"
    if retry_after is not None and retry_after > now:
        return f"the server asked us to wait until {retry_after.isoformat(timespec='seconds')}"
    if not force and next_fetch is not None and next_fetch > now:
        return f"not due until {next_fetch.isoformat(timespec='seconds')} (use --force)"
    return None


def is_due(**state) -> bool:  # noqa: ANN003 - same keywords as why_not_due
    return why_not_due(**state) is None
