"""What drawing a report needs from outside core: chart images and PDF pages.

Core builds reports and writes DOCX, HTML, text and XLSX itself; turning a chart into pixels
and laying text out on pages with embedded fonts is done by a renderer the caller hands in.
The desktop layer's (``desktop/report_render.py``) draws with Qt, which Attaché ships anyway:
nothing is added to the bundle for either job. Without a chart renderer a writer prints the
chart's numbers in words; without a page renderer there is no PDF (a plain error).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.reports.model import Chart

# The Listen page's colours for sentiment labels (ui/models/replies_table.py reads these).
LABEL_COLORS = {"positive": "#2e7d32", "neutral": "#757575", "negative": "#c62828",
                "unsupported": "#6a3fb5", "unscored": "#9e9e9e"}
# Channels and other unordered series: distinguishable, print-safe, colour-blind friendly
# (Okabe–Ito), then greys.
SERIES_COLORS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00",
                 "#f0e442", "#000000", "#999999", "#666666")
SPARK_COLOR = "#1565c0"


@dataclass(frozen=True)
class PrintDocument:
    """A report laid out for pages: HTML (the subset Word, Outlook and Qt all read), the
    classification line for the top and bottom of every page, and the running title."""

    html: str
    title: str
    classification: str = ""
    running_head: str = ""  # e.g. "U.S. Embassy Tashkent · Media summary · 5 December 2026"


ChartRenderer = Callable[[Chart, float], bytes]  # (chart, pixels per point) -> PNG bytes
PageRenderer = Callable[[PrintDocument], bytes]  # -> PDF bytes, fonts embedded


@dataclass(frozen=True)
class Renderers:
    chart_png: ChartRenderer | None = None
    pdf: PageRenderer | None = None


def chart_color(index: int) -> str:
    return SERIES_COLORS[index % len(SERIES_COLORS)]
