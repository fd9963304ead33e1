"""Qt draws what core's reports cannot draw themselves: chart images and PDF pages.

Why Qt and not matplotlib: Qt already ships in the bundle, so charts and PDF cost nothing
(matplotlib installs 35 MiB and brings Pillow and fontTools, ~47 MiB more, to a bundle kept
under 250 MiB); and
why QPainter rather than QtCharts: QtCharts are widgets (``QGraphicsWidget``), which live on
the GUI thread only, while a report is built in a worker thread. ``QPainter`` on a ``QImage``
and ``QTextDocument`` on a ``QPdfWriter`` are safe in any thread once a ``QGuiApplication``
exists; the CLI makes an off-screen one (``ensure_gui``), so reports work on a server too.

Pages are A4 with the shipped DejaVu Sans embedded (``resources/fonts``); the classification
line is printed at the top and bottom of every page, the running head and "Page n of N" too.
The Reports dialog's preview is the first page drawn into an image by the same code.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from core.reports.model import Chart
from core.reports.render import PrintDocument, Renderers
from core.reports.write_html import TITLE_PT
from core.reports.write_pdf import PRINT_FONT
from resources import RESOURCES

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
PDF_DPI = 300
LAYOUT_DPI = 96.0  # the HTML's px and pt are laid out at this density, then scaled to the page
MARGINS_MM = QMarginsF(18, 22, 18, 20)  # left, top, right, bottom: head and foot sit inside
AXIS = QColor("#9aa0a6")
INK = QColor("#3c4043")
_fonts_lock = threading.Lock()
_fonts_ready = False


def ensure_gui() -> None:
    """A Qt application for fonts and painting: the app's own, or an off-screen one for the
    CLI (no display needed). A QApplication rather than a bare QGuiApplication: one process
    has one, and anything later in it (screenshots, tests) may need widgets."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    if QCoreApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QApplication(["attache"])
    register_fonts()


def register_fonts() -> None:
    """Make the shipped DejaVu Sans available by name (once per process)."""
    global _fonts_ready
    with _fonts_lock:
        if _fonts_ready:
            return
        for name in FONT_FILES:
            QFontDatabase.addApplicationFont(str(RESOURCES / "fonts" / name))
        _fonts_ready = True


def renderers() -> Renderers:
    ensure_gui()
    return Renderers(chart_png=chart_png, pdf=pdf_bytes)


def _font(pixels: float, bold: bool = False) -> QFont:
    font = QFont(PRINT_FONT)
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    font.setFeature(QFont.Tag("liga"), 0)  # "fi" stays two letters when copied or searched
    return font


# ------------------------------------------------------------------------------ charts

def chart_png(chart: Chart, scale: float = 2.0) -> bytes:
    """The chart as PNG, ``scale`` pixels per point of its intended size."""
    image = chart_image(chart, scale)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def chart_image(chart: Chart, scale: float = 2.0) -> QImage:
    width, height = math.ceil(chart.width * scale), math.ceil(chart.height * scale)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    dots_per_meter = round(72 * scale / 0.0254)  # so Word places it at its size in points
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    image.fill(QColor("white") if chart.kind != "sparkline" else Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)  # from here on, one unit is one point
    if chart.titled:
        title = _font(10.5, bold=True)
        painter.setFont(title)
        painter.setPen(QColor("#1f1f1f"))
        painter.drawText(QPointF(0, QFontMetricsF(title).ascent()), chart.title)
        painter.translate(0, TITLE_PT)
        chart = replace(chart, height=chart.height - TITLE_PT)
    if chart.kind == "sparkline":
        _sparkline(painter, chart)
    else:
        _stacked_bars(painter, chart)
    painter.end()
    return image


def nice_step(top: float, ticks: int = 4) -> float:
    """A round step (1, 2, 5 × 10ⁿ) giving about ``ticks`` gridlines up to ``top``."""
    raw = max(top, 1) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(f * power for f in (1, 2, 5, 10) if f * power >= raw)


def _stacked_bars(painter: QPainter, chart: Chart) -> None:
    width, height = chart.width, chart.height
    small = _font(7.5)
    metrics = QFontMetricsF(small)
    painter.setFont(small)
    # Legend: one line of swatches and names at the top, wrapping if needed.
    x, y = 0.0, 2.0
    line = metrics.height()
    for series in chart.series:
        label_width = metrics.horizontalAdvance(series.name) + 18
        if x + label_width > width and x > 0:
            x, y = 0.0, y + line + 2
        painter.fillRect(QRectF(x, y + line / 2 - 4, 8, 8), QColor(series.color))
        painter.setPen(INK)
        painter.drawText(QPointF(x + 11, y + metrics.ascent()), series.name)
        x += label_width
    top_of_plot = y + line + 8
    totals = [sum(s.values[i] for s in chart.series) for i in range(len(chart.categories))]
    step = nice_step(max(totals, default=0))
    highest = step * max(1, math.ceil(max(totals, default=0) / step))
    labels = [_number(step * n) for n in range(int(round(highest / step)) + 1)]
    left = max(metrics.horizontalAdvance(t) for t in labels) + 6
    bottom = height - line - 4
    plot = QRectF(left, top_of_plot, width - left - 2, bottom - top_of_plot)
    painter.setPen(QPen(AXIS, 0.5))
    for n, text in enumerate(labels):
        level = plot.bottom() - plot.height() * (n * step / highest)
        painter.setPen(QPen(QColor("#e3e5e8") if n else AXIS, 0.5))
        painter.drawLine(QPointF(plot.left(), level), QPointF(plot.right(), level))
        painter.setPen(INK)
        painter.drawText(QRectF(0, level - line / 2, left - 4, line),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
    count = max(len(chart.categories), 1)
    slot = plot.width() / count
    bar = max(min(slot * 0.7, 28), 0.6)
    for i in range(len(chart.categories)):
        base = plot.bottom()
        for series in chart.series:
            value = series.values[i]
            if value <= 0:
                continue
            tall = plot.height() * value / highest
            painter.fillRect(QRectF(plot.left() + i * slot + (slot - bar) / 2, base - tall,
                                    bar, tall), QColor(series.color))
            base -= tall
    # Category labels, thinned so they never overlap.
    widest = max((metrics.horizontalAdvance(c) for c in chart.categories), default=0) + 6
    every = max(1, math.ceil(widest / max(slot, 0.1)))
    painter.setPen(INK)
    for i in range(0, len(chart.categories), every):
        centre = plot.left() + i * slot + slot / 2
        painter.drawText(QRectF(centre - widest / 2, bottom + 2, widest, line),
                         int(Qt.AlignmentFlag.AlignHCenter), chart.categories[i])


def _sparkline(painter: QPainter, chart: Chart) -> None:
    values = [sum(s.values[i] for s in chart.series) for i in range(len(chart.categories))]
    color = QColor(chart.series[0].color if chart.series else "#1565c0")
    points = _spark_points(values, chart.width, chart.height)
    if not points:
        return
    line = QPainterPath(points[0])
    for point in points[1:]:
        line.lineTo(point)
    area = QPainterPath(line)
    area.lineTo(points[-1].x(), chart.height - 2)
    area.lineTo(points[0].x(), chart.height - 2)
    area.closeSubpath()
    fill = QColor(color)
    fill.setAlpha(50)
    painter.fillPath(area, fill)
    painter.setPen(QPen(color, 1.2))
    painter.drawPath(line)
    peak = max(range(len(values)), key=lambda i: (values[i], i))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(points[peak], 1.8, 1.8)


def _spark_points(values: Sequence[float], width: float, height: float) -> list[QPointF]:
    if not values:
        return []
    margin = 2.0
    top = max(values) or 1.0
    step = (width - 2 * margin) / (len(values) - 1) if len(values) > 1 else 0.0
    return [QPointF(margin + i * step if len(values) > 1 else width / 2,
                    height - margin - (v / top) * (height - 2 * margin))
            for i, v in enumerate(values)]


def _number(value: float) -> str:
    return f"{value:g}"


# ------------------------------------------------------------------------------ pages

class _Pages:
    """A report's HTML laid out in A4 pages of a given device's resolution."""

    def __init__(self, doc: PrintDocument, device: QPagedPaintDevice) -> None:
        layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                             MARGINS_MM, QPageLayout.Unit.Millimeter)
        device.setPageLayout(layout)
        self.doc = doc
        self.resolution = device.resolution()
        self.page = layout.fullRectPixels(self.resolution)
        self.body = layout.paintRectPixels(self.resolution)
        self.scale = self.resolution / LAYOUT_DPI
        self.text = QTextDocument()
        self.text.setDocumentMargin(0)
        base = _font(0)
        base.setPointSizeF(10.5)
        self.text.setDefaultFont(base)
        self.text.setHtml(doc.html)
        self.text.setPageSize(QSizeF(self.body.width() / self.scale,
                                     self.body.height() / self.scale))

    def count(self) -> int:
        return self.text.pageCount()

    def draw(self, painter: QPainter, number: int) -> None:
        """Page ``number`` (0-based) onto a painter whose device is one page at our resolution."""
        height = self.text.pageSize().height()
        painter.save()
        painter.translate(self.body.left(), self.body.top())
        painter.scale(self.scale, self.scale)
        painter.translate(0, -number * height)
        self.text.drawContents(painter, QRectF(0, number * height,
                                               self.text.pageSize().width(), height))
        painter.restore()
        self._head_and_foot(painter, number)

    def _head_and_foot(self, painter: QPainter, number: int) -> None:
        mm = self.resolution / 25.4
        font = _font(7.5 / 72 * self.resolution)
        bold = _font(8.5 / 72 * self.resolution, bold=True)
        left, right = self.body.left(), self.body.right()
        width = right - left
        head_y, foot_y = 8 * mm, self.page.height() - 12 * mm
        line = QFontMetricsF(bold).height()
        painter.save()
        painter.setPen(INK)
        if self.doc.classification:
            painter.setFont(bold)
            for y in (head_y, foot_y):
                painter.drawText(QRectF(left, y, width, line),
                                 int(Qt.AlignmentFlag.AlignHCenter), self.doc.classification)
        painter.setFont(font)
        painter.setPen(QColor("#5f6368"))
        below = foot_y + line + 1 * mm
        painter.drawText(QRectF(left, below, width * 0.75, line),
                         int(Qt.AlignmentFlag.AlignLeft), self.doc.running_head)
        painter.drawText(QRectF(left, below, width, line), int(Qt.AlignmentFlag.AlignRight),
                         f"Page {number + 1} of {self.count()}")
        painter.restore()


def pdf_bytes(doc: PrintDocument) -> bytes:
    """The document as PDF: A4, fonts embedded (Qt embeds the glyphs it used)."""
    ensure_gui()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setTitle(doc.title)
    writer.setCreator("Attaché")
    pages = _Pages(doc, writer)
    painter = QPainter(writer)
    try:
        for number in range(pages.count()):
            if number:
                writer.newPage()
            pages.draw(painter, number)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def first_page(doc: PrintDocument, width_px: int = 620) -> tuple[QImage, int]:
    """The first page as an image ``width_px`` wide (the dialog's preview), and the number of
    pages. Thread-safe: a QImage, not a widget."""
    ensure_gui()
    probe = QPdfWriter(QBuffer())  # a paged device to lay out on; nothing is written
    probe.setResolution(PDF_DPI)
    pages = _Pages(doc, probe)
    full = pages.page
    height = round(width_px * full.height() / full.width())
    image = QImage(width_px, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.scale(width_px / full.width(), height / full.height())
    pages.draw(painter, 0)
    painter.end()
    return image, pages.count()
