"""Three independent readings of every .ics we export: icalendar, vobject and ``ical``.

``ical`` is the strict one: it validates each component against RFC 5545 (pydantic models) and,
when its timeline is walked, refuses a recurrence whose UNTIL is not in UTC while DTSTART has a
zone (§3.3.10) — the mistake the editor's "until" preset used to export.
"""

from __future__ import annotations

import itertools

import vobject
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar


def check_export(data: bytes) -> None:
    """Raise if any of the three parsers refuses ``data`` or its recurrences."""
    calendar = Calendar.from_ical(data)
    assert calendar.get_missing_tzids() == set()  # every TZID has its VTIMEZONE
    for event in calendar.walk("VEVENT"):
        assert not getattr(event, "errors", None), event.errors
    parsed = vobject.readOne(data.decode("utf-8"))
    for event in getattr(parsed, "vevent_list", []):
        if hasattr(event, "rrule"):
            list(itertools.islice(event.getrruleset(), 50))
    strict = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    list(itertools.islice(strict.timeline, 500))  # expands every RRULE, UNTIL checked
