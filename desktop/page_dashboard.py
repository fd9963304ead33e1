"""The Dashboard page: computes ``core.dashboard`` snapshots in the background for ui.dashboard.

A snapshot is counted when the page is shown and again when posts, sources, items or replies
change while it is visible. A refresh touches many sources and emits a burst of change
signals, so those are debounced into one recount; a recount asked for while one runs is
done once, right after it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from core.storage.database import Database
from desktop.context import AppContext

if TYPE_CHECKING:
    from core.dashboard import DashboardData
    from core.settings import Settings
    from desktop.tasks import Progress
    from ui.dashboard import DashboardView

DEBOUNCE_MS = 400


def _utcnow() -> datetime:
    return datetime.now(UTC)


def sync_packs(db: Database, settings: Settings) -> None:
    """Bring the observance packs in line with the settings (cheap when nothing changed)."""
    from core.calendar.observances import ensure_packs

    ensure_packs(db, settings.countries, settings.packs)


def snapshot(db: Database, now: datetime, settings: Settings) -> DashboardData:
    """Every panel's numbers, in the officer's zone and host countries."""
    from core.calendar.timezones import default_zone_name
    from core.dashboard import dashboard

    return dashboard(db, now, default_zone_name(settings.timezone),
                     countries=settings.countries)


class DashboardLoader(QObject):
    """Runs the recounts for one DashboardView: never two at once, bursts coalesced."""

    def __init__(self, ctx: AppContext, view: DashboardView,
                 now: Callable[[], datetime] = _utcnow) -> None:
        super().__init__(view)
        self.ctx, self.view, self.now = ctx, view, now
        self.running = False
        self.again = False
        self.packs_synced = False
        self.loads = 0  # finished recounts (tests, diagnostics)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.load)

    def changed(self) -> None:
        """Data changed somewhere: recount soon if the page is on screen (else when shown)."""
        if self.view.isVisible():
            self.timer.start()

    def settings_changed(self) -> None:
        self.packs_synced = False  # host countries or packs may have changed
        self.changed()

    def load(self) -> None:
        self.timer.stop()
        if self.running:
            self.again = True
            return
        self.running = True
        self.view.show_loading()
        if not self.packs_synced:
            settings = self.ctx.settings.current()
            self.ctx.runner.run(lambda _progress: sync_packs(self.ctx.db, settings),
                                on_done=lambda _result: self._packs_done(),
                                on_error=self._failed, kind="write",
                                name="Observance packs")
        else:
            self._count()

    def _packs_done(self) -> None:
        self.packs_synced = True
        self._count()

    def _count(self) -> None:
        now = self.now()
        settings = self.ctx.settings.current()

        def job(_progress: Progress) -> DashboardData:
            return snapshot(self.ctx.db, now, settings)

        self.ctx.runner.run(job, on_done=self._done, on_error=self._failed, kind="read",
                            name="Dashboard")

    def _done(self, data: DashboardData) -> None:
        self.running = False
        self.loads += 1
        self.view.show_data(data)
        self._next()

    def _failed(self, exc: BaseException) -> None:
        import logging

        from desktop.tasks import failure_message

        self.running = False
        logging.getLogger("attache.dashboard").error(
            "dashboard failed", exc_info=(type(exc), exc, exc.__traceback__))
        self.view.show_error(failure_message("Dashboard", exc))
        self._next()

    def _next(self) -> None:
        if self.again:
            self.again = False
            self.load()


def _open(ctx: AppContext, page: str, method: str | None = None, *args: object) -> None:
    """Switch to ``page`` and, when that page offers ``method``, show the object there."""
    if page not in ctx.window.page_keys:
        return
    ctx.window.show_page(page)
    show = getattr(ctx.window.page(page), method, None) if method else None
    if callable(show):
        show(*args)


def _open_agenda_entry(ctx: AppContext, view: DashboardView, kind: str, entry_id: int) -> None:
    """The Calendar, turned to the day of the post or observance clicked."""
    data = view.data
    entry = next((e for e in (data.agenda if data else ()) if e.kind == kind
                  and e.id == entry_id), None)
    if entry is None:
        _open(ctx, "calendar")
    else:
        _open(ctx, "calendar", "show_day", entry.day)


def build(ctx: AppContext, now: Callable[[], datetime] = _utcnow) -> QWidget:
    from ui.dashboard import DashboardView

    view = DashboardView()
    loader = DashboardLoader(ctx, view, now)
    view.loader = loader  # type: ignore[attr-defined]  # tests and diagnostics
    view.reload_requested.connect(loader.load)
    for signal in (ctx.bus.posts_changed, ctx.bus.sources_changed, ctx.bus.items_changed,
                   ctx.bus.replies_changed):
        signal.connect(loader.changed)
    ctx.bus.settings_changed.connect(loader.settings_changed)
    view.post_activated.connect(lambda i: _open_agenda_entry(ctx, view, "post", i))
    view.observance_activated.connect(lambda i: _open_agenda_entry(ctx, view, "observance", i))
    view.source_activated.connect(lambda i: _open(ctx, "sources", "select_source", i))
    view.account_activated.connect(lambda i: _open(ctx, "listen", "show_account", i))
    return view
