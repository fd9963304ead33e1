"""Publishing the plan: which occurrences are due, and the claim → check → send → record loop.

A post goes out when its status is approved or scheduled and an occurrence's time has come (a
timed post at its time, an all-day post at ``all_day_publish_time`` in its own zone), on each
of its channels that is one of the embassy's own accounts on a platform Attaché publishes to.
An occurrence missed by more than ``publish_late_hours`` (the computer was off over the
weekend) is not sent by itself: it is reported once as missed, and ``attache publish post``
still sends it; so is one due before the database learned to publish (migration 0009 notes
when), which was posted by hand if at all. A single post becomes ``published`` when every
channel Attaché can publish to has it; a recurring post keeps its status and each occurrence
is sent once.

Each (post, occurrence, channel) is one ledger row (core/publish/ledger.py): claimed before
any request, so two runs at once never both send it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import or_, select

from core.calendar.posts import (
    CHANNELS,
    POSTS,
    SOURCES,
    ConflictError,
    PostFields,
    occurrences,
    update_post,
)
from core.calendar.timezones import zone
from core.errors import KnownError, NotFoundError
from core.net.fetch import Fetcher
from core.platforms import display_name, names
from core.publish import clearance, ledger
from core.publish.base import (
    Channel,
    OutcomeUnknown,
    Outgoing,
    Publisher,
    Refused,
    SendContext,
    Sent,
)
from core.publish.images import ImageFile, post_images
from core.publish.registry import publisher_for, publishing_platforms
from core.settings import Settings
from core.storage.database import Database
from core.storage.models import META

log = logging.getLogger("attache.publish")

PUBLISHABLE = ("approved", "scheduled")
MISSED_HORIZON = timedelta(days=7)  # older occurrences are left alone entirely
STATUSES = ("published", "failed", "skipped", "unconfirmed", "would_publish")


@dataclass
class Outcome:
    """One line of ``attache publish due|post``: a post occurrence on one channel."""

    post_id: int
    occurrence: str  # its time (ISO 8601 with offset) or day
    channel_id: int | None
    platform: str | None
    status: str  # one of STATUSES
    remote_id: str | None = None
    url: str | None = None
    error: str | None = None
    title: str = ""
    text: str | None = None  # --dry-run: exactly what would go out
    images: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        data = {"post_id": self.post_id, "occurrence": self.occurrence,
                "channel_id": self.channel_id, "platform": self.platform,
                "status": self.status, "remote_id": self.remote_id, "url": self.url,
                "error": self.error, "title": self.title}
        if self.text is not None:
            data["text"] = self.text
            data["images"] = self.images
        return data


@dataclass(frozen=True)
class Occurrence:
    post: dict  # the planned_post row
    key: str  # "" for a single post; the occurrence's time for a recurring one
    at: datetime  # when it is due (aware)
    shown: str  # what the officer sees


@dataclass
class Run:
    """What one ``publish`` call needs."""

    db: Database
    fetcher: Fetcher
    settings: Settings
    now: datetime
    dry_run: bool = False
    actor: str = ""
    on_outcome: Callable[[Outcome], None] | None = None  # the app: a chip per channel

    def __post_init__(self) -> None:
        self.actor = self.actor or clearance.current_actor(self.settings)

    @property
    def context(self) -> SendContext:
        return SendContext(self.fetcher, self.settings, self.now)


# ---------------------------------------------------------------------------- what is due

def due_occurrences(db: Database, settings: Settings, now: datetime) -> list[Occurrence]:
    """Every occurrence of an approved or scheduled post whose time has come within the last
    ``MISSED_HORIZON``, oldest first."""
    first, last = (now - MISSED_HORIZON).date() - timedelta(days=1), now.date() + timedelta(days=1)
    # A single post can be due only around now; a recurring one is expanded to see.
    single_in_window = or_(POSTS.c.start_at.between(now - MISSED_HORIZON - timedelta(days=1),
                                                    now + timedelta(days=1)),
                           POSTS.c.start_date.between(first, last))
    with db.read() as conn:
        posts = [dict(r) for r in conn.execute(select(POSTS).where(
            POSTS.c.status.in_(PUBLISHABLE),
            or_(POSTS.c.rrule.is_not(None), single_in_window))).mappings()]
    found = [occ for post in posts for occ in _occurrences(post, first, last, settings)
             if now - MISSED_HORIZON <= occ.at <= now]
    return sorted(found, key=lambda o: (o.at, o.post["id"]))


def _occurrences(post: dict, first: date, last: date, settings: Settings) -> list[Occurrence]:
    found = []
    publish_time = time.fromisoformat(settings.all_day_publish_time)
    for span in occurrences(post, first, last):
        if isinstance(span.start, datetime):
            at, shown = span.start, span.start.isoformat()
        else:
            at, shown = datetime.combine(span.start, publish_time, zone(post["tz"])), \
                span.start.isoformat()
        key = shown if post["rrule"] else ""
        found.append(Occurrence(post, key, at, shown))
    return found


def publishing_since(db: Database) -> datetime | None:
    """When this database learned to publish (migration 0009 notes it)."""
    with db.read() as conn:
        value = conn.execute(select(META.c.value).where(
            META.c.key == "publishing_since")).scalar()
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def dedupe_key(post: dict, occurrence_key: str, source_id: int) -> str:
    return f"post:{post['uid']}:{occurrence_key}:{source_id}"


# ---------------------------------------------------------------------------- entry points

def publish_due(run: Run) -> list[Outcome]:
    """Send every due occurrence on every channel that has not had it (``--dry-run``: say
    what would be sent)."""
    late = timedelta(hours=run.settings.publish_late_hours)
    occurrences_due = due_occurrences(run.db, run.settings, run.now)
    since = publishing_since(run.db)
    # Read once for every occurrence: a tick where everything is done makes three queries.
    channels = _channels_of(run.db, {o.post["id"] for o in occurrences_due})
    with run.db.read() as conn:
        rows = ledger.rows_for(conn, [dedupe_key(o.post, o.key, c.source_id)
                                      for o in occurrences_due
                                      for c in channels.get(o.post["id"], [])])
    outcomes: list[Outcome] = []
    for occ in occurrences_due:
        missed = None
        if run.now - occ.at > late:
            missed = (f"missed: due at {occ.shown}, more than "
                      f"{run.settings.publish_late_hours} h ago")
        elif since is not None and occ.at < since:  # an upgrade: posted by hand then, if at all
            missed = (f"missed: due at {occ.shown}, before this database published "
                      f"({since.isoformat(timespec='minutes')})")
        outcomes += _publish_occurrence(run, occ, None, missed=missed, explicit=False,
                                        channels=channels.get(occ.post["id"], []), rows=rows)
    return outcomes


def publish_post(run: Run, post_id: int, channel_ids: Sequence[int] = ()) -> list[Outcome]:
    """Send an approved post now, on all its channels or the ones named; a recurring post's
    current occurrence (the latest that has begun, else the next)."""
    with run.db.read() as conn:
        post = conn.execute(select(POSTS).where(POSTS.c.id == post_id)).mappings().first()
    if post is None:
        raise NotFoundError(f"there is no planned post {post_id} (see: attache posts list)")
    post = dict(post)
    if post["status"] not in (*PUBLISHABLE, "published"):
        raise KnownError(f"post {post_id} is {post['status']}; only approved or scheduled "
                         "posts are published")
    occ = _current_occurrence(post, run)
    if occ is None:
        raise KnownError(f"post {post_id} has no occurrence left to publish")
    if post["status"] == "published":  # what went out is reported; nothing more is sent
        return _already_published(run, occ, list(channel_ids) or None)
    return _publish_occurrence(run, occ, list(channel_ids) or None, missed=None, explicit=True)


def _already_published(run: Run, occ: Occurrence, only: list[int] | None) -> list[Outcome]:
    post = occ.post
    channels = [c for c in _channels(run.db, post["id"]) if only is None or c.source_id in only]
    with run.db.read() as conn:
        rows = ledger.rows_for(conn, [dedupe_key(post, occ.key, c.source_id) for c in channels])
    outcomes = []
    for channel in channels:
        row = rows.get(dedupe_key(post, occ.key, channel.source_id)) or {}
        done = row.get("state") == "published"
        outcomes.append(Outcome(
            post["id"], occ.shown, channel.source_id, channel.platform, "skipped",
            remote_id=row.get("remote_id"), url=row.get("url"), title=post["title"],
            error="already published" if done else
            "the post is marked published (by hand): nothing is sent"))
    return outcomes


def _current_occurrence(post: dict, run: Run) -> Occurrence | None:
    if not post["rrule"]:
        day = (post["start_date"] if post["all_day"]
               else post["start_at"].astimezone(zone(post["tz"])).date())
        return next(iter(_occurrences(post, day, day, run.settings)), None)
    today = run.now.date()
    past = _occurrences(post, today - timedelta(days=366), today + timedelta(days=1),
                        run.settings)
    started = [o for o in past if o.at <= run.now]
    if started:
        return started[-1]
    upcoming = _occurrences(post, today, today + timedelta(days=366 * 5), run.settings)
    return upcoming[0] if upcoming else None


# ---------------------------------------------------------------------------- one occurrence

def _publish_occurrence(run: Run, occ: Occurrence, only: list[int] | None, *,
                        missed: str | None,
                        explicit: bool, channels: list[Channel] | None = None,
                        rows: dict[str, dict] | None = None) -> list[Outcome]:
    post = occ.post
    if channels is None:
        channels = _channels(run.db, post["id"])
    if only is not None:
        unknown = [c for c in only if c not in {ch.source_id for ch in channels}]
        if unknown:
            raise KnownError(f"channel {unknown[0]} is not one of post {post['id']}'s channels "
                             f"({', '.join(str(c.source_id) for c in channels) or 'none'})")
        channels = [c for c in channels if c.source_id in only]
    outcomes: list[Outcome] = []

    def emit(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if run.on_outcome is not None:
            run.on_outcome(outcome)

    def base(channel: Channel | None, status: str, **values: object) -> Outcome:
        return Outcome(post["id"], occ.shown, channel.source_id if channel else None,
                       channel.platform if channel else None, status, title=post["title"],
                       **values)  # type: ignore[arg-type]

    if not channels:
        if explicit or not missed:
            emit(base(None, "skipped", error="the post has no channels to publish on"))
        return outcomes
    if rows is None:
        with run.db.read() as conn:
            rows = ledger.rows_for(conn, [dedupe_key(post, occ.key, c.source_id)
                                          for c in channels])
    outgoing: Outgoing | None = None
    for channel in channels:
        target = _target(post, occ, channel)
        row = rows.get(target.dedupe_key)
        publisher = publisher_for(channel.platform)
        skip = _unsendable(channel, publisher)
        if skip:
            if explicit or (not missed and row is None):
                emit(base(channel, "skipped", error=skip))
            continue
        assert publisher is not None
        if row is not None and not explicit and (
                row["state"] in ("published", "missed")
                or (row["state"] == "failed" and row["retry_at"] is not None
                    and row["retry_at"] > run.now)):
            continue  # done, reported as missed once already, or waiting for its next try
        if row is not None and row["state"] == "published":
            emit(base(channel, "skipped", remote_id=row["remote_id"], url=row["url"],
                      error="already published"))
            continue
        if row is not None and row["state"] == "unconfirmed":
            emit(base(channel, "unconfirmed", error=row["error"]))
            continue
        if missed and row is None:
            reason = f"{missed}; publish it with `attache publish post {post['id']}`"
            if not run.dry_run:
                ledger.mark_missed(run.db, target, run.now, reason, run.actor)
            emit(base(channel, "skipped", error=reason))
            continue
        if missed:  # a failed row whose time has since passed: leave it, as missed
            continue
        if outgoing is None:
            with run.db.read() as conn:
                outgoing = _outgoing(post, post_images(conn, post["id"]))
        out = Outgoing(outgoing.text, target.idem_key, outgoing.images, outgoing.language,
                       anchor=post["created_at"])
        emit(_send(run, publisher, channel, target, out, base, explicit=explicit))
    if not run.dry_run and not post["rrule"] and outcomes:
        mark_published_when_complete(run.db, post["id"], run.actor)
    return outcomes


def _unsendable(channel: Channel, publisher: Publisher | None) -> str | None:
    if publisher is None:
        return (f"publishing to {display_name(channel.platform)} is not supported (Attaché "
                f"publishes to {names(publishing_platforms())})")
    if not channel.own:
        return (f"{channel.name} is not marked as one of the embassy's own accounts; "
                "only those are published to (add it again with --own)")
    return None


def _send(run: Run, publisher: Publisher, channel: Channel, target: ledger.Target,
          outgoing: Outgoing, base: Callable[..., Outcome], *, explicit: bool) -> Outcome:
    ctx = run.context
    try:
        publisher.check(channel, outgoing, ctx)
    except Refused as exc:  # nothing sent; checked again on every run until it is fixed
        return base(channel, "failed", error=str(exc))
    if run.dry_run:
        return base(channel, "would_publish", text=outgoing.text,
                    images=[{"filename": i.filename, "alt": i.alt, "size": i.size}
                            for i in outgoing.images])
    got = ledger.claim(run.db, target, run.now, actor=run.actor,
                       resend_window=publisher.resend_window, allow_missed=explicit,
                       force=explicit)
    if isinstance(got, ledger.Taken):
        if got.state == "unconfirmed":
            return base(channel, "unconfirmed", error=got.reason)
        if got.state == "failed" and not explicit:
            return base(channel, "skipped", error=got.reason)
        return base(channel, "skipped", remote_id=got.row.get("remote_id"),
                    url=got.row.get("url"), error=got.reason)
    retrying = got.resumed or got.attempts > 1
    try:
        sent: Sent = publisher.send(channel, outgoing, ctx, retrying=retrying)
    except Refused as exc:
        row = ledger.record_refused(run.db, got, str(exc), run.now, exc.retry_at)
        return base(channel, "failed", error=row["error"])
    except OutcomeUnknown as exc:
        row = ledger.record_unknown(run.db, got, str(exc), run.now, publisher.resend_window)
        return base(channel, "unconfirmed" if row["state"] == "unconfirmed" else "failed",
                    error=row["error"])
    except Exception as exc:  # a bug: the request may have gone out; never send it again
        log.exception("publishing post %s on %s crashed", target.post_id, channel.url)
        ledger.record_unknown(run.db, got, f"unexpected error: {type(exc).__name__}: {exc}",
                              run.now, None)
        raise
    ledger.record_sent(run.db, got, sent.remote_id, sent.url, run.now)
    log.info("published post %s on %s as %s", target.post_id, channel.url, sent.remote_id)
    return base(channel, "published", remote_id=sent.remote_id, url=sent.url)


def mark_published_when_complete(db: Database, post_id: int, actor: str) -> bool:
    """A single post becomes published once every channel Attaché can publish to has it."""
    with db.read() as conn:
        post = conn.execute(select(POSTS).where(POSTS.c.id == post_id)).mappings().first()
    if post is None or post["rrule"] or post["status"] not in PUBLISHABLE:
        return False
    sendable = [c for c in _channels(db, post_id)
                if _unsendable(c, publisher_for(c.platform)) is None]
    if not sendable:
        return False
    with db.read() as conn:
        rows = ledger.rows_for(conn, [dedupe_key(post, "", c.source_id) for c in sendable])
    if len(rows) != len(sendable) or any(r["state"] != "published" for r in rows.values()):
        return False
    try:
        update_post(db, post_id, PostFields(status="published"), post["version"],
                    policy=clearance.Policy(actor, False),
                    note=f"published on {len(sendable)} channel(s)")
    except ConflictError:  # changed meanwhile: another sender may have just done this
        return mark_published_when_complete(db, post_id, actor)
    return True


# ---------------------------------------------------------------------------- building blocks

def _channels(db: Database, post_id: int) -> list[Channel]:
    return _channels_of(db, {post_id}).get(post_id, [])


def _channels_of(db: Database, post_ids: set[int]) -> dict[int, list[Channel]]:
    """Each post's channels, in source order."""
    found: dict[int, list[Channel]] = {}
    ids = sorted(post_ids)
    with db.read() as conn:
        for start in range(0, len(ids), 500):
            for r in conn.execute(
                    select(CHANNELS.c.post_id, SOURCES.c.id, SOURCES.c.kind, SOURCES.c.url,
                           SOURCES.c.account_id, SOURCES.c.title, SOURCES.c.own)
                    .join(CHANNELS, CHANNELS.c.source_id == SOURCES.c.id)
                    .where(CHANNELS.c.post_id.in_(ids[start:start + 500]))
                    .order_by(CHANNELS.c.post_id, SOURCES.c.id)):
                found.setdefault(r.post_id, []).append(
                    Channel(r.id, r.kind, r.url, r.account_id, r.title, bool(r.own)))
    return found


def own_channels(db: Database) -> list[Channel]:
    """The embassy's own accounts, in source order (what a post may go out on)."""
    with db.read() as conn:
        return [Channel(r.id, r.kind, r.url, r.account_id, r.title, bool(r.own))
                for r in conn.execute(
                    select(SOURCES.c.id, SOURCES.c.kind, SOURCES.c.url, SOURCES.c.account_id,
                           SOURCES.c.title, SOURCES.c.own)
                    .where(SOURCES.c.own.is_(True)).order_by(SOURCES.c.id))]


def channel_of(db: Database, source_id: int) -> Channel:
    with db.read() as conn:
        r = conn.execute(select(SOURCES.c.id, SOURCES.c.kind, SOURCES.c.url,
                                SOURCES.c.account_id, SOURCES.c.title, SOURCES.c.own)
                         .where(SOURCES.c.id == source_id)).first()
    if r is None:
        raise NotFoundError(f"there is no source {source_id} (see: attache sources list)")
    return Channel(r.id, r.kind, r.url, r.account_id, r.title, bool(r.own))


def _target(post: dict, occ: Occurrence, channel: Channel) -> ledger.Target:
    return ledger.Target(dedupe_key(post, occ.key, channel.source_id), "post",
                         channel.source_id, channel.platform, post_id=post["id"],
                         occurrence=occ.key)


def _outgoing(post: dict, images: list[ImageFile]) -> Outgoing:
    text = (post["body"] or "").strip()
    return Outgoing(text, "", tuple(images), post["language"] or detected_language(text))


def detected_language(text: str) -> str | None:
    """The text's language when the detector is reasonably sure (Mastodon's and Bluesky's
    language field; a wrong one hides a post from readers filtering by language)."""
    if not text.strip():
        return None
    from core.sentiment.language import detect_language

    found = detect_language(text)
    return found.code if found.code and found.confidence >= 0.6 else None


