"""When a source is fetched next: Retry-After, backoff and the reasons a source is skipped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.net.schedule import (
    DEFAULT_RETRY_AFTER,
    MAX_BACKOFF,
    MAX_RETRY_AFTER,
    backoff_delay,
    is_due,
    parse_retry_after,
    why_not_due,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


# ------------------------------------------------------------------ Retry-After

def test_retry_after_in_seconds() -> None:
    assert parse_retry_after("120", now=NOW) == NOW + timedelta(seconds=120)
    assert parse_retry_after(" 0 ", now=NOW) == NOW


def test_retry_after_as_http_date() -> None:
    assert parse_retry_after("Fri, 20 Nov 2026 12:30:00 GMT", now=NOW) == NOW + timedelta(
        minutes=30)


def test_retry_after_date_in_the_past_means_now() -> None:
    assert parse_retry_after("Thu, 01 Jan 2015 00:00:00 GMT", now=NOW) == NOW


@pytest.mark.parametrize("value", [None, "", "soon", "-5", "12.5", "Fri, 99 Zzz 2026", "²"])
def test_missing_or_garbage_retry_after_means_ten_minutes(value: str | None) -> None:
    assert DEFAULT_RETRY_AFTER == timedelta(minutes=10)
    assert parse_retry_after(value, now=NOW) == NOW + DEFAULT_RETRY_AFTER


@pytest.mark.parametrize("value", [
    str(30 * 24 * 3600),
    "99999999999999999999999",  # would overflow timedelta if not capped first
    "Sat, 01 Jan 2070 00:00:00 GMT",
])
def test_huge_retry_after_is_capped_at_seven_days(value: str) -> None:
    assert MAX_RETRY_AFTER == timedelta(days=7)
    assert parse_retry_after(value, now=NOW) == NOW + MAX_RETRY_AFTER


def test_retry_after_defaults_to_the_current_time() -> None:
    before = datetime.now(UTC)
    when = parse_retry_after("60")
    assert when.tzinfo is not None
    assert before + timedelta(seconds=60) <= when <= datetime.now(UTC) + timedelta(seconds=60)


# ------------------------------------------------------------------ backoff

def test_backoff_doubles_per_failure() -> None:
    assert backoff_delay(60, 0) == timedelta(minutes=60)
    assert backoff_delay(60, 1) == timedelta(minutes=60)
    assert backoff_delay(60, 2) == timedelta(minutes=120)
    assert backoff_delay(60, 3) == timedelta(minutes=240)
    assert backoff_delay(15, 4) == timedelta(minutes=120)


def test_backoff_caps_at_a_day() -> None:
    assert MAX_BACKOFF == timedelta(hours=24)
    assert backoff_delay(60, 6) == timedelta(hours=24)  # 32 h would be next
    assert backoff_delay(60, 500) == timedelta(hours=24)
    assert backoff_delay(1, 10**6) == timedelta(hours=24)


def test_backoff_never_below_a_minute() -> None:
    assert backoff_delay(0, 1) == timedelta(minutes=1)


# ------------------------------------------------------------------ due or not

def _state(**overrides: object) -> dict:
    state = {"enabled": True, "status": "ok", "next_fetch": None, "retry_after": None,
             "now": NOW, "force": False}
    state.update(overrides)
    return state


def test_a_new_source_is_due() -> None:
    assert why_not_due(**_state(status="new")) is None
    assert is_due(**_state(next_fetch=NOW - timedelta(seconds=1)))


@pytest.mark.parametrize("force", [False, True])
def test_gone_source_is_never_due(force: bool) -> None:
    reason = why_not_due(**_state(status="gone", force=force))
    assert reason is not None and "410" in reason and "re-enable" in reason
    assert not is_due(**_state(status="gone", force=force))


@pytest.mark.parametrize("force", [False, True])
def test_disabled_source_is_not_due(force: bool) -> None:
    assert why_not_due(**_state(enabled=False, force=force)) == "the source is disabled"


@pytest.mark.parametrize("force", [False, True])
def test_retry_after_is_honoured_even_with_force(force: bool) -> None:
    later = NOW + timedelta(minutes=2)
    reason = why_not_due(**_state(retry_after=later, force=force))
    assert reason is not None and "wait until" in reason and later.isoformat()[:16] in reason


def test_retry_after_in_the_past_no_longer_blocks() -> None:
    assert is_due(**_state(retry_after=NOW - timedelta(seconds=1)))


def test_not_yet_due_unless_forced() -> None:
    later = NOW + timedelta(minutes=30)
    reason = why_not_due(**_state(next_fetch=later))
    assert reason is not None and "not due until" in reason and "--force" in reason
    assert why_not_due(**_state(next_fetch=later, force=True)) is None


def test_backoff_is_never_shorter_than_the_sources_own_interval() -> None:
    weekly = 7 * 24 * 60
    assert backoff_delay(weekly, 1) == timedelta(minutes=weekly)
    assert backoff_delay(weekly, 5) == timedelta(minutes=weekly)
