"""Reading an .ics file whose one part icalendar refuses: the other parts are still read.

Why: icalendar reads a VEVENT leniently (a bad value is recorded on the event) but gives up
on the whole file when any other part has one — a VFREEBUSY whose period ends before it starts
(Google's free/busy export), a VTODO with an empty ``PRIORITY`` (DAVx5/jtx Board), a
VTIMEZONE with an empty ``TZID`` (ical4j's samples), a VALARM inside an event, a parameter
with an unquoted comma. Real calendars carry such parts beside hundreds of good events, and
refusing the file for them broke the rule that one bad event must not block the others.

So when the whole file cannot be read, it is cut into its top-level components (each with
its calendar's own properties) and each is read alone: an event that still cannot be read is
skipped with its line and reason; an event whose reminder (VALARM) cannot be read is read
without it, and the import says so; any other part that cannot be read (a to-do, a free/busy
list, a time-zone definition) is left out with a note — an event in a zone whose definition
was left out is then placed by its TZID, or skipped for it, as usual.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from icalendar import Calendar, Component

log = logging.getLogger("attache.calendar.ics")

# What icalendar raises on a value or a line it cannot read (AttributeError: a parameter
# value that is a list where it expects text).
PARSE_ERRORS = (ValueError, IndexError, KeyError, TypeError, AttributeError, OverflowError)
# The lines a post is made of: an event whose one unreadable line is one of these is skipped.
NEEDED = frozenset({"DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE", "RECURRENCE-ID", "UID",
                    "SUMMARY", "DESCRIPTION", "STATUS", "CATEGORIES", "URL"})
MAX_SEARCHED = 200  # unreadable events searched for their one bad line (each: a parse a line)


@dataclass
class Unreadable:
    """A VEVENT icalendar could not read even alone: why, and where it begins."""

    line: int
    reason: str


@dataclass
class Recovered:
    """The file read part by part: each calendar's VEVENTs in file order (an ``Unreadable``
    for each that cannot be read), the readable other parts, and what was left out."""

    calendars: list[Calendar]
    events: list[Component | Unreadable]
    notes: list[str] = field(default_factory=list)
    # The first line of each event whose reminder had to be left out, and why.
    alarm_dropped: dict[int, str] = field(default_factory=dict)
    # The first line of each event read without one of its lines, and the note saying so.
    line_dropped: dict[int, str] = field(default_factory=dict)


@dataclass
class _Piece:
    name: str
    begin: int  # the physical line of its BEGIN
    lines: list[str]
    numbers: list[int] = field(default_factory=list)  # the physical line of each of lines


def read_parts(text: str) -> Recovered:
    """Every top-level component of ``text`` read on its own (see the module docstring)."""
    recovered = Recovered([], [])
    searched = 0
    for header, pieces in _calendars(text):
        calendar = Calendar.from_ical("\r\n".join(
            ["BEGIN:VCALENDAR", *header, "END:VCALENDAR"]))
        for piece in pieces:
            component, problem = _read(header, piece.lines)
            if component is None and piece.name == "VEVENT":
                component, _ = _read(header, _without_subcomponents(piece.lines))
                if component is not None:
                    recovered.alarm_dropped[piece.begin] = problem
                elif searched < MAX_SEARCHED:
                    searched += 1
                    component, problem = _without_bad_line(header, piece, problem, recovered)
            if component is not None:
                calendar.add_component(component)
                if piece.name == "VEVENT":
                    recovered.events.append(component)
            elif piece.name == "VEVENT":
                recovered.events.append(Unreadable(piece.begin, problem))
            else:
                recovered.notes.append(f"the {piece.name} at line {piece.begin} cannot be read "
                                       f"({problem}) and was left out")
        recovered.calendars.append(calendar)
    return recovered


def _without_bad_line(header: list[str], piece: _Piece, problem: str,
                      recovered: Recovered) -> tuple[Component | None, str]:
    """The event read without the one line that icalendar cannot read, when that line is not
    one a post needs (a LOCATION with an unquoted comma in a parameter, an ATTENDEE): the
    event is imported without it, with a note. Else the event stays unreadable, and the
    reason names that line."""
    for index in range(1, len(piece.lines) - 1):
        line = piece.lines[index]
        rest = piece.lines[:index] + piece.lines[index + 1:]
        component, _ = _read(header, rest)
        if component is None:
            continue
        name = _word(line)
        number = piece.numbers[index]
        if name in NEEDED or name in ("BEGIN", "END"):
            return None, f"its {name} line (line {number}) cannot be read ({problem})"
        recovered.line_dropped[piece.begin] = (f"its {name} line (line {number}) cannot be "
                                               f"read ({problem}) and was left out")
        return component, ""
    return None, problem


def _read(header: list[str], lines: list[str]) -> tuple[Component | None, str]:
    try:
        wrapper = Calendar.from_ical("\r\n".join(
            ["BEGIN:VCALENDAR", *header, *lines, "END:VCALENDAR"]))
    except PARSE_ERRORS as exc:
        log.info("a part of a calendar file: %r", exc)
        return None, str(exc) or type(exc).__name__
    if not wrapper.subcomponents:
        return None, "it is empty"
    return wrapper.subcomponents[0], ""


def _without_subcomponents(lines: list[str]) -> list[str]:
    """A component's lines with its nested components (VALARM …) taken out."""
    kept: list[str] = []
    depth = 0
    for line in lines:
        word = _word(line)
        if word == "BEGIN":
            depth += 1
        if depth <= 1:
            kept.append(line)
        if word == "END":
            depth -= 1
    return kept


def _calendars(text: str) -> list[tuple[list[str], list[_Piece]]]:
    """Each VCALENDAR's own property lines and its top-level components, as unfolded lines.

    Folded lines are kept folded (with their continuation lines) so icalendar reads each
    part exactly as it would have read the whole file.
    """
    found: list[tuple[list[str], list[_Piece]]] = []
    header: list[str] = []
    pieces: list[_Piece] = []
    current: _Piece | None = None
    depth = 0
    for number, line in _logical(text):
        word = _word(line)
        value = line.partition(":")[2].strip().upper()
        if depth == 0:
            if word == "BEGIN" and value == "VCALENDAR":
                header, pieces, depth = [], [], 1
            continue
        if depth == 1 and word == "END" and value == "VCALENDAR":
            found.append((header, pieces))
            depth = 0
            continue
        if depth == 1 and word == "BEGIN":
            current = _Piece(value, number, [])
            pieces.append(current)
        if depth == 1 and current is None:
            header.append(line)
        elif current is not None:
            current.lines.append(line)
            current.numbers.append(number)
        if word == "BEGIN":
            depth += 1
        elif word == "END":
            depth -= 1
            if depth == 1:
                current = None
    if depth:  # no END:VCALENDAR: what was read still counts
        found.append((header, pieces))
    return found


def _logical(text: str) -> list[tuple[int, str]]:
    """(first physical line, the line with its continuation lines, still folded)."""
    found: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and found:
            start, previous = found[-1]
            found[-1] = (start, previous + "\r\n" + raw)
        elif raw.strip():
            found.append((number, raw))
    return found


def _word(line: str) -> str:
    head = line.split(":", 1)[0].split(";", 1)[0]
    return head.strip().upper()
