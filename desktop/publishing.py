"""Publishing while the app runs: every minute, approved posts whose time has come go out.

The same core loop as ``attache publish due`` (core/publish/runner.py), on the task runner's
network threads, so IT's scheduled command and any number of open apps on one team database
can run at once: the outbox claims make every post go out once whoever gets there first. A
tick with nothing due costs one query. What went out, what failed and what needs an officer
(an unconfirmed send) is told in a notification, and the Calendar repaints its chips with
each channel's state. The ``auto_publish`` setting switches it off; the demo never publishes.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from desktop.scheduler import TICK_MS
from ui.widgets.counts import counts

if TYPE_CHECKING:
    from core.publish.runner import Outcome
    from desktop.context import AppContext
    from desktop.notify import Notifier

translate = QCoreApplication.translate  # lupdate files these under "Publishing"
log = logging.getLogger("attache.publish")


def publish_news(outcomes: Sequence[Outcome]) -> str | None:
    """What a publishing tick did that an officer must know, or None."""
    published = [o for o in outcomes if o.status == "published"]
    failed = [o for o in outcomes if o.status == "failed"]
    unconfirmed = [o for o in outcomes if o.status == "unconfirmed"]
    parts = []
    if published:
        parts.append(translate("Publishing", "Published {0} on {1}").format(
            counts().posts(len({o.post_id for o in published})),
            counts().channels(len(published))))
    if failed:
        parts.append(translate("Publishing", "not published on {0} ({1}: {2})").format(
            counts().channels(len(failed)), failed[0].title, failed[0].error))
    if unconfirmed:
        parts.append(translate("Publishing", "{0} to check: the channel may have the post; "
                                             "say whether it does in the post's editor").format(
            counts().channels(len(unconfirmed))))
    return "; ".join(parts) or None


class PublishScheduler(QObject):
    def __init__(self, ctx: AppContext, notifier: Notifier, *, offline: bool = False,
                 tick_ms: int = TICK_MS) -> None:
        super().__init__(ctx.window)
        self.ctx = ctx
        self.notifier = notifier
        self.offline = offline
        self.running = False
        self.last: list[Outcome] = []
        self._told: set[tuple[int, str, int | None, str]] = set()  # said once per state
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.tick)
        ctx.window.closing.connect(self.timer.stop)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.tick)  # what fell due while the app was closed

    def tick(self) -> bool:
        """Publish what is due now; False when switched off, offline or still running."""
        settings = self.ctx.settings.current()
        if self.offline or not settings.auto_publish or self.running:
            return False
        self.running = True
        db = self.ctx.db

        def job(_progress: object) -> list[Outcome]:
            from core.net.fetch import Fetcher
            from core.publish.runner import Run, publish_due
            from core.storage.types import utcnow

            fetcher = Fetcher.from_settings(settings)
            try:
                return publish_due(Run(db, fetcher, settings, utcnow()))
            finally:
                fetcher.close()

        self.ctx.runner.run(job, on_done=self._done, on_error=self._failed, kind="network",
                            name=translate("Publishing", "Publishing due posts"))
        return True

    def _done(self, outcomes: list[Outcome]) -> None:
        self.running = False
        self.last = outcomes
        fresh = [o for o in outcomes if o.status != "skipped"
                 and (o.post_id, o.occurrence, o.channel_id, o.status) not in self._told]
        if not fresh:
            return  # what was said before (a post still too long, still to check)
        self._told.update((o.post_id, o.occurrence, o.channel_id, o.status) for o in fresh)
        self.ctx.bus.posts_changed.emit()  # the chips show each channel's new state
        news = publish_news(fresh)
        if news:
            self.notifier.notify(translate("Publishing", "Attaché: publishing"), news,
                                 enabled=self.ctx.settings.current().notifications)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        log.error("publishing due posts failed", exc_info=exc)
        self.ctx.window.statusBar().showMessage(
            translate("Publishing", "Publishing failed: {0}").format(exc), 10000)
