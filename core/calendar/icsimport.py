"""Importing an .ics file into the plan: our own exports back, and other programs' calendars.

Two kinds of file, two rules:

- **Our own export** (PRODID ``-//Attaché//…``) is a round trip of the plan: every event is
  checked first and one problem refuses the file, nothing written — as for our CSV/XLSX.
- **Another program's calendar** (Google, Outlook/Exchange, Apple, Thunderbird …) is taken as it
  is: an event Attaché cannot represent (a non-Gregorian RSCALE rule, an end before its start,
  a zone it cannot place) is skipped with its line and reason, and the others are imported.
  One odd event must not block two hundred good ones.

Either way the writes happen in one transaction: a crash or a kill mid-import leaves the plan
as it was, and the next import starts from there (UIDs make it idempotent: events without one
get a UID made from their own lines, so a re-import updates instead of duplicating).

Recurring series with exceptions, as every client stores them (RFC 5545 §3.8.4.4): extra
VEVENTs with the series' UID and a ``RECURRENCE-ID``. A cancelled occurrence (STATUS:CANCELLED,
or an EXDATE) becomes an exception date of the series; a moved or edited one becomes an
exception of the series plus a post of its own, whose UID is the series' UID followed by
``;RECURRENCE-ID=<when>`` so that the export writes it back as the same override.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, select

from core.calendar import observances as observance_store
from core.calendar import recurrence
from core.calendar.ics import (
    OBSERVANCE_PREFIX,
    UTC_NAMES,
    IcsEvent,
    normal_rrule,
    override_uid,
    read_calendar,
    rid_text,
    split_description,
)
from core.calendar.imports import (
    ImportRejected,
    ImportReport,
    RejectedEntry,
    changed_columns,
)
from core.calendar.posts import PostFields, change_posts, insert_posts, posts_json_by
from core.calendar.timezones import zone
from core.errors import KnownError
from core.storage.database import Database
from core.storage.models import OBSERVANCES, POST_STATUSES, SOURCES

log = logging.getLogger("attache.calendar.ics")

_OBSERVANCE_UID = re.compile(r"^observance-(?P<key>.+)-(?P<day>\d{4}-\d{2}-\d{2})@attache$")
NO_TITLE = "(no title)"


@dataclass
class _Plan:
    """What the import will do, decided before anything is written."""

    creates: list[tuple[PostFields, str]] = field(default_factory=list)  # (fields, uid)
    updates: list[tuple[int, PostFields, int | None]] = field(default_factory=list)
    observances: dict[str, dict] = field(default_factory=dict)  # key → add_custom arguments
    # Posts linked to an observance this import adds: its id is known only once it is written.
    links: list[tuple[PostFields, str]] = field(default_factory=list)


@dataclass
class _Context:
    conn: Connection
    sources: set[int]
    keys: dict[str, int]
    plan: _Plan
    report: ImportReport
    saved: dict[str | int, dict] = field(default_factory=dict)  # the plan's posts, by uid

    def post(self, uid: str) -> dict | None:
        return self.saved.get(uid)


def import_ics(db: Database, data: bytes, *, default_tz: str) -> ImportReport:
    """Merge an .ics file into the plan (see the module docstring for what is refused)."""
    zone(default_tz)
    parsed = read_calendar(data, default_tz)
    report = ImportReport()
    rejected: list[tuple[int, RejectedEntry]] = [(_number(e), e) for e in parsed.problems]
    with db.read() as conn:
        uids = {e.uid if e.recurrence_id is None else override_uid(e.uid, e.recurrence_id)
                for e in parsed.events} | {e.uid for e in parsed.events}
        context = _Context(conn, set(conn.execute(select(SOURCES.c.id)).scalars()),
                           dict(conn.execute(select(OBSERVANCES.c.key, OBSERVANCES.c.id)).all()),
                           _Plan(), report, posts_json_by(conn, uids=uids))
        for event, exc in _plan_all(parsed.events, context):
            rejected.append((event.number, RejectedEntry.of(event.label(), exc)))
    rejected.sort(key=lambda pair: pair[0])
    entries = [entry for _, entry in rejected]
    if entries and parsed.ours:
        raise ImportRejected("the calendar file was not imported",
                             ImportReport(errors=list(entries)))
    report.skipped = entries
    floating = [e for e in parsed.events if e.floating]
    if floating:
        zones = ", ".join(sorted({e.tz for e in floating}))
        report.warnings.append(f"{len(floating)} event(s) have times without a time zone "
                               f"(floating); they were read as {zones} time")
    report.warnings += parsed.notes
    report.warnings += [f"{e.label()}: {note}" for e in parsed.events for note in e.notes]
    _apply(db, context.plan, report)
    log.info("ics import: %d created, %d updated, %d unchanged, %d observances added, "
             "%d skipped", report.created, report.updated, report.unchanged,
             report.observances_added, len(report.skipped))
    return report


def _number(entry: RejectedEntry) -> int:
    found = re.match(r"event (\d+)", entry.where)
    return int(found[1]) if found else 0


def _plan_all(events: list[IcsEvent], ctx: _Context) -> list[tuple[IcsEvent, KnownError]]:
    """Plan every event; the ones that cannot be imported, with why."""
    refused: list[tuple[IcsEvent, KnownError]] = []
    masters: dict[str, IcsEvent] = {}
    overrides: dict[tuple[str, str], IcsEvent] = {}
    for event in events:
        if event.recurrence_id is None:
            _keep_current(masters, event.uid, event, refused, ctx.report,
                          "the UID appears twice in the file (also event {other})")
        else:
            _keep_current(overrides, (event.uid, rid_text(event.recurrence_id)), event, refused,
                          ctx.report, "it replaces the same occurrence as event {other}")
    exceptions: dict[str, list[date | datetime]] = {}
    replacements: list[IcsEvent] = []
    for (uid, _), event in overrides.items():
        # Another program's cancelled occurrence; ours carry the post's own status instead.
        cancelled = event.status == "CANCELLED" and not event.attache
        if uid not in masters and ctx.post(uid) is None and cancelled:
            ctx.report.warnings.append(f"{event.label()}: it cancels one occurrence of a "
                                       "series that is neither in this file nor in the plan")
            continue
        exceptions.setdefault(uid, []).append(event.recurrence_id)
        if not cancelled:
            replacements.append(event)
    # Observances first, so that posts can link to one this file adds.
    ordered = sorted([*masters.values(), *replacements],
                     key=lambda e: (not e.uid.startswith(OBSERVANCE_PREFIX), e.number))
    for event in ordered:
        try:
            if event.uid.startswith(OBSERVANCE_PREFIX) and event.recurrence_id is None:
                _plan_observance(event, ctx)
            elif event.recurrence_id is None:
                _plan_post(event, event.uid, exceptions.get(event.uid, []), ctx)
            else:
                _plan_post(event, override_uid(event.uid, event.recurrence_id), None, ctx)
        except KnownError as exc:
            refused.append((event, exc))
    refused_masters = {e.uid for e, _ in refused if e.recurrence_id is None}
    for uid, moments in exceptions.items():
        if uid not in masters and uid not in refused_masters:
            _add_exceptions(uid, moments, ctx)
    return refused


def _keep_current(found: dict, key: object, event: IcsEvent,
                  refused: list[tuple[IcsEvent, KnownError]], report: ImportReport,
                  clash: str) -> None:
    """Two revisions of one event (or of one occurrence) in a file — a mailbox of invitations
    saved as one calendar, a client that kept the old copy: the current one is the one with
    the higher SEQUENCE, then the later DTSTAMP (RFC 5546 §2.1.5), and the other is left out
    with a note. Two that neither tells apart are a real clash: the later one is skipped."""
    other = found.get(key)
    if other is None:
        found[key] = event
        return
    newer = _revision(event) > _revision(other)
    older = _revision(event) < _revision(other)
    if not (newer or older):
        refused.append((event, KnownError(clash.format(other=other.number))))
        return
    current, old = (event, other) if newer else (other, event)
    found[key] = current
    report.warnings.append(f"{old.label()}: an older revision of event {current.number} "
                           f"(SEQUENCE {old.sequence}, DTSTAMP {_stamp_text(old)}); "
                           "the newer one was imported")


def _revision(event: IcsEvent) -> tuple[int, datetime]:
    return event.sequence, event.stamp or datetime.min.replace(tzinfo=UTC)


def _stamp_text(event: IcsEvent) -> str:
    return f"{event.stamp:%Y-%m-%d %H:%M:%S}Z" if event.stamp else "none"


def _add_exceptions(uid: str, moments: list[date | datetime], ctx: _Context) -> None:
    """Overrides in the file for a series only the plan has: their occurrences become
    exceptions of the saved series."""
    post = ctx.post(uid)
    if post is None or not post["rrule"]:
        return
    have = recurrence.parse_exdates(post["exdates"])
    wanted = set(have) | {_wall(m, post["all_day"], post["tz"]) for m in moments}
    if recurrence.join_exdates(wanted) != recurrence.join_exdates(have):
        ctx.plan.updates.append((post["id"], PostFields(exdates=sorted(wanted, key=str)),
                                 post["version"]))
        ctx.report.note_update(["exdates"])


def _wall(value: date | datetime, all_day: bool, tz: str) -> date | datetime:
    """An EXDATE/RECURRENCE-ID in the series' own terms: a date, or wall-clock time in ``tz``."""
    if isinstance(value, datetime):
        if all_day:
            return value.date()
        return value.astimezone(ZoneInfo(tz)).replace(tzinfo=None)
    return value


def _plan_observance(event: IcsEvent, ctx: _Context) -> None:
    match = _OBSERVANCE_UID.match(event.uid)
    key = match["key"] if match else event.uid[len(OBSERVANCE_PREFIX):]
    own_key = _own_key(key)
    plan = ctx.plan
    if key in ctx.keys or own_key in ctx.keys:
        ctx.report.unchanged += 1
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


def _plan_post(event: IcsEvent, uid: str, exceptions: list[date | datetime] | None,
               ctx: _Context) -> None:
    wanted = _wanted(event, exceptions, ctx)
    if not wanted["title"]:
        if event.attache:  # our own export always has one: an edit took it out
            raise KnownError("it has no title (SUMMARY)")
        # RFC 5545 makes SUMMARY optional: Google's holiday and birthday calendars, Apple's
        # and Nextcloud's quick events have none. Calendars show "(No title)"; so does the plan.
        wanted["title"] = NO_TITLE
        event.notes.append(f"it has no title (SUMMARY); it was imported as {NO_TITLE!r}")
    existing = ctx.post(uid)
    if existing is None:
        data = PostFields(**{k: v for k, v in wanted.items() if v is not None})
        data.tz = event.tz
        if not data.status:
            data.status = "idea"
        ctx.plan.creates.append((data, uid))
        _link_later(event, data, ctx.plan)
        return
    changed = _differences(wanted, existing)
    if not changed:
        ctx.report.unchanged += 1
        return
    version = event.attache.get("VERSION", "").strip()
    base = int(version) if version.isdigit() else None
    if base is not None and base != existing["version"]:
        raise KnownError(
            f"post {existing['id']} was changed in Attaché since this file was exported "
            f"(file: version {base}, now version {existing['version']}); export again and "
            f"redo the edit ({', '.join(sorted(changed))})")
    data = PostFields(**changed)
    ctx.plan.updates.append((existing["id"], data, base))
    ctx.report.note_update(changed_columns(changed, existing))
    _link_later(event, data, ctx.plan)


def _link_later(event: IcsEvent, data: PostFields, plan: _Plan) -> None:
    key = event.attache.get("OBSERVANCE")
    if key and _own_key(key) in plan.observances:
        plan.links.append((data, _own_key(key)))


def _wanted(event: IcsEvent, exceptions: list[date | datetime] | None,
            ctx: _Context) -> dict[str, object]:
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
            if int(part) in ctx.sources:
                channels.append(int(part))
            else:
                ctx.report.warnings.append(f"{event.label()}: source {part} is not in this "
                                           "database; the post was imported without that "
                                           "channel")
    observance_id = None
    key = event.attache.get("OBSERVANCE")
    if key:
        observance_id = ctx.keys.get(key) or ctx.keys.get(_own_key(key))
        if observance_id is None and _own_key(key) not in ctx.plan.observances:
            ctx.report.warnings.append(f"{event.label()}: observance {key!r} is not in this "
                                       "database; the post was imported without the link")
    rrule = ""
    exdates: list[date | datetime] | None = None
    if event.rrule and event.recurrence_id is None:
        # UNTIL as stored (the post's wall-clock time): Google's "…T155959Z" equals it.
        rrule = _series_rule(event)
    if rrule:
        moments = [*event.exdates, *(exceptions or [])]
        if not event.all_day:  # a whole day off a timed series: that day's occurrence
            moments = [o for v in moments for o in (
                recurrence.on_day(rrule, event.start, v) if type(v) is date else [v])]
        exdates = sorted({_wall(v, event.all_day, event.tz) for v in moments}, key=str)
    elif event.recurrence_id is None:
        exdates = []
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
        "exdates": exdates,
    }


def _series_rule(event: IcsEvent) -> str:
    """The event's RRULE as a post keeps it, or "" for another program's rule that gives no
    occurrence after the start (Apple's holiday calendars end a yearly rule before the one
    year left): RFC 5545 §3.8.5.3 counts DTSTART as the first occurrence, so such an event
    happens once, on its start, and is imported so, with a note. Our own export's rules are
    checked as the editor checks them."""
    rule = normal_rrule(recurrence.stored_rule(event.rrule or "", all_day=event.all_day,
                                               tz=event.tz)) or ""
    start = event.start_date if event.all_day else event.start
    try:
        recurrence.check_series(rule, start, written=event.rrule)  # type: ignore[arg-type]
    except KnownError as exc:
        if event.attache:
            raise
        event.notes.append(f"{exc}; DTSTART is its one occurrence (RFC 5545), so it was "
                           "imported as a single event")
        return ""
    return rule


def _differences(wanted: dict[str, object], post: dict) -> dict[str, object]:
    """The ``PostFields`` arguments whose value differs from the saved ``post``."""
    changed: dict[str, object] = {}
    for name in ("title", "body", "status", "owner", "notes", "campaign"):
        value = wanted[name]
        if value is not None and value != (post[name] or ""):
            changed[name] = value
    if wanted["rrule"] != (normal_rrule(post["rrule"]) or ""):
        changed["rrule"] = wanted["rrule"]
    if wanted["exdates"] is not None and (
            recurrence.join_exdates(wanted["exdates"])  # type: ignore[arg-type]
            != recurrence.join_exdates(recurrence.parse_exdates(post["exdates"]))):
        changed["exdates"] = wanted["exdates"]
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
    """Every write of the import in one transaction: all of it, or (killed, refused by a
    colleague's save in the same second) none of it."""
    with db.write() as conn:
        added: dict[str, int] = {}
        for key, args in plan.observances.items():
            args = dict(args)
            added[key] = observance_store.insert_custom(conn, args.pop("name"),
                                                        args.pop("rule"), **args)
        for data, key in plan.links:
            data.observance_id = added[key]
        insert_posts(conn, plan.creates)
        change_posts(conn, plan.updates)
    report.observances_added += len(plan.observances)
    report.created += len(plan.creates)
    report.updated += len(plan.updates)

