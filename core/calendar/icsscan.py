"""A first, cheap pass over an .ics file: line numbers, time-zone names and the bounds.

Why before icalendar parses it:

- **Line numbers.** icalendar keeps none, and an officer told "event 57 is wrong" cannot find
  it in a 3,000-line export. This pass remembers where each VEVENT and each of its properties
  starts (physical lines, folded continuation lines included).
- **Time zones.** A TZID names the zone the times are in. When it names an IANA zone — directly,
  as a Windows zone name (Outlook and Exchange write "W. Europe Standard Time"; the CLDR
  windowsZones table shipped with icalendar maps them), or inside a "globally unique" TZID
  (libical/Evolution/Thunderbird write ``/mozilla.org/20050126_1/Europe/Berlin``) — that zone is
  used and the file's VTIMEZONE definition is ignored. Only a zone no table knows is built from
  its VTIMEZONE.
- **Bounds.** Building a zone from a VTIMEZONE means expanding its rules; a crafted one (rules
  repeating every second from year 1, thousands of observances) hung the import for minutes.
  Real programs write one STANDARD and one DAYLIGHT part with yearly rules (Outlook, Google,
  Apple, Thunderbird), or a list of dated transitions; a definition past the limits below is
  refused, and the file with it, before anything is expanded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from core.errors import KnownError

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_EVENTS = 50_000  # as many as a spreadsheet import takes
# A zone defined only by the file (its TZID names no known zone):
MAX_ZONE_PARTS = 200  # STANDARD/DAYLIGHT observances in one VTIMEZONE
MAX_ZONE_RULES = 8  # of which repeat by a rule (real ones: 2)
MAX_ZONE_DATES = 2_000  # RDATE values in one VTIMEZONE
MAX_CUSTOM_ZONES = 50
FIRST_ZONE_YEAR = 1583  # the first Gregorian year (Outlook writes 1601)

_WINDOWS = {name.lower(): iana for name, iana in WINDOWS_TO_OLSON.items()}
_NAME = re.compile(r"^([A-Za-z0-9-]+)")


def iana_name(tzid: str | None) -> str | None:
    """The IANA zone a TZID names, or None when none does (see the module docstring)."""
    if not tzid:
        return None
    name = tzid.strip().strip('"').strip()
    for candidate in _candidates(name):
        if _is_zone(candidate):
            return candidate
    return None


def _candidates(name: str) -> list[str]:
    cleaned = name.strip("/")
    found = [cleaned]
    windows = _WINDOWS.get(cleaned.lower())
    if windows:
        found.append(windows)
    if name.startswith("/"):  # /vendor/…/Area/City: the longest known suffix
        parts = cleaned.split("/")
        found += ["/".join(parts[i:]) for i in range(1, len(parts))]
    return found


def unescape_text(value: str) -> str:
    """A TEXT value as meant (RFC 5545 §3.3.11): ``Kuala Lumpur\\, Singapore`` — Outlook 2007
    names zones by their display names and escapes the comma in the VTIMEZONE's TZID, while
    the TZID parameters that refer to it quote it instead."""
    return re.sub(r"\\([\\,;:nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def _is_zone(name: str) -> bool:
    if not name or name.startswith(".") or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


@dataclass
class EventLines:
    """Where one VEVENT is: its BEGIN line and each property's lines, by property name."""

    begin: int
    properties: dict[str, list[int]] = field(default_factory=dict)

    def of(self, name: str) -> list[int]:
        return self.properties.get(name.upper(), [])


@dataclass
class Scan:
    events: list[EventLines]
    custom_zones: set[str]  # TZIDs defined by the file that no table knows
    prodid: str
    # X-WR-TIMEZONE (Google, Apple): the calendar's own zone, for its floating and UTC times.
    calendar_zone: str | None = None


@dataclass
class _Zone:
    tzid: str = ""
    begin: int = 0
    parts: int = 0
    rules: int = 0
    dates: int = 0
    problems: list[str] = field(default_factory=list)


def scan(data: bytes) -> Scan:
    """Line numbers of every VEVENT and its properties; ``KnownError`` past the bounds."""
    if len(data) > MAX_FILE_BYTES:
        raise KnownError(f"the calendar file is {len(data) // (1024 * 1024)} MiB; at most "
                         f"{MAX_FILE_BYTES // (1024 * 1024)} MiB can be imported")
    text = data.decode("utf-8", "replace")
    events: list[EventLines] = []
    zones: list[_Zone] = []
    stack: list[str] = []
    prodid = ""
    calendar_zone: str | None = None
    zone: _Zone | None = None
    for number, line in _logical_lines(text):
        match = _NAME.match(line)
        if not match:
            continue
        name = match[1].upper()
        value = line.partition(":")[2].strip()
        if name == "BEGIN":
            component = value.upper()
            stack.append(component)
            if component == "VEVENT" and stack[:-1] == ["VCALENDAR"]:
                events.append(EventLines(number))
                if len(events) > MAX_EVENTS:
                    raise KnownError(f"the calendar file has more than {MAX_EVENTS} events; "
                                     "import it in parts")
            elif component == "VTIMEZONE":
                zone = _Zone(begin=number)
                zones.append(zone)
            elif component in ("STANDARD", "DAYLIGHT") and zone is not None:
                zone.parts += 1
            continue
        if name == "END":
            if stack:
                if stack.pop() == "VTIMEZONE":
                    zone = None
            continue
        if stack == ["VCALENDAR"] and name == "PRODID":
            prodid = value
        elif stack == ["VCALENDAR"] and name == "X-WR-TIMEZONE":
            calendar_zone = iana_name(value)
        elif stack == ["VCALENDAR", "VEVENT"] and events:
            events[-1].properties.setdefault(name, []).append(number)
        elif zone is not None:
            _zone_line(zone, stack, name, line, value, number)
    custom = _check_zones(zones)
    return Scan(events, custom, prodid, calendar_zone)


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """(first physical line number, unfolded content line) pairs (RFC 5545 §3.1 folding)."""
    found: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and found:
            start, previous = found[-1]
            found[-1] = (start, previous + raw[1:])
        else:
            found.append((number, raw))
    return found


def _zone_line(zone: _Zone, stack: list[str], name: str, line: str, value: str,
               number: int) -> None:
    if name == "TZID" and stack[-1] == "VTIMEZONE":
        zone.tzid = unescape_text(value)
    elif name == "RRULE":
        zone.rules += 1
        freq = re.search(r"FREQ=([A-Z]+)", value.upper())
        if not freq or freq[1] != "YEARLY":
            zone.problems.append(f"line {number}: a time-zone rule repeats "
                                 f"{freq[1] if freq else 'without FREQ'}, not yearly")
        _zone_year(zone, value, number)
    elif name == "RDATE":
        zone.dates += len(value.split(","))
    elif name == "DTSTART":
        _zone_year(zone, value, number)


def _zone_year(zone: _Zone, value: str, number: int) -> None:
    for year in re.findall(r"(?:^|[=,:])(\d{4})\d{4}", value):
        if int(year) < FIRST_ZONE_YEAR:
            zone.problems.append(f"line {number}: a time-zone rule starts in the year "
                                 f"{int(year)}, before the Gregorian calendar ({FIRST_ZONE_YEAR})")


def _check_zones(zones: list[_Zone]) -> set[str]:
    custom: set[str] = set()
    for zone in zones:
        if iana_name(zone.tzid):
            continue  # the IANA zone is used; the file's definition is never expanded
        if not zone.tzid:
            continue  # no event can name it (Zimbra writes such an empty definition)
        custom.add(zone.tzid)
        limits = ((zone.parts, MAX_ZONE_PARTS, "observances (STANDARD/DAYLIGHT)"),
                  (zone.rules, MAX_ZONE_RULES, "repeating rules"),
                  (zone.dates, MAX_ZONE_DATES, "transition dates (RDATE)"))
        for count, limit, what in limits:
            if count > limit:
                zone.problems.append(f"it has {count} {what}; at most {limit}")
        if zone.problems:
            raise KnownError(
                f"the time zone {zone.tzid!r} defined at line {zone.begin} is not one any "
                f"calendar program writes ({zone.problems[0]}), so the file was not imported. "
                "Export it again from the calendar program, or name an IANA zone "
                "(e.g. Asia/Tashkent) in its TZID")
    if len(custom) > MAX_CUSTOM_ZONES:
        raise KnownError(f"the calendar file defines {len(custom)} time zones of its own; at "
                         f"most {MAX_CUSTOM_ZONES}")
    return custom

