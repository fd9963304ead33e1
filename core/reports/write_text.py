"""Plain text, for the body of an e-mail: wrapped at 76 columns, links on their own lines (mail
programs make them clickable and never break them), tables aligned for a fixed-width font,
sparklines in block characters. The classification line opens and closes the text.
"""

from __future__ import annotations

import textwrap

from core.reports.model import (
    Chart,
    Figures,
    Paragraph,
    Report,
    Story,
    Table,
    cell_text,
    moment_text,
)
from core.reports.render import Renderers

WIDTH = 76
MAX_CELL = 40


def write(report: Report, _renderers: Renderers | None = None) -> bytes:
    return render_text(report).encode("utf-8")


def render_text(report: Report) -> str:
    out: list[str] = []
    if report.classification:
        out += [report.classification.upper(), ""]
    if report.embassy:
        out.append(report.embassy.upper())
    title = f"{report.title.upper()} — {report.range_text()}"
    out += [title, "=" * min(len(title), WIDTH)]
    if report.prepared_by:
        out.append(f"Prepared by: {report.prepared_by}")
    out += [f"{label}: {value}" for label, value in report.scope]
    out.append(f"Generated: {moment_text(report.generated)}")
    out.append("")
    if report.empty:
        out += _wrap(report.empty) + [""]
    number = 0
    for section in report.sections:
        out += [section.title, "-" * min(len(section.title), WIDTH), ""]
        for block in section.blocks:
            if isinstance(block, Story):
                number += 1
                out += _story(block, number)
            elif isinstance(block, Paragraph):
                out += _wrap(block.text) + [""]
            elif isinstance(block, Figures):
                width = max((len(label) for label, _ in block.pairs), default=0)
                out += [f"  {label:<{width}}  {value}" for label, value in block.pairs] + [""]
            elif isinstance(block, Table):
                out += _table(block)
            elif isinstance(block, Chart):
                out += _wrap(f"[Chart: {block.title} — {block.summary}]") + [""]
    if report.classification:
        out += [report.classification.upper()]
    return "\n".join(out).rstrip() + "\n"


def _wrap(text: str, indent: str = "") -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines += textwrap.wrap(paragraph, WIDTH, initial_indent=indent,
                               subsequent_indent=indent, break_on_hyphens=False) or [indent]
    return lines


def _story(story: Story, number: int) -> list[str]:
    lead = f"{number}. "
    lines = _wrap(story.title, " " * len(lead))
    lines[0] = lead + lines[0].lstrip()
    pad = " " * len(lead)
    meta = " · ".join(filter(None, [story.source, moment_text(story.when)]))
    lines += _wrap(meta, pad)
    if story.link and story.link.url:
        lines.append(pad + story.link.url)  # never wrapped: a broken link is no link
    if story.note:
        lines += _wrap(f"Note: {story.note}", pad)
    if story.excerpt:
        lines += _wrap(f"“{story.excerpt}”", pad)
    if story.tone:
        lines.append(f"{pad}Tone: {story.tone}")
    if story.also:
        lines += _wrap(f"Also: {', '.join(story.also)}", pad)
    return lines + [""]


def _table(table: Table) -> list[str]:
    lines = [table.title, ""]
    if not table.rows:
        return lines + _wrap(table.empty, "  ") + [""]
    cells = [[c.title for c in table.columns]] + [
        [_short(cell_text(value, column.kind)) for value, column in zip(row, table.columns,
                                                                          strict=True)]
        for row in table.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
    right = [c.kind in ("number", "percent") for c in table.columns]
    for n, row in enumerate(cells):
        lines.append("  " + "  ".join(
            value.rjust(widths[i]) if right[i] else value.ljust(widths[i])
            for i, value in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    if table.note:
        lines += [""] + _wrap(table.note, "  ")
    return lines + [""]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"
