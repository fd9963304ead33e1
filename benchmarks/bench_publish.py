"""Publishing benchmark: what a publishing tick costs when nothing is due to be sent.

    .venv/bin/python -m benchmarks.bench_publish [--posts 2000] [--rounds 7]

The app runs this tick every minute and IT's ``attache publish due`` every few minutes, so its
quiet case is what matters. It builds ``--posts`` approved posts in a temporary SQLite
database (a quarter weekly recurring, whose last week is already in the outbox as published;
the rest single posts over the next year), then times ``publish_due`` against the baseline of
reading the same plan for the same nine days with ``list_posts`` (what the Calendar does to
show it). Interleaved rounds, min and median, their ratio. No thresholds: the numbers are for
people, the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.measure import Samples, interleave, ratio_line
from core.calendar.posts import PostFields, create_post, list_posts
from core.feeds.sources import insert_source
from core.net.fetch import Fetcher
from core.publish import ledger
from core.publish.clearance import Policy
from core.publish.runner import Run, dedupe_key, due_occurrences, publish_due
from core.settings import Settings
from core.storage.database import Database
from core.storage.migrate import ensure_schema


def build(db: Database, posts: int, now: datetime) -> int:
    source = insert_source(db, url="https://mastodon.example/@embassy", kind="mastodon",
                           title="Embassy", category=None, own=True, interval_minutes=60).id
    author = Policy("author", False)
    for n in range(posts):
        weekly = n % 4 == 0
        at = (now - timedelta(days=20, minutes=n) if weekly
              else now + timedelta(days=1 + n % 300, minutes=n))
        create_post(db, PostFields(title=f"Post {n}", body="Text", at=at, tz="Asia/Tashkent",
                                   channels=[source], status="approved",
                                   rrule="FREQ=WEEKLY" if weekly else None), policy=author)
    sent = due_occurrences(db, Settings(), now)
    for occ in sent:  # the steady state: the last week already went out
        target = ledger.Target(dedupe_key(occ.post, occ.key, source), "post", source,
                               "mastodon", post_id=occ.post["id"], occurrence=occ.key)
        got = ledger.claim(db, target, now, actor="author", resend_window=None)
        assert isinstance(got, ledger.Claim)
        ledger.record_sent(db, got, "1", None, now)
    return len(sent)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    now = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        ensure_schema(db)
        sent = build(db, args.posts, now)
        print(f"{args.posts} approved posts, {sent} recurring occurrences already sent")
        fetcher = Fetcher()
        settings = Settings()

        def tick() -> float:
            started = time.perf_counter()
            assert publish_due(Run(db, fetcher, settings, now, actor="bench")) == []
            return time.perf_counter() - started

        def listing() -> float:
            started = time.perf_counter()
            list_posts(db, first=(now - timedelta(days=8)).date(),
                       last=(now + timedelta(days=1)).date())
            return time.perf_counter() - started

        ours, base = Samples("publish_due, nothing to send"), Samples("list_posts, same days")
        interleave([(ours, tick), (base, listing)], args.rounds)
        print(ours.line())
        print(base.line())
        print(ratio_line(ours, base))
        fetcher.close()
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
