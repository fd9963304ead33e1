"""IANA time zones: validating the officer's zone and finding this computer's.

Posts are stored in UTC with the zone they were planned in, so "10:00 in Tashkent" stays
10:00 in Tashkent when exported, whatever zone the planner's laptop is in.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from core.errors import KnownError

MATCH_YEARS = 3  # how many years from an event's own a file's zone must agree with an IANA one
_AREAS = ("Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/", "Europe/",
          "Indian/", "Pacific/")


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise KnownError(f"unknown time zone {name!r} (use an IANA name such as "
                         "Asia/Tashkent, Asia/Almaty, Asia/Bishkek, Asia/Dushanbe, "
                         "Asia/Ashgabat)") from None


def local_zone_name() -> str:
    """This computer's IANA zone name, or UTC when it cannot be told."""
    env = os.environ.get("TZ", "").lstrip(":")
    if env and _valid(env):
        return env
    localtime = Path("/etc/localtime")
    try:
        target = str(localtime.resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        name = target.split("zoneinfo/", 1)[1]
        if _valid(name):
            return name
    try:
        name = Path("/etc/timezone").read_text(encoding="utf-8").strip()
    except OSError:
        name = ""
    return name if name and _valid(name) else "UTC"


def default_zone_name(setting: str | None) -> str:
    return setting or local_zone_name()


def _valid(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


# ------------------------------------------------------------------- a file's own zone

def equivalent_zone(custom: tzinfo, year: int, tzid: str = "") -> str | None:
    """The IANA zone that keeps the same clock as ``custom`` (a zone an .ics file defines for
    itself, e.g. Outlook's "Customized Time Zone") from ``year`` for ``MATCH_YEARS`` years:
    the same UTC offset every week, and changing at the same minute. None when no zone does.

    Why: a series planned at 10:00 in such a zone repeats at 10:00 local time, across the
    clock changes. Kept as UTC instants it would move an hour at every change; kept in an
    IANA zone with the same rules it stays at 10:00. Of several such zones (most of Europe
    shares one rule), the one the TZID names a city of is taken ("(UTC+01:00) Amsterdam,
    Berlin…"), then, for a zone that never changes, the fixed ``Etc/GMT±N``, then the zone
    that has kept those offsets longest, one the CLDR table names for a Windows zone, and the
    first by name.
    """
    wanted = _clock(custom, datetime(year, 1, 1, tzinfo=UTC))
    checks = sorted(wanted.items())
    probe = checks[:: max(len(checks) // 8, 1)]  # most zones fail at once: look there first
    found = [name for name, zone_info in _candidates()
             if all(m.astimezone(zone_info).utcoffset() == o for m, o in probe)
             and all(m.astimezone(zone_info).utcoffset() == o for m, o in checks)]
    if not found:
        return None
    words = {w.lower() for w in re.findall(r"[^\W\d_]{3,}", tzid)}
    fixed = len(set(wanted.values())) == 1
    return min(found, key=lambda name: (
        not _names_city(name, words), not (fixed and name.startswith("Etc/GMT")),
        -_steady_years(name, year), name not in _windows_zones(),
        not name.startswith(_AREAS), name))


def _steady_years(name: str, year: int) -> int:
    """For how many of the years before ``year`` (up to 30) zone ``name`` had the same winter
    and summer offsets: of zones that agree today, the one that has longest (New York rather
    than Grand Turk, which kept Atlantic time until 2018)."""
    zone_info = ZoneInfo(name)

    def offsets(when: int) -> tuple[timedelta | None, ...]:
        return tuple(datetime(when, month, 15, 12, tzinfo=UTC).astimezone(zone_info).utcoffset()
                     for month in (1, 7))

    now = offsets(year)
    return next((n for n in range(1, 31) if offsets(year - n) != now), 31) - 1


def _clock(custom: tzinfo, start: datetime) -> dict[datetime, timedelta | None]:
    """``custom``'s UTC offset each week of ``MATCH_YEARS`` years from ``start``, and on
    either side of each change to the minute (found by bisection: a zone built from a
    VTIMEZONE takes a quarter of a millisecond per lookup)."""

    def offset(moment: datetime) -> timedelta | None:
        return moment.astimezone(custom).utcoffset()

    weeks = [start + timedelta(weeks=n) for n in range(53 * MATCH_YEARS)]
    found = {moment: offset(moment) for moment in weeks}
    for low, high in zip(weeks, weeks[1:], strict=False):
        if found[low] == found[high]:
            continue
        while high - low > timedelta(minutes=1):
            middle = low + (high - low) / 2
            middle = middle.replace(second=0, microsecond=0)
            if middle <= low:
                break
            value = offset(middle)
            found[middle] = value
            if value == found[low]:
                low = middle
            else:
                high = middle
        found.setdefault(low, offset(low))
        found.setdefault(high, offset(high))
    return found


def _names_city(name: str, words: set[str]) -> bool:
    city = name.rsplit("/", 1)[-1].lower().replace("_", " ").split()
    return bool(city) and all(part in words for part in city)


@cache
def _candidates() -> tuple[tuple[str, ZoneInfo], ...]:
    names = sorted(n for n in available_timezones() if n not in ("Factory", "localtime"))
    return tuple((name, ZoneInfo(name)) for name in names)


@cache
def _windows_zones() -> frozenset[str]:
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    return frozenset(WINDOWS_TO_OLSON.values())
