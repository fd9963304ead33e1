"""The plan as iCalendar (RFC 5545): export for Outlook/Google/Apple, import back.

Officers keep their personal calendars in Outlook or Google; the .ics export puts planned posts
and observances there, and the import takes edits (or a colleague's export) back in.

How the export maps to RFC 5545, so our own import can undo it exactly:

- A post is a VEVENT whose UID is the post's stable ``uid``. ``SEQUENCE`` is ``version - 1``
  (a new post, version 1, is SEQUENCE 0 as RFC 5545 §3.8.7.4 expects for a first version).
  ``DESCRIPTION`` is the body, then — only when set — a trailer after a ``-- `` line with
  ``Owner: …`` and ``Notes: …`` (notes last: they may span lines). ``CATEGORIES`` are the
  campaign and ``status:<status>``; ``STATUS`` is CONFIRMED (approved, scheduled, published),
  CANCELLED (cancelled) or TENTATIVE. Timed posts carry ``DTSTART;TZID=<IANA zone>`` and the
  calendar gets the matching VTIMEZONE from ``Calendar.add_missing_timezones()`` (built from the
  tz database); posts planned in UTC are written with ``Z``. ``DTEND`` is start + duration and is
  left out for a post without a duration (RFC 5545: the event then ends where it starts).
  All-day posts are ``VALUE=DATE`` with ``DTEND`` the next day (DTEND is exclusive).
  ``X-ATTACHE-*`` properties keep what RFC 5545 has no place for (post id, status, channels,
  campaign, version, zone — all-day posts have one too —, linked observance key). Posts get
  no alarm: reminders about one's own posts belong to the app, not to every calendar the file
  is shared with.
- An observance occurrence is an all-day, TRANSPARENT VEVENT with UID
  ``observance-<key>-<YYYY-MM-DD>@attache`` and a DISPLAY VALARM ``TRIGGER:-P<lead_days>D``:
  the "prepare by" reminder.

- A recurring post's RRULE has UNTIL in UTC (RFC 5545 §3.3.10: DTSTART has a zone), or a DATE
  for all-day posts; its exception dates are EXDATE (with the post's TZID), and a post that
  replaces one occurrence (``<series UID>;RECURRENCE-ID=<when>``, made by the import) is written
  back as a VEVENT with the series' UID and that RECURRENCE-ID — an EXDATE is not written for it.

Reading (this module) keeps every event's line and refuses what cannot be placed in time;
``core.calendar.icsimport`` merges the events into the plan by UID (never by the numeric id,
which differs between databases). Google and Outlook drop ``X-`` properties, so the CATEGORIES
and the DESCRIPTION trailer are read too.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vBroken, vRecur

from core.calendar import icsparts, icsscan, recurrence
from core.calendar.filezone import file_zone
from core.calendar.imports import ImportRejected, ImportReport, RejectedEntry
from core.calendar.timezones import equivalent_zone, zone
from core.errors import KnownError
from core.storage.text import storable, storable_fields

log = logging.getLogger("attache.calendar.ics")

PRODID = "-//Attaché//Content calendar//EN"
OBSERVANCE_PREFIX = "observance-"
OBSERVANCE_SUFFIX = "@attache"
TRAILER = "\n\n-- \n"  # separates the body from the Owner:/Notes: lines in DESCRIPTION
CONFIRMED = frozenset({"approved", "scheduled", "published"})
UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Zulu", "Zulu", "Universal",
                       "Etc/Universal", "GMT", "Etc/GMT", "Etc/GMT0", "GMT0", "Greenwich"})
GENERATED_SUFFIX = "@generated.attache"  # the UID of an event the file gave none
OVERRIDE = ";RECURRENCE-ID="
MAX_ZONE_MATCHES = 100  # zone-and-year matches to IANA zones per file (each ~10-50 ms)
_OVERRIDE_UID = re.compile(r"^(?P<uid>.+);RECURRENCE-ID=(?P<rid>\d{8}(?:T\d{6}Z)?)$")


def override_uid(uid: str, recurrence_id: date | datetime) -> str:
    """The UID of the post that replaces one occurrence of series ``uid``."""
    return f"{uid}{OVERRIDE}{rid_text(recurrence_id)}"


def split_override_uid(uid: str) -> tuple[str, str | None]:
    """(series UID, RECURRENCE-ID value) of an override post; (uid, None) for any other."""
    match = _OVERRIDE_UID.match(uid)
    return (match["uid"], match["rid"]) if match else (uid, None)


def rid_text(value: date | datetime) -> str:
    """A RECURRENCE-ID as written in an override's UID: a date, or a UTC date-time."""
    if isinstance(value, datetime):
        return f"{value.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    return f"{value:%Y%m%d}"


def _rid_value(text: str) -> date | datetime:
    if "T" in text:
        return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return datetime.strptime(text, "%Y%m%d").date()


# ------------------------------------------------------------------------------ export

def export_ics(posts: list[dict], occurrences: list[dict], *,
               calendar_name: str = "Attaché plan") -> bytes:
    """An RFC 5545 calendar of ``list_posts`` dicts and ``list_occurrences`` dicts."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name)
    stamp = datetime.now(UTC).replace(microsecond=0)
    keys = {o["id"]: o["key"] for o in occurrences}
    replaced: dict[str, set[str]] = {}  # series UID → RECURRENCE-IDs written as overrides
    for post in posts:
        series, rid = split_override_uid(post["uid"])
        if rid:
            replaced.setdefault(series, set()).add(rid)
    for post in posts:
        calendar.add_component(_post_event(post, stamp, keys, replaced.get(post["uid"], set())))
    for occurrence in occurrences:
        calendar.add_component(_observance_event(occurrence, stamp))
    # VTIMEZONEs for every TZID used, from the tz database; a window around the plan keeps
    # them short (the default window starts in 1970).
    starts = [_start_of(p) for p in posts if not p["all_day"]]
    if starts:
        first = min(starts).date() - timedelta(days=366)
        last = max(starts).date() + timedelta(days=3 * 366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def _start_of(post: dict) -> datetime:
    return datetime.fromisoformat(post["start"]).astimezone(zone(post["tz"]))


def _post_event(post: dict, stamp: datetime, observance_keys: dict[int, str],
                replaced: set[str]) -> Event:
    event = Event()
    series, rid = split_override_uid(post["uid"])
    event.add("uid", series)
    if rid:
        event.add("recurrence-id", _rid_value(rid))
    event.add("dtstamp", stamp)
    event.add("sequence", max(int(post["version"]) - 1, 0))
    event.add("summary", post["title"])
    if post["all_day"]:
        day = date.fromisoformat(post["start"][:10])
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
    else:
        start = _start_of(post)
        event.add("dtstart", start)
        if post.get("duration_minutes"):
            event.add("dtend", start + timedelta(minutes=post["duration_minutes"]))
    description = description_text(post.get("body") or "", post.get("owner"), post.get("notes"))
    if description:
        event.add("description", description)
    status = post["status"]
    event.add("status", "CONFIRMED" if status in CONFIRMED
              else "CANCELLED" if status == "cancelled" else "TENTATIVE")
    categories = [c for c in (post.get("campaign"), f"status:{status}") if c]
    event.add("categories", categories)
    if post.get("item_url"):
        event.add("url", post["item_url"])
    if post.get("rrule"):
        rule = recurrence.export_rule(post["rrule"], all_day=post["all_day"], tz=post["tz"])
        event.add("rrule", vRecur.from_ical(rule))
        skipped = _exdates(post, replaced)
        if skipped:
            event.add("exdate", skipped)
    event.add("x-attache-post-id", str(post["id"]))
    event.add("x-attache-status", status)
    event.add("x-attache-channels", ";".join(str(c) for c in post.get("channels") or []))
    event.add("x-attache-campaign", post.get("campaign") or "")
    event.add("x-attache-version", str(post["version"]))
    event.add("x-attache-tz", post["tz"])  # all-day posts have a zone too; DATE values do not
    key = observance_keys.get(post.get("observance_id"))
    if key:
        event.add("x-attache-observance", key)
    return event


def _exdates(post: dict, replaced: set[str]) -> list[date | datetime]:
    """The post's exception dates as EXDATE values, less the occurrences an override in the
    same file replaces (RFC 5545: the override says it; an EXDATE would hide it)."""
    values: list[date | datetime] = []
    for value in recurrence.parse_exdates(post.get("exdates")):
        found: list[date | datetime] = [value]
        if isinstance(value, datetime):
            found = [value.date() if post["all_day"] else value.replace(tzinfo=zone(post["tz"]))]
        elif not post["all_day"]:
            # A whole day off a timed series (another program's EXDATE;VALUE=DATE): written
            # as that day's occurrence, since readers refuse a DATE beside a zoned DTSTART.
            found = recurrence.on_day(post["rrule"], _start_of(post), value)
        values += [v for v in found if rid_text(v) not in replaced]
    return values


def description_text(body: str, owner: str | None, notes: str | None) -> str:
    """The DESCRIPTION of a post: its body, then an Owner:/Notes: trailer when there is one."""
    extra = [f"Owner: {owner}" if owner else "", f"Notes: {notes}" if notes else ""]
    trailer = "\n".join(e for e in extra if e)
    return f"{body}{TRAILER}{trailer}" if trailer else body


def split_description(text: str) -> tuple[str, str | None, str | None, bool]:
    """(body, owner, notes, had_trailer): the inverse of ``description_text``."""
    head, sep, tail = text.rpartition(TRAILER)
    if not sep or not tail.startswith(("Owner: ", "Notes: ")):
        return text, None, None, False
    owner = notes = None
    if tail.startswith("Owner: "):
        first, _, rest = tail.partition("\n")
        owner = first[len("Owner: "):]
        tail = rest
    if tail.startswith("Notes: "):
        notes = tail[len("Notes: "):]
    return head, owner, notes, True


def observance_uid(key: str, day: str) -> str:
    return f"{OBSERVANCE_PREFIX}{key}-{day}{OBSERVANCE_SUFFIX}"


def _observance_event(occurrence: dict, stamp: datetime) -> Event:
    event = Event()
    first = date.fromisoformat(occurrence["date"])
    last = date.fromisoformat(occurrence["end"])
    event.add("uid", observance_uid(occurrence["key"], occurrence["date"]))
    event.add("dtstamp", stamp)
    event.add("summary", occurrence["name"])
    event.add("dtstart", first)
    event.add("dtend", last + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("categories", [c for c in (occurrence["category"], occurrence.get("country")) if c])
    lines = [occurrence.get("description") or ""]
    if occurrence.get("estimated"):
        lines.append("Estimated date")
    if occurrence.get("source_url"):
        lines.append(f"Source: {occurrence['source_url']}")
        event.add("url", occurrence["source_url"])
    description = "\n\n".join(line for line in lines if line)
    if description:
        event.add("description", description)
    lead = int(occurrence.get("lead_days") or 0)
    if lead > 0:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Prepare: {occurrence['name']} in {lead} days")
        alarm.add("trigger", timedelta(days=-lead))
        event.add_component(alarm)
    return event


# ------------------------------------------------------------------------------ parsing

@dataclass
class IcsEvent:
    """One VEVENT as plain values. Timed: ``start``/``end`` aware in ``tz``; all-day: dates."""

    uid: str
    summary: str
    description: str
    all_day: bool
    start: datetime | None
    start_date: date | None
    end: datetime | None
    end_date: date | None  # exclusive, as in the file
    tz: str
    rrule: str | None
    categories: list[str]
    url: str | None
    status: str | None  # the RFC 5545 STATUS (TENTATIVE, CONFIRMED, CANCELLED)
    alarm_days: int | None  # days before the start of the first relative VALARM
    attache: dict[str, str]  # X-ATTACHE-* properties, keyed without the prefix: "POST-ID"
    # ``tz``: the zone of timed events (an IANA zone named by TZID or keeping the clock of a
    # zone the file defines, else UTC); for all-day events our X-ATTACHE-TZ, else the
    # importer's default.
    number: int = 0  # 1-based position in the file, for messages
    line: int | None = None  # where its BEGIN:VEVENT is
    # RECURRENCE-ID: this event replaces one occurrence of the series with the same UID.
    # A date (all-day series) or an aware datetime.
    recurrence_id: date | datetime | None = None
    # EXDATE: occurrences of the series that do not happen (dates or aware datetimes).
    exdates: list[date | datetime] = field(default_factory=list)
    floating: bool = False  # a time without a zone, read in the importer's default zone
    generated_uid: bool = False  # the file gave none: made from the event's own lines
    notes: list[str] = field(default_factory=list)  # imported, but something was left out
    sequence: int = 0  # SEQUENCE: of two revisions of one event, the higher is the current
    stamp: datetime | None = None  # DTSTAMP (else LAST-MODIFIED): breaks a SEQUENCE tie

    def __post_init__(self) -> None:
        # Text as the database keeps it (no NUL): the UID finds the saved post again, and an
        # unchanged event compares as unchanged.
        storable_fields(self)
        self.categories = [storable(c) for c in self.categories]
        self.attache = {k: storable(v) for k, v in self.attache.items()}

    def label(self) -> str:
        uid = "generated" if self.generated_uid else self.uid or "?"
        line = f", line {self.line}" if self.line else ""
        return f"event {self.number} (UID {uid}{line})"


# What a post is made of: an event whose line for one of these cannot be read is skipped;
# any other unreadable line is left out with a note.
_NEEDED = icsparts.NEEDED


class EventProblem(ValueError):
    """Why one event cannot be imported; ``line`` is the property's line when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class ParsedCalendar:
    events: list[IcsEvent]
    problems: list[RejectedEntry]  # events that cannot be read, one entry each
    ours: bool  # written by Attaché (our PRODID): its import is all-or-nothing
    notes: list[str] = field(default_factory=list)  # parts of the file that were left out


def parse_ics(data: bytes, *, default_tz: str = "UTC") -> list[IcsEvent]:
    """Every VEVENT in ``data``. Floating times (no zone) are read in ``default_tz``."""
    parsed = read_calendar(data, default_tz)
    if parsed.problems:
        raise ImportRejected("the calendar file cannot be read",
                             ImportReport(errors=list(parsed.problems)))
    return parsed.events


def read_calendar(data: bytes, default_tz: str) -> ParsedCalendar:
    """The readable events, and one problem per event that is not (never a traceback)."""
    data = newlines(data)
    found = icsscan.scan(data)  # line numbers; refuses crafted time zones before expanding
    file_notes: list[str] = []
    alarms_dropped: dict[int, str] = {}
    lines_dropped: dict[int, str] = {}
    try:
        calendars = Calendar.from_ical(data, multiple=True)
        components: list[Event | icsparts.Unreadable] = [
            c for cal in calendars for c in cal.walk("VEVENT")]
    except icsparts.PARSE_ERRORS as exc:
        # One part icalendar cannot read (a free/busy list, a to-do, a reminder): read the
        # others on their own (core.calendar.icsparts).
        try:
            recovered = icsparts.read_parts(data.decode("utf-8", "replace"))
        except icsparts.PARSE_ERRORS:
            recovered = None
        if recovered is None or not recovered.calendars:
            raise KnownError(f"this is not an iCalendar (.ics) file: {exc}") from None
        calendars, components = recovered.calendars, recovered.events
        file_notes, alarms_dropped = recovered.notes, recovered.alarm_dropped
        lines_dropped = recovered.line_dropped
    if not calendars or calendars[0].name != "VCALENDAR":
        raise KnownError("this is not an iCalendar (.ics) file: no BEGIN:VCALENDAR")
    lines = found.events if len(found.events) == len(components) else []
    custom, broken = _file_zones(calendars, found.custom_zones)
    zones = _Zones(custom, floating=found.calendar_zone or default_tz,
                   utc=found.calendar_zone or "UTC", broken=broken)
    events: list[IcsEvent] = []
    problems: list[RejectedEntry] = []
    generated: dict[str, int] = {}
    for number, component in enumerate(components, start=1):
        where = lines[number - 1] if lines else None
        if isinstance(component, icsparts.Unreadable):
            problems.append(RejectedEntry.of(
                f"event {number} (UID ?, line {component.line})",
                ValueError(component.reason if component.reason.startswith("its ")
                           else f"it cannot be read ({component.reason})")))
            continue
        uid = str(component.get("uid", "") or "").strip()
        label_uid = uid or "generated"
        try:
            event = _event(component, number, where, zones)
            if event.line in alarms_dropped:
                event.notes.append(f"its reminder (VALARM) cannot be read "
                                   f"({alarms_dropped[event.line]}) and was left out")
            if event.line in lines_dropped:
                event.notes.append(lines_dropped[event.line])
            if not event.uid:
                event.uid = _generated_uid(component, generated)
                event.generated_uid = True
            events.append(event)
        except EventProblem as exc:
            line = exc.line or (where.begin if where else None)
            at = f", line {line}" if line else ""
            problems.append(RejectedEntry.of(f"event {number} (UID {label_uid}{at})", exc))
        except (ValueError, TypeError, AttributeError, KeyError, IndexError,
                OverflowError) as exc:  # icalendar on a value it half-read: still one event
            log.info("event %d of a calendar file: %r", number, exc)
            at = f", line {where.begin}" if where else ""
            problems.append(RejectedEntry.of(f"event {number} (UID {label_uid}{at})",
                                             ValueError(f"it cannot be read ({exc})")))
    return ParsedCalendar(events, problems, ours=found.prodid == PRODID, notes=file_notes)


def newlines(data: bytes) -> bytes:
    """Lines ended by a lone CR (Lotus Notes, classic Mac OS programs) as CRLF: icalendar
    reads such a file as one line and found no BEGIN:VCALENDAR in it."""
    if b"\r" in data and b"\r\n" not in data:
        return data.replace(b"\r", b"\r\n")
    return data


def _generated_uid(component: Event, seen: dict[str, int]) -> str:
    """A UID for an event the file gave none (Thunderbird and khal write such events): made
    from its own lines, so importing the same file again finds the same posts."""
    parts = [component[name].to_ical() if not isinstance(component.get(name), list)
             else b"|".join(p.to_ical() for p in component[name])
             for name in ("DTSTART", "DTEND", "DURATION", "SUMMARY", "RRULE", "RECURRENCE-ID")
             if component.get(name) is not None]
    digest = hashlib.sha256(b"\x00".join(parts)).hexdigest()[:32]
    seen[digest] = seen.get(digest, 0) + 1
    suffix = f"-{seen[digest]}" if seen[digest] > 1 else ""  # two identical events
    return f"{digest}{suffix}{GENERATED_SUFFIX}"


@dataclass
class _Zones:
    """How this file's times are placed: zones it defines itself (by TZID), the zone of its
    floating times and the planning zone of its UTC ones (X-WR-TIMEZONE, else the officer's
    zone and UTC)."""

    custom: dict[str, tzinfo]
    floating: str
    utc: str
    # TZID → why the file's definition of it cannot be read (its events are skipped).
    broken: dict[str, str] = field(default_factory=dict)
    # (TZID, year) → the IANA zone that keeps the custom zone's clock, or None.
    equivalents: dict[tuple[str, int], str | None] = field(default_factory=dict)

    def equivalent(self, tzid: str, year: int) -> str | None:
        """Matched once per zone and year, and at most ``MAX_ZONE_MATCHES`` times a file (a
        crafted file can place its times in thousands of years); past that, the nearest year
        matched for the zone answers."""
        key = (tzid, year)
        if key not in self.equivalents:
            if len(self.equivalents) < MAX_ZONE_MATCHES:
                self.equivalents[key] = equivalent_zone(self.custom[tzid], year, tzid)
            else:
                years = [y for (t, y) in self.equivalents if t == tzid]
                if not years:
                    return None
                return self.equivalents[(tzid, min(years, key=lambda y: abs(y - year)))]
        return self.equivalents[key]


def _file_zones(calendars: list[Calendar],
                custom: set[str]) -> tuple[dict[str, tzinfo], dict[str, str]]:
    """Zones the file defines whose TZID names no known zone, built for this file alone
    (icalendar's own cache would lend one file's definition to the next), and why each one
    that cannot be built cannot: only the events in that zone are skipped for it. A
    definition without a TZID (Zimbra writes an empty one) names nothing and is ignored."""
    zones: dict[str, tzinfo] = {}
    broken: dict[str, str] = {}
    for calendar in calendars:
        for component in calendar.walk("VTIMEZONE"):
            tzid = str(component.get("TZID", "")).strip()
            if tzid and tzid in custom and tzid not in zones:
                try:
                    zones[tzid] = file_zone(component)
                    broken.pop(tzid, None)
                except KnownError as exc:
                    broken[tzid] = str(exc)
                except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
                    broken[tzid] = (f"the time zone {tzid!r} defined in the file cannot be "
                                    f"read: {exc}")
    return zones, broken


def _line(where: icsscan.EventLines | None, name: str, index: int = 0) -> int | None:
    if where is None:
        return None
    found = where.of(name)
    return found[index] if len(found) > index else None


def _single(component: Event, name: str, where: icsscan.EventLines | None) -> object:
    value = component.get(name)
    if isinstance(value, list):
        lines = ", ".join(str(n) for n in (where.of(name) if where else []))
        raise EventProblem(f"it has {len(value)} {name} lines"
                           + (f" (lines {lines})" if lines else "")
                           + "; RFC 5545 allows one", _line(where, name, 1))
    return value


def _event(component: Event, number: int, where: icsscan.EventLines | None,
           zones: _Zones) -> IcsEvent:
    notes: list[str] = []
    _repair_rrule(component)
    for name, message in getattr(component, "errors", None) or []:
        if name == "EXDATE" and _empty(component, name):
            notes.append("an empty EXDATE line was ignored (it excludes no occurrence)")
            continue
        if name and (name in _NEEDED or name.startswith("X-ATTACHE-")):
            raise EventProblem(f"bad {name}: {message}", _line(where, name))
        # A line the post does not need (CREATED, DTSTAMP, SEQUENCE, GEO, an attendee, an
        # extra date, a line a program forgot to fold): left out, and the import says so.
        at = f" (line {_line(where, name)})" if name and _line(where, name) else ""
        notes.append(f"its {name} line{at} cannot be read ({message}) and was left out"
                     if name else f"a line cannot be read and was left out: {message}")
    for name in ("DTSTART", "DTEND", "DURATION", "UID", "RECURRENCE-ID"):
        _single(component, name, where)
    for name in ("SUMMARY", "DESCRIPTION", "STATUS", "URL"):
        found = component.get(name)
        if isinstance(found, list) and found:  # Meetup, Google invitations: the first one
            lines = ", ".join(str(n) for n in (where.of(name) if where else []))
            notes.append(f"it has {len(found)} {name} lines" + (f" (lines {lines})" if lines
                         else "") + "; the first was used (RFC 5545 allows one)")
            component.pop(name)
            component.add(name, found[0], encode=False)
    uid = str(component.get("uid", "") or "").strip()
    if component.get("dtstart") is None:
        raise EventProblem("it has no start (DTSTART)")
    start, tz, floating = _moment(component["dtstart"], zones,
                                  _line(where, "DTSTART"))
    end: date | datetime | None = None
    if component.get("dtend") is not None:
        end, _, _ = _moment(component["dtend"], zones, _line(where, "DTEND"))
    elif component.get("duration") is not None:
        length = component["duration"].dt
        if not isinstance(length, timedelta):
            raise EventProblem("its DURATION is not a length of time", _line(where, "DURATION"))
        end = start + length
    all_day = not isinstance(start, datetime)
    if end is not None:
        if isinstance(end, datetime) == all_day:
            raise EventProblem("its start and end are not both dates or both times",
                               _line(where, "DTEND") or _line(where, "DURATION"))
        if end < start:
            raise EventProblem("it ends before it starts",
                               _line(where, "DTEND") or _line(where, "DURATION"))
    if not all_day and end is not None:
        end = end.astimezone(start.tzinfo)  # DTEND may name another zone than DTSTART
    rrule = _rrule(component, where)
    attache = {str(name).upper()[len("X-ATTACHE-"):]: str(value)
               for name, value in component.property_items(recursive=False, sorted=False)
               if str(name).upper().startswith("X-ATTACHE-")}
    if all_day:  # a day has no zone in RFC 5545: ours says which; else the officer's own
        tz = icsscan.iana_name(attache.get("TZ", "")) or zones.floating
    status = component.get("status")
    url = component.get("url")
    event = IcsEvent(
        uid=uid, summary=str(component.get("summary", "") or ""),
        description=str(component.get("description", "") or ""), all_day=all_day,
        start=None if all_day else start, start_date=start if all_day else None,
        end=None if all_day else end, end_date=end if all_day else None,
        tz=tz, rrule=rrule, categories=_categories(component),
        url=str(url) if url else None, status=str(status).upper() if status else None,
        alarm_days=_alarm_days(component), attache=attache, number=number,
        line=where.begin if where else None, floating=floating, notes=notes,
        sequence=_sequence(component), stamp=_stamp(component))
    if component.get("recurrence-id") is not None:
        event.recurrence_id, _, _ = _moment(component["recurrence-id"], zones,
                                            _line(where, "RECURRENCE-ID"))
        if str(getattr(component["recurrence-id"], "params", {}).get("RANGE", "")).upper() \
                == "THISANDFUTURE":
            event.notes.append("it changes this and every later occurrence "
                               "(RANGE=THISANDFUTURE); only this occurrence was changed: "
                               "edit the later ones in the series")
    start_tzid = str(component["dtstart"].params.get("TZID", "")).strip()
    if rrule and not all_day and tz == "UTC" and start_tzid in zones.custom and len({
            datetime(start.year, month, 15, tzinfo=UTC).astimezone(
                zones.custom[start_tzid]).utcoffset() for month in (1, 7)}) > 1:
        event.notes.append(f"its time zone {start_tzid!r} (defined in the file) has the clock of "
                           "no known zone, so its times are kept in UTC: the series may move "
                           "by an hour when the clocks change")
    event.exdates = _dates(component, "EXDATE", zones, where)
    rdates = component.get("rdate")  # left out: only counted, so never a reason to skip
    groups = rdates if isinstance(rdates, list) else [] if rdates is None else [rdates]
    extra = [d for group in groups if not isinstance(group, vBroken)
             for d in getattr(group, "dts", [])]
    if extra:
        event.notes.append(f"its {len(extra)} extra date(s) (RDATE) were left out: a post "
                           "repeats by one rule; plan those days as posts of their own")
    return event


def _empty(component: Event, name: str) -> bool:
    """Whether every unreadable ``name`` line of the event is empty (``EXDATE:``), and drops
    those lines so the rest of the event reads as if they were not there."""
    found = component.get(name)
    values = found if isinstance(found, list) else [found]
    broken = [v for v in values if isinstance(v, vBroken)]
    if any(str(v).strip() for v in broken):
        return False
    kept = [v for v in values if not isinstance(v, vBroken)]
    component.pop(name)
    for value in kept:
        component.add(name, value, encode=False)
    return True


def _repair_rrule(component: Event) -> None:
    """An RRULE that icalendar refused only for spaces in it (``BYDAY=MO, TU, WE`` — written
    by hand-made exporters) is read without them; any other unreadable RRULE stays refused."""
    rule = component.get("rrule")
    if not isinstance(rule, vBroken):
        return
    try:
        repaired = vRecur.from_ical(re.sub(r"\s+", "", str(rule)))
    except (ValueError, TypeError):
        return
    component.pop("rrule")
    component.add("rrule", repaired)
    component.errors[:] = [e for e in component.errors if e[0] != "RRULE"]


def _sequence(component: Event) -> int:
    """SEQUENCE, the revision of the event (RFC 5545 §3.8.7.4); 0 when absent or unreadable."""
    value = component.get("sequence")
    try:
        return int(value) if value is not None and not isinstance(value, list) else 0
    except (TypeError, ValueError):
        return 0


def _stamp(component: Event) -> datetime | None:
    """When this revision was written: DTSTAMP, else LAST-MODIFIED (aware), None if neither."""
    for name in ("dtstamp", "last-modified"):
        value = getattr(component.get(name), "dt", None)
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None


def _rrule(component: Event, where: icsscan.EventLines | None) -> str | None:
    rrules = component.get("rrule")
    if isinstance(rrules, list):
        if len(rrules) > 1:
            raise EventProblem("it has more than one RRULE; a post repeats by one rule",
                               _line(where, "RRULE", 1))
        rrules = rrules[0] if rrules else None
    if rrules is None:
        return None
    try:
        return rrules.to_ical().decode()
    except (ValueError, TypeError, AttributeError) as exc:
        raise EventProblem(f"bad RRULE: {exc}", _line(where, "RRULE")) from None


def _dates(component: Event, name: str, zones: _Zones,
           where: icsscan.EventLines | None) -> list[date | datetime]:
    found = component.get(name)
    if found is None:
        return []
    values: list[date | datetime] = []
    for index, group in enumerate(found if isinstance(found, list) else [found]):
        line = _line(where, name, index)
        tzid = group.params.get("TZID") if hasattr(group, "params") else None
        for item in getattr(group, "dts", []):
            value = item.dt
            if isinstance(value, tuple):  # RDATE;VALUE=PERIOD: the start counts
                value = value[0]
            if isinstance(value, datetime):
                value = _placed(value, tzid or item.params.get("TZID"), zones, line)[0]
            elif not isinstance(value, date):
                raise EventProblem(f"bad {name}: not a date or time", line)
            values.append(value)
    return values


def _moment(prop: object, zones: _Zones,
            line: int | None) -> tuple[date | datetime, str, bool]:
    """A DTSTART/DTEND/RECURRENCE-ID value, the zone it is in, and whether it was floating."""
    value = getattr(prop, "dt", None)
    if not isinstance(value, datetime):
        if not isinstance(value, date):
            raise EventProblem(f"not a date or time: {value!r}", line)
        return value, "UTC", False
    params = getattr(prop, "params", {})
    moment, tz, floating = _placed(value, params.get("TZID"), zones, line)
    return moment, tz, floating


def _placed(value: datetime, tzid: str | None, zones: _Zones,
            line: int | None) -> tuple[datetime, str, bool]:
    """``value`` (icalendar's reading) as an aware time and the IANA zone it belongs to.

    The TZID decides, not icalendar's guess: an IANA zone it names (Windows names included)
    is used whatever VTIMEZONE the file has; a zone only the file defines is replaced by the
    IANA zone that keeps the same clock (``equivalent_zone``: a weekly series stays at its
    hour across clock changes), and when none does it gives the instant, kept in UTC; a TZID
    that is neither is refused — never read in the officer's own zone.
    """
    wall = value.replace(tzinfo=None)
    if tzid:
        iana = icsscan.iana_name(tzid)
        if iana:
            return wall.replace(tzinfo=ZoneInfo(iana)), iana, False
        own = zones.custom.get(str(tzid).strip())
        if own is not None:
            same = zones.equivalent(str(tzid).strip(), wall.year)
            if same is not None:
                return wall.replace(tzinfo=ZoneInfo(same)), same, False
            return wall.replace(tzinfo=own).astimezone(UTC), "UTC", False
        if str(tzid).strip() in zones.broken:
            raise EventProblem(zones.broken[str(tzid).strip()], line)
        raise EventProblem(f"its time zone {str(tzid)!r} is neither defined in the file "
                           "(VTIMEZONE) nor a zone Attaché knows, so the time cannot be "
                           "placed", line)
    if value.tzinfo is not None:  # "Z": the instant, in the calendar's zone when it names one
        return value.astimezone(zone(zones.utc)), zones.utc, False
    # Floating time (RFC 5545: "the same hour wherever you are"): the calendar's zone
    # (X-WR-TIMEZONE), else the officer's.
    return wall.replace(tzinfo=zone(zones.floating)), zones.floating, True


def _categories(component: Event) -> list[str]:
    found = component.get("categories")
    if found is None:
        return []
    groups = found if isinstance(found, list) else [found]
    return [str(c) for group in groups for c in getattr(group, "cats", [group])]


def _alarm_days(component: Event) -> int | None:
    for alarm in component.walk("VALARM"):
        trigger = alarm.get("trigger")
        value = getattr(trigger, "dt", None)
        if isinstance(value, timedelta) and value <= timedelta(0):
            return (-value).days
    return None


def normal_rrule(text: str | None) -> str | None:
    """An RRULE in one canonical spelling, so FREQ=WEEKLY;BYDAY=TH;COUNT=2 equals its reorder."""
    if not text:
        return None
    rule = text.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    try:
        return vRecur.from_ical(rule).to_ical().decode()
    except (ValueError, TypeError):
        return rule
