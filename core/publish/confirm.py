"""What an officer resolves by hand: a send whose outcome is unknown, and what was sent.

Where a platform cannot recognise a repeated request (Telegram, Facebook) and the answer to
one was lost, Attaché does not guess: the send stays ``unconfirmed`` until an officer looks at
the channel and says ``--published URL`` (recorded as published, the post's status follows)
or ``--not-published`` (the next run sends it).
"""

from __future__ import annotations

from sqlalchemy import select

from core.calendar.posts import post_span
from core.errors import KnownError, NotFoundError
from core.publish import clearance, ledger
from core.publish.registry import publisher_for
from core.publish.runner import channel_of, mark_published_when_complete
from core.storage.database import Database
from core.storage.models import POSTS
from core.storage.types import iso, utcnow


def confirm_send(db: Database, post_id: int, channel_id: int, *, published: str | None,
                 occurrence: str | None = None) -> dict:
    channel = channel_of(db, channel_id)
    publisher = publisher_for(channel.platform)
    if publisher is None:
        raise KnownError(f"Attaché does not publish to {channel.platform}")
    actor = clearance.current_actor()
    row = ledger.confirm(
        db, post_id, channel_id, occurrence=occurrence,
        published=published.strip() if published is not None else None,
        remote=lambda _row, text: publisher.remote_from(channel, text),
        now=utcnow(), actor=actor)
    if row["state"] == "published":
        mark_published_when_complete(db, post_id, actor)
    return row


def send_states(db: Database, post_id: int) -> list[dict]:
    """Every send of the post, per occurrence and channel, as the ledger has it."""
    with db.read() as conn:
        post = conn.execute(select(POSTS).where(POSTS.c.id == post_id)).mappings().first()
        if post is None:
            raise NotFoundError(f"there is no planned post {post_id} (see: attache posts list)")
        rows = ledger.post_rows(conn, [post_id]).get(post_id, [])
    single = post_span(dict(post)).start.isoformat()
    return [{"occurrence": r["occurrence"] or single, "key": r["occurrence"],
             "channel_id": r["source_id"],
             "platform": r["platform"], "state": r["state"], "remote_id": r["remote_id"],
             "url": r["url"], "error": r["error"], "attempts": r["attempts"],
             "by": r["actor"], "done_at": iso(r["done_at"]), "retry_at": iso(r["retry_at"])}
            for r in rows]


def channel_states(db: Database, post_ids: list[int]) -> dict[tuple[int, str], list[tuple[
        int, str, str | None]]]:
    """(post id, occurrence key) → [(channel id, state, detail)] for the Calendar's chips.
    The key is "" for a single post, as the runner writes it (``runner.dedupe_key``)."""
    if not post_ids:
        return {}
    with db.read() as conn:
        rows = ledger.post_rows(conn, post_ids)
    found: dict[tuple[int, str], list[tuple[int, str, str | None]]] = {}
    for post_id, post_rows in rows.items():
        for row in post_rows:
            detail = row["url"] if row["state"] == "published" else row["error"]
            found.setdefault((post_id, row["occurrence"]), []).append(
                (row["source_id"], row["state"], detail))
    return found
