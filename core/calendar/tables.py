"""The plan as a spreadsheet (CSV and XLSX): for Excel users, reviews and bulk edits.

Press sections plan in Excel. The export gives them the plan in a sheet; the import takes their
edits back — a changed title, a new row — and refuses the whole file, naming every bad line,
rather than half-applying it.

Columns, in this order (the header row names them; on import the order does not matter and
unknown columns are ignored):

==============  ==================================================================================
id              the post id (observances: the observance id). Empty on a new row: a post is made.
                When ``uid`` is filled in, the uid decides which post a row edits.
kind            ``post`` or ``observance``; empty means ``post``. Observance rows are not imported.
title           the post title (observances: the name). Required.
status          idea, draft, review, approved, scheduled, published or cancelled (empty: idea).
date            the start day, YYYY-MM-DD (in the post's zone). Required.
time            the start time HH:MM in the post's zone; empty for an all-day post.
end_date        the end day of a timed post (all-day posts: the same day; not read back).
end_time        the end time HH:MM of a timed post; with ``time`` it gives the duration.
all_day         yes/no; empty means "yes when there is no time".
tz              the IANA zone of ``date``/``time`` (Asia/Tashkent); empty: the default zone.
campaign        the campaign name; a new name creates the campaign.
channels        source ids of the embassy's accounts, separated by ``;`` (3;7).
observance_id   the observance the post is for.
owner           who writes it.
body            the text of the post (observances: their description).
notes           internal notes.
rrule           an RFC 5545 recurrence rule without ``RRULE:``, e.g. FREQ=WEEKLY;BYDAY=TH;COUNT=4.
exdates         occurrences of the series that do not happen, separated by ``;``: days
                (2026-12-24) or, for timed posts, day and time in the post's zone (2026-12-24
                10:00). A moved occurrence is excluded here and is a row of its own.
version         the post's version when exported: an edit of a stale export is refused.
uid             the post's stable iCalendar UID (observances: their key).
category        observances: un, us, host, programme or custom.
country         observances: ISO country code (UZ).
estimated       observances: yes when the date is an estimate (e.g. Eid before the moon is seen).
source_url      observances: where the date comes from.
==============  ==================================================================================

CSV is UTF-8 with a byte-order mark so Excel shows Cyrillic and Uzbek Latin (O‘zbekiston)
correctly, and a cell that a spreadsheet would run as a formula (``= + - @``) is written with
``'`` before it (core/spreadsheets.py; the import takes it off again). XLSX has real date and
time cells, and text cells for text.

On import, the forms Excel and LibreOffice write are read: a windows-1251 CSV with ``;``
(Excel in a Russian or Uzbek locale; the report says what was assumed), times as ``09:30``,
``9:30 AM`` or ``09:30:00 PM``, dates as ``2026-12-10``, ``10.12.2026``, ``10-Dec-2026``,
``December 10, 2026`` or with slashes — ``12/10/2026`` is month-first when the file says so
(a day after the 12th in that place, or AM/PM times as en-US writes them) and day-first when a
first number is over 12; a slashed date the file cannot settle is refused, with its line.
Text cells (body, notes, owner) are kept exactly, spaces and line breaks included, so an
unchanged export imports as unchanged. Line numbers in messages are spreadsheet rows (the
header is row 1), what Excel shows next to the row.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from core.calendar import recurrence
from core.calendar.imports import ImportRejected, ImportReport, changed_columns
from core.calendar.posts import (
    PostFields,
    change_posts,
    insert_posts,
    posts_json_by,
    valid_rrule,  # the post editor's own RRULE check, run before anything is written
)
from core.calendar.timezones import zone
from core.errors import KnownError
from core.spreadsheets import csv_rows, neutral_cell, read_csv, restored_cell, xlsx_rows
from core.storage.database import Database
from core.storage.models import (
    OBSERVANCES,
    POST_STATUSES,
    SOURCES,
)
from core.storage.text import storable

log = logging.getLogger("attache.calendar.tables")

COLUMNS = ("id", "kind", "title", "status", "date", "time", "end_date", "end_time", "all_day",
           "tz", "campaign", "channels", "observance_id", "owner", "body", "notes", "rrule",
           "exdates", "version", "uid", "category", "country", "estimated", "source_url")
WIDTHS = {"id": 6, "kind": 11, "title": 48, "status": 11, "date": 12, "time": 7,
          "end_date": 12, "end_time": 8, "all_day": 8, "tz": 16, "campaign": 22, "channels": 10,
          "observance_id": 8, "owner": 14, "body": 60, "notes": 30, "rrule": 28, "exdates": 24,
          "version": 8,
          "uid": 20, "category": 11, "country": 8, "estimated": 9, "source_url": 30}
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([AaPp])\.?\s*[Mm]\.?)?$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_DATE_FORMATS = ("%d-%b-%Y", "%d-%b-%y", "%d %b %Y", "%d %B %Y", "%B %d, %Y", "%b %d, %Y",
                 "%A, %B %d, %Y", "%a, %b %d, %Y")
FREE_TEXT = frozenset({"body", "notes", "owner"})  # kept exactly: spaces are the officer's
YES = frozenset({"yes", "y", "true", "1", "да", "ha"})
NO = frozenset({"no", "n", "false", "0", "нет", "yo'q", "yo‘q"})
MAX_ROWS = 50_000



# ------------------------------------------------------------------------------ export

def _rows(posts: list[dict], occurrences: list[dict]) -> list[dict[str, object]]:
    """One typed row per post and per observance occurrence (dates, times, ints)."""
    rows: list[dict[str, object]] = []
    for post in posts:
        row: dict[str, object] = {
            "id": post["id"], "kind": "post", "title": post["title"], "status": post["status"],
            "all_day": post["all_day"], "tz": post["tz"], "campaign": post.get("campaign"),
            "channels": ";".join(str(c) for c in post.get("channels") or []),
            "observance_id": post.get("observance_id"), "owner": post.get("owner"),
            "body": post.get("body"), "notes": post.get("notes"), "rrule": post.get("rrule"),
            "exdates": exdates_cell(post.get("exdates") or []),
            "version": post["version"], "uid": post["uid"],
        }
        if post["all_day"]:
            row["date"] = date.fromisoformat(post["start"][:10])
            row["end_date"] = date.fromisoformat(post["end"][:10])
        else:
            start = datetime.fromisoformat(post["start"]).astimezone(zone(post["tz"]))
            row["date"], row["time"] = start.date(), start.time().replace(second=0)
            if post.get("duration_minutes"):
                end = start + timedelta(minutes=post["duration_minutes"])
                row["end_date"], row["end_time"] = end.date(), end.time().replace(second=0)
        rows.append(row)
    for occurrence in occurrences:
        rows.append({
            "id": occurrence["id"], "kind": "observance", "title": occurrence["name"],
            "date": date.fromisoformat(occurrence["date"]),
            "end_date": date.fromisoformat(occurrence["end"]), "all_day": True,
            "body": occurrence.get("description"), "uid": occurrence.get("key"),
            "category": occurrence["category"], "country": occurrence.get("country"),
            "estimated": bool(occurrence.get("estimated")),
            "source_url": occurrence.get("source_url"),
        })
    return rows


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def export_csv(posts: list[dict], occurrences: list[dict]) -> bytes:
    """UTF-8 with a BOM, comma-separated, ISO dates, HH:MM times in each post's zone."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in _rows(posts, occurrences):
        writer.writerow([neutral_cell(_text(row.get(c))) for c in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def export_xlsx(posts: list[dict], occurrences: list[dict]) -> bytes:
    """One sheet: bold frozen header, autofilter, real date and time cells."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    sheet.append(list(COLUMNS))
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for number, row in enumerate(_rows(posts, occurrences), start=2):
        for column, name in enumerate(COLUMNS, start=1):
            value = row.get(name)
            if isinstance(value, bool):
                value = "yes" if value else "no"
            cell = sheet.cell(row=number, column=column, value=value)
            if isinstance(value, time):
                cell.number_format = "hh:mm"
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a title like "=Day of…" is text, never a formula
    for column, name in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS[name]
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------------------ reading

@dataclass
class Table:
    """The rows of a spreadsheet, and what was assumed to read it."""

    rows: list[tuple[int, dict[str, str]]]
    notes: list[str] = field(default_factory=list)


def read_table(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(spreadsheet row number, {column: text}) for every non-empty data row of the file."""
    return read_sheet(path).rows


def read_sheet(path: Path) -> Table:
    suffix = path.suffix.lower()
    notes: list[str] = []
    if suffix == ".csv":
        found = read_csv(path, COLUMNS)
        if found.assumed():
            notes.append(f"{path.name} was {found.assumed()}")
        # Rows as Excel numbers them (a cell with line breaks is still one row).
        grid = ((n, [restored_cell(c) for c in cells])
                for n, (_, cells) in enumerate(csv_rows(found, path.name), start=1))
    elif suffix in (".xlsx", ".xlsm"):
        grid = ((n, [restored_cell(_cell_text(v)) for v in cells])
                for n, cells in xlsx_rows(path, MAX_ROWS))
    else:
        raise KnownError(f"{path.name}: only .csv and .xlsx files can be imported")
    header: list[str] | None = None
    rows = []
    for number, values in grid:
        if header is None:
            header = [h.strip().lower() for h in values]
            missing = [c for c in ("title", "date") if c not in header]
            if missing:
                raise KnownError(f"{path.name}: the first row must name the columns; "
                                 f"missing {', '.join(missing)} (see the export for the layout)")
            continue
        if not any(v.strip() for v in values):
            continue
        if len(rows) >= MAX_ROWS:
            raise KnownError(f"{path.name} has more than {MAX_ROWS} rows; at most {MAX_ROWS} "
                             "can be imported at once")
        rows.append((number, {name: _cell(name, values[i] if i < len(values) else "")
                              for i, name in enumerate(header) if name}))
    if header is None:
        raise KnownError(f"{path.name} is empty")
    return Table(rows, notes)


def _cell(column: str, text: str) -> str:
    """A cell as the database will keep it (``storable``: a NUL gone), so that comparing it
    with the saved post finds an unchanged line unchanged."""
    text = storable(text)
    if column in FREE_TEXT:
        return text.replace("\r\n", "\n")  # Excel on Windows may save CRLF inside a cell
    return text.strip()


def _cell_text(value: object) -> str:
    """A cell as the text a CSV would hold: Excel dates/times/numbers made canonical."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time.min:
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


# ------------------------------------------------------------------------------ import

@dataclass
class _Change:
    line: int
    post_id: int | None  # None: a new post
    fields: PostFields
    version: int | None
    uid: str | None


def import_table(db: Database, path: Path, *, default_tz: str) -> ImportReport:
    """Apply a CSV/XLSX plan; every line is checked first and nothing is written on a problem.

    All the writes are one transaction: a crash or a kill mid-import leaves the plan as it
    was. A new row without a uid gets one made from what it says (title, day, time, zone), so
    importing the same file again finds those posts instead of adding them twice.
    """
    zone(default_tz)
    table = read_sheet(path)
    rows = table.rows
    report = ImportReport(warnings=list(table.notes))
    order, undecided = _slash_order(rows)
    changes: list[_Change] = []
    made: dict[str, int] = {}
    rows = [(line, {**row, "uid": _row_uid(row, made)}
             if not row.get("uid") and not row.get("id")
             and row.get("kind", "").lower() != "observance" else row) for line, row in rows]
    with db.read() as conn:
        sources = set(conn.execute(select(SOURCES.c.id)).scalars())
        observance_ids = set(conn.execute(select(OBSERVANCES.c.id)).scalars())
        saved = posts_json_by(conn, uids=[r["uid"] for _, r in rows if r.get("uid")],
                              ids=[int(r["id"]) for _, r in rows
                                   if not r.get("uid") and r.get("id", "").isdigit()])
        seen: dict[int, int] = {}
        new_uids: dict[str, int] = {}
        for line, row in rows:
            kind = row.get("kind", "").lower()
            if kind == "observance":
                report.unchanged += 1
                continue
            try:
                if kind not in ("", "post"):
                    raise KnownError(f"unknown kind {kind!r}; post or observance")
                for column in ("date", "end_date"):
                    if row.get(column) and row[column] in undecided:
                        raise KnownError(_ambiguous(column, row[column]))
                current = _current(saved, row)
                if current is not None:
                    if current["id"] in seen:
                        raise KnownError(f"post {current['id']} is also on line "
                                         f"{seen[current['id']]}")
                    seen[current["id"]] = line
                change = _change(line, row, current, default_tz, sources, observance_ids, order)
                if change is not None and change.post_id is None and change.uid:
                    if change.uid in new_uids:
                        raise KnownError(f"uid {change.uid} is also on line "
                                         f"{new_uids[change.uid]}")
                    new_uids[change.uid] = line
            except KnownError as exc:
                report.errors.append(f"line {line}: {exc}")
                continue
            if change is None:
                report.unchanged += 1
            else:
                changes.append(change)
                if current is not None:
                    report.note_update(changed_columns(change.fields.given(), current))
    if report.errors:
        raise ImportRejected(f"{path.name} was not imported", report)
    new = [(c.fields, c.uid) for c in changes if c.post_id is None]
    edits = [(c.post_id, c.fields, c.version) for c in changes if c.post_id is not None]
    with db.write() as conn:  # one transaction: all of it or, killed half-way, none of it
        insert_posts(conn, new)
        change_posts(conn, edits)
    report.created += len(new)
    report.updated += len(edits)
    log.info("table import %s: %d created, %d updated, %d unchanged", path.name,
             report.created, report.updated, report.unchanged)
    return report


def _row_uid(row: dict[str, str], made: dict[str, int]) -> str:
    """A stable uid for a new row: the same row in the same file gives the same uid."""
    what = "\x00".join(row.get(c, "") for c in ("title", "date", "time", "tz", "all_day"))
    digest = hashlib.sha256(what.encode("utf-8")).hexdigest()[:32]
    made[digest] = made.get(digest, 0) + 1
    suffix = f"-{made[digest]}" if made[digest] > 1 else ""  # two identical rows
    return f"{digest}{suffix}@sheet.attache"


def _slash_order(rows: list[tuple[int, dict[str, str]]]) -> tuple[str | None, set[str]]:
    """How this file writes dates with slashes: "mdy" (en-US Excel), "dmy", or None when it
    never says; and the slashed dates that stay ambiguous (both numbers 12 or less)."""
    slashed = [m for _, row in rows for c in ("date", "end_date")
               if (m := _SLASHED.match(row.get(c, "")))]
    first_big = any(int(m[1]) > 12 for m in slashed)
    second_big = any(int(m[2]) > 12 for m in slashed)
    twelve_hour = any(_TIME.match(row.get(c, "")) and _TIME.match(row.get(c, ""))[4]
                      for _, row in rows for c in ("time", "end_time"))
    if first_big and not second_big:
        return "dmy", set()
    if second_big and not first_big:
        return "mdy", set()
    if not first_big and not second_big and twelve_hour:
        return "mdy", set()  # AM/PM times: an en-US file, month first
    return None, {m[0] for m in slashed if m[1] != m[2] or first_big}


def _ambiguous(column: str, text: str) -> str:
    first, second, _ = text.split("/")
    if int(first) > 12 or int(second) > 12:
        return (f"the {column} {text!r}: this file writes slashed dates both month-first and "
                "day-first; write it as YYYY-MM-DD")
    return (f"the {column} {text!r} could be day {int(first)} or day {int(second)} of the "
            "month; write it as YYYY-MM-DD")


def _current(saved: dict[str | int, dict], row: dict[str, str]) -> dict | None:
    """The saved post a row edits (from ``saved``, looked up for the whole file at once), or
    None for a new post.

    The uid decides when there is one: ids differ between databases, so a row exported from a
    colleague's database edits the same post here (or adds it, keeping its uid) whatever its id.
    """
    uid, raw_id = row.get("uid", ""), row.get("id", "")
    if raw_id and not raw_id.isdigit():
        raise KnownError(f"id {raw_id!r} is not a number")
    if uid:
        return saved.get(uid)
    if not raw_id:
        return None
    if int(raw_id) not in saved:
        raise KnownError(f"there is no post {raw_id}; clear the id to add it as a new post")
    return saved[int(raw_id)]


def _change(line: int, row: dict[str, str], current: dict | None, default_tz: str,
            sources: set[int], observance_ids: set[int],
            order: str | None = None) -> _Change | None:
    problems: list[str] = []

    def check(fn, *args):  # noqa: ANN001, ANN202 - collect every problem on the line
        try:
            return fn(*args)
        except KnownError as exc:
            problems.append(str(exc))
            return None

    title = row.get("title", "")
    if not title:
        problems.append("the title is empty")
    status = row.get("status", "").lower()
    if status and status not in POST_STATUSES:
        problems.append(f"unknown status {row['status']!r} (one of {', '.join(POST_STATUSES)})")
    tz = row.get("tz", "") or (current["tz"] if current else default_tz)
    if check(zone, tz) is None:
        tz = None
    day = check(_date, row.get("date", ""), "date", True, order)
    at = check(_time, row.get("time", ""), "time")
    end_day = check(_date, row.get("end_date", ""), "end_date", False, order)
    end_at = check(_time, row.get("end_time", ""), "end_time")
    all_day = check(_flag, row.get("all_day", ""), "all_day")
    if all_day is None:
        all_day = not row.get("time", "")
    if all_day and at is not None:
        problems.append("an all-day post has no time; clear the time or set all_day to no")
    if not all_day and at is None and row.get("all_day") and not row.get("time"):
        problems.append("a post that is not all-day needs a time (HH:MM)")
    channels = check(_channels, row.get("channels", ""), sources)
    observance_id = check(_int, row.get("observance_id", ""), "observance_id")
    if observance_id and observance_id not in observance_ids:
        problems.append(f"there is no observance {observance_id}")
    version = check(_int, row.get("version", ""), "version")
    rrule = row.get("rrule", "")
    if rrule:
        check(valid_rrule, rrule)
    exdates = check(_exdates, row.get("exdates", ""), order)
    if problems:
        raise KnownError("; ".join(problems))

    fields = PostFields(title=title, body=row.get("body", ""), status=status or None,
                        tz=tz, channels=channels, campaign=row.get("campaign", ""),
                        observance_id=observance_id or 0, owner=row.get("owner", ""),
                        notes=row.get("notes", ""), rrule=rrule,
                        exdates=exdates if "exdates" in row else None)
    if all_day:
        fields.day = day
    else:
        start = datetime.combine(day, at, tzinfo=zone(tz))
        fields.at = start
        fields.duration_minutes = 0
        if end_at is not None:
            end = datetime.combine(end_day or day, end_at, tzinfo=zone(tz))
            if end < start:
                raise KnownError("the post ends before it starts")
            fields.duration_minutes = int((end - start) // timedelta(minutes=1))
    if rrule:  # a rule that never happens from this start would hide the post
        recurrence.stored_rule(rrule, all_day=all_day, tz=tz,
                               start=fields.day if all_day else fields.at)
    if current is None:
        fields.status = fields.status or "idea"
        if "channels" not in row:
            fields.channels = None
        return _Change(line, None, fields, None, row.get("uid") or None)
    changed = _differences(fields, current, row)
    if not changed:
        return None
    if version is not None and version != current["version"]:
        raise KnownError(
            f"post {current['id']} was changed by someone else since this export (version "
            f"{version}, now {current['version']}: {', '.join(sorted(changed))} differ); "
            "export again and redo the edit")
    return _Change(line, current["id"], PostFields(**changed), version, None)


def _differences(fields: PostFields, post: dict, row: dict[str, str]) -> dict[str, object]:
    """The ``PostFields`` arguments that change the saved post. Absent columns keep values."""
    changed: dict[str, object] = {}
    if fields.title != post["title"]:
        changed["title"] = fields.title
    for name in ("body", "owner", "notes", "campaign"):
        if name in row and getattr(fields, name) != (post[name] or ""):
            changed[name] = getattr(fields, name)
    if fields.status and fields.status != post["status"]:
        changed["status"] = fields.status
    if "rrule" in row and (fields.rrule or None) != (post["rrule"] or None):
        changed["rrule"] = fields.rrule
    if fields.exdates is not None and recurrence.join_exdates(fields.exdates) != \
            recurrence.join_exdates(recurrence.parse_exdates(post["exdates"])):
        changed["exdates"] = fields.exdates
    if "channels" in row and sorted(fields.channels or []) != post["channels"]:
        changed["channels"] = fields.channels
    if "observance_id" in row and (fields.observance_id or None) != post["observance_id"]:
        changed["observance_id"] = fields.observance_id
    if fields.day is not None:
        if not post["all_day"] or post["start"][:10] != fields.day.isoformat():
            changed["day"] = fields.day
        if fields.tz != post["tz"]:
            changed["tz"] = fields.tz
    else:
        start = datetime.fromisoformat(post["start"])
        if post["all_day"] or start != fields.at or fields.tz != post["tz"]:
            changed["at"], changed["tz"] = fields.at, fields.tz
        if ("end_time" in row and
                (fields.duration_minutes or 0) != (post["duration_minutes"] or 0)):
            changed["duration_minutes"] = fields.duration_minutes
    return changed


def _date(text: str, column: str, required: bool, order: str | None = None) -> date | None:
    if not text:
        if required:
            raise KnownError(f"the {column} is empty (YYYY-MM-DD)")
        return None
    try:
        return _read_date(text, order)
    except ValueError:
        raise KnownError(f"bad {column} {text!r} (use YYYY-MM-DD)") from None


def _read_date(text: str, order: str | None) -> date:
    """A date as Excel or LibreOffice writes it (see the module docstring); ValueError if not."""
    if len(text) > 10 and text[10] in " T":  # a date-time cell: "2026-12-10 00:00:00"
        text = text[:10]
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    dotted = _DOTTED.match(text)
    slashed = _SLASHED.match(text)
    if dotted:
        day, month, year = dotted[1], dotted[2], dotted[3]
    elif slashed:
        first, second, year = slashed[1], slashed[2], slashed[3]
        day, month = (second, first) if order != "dmy" and (
            order == "mdy" or int(first) <= 12 < int(second)) else (first, second)
    else:
        for pattern in _DATE_FORMATS:
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValueError(text)
    full_year = int(year) + (2000 if len(year) == 2 else 0)
    return date(full_year, int(month), int(day))


def exdates_cell(values: list[str]) -> str:
    """A post's exception dates (``posts list --json`` form) as the ``exdates`` cell."""
    return ";".join(v.replace("T", " ")[:16] if v.endswith(":00") else v.replace("T", " ")
                    for v in values)


def _exdates(text: str, order: str | None) -> list[date | datetime]:
    """The ``exdates`` cell: days or day-and-time values separated by ``;`` (or ``,``)."""
    found: list[date | datetime] = []
    for part in filter(None, (p.strip() for p in re.split(r"[;,]", text))):
        day_text, _, time_text = part.replace("T", " ", 1).partition(" ")
        try:
            day = _read_date(day_text, order)
        except ValueError:
            raise KnownError(f"bad exdates value {part!r} (use YYYY-MM-DD or "
                             "YYYY-MM-DD HH:MM, separated by ;)") from None
        if not time_text.strip():
            found.append(day)
            continue
        match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", time_text.strip())
        if not match or int(match[1]) > 23 or int(match[2]) > 59 or int(match[3] or 0) > 59:
            raise KnownError(f"bad exdates value {part!r} (use YYYY-MM-DD or "
                             "YYYY-MM-DD HH:MM, separated by ;)")
        found.append(datetime.combine(day, time(int(match[1]), int(match[2]),
                                                int(match[3] or 0))))
    return found


def _time(text: str, column: str) -> time | None:
    """09:30, 9:30, 09:30:00, 9:30 AM, 09:30:00 PM (Excel en-US), 9:30 p.m."""
    if not text:
        return None
    match = _TIME.match(text)
    if match:
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        half = (match[4] or "").upper()
        if half:
            if not 1 <= hour <= 12:
                match = None
            else:
                hour = hour % 12 + (12 if half == "P" else 0)
        if match and hour <= 23 and minute <= 59 and second == 0:
            return time(hour, minute)
        if match and second and second <= 59:
            raise KnownError(f"bad {column} {text!r}: posts are planned to the minute")
    raise KnownError(f"bad {column} {text!r} (use HH:MM, e.g. 09:30, or 9:30 AM)")


def _flag(text: str, column: str) -> bool | None:
    if not text:
        return None
    if text.lower() in YES:
        return True
    if text.lower() in NO:
        return False
    raise KnownError(f"{column} must be yes or no, not {text!r}")


def _int(text: str, column: str) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        raise KnownError(f"{column} {text!r} is not a whole number")
    return int(text)


def _channels(text: str, sources: set[int]) -> list[int]:
    found = []
    for part in filter(None, (p.strip() for p in re.split(r"[;,]", text))):
        if not part.isdigit():
            raise KnownError(f"channel {part!r} is not a source id (use ids like 3;7)")
        if int(part) not in sources:
            raise KnownError(f"there is no source {part} to use as a channel")
        found.append(int(part))
    return found
