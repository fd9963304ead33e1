"""What a calendar import reports, shared by the iCalendar and spreadsheet importers."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.errors import KnownError

MAX_ERRORS_SHOWN = 20


@dataclass
class ImportReport:
    """What an import did. ``errors`` is filled only on the report of an ``ImportRejected``."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    observances_added: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # imported, but something was left out


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
