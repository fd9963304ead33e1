"""The document every report format is written from: a header, sections, and in them
paragraphs, key figures, tables, charts (as data) and stories (media summary entries).

Plain dataclasses and no formatting decisions beyond words: dates stay dates, shares stay
fractions, so Excel gets numbers and Word gets "37%" from the same table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

ChartKind = Literal["stacked-bars", "sparkline"]
ColumnKind = Literal["text", "number", "percent", "date", "datetime", "link", "chart"]
ReportKind = Literal["summary", "period"]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    color: str  # "#rrggbb"


@dataclass(frozen=True)
class Chart:
    """A chart as numbers: ``categories`` along the x axis, one value per category and series.

    ``width``/``height`` are the intended size in points (1/72 inch) on a page; a renderer
    draws at a multiple of it for print sharpness. ``summary`` says in words what it shows,
    for plain text, alt text and a writer without a renderer.
    """

    key: str
    title: str
    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    summary: str = ""
    y_title: str = ""
    width: float = 460.0
    height: float = 200.0
    # The renderer draws the title into the image (print: a title can never be left at the
    # foot of one page with its chart on the next).
    titled: bool = False

    def total(self) -> float:
        return sum(sum(s.values) for s in self.series)


@dataclass(frozen=True)
class Link:
    text: str
    url: str | None  # None: not a link that may be opened (core.links.openable_link)


Cell = str | int | float | date | datetime | Link | Chart | None


@dataclass(frozen=True)
class Column:
    title: str
    kind: ColumnKind = "text"


@dataclass
class Table:
    """One table; ``key`` names its Excel sheet (at most 31 characters, unique per report)."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    empty: str = "Nothing in this period."
    note: str | None = None


@dataclass
class Paragraph:
    text: str
    style: Literal["normal", "note"] = "normal"


@dataclass
class Figures:
    """Key figures: a short list of label → value, shown as a compact two-column block."""

    pairs: list[tuple[str, str]]


@dataclass
class Story:
    """One item of the media summary."""

    item_id: int
    title: str
    source: str
    when: datetime | None  # in the report's zone
    link: Link | None
    note: str | None = None  # the officer's own summary line
    excerpt: str | None = None  # the first lines of the item, when asked for
    tone: str | None = None  # coverage sentiment in words, when asked for and scored
    also: tuple[str, ...] = ()  # other groups (watch terms) the item belongs to


Block = Paragraph | Figures | Table | Chart | Story


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Report:
    kind: ReportKind
    title: str  # "Media summary", "Period report"
    first: date
    last: date
    tz: str
    generated: datetime  # aware, in ``tz``
    embassy: str = ""
    prepared_by: str = ""
    classification: str = ""  # printed at the top and bottom of every page
    scope: list[tuple[str, str]] = field(default_factory=list)  # what was chosen, in words
    sections: list[Section] = field(default_factory=list)
    empty: str | None = None  # set when nothing was found: the report says so, in words
    counts: dict[str, int] = field(default_factory=dict)  # for the CLI's one-line answer

    def range_text(self) -> str:
        return date_range_text(self.first, self.last)

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        found = [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]
        for table in self.tables():
            found += [c for row in table.rows for c in row if isinstance(c, Chart)]
        return found

    def stories(self) -> list[Story]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Story)]


# ------------------------------------------------------------------------------ words

def day_text(day: date) -> str:
    """5 December 2026 (no zero padding, the month spelled out: unambiguous everywhere)."""
    return f"{day.day} {day:%B %Y}"


def date_range_text(first: date, last: date) -> str:
    if first == last:
        return day_text(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%B} – {day_text(last)}"
    return f"{day_text(first)} – {day_text(last)}"


def moment_text(when: datetime | None) -> str:
    """5 Dec 2026 09:14 (the report's zone is stated once in its header)."""
    return "" if when is None else f"{when.day} {when:%b %Y %H:%M}"


def percent_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def cell_text(value: Cell, kind: str = "text") -> str:
    """A cell as words, the same in every text-based format."""
    if value is None:
        return "–" if kind in ("number", "percent") else ""
    if isinstance(value, Chart):
        return sparkline_text(value) if value.kind == "sparkline" else value.summary
    if isinstance(value, Link):
        return value.text
    if kind == "percent" and isinstance(value, int | float):
        return percent_text(float(value))
    if isinstance(value, datetime):
        return moment_text(value)
    if isinstance(value, date):
        return f"{value.day} {value:%b %Y}"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


SPARK = "▁▂▃▄▅▆▇█"


def sparkline_text(chart: Chart) -> str:
    """A sparkline in block characters (plain text, Excel): ``▁▁▃█▂``."""
    values = [sum(s.values[i] for s in chart.series) for i in range(len(chart.categories))]
    return bars_text(values)


def bars_text(values: Sequence[float]) -> str:
    top = max(values, default=0)
    if top <= 0:
        return SPARK[0] * len(values)
    return "".join(SPARK[min(len(SPARK) - 1, round(v / top * (len(SPARK) - 1)))]
                   for v in values)
