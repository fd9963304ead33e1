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

Import matches posts by UID (never by the numeric id, which differs between databases), changes
only the fields that differ, and validates every event before writing anything. Google and
Outlook drop ``X-`` properties, so the CATEGORIES and the DESCRIPTION trailer are read too.
EXDATE/RDATE/RECURRENCE-ID overrides from other clients are not imported (one RRULE per post).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event, vRecur
from sqlalchemy import select

from core.calendar import observances as observance_store
from core.calendar.imports import ImportRejected, ImportReport
from core.calendar.posts import (
    PostFields,
    create_post,
    find_post_by_uid,
    get_post,
    update_post,
    valid_rrule,  # the post editor's own RRULE check, run before anything is written
)
from core.calendar.timezones import zone
from core.errors import KnownError
from core.storage.database import Database
from core.storage.models import POST_STATUSES, Observance, Source

log = logging.getLogger("attache.calendar.ics")

PRODID = "-//Attaché//Content calendar//EN"
OBSERVANCE_PREFIX = "observance-"
OBSERVANCE_SUFFIX = "@attache"
TRAILER = "\n\n-- \n"  # separates the body from the Owner:/Notes: lines in DESCRIPTION
CONFIRMED = frozenset({"approved", "scheduled", "published"})
UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Zulu", "Zulu", "Universal",
                       "Etc/Universal", "GMT", "Etc/GMT", "Etc/GMT0", "GMT0", "Greenwich"})
_OBSERVANCE_UID = re.compile(r"^observance-(?P<key>.+)-(?P<day>\d{4}-\d{2}-\d{2})@attache$")

OBSERVANCES = Observance.__table__
SOURCES = Source.__table__


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
    for post in posts:
        calendar.add_component(_post_event(post, stamp, keys))
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


def _post_event(post: dict, stamp: datetime, observance_keys: dict[int, str]) -> Event:
    event = Event()
    event.add("uid", post["uid"])
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
        event.add("rrule", vRecur.from_ical(post["rrule"]))
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
    # ``tz``: the TZID for timed events (UTC for "Z" or a zone that is not IANA); for all-day
    # events our X-ATTACHE-TZ, else the importer's default zone.
    number: int = 0  # 1-based position in the file, for messages

    def label(self) -> str:
        return f"event {self.number} (UID {self.uid or '?'})"


def parse_ics(data: bytes, *, default_tz: str = "UTC") -> list[IcsEvent]:
    """Every VEVENT in ``data``. Floating times (no zone) are read in ``default_tz``."""
    events, problems = _parse(data, default_tz)
    if problems:
        raise ImportRejected("the calendar file cannot be read", ImportReport(errors=problems))
    return events


def _parse(data: bytes, default_tz: str) -> tuple[list[IcsEvent], list[str]]:
    """The readable events, and one message per event that is not."""
    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except (ValueError, IndexError, KeyError) as exc:
        raise KnownError(f"this is not an iCalendar (.ics) file: {exc}") from None
    components = [c for cal in calendars for c in cal.walk("VEVENT")]
    if not calendars or calendars[0].name != "VCALENDAR":
        raise KnownError("this is not an iCalendar (.ics) file: no BEGIN:VCALENDAR")
    events, problems = [], []
    for number, component in enumerate(components, start=1):
        try:
            events.append(_event(component, number, default_tz))
        except ValueError as exc:
            uid = str(component.get("uid", "") or "?")
            problems.append(f"event {number} (UID {uid}): {exc}")
    return events, problems


def _event(component: Event, number: int, default_tz: str) -> IcsEvent:
    errors = getattr(component, "errors", None)
    if errors:
        name, message = errors[0]
        raise ValueError(f"bad {name}: {message}")
    uid = str(component.get("uid", "") or "").strip()
    if not uid:
        raise ValueError("it has no UID")
    if component.get("dtstart") is None:
        raise ValueError("it has no start (DTSTART)")
    start, tz = _moment(component["dtstart"], default_tz)
    end: date | datetime | None = None
    if component.get("dtend") is not None:
        end, _ = _moment(component["dtend"], default_tz)
    elif component.get("duration") is not None:
        end = start + component["duration"].dt
    all_day = not isinstance(start, datetime)
    if end is not None:
        if isinstance(end, datetime) == all_day:
            raise ValueError("its start and end are not both dates or both times")
        if end < start:
            raise ValueError("it ends before it starts")
    if not all_day:
        start = start.astimezone(zone(tz))
        end = end.astimezone(zone(tz)) if end is not None else None
    rrules = component.get("rrule")
    if isinstance(rrules, list):
        rrules = rrules[0] if rrules else None
    rrule = rrules.to_ical().decode() if rrules is not None else None
    attache = {str(name).upper()[len("X-ATTACHE-"):]: str(value)
               for name, value in component.property_items(recursive=False, sorted=False)
               if str(name).upper().startswith("X-ATTACHE-")}
    if all_day:  # a day has no zone in RFC 5545: ours says which; else the officer's own
        tz = _iana(attache.get("TZ", "")) or default_tz
    status = component.get("status")
    url = component.get("url")
    return IcsEvent(
        uid=uid, summary=str(component.get("summary", "") or ""),
        description=str(component.get("description", "") or ""), all_day=all_day,
        start=None if all_day else start, start_date=start if all_day else None,
        end=None if all_day else end, end_date=end if all_day else None,
        tz=tz, rrule=rrule, categories=_categories(component),
        url=str(url) if url else None, status=str(status).upper() if status else None,
        alarm_days=_alarm_days(component), attache=attache, number=number)


def _moment(prop: object, default_tz: str) -> tuple[date | datetime, str]:
    """A DTSTART/DTEND value and the IANA zone it is in."""
    value = prop.dt  # type: ignore[attr-defined]
    if not isinstance(value, datetime):
        if not isinstance(value, date):
            raise ValueError(f"not a date or time: {value!r}")
        return value, "UTC"
    tzid = prop.params.get("TZID") if hasattr(prop, "params") else None  # type: ignore[attr-defined]
    iana = _iana(tzid) if tzid else None
    if iana:
        tzinfo = ZoneInfo(iana)
        return (value.replace(tzinfo=tzinfo) if value.tzinfo is None
                else value.astimezone(tzinfo)), iana
    if value.tzinfo is None:
        # Floating time, or a TZID (e.g. a Windows zone name) we cannot place: the officer's
        # own zone is the best guess.
        return value.replace(tzinfo=zone(default_tz)), default_tz
    # "Z", or a custom VTIMEZONE icalendar could resolve: keep the instant, in UTC.
    return value.astimezone(UTC), "UTC"


def _iana(name: str) -> str | None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


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


# ------------------------------------------------------------------------------ import

@dataclass
class _Plan:
    """What the import will do, decided before anything is written."""

    creates: list[tuple[PostFields, str]] = field(default_factory=list)  # (fields, uid)
    updates: list[tuple[int, PostFields, int | None]] = field(default_factory=list)
    observances: dict[str, dict] = field(default_factory=dict)  # key → add_custom arguments
    # Posts linked to an observance this import adds: its id is known only once it is written.
    links: list[tuple[PostFields, str]] = field(default_factory=list)


def import_ics(db: Database, data: bytes, *, default_tz: str) -> ImportReport:
    """Merge an .ics file into the plan; raises ``ImportRejected`` and writes nothing on errors."""
    zone(default_tz)
    events, problems = _parse(data, default_tz)
    report = ImportReport(errors=problems)
    plan = _Plan()
    with db.read() as conn:
        sources = set(conn.execute(select(SOURCES.c.id)).scalars())
        keys = dict(conn.execute(select(OBSERVANCES.c.key, OBSERVANCES.c.id)).all())
    seen: set[str] = set()
    # Observances first, so that posts can link to one this file adds.
    ordered = sorted(events, key=lambda e: not e.uid.startswith(OBSERVANCE_PREFIX))
    for event in ordered:
        if event.uid in seen:
            report.errors.append(f"{event.label()}: the UID appears twice in the file")
            continue
        seen.add(event.uid)
        try:
            if event.uid.startswith(OBSERVANCE_PREFIX):
                _plan_observance(event, keys, plan, report)
            else:
                _plan_post(event, post_with_uid(db, event.uid), sources, keys, plan, report)
        except KnownError as exc:
            report.errors.append(f"{event.label()}: {exc}")
    report.errors.sort(key=lambda e: int(e.split()[1]))  # in file order
    if report.errors:
        raise ImportRejected("the calendar file was not imported", report)
    _apply(db, plan, report)
    log.info("ics import: %d created, %d updated, %d unchanged, %d observances added",
             report.created, report.updated, report.unchanged, report.observances_added)
    return report


def _plan_observance(event: IcsEvent, keys: dict[str, int], plan: _Plan,
                     report: ImportReport) -> None:
    match = _OBSERVANCE_UID.match(event.uid)
    key = match["key"] if match else event.uid[len(OBSERVANCE_PREFIX):]
    own_key = _own_key(key)
    if key in keys or own_key in keys:
        report.unchanged += 1
        return
    if not event.all_day or event.start_date is None:
        raise KnownError("an observance must be a whole-day event")
    days = max(((event.end_date or event.start_date) - event.start_date).days, 1)
    if own_key in plan.observances:  # another year of the same observance
        plan.observances[own_key]["rule"]["dates"].append(event.start_date.isoformat())
        return
    country = next((c for c in event.categories if len(c) == 2 and c.isalpha()), None)
    description, _, _ = event.description.partition("\n\nEstimated date")
    if description.startswith("Source: "):
        description = ""
    description = description.split("\n\nSource: ")[0]
    plan.observances[own_key] = {
        "name": event.summary or key,
        "rule": {"type": "dates", "dates": [event.start_date.isoformat()], "days": days},
        "country": country, "lead_days": event.alarm_days if event.alarm_days is not None else 14,
        "description": description or None, "source_url": event.url, "key": own_key,
    }


def _own_key(key: str) -> str:
    """A pack observance from another database becomes the user's own, under a custom: key
    that the next import of the same file finds again."""
    return key if key.startswith("custom:") else "custom:" + key.replace(":", "-")


def _plan_post(event: IcsEvent, existing: dict | None, sources: set[int],
               keys: dict[str, int], plan: _Plan, report: ImportReport) -> None:
    wanted = _wanted(event, sources, keys, plan, report)
    if not wanted["title"]:
        raise KnownError("it has no title (SUMMARY)")
    if existing is None:
        data = PostFields(**{k: v for k, v in wanted.items() if v is not None})
        data.tz = event.tz
        if not data.status:
            data.status = "idea"
        plan.creates.append((data, event.uid))
        _link_later(event, data, plan)
        return
    changed = _differences(wanted, existing)
    if not changed:
        report.unchanged += 1
        return
    version = event.attache.get("VERSION", "").strip()
    base = int(version) if version.isdigit() else None
    if base is not None and base != existing["version"]:
        raise KnownError(
            f"post {existing['id']} was changed in Attaché since this file was exported "
            f"(file: version {base}, now version {existing['version']}); export again and "
            f"redo the edit ({', '.join(sorted(changed))})")
    data = PostFields(**changed)
    plan.updates.append((existing["id"], data, base))
    _link_later(event, data, plan)


def _link_later(event: IcsEvent, data: PostFields, plan: _Plan) -> None:
    key = event.attache.get("OBSERVANCE")
    if key and _own_key(key) in plan.observances:
        plan.links.append((data, _own_key(key)))


def _wanted(event: IcsEvent, sources: set[int], keys: dict[str, int], plan: _Plan,
            report: ImportReport) -> dict[str, object]:
    """The post fields the event states; ``None`` means "the event does not say"."""
    ours = bool(event.attache) or any(c.startswith("status:") for c in event.categories)
    status = event.attache.get("STATUS") or next(
        (c[len("status:"):] for c in event.categories if c.startswith("status:")), None)
    if status is None and event.status == "CANCELLED":
        status = "cancelled"
    if status is not None and status not in POST_STATUSES:
        raise KnownError(f"unknown status {status!r}; one of {', '.join(POST_STATUSES)}")
    body, owner, notes, had_trailer = split_description(event.description)
    if "CAMPAIGN" in event.attache:
        campaign: str | None = event.attache["CAMPAIGN"]
    elif ours:
        campaign = next((c for c in event.categories if not c.startswith("status:")), "")
    else:
        campaign = None
    channels: list[int] | None = None
    if "CHANNELS" in event.attache:
        channels = []
        for part in filter(None, (p.strip() for p in event.attache["CHANNELS"].split(";"))):
            if not part.isdigit():
                raise KnownError(f"channel {part!r} is not a source id")
            if int(part) in sources:
                channels.append(int(part))
            else:
                report.warnings.append(f"{event.label()}: source {part} is not in this "
                                       "database; the post was imported without that channel")
    observance_id = None
    key = event.attache.get("OBSERVANCE")
    if key:
        observance_id = keys.get(key) or keys.get(_own_key(key))
        if observance_id is None and _own_key(key) not in plan.observances:
            report.warnings.append(f"{event.label()}: observance {key!r} is not in this "
                                   "database; the post was imported without the link")
    rrule = normal_rrule(event.rrule) or ""
    if rrule:
        valid_rrule(rrule)
    duration = None
    if not event.all_day:
        duration = int((event.end - event.start) // timedelta(minutes=1)) if event.end else 0
    return {
        "title": event.summary.strip(), "body": body, "status": status,
        "at": event.start, "day": event.start_date,
        "tz": event.tz if not event.all_day or "TZ" in event.attache else None,
        "duration_minutes": duration, "channels": channels, "campaign": campaign,
        "observance_id": observance_id, "owner": (owner or "") if ours or had_trailer else None,
        "notes": (notes or "") if ours or had_trailer else None, "rrule": rrule,
    }


def _differences(wanted: dict[str, object], post: dict) -> dict[str, object]:
    """The ``PostFields`` arguments whose value differs from the saved ``post``."""
    changed: dict[str, object] = {}
    for name in ("title", "body", "status", "owner", "notes", "campaign"):
        value = wanted[name]
        if value is not None and value != (post[name] or ""):
            changed[name] = value
    if wanted["rrule"] != (normal_rrule(post["rrule"]) or ""):
        changed["rrule"] = wanted["rrule"]
    if wanted["channels"] is not None and sorted(wanted["channels"]) != post["channels"]:
        changed["channels"] = wanted["channels"]
    if wanted["observance_id"] is not None and wanted["observance_id"] != post["observance_id"]:
        changed["observance_id"] = wanted["observance_id"]
    if wanted["day"] is not None:
        if not post["all_day"] or date.fromisoformat(post["start"][:10]) != wanted["day"]:
            changed["day"] = wanted["day"]
        if wanted["tz"] is not None and wanted["tz"] != post["tz"]:
            changed["tz"] = wanted["tz"]
    else:
        tz = wanted["tz"]
        if tz in UTC_NAMES and post["tz"] in UTC_NAMES:
            tz = post["tz"]  # Etc/UTC comes back as "Z": the same zone
        start = datetime.fromisoformat(post["start"])
        if post["all_day"] or start != wanted["at"] or tz != post["tz"]:
            changed["at"] = wanted["at"].astimezone(zone(tz))
            changed["tz"] = tz
        if (wanted["duration_minutes"] or 0) != (post["duration_minutes"] or 0):
            changed["duration_minutes"] = wanted["duration_minutes"]
    return changed


def _apply(db: Database, plan: _Plan, report: ImportReport) -> None:
    # Each write is its own transaction (posts.py owns them); everything that can be refused
    # was checked above, so only a colleague saving in the same second can stop us half-way —
    # and update_post then raises a ConflictError rather than overwrite their work.
    added: dict[str, int] = {}
    for key, args in plan.observances.items():
        added[key] = observance_store.add_custom(db, args.pop("name"), args.pop("rule"), **args)
        report.observances_added += 1
    for data, key in plan.links:
        data.observance_id = added[key]
    for data, uid in plan.creates:
        create_post(db, data, uid=uid)
        report.created += 1
    for post_id, data, base in plan.updates:
        update_post(db, post_id, data, expect_version=base)
        report.updated += 1


def post_with_uid(db: Database, uid: str) -> dict | None:
    """The saved post with this iCalendar UID as a ``get_post`` dict, or None."""
    with db.read() as conn:
        row = find_post_by_uid(conn, uid)
    return get_post(db, row["id"]) if row else None
