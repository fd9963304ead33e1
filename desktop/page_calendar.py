"""The Calendar page: wires ui.calendar to core (posts, observances, campaigns, plan checks).

Times reach the views in the planning zone (the ``timezone`` setting, else this computer's),
the zone posts are typed in, so "10:00" on screen is "10:00" in the editor and the CLI.
The post editor and the export/import dialogs live in ``desktop/post_dialogs.py``; they are
imported when first used, so this page still builds (and says so) if they are missing.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Iterator
from datetime import date, datetime, tzinfo
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from core.errors import KnownError
from core.settings import Settings
from core.storage.database import Database

translate = QCoreApplication.translate  # lupdate files these under their context

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

    from desktop.context import AppContext
    from ui.calendar.data import CalendarData, ObservanceEntry, PostEntry
    from ui.calendar.view import CalendarView

log = logging.getLogger("attache.calendar")
# The posts publishing may have touched (the chips show each channel's state).
SENT_STATUSES = ("approved", "scheduled", "published")


def calendar_data(db: Database, settings: Settings) -> CalendarData:
    """The Calendar's window onto core: plain callables, so ui/ never sees SQL."""
    from zoneinfo import ZoneInfo

    from core.calendar import posts as post_ops
    from core.calendar.campaigns import list_campaigns
    from core.calendar.checks import check_plan
    from core.calendar.observances import list_occurrences
    from core.calendar.timezones import default_zone_name
    from core.feeds.sources import list_sources
    from core.publish.confirm import channel_states
    from ui.calendar.data import CalendarData, MoveRefused

    zone = ZoneInfo(default_zone_name(settings.timezone))

    def posts(first: date, last: date) -> list[PostEntry]:
        # A warning belongs to the occurrence on its day (a weekly post meets a holiday once).
        warnings: dict[int, dict[str, list[str]]] = {}
        for warning in check_plan(db, first, last, gap_minutes=settings.post_gap_minutes,
                                  countries=tuple(settings.countries)):
            warnings.setdefault(warning.post_id, {}).setdefault(warning.date, []).append(
                local_dates(warning.message))
        listed = post_ops.list_posts(db, first=first, last=last)
        sent = channel_states(db, [p["id"] for p in listed if p["status"] in SENT_STATUSES])
        names = {s["id"]: s["title"] or s["url"] for s in list_sources(db)} if sent else {}
        return [entry for post in listed
                for entry in post_entries(post, first, last, zone, warnings.get(post["id"], {}),
                                          sent, names)]

    def observances(first: date, last: date) -> list[ObservanceEntry]:
        return [observance_entry(row) for row in list_occurrences(db, first, last)]

    def reschedule(post_id: int, when: datetime | date, expect_version: int,
                   duration_minutes: int | None) -> int:
        if isinstance(when, datetime):
            fields = post_ops.PostFields(at=when, duration_minutes=duration_minutes)
        else:
            fields = post_ops.PostFields(day=when)
        try:
            return post_ops.update_post(db, post_id, fields, expect_version)["version"]
        except post_ops.ConflictError as exc:
            raise MoveRefused(str(exc), conflict=True) from exc
        except KnownError as exc:  # e.g. deleted by a colleague meanwhile
            raise MoveRefused(str(exc)) from exc

    return CalendarData(
        posts=posts,
        observances=observances,
        reschedule=reschedule,
        campaign_colours=lambda: {c["name"]: c["color"] for c in list_campaigns(db)},
        channel_names=lambda: {s["id"]: s["title"] or s["url"] for s in list_sources(db)},
        today=lambda: datetime.now(zone).date(),
        zone=zone,
    )


def local_dates(text: str) -> str:
    """ISO dates in a core message (2026-12-12) as the interface's locale writes them."""
    from PySide6.QtCore import QDate, QLocale

    def local(match: re.Match[str]) -> str:
        day = QDate.fromString(match[0], "yyyy-MM-dd")
        return QLocale().toString(day, QLocale.FormatType.ShortFormat) if day.isValid() \
            else match[0]

    return re.sub(r"\b\d{4}-\d{2}-\d{2}\b", local, text)


def post_entries(post: dict, first: date, last: date, zone: tzinfo,
                 warnings: dict[str, list[str]],
                 sent: dict[tuple[int, str], list[tuple[int, str, str | None]]] | None = None,
                 names: dict[int, str] | None = None) -> Iterator[PostEntry]:
    """A ``posts list`` object's occurrences in [first, last], in the planning zone, each with
    the warnings of its own day (``warnings``: ISO day in the post's zone → messages) and what
    publishing did on each channel (``sent``: core.publish.confirm.channel_states)."""
    from core.calendar.posts import occurrences
    from ui.calendar.data import PostEntry

    all_day = post["all_day"]
    # occurrences() expands the stored row; rebuild its columns from the JSON contract.
    row = {"all_day": all_day, "rrule": post["rrule"], "tz": post["tz"],
           "exdates": post.get("exdates"),
           "duration_minutes": post["duration_minutes"],
           "start_date": date.fromisoformat(post["start"]) if all_day else None,
           "start_at": None if all_day else datetime.fromisoformat(post["start"])}
    for span in occurrences(row, first, last):
        start = span.start.astimezone(zone) if isinstance(span.start, datetime) else span.start
        yield PostEntry(
            post_id=post["id"], title=post["title"], status=post["status"], start=start,
            version=post["version"], all_day=all_day,
            duration_minutes=post["duration_minutes"], campaign=post["campaign"],
            channels=tuple(post["channels"]), recurring=bool(post["rrule"]),
            observance_id=post["observance_id"],
            warnings=tuple(warnings.get(span.first_day().isoformat(), ())),
            channel_states=tuple(
                ((names or {}).get(channel, str(channel)), state, detail)
                for channel, state, detail in (sent or {}).get(
                    (post["id"], span.start.isoformat() if post["rrule"] else ""), ())))


def observance_entry(row: dict) -> ObservanceEntry:
    from ui.calendar.data import ObservanceEntry

    return ObservanceEntry(
        observance_id=row["id"], name=row["name"], first=date.fromisoformat(row["date"]),
        last=date.fromisoformat(row["end"]), category=row["category"],
        estimated=row["estimated"], lead_days=row["lead_days"] or 0, country=row["country"],
        description=row["description"])


# ------------------------------------------------------------------ dialogs

POST_DIALOGS = "desktop.post_dialogs"  # by name: desktop/named_modules.py lists it for bundles


def _post_dialogs() -> ModuleType | None:
    """``desktop.post_dialogs``, looked up at call time (tests may stand in for it)."""
    try:
        return importlib.import_module(POST_DIALOGS)
    except ImportError:
        log.exception("the post dialogs are not available")
        return None


def _unavailable(ctx: AppContext) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(ctx.window, translate("MainWindow", "Post editor unavailable"), translate(
        "MainWindow", "The post editor could not be loaded. Plan posts from the command line "
        "meanwhile: attache posts add --title … --at \"YYYY-MM-DD HH:MM\""))


def open_post_editor(ctx: AppContext, post_id: int | None = None,
                     prefill: dict | None = None) -> QDialog | None:
    dialogs = _post_dialogs()
    if dialogs is None:
        _unavailable(ctx)
        return None
    return dialogs.open_post_editor(ctx, post_id=post_id, prefill=prefill)


def _open(ctx: AppContext, name: str) -> QDialog | None:
    dialogs = _post_dialogs()
    if dialogs is None:
        _unavailable(ctx)
        return None
    return getattr(dialogs, name)(ctx)


def screenshot_states(view: CalendarView) -> Iterator[str]:
    """The week and the agenda after the month (``attache screenshots``), then the month."""
    from ui.calendar.view import AGENDA, MONTH, WEEK

    for mode in (WEEK, AGENDA):
        view.set_mode(mode)
        yield f"calendar-{mode}"
    view.set_mode(MONTH)


def screenshot_extras(ctx: AppContext) -> dict[str, QWidget]:
    """The post editor and the export/import dialogs, when their module is there."""
    try:
        dialogs = importlib.import_module(POST_DIALOGS)
    except ImportError:
        return {}
    return dialogs.screenshot_widgets(ctx)


# ------------------------------------------------------------------ the page

def build(ctx: AppContext) -> CalendarView:
    from PySide6.QtGui import QKeySequence

    from core.calendar.observances import ensure_packs
    from ui.calendar.view import CalendarView

    view = CalendarView(calendar_data(ctx.db, ctx.settings.or_defaults()), ctx.window.undo_stack)
    view.open_post_requested.connect(lambda post_id: open_post_editor(ctx, post_id=post_id))
    view.new_post_requested.connect(lambda prefill: open_post_editor(ctx, prefill=prefill))
    view.posts_changed.connect(ctx.bus.posts_changed)
    view.status.connect(lambda text: ctx.window.statusBar().showMessage(text, 8000))
    ctx.bus.posts_changed.connect(view.schedule_reload)

    def sync_packs() -> None:
        """Bring the observance packs in line with the settings (cheap when they are)."""
        settings = ctx.settings.or_defaults()
        ctx.runner.run(lambda _progress: ensure_packs(ctx.db, settings.countries,
                                                      settings.packs),
                       on_done=lambda counts: view.schedule_reload() if counts else None,
                       kind="write", name=translate("MainWindow", "Updating observance days"))

    def settings_changed() -> None:
        view.data = calendar_data(ctx.db, ctx.settings.or_defaults())
        sync_packs()
        view.schedule_reload()

    ctx.bus.settings_changed.connect(settings_changed)
    sync_packs()

    window = ctx.window
    file_menu = window.menus["file"]
    actions = [
        window.add_action("file", translate("MainWindow", "&New post…"),
                          QKeySequence.StandardKey.New,
                          lambda: view.new_post_on(view.selected_day())),
        window.add_action("file", translate("MainWindow", "&Export calendar…"), None,
                          lambda: _open(ctx, "open_export_dialog")),
        window.add_action("file", translate("MainWindow", "&Import calendar…"), None,
                          lambda: _open(ctx, "open_import_dialog")),
    ]
    quit_action = getattr(window, "quit_action", None)
    if quit_action is not None:  # above Quit, not after it
        for action in actions:
            file_menu.insertAction(quit_action, action)
        file_menu.insertSeparator(quit_action)
    shortcut = actions[0].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    view.new_button.setToolTip(translate(
        "CalendarView", "Plan a post on the selected day ({0})").format(shortcut))
    return view

