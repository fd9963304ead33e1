"""Parsing in worker processes: same results as in-thread, and a crashing parser costs one feed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from core.feeds.items import list_items
from core.feeds.parse import ParsedFeed, ParseError, parse_feed
from core.feeds.parsepool import ParseCancelled, ParsePool
from core.feeds.refresh import FeedRefresher
from core.feeds.sources import add_source, list_sources
from core.net.fetch import Fetcher
from core.storage.database import Database
from tests.feedserver import FIXTURES, FeedServer, trickle


def parse_or_die(body: bytes, content_type: str, url: str) -> ParsedFeed:
    """A parser that crashes its process on one document, as a native-code bug would."""
    if b"CRASH-THE-PARSER" in body:
        os._exit(3)
    return parse_feed(body, content_type, url)


def test_results_match_parsing_in_thread() -> None:
    body = (FIXTURES / "cp1251.xml").read_bytes()
    with ParsePool(1) as pool:
        remote = pool.parse(body, "application/rss+xml", "https://e.test/feed")
    local = parse_feed(body, "application/rss+xml", "https://e.test/feed")
    assert remote == local and remote.title == "Новости Центральной Азии"


def test_parse_errors_cross_the_process_boundary() -> None:
    with ParsePool(1) as pool, pytest.raises(ParseError, match="not a feed"):
        pool.parse(b"plain text, not a feed", "text/plain", "https://e.test/x")


def test_a_crashing_parser_fails_one_feed_and_the_pool_recovers() -> None:
    good = (FIXTURES / "rss2.xml").read_bytes()
    with ParsePool(1, target=parse_or_die) as pool:
        with pytest.raises(ParseError, match="crashed"):
            pool.parse(b"<rss>CRASH-THE-PARSER</rss>", "application/rss+xml", "https://e.test/")
        assert len(pool.parse(good, "application/rss+xml", "https://e.test/").entries) == 5


def test_refresh_with_a_process_pool(db: Database, server: FeedServer, fetcher: Fetcher) -> None:
    names = ["rss2.xml", "atom.xml", "rss1.rdf", "koi8r.xml", "jsonfeed11.json"]
    for name in names:
        add_source(db, server.static(f"/{name}", name))
    add_source(db, server.static("/crash.xml", b"<rss>CRASH-THE-PARSER</rss>"))
    with ParsePool(2, target=parse_or_die) as pool:
        results = FeedRefresher(db, fetcher, parse_pool=pool).refresh()
    by_status = {r.url.rsplit("/", 1)[-1]: r.status for r in results}
    assert by_status == {**dict.fromkeys(names, "ok"), "crash.xml": "error"}
    assert len(list_items(db, limit=0)) == 5 + 4 + 3 + 2 + 3
    crashed = next(s for s in list_sources(db) if s["url"].endswith("/crash.xml"))
    assert "crashed" in crashed["error"]


def parse_slowly(body: bytes, content_type: str, url: str) -> ParsedFeed:
    """A parser stuck on one document (the runaway a hostile feed can cause): it marks the
    file the body names, so the test knows it started, then never returns."""
    if body.startswith(b"SLOW:"):
        Path(body[5:].decode()).write_text(f"started\n{os.getpid()}\n")
        time.sleep(600)
    return parse_feed(body, content_type, url)


def wait_for(path: Path, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < end, f"{path} never appeared"
        time.sleep(0.05)


def test_a_parse_past_its_deadline_is_stopped_and_others_go_on(tmp_path: Path) -> None:
    good = (FIXTURES / "rss2.xml").read_bytes()
    marker = tmp_path / "slow"
    with ParsePool(2, target=parse_slowly, deadline=2) as pool:
        started = time.monotonic()
        with pytest.raises(ParseError, match="longer than 2 s"):
            pool.parse(b"SLOW:" + str(marker).encode(), "application/rss+xml", "https://e.test/")
        assert time.monotonic() - started < 60  # the parser would have run for 600 s
        # The stuck worker is gone, not left sleeping: it held the process (a CLI refresh,
        # the test run) at exit until its parse ended.
        stuck = [int(line) for line in marker.read_text().splitlines()[1:]]
        assert stuck and not any(alive(pid) for pid in stuck)
        assert len(pool.parse(good, "application/rss+xml", "https://e.test/").entries) == 5


def test_abort_stops_the_parses_in_flight(tmp_path: Path) -> None:
    marker = tmp_path / "slow"
    pool = ParsePool(1, target=parse_slowly)
    raised: list[BaseException] = []

    def parse() -> None:
        try:
            pool.parse(b"SLOW:" + str(marker).encode(), "application/rss+xml", "https://e.test/")
        except BaseException as exc:  # noqa: BLE001 - the test looks at what it was
            raised.append(exc)

    worker = threading.Thread(target=parse)
    worker.start()
    wait_for(marker)
    pool.abort()
    worker.join(30)
    assert not worker.is_alive() and isinstance(raised[0], ParseCancelled)
    good = (FIXTURES / "rss2.xml").read_bytes()  # the next parse gets new workers
    assert len(pool.parse(good, "application/rss+xml", "https://e.test/").entries) == 5
    pool.close()


# ---------------------------------------------------------------- issue 16.16

def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_parser_workers_exit_when_the_cli_is_killed(tmp_path: Path, server: FeedServer) -> None:
    """``attache refresh`` killed with SIGKILL mid-refresh: its parser processes must not
    linger (they used to wait forever on a queue nobody would ever write to again)."""
    db_url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = dict(os.environ, ATTACHE_DATA_DIR=str(tmp_path / "data"))
    exe = Path(sys.executable).with_name("attache")
    feeds = [server.static(f"/f{n}.xml", "rss2.xml") for n in range(4)]
    slow = server.route("/slow", trickle(every=0.2, total=1000))  # keeps the CLI busy
    for url in [*feeds, slow]:
        subprocess.run([str(exe), "sources", "add", url, "--no-check", "--db", db_url],
                       env=env, check=True, capture_output=True)
    cli = subprocess.Popen([str(exe), "refresh", "--db", db_url], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        end = time.monotonic() + 60
        while not workers:  # the four quick feeds are parsed in worker processes
            assert time.monotonic() < end and cli.poll() is None, "no parser process started"
            time.sleep(0.1)
            workers = {pid for pid in children_of(cli.pid)
                       if b"multiprocessing" in Path(f"/proc/{pid}/cmdline").read_bytes()}
        cli.send_signal(signal.SIGKILL)
        cli.wait(10)
        end = time.monotonic() + 20
        while any(alive(pid) for pid in workers):
            assert time.monotonic() < end, f"parser processes outlived the CLI: {workers}"
            time.sleep(0.1)
    finally:
        if cli.poll() is None:
            cli.kill()
        for pid in workers:  # whatever the outcome, leave no process behind
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
