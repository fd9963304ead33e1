"""The post editor and the calendar export/import dialogs, wired to core.

The Calendar page calls ``open_post_editor``, ``open_export_dialog`` and ``open_import_dialog``;
each returns its non-modal dialog. Saves, deletes and imports emit ``ctx.bus.posts_changed``.
Writes go to the task runner's writer thread, big reads to its pool, so the window never waits
on a shared database.

The domain work is core's: the status workflow (``core.calendar.posts.next_statuses``), the
warnings on a post being edited (``core.calendar.checks.check_draft``) and the export/import
path shared with ``attache calendar export|import`` (``core.calendar.exchange``; the import's
"Check" is its dry run, so the counts and problems it shows are exactly what "Import" will do).
This module only turns core's answers into the dialogs' plain data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import core.platforms
from core.calendar import campaigns as campaign_ops
from core.calendar import checks
from core.calendar import observances as observance_ops
from core.calendar import posts as post_ops
from core.calendar.exchange import export_calendar, import_calendar
from core.calendar.imports import ImportRejected
from core.calendar.limits import measure
from core.calendar.timezones import default_zone_name, zone
from core.errors import KnownError
from core.feeds.sources import list_sources
from core.settings import Settings
from core.storage.database import Database
from core.storage.models import POST_STATUSES

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

    from desktop.context import AppContext
    from ui.calendar_io import ExportRequest, ImportResult
    from ui.post_editor import ChannelChoice, ObservanceChoice, PostDraft

log = logging.getLogger("attache.calendar.dialogs")

PLATFORMS = {**{p.key: p.name for p in core.platforms.PLATFORMS},
             "feed": "Website", "rss": "Website"}
OBSERVANCE_WINDOW = (timedelta(days=30), timedelta(days=120))  # before / after the post's day


# ------------------------------------------------------------------------------ channels

def channel_kind(source: dict) -> str:
    """The platform a source posts to; X/Meta export files are ``import:<platform>``."""
    if source["kind"] == "import":
        return source["url"].split(":", 1)[-1]
    return source["kind"]


def channel_choices(db: Database) -> list[ChannelChoice]:
    """The embassy's own accounts, social ones first: where a planned post can go out."""
    from ui.post_editor import ChannelChoice

    found = []
    for source in list_sources(db):
        kind = channel_kind(source)
        if not source["own"] or kind == "generic":
            continue
        platform = PLATFORMS.get(kind, kind.title())
        name = source["title"] or source["url"]
        label = name if name.startswith(platform) else f"{platform} — {name}"
        found.append(ChannelChoice(source["id"], label, kind, platform))
    found.sort(key=lambda c: (c.kind in ("feed", "rss"), c.platform, c.label.lower()))
    return found


# ------------------------------------------------------------------------------ posts

def draft_of(post: dict) -> PostDraft:
    """A ``post_details`` dict as the editor's draft (times in the post's own zone)."""
    from ui.post_editor import DraftImage, PostDraft

    if post["all_day"]:
        day, at = date.fromisoformat(post["start"][:10]), None
    else:
        start = datetime.fromisoformat(post["start"])
        day, at = start.date(), time(start.hour, start.minute)
    return PostDraft(post_id=post["id"], version=post["version"], title=post["title"],
                     body=post["body"] or "", status=post["status"], day=day, at=at,
                     tz=post["tz"], channels=list(post["channels"]),
                     campaign=post["campaign"] or "", observance_id=post["observance_id"],
                     notes=post["notes"] or "", rrule=post["rrule"] or "",
                     duration_minutes=None if post["all_day"] else post["duration_minutes"],
                     history=tuple((datetime.fromisoformat(h["at"]).astimezone(zone(post["tz"]))
                                    .isoformat(), h["by"], h["from"], h["to"])
                                   for h in post.get("history", ())),
                     images=tuple(DraftImage(i["filename"], i["alt"] or "", i["position"])
                                  for i in post.get("images", ())))


def fields_of(draft: PostDraft) -> post_ops.PostFields:
    at = datetime.combine(draft.day, draft.at, tzinfo=zone(draft.tz)) if draft.at else None
    return post_ops.PostFields(
        title=draft.title, body=draft.body, status=draft.status, at=at,
        day=None if at else draft.day, tz=draft.tz, channels=list(draft.channels),
        campaign=draft.campaign, observance_id=draft.observance_id or 0, notes=draft.notes,
        rrule=draft.rrule, duration_minutes=(draft.duration_minutes or 0) if at else None)


def images_of(db: Database, draft: PostDraft) -> list:
    """The draft's images as core sends them: a kept one's bytes from the database, a new
    one read from its file (refused with the reason: not an image, too big, gone)."""
    from pathlib import Path

    from core.publish.images import load_image, stored_images

    stored = stored_images(db, draft.post_id) if draft.post_id is not None else {}
    found = []
    for image in draft.images:
        if image.path is not None:
            found.append(load_image(Path(image.path), image.alt))
        elif image.position in stored:
            found.append(replace(stored[image.position], alt=image.alt))
    return found


def save_draft(db: Database, draft: PostDraft, *, require_alt: bool = True) -> PostDraft:
    from ui.post_editor import SaveConflict

    fields = fields_of(draft)
    fields.images = images_of(db, draft)
    fields.require_alt = require_alt
    if draft.post_id is None:
        post_id = post_ops.create_post(db, fields)
        return draft_of(post_ops.post_details(db, post_id))
    try:
        post_ops.update_post(db, draft.post_id, fields, expect_version=draft.version)
    except post_ops.ConflictError as exc:
        raise SaveConflict(str(exc)) from exc
    return draft_of(post_ops.post_details(db, draft.post_id))


def draft_warnings(db: Database, draft: PostDraft, *, gap_minutes: int,
                   countries: tuple[str, ...]) -> list[str]:
    """The plan's warnings with ``draft`` in place of its saved version, channels by name."""
    labels: dict[int, str] = {}

    def label(channel: int) -> str:  # looked up only when a channel is crowded
        if not labels:
            labels.update({c.id: c.label for c in channel_choices(db)})
        return labels.get(channel, f"channel {channel}")

    found = checks.check_draft(db, fields_of(draft), draft.post_id, gap_minutes=gap_minutes,
                               countries=countries, channel_label=label)
    return [w.message for w in found]


def observance_choices(db: Database, day: date,
                       countries: tuple[str, ...]) -> list[ObservanceChoice]:
    """Observances around ``day`` (a month before to four after), nearest date per id."""
    from ui.post_editor import ObservanceChoice

    low, high = day - OBSERVANCE_WINDOW[0], day + OBSERVANCE_WINDOW[1]
    seen: dict[int, ObservanceChoice] = {}
    for o in observance_ops.list_occurrences(db, low, high, countries=countries):
        if o["id"] not in seen:
            when = date.fromisoformat(o["date"])
            seen[o["id"]] = ObservanceChoice(o["id"], f"{when:%d %b %Y} — {o['name']}")
    return list(seen.values())


def tz_label(name: str, day: date) -> str:
    """The zone's offset on ``day`` ("UTC−05:00"): New York moves an hour in March."""
    offset = datetime.combine(day, time(12), tzinfo=zone(name)).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def rrule_error(text: str) -> str:
    """Why core would refuse ``text`` as a post's RRULE ("" when it would take it)."""
    try:
        post_ops.valid_rrule(text)
    except KnownError as exc:
        return str(exc)
    return ""


# ------------------------------------------------------------------------------ wiring

def runner_of(ctx: AppContext, name: str) -> Callable[..., None]:
    """The ui's ``Runner`` over the app's task runner."""
    def run(job: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None], kind: str) -> None:
        ctx.runner.run(lambda _progress: job(), on_done=on_done, on_error=on_error,
                       kind=kind, name=name)
    return run


def post_editor_data(ctx: AppContext) -> Any:
    from desktop.settings_dialog import time_zone_names
    from ui.post_editor import PostEditorData

    db = ctx.db
    settings = ctx.settings.or_defaults()  # a broken file must not stop planning
    countries = tuple(settings.countries)
    return PostEditorData(
        load=lambda post_id: draft_of(post_ops.post_details(db, post_id)),
        channels=lambda: channel_choices(db),
        campaigns=lambda: [c["name"] for c in campaign_ops.list_campaigns(db)],
        observances=lambda day: observance_choices(db, day, countries),
        statuses=POST_STATUSES,
        next_statuses=post_ops.next_statuses,
        measure=lambda kind, text: (lambda n: (n.used, n.limit))(measure(kind, text)),
        check=lambda draft: draft_warnings(db, draft, gap_minutes=settings.post_gap_minutes,
                                           countries=countries),
        save=lambda draft: save_draft(
            db, draft, require_alt=ctx.settings.or_defaults().require_alt_text),
        delete=lambda post_id: post_ops.delete_post(db, post_id),
        time_zones=time_zone_names,
        repeat_rule=lambda every, day, until, count, all_day: post_ops.preset_rrule(
            every, day, until=until, count=count, all_day=all_day),
        repeat_preset=lambda rule, day, all_day: post_ops.rrule_preset(
            rule, day, all_day=all_day),
        rrule_error=rrule_error,
        default_tz=default_zone_name(settings.timezone),
        tz_label=tz_label,
        run=runner_of(ctx, "post"),
        publishing=publishing_data(db, ctx.settings.or_defaults),
        alt_required=lambda: ctx.settings.or_defaults().require_alt_text,
    )


def publishing_data(db: Database, settings: Callable[[], Settings] = Settings) -> Any:
    """The editor's Publishing rows: each channel's send, "it is there / it is not", and
    "send now" for a send whose time passed while no Attaché was running."""
    from core.feeds.sources import list_sources
    from core.publish.confirm import confirm_send, send_states
    from core.publish.ledger import UNCONFIRMED_ADVICE
    from ui.publish_panel import PublishingData

    def sends(post_id: int) -> list[dict]:
        rows = send_states(db, post_id)
        names = {s["id"]: s["title"] or s["url"] for s in list_sources(db)} if rows else {}
        # The panel has buttons for what the CLI's advice says: the cause alone is shown.
        return [{**row, "channel": names.get(row["channel_id"], str(row["channel_id"])),
                 "error": (row["error"] or "").removesuffix(f"; {UNCONFIRMED_ADVICE}") or None}
                for row in rows]

    def confirm(post_id: int, channel_id: int, occurrence: str, address: str | None) -> dict:
        return confirm_send(db, post_id, channel_id, published=address,
                            occurrence=occurrence)

    def send_now(post_id: int, channel_id: int) -> list[dict]:  # runs on a network thread
        from core.net.fetch import Fetcher
        from core.publish.runner import Run, publish_post
        from core.storage.types import utcnow

        current = settings()
        fetcher = Fetcher.from_settings(current)
        try:
            return [o.to_json() for o in publish_post(Run(db, fetcher, current, utcnow()),
                                                      post_id, [channel_id])]
        finally:
            fetcher.close()

    return PublishingData(sends=sends, confirm=confirm, send_now=send_now)


def build_post_editor(ctx: AppContext, post_id: int | None = None,
                      prefill: dict | None = None) -> QDialog:
    from ui.post_editor import PostEditor

    prefill = dict(prefill or {})
    if prefill.get("campaign_id") and not prefill.get("campaign"):
        names = {c["id"]: c["name"] for c in campaign_ops.list_campaigns(ctx.db)}
        prefill["campaign"] = names.get(prefill["campaign_id"], "")
    editor = PostEditor(post_editor_data(ctx), post_id, prefill, parent=ctx.window)
    editor.saved.connect(lambda _id: ctx.bus.posts_changed.emit())
    editor.deleted.connect(lambda _id: ctx.bus.posts_changed.emit())
    return editor


def open_post_editor(ctx: AppContext, post_id: int | None = None,
                     prefill: dict | None = None) -> QDialog:
    """Open the editor on a saved post, or on a new one with ``prefill`` (title, body, date,
    time, observance_id, campaign_id, channels); non-modal, returned for the caller to keep.

    Deleted when closed: an officer opens many over a day, and each holds its data and
    widgets. Its late callbacks (a plan check still running) check that it is still there.
    """
    from PySide6.QtCore import Qt

    editor = build_post_editor(ctx, post_id, prefill)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.open()
    return editor


# ------------------------------------------------------------------------------ export

def export_folder() -> str:
    """Where an export goes by default: Documents when this account has one, else home
    (a fresh Linux account often has no ~/Documents, and a path into nowhere fails late)."""
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return documents
    return str(Path.home())


def ensure_folder(path: Path) -> None:
    """Before writing: a path into a folder that does not exist is refused in words (a typo
    in a folder name must not create folders nor fail halfway through the write)."""
    folder = path.parent
    if not folder.is_dir():
        raise KnownError(f"the folder {folder} does not exist; choose a folder that does")


def export_plan(db: Database, request: ExportRequest, settings: Settings) -> tuple[int, int]:
    """What ``attache calendar export`` writes, for the dialog's choices."""
    ensure_folder(Path(request.path))
    return export_calendar(db, request.path, request.format, first=request.first,
                           last=request.last, statuses=request.statuses,
                           campaigns=request.campaigns, channels=request.channels,
                           include_observances=request.observances, settings=settings)


def build_export_dialog(ctx: AppContext) -> QDialog:
    from ui.calendar_io import ExportData, ExportDialog

    db = ctx.db
    data = ExportData(statuses=POST_STATUSES,
                      campaigns=lambda: [c["name"] for c in campaign_ops.list_campaigns(db)],
                      channels=lambda: channel_choices(db),
                      export=lambda request: export_plan(db, request, ctx.settings.or_defaults()),
                      run=runner_of(ctx, "calendar export"), folder=export_folder())
    return ExportDialog(data, parent=ctx.window)


def open_export_dialog(ctx: AppContext) -> QDialog:
    dialog = build_export_dialog(ctx)
    dialog.open()
    return dialog


# ------------------------------------------------------------------------------ import

def import_plan(db: Database, path: Path, *, dry_run: bool, zone_name: str) -> ImportResult:
    """``attache calendar import`` (or its dry run), as the dialog's result."""
    from ui.calendar_io import ImportProblem, ImportResult

    try:
        report = import_calendar(db, path, default_tz=zone_name,
                                 dry_run=dry_run)
    except ImportRejected as exc:
        return ImportResult(applied=False, problems=[
            ImportProblem(entry.line, problem.field, problem.message)
            for entry in exc.report.rejected() for problem in entry.problems])
    except KnownError as exc:  # not a calendar file at all, unreadable …
        return ImportResult(applied=False, problems=[ImportProblem("", "", str(exc))])
    return ImportResult(applied=not dry_run, created=report.created, updated=report.updated,
                        unchanged=report.unchanged,
                        observances_added=report.observances_added,
                        warnings=list(report.warnings),
                        changed_fields=list(report.changed_fields),
                        skipped=[ImportProblem(entry.line, problem.field, problem.message)
                                 for entry in report.skipped for problem in entry.problems])


def build_import_dialog(ctx: AppContext) -> QDialog:
    from ui.calendar_io import ImportData, ImportDialog

    db = ctx.db
    def zone_name() -> str:  # times without a zone are the officer's
        return default_zone_name(ctx.settings.or_defaults().timezone)

    data = ImportData(check=lambda path: import_plan(db, path, dry_run=True,
                                                     zone_name=zone_name()),
                      apply=lambda path: import_plan(db, path, dry_run=False,
                                                     zone_name=zone_name()),
                      run=runner_of(ctx, "calendar import"))
    dialog = ImportDialog(data, parent=ctx.window)
    dialog.imported.connect(ctx.bus.posts_changed.emit)
    return dialog


def open_import_dialog(ctx: AppContext) -> QDialog:
    dialog = build_import_dialog(ctx)
    dialog.open()
    return dialog


# ------------------------------------------------------------------------------ screenshots

HUMAN_RIGHTS_DAY = {
    "title": "Human Rights Day: the Ambassador's statement",
    "body": ("On Human Rights Day we recall that the rights of every person are universal. "
             "The United States stands with the people of Uzbekistan in defending them.\n"
             "Инсон ҳуқуқлари куни муборак! #HumanRightsDay #StandUp4HumanRights"),
    "time": time(10, 0),
}


def screenshot_widgets(ctx: AppContext) -> dict[str, QWidget]:
    """The editor (on a saved post when there is one) and the export dialog, not opened."""
    posts = post_ops.list_posts(ctx.db)
    if posts:
        editor = build_post_editor(ctx, posts[0]["id"])
    else:
        today = date.today()
        day = date(today.year if today <= date(today.year, 12, 10) else today.year + 1, 12, 10)
        channels = [c.id for c in channel_choices(ctx.db)][:3]
        observance = next((o["id"] for o in observance_ops.list_occurrences(ctx.db, day, day)
                           if "Human Rights" in o["name"]), None)
        editor = build_post_editor(ctx, None, {**HUMAN_RIGHTS_DAY, "date": day,
                                               "channels": channels,
                                               "observance_id": observance})
    shots = {"post-editor": editor}
    sent = _most_telling_sends(ctx, [post["id"] for post in posts])
    if sent is not None:  # the publishing panel, best with a send the officer must check
        shots["post-editor-publishing"] = build_post_editor(ctx, sent)
    return {**shots, "export-dialog": build_export_dialog(ctx),
            "import-dialog": build_import_dialog(ctx)}


def _most_telling_sends(ctx: AppContext, post_ids: list[int]) -> int | None:
    """The post whose sends show most of the publishing panel: one waiting for the officer
    (unconfirmed), else one that failed, else any that went out; None when nothing was sent."""
    from core.publish.confirm import channel_states

    found = channel_states(ctx.db, post_ids)
    for wanted in ("unconfirmed", "failed", "missed", "published"):
        for (post_id, _occurrence), states in sorted(found.items()):
            if any(state == wanted for _channel, state, _detail in states):
                return post_id
    return None
