"""Refreshing sources: a bounded pool of fetch+parse workers and one writer (the caller's thread).

Workers fetch and parse; every outcome is written by the thread that called ``refresh`` in a
single transaction per source, so a crash mid-refresh never leaves half a feed and SQLite never
sees two writers from one process. At most ``per_host`` requests go to one host at a time.

Cancelling (the window's Cancel, quitting) stops new fetches, cuts the ones in flight (the
fetcher's watchdog shuts their sockets) and kills the parser processes; ``refresh`` returns
within about a second. Sources interrupted that way are left exactly as they were: a cancel
is not the feed's fault, so it is neither an error on the source nor a backoff.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import Connection, bindparam, select, update

from core.entries.store import store_entries
from core.errors import KnownError
from core.feeds.parse import ParsedFeed, ParseError, join_warnings, parse_feed
from core.feeds.parsepool import ParseCancelled, ParsePool
from core.feeds.sources import find_source_id
from core.links import stored_link
from core.net.fetch import WATCH_INTERVAL, Fetcher, FetchResult
from core.net.schedule import backoff_delay, why_not_due
from core.publish.ledger import link_published_items
from core.sentiment.scoring import Scorer, score_reply_ids
from core.social.base import Gone, RateLimited, SyncRequest, SyncResult
from core.social.registry import adapter_for
from core.social.replies import store_replies
from core.storage.database import Database
from core.storage.errors import DatabaseBusyError, DatabaseUnavailableError, storing_failed
from core.storage.models import ITEMS, SOURCES
from core.storage.types import utcnow
from core.watch import match_new

log = logging.getLogger("attache.refresh")
MIN_JOBS_FOR_PROCESSES = 4
# A body this big is parsed in a worker process even in a small refresh: there its parse
# time is bounded (ParsePool's deadline), in a thread it could not be stopped.
BIG_BODY = 1024 * 1024
# After a cancel, how long fetches still in flight get to end. Only a TCP connect in
# progress can outlast the watchdog (it has no socket to shut yet), and that ends by its
# own timeout: the refresh returns without it.
CANCEL_GRACE = 2.0
DOWNGRADE_WARNING = ("this https feed redirects to an unencrypted http:// address; "
                     "Attaché keeps the https address and reads it over http for now")
# SET columns come from each call's parameters; a fixed statement keeps SQLAlchemy's compile
# cache warm (building .values(...) per source cost more than the write itself).
UPDATE_SOURCE = update(SOURCES).where(SOURCES.c.id == bindparam("source_pk"))
# How long one refresh keeps waiting for another process's write lock, in all (each attempt
# waits Database.write_wait_s); fetched results wait in memory meanwhile.
BUSY_PATIENCE_S = 600.0
NOT_STORED_BUSY = ("fetched but not stored: another Attaché kept the database busy for too "
                   "long; this source is fetched again on the next refresh")


@dataclass
class RefreshResult:
    """One line of ``attache refresh --json``."""

    source_id: int
    url: str
    status: str  # ok | error | gone | skipped
    http_status: int | None = None
    new_items: int = 0
    updated_items: int = 0
    error: str | None = None
    warning: str | None = None
    kind: str = "feed"
    new_replies: int = 0
    watch_hits: int = 0

    @property
    def failed(self) -> bool:
        return self.status in ("error", "gone")

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class _Job:
    source_id: int
    url: str
    etag: str | None
    last_modified: str | None
    interval_minutes: int
    error_count: int
    has_title: bool
    kind: str = "feed"
    own: bool = False
    account_id: str | None = None
    state: str | None = None
    replies_days: int = 30

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc.lower()


@dataclass
class _Outcome:
    fetch: FetchResult
    feed: ParsedFeed | None = None
    parse_error: str | None = None
    social: SyncResult | None = None
    cancelled: bool = False  # interrupted by a cancel: nothing to write


class FeedRefresher:
    """Refresh due feed sources; reusable and safe to call again after it returns."""

    def __init__(self, db: Database, fetcher: Fetcher, *, workers: int = 8, per_host: int = 2,
                 parse_pool: ParsePool | None = None, scorer: Scorer | None = None,
                 clock: Callable[[], datetime] = utcnow) -> None:
        """``parse_pool``: parse in worker processes (big refreshes, the GUI); None parses in
        the fetch threads, which is cheaper for a handful of feeds."""
        self.db = db
        self.fetcher = fetcher
        self.parse_pool = parse_pool
        self.scorer = scorer  # new replies are scored as they are stored
        self._many = False  # this refresh has enough feeds to parse in processes
        self.workers = max(1, workers)
        self.per_host = max(1, per_host)
        self.clock = clock
        self.busy_patience_s = BUSY_PATIENCE_S
        self._busy_deadline: float | None = None

    # -------------------------------------------------------------- choosing what to fetch

    def plan(self, source_ids: Iterable[int] | None = None,
             force: bool = False) -> tuple[list[_Job], list[RefreshResult]]:
        """Due jobs, plus a 'skipped' result for each explicitly requested source not due."""
        wanted = set(source_ids) if source_ids is not None else None
        now = self.clock()
        jobs: list[_Job] = []
        skipped: list[RefreshResult] = []
        # Imported sources (X / Meta export files) have nothing to fetch.
        query = select(SOURCES).where(SOURCES.c.kind != "import").order_by(SOURCES.c.id)
        if wanted is not None:
            query = query.where(SOURCES.c.id.in_(wanted))
        with self.db.read() as conn:
            rows = conn.execute(query).mappings().all()
        for row in rows:
            reason = why_not_due(enabled=row["enabled"], status=row["status"],
                                 next_fetch=row["next_fetch"], retry_after=row["retry_after"],
                                 now=now, force=force)
            if reason is None:
                jobs.append(_Job(row["id"], row["url"], row["etag"], row["last_modified"],
                                 row["interval_minutes"], row["error_count"],
                                 bool(row["title"]), row["kind"], bool(row["own"]),
                                 row["account_id"], row["state"], row["replies_days"]))
            elif wanted is not None:
                skipped.append(RefreshResult(row["id"], row["url"], "skipped", error=reason))
        return jobs, skipped

    # -------------------------------------------------------------- running

    def refresh(self, source_ids: Iterable[int] | None = None, *, force: bool = False,
                on_result: Callable[[RefreshResult, int, int], None] | None = None,
                cancel: threading.Event | None = None) -> list[RefreshResult]:
        jobs, results = self.plan(source_ids, force)
        total = len(jobs)
        # Starting worker processes costs more than parsing a handful of feeds in threads.
        self._many = total >= MIN_JOBS_FOR_PROCESSES
        cancel = cancel or threading.Event()
        fetcher = self.fetcher.cancellable(cancel)
        by_host: dict[str, deque[_Job]] = {}
        for job in jobs:
            by_host.setdefault(job.host, deque()).append(job)
        in_flight: Counter[str] = Counter()
        running: dict[Future[_Outcome], _Job] = {}
        done_count = 0  # fetched jobs only: ``results`` also holds the skipped ones
        give_up_at: float | None = None  # set when a cancel is first seen
        self._busy_deadline = None

        def fill(pool: ThreadPoolExecutor) -> None:
            for host, queue in list(by_host.items()):
                while queue and in_flight[host] < self.per_host and len(running) < self.workers:
                    job = queue.popleft()
                    in_flight[host] += 1
                    running[pool.submit(self._fetch_and_parse, job, fetcher, cancel)] = job
                if not queue:
                    del by_host[host]

        pool = ThreadPoolExecutor(self.workers, thread_name_prefix="attache-fetch")
        try:
            with self.db.writer() as writer:
                while by_host or running:
                    if not cancel.is_set():
                        fill(pool)
                    elif give_up_at is None:
                        give_up_at = time.monotonic() + CANCEL_GRACE
                        if self.parse_pool is not None:
                            self.parse_pool.abort()
                    if not running or (give_up_at and time.monotonic() > give_up_at):
                        break
                    done, _ = wait(running, timeout=2 * WATCH_INTERVAL,
                                   return_when=FIRST_COMPLETED)
                    for future in done:
                        job = running.pop(future)
                        in_flight[job.host] -= 1
                        outcome = future.result()
                        if outcome.cancelled:
                            continue  # left as it was: fetched again next time
                        try:
                            result = self._store(writer, job, outcome, cancel)
                        except DatabaseUnavailableError:
                            # Full, damaged or read-only: no later source can be stored either.
                            by_host.clear()
                            raise
                        if result is None:  # cancelled while waiting for a busy database
                            continue
                        results.append(result)
                        done_count += 1
                        if on_result is not None:
                            on_result(result, done_count, total)
        except BaseException:
            # Ctrl+C in the CLI, a database that cannot be written (or a bug): cut what is
            # in flight rather than wait for it.
            cancel.set()
            give_up_at = give_up_at or time.monotonic()
            if self.parse_pool is not None:
                self.parse_pool.abort()
            raise
        finally:
            # After a cancel, stragglers are not waited for: their results are dropped.
            pool.shutdown(wait=give_up_at is None, cancel_futures=True)
        return results

    def _parse(self, body: bytes, content_type: str, url: str) -> ParsedFeed:
        if self.parse_pool is not None and (self._many or len(body) > BIG_BODY):
            return self.parse_pool.parse(body, content_type, url)
        return parse_feed(body, content_type, url)

    def _fetch_and_parse(self, job: _Job, fetcher: Fetcher, cancel: threading.Event) -> _Outcome:
        if job.kind != "feed":
            return self._sync_social(job, fetcher, cancel)
        try:
            fetched = fetcher.fetch(job.url, job.etag, job.last_modified)
        except Exception as exc:  # as for the parser: a fetch bug costs one source
            log.exception("fetching %s crashed", job.url)
            fetched = FetchResult(url=job.url, error=f"download failed ({type(exc).__name__})")
        outcome = _Outcome(fetched, cancelled=fetched.cancelled)
        if fetched.ok and fetched.body is not None and not cancel.is_set():
            try:
                outcome.feed = self._parse(fetched.body, fetched.content_type,
                                           fetched.final_url or job.url)
            except ParseCancelled:
                outcome.cancelled = True
            except ParseError as exc:
                outcome.parse_error = str(exc)
            except Exception as exc:  # a parser bug must cost one source, not the refresh
                log.exception("parser crashed on %s", job.url)
                outcome.parse_error = f"could not parse the feed ({type(exc).__name__})"
        elif fetched.ok and cancel.is_set():
            outcome.cancelled = True
        return outcome

    def _sync_social(self, job: _Job, fetcher: Fetcher, cancel: threading.Event) -> _Outcome:
        """A social account through its adapter; platform refusals become source errors."""
        since = self.clock() - timedelta(days=job.replies_days)
        outcome = _Outcome(FetchResult(job.url))
        try:
            adapter = adapter_for(job.kind)
            recent = self._recent_posts(job.source_id, since) if job.own else ()
            request = SyncRequest(url=job.url, account_id=job.account_id, own=job.own,
                                  state=json.loads(job.state) if job.state else {},
                                  replies_since=since, recent_posts=recent)
            synced = adapter.sync(fetcher, request)
            outcome = _Outcome(FetchResult(job.url, status=synced.http_status or 200),
                               social=synced)
        except RateLimited as exc:
            outcome.fetch.status, outcome.fetch.error = 429, str(exc)
            outcome.fetch.retry_after = exc.until
        except Gone as exc:
            outcome.fetch.status, outcome.fetch.error = 410, str(exc)
        except KnownError as exc:
            outcome.fetch.error = str(exc)
        except Exception as exc:  # an adapter bug costs one source, not the refresh
            if not cancel.is_set():
                log.exception("syncing %s crashed", job.url)
            outcome.fetch.error = f"could not read the account ({type(exc).__name__})"
        # A cut request fails however the adapter words it, and an adapter may carry on
        # past one with less than it should: after a cancel, nothing is written.
        outcome.cancelled = cancel.is_set()
        return outcome

    def _recent_posts(self, source_id: int, since: datetime) -> list[tuple[str, datetime]]:
        with self.db.read() as conn:
            return [tuple(r) for r in conn.execute(select(ITEMS.c.guid, ITEMS.c.published)
                                                   .where(ITEMS.c.source_id == source_id,
                                                          ITEMS.c.published >= since))]

    # -------------------------------------------------------------- writing (one transaction)

    def _store(self, writer: Connection, job: _Job, outcome: _Outcome,
               cancel: threading.Event) -> RefreshResult | None:
        """``_write``, retried while another process holds the write lock (a scheduled refresh,
        a second Attaché), until this run's patience is spent; then the source is reported as
        not stored and stays due, so the next refresh fetches it again. None when the refresh
        is cancelled meanwhile (nothing stored, nothing to report)."""
        while True:
            if cancel.is_set():
                return None
            if self._busy_deadline is not None and time.monotonic() >= self._busy_deadline:
                return RefreshResult(job.source_id, job.url, "error", outcome.fetch.status,
                                     error=NOT_STORED_BUSY, kind=job.kind)
            try:
                return self._write(writer, job, outcome)
            except DatabaseBusyError:
                if self._busy_deadline is None:
                    self._busy_deadline = time.monotonic() + self.busy_patience_s
                log.warning("storing %s: the database is busy; retrying", job.url)

    def _write(self, writer: Connection, job: _Job, outcome: _Outcome) -> RefreshResult:
        now = self.clock()
        fetched = outcome.fetch
        result = RefreshResult(job.source_id, job.url, "ok", http_status=fetched.status,
                               kind=job.kind)
        values: dict = {"last_fetched": now}
        new_url = fetched.permanent_url if fetched.permanent_url != job.url else None
        try:
            with writer.begin():
                conn = writer
                if new_url and not _url_taken(conn, new_url, job.source_id):
                    values["url"] = new_url
                    result.url = new_url
                if fetched.status == 410:
                    result.status = "gone"
                    result.error = (fetched.error if job.kind != "feed" and fetched.error else
                                    "the server says this feed is gone for good (HTTP 410)")
                    values.update(status="gone", error=result.error, next_fetch=None)
                elif fetched.error or outcome.parse_error:
                    result.status = "error"
                    result.error = fetched.error or outcome.parse_error
                    values.update(self._failure_values(job, fetched, now, result))
                else:
                    values.update(self._success_values(job, fetched, now))
                    changed: tuple[int, ...] = ()
                    replies: tuple[int, ...] = ()
                    if outcome.feed is not None:
                        counts = store_entries(conn, job.source_id, outcome.feed.entries, now)
                        result.new_items, result.updated_items = counts.new, counts.updated
                        changed = counts.changed_ids
                        result.warning = join_warnings(
                            DOWNGRADE_WARNING if fetched.downgraded else None,
                            outcome.feed.warning)
                        values.update(_feed_values(job, outcome.feed))
                        values["parse_warning"] = result.warning
                    if outcome.social is not None:
                        social = outcome.social
                        counts = store_entries(conn, job.source_id, social.entries, now)
                        result.new_items, result.updated_items = counts.new, counts.updated
                        changed = counts.changed_ids
                        if counts.new:  # what Attaché published comes back: tie it by id
                            link_published_items(conn, job.source_id)
                        stored = store_replies(conn, job.source_id, job.kind, social.replies, now)
                        result.new_replies, replies = stored.new, stored.new_ids
                        if self.scorer is not None and replies:
                            score_reply_ids(conn, self.scorer, replies)
                        result.warning = social.warning
                        values.update(state=json.dumps(social.state), parse_warning=social.warning)
                        if social.title and not job.has_title:
                            values["title"] = social.title
                    result.watch_hits = match_new(conn, changed, replies)
                    if self.scorer is not None and self.scorer.coverage and changed:
                        _score_coverage(conn, self.scorer, changed)
                conn.execute(UPDATE_SOURCE, {**values, "source_pk": job.source_id})
        except DatabaseUnavailableError:
            raise  # busy: ``_store`` waits; full, damaged, read-only: the refresh stops
        except Exception as exc:
            # The transaction rolled back: record the failure on its own so it is visible,
            # as one sentence (a driver's text holds the statement and the fetched data).
            log.exception("storing %s failed", job.url)
            result = RefreshResult(job.source_id, job.url, "error", fetched.status,
                                   error=storing_failed(exc))
            with writer.begin():
                writer.execute(UPDATE_SOURCE, {
                    "source_pk": job.source_id, "status": "error", "error": result.error,
                    "last_fetched": now, "error_count": job.error_count + 1,
                    "next_fetch": now + backoff_delay(job.interval_minutes,
                                                      job.error_count + 1)})
        return result

    def _success_values(self, job: _Job, fetched: FetchResult, now: datetime) -> dict:
        values = {
            "status": "ok", "error": None, "error_count": 0, "retry_after": None,
            "next_fetch": now + timedelta(minutes=job.interval_minutes),
        }
        # A 304 may omit validators; keep the ones we had then.
        if fetched.headers.get("etag") or not fetched.not_modified:
            values["etag"] = fetched.headers.get("etag")
        if fetched.headers.get("last-modified") or not fetched.not_modified:
            values["last_modified"] = fetched.headers.get("last-modified")
        return values

    def _failure_values(self, job: _Job, fetched: FetchResult, now: datetime,
                        result: RefreshResult) -> dict:
        errors = job.error_count + 1
        next_fetch = now + backoff_delay(job.interval_minutes, errors)
        values = {"status": "error", "error": result.error, "error_count": errors}
        if fetched.retry_after is not None:
            when = fetched.retry_after.isoformat(timespec="seconds")
            result.error = f"{result.error}; the server asks us to wait until {when}"
            values["error"] = result.error
            values["retry_after"] = fetched.retry_after
            next_fetch = max(next_fetch, fetched.retry_after)
        values["next_fetch"] = next_fetch
        return values


def _score_coverage(conn: Connection, scorer: Scorer, item_ids: Sequence[int]) -> None:
    """Tone of coverage (the ``coverage_sentiment`` setting, off by default): score the new or
    changed items that hit a watch term, after ``match_new`` recorded the hits."""
    from core.sentiment.coverage import score_new_items

    score_new_items(conn, scorer, item_ids)


def _feed_values(job: _Job, feed: ParsedFeed) -> dict:
    values = {"feed_format": feed.format[:20], "parse_warning": feed.warning}
    if stored_link(feed.site_url):
        values["site_url"] = stored_link(feed.site_url)
    if feed.title and not job.has_title:
        values["title"] = feed.title
    return values


def _url_taken(conn: Connection, url: str, source_id: int) -> bool:
    """Whether another source already has ``url``, in any spelling."""
    return find_source_id(conn, url) not in (None, source_id)
