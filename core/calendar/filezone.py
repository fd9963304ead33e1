"""A time zone an .ics file defines for itself (VTIMEZONE), as a bounded transition table.

Why not icalendar's own zone (dateutil's ``tzical``): it answers every lookup by walking each
rule from its DTSTART, which Outlook writes as 1601. A lookup cost a quarter of a millisecond
for a real zone, and 50 ms for a crafted one in the year 9000 — an import of a file that places
thousands of times in such zones ran for minutes, and matching the zone to an IANA one
(``core.calendar.timezones.equivalent_zone``) looks up hundreds of times per zone.

So the definition is expanded once, between ``FIRST_ZONE_YEAR`` and ``LAST_ZONE_YEAR`` and at
most ``MAX_TRANSITIONS`` clock changes (``icsscan`` has already refused definitions no calendar
program writes), and handed to the standard library as a TZif file (RFC 8536): every lookup
is then a binary search in C, with the usual answers for gaps and repeated hours.
"""

from __future__ import annotations

import io
import re
import struct
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import Component

from core.calendar.icsscan import FIRST_ZONE_YEAR
from core.errors import KnownError

LAST_ZONE_YEAR = 2200  # clock changes after this are not expanded (the last offset holds)
MAX_TRANSITIONS = 20_000  # real zones: two a year, about 1,200 from 1601
_EPOCH = datetime(1970, 1, 1)
_UNTIL = re.compile(r"UNTIL=(\d{8})(?:T(\d{6})(Z?))?", re.IGNORECASE)


def file_zone(component: Component) -> ZoneInfo:
    """The VTIMEZONE ``component`` as a zone; ``KnownError`` naming it when it cannot be."""
    tzid = str(component.get("TZID", "")).strip()
    # (UTC instant, offset before, offset after, daylight, name)
    changes: list[tuple[datetime, timedelta, timedelta, bool, str]] = []
    for part in component.subcomponents:
        if part.name not in ("STANDARD", "DAYLIGHT"):
            continue
        try:
            before, after = part["TZOFFSETFROM"].td, part["TZOFFSETTO"].td
            start = part["DTSTART"].dt
        except (KeyError, AttributeError) as exc:
            raise KnownError(f"the time zone {tzid!r} defined in the file cannot be read: "
                             f"{part.name} lacks {exc}") from None
        if not isinstance(start, datetime):
            start = datetime(start.year, start.month, start.day)
        start = start.replace(tzinfo=None)
        name = str(part.get("TZNAME", "") or "")
        for local in _local_times(part, start, before, tzid):
            changes.append((local - before, before, after, part.name == "DAYLIGHT", name))
            if len(changes) > MAX_TRANSITIONS:
                raise KnownError(f"the time zone {tzid!r} defined in the file changes the "
                                 f"clock more than {MAX_TRANSITIONS} times; at most that many "
                                 "can be read")
    if not changes:
        raise KnownError(f"the time zone {tzid!r} defined in the file has no STANDARD or "
                         "DAYLIGHT part")
    changes.sort(key=lambda change: change[0])
    return ZoneInfo.from_file(io.BytesIO(_tzif(changes)), key=tzid or None)


def _naive(value: object) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime(value.year, value.month, value.day)  # type: ignore[attr-defined]


def _local_times(part: Component, start: datetime, before: timedelta,
                 tzid: str) -> list[datetime]:
    """When this part's offset begins, in the wall-clock time before it (DTSTART, its RRULE
    and RDATEs), within the years expanded."""
    found = [start]
    rules = part.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        text = _until_local(rule.to_ical().decode(), before)
        try:
            for moment in rrulestr(text, dtstart=start):
                if moment.year > LAST_ZONE_YEAR or len(found) > MAX_TRANSITIONS:
                    break
                found.append(moment)
        except (ValueError, TypeError, OverflowError) as exc:
            raise KnownError(f"the time zone {tzid!r} defined in the file has a rule that "
                             f"cannot be read: {exc}") from None
    dates = part.get("RDATE")
    for group in dates if isinstance(dates, list) else [dates] if dates is not None else []:
        for item in getattr(group, "dts", []):
            value = item.dt[0] if isinstance(item.dt, tuple) else item.dt
            found.append(_naive(value) if not getattr(value, "tzinfo", None)
                         else value.replace(tzinfo=None) + before)
    return [moment for moment in found if FIRST_ZONE_YEAR <= moment.year <= LAST_ZONE_YEAR]


def _until_local(rule: str, before: timedelta) -> str:
    """The rule with UNTIL in the same (floating, wall-clock) terms as its DTSTART: Apple and
    Outlook write a UTC UNTIL (``…T100000Z``), which dateutil refuses beside a floating start."""
    def local(match: re.Match[str]) -> str:
        day, clock, utc = match[1], match[2] or "235959", match[3]
        moment = datetime.strptime(day + clock, "%Y%m%d%H%M%S")
        if utc:
            moment += before
        return f"UNTIL={moment:%Y%m%dT%H%M%S}"
    return _UNTIL.sub(local, rule)


def _tzif(changes: list[tuple[datetime, timedelta, timedelta, bool, str]]) -> bytes:
    """A version-2 TZif file: the offset before the first change, then each change."""
    types: list[tuple[int, bool, str]] = []
    kinds: dict[tuple[int, bool, str], int] = {}

    def kind(offset: timedelta, dst: bool, name: str) -> int:
        key = (int(offset.total_seconds()), dst, _abbreviation(name, offset))
        if key not in kinds:
            kinds[key] = len(types)
            types.append(key)
        return kinds[key]

    kind(changes[0][1], False, "")  # type 0: before the first change
    times: list[int] = []
    indices: list[int] = []
    for moment, _, offset, dst, name in changes:
        seconds = int((moment - _EPOCH).total_seconds())
        index = kind(offset, dst, name)
        if times and times[-1] == seconds:  # two parts at one instant: the later one wins
            indices[-1] = index
        else:
            times.append(seconds)
            indices.append(index)
    if len(types) > 255:
        raise KnownError("the time zone defined in the file has more than 255 different "
                         "offsets; at most 255 can be read")
    names = b""
    positions: list[int] = []
    for _, _, abbreviation in types:
        positions.append(len(names))
        names += abbreviation.encode("ascii") + b"\0"
    body = (struct.pack(f">{len(times)}q", *times) + bytes(indices)
            + b"".join(struct.pack(">lbB", seconds, dst, where)
                       for (seconds, dst, _), where in zip(types, positions, strict=True))
            + names)
    header = struct.pack(">4sc15x6l", b"TZif", b"2", 0, 0, 0, len(times), len(types),
                         len(names))
    empty = struct.pack(">4sc15x6l", b"TZif", b"2", 0, 0, 0, 0, 1, 1) + b"\0\0\0\0\0\0\0"
    return empty + header + body + b"\n\n"


def _abbreviation(name: str, offset: timedelta) -> str:
    """TZNAME when it is a short ASCII name, else the offset ("+0530")."""
    if re.fullmatch(r"[A-Za-z+\-0-9]{3,6}", name):
        return name
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
