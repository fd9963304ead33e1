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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from core.calendar import recurrence
from core.calendar.campaigns import campaign_id_for
from core.calendar.timezones import zone
from core.errors import KnownError, NotFoundError
from core.publish import clearance
from core.publish.images import ImageFile, check_images, image_summaries, replace_images
from core.storage.database import Database
from core.storage.models import (
    CAMPAIGNS,
    CHANNELS,
    ITEMS,
    OBSERVANCES,
    POST_STATUSES,
    POSTS,
    SOURCES,
    PostRevision,
)
from core.storage.text import storable
from core.storage.types import iso, utcnow

REVISIONS = PostRevision.__table__
MAX_OCCURRENCES = recurrence.MAX_OCCURRENCES  # a runaway RRULE must not hang a listing
# What a conflict message compares, in the words the officer sees.
TRACKED = ("title", "body", "status", "start", "end", "all_day", "tz", "channels", "campaign",
           "observance_id", "owner", "notes", "rrule", "exdates", "item_id", "language")


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

CHUNK = 500  # ids or uids per IN (...) list: far below every database's limit
# Every column a new post's row gets (insertmanyvalues needs one shape for all rows).
_NEW_ROW = {"title": "", "body": "", "status": "idea", "all_day": False, "tz": "UTC",
            "start_at": None, "start_date": None, "duration_minutes": None, "rrule": None,
            "exdates": None, "campaign_id": None, "observance_id": None, "item_id": None,
            "owner": None, "notes": None, "version": 1, "created_by": None, "language": None}


def create_post(db: Database, data: PostFields, *, uid: str | None = None,
                policy: clearance.Policy | None = None) -> int:
    policy = policy or clearance.current_policy()
    with db.write() as conn:
        return insert_post(conn, data, uid=uid, policy=policy)


def insert_post(conn: Connection, data: PostFields, *, uid: str | None = None,
                policy: clearance.Policy | None = None) -> int:
    """``create_post`` inside the caller's transaction (an import writes all or nothing)."""
    return insert_posts(conn, [(data, uid)], policy=policy)[0]


def insert_posts(conn: Connection, posts: Sequence[tuple[PostFields, str | None]], *,
                 policy: clearance.Policy | None = None) -> list[int]:
    """Create many posts in the caller's transaction, in a few statements (an import of
    20,000 rows held the SQLite write lock for half a minute one post at a time); their ids,
    in order. Each post is checked as ``create_post`` checks it. Their author is who creates
    them (``policy.actor``); clearance checks the status each starts in."""
    policy = policy or clearance.current_policy()
    lookups = _Lookups(conn)
    now = utcnow()
    rows: list[dict] = []
    for data, uid in posts:
        if not data.title or not data.title.strip():
            raise KnownError("a planned post needs a title")
        if data.at is None and data.day is None:
            raise KnownError("a planned post needs a time (--at) or a day (--date)")
        row = {**_NEW_ROW, "uid": uid or f"{uuid.uuid4()}@attache", "created_at": now,
               "updated_at": now, "created_by": policy.actor}
        row.update(_columns(lookups, data, current=None))
        clearance.check_transition({"id": "new", "status": None, "created_by": policy.actor},
                                   str(row["status"]), policy)
        if data.channels:
            lookups.check_sources(data.channels)
        if data.images:
            check_images(data.images, require_alt=data.require_alt)
        rows.append(row)
    ids: list[int] = []
    if conn.dialect.insert_executemany_returning_sort_by_parameter_order:
        for chunk in _chunks(rows):
            done = conn.execute(insert(POSTS).returning(POSTS.c.id,
                                                        sort_by_parameter_order=True), chunk)
            ids += done.scalars().all()
    else:  # SQLite before 3.35 (an older Linux's own Python) has no RETURNING
        ids = [conn.execute(insert(POSTS).values(**row)).inserted_primary_key[0] for row in rows]
    channels: dict[int, list[int]] = {}
    for post_id, row, (data, _) in zip(ids, rows, posts, strict=True):
        row["id"] = post_id
        channels[post_id] = sorted(set(data.channels or []))
    _insert_channels(conn, channels)
    for post_id, (data, _) in zip(ids, posts, strict=True):
        if data.images:
            replace_images(conn, post_id, data.images)
    clearance.record_changes(conn, [(post_id, None, str(row["status"]), None)
                                    for post_id, row in zip(ids, rows, strict=True)],
                             policy.actor, now)
    _save_revisions(conn, rows, channels, lookups, now)
    return ids


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
    """``update_post`` inside the caller's transaction; returns the new version."""
    return change_posts(conn, [(post_id, data, expect_version)], policy=policy, note=note)[0]


def change_posts(conn: Connection,
                 changes: Sequence[tuple[int, PostFields, int | None]], *,
                 policy: clearance.Policy | None = None,
                 note: str | None = None) -> list[int]:
    """Apply many ``(post id, fields, expected version)`` changes in the caller's
    transaction, in a few statements; the new versions, in order. A post someone else saved
    since its expected version raises ``ConflictError`` (nothing of the batch is meant to
    land then: the caller's transaction is rolled back).

    A status change is checked by clearance and recorded (``note`` says why, when it is not
    the officer's choice); with ``require_second_approver`` on, a change to the content of an
    approved or scheduled post sends it back to review.
    """
    policy = policy or clearance.current_policy()
    lookups = _Lookups(conn)
    now = utcnow()
    versions: list[int] = []
    for wave in _waves(changes):  # a post changed twice: the second change sees the first
        current = _rows_by_id(conn, [post_id for post_id, _, _ in wave], lock=True)
        updated: list[dict] = []
        new_channels: dict[int, list[int]] = {}
        history: list[tuple[int, str | None, str, str | None]] = []
        images: dict[int, list[ImageFile]] = {}
        for post_id, data, expect_version in wave:
            row = current.get(post_id)
            if row is None:
                raise NotFoundError(f"there is no planned post {post_id} "
                                    "(see: attache posts list)")
            base = expect_version if expect_version is not None else row["version"]
            if base != row["version"]:
                raise _conflict(conn, post_id, base, row)
            columns = _columns(lookups, data, current=row)
            if data.images is not None:
                check_images(data.images, require_alt=data.require_alt)
            new_status = columns.get("status", row["status"])
            why = note
            if new_status != row["status"]:
                clearance.check_transition(row, str(new_status), policy)
            elif (policy.require_second_approver and row["status"] in ("approved", "scheduled")
                  and _content_changes(conn, row, data, columns)):
                columns["status"] = new_status = "review"
                why = "content changed after approval: it needs approving again"
            if new_status != row["status"]:
                history.append((post_id, row["status"], str(new_status), why))
            values = {**columns, "version": base + 1, "updated_at": now}
            if data.images is not None:
                images[post_id] = data.images
            if data.channels is not None:
                lookups.check_sources(data.channels)
                new_channels[post_id] = sorted(set(data.channels))
            updated.append({**row, **values, "_base": base, "_values": values})
            versions.append(base + 1)
        _update_rows(conn, updated)
        conn.execute(delete(CHANNELS).where(CHANNELS.c.post_id.in_(list(new_channels))))
        _insert_channels(conn, new_channels)
        for post_id, wanted in images.items():
            replace_images(conn, post_id, wanted)
        clearance.record_changes(conn, history, policy.actor, now)
        kept = _channels_of(conn, [r["id"] for r in updated if r["id"] not in new_channels])
        _save_revisions(conn, updated, {**kept, **new_channels}, lookups, now)
    return versions


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
    change_posts(conn, [(post_id, PostFields(item_id=item_id), None)],
                 policy=clearance.Policy("attache", False))


def _waves(changes: Sequence[tuple[int, PostFields, int | None]]
           ) -> list[list[tuple[int, PostFields, int | None]]]:
    """``changes`` in batches in which each post appears once, in order."""
    waves: list[list[tuple[int, PostFields, int | None]]] = []
    seen: list[set[int]] = []
    for change in changes:
        index = next((i for i in range(len(waves) - 1, -1, -1) if change[0] in seen[i]), -1) + 1
        if index == len(waves):
            waves.append([])
            seen.append(set())
        waves[index].append(change)
        seen[index].add(change[0])
    return waves


def _update_rows(conn: Connection, rows: list[dict]) -> None:
    """One executemany UPDATE per set of changed columns, each guarded by the version the
    change was based on."""
    groups: dict[tuple[str, ...], list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row["_values"])), []).append(row)
    for columns, group in groups.items():
        statement = (update(POSTS)
                     .where(POSTS.c.id == bindparam("w_id"),
                            POSTS.c.version == bindparam("w_base"))
                     .values({name: bindparam(f"v_{name}") for name in columns}))
        params = [{"w_id": row["id"], "w_base": row["_base"],
                   **{f"v_{name}": row["_values"][name] for name in columns}} for row in group]
        done = conn.execute(statement, params)
        if conn.dialect.supports_sane_multi_rowcount and done.rowcount != len(params):
            # Saved by someone else between our read and our write (rows are locked, so this
            # is a safety net): name the first post that moved on.
            for row in group:
                saved = _row(conn, row["id"])
                if saved["version"] != row["_base"] + 1 or saved["updated_at"] != row[
                        "updated_at"]:
                    raise _conflict(conn, row["id"], row["_base"], saved)


def delete_post(db: Database, post_id: int) -> None:
    with db.write() as conn:
        _row(conn, post_id)
        conn.execute(delete(POSTS).where(POSTS.c.id == post_id))


class _Lookups:
    """What checking a post's columns asks the database, asked once per batch: campaigns by
    name (created on demand), observance, item and source ids."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._campaigns: dict[str, int] | None = None
        self._campaign_names: dict[int, str] = {}
        self._observances: set[int] | None = None
        self._sources: set[int] | None = None
        self._items: dict[int, str | None] = {}

    def _load_campaigns(self) -> dict[str, int]:
        if self._campaigns is None:
            self._campaigns = dict(self.conn.execute(
                select(CAMPAIGNS.c.name, CAMPAIGNS.c.id)).all())
            self._campaign_names = {i: n for n, i in self._campaigns.items()}
        return self._campaigns

    def campaign_id(self, name: str) -> int:
        campaigns = self._load_campaigns()
        if name not in campaigns:
            campaigns[name] = campaign_id_for(self.conn, name, create=True)
            self._campaign_names[campaigns[name]] = name
        return campaigns[name]

    def campaign_name(self, campaign_id: int | None) -> str | None:
        if campaign_id is None:
            return None
        self._load_campaigns()
        if campaign_id not in self._campaign_names:  # added by a colleague since: read again
            self._campaigns = None
            self._load_campaigns()
        return self._campaign_names.get(campaign_id)

    def has_observance(self, observance_id: int) -> bool:
        if self._observances is None:
            self._observances = set(self.conn.execute(select(OBSERVANCES.c.id)).scalars())
        return observance_id in self._observances

    def has_item(self, item_id: int) -> bool:
        if item_id not in self._items:
            url = self.conn.execute(select(ITEMS.c.id, ITEMS.c.url)
                                    .where(ITEMS.c.id == item_id)).first()
            if url is None:
                return False
            self._items[item_id] = url[1]
        return True

    def item_url(self, item_id: int | None) -> str | None:
        return self._items.get(item_id) if item_id is not None and self.has_item(
            item_id) else None

    def check_sources(self, channels: Iterable[int]) -> None:
        if self._sources is None:
            self._sources = set(self.conn.execute(select(SOURCES.c.id)).scalars())
        missing = sorted({c for c in channels if c not in self._sources})
        if missing:
            raise NotFoundError(f"no source {', '.join(map(str, missing))} to use as a "
                                "channel (see: attache sources list)")


def _columns(lookups: _Lookups, data: PostFields, current: dict | None) -> dict:
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
        values["campaign_id"] = (lookups.campaign_id(data.campaign.strip())
                                 if data.campaign.strip() else None)
    if data.observance_id is not None:
        if data.observance_id and not lookups.has_observance(data.observance_id):
            raise NotFoundError(f"there is no observance {data.observance_id} "
                                "(see: attache observances list)")
        values["observance_id"] = data.observance_id or None
    if data.item_id is not None:
        if data.item_id and not lookups.has_item(data.item_id):
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
    rule = values["rrule"] if "rrule" in values else (current or {}).get("rrule")
    if rule and (data.rrule is not None or data.at is not None or data.day is not None
                 or data.tz is not None):
        # A rule with no occurrence from the (new) start would hide the post everywhere.
        recurrence.check_series(rule, _series_start(values, current, tz_name))
    if data.exdates is not None:
        values["exdates"] = recurrence.join_exdates(data.exdates)
    elif current is not None and current.get("exdates") and (
            data.at is not None or data.day is not None):
        # Exceptions are wall-clock moments of the series: they move with its start.
        values["exdates"] = recurrence.join_exdates(recurrence.shift_exdates(
            recurrence.parse_exdates(current["exdates"]),
            _series_start({}, current, current["tz"]), _series_start(values, current, tz_name)))
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


def _series_start(values: dict, current: dict | None, tz: str) -> date | datetime:
    """Where the post starts once ``values`` are applied: a day, or wall-clock time in ``tz``."""
    merged = {**(current or {}), **values}
    if merged.get("all_day"):
        return merged["start_date"]
    return merged["start_at"].astimezone(zone(tz))


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


def _insert_channels(conn: Connection, channels: dict[int, list[int]]) -> None:
    rows = [{"post_id": post_id, "source_id": source}
            for post_id, sources in channels.items() for source in sources]
    if rows:
        conn.execute(insert(CHANNELS), rows)


def _save_revisions(conn: Connection, rows: list[dict], channels: dict[int, list[int]],
                    lookups: _Lookups, when: datetime) -> None:
    """The saved version of each post, as ``posts list --json`` shows it: what a conflict is
    later compared with. Built from the rows as written (text as the database keeps it)."""
    revisions = []
    for row in rows:
        stored = {k: storable(v) if isinstance(v, str) else v for k, v in row.items()}
        snapshot = post_dict(stored, channels.get(row["id"], []),
                             lookups.campaign_name(row["campaign_id"]),
                             lookups.item_url(row["item_id"]))
        revisions.append({"post_id": row["id"], "version": row["version"], "saved_at": when,
                          "data": json.dumps(snapshot, ensure_ascii=False)})
    for chunk in _chunks(revisions):
        conn.execute(insert(REVISIONS), chunk)


def _chunks(rows: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


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
    with db.read() as conn:
        return post_json(conn, _row(conn, post_id))


def post_details(db: Database, post_id: int) -> dict:
    """``get_post`` with what a listing leaves out: the images (no bytes) and the status
    history (``posts show``, the post editor)."""
    with db.read() as conn:
        post = post_json(conn, _row(conn, post_id))
        post["images"] = [{k: v for k, v in image.items() if k != "sha256"}
                          for image in image_summaries(conn, post_id)]
        post["history"] = clearance.history(conn, post_id)
        return post


def find_post_by_uid(conn: Connection, uid: str) -> dict | None:
    row = conn.execute(select(POSTS).where(POSTS.c.uid == uid)).mappings().first()
    return dict(row) if row else None


def _rows_by_id(conn: Connection, ids: Sequence[int], *, lock: bool = False) -> dict[int, dict]:
    """The saved rows of ``ids`` (locked for this transaction with ``lock`` where the
    database can: PostgreSQL's FOR UPDATE; SQLite's writer holds the whole file)."""
    found: dict[int, dict] = {}
    for chunk in _chunks(sorted(set(ids))):
        query = select(POSTS).where(POSTS.c.id.in_(chunk))
        if lock and conn.dialect.name != "sqlite":
            query = query.with_for_update()
        found.update((row["id"], dict(row)) for row in conn.execute(query).mappings())
    return found


def posts_json_by(conn: Connection, *, uids: Iterable[str] = (),
                  ids: Iterable[int] = ()) -> dict[str | int, dict]:
    """``post_json`` of the saved posts with these uids or ids, keyed by what found them, in a
    few queries (an import looks up every line's post before writing anything)."""
    rows: dict[int, dict] = {}
    keys: dict[str | int, int] = {}
    for column, wanted in ((POSTS.c.uid, sorted(set(uids))), (POSTS.c.id, sorted(set(ids)))):
        for chunk in _chunks(wanted):
            for row in conn.execute(select(POSTS).where(column.in_(chunk))).mappings():
                rows[row["id"]] = dict(row)
                keys[row["uid"] if column is POSTS.c.uid else row["id"]] = row["id"]
    channels = _channels_of(conn, list(rows))
    campaigns = dict(conn.execute(select(CAMPAIGNS.c.id, CAMPAIGNS.c.name)).all())
    items: dict[int, str | None] = {}
    for chunk in _chunks(sorted({r["item_id"] for r in rows.values() if r["item_id"]})):
        items.update(conn.execute(select(ITEMS.c.id, ITEMS.c.url)
                                  .where(ITEMS.c.id.in_(chunk))).all())
    shown = {post_id: post_dict(row, channels.get(post_id, []),
                                campaigns.get(row["campaign_id"]), items.get(row["item_id"]))
             for post_id, row in rows.items()}
    return {key: shown[post_id] for key, post_id in keys.items()}


def _channels_of(conn: Connection, ids: Sequence[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {post_id: [] for post_id in ids}
    for chunk in _chunks(sorted(set(ids))):
        for post_id, source in conn.execute(
                select(CHANNELS.c.post_id, CHANNELS.c.source_id)
                .where(CHANNELS.c.post_id.in_(chunk))):
            found[post_id].append(source)
    return {post_id: sorted(sources) for post_id, sources in found.items()}


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
    channels = sorted(conn.execute(select(CHANNELS.c.source_id).where(
        CHANNELS.c.post_id == row["id"])).scalars())
    campaign = None
    if row["campaign_id"] is not None:
        campaign = conn.execute(select(CAMPAIGNS.c.name).where(
            CAMPAIGNS.c.id == row["campaign_id"])).scalar()
    item_url = None
    if row["item_id"] is not None:
        item_url = conn.execute(select(ITEMS.c.url).where(ITEMS.c.id == row["item_id"])).scalar()
    return post_dict(row, channels, campaign, item_url)


def post_dict(row: dict, channels: list[int], campaign: str | None,
              item_url: str | None) -> dict:
    """``post_json`` of a row whose channels, campaign name and item link are known."""
    span = post_span(row)
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
        "created_by": row.get("created_by"), "language": row.get("language"),
    }
