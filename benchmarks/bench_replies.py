"""Replies ingest benchmark: 10,000 replies stored (dedupe, parents, watch terms).

    .venv/bin/python -m benchmarks.bench_replies [--replies 10000] [--posts 100] [--rounds 3]
                                                 [--unindexed]

Baseline in the same run: a bare SQLAlchemy Core executemany INSERT of the same rows into the
same table (no dedupe lookups, no parent linking, no watch matching). Then ours: the first
ingest, a second ingest of the same replies (all unchanged: what every refresh of an own
account does), watch matching of the new replies against 20 terms, and deleting them all
(what removing an own account does: parent links set NULL, watch hits cascade). Rounds are
interleaved; min and median are printed. ``--unindexed`` also times the delete without the
foreign-key indexes of migration 0006 (the quadratic case it removed).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, delete, insert

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.sources import add_source
from core.social.base import SocialReply
from core.social.replies import reply_hash, store_replies
from core.storage.database import Database
from core.storage.migrate import ensure_schema
from core.storage.models import REPLIES
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


def _timed(func: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = func()
    return time.perf_counter() - started, value


def _stats(name: str, times: list[float], count: int, base: float | None = None) -> str:
    best, median = min(times), statistics.median(times)
    ratio = f"  ratio {median / base:.2f}x" if base else ""
    return (f"{name:<40} min {best:6.2f} s  median {median:6.2f} s  "
            f"{count / median:8.0f}/s{ratio}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--unindexed", action="store_true",
                        help="also time the delete without the 0006 indexes (quadratic: "
                             "about 20 s for 10k replies)")
    args = parser.parse_args(argv)
    now = datetime(2026, 11, 20, tzinfo=UTC)
    replies = make_replies(args.replies, args.posts, now)
    times: dict[str, list[float]] = {}
    ok = True
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
        for n in range(20):
            add_term(db, ["#Fulbright", "FLEX", "виз*", "посольств*", "visa"][n % 5] + ("" if n < 5
                                                                                   else f"{n}"))

        def run(name: str, work: Callable[[Connection], object]) -> object:
            with db.write() as conn:
                seconds, value = _timed(lambda: work(conn))
            times.setdefault(name, []).append(seconds)
            return value

        def delete_all(conn: Connection) -> None:
            conn.execute(delete(REPLIES))  # cascades to watch hits, sets parent_id NULL

        # Interleaved rounds: each round does the same work in the same order on the same file.
        for _ in range(args.rounds):
            run("bare executemany INSERT", lambda conn: conn.execute(insert(REPLIES), rows))
            run("DELETE them (no parents linked)", delete_all)
            first = run("store_replies, first ingest",
                        lambda conn: store_replies(conn, source.id, "mastodon", replies, now))
            hits = run("watch matching, 20 terms",
                       lambda conn, ids=first.new_ids: match_new(conn, (), ids))
            again = run("store_replies, unchanged again",
                        lambda conn: store_replies(conn, source.id, "mastodon", replies, now))
            with db.read() as conn:
                linked = conn.exec_driver_sql(
                    "SELECT count(*) FROM reply WHERE parent_id IS NOT NULL").scalar()
            run("DELETE them (parents, watch hits)", delete_all)
            ok = ok and first.new == args.replies and again.new == 0
        if args.unindexed:
            with db.write() as conn:
                for name in ("ix_reply_parent", "ix_watch_hit_reply", "ix_reply_source"):
                    conn.exec_driver_sql(f"DROP INDEX {name}")
            run("store_replies, first ingest (unindexed)",
                lambda conn: store_replies(conn, source.id, "mastodon", replies, now))
            run("watch matching (unindexed)",
                lambda conn: match_new(conn, (), _ids(conn)))
            run("DELETE them, without 0006's indexes", delete_all)
        db.dispose()

    count = args.replies
    insert_time = statistics.median(times["bare executemany INSERT"])
    print(f"{count} replies to {args.posts} posts (chains of 4), SQLite, {args.rounds} rounds "
          "interleaved; ratios are medians against the bare INSERT")
    for name, measured in times.items():
        print(_stats(name, measured, count, None if "bare" in name else insert_time))
    print(f"last round: {first.new} new, {linked} linked to a parent, {hits} watch hits; "
          f"unchanged again: {again.new} new, {again.updated} updated")
    delete_ratio = statistics.median(times["DELETE them (parents, watch hits)"]) / insert_time
    print(f"delete / insert: {delete_ratio:.2f}x (target <= 2x)")
    return 0 if ok else 1


def _ids(conn: Connection) -> list[int]:
    return [row[0] for row in conn.exec_driver_sql("SELECT id FROM reply")]


if __name__ == "__main__":
    sys.exit(main())
