"""Refresh benchmark: our fetch+parse+store against bare feedparser on the same bytes.

    .venv/bin/python -m benchmarks.bench_refresh [--feeds 200] [--items 100] [--unchanged 500]

Parsing runs in the same process pool the CLI uses. Serves synthetic feeds from a separate
process on 127.0.0.1 (8 ports, i.e. 8 "hosts", so the per-host limit of 2 still allows the
pool of 8 to work) and reports, in one run:
  * bare feedparser.parse(bytes) time for every feed body (the baseline),
  * our first refresh into a fresh SQLite database (ratio to the baseline; target <= 1.3x),
  * our second refresh with every feed unchanged (all 304; target <= 1 s for 500 feeds),
  * items per second and peak RSS of this process.
No thresholds are enforced: the numbers are for people, the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PORTS = 8


def make_feed(index: int, items: int) -> bytes:
    """An RSS 2.0 feed shaped like a real news feed: HTML descriptions, guids, dates."""
    start = datetime(2026, 11, 1, tzinfo=UTC)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>',
        f"<title>Synthetic feed {index}</title><link>https://news{index}.example/</link>",
        "<description>Benchmark feed</description>",
    ]
    for n in range(items):
        when = format_datetime(start - timedelta(minutes=37 * n + index))
        parts.append(
            f"<item><guid isPermaLink=\"false\">feed{index}-item{n}</guid>"
            f"<title>Embassy update {n} from feed {index}: Fulbright &amp; FLEX news</title>"
            f"<link>https://news{index}.example/2026/11/item-{n}.html</link>"
            f"<pubDate>{when}</pubDate><author>press@embassy.example (Press Office)</author>"
            "<description><![CDATA[<p>The U.S. Embassy in Tashkent announced that "
            "<b>applications</b> for the <a href=\"https://e.example/fulbright\">Fulbright "
            "Foreign Student Program</a> are open.</p><p>Посольство США объявило конкурс. "
            "O‘zbekiston yoshlari uchun imkoniyat.</p><img src=\"https://e.example/p.jpg\" "
            "width=\"600\" height=\"400\" alt=\"\"><img src=\"https://t.example/px.gif\" "
            f"width=\"1\" height=\"1\"><p>Item {n} of feed {index}.</p>]]></description>"
            "</item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def serve(ports: mp.Queue, feeds: int, items: int, ready: mp.Event) -> None:
    bodies: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            index = int(self.path.rsplit("/", 1)[-1].split(".")[0])
            n = items if index < feeds else 10
            body = bodies.get(self.path)
            if body is None:
                body = bodies[self.path] = make_feed(index, n)
            etag = f'"{index}-{n}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    servers = []
    for _ in range(PORTS):
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        servers.append(httpd)
        ports.put(httpd.server_address[1])
    import threading

    for httpd in servers:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
    ready.set()
    threading.Event().wait()


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def add_sources(db, urls: list[str]) -> None:  # noqa: ANN001
    from sqlalchemy import insert

    from core.feeds.sources import SOURCES
    from core.storage.types import utcnow

    with db.write() as conn:
        conn.execute(insert(SOURCES), [
            {"url": u, "kind": "feed", "interval_minutes": 60, "enabled": True,
             "status": "new", "error_count": 0, "created_at": utcnow()} for u in urls])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--unchanged", type=int, default=500,
                        help="sources in the all-304 refresh (extra ones carry 10 items)")
    args = parser.parse_args(argv)

    import feedparser

    from core.feeds.fetch import Fetcher
    from core.feeds.parsepool import ParsePool
    from core.feeds.refresh import FeedRefresher
    from core.storage.database import Database
    from core.storage.migrate import ensure_schema

    ctx = mp.get_context("spawn")
    port_queue, ready = ctx.Queue(), ctx.Event()
    server = ctx.Process(target=serve, args=(port_queue, args.feeds, args.items, ready),
                         daemon=True)
    server.start()
    ready.wait(30)
    ports = [port_queue.get() for _ in range(PORTS)]

    def url(i: int) -> str:
        return f"http://127.0.0.1:{ports[i % PORTS]}/feed/{i}.xml"

    bodies = [make_feed(i, args.items) for i in range(args.feeds)]
    total_bytes = sum(map(len, bodies))
    started = time.perf_counter()
    parsed_entries = sum(len(feedparser.parse(b).entries) for b in bodies)
    baseline = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        ensure_schema(db)
        add_sources(db, [url(i) for i in range(args.feeds)])
        fetcher = Fetcher()
        pool = ParsePool()  # as the CLI and the app do (settings.parse_in_processes)
        refresher = FeedRefresher(db, fetcher, parse_pool=pool)
        started = time.perf_counter()
        first = refresher.refresh(force=True)
        first_time = time.perf_counter() - started
        stored = sum(r.new_items for r in first)
        failed = [r for r in first if r.failed]

        started = time.perf_counter()
        second = refresher.refresh(force=True)
        second_time = time.perf_counter() - started
        not_modified = sum(r.http_status == 304 for r in second)

        extra = args.unchanged - args.feeds
        if extra > 0:
            add_sources(db, [url(i) for i in range(args.feeds, args.unchanged)])
            refresher.refresh()  # first fetch of the extra sources
        started = time.perf_counter()
        third = refresher.refresh(force=True)
        third_time = time.perf_counter() - started
        third_304 = sum(r.http_status == 304 for r in third)
        fetcher.close()
        pool.close()
        db.dispose()
    server.terminate()

    print(f"feeds: {args.feeds} x {args.items} items, {total_bytes / 1e6:.1f} MB of XML; "
          f"8 loopback ports; pool 8, 2 per host")
    print(f"bare feedparser.parse       {baseline:7.2f} s  ({parsed_entries} entries)")
    print(f"our first refresh           {first_time:7.2f} s  ratio {first_time / baseline:.2f}x "
          f"(target <= 1.3x)  stored {stored}, failed {len(failed)}")
    print(f"  items/s                   {stored / first_time:9.0f}")
    print(f"our second refresh (304s)   {second_time:7.2f} s  for {len(second)} feeds "
          f"({not_modified} not modified)")
    print(f"all-304 refresh             {third_time:7.2f} s  for {len(third)} feeds "
          f"({third_304} not modified; target <= 1 s for 500)")
    print(f"peak RSS                    {peak_rss_mib():7.0f} MiB (largest parser process "
          f"{peak_rss_mib(resource.RUSAGE_CHILDREN):.0f} MiB)")
    return 0 if not failed and stored == parsed_entries else 1


if __name__ == "__main__":
    sys.exit(main())
