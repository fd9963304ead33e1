"""What a calendar import reports, shared by the iCalendar and spreadsheet importers.

A rejected file is reported entry by entry (a spreadsheet line, an iCalendar event), each with
its problems as records — which field, what is wrong — so the import dialog can show them in a
table, while ``str()`` of an entry is the exact one-line text ``attache calendar import`` prints.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from core.errors import KnownError

MAX_ERRORS_SHOWN = 20


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with an entry of the file."""

    field: str  # the column (spreadsheet) or property (iCalendar) it is about; "" if none
    message: str


class EntryProblems(KnownError):
    """Every problem an importer found on one entry, raised by its per-entry checks."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class RejectedEntry:
    """An entry of the file that cannot be imported, with all its problems."""

    where: str  # "line 7", "event 2 (UID abc@x)", or "" for the file as a whole
    problems: tuple[ImportProblem, ...]

    @classmethod
    def of(cls, where: str, exc: BaseException, field: str = "") -> RejectedEntry:
        """The entry at ``where`` rejected by ``exc`` (an ``EntryProblems`` keeps its fields)."""
        if isinstance(exc, EntryProblems):
            return cls(where, exc.problems)
        return cls(where, (ImportProblem(field, str(exc)),))

    @classmethod
    def from_text(cls, text: str) -> RejectedEntry:
        """An importer's message ("line 3: the title is empty; bad date …") as a record.

        For importers that still report plain strings: the location is read from the
        message's fixed prefix, each "; "-separated part becomes a problem, and its field is
        told from the importers' own words.
        """
        match = _WHERE.match(text)
        if match is None:
            return cls("", (ImportProblem("", text),))
        parts: list[str] = []
        for part in match["rest"].split("; "):
            if parts and part.startswith(_CONTINUES):
                parts[-1] += "; " + part
            else:
                parts.append(part)
        return cls(match["where"], tuple(ImportProblem(_field_of(p), p) for p in parts))

    @property
    def line(self) -> str:
        """The location as the dialog's Line column shows it: "7" (a spreadsheet row or the
        line of an .ics event), "event 2" when the line is not known, or ""."""
        if self.where.startswith("line "):
            return self.where[len("line "):]
        found = re.search(r"\bline (\d+)\)$", self.where)
        if found:
            return found[1]
        return self.where.split(" (", 1)[0]

    def __str__(self) -> str:
        text = "; ".join(p.message for p in self.problems)
        return f"{self.where}: {text}" if self.where else text


_WHERE = re.compile(r"^(?P<where>line \d+|event \d+ \(UID [^)]*\)): (?P<rest>.*)$", re.DOTALL)
# A "; " that continues a problem rather than starting the next one.
_CONTINUES = ("clear the", "post or observance", "export again", "one of")
# Which field a problem is about, from the importers' words (first match wins; "" keeps the
# property the pattern names).
_FIELDS = (
    (r"changed by someone else", "version"), (r"\bexdates\b", "exdates"),
    (r"^the title|\btitle\b", "title"),
    (r"\bstatus\b", "status"),
    (r"\bend_date\b", "end_date"), (r"\bend_time\b|ends before it starts", "end_time"),
    (r"\ball[-_]day\b", "all_day"), (r"\bbad date\b|\bthe date\b", "date"),
    (r"\bbad time\b|needs a time", "time"), (r"time zone", "tz"),
    (r"\bchannel\b", "channels"), (r"\bobservance", "observance_id"),
    (r"\bRRULE\b|\brrule\b", "rrule"), (r"\bversion\b", "version"),
    (r"\buid\b", "uid"), (r"\bunknown kind\b", "kind"), (r"\bthere is no post\b|^id\b", "id"),
    (r"\b(DTSTART|DTEND|DURATION|SUMMARY|DESCRIPTION|CATEGORIES|UID)\b", ""),
)


def _field_of(message: str) -> str:
    for pattern, name in _FIELDS:
        found = re.search(pattern, message)
        if found:
            return name or found[1]
    return ""


@dataclass
class ImportReport:
    """What an import did. ``errors`` is filled only on the report of an ``ImportRejected``."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    observances_added: int = 0
    errors: list[RejectedEntry | str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # imported, but something was left out
    # Another program's calendar: events that could not be imported while the others were.
    skipped: list[RejectedEntry] = field(default_factory=list)
    # The fields the updated posts change, as the spreadsheet names its columns, in its order.
    changed_fields: list[str] = field(default_factory=list)

    def note_update(self, columns: Sequence[str]) -> None:
        """One more post updated, changing ``columns`` (``changed_columns``' names)."""
        self.changed_fields = [c for c in CHANGE_ORDER
                               if c in columns or c in self.changed_fields]

    def updated_text(self) -> str:
        """"updated 1 (title, time)": the count and what the updates really change."""
        names = f" ({', '.join(self.changed_fields)})" if self.changed_fields else ""
        return f"updated {self.updated}{names}"

    def rejected(self) -> list[RejectedEntry]:
        """``errors`` as records, in file order."""
        return [e if isinstance(e, RejectedEntry) else RejectedEntry.from_text(e)
                for e in self.errors]


# What an update can change, named as the spreadsheet's columns (``core.calendar.tables``).
CHANGE_ORDER = ("title", "status", "date", "time", "end_time", "all_day", "tz", "campaign",
                "channels", "observance_id", "owner", "body", "notes", "rrule", "exdates")
_SAME_NAME = frozenset(CHANGE_ORDER) - {"date", "time", "end_time", "all_day"}


def changed_columns(changed: Mapping[str, Any], post: Mapping[str, Any]) -> list[str]:
    """The columns an update really changes, from its ``PostFields`` arguments and the saved
    post (``posts list --json`` form).

    What the clock shows decides: moving a 10:00–10:30 post to 11:00–11:30 changes its time
    (not its date, nor its end, which moves with it); starting it at 9:00 and still ending at
    10:30 changes only its time too; the same 10:00 in another zone changes only the zone.
    """
    columns = {name for name in changed if name in _SAME_NAME and name != "tz"}
    saved = datetime.fromisoformat(post["start"])
    if "at" in changed:
        new = changed["at"]
        if post["all_day"]:
            columns |= {"all_day", "time"}
        elif new.time() != saved.time():
            columns.add("time")
        if new.date() != saved.date():
            columns.add("date")
    if "day" in changed:
        if not post["all_day"]:
            columns.add("all_day")
        if changed["day"] != saved.date():
            columns.add("date")
    if changed.get("tz") is not None and changed["tz"] != post["tz"]:
        columns.add("tz")
    if "duration_minutes" in changed and not post["all_day"]:
        # A new length changes the end, unless the start moved and the end stayed put.
        start = changed.get("at") or saved
        end = start + timedelta(minutes=changed["duration_minutes"] or 0)
        if end.replace(tzinfo=None) != datetime.fromisoformat(post["end"]).replace(tzinfo=None):
            columns.add("end_time")
    return [c for c in CHANGE_ORDER if c in columns]


class ImportRejected(KnownError):
    """The file had problems; nothing was written. ``report.errors`` lists every one."""

    def __init__(self, what: str, report: ImportReport) -> None:
        shown = report.errors[:MAX_ERRORS_SHOWN]
        more = len(report.errors) - len(shown)
        lines = "\n".join(f"  {e}" for e in shown)
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(f"{what}: {len(report.errors)} problem(s), nothing was imported:\n"
                         f"{lines}{tail}")
        self.report = report
