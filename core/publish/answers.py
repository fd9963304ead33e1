"""Answering a reply from the inbox, publicly, in its thread on the embassy's own account.

The answer goes out through the same publishers and the same ledger as posts (one send per
reply and text: answering twice with the same words sends once), so it is as exactly-once as
publishing. Once the platform has it, the answer is stored as the embassy's own reply in the
thread (``reply.own``; the next refresh finds it by its id and updates it in place), and the
reply it answers is marked answered, with who and when: the dashboard's "engaging" rung
measures how much is answered and how fast.

Mastodon names the person answered at the start of the text (its reply box does; without it
they are not told); Bluesky and Facebook tell the author of what is answered by themselves.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select, update

from core.entries.sanitize import text_to_html
from core.errors import KnownError, NotFoundError
from core.platforms import display_name, names
from core.publish import ledger
from core.publish.base import Channel, OutcomeUnknown, Outgoing, Refused, ReplyTarget
from core.publish.registry import answering_platforms, answers, publisher_for
from core.publish.runner import Run
from core.social.base import SocialReply
from core.social.replies import store_replies
from core.storage.models import ITEMS, REPLIES, SOURCES

MAX_ANSWER = 10_000  # a sanity bound; each platform's own limit is checked before sending


@dataclass
class AnswerOutcome:
    """``attache replies answer --json``: ``reply_id, platform, status, remote_id, url,
    error``; status is published, failed, unconfirmed or skipped."""

    reply_id: int
    platform: str
    status: str
    remote_id: str | None = None
    url: str | None = None
    error: str | None = None
    answer_id: int | None = None  # the stored answer (a reply row of our own)

    def to_json(self) -> dict:
        return {"reply_id": self.reply_id, "platform": self.platform, "status": self.status,
                "remote_id": self.remote_id, "url": self.url, "error": self.error,
                "answer_id": self.answer_id}


def answer_reply(run: Run, reply_id: int, text: str) -> AnswerOutcome:
    text = text.strip()
    if not text:
        raise KnownError("an answer needs some text (--text)")
    if len(text) > MAX_ANSWER:
        raise KnownError(f"an answer of {len(text)} characters is too long for any platform")
    with run.db.read() as conn:
        reply = conn.execute(select(REPLIES).where(REPLIES.c.id == reply_id)).mappings().first()
        if reply is None:
            raise NotFoundError(f"there is no reply {reply_id} (see: attache replies list)")
        reply = dict(reply)
        post_guid = conn.execute(select(ITEMS.c.guid).where(
            ITEMS.c.id == reply["item_id"])).scalar_one()
        source = conn.execute(select(SOURCES).where(
            SOURCES.c.id == reply["source_id"])).mappings().one()
    platform = reply["platform"]
    outcome = AnswerOutcome(reply_id, platform, "failed")
    if reply["own"]:
        outcome.error = "this is the embassy's own answer; answer the reply it answers"
        return outcome
    if not answers(platform):
        outcome.error = (f"answering on {display_name(platform)} is not supported (Attaché "
                         f"answers on {names(answering_platforms())})")
        return outcome
    publisher = publisher_for(platform)
    assert publisher is not None
    channel = Channel(source["id"], source["kind"], source["url"], source["account_id"],
                      source["title"], bool(source["own"]))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
    target = ledger.Target(f"answer:{platform}:{reply['platform_id']}:{digest}", "answer",
                           channel.source_id, platform, reply_id=reply_id, text=text)
    outgoing = Outgoing(text, target.idem_key, reply_to=ReplyTarget(
        reply["platform_id"], post_guid, reply["author_handle"]),
        anchor=reply["fetched_at"])
    try:
        publisher.check(channel, outgoing, run.context)
    except Refused as exc:
        outcome.error = str(exc)
        return outcome
    got = ledger.claim(run.db, target, run.now, actor=run.actor,
                       resend_window=publisher.resend_window, force=True)
    if isinstance(got, ledger.Taken):
        outcome.status = "unconfirmed" if got.state == "unconfirmed" else "skipped"
        outcome.remote_id, outcome.url = got.row.get("remote_id"), got.row.get("url")
        outcome.error = ("already answered with this text" if got.state == "published"
                         else got.reason)
        return outcome
    try:
        sent = publisher.send(channel, outgoing, run.context,
                              retrying=got.resumed or got.attempts > 1)
    except Refused as exc:
        outcome.error = ledger.record_refused(run.db, got, str(exc), run.now,
                                              exc.retry_at)["error"]
        return outcome
    except OutcomeUnknown as exc:
        row = ledger.record_unknown(run.db, got, str(exc), run.now, publisher.resend_window)
        outcome.status = "unconfirmed" if row["state"] == "unconfirmed" else "failed"
        outcome.error = row["error"]
        return outcome
    ledger.record_sent(run.db, got, sent.remote_id, sent.url, run.now)
    outcome.status, outcome.remote_id, outcome.url = "published", sent.remote_id, sent.url
    outcome.answer_id = _store_answer(run, reply, source, post_guid, sent.remote_id, sent.url,
                                      text)
    return outcome


def _store_answer(run: Run, reply: dict, source: dict, post_guid: str, remote_id: str,
                  url: str | None, text: str) -> int:
    """The answer as our own reply in the thread, and the original marked answered."""
    mine = SocialReply(platform_id=remote_id, post_platform_id=post_guid,
                       parent_platform_id=reply["platform_id"],
                       author_handle=_own_handle(source), author_name=source["title"],
                       html=text_to_html(text), text=text, published=run.now, url=url,
                       own=True)
    with run.db.write() as conn:
        # Who answered first: storing an own reply marks its parent answered without a name.
        conn.execute(update(REPLIES).where(REPLIES.c.id == reply["id"],
                                           REPLIES.c.answered_at.is_(None))
                     .values(answered_at=run.now, answered_by=run.actor))
        store_replies(conn, source["id"], reply["platform"], [mine], run.now)
        return conn.execute(select(REPLIES.c.id).where(
            REPLIES.c.platform == reply["platform"],
            REPLIES.c.platform_id == remote_id)).scalar_one()


def _own_handle(source: dict) -> str | None:
    url = source["url"].rstrip("/")
    return url.rsplit("/", 1)[-1].removeprefix("@") or None
