"""The outbox: exactly-once bookkeeping for everything Attaché sends to a platform.

One row per send target (a post's occurrence on one channel, or an answer), unique by its
``dedupe_key``. Its states:

============  =========================================================================
sending       claimed by one sender; its request may be in flight
published     done; the platform's id and the address are recorded
failed        nothing was created (the platform said no, or nothing reached it); tried
              again after ``retry_at``
unconfirmed   a request may have reached a platform that cannot recognise a repeat, and
              its answer was lost: never sent again by itself; an officer confirms
              (``attache publish confirm``)
missed        the post's time passed by more than ``publish_late_hours`` before anything
              was sent; ``attache publish post`` still sends it
============  =========================================================================

The protocol, so that two senders on one database (the app and a scheduled ``attache publish
due``, or two of those) never both send, and a sender killed at any point leaves the truth:

1. **Claim** in a transaction of its own, committed before any request: insert the row
   (``dedupe_key`` is unique, so a second inserter fails) or move an existing row to
   ``sending`` with a compare-and-set on its ``attempts`` counter (a second updater matches
   nothing). Both work alike on SQLite and PostgreSQL. The claim carries a random token and
   who holds it (host and process).
2. **Send**, outside any transaction.
3. **Record** the outcome, only if the claim is still ours.

A ``sending`` row whose holder is gone (its process no longer runs on this host, or the claim
is older than ``LEASE`` for another host) is an interrupted attempt: the platform may or may
not have the post. It is sent again only when the platform recognises a repeat within the time
since the attempt (``Publisher.resend_window``: Mastodon's Idempotency-Key for an hour,
Bluesky's record key forever); otherwise it becomes ``unconfirmed``.
"""

from __future__ import annotations

import hashlib
import os
import socket
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, and_, exists, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from core.errors import KnownError, NotFoundError
from core.storage.database import Database
from core.storage.models import ITEMS, POSTS, Outbox
from core.storage.types import iso

OUTBOX = Outbox.__table__
# What an unconfirmed send's error adds to the platform's: the CLI's way out (the post
# editor offers its own buttons instead, and shows only the cause).
UNCONFIRMED_ADVICE = ("the platform cannot recognise a repeat, so it is not sent again: check "
                      "the channel, then run `attache publish confirm` with --published URL "
                      "or --not-published")
LEASE = timedelta(minutes=15)  # a claim older than this from another host is abandoned
FIRST_RETRY = timedelta(minutes=5)
MAX_RETRY = timedelta(hours=6)


@dataclass(frozen=True)
class Target:
    """Something to send once."""

    dedupe_key: str
    kind: str  # post | answer
    source_id: int
    platform: str
    post_id: int | None = None
    occurrence: str = ""
    reply_id: int | None = None
    text: str | None = None

    @property
    def idem_key(self) -> str:
        """What the platform sees on every attempt (Mastodon's Idempotency-Key)."""
        return "attache-" + hashlib.sha256(self.dedupe_key.encode("utf-8")).hexdigest()[:40]


@dataclass(frozen=True)
class Claim:
    """A target this sender now holds."""

    row_id: int
    token: str
    attempts: int  # including this one
    resumed: bool  # an earlier attempt was interrupted: the platform may already have it
    claimed_at: datetime
    uncertain_since: datetime | None  # the first attempt whose outcome is unknown, if any


@dataclass(frozen=True)
class Taken:
    """Why a target could not be claimed, with its row as it stands."""

    state: str
    row: dict
    reason: str


def holder() -> str:
    return f"{socket.gethostname()}/{os.getpid()}"


# ---------------------------------------------------------------------------- claiming

def claim(db: Database, target: Target, now: datetime, *, actor: str,
          resend_window: timedelta | None, allow_missed: bool = False,
          force: bool = False) -> Claim | Taken:
    """Claim ``target`` for this sender (see the module docstring), or say why not."""
    token = uuid.uuid4().hex
    try:
        with db.write() as conn:
            row = _row_by_key(conn, target.dedupe_key)
            if row is None:
                row_id = conn.execute(insert(OUTBOX).values(
                    dedupe_key=target.dedupe_key, kind=target.kind, post_id=target.post_id,
                    occurrence=target.occurrence, reply_id=target.reply_id,
                    source_id=target.source_id, platform=target.platform, state="sending",
                    idem_key=target.idem_key, text=target.text, attempts=1, claim=token,
                    claimed_by=holder(), claimed_at=now, actor=actor,
                    created_at=now, updated_at=now)).inserted_primary_key[0]
                return Claim(row_id, token, 1, False, now, None)
            decision = _may_claim(row, now, resend_window, allow_missed, force)
            if isinstance(decision, Taken):
                if decision.state == "unconfirmed" and row["state"] in ("sending", "failed"):
                    conn.execute(update(OUTBOX).where(
                        OUTBOX.c.id == row["id"], OUTBOX.c.attempts == row["attempts"])
                        .values(state="unconfirmed", claim=None, error=decision.reason,
                                updated_at=now))
                    decision = Taken("unconfirmed", {**row, "state": "unconfirmed",
                                                     "error": decision.reason},
                                     decision.reason)
                return decision
            # An interrupted sender's attempt is one whose outcome is unknown.
            uncertain = row["uncertain_since"] or (row["claimed_at"] if row["state"] == "sending"
                                                   else None)
            done = conn.execute(update(OUTBOX).where(
                OUTBOX.c.id == row["id"], OUTBOX.c.attempts == row["attempts"],
                OUTBOX.c.state == row["state"]).values(
                state="sending", claim=token, claimed_by=holder(), claimed_at=now,
                attempts=row["attempts"] + 1, uncertain_since=uncertain,
                actor=actor, updated_at=now))
            if done.rowcount != 1:  # another sender moved it between our read and write
                return Taken("sending", row, "another sender has just claimed it")
            return Claim(row["id"], token, row["attempts"] + 1, uncertain is not None, now,
                         uncertain)
    except IntegrityError:  # another sender inserted the same key first (PostgreSQL)
        with db.read() as conn:
            row = _row_by_key(conn, target.dedupe_key)
        return Taken(row["state"] if row else "sending", row or {},
                     "another sender has just claimed it")


def _may_claim(row: dict, now: datetime, resend_window: timedelta | None,
               allow_missed: bool, force: bool) -> Taken | None:
    state = row["state"]
    if state == "published":
        return Taken(state, row, "already published")
    if state == "unconfirmed":
        return Taken(state, row, row["error"] or "the outcome of the last attempt is unknown; "
                     "confirm it with `attache publish confirm`")
    if state == "missed" and not allow_missed:
        return Taken(state, row, row["error"] or "its time has passed")
    if state == "failed" and not force and row["retry_at"] is not None and row["retry_at"] > now:
        return Taken(state, row, f"{row['error']} (next try after "
                                 f"{row['retry_at'].isoformat(timespec='minutes')})")
    if state == "sending" and not _abandoned(row, now):
        return Taken(state, row, "another sender is publishing it right now")
    # An attempt whose outcome is unknown (a sender stopped mid-request, a lost answer) may
    # be repeated only while the platform would recognise the repeat.
    since = row["uncertain_since"] or (row["claimed_at"] if state == "sending" else None)
    if since is not None and (resend_window is None or now - since > resend_window):
        when = since.isoformat(timespec="seconds")
        what = ("was interrupted before its answer was recorded" if state == "sending"
                else "got no answer")
        return Taken("unconfirmed", row, (
            f"the attempt of {when} {what}, and the platform can no longer recognise a "
            "repeat: check the channel, then run `attache publish confirm` with --published "
            "URL or --not-published"))
    return None


def _abandoned(row: dict, now: datetime) -> bool:
    """Whether the sender holding ``row`` is gone."""
    host, _, pid = (row["claimed_by"] or "").rpartition("/")
    if host == socket.gethostname() and pid.isdigit():
        return not process_alive(int(pid))
    claimed = row["claimed_at"]
    return claimed is None or now - claimed > LEASE


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this computer (a zombie counts as gone)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    try:  # Linux: a killed child not yet reaped by its parent still answers signal 0
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat[stat.rindex(")") + 2:][:1] not in ("Z", "X")
    except (OSError, ValueError):
        return True


def _windows_process_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


# ---------------------------------------------------------------------------- recording

def record_sent(db: Database, claim_: Claim, remote_id: str, url: str | None, now: datetime,
                then: Callable[[Connection, dict], None] | None = None) -> dict:
    """The platform has it. Recorded even if our claim was taken over meanwhile (we know
    better than whoever marked it unconfirmed). ``then(conn, row)`` runs in the same
    transaction (the post's own status)."""
    with db.write() as conn:
        conn.execute(update(OUTBOX).where(OUTBOX.c.id == claim_.row_id).values(
            state="published", remote_id=remote_id, url=url, done_at=now, error=None,
            claim=None, retry_at=None, updated_at=now))
        row = _row_by_id(conn, claim_.row_id)
        if then is not None:
            then(conn, row)
        return row


def record_refused(db: Database, claim_: Claim, error: str, now: datetime,
                   retry_at: datetime | None = None) -> dict:
    """Nothing was created; try again at ``retry_at`` (default: a growing back-off)."""
    delay = min(FIRST_RETRY * 2 ** max(claim_.attempts - 1, 0), MAX_RETRY)
    return _record(db, claim_, now, state="failed", error=error,
                   retry_at=retry_at or now + delay)


def record_unknown(db: Database, claim_: Claim, error: str, now: datetime,
                   resend_window: timedelta | None) -> dict:
    """The answer was lost. Safe to repeat within the platform's window (counted from the
    first attempt whose outcome is unknown): failed, tried again soon with the same key;
    otherwise unconfirmed, for an officer to resolve."""
    since = claim_.uncertain_since or claim_.claimed_at
    if resend_window is not None and now - since < resend_window:
        return _record(db, claim_, now, state="failed", error=error, uncertain_since=since,
                       retry_at=now + timedelta(minutes=1))
    return _record(db, claim_, now, state="unconfirmed", uncertain_since=since,
                   error=f"{error}; {UNCONFIRMED_ADVICE}")


def _record(db: Database, claim_: Claim, now: datetime, **values: object) -> dict:
    with db.write() as conn:
        conn.execute(update(OUTBOX).where(OUTBOX.c.id == claim_.row_id,
                                          OUTBOX.c.claim == claim_.token)
                     .values(claim=None, updated_at=now, **values))
        return _row_by_id(conn, claim_.row_id)


def mark_missed(db: Database, target: Target, now: datetime, reason: str,
                actor: str) -> dict | None:
    """Record once that ``target``'s time passed unsent; None when a row already exists."""
    try:
        with db.write() as conn:
            if _row_by_key(conn, target.dedupe_key) is not None:
                return None
            conn.execute(insert(OUTBOX).values(
                dedupe_key=target.dedupe_key, kind=target.kind, post_id=target.post_id,
                occurrence=target.occurrence, reply_id=target.reply_id,
                source_id=target.source_id, platform=target.platform, state="missed",
                idem_key=target.idem_key, text=target.text, attempts=0, error=reason,
                actor=actor, created_at=now, updated_at=now))
            return _row_by_key(conn, target.dedupe_key)
    except IntegrityError:
        return None


# ---------------------------------------------------------------------------- reading

def rows_for(conn: Connection, dedupe_keys: Iterable[str]) -> dict[str, dict]:
    keys = sorted(set(dedupe_keys))
    found: dict[str, dict] = {}
    for start in range(0, len(keys), 500):
        for row in conn.execute(select(OUTBOX).where(
                OUTBOX.c.dedupe_key.in_(keys[start:start + 500]))).mappings():
            found[row["dedupe_key"]] = dict(row)
    return found


def post_rows(conn: Connection, post_ids: Iterable[int]) -> dict[int, list[dict]]:
    """The outbox rows of each post (every occurrence and channel)."""
    ids = sorted(set(post_ids))
    found: dict[int, list[dict]] = {}
    for start in range(0, len(ids), 500):
        for row in conn.execute(select(OUTBOX).where(
                OUTBOX.c.kind == "post", OUTBOX.c.post_id.in_(ids[start:start + 500]))
                .order_by(OUTBOX.c.id)).mappings():
            found.setdefault(row["post_id"], []).append(dict(row))
    return found


def _row_by_key(conn: Connection, key: str) -> dict | None:
    row = conn.execute(select(OUTBOX).where(OUTBOX.c.dedupe_key == key)).mappings().first()
    return dict(row) if row else None


def _row_by_id(conn: Connection, row_id: int) -> dict:
    return dict(conn.execute(select(OUTBOX).where(OUTBOX.c.id == row_id)).mappings().one())


def row_json(row: dict) -> dict:
    return {"state": row["state"], "remote_id": row["remote_id"], "url": row["url"],
            "error": row["error"], "attempts": row["attempts"],
            "done_at": iso(row["done_at"]), "retry_at": iso(row["retry_at"])}


# ---------------------------------------------------------------------------- resolving

def confirm(db: Database, post_id: int, source_id: int, *, occurrence: str | None,
            published: str | None, remote: Callable[[dict, str], tuple[str, str | None]],
            now: datetime, actor: str,
            then: Callable[[Connection, dict], None] | None = None) -> dict:
    """Resolve an ``unconfirmed`` row: published (with what the officer saw: an address or
    an id, turned into ``(remote_id, url)`` by ``remote``) or not published (sent again by
    the next run)."""
    with db.write() as conn:
        query = select(OUTBOX).where(OUTBOX.c.kind == "post", OUTBOX.c.post_id == post_id,
                                     OUTBOX.c.source_id == source_id)
        rows = [dict(r) for r in conn.execute(query.order_by(OUTBOX.c.id)).mappings()]
        if occurrence is not None:
            rows = [r for r in rows if occurrence in (r["occurrence"], _shown(r))]
        open_rows = [r for r in rows if r["state"] == "unconfirmed"]
        if not rows:
            raise NotFoundError(f"post {post_id} has nothing recorded for channel {source_id}"
                                + (f" at {occurrence}" if occurrence else ""))
        if not open_rows:
            states = ", ".join(sorted({r["state"] for r in rows}))
            raise KnownError(f"post {post_id} on channel {source_id} is not unconfirmed "
                             f"({states}); nothing to confirm")
        if len(open_rows) > 1:
            raise KnownError(f"post {post_id} has {len(open_rows)} unconfirmed occurrences on "
                             "channel " f"{source_id}; name one with --occurrence ("
                             + ", ".join(_shown(r) for r in open_rows) + ")")
        row = open_rows[0]
        if published is not None:
            remote_id, url = remote(row, published)
            values: dict = {"state": "published", "remote_id": remote_id, "url": url,
                            "done_at": now, "error": None}
        else:
            values = {"state": "failed", "retry_at": now, "uncertain_since": None,
                      "error": f"not published (confirmed by {actor}); sent again by the next "
                               "run"}
        conn.execute(update(OUTBOX).where(OUTBOX.c.id == row["id"],
                                          OUTBOX.c.state == "unconfirmed")
                     .values(claim=None, updated_at=now, actor=actor, **values))
        row = _row_by_id(conn, row["id"])
        if then is not None and row["state"] == "published":
            then(conn, row)
        return row


def _shown(row: dict) -> str:
    return row["occurrence"] or "single"


# ---------------------------------------------------------------------------- linking

def link_published_items(conn: Connection, source_id: int) -> int:
    """Tie what was published on ``source_id`` to the items a refresh just stored, by the
    platform's id (an item's guid is the id the platform gave the post), and give each post
    without an item the first one. In the caller's transaction; returns how many were tied."""
    from core.calendar.posts import link_item

    same_item = and_(ITEMS.c.source_id == OUTBOX.c.source_id, ITEMS.c.guid == OUTBOX.c.remote_id)
    waiting = and_(OUTBOX.c.source_id == source_id, OUTBOX.c.kind == "post",
                   OUTBOX.c.state == "published", OUTBOX.c.item_id.is_(None),
                   OUTBOX.c.remote_id.is_not(None), exists(select(ITEMS.c.id).where(same_item)))
    linked = conn.execute(update(OUTBOX).where(waiting).values(
        item_id=select(ITEMS.c.id).where(same_item).limit(1).scalar_subquery())).rowcount
    if linked:
        posts = conn.execute(
            select(OUTBOX.c.post_id, func.min(OUTBOX.c.item_id))
            .join(POSTS, POSTS.c.id == OUTBOX.c.post_id)
            .where(OUTBOX.c.source_id == source_id, OUTBOX.c.item_id.is_not(None),
                   POSTS.c.item_id.is_(None))
            .group_by(OUTBOX.c.post_id)).all()
        for post_id, item_id in posts:
            link_item(conn, post_id, item_id)
    return linked
