"""Refresh benchmark: ``attache refresh`` against bare feedparser and newsboat on the same feeds.

    .venv/bin/python -m benchmarks.bench_refresh [--feeds 200] [--items 100] [--rounds 5]

A separate process serves synthetic RSS 2.0 feeds (HTML descriptions, guids, dates, ETags) on
8 loopback ports — 8 "hosts". Every contender is a fresh process, measured the same way
(wall time, and the peak resident memory of its whole process tree, parser workers included,
sampled from /proc), in interleaved rounds (the order reversed every other round):

* **attache refresh** — the CLI, on a copy of a database holding the sources and no items:
  fetch, parse, sanitize, store, index for search. Then the same again with every feed
  unchanged (each answer a 304).
* **bare feedparser** — the same fetching and parsing, nothing else: the same HTTP library
  and parallelism (``workers`` threads, ``per_host`` at a time per host), the same parser
  processes (``parse_in_processes``/``parse_processes``), feedparser called with the same
  options (its sanitizer and URI resolution off, as ours). What ours adds over it is our
  per-entry work (sanitizing, plain text, dates, guids) and the database.
* **feedparser.parse alone** — every feed body already in memory, parsed one after the other
  in one process with our options: no network, no parallelism, nothing stored. Its CPU time
  is the floor under any refresh built on feedparser.
* **attache refresh, threads** (``--threads``) — the CLI with ``parse_in_processes`` off: the
  measurement behind the default (processes when there are two cores or more).
* **attache refresh, other code** (``--compare-tree DIR``) — the first refresh run by the
  code checked out at DIR (``git worktree add DIR main``), with the same interpreter and
  packages: a change measured against what it changes, in the same run.
* **newsboat** (when installed; ``apt-get install newsboat``) — ``newsboat -x reload`` into a
  fresh cache with ``reload-threads`` = ``workers``; then its reload with nothing new. It stores
  and sanitizes less than we do (no full-text index), but it is what a user compares the
  wait with.

Each run's work is checked (every item stored, or counted) so a broken contender fails loudly.
Min and median per contender; ratios to each baseline. No thresholds anywhere: numbers for
people on a shared, noisy machine.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.measure import Samples, interleave, ratio_line, run_command

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
    """Serve ``/feed/<n>.xml`` on PORTS ports, with ETags and 304s: ``items`` entries for the
    first ``feeds`` feeds, 10 for any other (bench_ui_stall's extra sources)."""
    bodies: dict[str, bytes] = {}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            index = int(self.path.rsplit("/", 1)[-1].split(".")[0])
            n = items if index < feeds else 10
            with lock:
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
            self.send_header("Last-Modified", "Sun, 01 Nov 2026 00:00:00 GMT")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    servers = []
    for _ in range(PORTS):
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        servers.append(httpd)
        ports.put(httpd.server_address[1])
    for httpd in servers:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
    ready.set()
    threading.Event().wait()


# ---------------------------------------------------------------------- the bare baseline

def _bare_parse(body: bytes, content_type: str) -> int:
    import feedparser

    return len(feedparser.parse(body, response_headers={"content-type": content_type},
                                sanitize_html=False, resolve_relative_uris=False).entries)


def parse_only(feeds: int, items: int) -> int:
    """feedparser.parse on every body, in this process, one after the other."""
    bodies = [make_feed(i, items) for i in range(feeds)]
    total = sum(_bare_parse(body, "application/rss+xml; charset=utf-8") for body in bodies)
    print(total)
    return total


def bare_refresh(urls_file: str, workers: int, per_host: int, processes: int) -> int:
    """Fetch every URL and parse it with feedparser, as our refresh is parallel: threads
    fetching (per-host limited), parsing in a spawned process pool when ``processes``."""
    from collections import defaultdict
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
    from urllib.parse import urlsplit

    import requests

    urls = Path(urls_file).read_text().split()
    session = requests.Session()
    adapter = requests.adapters.HTTPAdapter(pool_connections=PORTS, pool_maxsize=workers)
    session.mount("http://", adapter)
    limits: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(per_host))
    pool = (ProcessPoolExecutor(processes, mp_context=mp.get_context("spawn"))
            if processes else None)

    def one(url: str) -> int:
        with limits[urlsplit(url).netloc]:
            response = session.get(url, timeout=60)
        body, kind = response.content, response.headers.get("content-type", "")
        return pool.submit(_bare_parse, body, kind).result() if pool else _bare_parse(body, kind)

    with ThreadPoolExecutor(workers) as threads:
        total = sum(threads.map(one, urls))
    if pool is not None:
        pool.shutdown()
    print(total)
    return total


# ---------------------------------------------------------------------- set-up and checks

def add_sources(db, urls: list[str]) -> None:  # noqa: ANN001
    """Feed sources for ``urls``, straight into the table (no fetch)."""
    from sqlalchemy import insert

    from core.feeds.sources import SOURCES
    from core.storage.types import utcnow

    with db.write() as conn:
        conn.execute(insert(SOURCES), [
            {"url": u, "kind": "feed", "interval_minutes": 60, "enabled": True,
             "status": "new", "error_count": 0, "created_at": utcnow()} for u in urls])


def make_template(path: Path, urls: list[str]) -> None:
    """A database with the sources and no items (what a first refresh starts from)."""
    from core.storage.database import Database
    from core.storage.migrate import ensure_schema

    db = Database(f"sqlite:///{path}")
    ensure_schema(db)
    add_sources(db, urls)
    db.dispose()  # the last connection closing folds the WAL into the file: one file to copy


def count_rows(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def fresh_copy(template: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)


def newsboat_config(folder: Path, workers: int) -> Path:
    config = folder / "newsboat.conf"
    config.write_text(f"reload-threads {workers}\ndownload-timeout 60\nshow-read-feeds yes\n")
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", action="store_true",
                        help="also run attache refresh with parse_in_processes off")
    parser.add_argument("--compare-tree", type=Path, metavar="DIR",
                        help="also run the first refresh with the code checked out at DIR")
    parser.add_argument("--parse-only-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--bare-worker", nargs=4, metavar=("URLS", "WORKERS", "PER_HOST",
                                                           "PROCESSES"),
                        help=argparse.SUPPRESS)  # the bare baseline's own process
    args = parser.parse_args(argv)
    if args.parse_only_worker:
        parse_only(args.feeds, args.items)
        return 0
    if args.bare_worker:
        urls_file, workers, per_host, processes = args.bare_worker
        bare_refresh(urls_file, int(workers), int(per_host), int(processes))
        return 0

    from core.feeds.parsepool import default_processes
    from core.settings import Settings

    settings = Settings()  # the defaults an officer runs with
    processes = ((settings.parse_processes or default_processes())
                 if settings.parse_in_processes else 0)
    ctx = mp.get_context("spawn")
    port_queue, ready = ctx.Queue(), ctx.Event()
    server = ctx.Process(target=serve, args=(port_queue, args.feeds, args.items, ready),
                         daemon=True)
    server.start()
    try:
        ready.wait(30)
        ports = [port_queue.get() for _ in range(PORTS)]
        urls = [f"http://127.0.0.1:{ports[i % PORTS]}/feed/{i}.xml" for i in range(args.feeds)]
        expected = args.feeds * args.items
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            return _run(args, folder, urls, expected, settings, processes)
    finally:
        server.terminate()


def _run(args: argparse.Namespace, folder: Path, urls: list[str], expected: int,
         settings: object, processes: int) -> int:
    urls_file = folder / "urls.txt"
    urls_file.write_text("\n".join(urls) + "\n")
    template, db = folder / "template.db", folder / "round.db"
    make_template(template, urls)
    env = dict(os.environ, ATTACHE_DATA_DIR=str(folder / "data"), HOME=str(folder),
               ATTACHE_SITE_CONFIG=str(folder / "no-site.toml"), NO_PROXY="127.0.0.1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode cached (bench_startup)
    attache = [str(Path(sys.executable).with_name("attache")), "--db", f"sqlite:///{db}",
               "refresh"]
    bare = [sys.executable, "-m", "benchmarks.bench_refresh", "--bare-worker", str(urls_file),
            str(settings.workers), str(settings.per_host), str(processes)]
    parse_alone = [sys.executable, "-m", "benchmarks.bench_refresh", "--parse-only-worker",
                   "--feeds", str(args.feeds), "--items", str(args.items)]
    threads_env = dict(env, ATTACHE_DATA_DIR=str(folder / "data-threads"))
    # PYTHONPATH comes before the editable install on sys.path, spawned parsers included.
    other_env = (dict(env, PYTHONPATH=str(args.compare_tree.resolve()),
                      ATTACHE_DATA_DIR=str(folder / "data-other"))
                 if args.compare_tree else None)
    newsboat = shutil.which("newsboat")
    cache = folder / "newsboat.db"
    config = newsboat_config(folder, settings.workers)
    reload = [newsboat or "newsboat", "-x", "reload", "-q", "-u", str(urls_file), "-c",
              str(cache), "-C", str(config)]

    def ours_first() -> tuple[float, float, float]:
        fresh_copy(template, db)
        result = run_command(attache, env, sample_tree=True)
        stored = count_rows(db, "item")
        if stored != expected:
            raise RuntimeError(f"attache refresh stored {stored} items, not {expected}")
        return result

    def ours_threads() -> tuple[float, float, float]:
        fresh_copy(template, db)
        result = run_command(attache, threads_env, sample_tree=True)
        if count_rows(db, "item") != expected:
            raise RuntimeError("attache refresh (threads) did not store every item")
        return result

    def other_first() -> tuple[float, float, float]:
        fresh_copy(template, db)
        result = run_command(attache, other_env, sample_tree=True)
        if count_rows(db, "item") != expected:
            raise RuntimeError(f"the code at {args.compare_tree} did not store every item")
        return result

    def ours_again() -> tuple[float, float, float]:  # after ours_first: every feed unchanged
        return run_command([*attache, "--force"], env, sample_tree=True)

    def newsboat_first() -> tuple[float, float, float]:
        for path in folder.glob("newsboat.db*"):
            path.unlink()
        result = run_command(reload, env, sample_tree=True)
        stored = count_rows(cache, "rss_item")
        if stored != expected:
            raise RuntimeError(f"newsboat stored {stored} items, not {expected}")
        return result

    def newsboat_again() -> tuple[float, float, float]:
        return run_command(reload, env, sample_tree=True)

    # Warm-up, untimed: the page cache, bytecode, the server's feed bodies, the first daily
    # database backup (a refresh makes one a day; every round's copy is the same file).
    ours_first()
    run_command(bare, env)
    if args.threads:
        run_command([str(Path(sys.executable).with_name("attache")), "config", "set",
                     "parse_in_processes", "false"], threads_env)
        ours_threads()
    if other_env:
        other_first()
    if newsboat:
        newsboat_first()
    first = [(Samples("attache refresh (first)"), ours_first),
             (Samples("bare feedparser, same parallelism"),
              lambda: run_command(bare, env, sample_tree=True)),
             (Samples("feedparser.parse alone, one process"),
              lambda: run_command(parse_alone, env))]
    if args.threads:
        first.append((Samples("attache refresh, threads (first)"), ours_threads))
    if other_env:
        first.append((Samples(f"attache refresh (first), {args.compare_tree.name}"),
                      other_first))
    again = [(Samples("attache refresh (all 304)"), ours_again)]
    if newsboat:
        first.append((Samples("newsboat -x reload (first)"), newsboat_first))
        again.append((Samples("newsboat -x reload (all 304)"), newsboat_again))
    else:
        print("newsboat is not installed: its comparison is skipped "
              "(apt-get install newsboat, then run this again)")
    # ours_again needs ours_first's database, newsboat_again newsboat_first's cache: one
    # round runs every first refresh, then every second one.
    for number in range(args.rounds):
        order = slice(None) if number % 2 == 0 else slice(None, None, -1)
        interleave(first[order], 1)
        interleave(again[order], 1)

    print(f"{args.feeds} feeds x {args.items} items ({expected} items), {PORTS} loopback "
          f"ports; workers {settings.workers}, {settings.per_host} per host, "
          f"{processes or 'no'} parser processes; {args.rounds} interleaved rounds; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    width = 36
    for samples, _run_one in (*first, *again):
        print(samples.line(width))
    ours, base = first[0][0], first[1][0]
    print(ratio_line(ours, base, width=width, label="first: attache / bare"))
    if args.threads:
        print(ratio_line(first[3][0], ours, width=width, label="threads / processes"))
    if other_env:
        other = next(samples for samples, run_one in first if run_one is other_first)
        print(ratio_line(ours, other, width=width, label=f"first: this / {args.compare_tree.name}"))
    if newsboat:
        boat = first[-1][0]
        print(ratio_line(ours, boat, target=1.0, width=width, label="first: attache / newsboat"))
        print(ratio_line(base, boat, width=width, label="first: bare / newsboat"))
        print(ratio_line(first[2][0], boat, width=width, label="parse alone / newsboat"))
        print(ratio_line(again[0][0], again[1][0], width=width,
                         label="all 304: attache / newsboat"))
    for samples, _run_one in first:
        items_per_s = expected / samples.median
        print(f"  {samples.name:<{width - 2}} {items_per_s:9.0f} items/s (median)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
