"""Replies ingest benchmark: 10,000 replies stored (dedupe, parents, watch terms).

    .venv/bin/python -m benchmarks.bench_replies [--replies 10000] [--posts 100]

Baseline in the same run: a bare SQLAlchemy Core executemany INSERT of the same rows into the
same table (no dedupe lookups, no parent linking, no watch matching). Then ours: the first
ingest, a second ingest of the same replies (all unchanged: what every refresh of an own
account does), and watch matching of the new replies against 20 terms.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, insert

from core.feeds.parse import ParsedEntry
from core.feeds.sources import add_source
from core.feeds.store import store_entries
from core.social.base import SocialReply
from core.social.replies import REPLIES, reply_hash, store_replies
from core.storage.database import Database
from core.storage.migrate import ensure_schema
from core.watch import add_term, match_new

TEXTS = ["Rahmat! Juda foydali ma'lumot #Fulbright", "Когда будут результаты FLEX?",
         "Thanks for the update on visa wait times", "Qachon ariza topshirish mumkin?",
         "Отличная новость, спасибо посольству!", "not helpful at all :("]


def make_replies(count: int, posts: int, start: datetime) -> list[SocialReply]:
    replies = []
    for n in range(count):
        parent = f"r{n - 1}" if n % 4 else None  # chains of four: reply to a reply
        text = f"{TEXTS[n % len(TEXTS)]} ({n})"
        replies.append(SocialReply(f"r{n}", f"post-{n % posts}", parent, f"user{n % 977}",
                                   f"User {n % 977}", f"<p>{text}</p>", text,
                                   start + timedelta(seconds=n), n % 13,
                                   f"https://mastodon.example/@u/{n}"))
    return replies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=100)
    args = parser.parse_args(argv)
    now = datetime(2026, 11, 20, tzinfo=UTC)
    replies = make_replies(args.replies, args.posts, now)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        ensure_schema(db)
        source = add_source(db, "https://mastodon.example/@embassy", own=True)
        with db.write() as conn:
            store_entries(conn, source.id, [
                ParsedEntry(f"post-{p}", None, f"Post {p}", None, now, None, "", "")
                for p in range(args.posts)], now)
            item_ids = dict(conn.exec_driver_sql("SELECT guid, id FROM item").all())

        rows = [{"source_id": source.id, "item_id": item_ids[r.post_platform_id],
                 "platform": "bench", "platform_id": r.platform_id,
                 "parent_platform_id": r.parent_platform_id, "author_handle": r.author_handle,
                 "author_name": r.author_name, "text": r.text, "html": r.html,
                 "published": r.published, "likes": r.likes, "url": r.url,
                 "content_hash": reply_hash(r), "fetched_at": now} for r in replies]
        started = time.perf_counter()
        with db.write() as conn:
            conn.execute(insert(REPLIES), rows)
        baseline = time.perf_counter() - started
        with db.write() as conn:
            conn.execute(delete(REPLIES))

        for n in range(20):
            add_term(db, ["#Fulbright", "FLEX", "виз*", "посольств*", "visa"][n % 5] + ("" if n < 5
                                                                                   else f"{n}"))
        started = time.perf_counter()
        with db.write() as conn:
            first = store_replies(conn, source.id, "mastodon", replies, now)
        first_time = time.perf_counter() - started
        started = time.perf_counter()
        with db.write() as conn:
            hits = match_new(conn, (), first.new_ids)
        watch_time = time.perf_counter() - started
        started = time.perf_counter()
        with db.write() as conn:
            again = store_replies(conn, source.id, "mastodon", replies, now)
        again_time = time.perf_counter() - started
        linked = db.engine.connect().exec_driver_sql(
            "SELECT count(*) FROM reply WHERE parent_id IS NOT NULL").scalar()
        db.dispose()

    print(f"{args.replies} replies to {args.posts} posts (chains of 4), SQLite")
    print(f"bare executemany INSERT         {baseline:6.2f} s  {args.replies / baseline:8.0f}/s")
    print(f"store_replies, first ingest     {first_time:6.2f} s  "
          f"{args.replies / first_time:8.0f}/s  ratio {first_time / baseline:.2f}x  "
          f"({first.new} new, {linked} linked to a parent)")
    print(f"store_replies, unchanged again  {again_time:6.2f} s  "
          f"{args.replies / again_time:8.0f}/s  ({again.new} new, {again.updated} updated)")
    print(f"watch matching, 20 terms        {watch_time:6.2f} s  {hits} hits")
    return 0 if first.new == args.replies and again.new == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
