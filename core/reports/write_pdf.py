"""PDF: the report's HTML laid out on A4 pages by the page renderer, with the font shipped in
``resources/fonts`` embedded, so Cyrillic, Uzbek Latin (oʻ gʻ) and Kazakh (ә ғ қ ң ө ұ ү һ і)
come out right on a machine that has no such font. The classification line and page numbers
are printed at the top and bottom of every page by the renderer.
"""

from __future__ import annotations

from core.errors import KnownError
from core.reports.model import Report
from core.reports.render import PrintDocument, Renderers
from core.reports.write_html import render_html

# resources/fonts/DejaVuSans*.ttf (see resources/NOTICE.md): Latin, Cyrillic with the Kazakh
# and Uzbek letters, and the modifier letters ʻ ʼ that Uzbek Latin writes with.
PRINT_FONT = "DejaVu Sans"


def print_document(report: Report, renderers: Renderers) -> PrintDocument:
    """What the page renderer lays out (also used for the first-page preview)."""
    head = " · ".join(filter(None, [report.embassy, report.title, report.range_text()]))
    return PrintDocument(html=render_html(report, renderers, fonts=f"'{PRINT_FONT}'",
                                          chart_scale=3.0, for_print=True),
                         title=head, classification=report.classification.upper(),
                         running_head=head)


def write(report: Report, renderers: Renderers) -> bytes:
    if renderers.pdf is None:
        raise KnownError("PDF needs the page renderer of the desktop app (Qt); "
                         "write html or docx instead")
    return renderers.pdf(print_document(report, renderers))
