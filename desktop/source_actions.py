"""The source commands the Monitor's tree, the Sources page and the File menu share.

Refresh, edit, disable and remove a source (the context menu of both the Monitor's tree and
the Sources page), Add source…, and OPML import/export, wired to core. Every write announces
itself on ``ctx.bus.sources_changed`` (and ``items_changed`` when items went with it), so the
Monitor's tree and the Sources page reload from one signal.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from core.feeds import sources
from desktop.reuse_fetch import FetchedResponses, ReusingFetcher
from ui.widgets.counts import counts

translate = QCoreApplication.translate  # lupdate files these under their context

if TYPE_CHECKING:
    from desktop.context import AppContext
    from ui.add_source_dialog import AddSourceDialog, AddSourceServices
    from ui.sources_page import SourceActions


def source_actions(ctx: AppContext) -> SourceActions:
    """The source menu's commands over core: small single-row writes on the user's click,
    except Remove, which deletes every item of the source and so runs as a write job."""
    from ui.sources_page import SourceActions

    db, bus = ctx.db, ctx.bus

    def refresh(source_id: int) -> None:
        refresher = getattr(ctx.window, "refresher", None)
        if refresher is None or not refresher.start(force=True, source_ids=[source_id]):
            ctx.window.statusBar().showMessage(translate("MainWindow",
                "A refresh is already running; this source is fetched with it or the next one"))

    def update(source_id: int, values: dict) -> None:
        sources.update_source(db, source_id, **values)
        bus.sources_changed.emit()
        bus.items_changed.emit()  # a new category or title changes what the table shows

    def set_enabled(source_id: int, enabled: bool) -> None:
        (sources.enable_source if enabled else sources.disable_source)(db, source_id)
        bus.sources_changed.emit()

    def remove(source_id: int) -> None:
        # Deleting every item of a big source takes a while and, during a refresh, would wait
        # on SQLite's lock: a write job queues behind the refresh on the one writer thread.
        def done(count: int) -> None:
            bus.sources_changed.emit()
            bus.items_changed.emit()
            ctx.window.statusBar().showMessage(
                translate("MainWindow", "Removed the source and {0}").format(
                    counts().items(count)))

        def failed(exc: BaseException) -> None:
            from core.errors import KnownError

            detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            reason = detail if isinstance(exc, KnownError) else translate(
                "MainWindow", "The database could not be changed ({0}). Try again in a "
                "moment, when the refresh has finished.").format(detail)
            QMessageBox.warning(ctx.window, translate("MainWindow", "Source not removed"),
                                reason)

        ctx.runner.run(lambda _progress: sources.remove_source(db, source_id), on_done=done,
                       on_error=failed, kind="write",
                       name=translate("MainWindow", "Removing a source"))

    return SourceActions(refresh=refresh, update=update, set_enabled=set_enabled, remove=remove,
                         categories=lambda: sources.categories(db),
                         add_source=lambda: open_add_source(ctx))


def add_starter_sources(ctx: AppContext) -> list[int]:
    """Import the starter sources (IT's list from site.toml, else the shipped one) with the
    default refresh interval; the ids of those that were new. A job for the writer thread."""
    from core.feeds.opml import import_opml
    from core.siteconfig import starter_opml

    interval = ctx.settings.current().default_interval_minutes
    added = set(import_opml(ctx.db, starter_opml(), interval).added)
    return [row["id"] for row in sources.list_sources(ctx.db) if row["url"] in added]


def add_source_services(ctx: AppContext) -> AddSourceServices:
    """Preview and add exactly as ``attache sources add`` does (same core functions)."""
    from core.social.registry import detect_kind
    from ui.add_source_dialog import AddSourceServices

    # What the preview downloaded serves the add and the first refresh (no second download,
    # no "press F5"): see desktop/reuse_fetch.py.
    responses = FetchedResponses()

    def with_fetcher(work):  # noqa: ANN001, ANN202 - a job helper: fetcher made and closed
        from core.net.fetch import Fetcher

        fetcher = Fetcher.from_settings(ctx.settings.current())
        try:
            return work(ReusingFetcher(fetcher, responses))
        finally:
            fetcher.close()

    def preview(text: str, kind: str) -> sources.SourcePreview:
        return with_fetcher(lambda fetcher: sources.preview_source(fetcher, text, kind))

    def add(request: dict) -> object:
        from core.social.accounts import add_social_source

        options = {"name": request["name"], "interval_minutes": request["interval_minutes"],
                   "category": request["category"], "own": request["own"]}
        if request["kind"] == "rss":
            return with_fetcher(lambda fetcher: sources.add_source(
                ctx.db, request["text"], fetcher=fetcher, **options))
        return with_fetcher(lambda fetcher: add_social_source(
            ctx.db, fetcher, request["text"], request["kind"], **options))

    return AddSourceServices(detect_kind=detect_kind, preview=preview, add=add,
                             run=ctx.runner.run, categories=sources.categories(ctx.db),
                             default_interval=ctx.settings.current().default_interval_minutes,
                             on_added=lambda source: _source_added(ctx, source, responses))


def _source_added(ctx: AppContext, source: object,
                  responses: FetchedResponses | None = None) -> None:
    """Announce a stored source, select it in the Monitor and fetch it at once (from what
    the preview already downloaded, when it did).

    Called from the add job's completion, not from the dialog's ``added`` signal: the dialog
    may have been closed (and deleted) while the add waited on the writer.
    """
    ctx.bus.sources_changed.emit()
    source_id = getattr(source, "id", None)
    ctx.window.monitor.select_key(("source", source_id))
    name = getattr(source, "title", None) or getattr(source, "url", "")
    # Said before the fetch starts: its own "Refreshed …" replaces it when it ends (or the
    # demo says why it fetches nothing).
    ctx.window.statusBar().showMessage(translate("MainWindow", "Added {0}; fetching it")
                                       .format(name))
    refresher = getattr(ctx.window, "refresher", None)
    if refresher is not None and source_id is not None:
        refresher.fetch_soon([source_id], responses)


def open_add_source(ctx: AppContext, text: str = "") -> AddSourceDialog:
    """File → Add source…: a window-modal dialog; the new source is selected in the Monitor.

    Deleted when it closes, also while a preview or an add still runs (Cancel stays usable);
    the dialog drops those late answers, and an add still announces the new source.
    """
    from ui.add_source_dialog import AddSourceDialog

    dialog = AddSourceDialog(add_source_services(ctx), ctx.window)
    dialog.address.setText(text)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def import_opml_file(ctx: AppContext, path: Path | str | None = None) -> None:
    """File → Import OPML…: every feed in the file not already a source (a write job)."""
    from core.feeds.opml import import_opml

    window = ctx.window
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(
            window, translate("MainWindow", "Import sources from OPML"), "",
            translate("MainWindow", "OPML files (*.opml *.xml);;All files (*)"))
        if not chosen:
            return
        path = chosen
    interval = ctx.settings.current().default_interval_minutes

    def done(report) -> None:  # noqa: ANN001
        ctx.bus.sources_changed.emit()
        text = translate("MainWindow", "Imported {0}; {1}").format(
            counts().sources(len(report.added)), counts().already_there(
                len(report.already_present)))
        if report.invalid:
            text += translate("MainWindow", "; skipped {0}").format(
                counts().invalid_addresses(len(report.invalid)))
        window.statusBar().showMessage(text)

    ctx.runner.run(lambda _progress: import_opml(ctx.db, Path(path), interval), on_done=done,
                   on_error=lambda exc: _failed(
                       window, translate("MainWindow", "OPML not imported"), exc),
                   kind="write", name="Import OPML")


def export_opml_file(ctx: AppContext, path: Path | str | None = None) -> None:
    """File → Export OPML…: every source, folders for categories (a read job)."""
    from core.feeds.opml import export_opml

    window = ctx.window
    if path is None:
        chosen, _ = QFileDialog.getSaveFileName(
            window, translate("MainWindow", "Export sources to OPML"), "attache-sources.opml",
            translate("MainWindow", "OPML files (*.opml);;All files (*)"))
        if not chosen:
            return
        path = chosen
    ctx.runner.run(lambda _progress: export_opml(ctx.db, Path(path)),
                   on_done=lambda count: window.statusBar().showMessage(
                       translate("MainWindow", "Exported {0} to {1}").format(
                           counts().sources(count), path)),
                   on_error=lambda exc: _failed(
                       window, translate("MainWindow", "OPML not exported"), exc),
                   kind="read", name="Export OPML")


def _failed(parent: QWidget, title: str, exc: BaseException) -> None:
    from core.errors import KnownError

    if not isinstance(exc, KnownError):
        raise exc  # a bug: the crash handler reports it
    QMessageBox.warning(parent, title, str(exc))
