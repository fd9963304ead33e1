"""Period report benchmark: the demo's quarter, and a quarter of 100,000 items / 20,000 replies.

    .venv/bin/python -m benchmarks.bench_reports [--items 100000] [--replies 20000] [--rounds 3]

For each database: building the report (every query and table) and writing it as Word, PDF,
HTML and Excel, interleaved over the rounds (min and median seconds), with the peak Python
memory of each step (tracemalloc) and the process's peak RSS at the end. The same run times
the floor: reading the rows the report counts (own posts, replies with their labels, watch
hits of the range) with plain SELECTs and nothing else; the ratio says what the report's
grouping, sentiment tallies, observances and layout cost on top of fetching its data.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from core.demo import demo_database
from core.feeds.sources import insert_source
from core.reports.formats import BY_KEY
from core.reports.period import PeriodOptions, period_report
from core.reports.scope import Letterhead, Range
from core.storage.database import Database
from core.storage.migrate import ensure_schema
from core.storage.models import Item, Reply, Source, WatchHit, WatchTerm

ITEMS, REPLIES, HITS, TERMS, SOURCES = (Item.__table__, Reply.__table__, WatchHit.__table__,
                                        WatchTerm.__table__, Source.__table__)
FORMATS = ("docx", "pdf", "html", "xlsx")
LABELS = ("positive", "neutral", "negative", "unsupported", None)
LANGUAGES = ("en", "ru", "uz", "kk", None)
TITLES = ("Посольство США объявило конкурс Fulbright", "Oʻzbekiston va AQSh hamkorligi",
          "Қазақстан әйелдері ғылымда", "Visa wait times in Tashkent", "Цены на бензин")


def big_database(folder: Path, items: int, replies: int, now: datetime) -> str:
    """``items`` feed items over 90 days in 200 sources, 4 own accounts with 400 posts,
    ``replies`` replies to them with labels and languages, 10 watch terms with hits."""
    url = f"sqlite:///{folder / 'big.db'}"
    db = Database(url)
    ensure_schema(db)
    rng = random.Random(17)
    feeds = [insert_source(db, url=f"https://feed{n}.example/rss", kind="feed",
                           title=f"Feed {n}", category=f"News / {n % 7}", own=False,
                           interval_minutes=60).id for n in range(200)]
    own = [insert_source(db, url=f"https://social{n}.example/@embassy", kind="mastodon",
                         title=f"Embassy {n}", category="Own accounts", own=True,
                         interval_minutes=60).id for n in range(4)]

    def item(n: int, source: int, own_post: bool) -> dict:
        when = now - timedelta(seconds=rng.randrange(90 * 86400))
        title = f"{TITLES[n % len(TITLES)]} {n}"
        return {"source_id": source, "guid": f"g{n}", "url": f"https://e.example/{n}",
                "title": title, "sort_date": when, "published": when, "fetched_at": when,
                "content_html": f"<p>{title}</p>", "content_text": title, "content_hash": "",
                "read": False, "starred": n % 50 == 0, "summary": n % 400 == 0}

    with db.write() as conn:
        rows = [item(n, feeds[n % len(feeds)], False) for n in range(items)]
        for start in range(0, len(rows), 5000):
            conn.execute(insert(ITEMS), rows[start:start + 5000])
        conn.execute(insert(ITEMS), [item(items + n, own[n % 4], True) for n in range(400)])
        posts = conn.execute(select(ITEMS.c.id, ITEMS.c.source_id, ITEMS.c.sort_date)
                             .where(ITEMS.c.source_id.in_(own))).all()
        reply_rows = []
        for n in range(replies):
            post_id, source, posted = posts[n % len(posts)]
            label = LABELS[n % len(LABELS)]
            reply_rows.append({
                "source_id": source, "item_id": post_id, "platform": "mastodon",
                "platform_id": f"r{n}", "text": f"reply {n}", "html": "",
                "published": posted + timedelta(minutes=n % 600),
                "language": "ru" if label == "unsupported" else LANGUAGES[n % 3],
                "likes": n % 7, "content_hash": "", "fetched_at": now,
                "sentiment_label": label,
                "polarity": {"positive": 0.6, "negative": -0.5, "neutral": 0.0}.get(label)})
        conn.execute(insert(REPLIES), reply_rows)
        for n in range(10):
            term_id = conn.execute(insert(TERMS).values(term=f"term{n}", kind="word",
                                                        created_at=now)).inserted_primary_key[0]
            chosen = rng.sample(range(items), items // 30)
            conn.execute(insert(HITS), [{"term_id": term_id, "item_id": i + 1,
                                         "published": rows[i]["sort_date"]} for i in chosen])
    db.dispose()
    return url


def floor(db: Database, rng: Range) -> int:
    """The rows the report counts, fetched and nothing else."""
    with db.read() as conn:
        posts = conn.execute(select(ITEMS.c.id, ITEMS.c.source_id, ITEMS.c.sort_date).where(
            ITEMS.c.sort_date >= rng.since, ITEMS.c.sort_date < rng.until,
            ITEMS.c.source_id.in_(select(SOURCES.c.id).where(SOURCES.c.own.is_(True))))).all()
        replies = conn.execute(select(REPLIES.c.item_id, REPLIES.c.sentiment_label,
                                      REPLIES.c.language, REPLIES.c.published).where(
            REPLIES.c.published >= rng.since, REPLIES.c.published < rng.until)).all()
        hits = conn.execute(select(HITS.c.term_id, HITS.c.published).where(
            HITS.c.published >= rng.since, HITS.c.published < rng.until)).all()
    return len(posts) + len(replies) + len(hits)


def measure(step: Callable[[], object], *, memory: bool = False) -> tuple[float, int, object]:
    """Seconds (without tracing: tracemalloc slows Python code severalfold) or, with
    ``memory``, the peak of Python allocations during the step."""
    if not memory:
        started = time.perf_counter()
        result = step()
        return time.perf_counter() - started, 0, result
    tracemalloc.start()
    result = step()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return 0.0, peak, result


def bench(name: str, url: str, rounds: int, renderers: object) -> None:
    db = Database(url)
    now = datetime.now(UTC)
    rng = Range((now - timedelta(days=89)).date(), now.date(), "Asia/Tashkent")
    options = PeriodOptions(range=rng, countries=["UZ"],
                            letterhead=Letterhead("U.S. Embassy Tashkent", "Press section",
                                                  "UNCLASSIFIED"))
    times: dict[str, list[float]] = {k: [] for k in ("floor", "build", *FORMATS)}
    peaks: dict[str, int] = dict.fromkeys(times, 0)
    sizes: dict[str, int] = {}
    report = None
    for number in range(rounds + 1):  # interleaved: each round does every step once
        memory = number == rounds  # a last, traced round for the memory peaks only
        steps: list[tuple[str, Callable[[], object]]] = [
            ("floor", lambda: floor(db, rng)), ("build", lambda: period_report(db, options))]
        for key, step in steps:
            seconds, peak, result = measure(step, memory=memory)
            if key == "build":
                report = result  # type: ignore[assignment]
            if memory:
                peaks[key] = peak
            else:
                times[key].append(seconds)
        for fmt in FORMATS:
            seconds, peak, data = measure(
                lambda fmt=fmt, report=report: BY_KEY[fmt].write(report, renderers),
                memory=memory)
            if memory:
                peaks[fmt] = peak
            else:
                times[fmt].append(seconds)
            sizes[fmt] = len(data)  # type: ignore[arg-type]
    db.dispose()
    assert report is not None
    counts = report.counts
    print(f"\n{name}: {counts['posts']} posts, {counts['replies']} replies, "
          f"{counts['mentions']} watch-term mentions in {report.range_text()}")
    print(f"{'step':<8} {'min s':>8} {'median s':>9} {'peak MiB':>9} {'file KiB':>9}")
    for key, values in times.items():
        size = f"{sizes[key] / 1024:9.0f}" if key in sizes else f"{'':>9}"
        print(f"{key:<8} {min(values):8.3f} {statistics.median(values):9.3f} "
              f"{peaks[key] / 2**20:9.1f} {size}")
    build = statistics.median(times["build"])
    whole = {fmt: build + statistics.median(times[fmt]) for fmt in FORMATS}
    print("build ÷ floor (median): "
          f"{build / max(statistics.median(times['floor']), 1e-9):.1f}×; "
          "a whole report (build + write): "
          + ", ".join(f"{fmt} {seconds:.2f} s" for fmt, seconds in whole.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--replies", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    from desktop.report_render import renderers as qt_renderers

    renderers = qt_renderers()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        demo = demo_database(folder / "demo")
        big = big_database(folder, args.items, args.replies, datetime.now(UTC))
        print(f"databases ready in {time.perf_counter() - started:.1f} s (not timed below)")
        bench("demo quarter", demo, args.rounds, renderers)
        bench(f"{args.items:,} items / {args.replies:,} replies", big, args.rounds, renderers)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of the whole run: {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
