"""File → Reports…: wires ``ui/reports_dialog.py`` to core's reports and Qt's renderer.

The preview and the file are built by the task runner's readers (never on the GUI thread):
the report from the database, then its first page drawn into an image, or the whole file
written through ``core.reports.output``. A job checks between sections whether the officer
changed their mind (a newer preview, the dialog closed) and stops there.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from core.errors import KnownError
from ui.widgets.counts import counts as counted

if TYPE_CHECKING:
    from core.reports.model import Report
    from desktop.context import AppContext
    from ui.reports_dialog import JobProgress, Preview, ReportRequest, ReportsData

log = logging.getLogger("attache.desktop")
translate = QCoreApplication.translate


def build_report(ctx: AppContext, request: ReportRequest, progress: JobProgress) -> Report:
    from core.calendar.timezones import default_zone_name
    from core.reports.period import PeriodOptions, period_report
    from core.reports.scope import Letterhead, Range
    from core.reports.summary import SummaryOptions, summary_report
    from desktop.tasks import Cancelled

    def step(done: int, total: int, text: str) -> None:
        if progress.cancelled:
            raise Cancelled
        progress.report(done, total, text)

    settings = ctx.settings.current()
    rng = Range(request.first, request.last, default_zone_name(settings.timezone))
    letterhead = Letterhead(request.embassy, request.prepared_by, request.classification)
    if request.kind == "summary":
        return summary_report(ctx.db, SummaryOptions(
            range=rng, by=request.by, pick=request.pick,  # type: ignore[arg-type]
            terms=request.terms, excerpt=request.excerpt, tone=request.tone,
            letterhead=letterhead), step)
    return period_report(ctx.db, PeriodOptions(
        range=rng, campaign=request.campaign, channel=request.channel,
        countries=settings.countries, letterhead=letterhead), step)


def describe(report: Report) -> str:
    if report.empty:
        return report.empty
    counts = report.counts
    plural = counted()
    if report.kind == "summary":
        return translate("Reports", "{0} in {1}").format(plural.stories(counts["items"]),
                                                         plural.groups(counts["groups"]))
    return ", ".join((plural.posts(counts["posts"]), plural.replies(counts["replies"]),
                      plural.watch_hits(counts["mentions"])))


def preview(ctx: AppContext, request: ReportRequest, progress: JobProgress) -> Preview:
    from core.reports.write_pdf import print_document
    from desktop.report_render import first_page, renderers
    from ui.reports_dialog import PREVIEW_WIDTH, Preview

    report = build_report(ctx, request, progress)
    image, pages = first_page(print_document(report, renderers()), PREVIEW_WIDTH)
    return Preview(image=image, pages=pages, words=describe(report))


def save(ctx: AppContext, request: ReportRequest, progress: JobProgress) -> str:
    from core.reports.formats import report_format
    from core.reports.output import check_target, write_atomically
    from desktop.report_render import renderers

    assert request.path is not None
    fmt = report_format(request.format, request.path, request.kind)  # type: ignore[arg-type]
    check_target(request.path)  # before the work: an unwritable place is said at once
    report = build_report(ctx, request, progress)
    progress.report(0, 0, translate("Reports", "Writing the file…"))
    write_atomically(request.path, fmt.write(report, renderers()))
    return describe(report)


def remember(ctx: AppContext, embassy: str, prepared_by: str, classification: str) -> None:
    """Keep the letterhead in settings.json (read and written as a whole, as the Settings
    dialog does), then let the app's settings read it again."""
    from core.settings import Settings

    try:
        settings = Settings.load()
        settings.embassy_name, settings.prepared_by = embassy, prepared_by
        settings.report_classification = classification
        settings.save()
    except (KnownError, OSError) as exc:  # the report is still written; say why in the log
        log.warning("could not keep the report letterhead in the settings: %s", exc)
        return
    ctx.settings.reload()


def reports_data(ctx: AppContext) -> ReportsData:
    from core.calendar.campaigns import list_campaigns
    from core.calendar.timezones import default_zone_name, zone
    from core.reports.period import own_channels
    from core.watch import list_terms
    from ui.calendar_io import default_folder
    from ui.reports_dialog import ReportsData

    def run(job, on_done, on_error, on_progress):  # noqa: ANN001, ANN202
        return ctx.runner.run(job, on_done=on_done, on_error=on_error,
                              on_progress=on_progress, kind="read", name="Report")

    def letterhead() -> tuple[str, str, str]:
        settings = ctx.settings.current()
        return settings.embassy_name, settings.prepared_by, settings.report_classification

    def today():  # noqa: ANN202
        from datetime import datetime

        return datetime.now(zone(default_zone_name(ctx.settings.current().timezone))).date()

    return ReportsData(
        terms=lambda: [t["term"] for t in list_terms(ctx.db)],
        campaigns=lambda: [c["name"] for c in list_campaigns(ctx.db)],
        channels=lambda: [(source_id, name) for source_id, name, _ in own_channels(ctx.db)],
        letterhead=letterhead,
        remember=lambda *letterhead: remember(ctx, *letterhead),
        preview=lambda request, progress: preview(ctx, request, progress),
        save=lambda request, progress: save(ctx, request, progress),
        run=run, folder=default_folder(), today=today)


def open_reports(ctx: AppContext) -> None:
    from ui.reports_dialog import ReportsDialog

    window = ctx.window
    dialog = getattr(window, "reports_dialog", None)
    if dialog is None or not dialog.isVisible():  # a new one sees today's terms, campaigns
        if dialog is not None:
            dialog.deleteLater()
        dialog = ReportsDialog(reports_data(ctx), window)
        dialog.saved.connect(lambda path: window.statusBar().showMessage(
            translate("Reports", "Report saved to {0}").format(path)))
        window.reports_dialog = dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()


def install(ctx: AppContext) -> None:
    """File → Reports… (Ctrl+Shift+R), above Refresh sources."""
    window = ctx.window
    action = window.add_action("file", translate("MainWindow", "&Reports…"),
                               QKeySequence("Ctrl+Shift+R"), lambda: open_reports(ctx))
    action.setObjectName("reports-action")
    menu = window.menus["file"]
    menu.removeAction(action)
    menu.insertAction(window.refresh_action, action)
    menu.insertSeparator(window.refresh_action)
    window.reports_action = action


def screenshot_extras(ctx: AppContext) -> dict:
    """For ``attache screenshots``: the dialog with its preview, and the first page of each
    report as it prints (last 90 days for the period report)."""
    from datetime import timedelta

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QLabel

    from core.reports.write_pdf import print_document
    from desktop.report_render import first_page, renderers
    from desktop.tasks import Progress
    from ui.reports_dialog import ReportRequest, ReportsDialog
    from ui.widgets.screen_fit import room_for

    data = reports_data(ctx)
    dialog = ReportsDialog(data, ctx.window)
    dialog.show()
    dialog.refresh_preview()
    shots: dict = {"reports": dialog}
    today = data.today()
    letterhead = data.letterhead()
    for name, request in (
            ("report-summary-page", ReportRequest("summary", today - timedelta(days=1), today)),
            ("report-period-page", ReportRequest("period", today - timedelta(days=89), today))):
        request = ReportRequest(**{**request.__dict__, "embassy": letterhead[0] or
                                   "U.S. Embassy Tashkent", "prepared_by": letterhead[1],
                                   "classification": letterhead[2] or "Unclassified"})
        report = build_report(ctx, request, Progress())
        image, _pages = first_page(print_document(report, renderers()), 900)
        room = room_for(ctx.window)
        if image.height() > room.height():  # --screen: the whole page, smaller, not its middle
            image = image.scaledToHeight(room.height(), Qt.TransformationMode.SmoothTransformation)
        label = QLabel()
        label.setPixmap(QPixmap.fromImage(image))
        label.resize(image.size())
        shots[name] = label
    return shots
