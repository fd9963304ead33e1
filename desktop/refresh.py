"""F5 / File → Refresh: every due source, in the background, with progress and cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ui.widgets.counts import counts

translate = QCoreApplication.translate  # lupdate files these under their context

if TYPE_CHECKING:
    from core.feeds.refresh import RefreshResult
    from desktop.context import AppContext
    from desktop.reuse_fetch import FetchedResponses


class RefreshController:
    """Owns the refresh job: one at a time, parser processes kept for the window's life."""

    def __init__(self, ctx: AppContext, *, offline: bool = False) -> None:
        self.ctx = ctx
        # The demo: its sources point at real sites, and it promises to work offline.
        self.offline = offline
        self._pool = None
        self._task = None
        self._quiet = False
        # Sources to fetch as soon as the running refresh ends (added while it ran).
        self._waiting: list[int] = []
        self._waiting_responses: FetchedResponses | None = None
        self.finished_callbacks: list[Callable[[list[RefreshResult]], None]] = []
        window = ctx.window
        # A refresh cancelled before it began gets no callback: the bar still has to go.
        ctx.runner.task_finished.connect(self._on_task_finished)
        window.refresh_requested.connect(lambda: self.start(force=True))
        window.cancel_requested.connect(self.cancel)
        window.closing.connect(self.shut_down)

    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self, force: bool = False, quiet: bool = False,
              source_ids: list[int] | None = None,
              responses: FetchedResponses | None = None) -> bool:
        """Refresh due sources (all enabled ones when ``force``, or just ``source_ids``).

        False when a refresh is already running. ``quiet`` (the scheduler) shows no progress
        until the first report, so a background refresh of nothing due stays invisible.
        ``responses``: what an Add source preview downloaded seconds ago, used instead of
        downloading it again.
        """
        if self._task is not None:
            return False
        window = self.ctx.window
        if self.offline:
            if not quiet:
                window.statusBar().showMessage(translate(
                    "MainWindow", "The demo works offline: its sources are not fetched. "
                                  "Start Attaché without “demo” to follow real sources."), 10000)
            return False
        self._quiet = quiet
        if not quiet:
            window.show_task(translate("MainWindow", "Refreshing…"))
        self._task = True  # running; a synchronous runner finishes inside run()
        task = self.ctx.runner.run(
            lambda progress: self._job(progress, force, source_ids, responses),
            on_done=self._done,
            on_error=self._failed, kind="write", name="Refresh",
            on_progress=lambda d, t, text: window.show_task(text, d, t))
        if self._task is not None:
            self._task = task
        return True

    def fetch_soon(self, source_ids: list[int],
                   responses: FetchedResponses | None = None) -> bool:
        """Fetch these (new) sources now, with progress, or as soon as the refresh that is
        running ends. False when they will not be fetched: the offline demo (which says so)."""
        if self.offline:
            self.start(force=True, source_ids=source_ids)  # says why nothing is fetched
            return False
        if not source_ids or self.start(force=True, source_ids=source_ids,
                                        responses=responses):
            return True
        self._waiting += [i for i in source_ids if i not in self._waiting]
        if responses is not None:
            self._waiting_responses = responses
        return True

    def _start_waiting(self) -> None:
        if self._waiting and self._task is None:
            waiting, responses = self._waiting, self._waiting_responses
            self._waiting, self._waiting_responses = [], None
            self.start(force=True, source_ids=waiting, responses=responses)

    def _job(self, progress, force: bool, source_ids: list[int] | None,  # noqa: ANN001, ANN202 - on the writer thread
             responses: FetchedResponses | None = None):
        from core.feeds.parsepool import ParsePool
        from core.feeds.refresh import FeedRefresher
        from core.net.fetch import Fetcher
        from core.sentiment.scoring import Scorer

        settings = self.ctx.settings.current()
        if self._pool is None:
            self._pool = ParsePool(settings.parse_processes or None)
        fetcher = Fetcher.from_settings(settings)
        failed = 0

        def on_result(result, done: int, total: int) -> None:  # noqa: ANN001
            nonlocal failed
            failed += result.failed
            text = translate("MainWindow", "Refreshing {0}/{1}").format(done, total)
            if failed:
                text += " — " + counts().errors(failed)
            progress.report(done, total, text)

        if responses is not None:
            from desktop.reuse_fetch import ReusingFetcher

            fetcher = ReusingFetcher(fetcher, responses)  # type: ignore[assignment]
        refresher = FeedRefresher(self.ctx.db, fetcher, workers=settings.workers,
                                  per_host=settings.per_host, parse_pool=self._pool,
                                  scorer=Scorer.from_settings(settings, self.ctx.db))
        try:
            return refresher.refresh(source_ids, force=force, on_result=on_result,
                                     cancel=progress.cancel_event)
        finally:
            fetcher.close()

    def _done(self, results: list[RefreshResult]) -> None:
        cancelled = self._task not in (None, True) and self._task.progress.cancelled
        self._task = None
        if not results and self._quiet:  # a scheduler tick with nothing due: no flicker
            self.ctx.window.hide_task()
            return
        new = sum(r.new_items for r in results)
        failed = sum(r.failed for r in results)
        self.ctx.bus.sources_changed.emit()
        self.ctx.bus.items_changed.emit()
        self.ctx.bus.replies_changed.emit()
        summary = (translate("MainWindow", "Refresh cancelled; refreshed {0}: {1}")
                   if cancelled else translate("MainWindow", "Refreshed {0}: {1}"))
        self.ctx.window.hide_task(
            summary.format(counts().sources(len(results)), counts().new_items(new))
            + (", " + counts().failed(failed) if failed else ""))
        for callback in self.finished_callbacks:
            callback(results)

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.ctx.window.hide_task(translate("MainWindow", "Refresh failed: {0}").format(error))

    def _on_task_finished(self, name: str) -> None:
        if name == "Refresh":
            self._task = None
            self.ctx.window.hide_task()
            self._start_waiting()

    def cancel(self) -> None:
        """Stop the refresh: fetches in flight are cut and parsers stopped (core/feeds/
        refresh.py), so the job ends within about a second whatever the servers do. Sources
        waiting for it (``fetch_soon``) are not fetched either: Cancel stops fetching."""
        self._waiting, self._waiting_responses = [], None
        if self._task is not None and self._task is not True:
            self._task.progress.cancel()

    def shut_down(self) -> None:
        """The window is closing: cancel, kill the parser processes at once (a parse cannot be
        interrupted otherwise), then wait for the threads — seconds, never the minutes a
        trickling server could hold a fetch."""
        self.cancel()
        if self._pool is not None:
            self._pool.abort()
        self.ctx.runner.shutdown(10.0)
        if self._pool is not None:
            self._pool.close()
