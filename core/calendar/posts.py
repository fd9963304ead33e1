"""Planned posts: create, list, update with optimistic concurrency, delete; the status workflow.

Team mode puts several officers on one database. Every update says which version it edited;
if someone else saved in between, the update is refused with a ``ConflictError`` that names
what they changed (from the saved revision), never silently overwriting their work.

Status changes go through clearance (core/publish/clearance.py): each is recorded with who and
when, and with ``require_second_approver`` on an author cannot clear their own post.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection, delete, insert, select, update

from core.calendar import recurrence
from core.calendar.campaigns import CAMPAIGNS, campaign_id_for
from core.calendar.timezones import zone
from core.errors import KnownError, NotFoundError
from core.publish import clearance
from core.publish.images import ImageFile, check_images, image_summaries, replace_images
from core.storage.database import Database
from core.storage.models import (
    POST_STATUSES,
    Item,
    Observance,
    PlannedPost,
    PostChannel,
    PostRevision,
    Source,
)
from core.storage.types import iso, utcnow

POSTS = PlannedPost.__table__
CHANNELS = PostChannel.__table__
REVISIONS = PostRevision.__table__
SOURCES = Source.__table__
ITEMS = Item.__table__
OBSERVANCES = Observance.__table__
MAX_OCCURRENCES = recurrence.MAX_OCCURRENCES  # a runaway RRULE must not hang a listing
# What a conflict message compares, in the words the officer sees.
TRACKED = ("title", "body", "status", "start", "end", "all_day", "tz", "channels", "campaign",
           "observance_id", "owner", "notes", "rrule", "exdates", "item_id",
           "language")


# The usual path of a post, one step at a time: idea → draft → review → approved →
# (scheduled →) published, with a step back at each stage and cancelling from any open one.
# It guides the editor's status buttons only: ``create_post``/``update_post`` (the CLI, the
# importers) accept any status, because a plan imported from a spreadsheet or a colleague's
# calendar arrives at whatever stage it has reached.
WORKFLOW: dict[str, tuple[str, ...]] = {
    "idea": ("draft", "cancelled"),
    "draft": ("idea", "review", "cancelled"),
    "review": ("draft", "approved", "cancelled"),
    "approved": ("review", "scheduled", "published", "cancelled"),
    "scheduled": ("approved", "published", "cancelled"),
    "published": (),  # it went out; what is left is to link it to the item (posts match)
    "cancelled": ("draft",),
}


def next_statuses(status: str) -> tuple[str, ...]:
    """Where the workflow leads from ``status`` (nothing for an unknown status)."""
    return WORKFLOW.get(status, ())


class ConflictError(KnownError):
    """Someone else saved the post since it was loaded."""

    def __init__(self, message: str, changed: dict[str, tuple[object, object]]) -> None:
        super().__init__(message)
        self.changed = changed


@dataclass
class PostFields:
    """What the user sets on a post. ``None`` means "not given" (keep it, on update)."""

    title: str | None = None
    body: str | None = None
    status: str | None = None
    at: datetime | None = None  # a timed post: an aware datetime
    day: date | None = None  # an all-day post
    tz: str | None = None
    duration_minutes: int | None = None
    channels: list[int] | None = None
    campaign: str | None = None  # a name; "" removes the campaign
    observance_id: int | None = None  # 0 removes the link
    owner: str | None = None
    notes: str | None = None
    rrule: str | None = None  # "" removes the recurrence
    # Occurrences that do not happen: dates (all-day) or wall-clock datetimes; [] clears them.
    exdates: list[date | datetime] | None = None
    item_id: int | None = None  # 0 removes the link
    language: str | None = None  # ISO 639-1 ("en", "ru"); "" removes it (detected instead)
    images: list[ImageFile] | None = None  # replaces the images; [] removes them
    require_alt: bool = True  # images without alt text are refused (the setting)

    def given(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) is not None and f.name != "require_alt"}


# ------------------------------------------------------------------------------ writing

def create_post(db: Database, data: PostFields, *, uid: str | None = None,
                policy: clearance.Policy | None = None) -> int:
    policy = policy or clearance.current_policy()
    with db.write() as conn:
        return insert_post(conn, data, uid=uid, policy=policy)


def insert_post(conn: Connection, data: PostFields, *, uid: str | None = None,
                policy: clearance.Policy | None = None) -> int:
    """``create_post`` inside the caller's transaction (an import writes all or nothing).
    The post's author is who creates it (``policy.actor``); clearance checks its status."""
    if not data.title or not data.title.strip():
        raise KnownError("a planned post needs a title")
    if data.at is None and data.day is None:
        raise KnownError("a planned post needs a time (--at) or a day (--date)")
    policy = policy or clearance.current_policy()
    now = utcnow()
    values = {"uid": uid or f"{uuid.uuid4()}@attache", "title": "", "body": "",
              "status": "idea", "all_day": False, "tz": "UTC", "version": 1,
              "created_at": now, "updated_at": now, "created_by": policy.actor}
    values.update(_columns(conn, data, current=None))
    clearance.check_transition({"id": "new", "status": None, "created_by": policy.actor},
                               str(values["status"]), policy)
    post_id = conn.execute(insert(POSTS).values(**values)).inserted_primary_key[0]
    if data.channels:
        _set_channels(conn, post_id, data.channels)
    if data.images:
        check_images(data.images, require_alt=data.require_alt)
        replace_images(conn, post_id, data.images)
    clearance.record_change(conn, post_id, None, str(values["status"]), policy.actor, now)
    _save_revision(conn, post_id, 1, now)
    return post_id


def update_post(db: Database, post_id: int, data: PostFields,
                expect_version: int | None = None, *,
                policy: clearance.Policy | None = None, note: str | None = None) -> dict:
    """Apply ``data``; with ``expect_version``, refuse if the post moved on since then."""
    policy = policy or clearance.current_policy()
    with db.write() as conn:
        change_post(conn, post_id, data, expect_version, policy=policy, note=note)
    return get_post(db, post_id)


def change_post(conn: Connection, post_id: int, data: PostFields,
                expect_version: int | None = None, *,
                policy: clearance.Policy | None = None, note: str | None = None) -> int:
    """``update_post`` inside the caller's transaction; returns the new version.

    A status change is checked by clearance and recorded (``note`` says why, when it is not
    the officer's choice); with ``require_second_approver`` on, a change to the content of an
    approved or scheduled post sends it back to review.
    """
    policy = policy or clearance.current_policy()
    current = _row(conn, post_id)
    base = expect_version if expect_version is not None else current["version"]
    if base != current["version"]:
        raise _conflict(conn, post_id, base, current)
    values = _columns(conn, data, current=current)
    if data.images is not None:
        check_images(data.images, require_alt=data.require_alt)
    new_status = values.get("status", current["status"])
    if new_status != current["status"]:
        clearance.check_transition(current, str(new_status), policy)
    elif (policy.require_second_approver and current["status"] in ("approved", "scheduled")
          and _content_changes(conn, current, data, values)):
        values["status"] = new_status = "review"
        note = "content changed after approval: it needs approving again"
    now = utcnow()
    done = conn.execute(update(POSTS).where(POSTS.c.id == post_id,
                                            POSTS.c.version == base)
                        .values(**values, version=base + 1, updated_at=now))
    if done.rowcount != 1:  # saved by someone else between our read and our write
        raise _conflict(conn, post_id, base, _row(conn, post_id))
    if data.channels is not None:
        _set_channels(conn, post_id, data.channels)
    if data.images is not None:
        replace_images(conn, post_id, data.images)
    if new_status != current["status"]:
        clearance.record_change(conn, post_id, current["status"], str(new_status),
                                policy.actor, now, note)
    _save_revision(conn, post_id, base + 1, now)
    return base + 1


def _content_changes(conn: Connection, current: dict, data: PostFields, values: dict) -> bool:
    """Whether ``data`` changes what an approval vouched for (clearance.CONTENT)."""
    if any(name in values and values[name] != current[name]
           for name in ("title", "body", "language")):
        return True
    if data.channels is not None and sorted(set(data.channels)) != sorted(conn.execute(
            select(CHANNELS.c.source_id).where(CHANNELS.c.post_id == current["id"])).scalars()):
        return True
    if data.images is not None:
        saved = [(i["sha256"], i["alt"]) for i in image_summaries(conn, current["id"])]
        wanted = [(hashlib.sha256(i.data).hexdigest(), i.alt) for i in data.images]
        return saved != wanted
    return False


def link_item(conn: Connection, post_id: int, item_id: int) -> None:
    """Link the item a post was published as (a refresh brought it back), as a new version,
    in the caller's transaction: an editor still open on the old version sees the change."""
    current = _row(conn, post_id)
    now = utcnow()
    conn.execute(update(POSTS).where(POSTS.c.id == post_id).values(
        item_id=item_id, version=current["version"] + 1, updated_at=now))
    _save_revision(conn, post_id, current["version"] + 1, now)


def delete_post(db: Database, post_id: int) -> None:
    with db.write() as conn:
        _row(conn, post_id)
        conn.execute(delete(POSTS).where(POSTS.c.id == post_id))


def _columns(conn: Connection, data: PostFields, current: dict | None) -> dict:
    """Validated column values for what ``data`` gives."""
    values: dict[str, object] = {}
    if data.title is not None:
        if not data.title.strip():
            raise KnownError("the title cannot be empty")
        values["title"] = data.title.strip()
    if data.body is not None:
        values["body"] = data.body
    if data.status is not None:
        if data.status not in POST_STATUSES:
            raise KnownError(f"unknown status {data.status!r}; one of {', '.join(POST_STATUSES)}")
        values["status"] = data.status
    tz_name = data.tz or (current["tz"] if current else None) or "UTC"
    zone(tz_name)
    if data.tz is not None:
        values["tz"] = tz_name
    if data.at is not None and data.day is not None:
        raise KnownError("give either a time (--at) or a day (--date), not both")
    if data.at is not None:
        if data.at.tzinfo is None:
            raise KnownError("internal: --at must be resolved to an aware time")
        values.update(all_day=False, start_at=data.at, start_date=None, tz=tz_name)
    elif data.day is not None:
        values.update(all_day=True, start_at=None, start_date=data.day, duration_minutes=None)
    if data.duration_minutes is not None:
        if data.duration_minutes < 0:
            raise KnownError("the duration cannot be negative")
        values["duration_minutes"] = data.duration_minutes or None
    if data.campaign is not None:
        values["campaign_id"] = (campaign_id_for(conn, data.campaign.strip(), create=True)
                                 if data.campaign.strip() else None)
    if data.observance_id is not None:
        if data.observance_id and not conn.execute(
                select(OBSERVANCES.c.id).where(OBSERVANCES.c.id == data.observance_id)).first():
            raise NotFoundError(f"there is no observance {data.observance_id} "
                                "(see: attache observances list)")
        values["observance_id"] = data.observance_id or None
    if data.item_id is not None:
        if data.item_id and not conn.execute(
                select(ITEMS.c.id).where(ITEMS.c.id == data.item_id)).first():
            raise NotFoundError(f"there is no item {data.item_id}")
        values["item_id"] = data.item_id or None
    for name in ("owner", "notes"):
        value = getattr(data, name)
        if value is not None:
            values[name] = value or None
    if data.rrule is not None:
        # UNTIL is kept in the post's own terms (wall-clock time, or a date for all-day
        # posts) whatever form it came in: see core/calendar/recurrence.py.
        all_day = (data.day is not None if data.at is not None or data.day is not None
                   else bool(current["all_day"]) if current else False)
        values["rrule"] = (recurrence.stored_rule(data.rrule, all_day=all_day, tz=tz_name)
                           if data.rrule.strip() else None)
    if data.exdates is not None:
        values["exdates"] = recurrence.join_exdates(data.exdates)
    if data.language is not None:
        values["language"] = _language(data.language)
    return values


def _language(text: str) -> str | None:
    code = text.strip().lower()
    if not code:
        return None
    if not (2 <= len(code) <= 3 and code.isascii() and code.isalpha()):
        raise KnownError(f"language {text!r} is not an ISO 639-1 code such as en, ru or uz")
    return code


def valid_rrule(text: str) -> str:
    """The rule without ``RRULE:``, or ``KnownError`` (finer than daily is refused too)."""
    return recurrence.check_rule(text)


# The editor's "Repeat" presets, anchored on the post's first day. Kept here, beside
# ``valid_rrule``, so the ui only chooses a preset and never spells an RRULE itself.
REPEAT_PRESETS = ("daily", "weekly", "monthly")
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def preset_rrule(every: str, day: date, *, until: date | None = None,
                 count: int | None = None, all_day: bool = False) -> str:
    """The RRULE of a preset: "weekly" on a Thursday is ``FREQ=WEEKLY;BYDAY=TH``.

    ``until`` is inclusive; a timed post's UNTIL is the end of that day in wall-clock time,
    as ``occurrences`` expands timed posts without a zone (10:00 stays 10:00).
    """
    if every not in REPEAT_PRESETS:
        raise KnownError(f"unknown repetition {every!r}; one of {', '.join(REPEAT_PRESETS)}")
    parts = {"daily": ["FREQ=DAILY"],
             "weekly": ["FREQ=WEEKLY", f"BYDAY={_WEEKDAYS[day.weekday()]}"],
             "monthly": ["FREQ=MONTHLY", f"BYMONTHDAY={day.day}"]}[every]
    if until is not None:
        parts.append(f"UNTIL={until:%Y%m%d}" + ("" if all_day else "T235959"))
    elif count:
        parts.append(f"COUNT={count}")
    return ";".join(parts)


def rrule_preset(rule: str, day: date, *, all_day: bool = False
                 ) -> tuple[str, date | None, int | None] | None:
    """Which preset ``rule`` is for a post on ``day``: (every, until, count), or None when it
    is something else (another weekday, an interval, …) and must be shown as written."""
    text = rule.strip().upper().removeprefix("RRULE:")
    parts = dict(p.split("=", 1) for p in text.split(";") if "=" in p)
    every = {"DAILY": "daily", "WEEKLY": "weekly", "MONTHLY": "monthly"}.get(parts.get("FREQ", ""))
    if every is None:
        return None
    until = None
    if "UNTIL" in parts:
        try:
            until = datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date()
        except ValueError:
            return None
    count = int(parts["COUNT"]) if parts.get("COUNT", "").isdigit() else None
    wanted = preset_rrule(every, day, until=until, count=count, all_day=all_day)
    return (every, until, count) if set(wanted.split(";")) == set(text.split(";")) else None


def _set_channels(conn: Connection, post_id: int, channels: Iterable[int]) -> None:
    wanted = sorted(set(channels))
    if wanted:
        known = set(conn.execute(select(SOURCES.c.id).where(SOURCES.c.id.in_(wanted))).scalars())
        missing = [c for c in wanted if c not in known]
        if missing:
            raise NotFoundError(f"no source {', '.join(map(str, missing))} to use as a channel "
                                "(see: attache sources list)")
    conn.execute(delete(CHANNELS).where(CHANNELS.c.post_id == post_id))
    if wanted:
        conn.execute(insert(CHANNELS), [{"post_id": post_id, "source_id": c} for c in wanted])


def _save_revision(conn: Connection, post_id: int, version: int, when: datetime) -> None:
    snapshot = post_json(conn, _row(conn, post_id))
    conn.execute(insert(REVISIONS).values(post_id=post_id, version=version, saved_at=when,
                                          data=json.dumps(snapshot, ensure_ascii=False)))


def _conflict(conn: Connection, post_id: int, base: int, current: dict) -> ConflictError:
    old_json = conn.execute(select(REVISIONS.c.data).where(
        REVISIONS.c.post_id == post_id, REVISIONS.c.version == base)).scalar()
    now = post_json(conn, current)
    changed: dict[str, tuple[object, object]] = {}
    if old_json is not None:
        old = json.loads(old_json)
        changed = {k: (old.get(k), now.get(k)) for k in TRACKED if old.get(k) != now.get(k)}
    what = ", ".join(f"{k} ({_short(a)} → {_short(b)})" for k, (a, b) in changed.items())
    return ConflictError(
        f"post {post_id} was changed by someone else since version {base} (now version "
        f"{current['version']}): {what or 'details unavailable'}. Reload it and apply your "
        "change again.", changed)


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


# ------------------------------------------------------------------------------ reading

def _row(conn: Connection, post_id: int) -> dict:
    row = conn.execute(select(POSTS).where(POSTS.c.id == post_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"there is no planned post {post_id} (see: attache posts list)")
    return dict(row)


def get_post(db: Database, post_id: int) -> dict:
    """One post with what a listing leaves out: its images (no bytes) and status history."""
    with db.read() as conn:
        post = post_json(conn, _row(conn, post_id))
        post["images"] = [{k: v for k, v in image.items() if k != "sha256"}
                          for image in image_summaries(conn, post_id)]
        post["history"] = clearance.history(conn, post_id)
        return post


def find_post_by_uid(conn: Connection, uid: str) -> dict | None:
    row = conn.execute(select(POSTS).where(POSTS.c.uid == uid)).mappings().first()
    return dict(row) if row else None


@dataclass(frozen=True)
class Span:
    """Where a post sits in time: aware start/end for timed posts, dates for all-day ones."""

    start: datetime | date
    end: datetime | date

    def first_day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start


def post_span(row: dict) -> Span:
    if row["all_day"]:
        return Span(row["start_date"], row["start_date"])
    start = row["start_at"].astimezone(zone(row["tz"]))
    return Span(start, start + timedelta(minutes=row["duration_minutes"] or 0))


def occurrences(row: dict, first: date, last: date) -> list[Span]:
    """The post's occurrences whose day falls in [first, last] (the post itself if single)."""
    span = post_span(row)
    if not row["rrule"]:
        return [span] if first <= span.first_day() <= last else []
    length = span.end - span.start
    # Expanded in wall-clock time (10:00 stays 10:00), bounded whatever the rule says.
    starts = recurrence.expand(row["rrule"], span.start, first, last,
                               recurrence.parse_exdates(row.get("exdates")))
    return [Span(s, s + length) for s in starts]


def list_posts(db: Database, *, first: date | None = None, last: date | None = None,
               statuses: Sequence[str] = (), campaigns: Sequence[str] = (),
               channels: Sequence[int] = ()) -> list[dict]:
    """Posts with at least one occurrence in [first, last], soonest first."""
    query = select(POSTS)
    if statuses:
        unknown = [s for s in statuses if s not in POST_STATUSES]
        if unknown:
            raise KnownError(f"unknown status {unknown[0]!r}; one of {', '.join(POST_STATUSES)}")
        query = query.where(POSTS.c.status.in_(statuses))
    if campaigns:
        query = query.where(POSTS.c.campaign_id.in_(
            select(CAMPAIGNS.c.id).where(CAMPAIGNS.c.name.in_(campaigns))))
    if channels:
        query = query.where(POSTS.c.id.in_(
            select(CHANNELS.c.post_id).where(CHANNELS.c.source_id.in_(channels))))
    low, high = first or date.min, last or date.max
    with db.read() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
        kept = []
        for row in rows:
            found = occurrences(row, low, high)
            if found:
                kept.append((_sort_key(found[0].start), post_json(conn, row)))
    kept.sort(key=lambda pair: pair[0])
    return [post for _, post in kept]


def _sort_key(start: datetime | date) -> datetime:
    if isinstance(start, datetime):
        return start.astimezone(zone("UTC")).replace(tzinfo=None)
    return datetime.combine(start, time.min)


def post_json(conn: Connection, row: dict) -> dict:
    """The ``posts list --json`` object: contract keys first, extras after."""
    span = post_span(row)
    channels = sorted(conn.execute(select(CHANNELS.c.source_id).where(
        CHANNELS.c.post_id == row["id"])).scalars())
    campaign = None
    if row["campaign_id"] is not None:
        campaign = conn.execute(select(CAMPAIGNS.c.name).where(
            CAMPAIGNS.c.id == row["campaign_id"])).scalar()
    item_url = None
    if row["item_id"] is not None:
        item_url = conn.execute(select(ITEMS.c.url).where(ITEMS.c.id == row["item_id"])).scalar()
    return {
        "id": row["id"], "title": row["title"], "status": row["status"],
        "start": span.start.isoformat(), "end": span.end.isoformat(),
        "all_day": bool(row["all_day"]), "tz": row["tz"], "channels": channels,
        "campaign": campaign, "observance_id": row["observance_id"], "version": row["version"],
        "uid": row["uid"], "body": row["body"], "duration_minutes": row["duration_minutes"],
        "rrule": row["rrule"],
        "exdates": [e.isoformat() for e in recurrence.parse_exdates(row.get("exdates"))],
        "owner": row["owner"], "notes": row["notes"],
        "item_id": row["item_id"], "item_url": item_url,
        "created_at": iso(row["created_at"]), "updated_at": iso(row["updated_at"]),
        "created_by": row["created_by"], "language": row["language"],
    }
