"""Excel, for people who want the numbers: a first sheet with the header and key figures, then
one sheet per table, named after it, with a bold frozen header, real numbers, percentages,
dates and links. A trend column (a sparkline in the other formats) becomes one column per day
or week with its counts. Text from feeds is always text, never a formula.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.reports.model import Chart, Column, Figures, Link, Paragraph, Report, Table, moment_text
from core.reports.render import Renderers

BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="EEF1F4")
MAX_WIDTH = 60
SHEET_CHARS = 31
FORMULA_START = ("=", "+", "-", "@")


def write(report: Report, _renderers: Renderers | None = None) -> bytes:
    book = Workbook()
    first = book.active
    first.title = "Report"
    _front(first, report)
    used = {"report"}
    for table in report.tables():
        sheet = book.create_sheet(_sheet_name(table.key, used))
        _table(sheet, table)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(key: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", key).strip()[:SHEET_CHARS] or "Table"
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name, n = base[:SHEET_CHARS - len(suffix)] + suffix, n + 1
    used.add(name.casefold())
    return name


def _put(sheet, row: int, column: int, value: object, kind: str = "text"):  # noqa: ANN001, ANN202
    if isinstance(value, Link):
        cell = sheet.cell(row=row, column=column, value=value.text)
        if value.url:
            cell.hyperlink = value.url
            cell.font = Font(color="1A4F9C", underline="single")
    elif isinstance(value, datetime):
        cell = sheet.cell(row=row, column=column, value=value.replace(tzinfo=None))
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell = sheet.cell(row=row, column=column, value=value)
        cell.number_format = "yyyy-mm-dd"
    else:
        cell = sheet.cell(row=row, column=column, value=value)
        if kind == "percent" and isinstance(value, int | float):
            cell.number_format = "0%"
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
        cell.data_type = "s"  # a feed title "=HYPERLINK(…)" is text, never a formula
    return cell


def _front(sheet, report: Report) -> None:  # noqa: ANN001
    rows: list[tuple[str, object]] = []
    if report.classification:
        rows.append(("Classification", report.classification.upper()))
    if report.embassy:
        rows.append(("Embassy", report.embassy))
    rows += [("Report", report.title), ("From", report.first), ("To", report.last)]
    if report.prepared_by:
        rows.append(("Prepared by", report.prepared_by))
    rows += report.scope
    rows.append(("Generated", moment_text(report.generated)))
    if report.empty:
        rows.append(("Note", report.empty))
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Figures):
                rows.append(("", ""))
                rows += [(label, value) for label, value in block.pairs]
            elif isinstance(block, Paragraph) and section.title == "At a glance":
                rows.append(("", block.text))
    for number, (label, value) in enumerate(rows, start=1):
        _put(sheet, number, 1, label).font = BOLD
        _put(sheet, number, 2, value)
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 60


def _columns(table: Table) -> list[tuple[Column, int | None, str]]:
    """(column, index into a chart's values or None, header) for every sheet column."""
    found: list[tuple[Column, int | None, str]] = []
    for position, column in enumerate(table.columns):
        if column.kind == "chart":
            chart = next((r[position] for r in table.rows if isinstance(r[position], Chart)),
                         None)
            categories = chart.categories if chart is not None else ()
            found += [(column, i, label) for i, label in enumerate(categories)]
        else:
            found.append((column, None, column.title))
    return found


def _table(sheet, table: Table) -> None:  # noqa: ANN001
    layout = _columns(table)
    positions = {id(c): n for n, c in enumerate(table.columns)}
    for number, (_column, _index, header) in enumerate(layout, start=1):
        cell = _put(sheet, 1, number, header)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(header) for _, _, header in layout]
    row_number = 1
    for row in table.rows:
        row_number += 1
        for number, (column, index, _header) in enumerate(layout, start=1):
            value = row[positions[id(column)]]
            if index is not None:
                value = (sum(s.values[index] for s in value.series)
                         if isinstance(value, Chart) else None)
            cell = _put(sheet, row_number, number, value, column.kind)
            shown = cell.value if not isinstance(cell.value, datetime | date) else "2026-12-05"
            widths[number - 1] = max(widths[number - 1], len(str(shown or "")))
    if not table.rows:
        _put(sheet, 2, 1, table.empty)
        row_number = 2
    if table.note:
        _put(sheet, row_number + 2, 1, table.note).font = Font(italic=True)
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = min(MAX_WIDTH, width + 2)
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(layout))}{len(table.rows) + 1}"
