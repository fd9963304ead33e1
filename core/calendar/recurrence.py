"""Recurrence rules (RFC 5545 RRULE) of planned posts: checked, stored and expanded, bounded.

Why a module of its own: the same rule arrives from the post editor, ``posts add --rrule``, a
spreadsheet cell and other programs' .ics files, and leaves in our .ics export. Three things
went wrong when each place handled it alone:

- **UNTIL.** RFC 5545 §3.3.10 wants UNTIL in UTC when DTSTART has a zone, and a DATE when
  DTSTART is a DATE; Google, Apple and Outlook write ``UNTIL=…T155959Z``. Posts repeat in
  wall-clock time (10:00 in Tashkent stays 10:00), so a stored rule keeps UNTIL in the post's
  own wall-clock time (``…T235959``, no ``Z``) or as a DATE for all-day posts;
  ``stored_rule`` converts whatever form arrives, ``export_rule`` writes the RFC form.
- **Cost.** ``FREQ=SECONDLY`` made a listing compute millions of occurrences before the cap
  applied. Rules finer than daily are refused (no calendar program offers them, and the
  calendar shows days), and ``expand`` walks the rule itself, stopping at a fixed number of
  steps and occurrences whatever the rule says.
- **Exceptions.** A cancelled or moved occurrence (EXDATE, or another program's RECURRENCE-ID
  override) is an exception date of the series, kept beside the rule (``exdates``) in the same
  wall-clock terms as the occurrences.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from core.errors import KnownError

MAX_OCCURRENCES = 5000  # occurrences one expansion returns at most
MAX_STEPS = 60_000  # occurrences walked from the first one (daily: 164 years)
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
FINER = ("SECONDLY", "MINUTELY", "HOURLY")
_PART = re.compile(r"^[A-Z-]+=[^;=]*$")
_UNTIL = re.compile(r"(?<![A-Z-])UNTIL=([0-9TZ]+)", re.IGNORECASE)
EXAMPLE = "e.g. FREQ=WEEKLY;BYDAY=TH;COUNT=10"


def parts(text: str) -> dict[str, str]:
    """``FREQ=WEEKLY;BYDAY=TH`` as ``{"FREQ": "WEEKLY", "BYDAY": "TH"}`` (names upper-cased)."""
    found: dict[str, str] = {}
    for part in filter(None, text.strip().removeprefix("RRULE:").split(";")):
        name, _, value = part.partition("=")
        found[name.strip().upper()] = value.strip()
    return found


def check_rule(text: str) -> str:
    """``text`` without a leading ``RRULE:``, or ``KnownError`` saying what is wrong with it."""
    rule = text.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    if "\n" in rule or "\r" in rule:
        raise KnownError(f"not a valid RRULE {text!r}: one line only ({EXAMPLE})")
    given = parts(rule)
    freq = given.get("FREQ", "").upper()
    if given.get("RSCALE", "").upper() == "GREGORIAN" and given.get("SKIP", "OMIT").upper() \
            == "OMIT":
        # RFC 7529: RSCALE=GREGORIAN with SKIP=OMIT (its default) is the RFC 5545 rule itself.
        rule = ";".join(p for p in rule.split(";")
                        if p.partition("=")[0].strip().upper() not in ("RSCALE", "SKIP"))
        given = parts(rule)
    if given.get("RSCALE", "").upper() == "GREGORIAN":
        raise KnownError(f"RRULE {text!r} moves an occurrence that falls on a missing day "
                         f"(SKIP={given.get('SKIP')}, RFC 7529), which Attaché cannot repeat")
    if "RSCALE" in given:
        raise KnownError(f"RRULE {text!r} repeats in a non-Gregorian calendar (RSCALE="
                         f"{given['RSCALE']}), which Attaché cannot repeat")
    if freq in FINER:
        raise KnownError(f"RRULE {text!r} repeats more often than daily (FREQ={freq}); a "
                         "post repeats at most once a day (DAILY, WEEKLY, MONTHLY or YEARLY)")
    for name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        if len(given.get(name, "").split(",")) > 1:
            raise KnownError(f"RRULE {text!r} repeats more than once a day ({name}="
                             f"{given[name]}); plan a post per time instead")
    if freq and freq not in FREQUENCIES:
        raise KnownError(f"not a valid RRULE {text!r}: unknown FREQ {freq!r} ({EXAMPLE})")
    if "UNTIL" in given and "COUNT" in given:
        raise KnownError(f"RRULE {text!r} has both UNTIL and COUNT; RFC 5545 allows one of "
                         "them (the last day, or how many times)")
    for name in ("COUNT", "INTERVAL"):
        if name in given and not (given[name].isdigit() and int(given[name]) >= 1):
            raise KnownError(f"RRULE {text!r} has {name}={given[name]}; {name} must be a whole "
                             "number of at least 1")
    _check_month_days(text, given)
    try:
        rrulestr(_until_naive(rule), dtstart=datetime(2026, 1, 1))
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise KnownError(f"not a valid RRULE {text!r}: {exc} ({EXAMPLE})") from None
    return rule


def _check_month_days(text: str, given: dict[str, str]) -> None:
    """Refuse BYMONTH/BYMONTHDAY pairs that never happen (30 February): dateutil would search
    every year up to 9999 for them, seconds per listing."""
    try:
        months = [int(m) for m in given.get("BYMONTH", "").split(",") if m] or list(range(1, 13))
        days = [int(d) for d in given.get("BYMONTHDAY", "").split(",") if d]
    except ValueError:
        return  # dateutil says what is wrong
    pairs = [abs(d) <= calendar.monthrange(2000, m)[1] for m in months if 1 <= m <= 12
             for d in days]
    if pairs and not any(pairs):
        raise KnownError(f"RRULE {text!r} never happens (no such day in those months)")


def _until_naive(rule: str) -> str:
    """The rule with UNTIL as a floating date-time, for a validity check on a naive start."""
    def naive(match: re.Match[str]) -> str:
        value = match[1].upper().rstrip("Z")
        return f"UNTIL={value}" if "T" in value else f"UNTIL={value}T235959"
    return _UNTIL.sub(naive, rule)


def _until_value(rule: str) -> date | datetime | None:
    """UNTIL as a date, a naive (floating) or an aware (UTC) datetime; None when absent."""
    match = _UNTIL.search(rule)
    if match is None:
        return None
    value = match[1].upper()
    try:
        if "T" not in value:
            return datetime.strptime(value, "%Y%m%d").date()
        moment = datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")
    except ValueError:
        raise KnownError(f"RRULE UNTIL {match[1]!r} is not a date (YYYYMMDD) or a time "
                         "(YYYYMMDDTHHMMSS, Z for UTC)") from None
    return moment.replace(tzinfo=UTC) if value.endswith("Z") else moment


def _with_until(rule: str, value: str) -> str:
    return _UNTIL.sub(f"UNTIL={value}", rule, count=1)


def stored_rule(text: str, *, all_day: bool, tz: str,
                start: date | datetime | None = None) -> str:
    """The rule as it is kept with a post: checked, UNTIL in the post's own terms.

    Timed posts: UNTIL in wall-clock time of ``tz`` (a UTC ``…Z`` is converted; a bare date
    means the end of that day). All-day posts: UNTIL a date — a UTC time gives its date in
    ``tz``, as programs that write one (Apple, Outlook) take the last day's midnight there.
    With the post's ``start``, a rule that gives no occurrence from there is refused too.
    """
    rule = _own_until(check_rule(text), all_day=all_day, tz=tz)
    if start is not None:
        check_series(rule, start, written=text.strip())
    return rule


def check_series(rule: str, start: date | datetime, *, written: str | None = None) -> None:
    """``KnownError`` when the (stored) rule gives no occurrence from ``start``: such a post
    would be in no list, no calendar and no export — saved, and never seen again.
    ``written``: the rule as the officer or the file wrote it, for the message."""
    if expand(rule, start, _day(start), date.max, limit=1):
        return
    when = (f"{start:%Y-%m-%d %H:%M}" if isinstance(start, datetime)
            else f"{start:%Y-%m-%d}")
    shown = written or rule
    if _until_value(rule) is not None:
        raise KnownError(f"RRULE {shown!r} never happens: its UNTIL is before the post's "
                         f"start ({when})")
    raise KnownError(f"RRULE {shown!r} gives no occurrence from the post's start ({when})")


def _day(start: date | datetime) -> date:
    return start.date() if isinstance(start, datetime) else start


def _own_until(rule: str, *, all_day: bool, tz: str) -> str:
    until = _until_value(rule)
    if until is None:
        return rule
    if all_day:
        day = until if not isinstance(until, datetime) else (
            until.astimezone(ZoneInfo(tz)).date() if until.tzinfo else until.date())
        return _with_until(rule, f"{day:%Y%m%d}")
    if not isinstance(until, datetime):
        return _with_until(rule, f"{until:%Y%m%d}T235959")
    if until.tzinfo is not None:
        until = until.astimezone(ZoneInfo(tz)).replace(tzinfo=None)
    return _with_until(rule, f"{until:%Y%m%dT%H%M%S}")


def export_rule(rule: str, *, all_day: bool, tz: str) -> str:
    """The rule for an .ics whose DTSTART is a DATE (all-day) or has a zone: UNTIL a DATE, or
    in UTC (RFC 5545 §3.3.10)."""
    # Not checked again: a rule saved before the checks existed still exports.
    stored = _own_until(rule.strip().removeprefix("RRULE:"), all_day=all_day, tz=tz)
    until = _until_value(stored)
    if until is None or all_day:
        return stored
    assert isinstance(until, datetime)
    utc = until.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC)
    return _with_until(stored, f"{utc:%Y%m%dT%H%M%SZ}")


def _local_until(rule: str, *, all_day: bool) -> str:
    """UNTIL in the form dateutil needs for a naive start, whatever form was stored."""
    until = _until_value(rule)
    if until is None:
        return rule
    if isinstance(until, datetime) and until.tzinfo is not None:
        until = until.replace(tzinfo=None)  # legacy rows: a UTC UNTIL read as wall-clock
    if not isinstance(until, datetime):
        until = datetime.combine(until, time.max if not all_day else time.min)
    return _with_until(rule, f"{until:%Y%m%dT%H%M%S}")


# ------------------------------------------------------------------------------ exceptions

def exdate_text(value: date | datetime) -> str:
    """One exception as stored: ``YYYYMMDD`` (all-day) or wall-clock ``YYYYMMDDTHHMMSS``."""
    if isinstance(value, datetime):
        return f"{value:%Y%m%dT%H%M%S}"
    return f"{value:%Y%m%d}"


def parse_exdates(text: str | list[str] | None) -> list[date | datetime]:
    """The stored exceptions (comma-separated), as dates or naive wall-clock datetimes.

    A list is the ``posts list --json`` form (ISO dates and date-times) read back.
    """
    if isinstance(text, list):
        return [datetime.fromisoformat(p) if "T" in p else date.fromisoformat(p) for p in text]
    found: list[date | datetime] = []
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        try:
            found.append(datetime.strptime(part, "%Y%m%dT%H%M%S") if "T" in part
                         else datetime.strptime(part, "%Y%m%d").date())
        except ValueError:
            raise KnownError(f"exception date {part!r} is not YYYYMMDD or "
                             "YYYYMMDDTHHMMSS") from None
    return found


def shift_exdates(values: Iterable[date | datetime], old: date | datetime,
                  new: date | datetime) -> list[date | datetime]:
    """Exceptions moved with their series when its start moves from ``old`` to ``new`` (both
    in wall-clock terms), as calendar programs move them: the 8 December occurrence cancelled
    at 10:00 stays cancelled when the series moves to 11:00 — or to Wednesday, the 9th."""
    days = _day(new) - _day(old)
    moved: list[date | datetime] = []
    for value in values:
        if not isinstance(value, datetime):
            moved.append(value + days)
        elif isinstance(new, datetime) and isinstance(old, datetime):
            moved.append(value + (new.replace(tzinfo=None) - old.replace(tzinfo=None)))
        else:
            moved.append(value.date() + days)
    return moved


def on_day(rule: str, start: datetime, day: date) -> list[date | datetime]:
    """The occurrences of a timed series on ``day`` (aware, in ``start``'s zone): what an
    exception given as a whole day (EXDATE;VALUE=DATE) means for it."""
    return expand(rule, start, day, day)


def join_exdates(values: Iterable[date | datetime]) -> str | None:
    texts = sorted({exdate_text(v) for v in values})
    return ",".join(texts) or None


# ------------------------------------------------------------------------------ expansion

def expand(rule: str, start: datetime | date, first: date, last: date,
           exdates: Iterable[date | datetime] = (),
           limit: int = MAX_OCCURRENCES) -> list[datetime | date]:
    """Occurrence starts of a series beginning at ``start`` whose day is in [first, last].

    Timed series are expanded in wall-clock time of ``start``'s zone and returned aware;
    all-day series return dates. At most ``limit`` (``MAX_OCCURRENCES``) are returned and at most
    ``MAX_STEPS`` walked from the first occurrence, whatever the rule (a stored rule may
    predate the checks). ``exdates`` (naive wall-clock datetimes or dates) are left out.
    """
    all_day = not isinstance(start, datetime)
    text = _local_until(rule.strip().removeprefix("RRULE:"), all_day=all_day)
    if all_day:
        naive = datetime.combine(start, time.min)
        tzinfo = None
    else:
        naive, tzinfo = start.replace(tzinfo=None), start.tzinfo
    skip = set(exdates)
    low, high = datetime.combine(first, time.min), datetime.combine(last, time.max)
    found: list[datetime | date] = []
    walked = 0
    for moment in rrulestr(text, dtstart=naive):
        walked += 1
        if moment > high or walked > MAX_STEPS:
            break
        if moment < low:
            continue
        if all_day:
            if moment.date() not in skip:
                found.append(moment.date())
        elif moment not in skip and moment.date() not in skip:
            found.append(moment.replace(tzinfo=tzinfo))
        if len(found) >= min(limit, MAX_OCCURRENCES):
            break
    return found

