"""The post editor and the calendar export/import dialogs, wired to core.

The Calendar page calls ``open_post_editor``, ``open_export_dialog`` and ``open_import_dialog``;
each returns its non-modal dialog. Saves, deletes and imports emit ``ctx.bus.posts_changed``.
Writes go to the task runner's writer thread, big reads to its pool, so the window never waits
on a shared database.

Two things core does not offer yet are composed here from its public pieces (and, for the plan
checks, two of ``core.calendar.checks``' helpers), until they move into core:

- ``draft_warnings``: ``check_plan`` checks what is saved; the editor needs the same warnings
  for the post as it is being edited (collisions on its channels, a public holiday, a missed
  programme deadline, approved without text), re-checked as the date and channels change;
- ``NEXT_STATUSES``: the workflow the status buttons offer. Core accepts any status (imports
  and the CLI may set any); the editor guides the usual path draft → review → approved →
  (scheduled →) published, one step at a time, with "back" steps and cancelling.

The import's "Check" is a real dry run: core's importer runs in full against a database whose
writes all happen in one transaction that is rolled back, so the counts and problems it shows
are exactly what "Import" will do.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.calendar import campaigns as campaign_ops
from core.calendar import checks
from core.calendar import observances as observance_ops
from core.calendar import posts as post_ops
from core.calendar.imports import ImportRejected, ImportReport
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

NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    "idea": ("draft", "cancelled"),
    "draft": ("idea", "review", "cancelled"),
    "review": ("draft", "approved", "cancelled"),
    "approved": ("review", "scheduled", "published", "cancelled"),
    "scheduled": ("approved", "published", "cancelled"),
    "published": (),  # it went out; what is left is to link it to the item (posts match)
    "cancelled": ("draft",),
}
PLATFORMS = {"x": "X", "bluesky": "Bluesky", "mastodon": "Mastodon", "instagram": "Instagram",
             "telegram": "Telegram", "facebook": "Facebook", "youtube": "YouTube",
             "feed": "Website", "rss": "Website"}
OBSERVANCE_WINDOW = (timedelta(days=30), timedelta(days=120))  # before / after the post's day


def _settings() -> Settings:
    try:
        return Settings.load()
    except KnownError as exc:  # a broken settings file must not stop planning
        log.warning("settings not read, using defaults: %s", exc)
        return Settings()


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
    """A ``get_post`` dict as the editor's draft (times in the post's own zone)."""
    from ui.post_editor import PostDraft

    if post["all_day"]:
        day, at = date.fromisoformat(post["start"][:10]), None
    else:
        start = datetime.fromisoformat(post["start"])
        day, at = start.date(), time(start.hour, start.minute)
    return PostDraft(post_id=post["id"], version=post["version"], title=post["title"],
                     body=post["body"] or "", status=post["status"], day=day, at=at,
                     tz=post["tz"], channels=list(post["channels"]),
                     campaign=post["campaign"] or "", observance_id=post["observance_id"],
                     notes=post["notes"] or "")


def fields_of(draft: PostDraft) -> post_ops.PostFields:
    at = datetime.combine(draft.day, draft.at, tzinfo=zone(draft.tz)) if draft.at else None
    return post_ops.PostFields(
        title=draft.title, body=draft.body, status=draft.status, at=at,
        day=None if at else draft.day, tz=draft.tz, channels=list(draft.channels),
        campaign=draft.campaign, observance_id=draft.observance_id or 0, notes=draft.notes)


def save_draft(db: Database, draft: PostDraft) -> PostDraft:
    from ui.post_editor import SaveConflict

    if draft.post_id is None:
        post_id = post_ops.create_post(db, fields_of(draft))
        return draft_of(post_ops.get_post(db, post_id))
    try:
        saved = post_ops.update_post(db, draft.post_id, fields_of(draft),
                                     expect_version=draft.version)
    except post_ops.ConflictError as exc:
        raise SaveConflict(str(exc)) from exc
    return draft_of(saved)


def _row_of(post: dict) -> dict:
    """The columns ``occurrences``/``post_span`` read, rebuilt from a ``get_post`` dict."""
    all_day = bool(post["all_day"])
    return {"id": post["id"], "title": post["title"], "status": post["status"],
            "body": post["body"], "all_day": all_day, "tz": post["tz"],
            "start_date": date.fromisoformat(post["start"][:10]) if all_day else None,
            "start_at": None if all_day else datetime.fromisoformat(post["start"]),
            "duration_minutes": post["duration_minutes"], "rrule": post["rrule"],
            "observance_id": post["observance_id"]}


def draft_warnings(db: Database, draft: PostDraft, *, gap_minutes: int,
                   countries: tuple[str, ...]) -> list[str]:
    """``check_plan``'s warnings for the plan with ``draft`` in place of its saved version."""
    if draft.status == "cancelled":  # check_plan leaves cancelled posts out too
        return []
    title = draft.title.strip() or "New post"
    start = (datetime.combine(draft.day, draft.at, tzinfo=zone(draft.tz))
             if draft.at else None)
    me = {"id": draft.post_id or 0, "title": title, "status": draft.status, "body": draft.body,
          "all_day": start is None, "tz": draft.tz, "start_date": None if start else draft.day,
          "start_at": start, "duration_minutes": None, "rrule": None,
          "observance_id": draft.observance_id}
    span = post_ops.post_span(me)
    day = span.first_day()
    found: list[checks.PlanWarning] = []
    if draft.channels:
        low, high = day - timedelta(days=1), day + timedelta(days=1)
        for other in post_ops.list_posts(db, first=low, last=high, channels=draft.channels):
            if other["id"] == draft.post_id or other["status"] == "cancelled":
                continue
            row = _row_of(other)
            shared = sorted(set(other["channels"]) & set(draft.channels))
            for other_span in post_ops.occurrences(row, low, high):
                found += checks._channel_gaps(  # noqa: SLF001 - see the module docstring
                    [(me, span), (row, other_span)], {me["id"]: shared, row["id"]: shared},
                    timedelta(minutes=gap_minutes))
    found += checks._holidays([(me, span)], countries, day, day)  # noqa: SLF001
    if draft.observance_id:
        year = observance_ops.list_occurrences(db, date(day.year, 1, 1), date(day.year, 12, 31),
                                               categories=["programme"])
        mine = [o for o in year if o["id"] == draft.observance_id]
        if mine and day.isoformat() > mine[-1]["end"]:
            found.append(checks.PlanWarning(
                me["id"], "after_deadline",
                f"“{title}” is after the {mine[-1]['name']} ({mine[-1]['end']})",
                day.isoformat()))
    if draft.status == "approved" and not draft.body.strip():
        found.append(checks.PlanWarning(me["id"], "empty_body",
                                        f"“{title}” is approved but has no text",
                                        day.isoformat()))
    names = {c.id: c.label for c in channel_choices(db)} if found else {}
    messages = []
    for warning in found:
        text = re.sub(r"on channel (\d+)",
                      lambda m: f"on {names.get(int(m[1]), 'channel ' + m[1])}",
                      warning.message)
        if text not in messages:
            messages.append(text)
    return messages


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
    offset = datetime.combine(day, time(12), tzinfo=zone(name)).strftime("%z")
    return f"{name} (UTC{offset[:3]}:{offset[3:]})"


# ------------------------------------------------------------------------------ wiring

def runner_of(ctx: AppContext, name: str) -> Callable[..., None]:
    """The ui's ``Runner`` over the app's task runner."""
    def run(job: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None], kind: str) -> None:
        ctx.runner.run(lambda _progress: job(), on_done=on_done, on_error=on_error,
                       kind=kind, name=name)
    return run


def post_editor_data(ctx: AppContext) -> Any:
    from ui.post_editor import PostEditorData

    db = ctx.db
    settings = _settings()
    countries = tuple(settings.countries)
    return PostEditorData(
        load=lambda post_id: draft_of(post_ops.get_post(db, post_id)),
        channels=lambda: channel_choices(db),
        campaigns=lambda: [c["name"] for c in campaign_ops.list_campaigns(db)],
        observances=lambda day: observance_choices(db, day, countries),
        statuses=POST_STATUSES,
        next_statuses=lambda status: NEXT_STATUSES.get(status, ()),
        measure=lambda kind, text: (lambda n: (n.used, n.limit))(measure(kind, text)),
        check=lambda draft: draft_warnings(db, draft, gap_minutes=settings.post_gap_minutes,
                                           countries=countries),
        save=lambda draft: save_draft(db, draft),
        delete=lambda post_id: post_ops.delete_post(db, post_id),
        default_tz=default_zone_name(settings.timezone),
        tz_label=tz_label,
        run=runner_of(ctx, "post"),
    )


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
    time, observance_id, campaign_id, channels); non-modal, returned for the caller to keep."""
    editor = build_post_editor(ctx, post_id, prefill)
    editor.open()
    return editor


# ------------------------------------------------------------------------------ export

def export_plan(db: Database, request: ExportRequest) -> tuple[int, int]:
    """What ``attache calendar export`` writes, for the dialog's choices."""
    from core.calendar import ics, tables

    settings = _settings()
    observance_ops.ensure_packs(db, settings.countries, settings.packs)
    posts = post_ops.list_posts(db, first=request.first, last=request.last,
                                statuses=request.statuses, campaigns=request.campaigns,
                                channels=request.channels)
    days = (observance_ops.list_occurrences(db, request.first, request.last)
            if request.observances else [])
    if request.format == "ics":
        data = ics.export_ics(posts, days)
    elif request.format == "csv":
        data = tables.export_csv(posts, days)
    else:
        data = tables.export_xlsx(posts, days)
    request.path.write_bytes(data)
    return len(posts), len(days)


def build_export_dialog(ctx: AppContext) -> QDialog:
    from ui.calendar_io import ExportData, ExportDialog

    db = ctx.db
    data = ExportData(statuses=POST_STATUSES,
                      campaigns=lambda: [c["name"] for c in campaign_ops.list_campaigns(db)],
                      channels=lambda: channel_choices(db),
                      export=lambda request: export_plan(db, request),
                      run=runner_of(ctx, "calendar export"))
    return ExportDialog(data, parent=ctx.window)


def open_export_dialog(ctx: AppContext) -> QDialog:
    dialog = build_export_dialog(ctx)
    dialog.open()
    return dialog


# ------------------------------------------------------------------------------ import

class _DryRunDatabase:
    """A ``Database`` whose writes all land in one transaction that the caller rolls back.

    Each ``write()`` is a savepoint on that one connection, so a later write sees an earlier
    one (a post linked to an observance the same file adds), as in the real import.
    """

    def __init__(self, db: Database, conn: Any) -> None:
        self._db = db
        self._conn = conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)

    @contextmanager
    def write(self) -> Iterator[Any]:
        with self._conn.begin_nested():
            yield self._conn


def _import_file(db: Database, path: Path) -> ImportReport:
    """``attache calendar import``: by suffix, in the timezone setting."""
    from core.calendar import ics, tables

    tz_name = default_zone_name(_settings().timezone)
    suffix = path.suffix.lower()
    if suffix in (".ics", ".ical", ".ifb"):
        return ics.import_ics(db, path.read_bytes(), default_tz=tz_name)
    if suffix in (".csv", ".xlsx"):
        return tables.import_table(db, path, default_tz=tz_name)
    raise KnownError(f"{path.name}: import takes .ics, .csv or .xlsx files")


def import_plan(db: Database, path: Path, *, dry_run: bool) -> ImportResult:
    from ui.calendar_io import ImportProblem, ImportResult

    try:
        if dry_run:
            with db.writer() as conn:
                outer = conn.begin()
                try:
                    report = _import_file(_DryRunDatabase(db, conn), path)  # type: ignore[arg-type]
                finally:
                    outer.rollback()
        else:
            report = _import_file(db, path)
    except ImportRejected as exc:
        return ImportResult(applied=False, problems=[
            p for error in exc.report.errors for p in problems_of(error)])
    except KnownError as exc:  # not a calendar file at all, unreadable …
        return ImportResult(applied=False, problems=[ImportProblem("", "", str(exc))])
    return ImportResult(applied=not dry_run, created=report.created, updated=report.updated,
                        unchanged=report.unchanged,
                        observances_added=report.observances_added,
                        warnings=list(report.warnings))


_WHERE = re.compile(r"^(?:line (?P<line>\d+)|event (?P<event>\d+) \(UID [^)]*\)): (?P<rest>.*)$",
                    re.DOTALL)
# A "; " that continues a problem rather than starting the next one.
_CONTINUES = ("clear the", "post or observance", "export again", "one of")
# Which column a problem is about, from core's words (first match wins).
_FIELDS = (
    (r"changed by someone else", "version"), (r"^the title|\btitle\b", "title"),
    (r"\bstatus\b", "status"),
    (r"\bend_date\b", "end_date"), (r"\bend_time\b|ends before it starts", "end_time"),
    (r"\ball[-_]day\b", "all_day"), (r"\bbad date\b|\bthe date\b", "date"),
    (r"\bbad time\b|needs a time", "time"), (r"time zone", "tz"),
    (r"\bchannel\b", "channels"), (r"\bobservance", "observance_id"),
    (r"\bRRULE\b|\brrule\b", "rrule"), (r"\bversion\b", "version"),
    (r"\buid\b", "uid"), (r"\bunknown kind\b", "kind"), (r"\bthere is no post\b|^id\b", "id"),
    (r"\b(DTSTART|DTEND|DURATION|SUMMARY|DESCRIPTION|CATEGORIES|UID)\b", ""),
)


def problems_of(error: str) -> list[Any]:
    """One importer message ("line 3: the title is empty; bad date …") as table rows."""
    from ui.calendar_io import ImportProblem

    match = _WHERE.match(error)
    if match is None:
        return [ImportProblem("", "", error)]
    line = match["line"] or f"event {match['event']}"
    parts: list[str] = []
    for part in match["rest"].split("; "):
        if parts and part.startswith(_CONTINUES):
            parts[-1] += "; " + part
        else:
            parts.append(part)
    rows = []
    for part in parts:
        column = ""
        for pattern, name in _FIELDS:
            found = re.search(pattern, part)
            if found:
                column = name or found[1]
                break
        rows.append(ImportProblem(line, column, part))
    return rows


def build_import_dialog(ctx: AppContext) -> QDialog:
    from ui.calendar_io import ImportData, ImportDialog

    db = ctx.db
    data = ImportData(check=lambda path: import_plan(db, path, dry_run=True),
                      apply=lambda path: import_plan(db, path, dry_run=False),
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
    return {"post-editor": editor, "export-dialog": build_export_dialog(ctx),
            "import-dialog": build_import_dialog(ctx)}
