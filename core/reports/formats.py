"""The report formats, declared once: the CLI's choices, the Reports dialog's list, file
suffixes and which writer module writes each are all read from ``FORMATS``.

Adding a format is one writer module with ``write(report, renderers) -> bytes`` and one record
here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from core.errors import KnownError
from core.reports.model import Report, ReportKind
from core.reports.render import Renderers


@dataclass(frozen=True)
class ReportFormat:
    key: str
    label: str  # what a person picks from a list
    suffix: str
    reports: tuple[ReportKind, ...]  # which reports can be written in it
    module: str  # has write(report, renderers) -> bytes

    def write(self, report: Report, renderers: Renderers) -> bytes:
        if report.kind not in self.reports:
            raise KnownError(f"the {report.title.lower()} is not written as {self.key} "
                             f"(choose one of {', '.join(keys_for(report.kind))})")
        return importlib.import_module(self.module).write(report, renderers)


FORMATS: tuple[ReportFormat, ...] = (
    ReportFormat("docx", "Word document (.docx)", ".docx", ("summary", "period"),
                 "core.reports.write_docx"),
    ReportFormat("pdf", "PDF (.pdf)", ".pdf", ("summary", "period"), "core.reports.write_pdf"),
    ReportFormat("html", "Web page for e-mail (.html)", ".html", ("summary", "period"),
                 "core.reports.write_html"),
    ReportFormat("txt", "Plain text for e-mail (.txt)", ".txt", ("summary", "period"),
                 "core.reports.write_text"),
    ReportFormat("xlsx", "Excel workbook (.xlsx)", ".xlsx", ("period",),
                 "core.reports.write_xlsx"),
)
BY_KEY = {f.key: f for f in FORMATS}


def keys_for(kind: ReportKind) -> list[str]:
    return [f.key for f in FORMATS if kind in f.reports]


def formats_for(kind: ReportKind) -> list[ReportFormat]:
    return [f for f in FORMATS if kind in f.reports]


def report_format(key: str | None, path: Path | None, kind: ReportKind) -> ReportFormat:
    """The format asked for, or the one the file name's suffix says; refused when the report
    is not written in it or neither tells."""
    if key is None and path is not None:
        key = next((f.key for f in FORMATS if f.suffix == path.suffix.lower()), None)
        if key is None:
            raise KnownError(f"give --format ({'|'.join(keys_for(kind))}): the file name "
                             f"{path.name!r} does not say which")
    fmt = BY_KEY.get(key or "")
    if fmt is None or kind not in fmt.reports:
        raise KnownError(f"the {'media summary' if kind == 'summary' else 'period report'} "
                         f"is written as {', '.join(keys_for(kind))}, not {key!r}")
    return fmt
