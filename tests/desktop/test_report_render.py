"""Qt's part of reports: PDF pages read back with pypdf (text, embedded fonts, pages), chart
images decoded, and the HTML's images all inside the file."""

from __future__ import annotations

import io
import re
import unicodedata
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from core.reports.formats import BY_KEY
from core.reports.model import Chart, Series
from core.reports.period import PeriodOptions, period_report
from core.reports.scope import Letterhead, Range
from core.reports.summary import SummaryOptions, summary_report
from core.storage.database import Database
from tests import reportdata as data
from tests.reportdata import KK_TITLE, NOTES, RU_TITLE, UZ_TITLE

HEAD = Letterhead(embassy="U.S. Embassy Tashkent", prepared_by="Press section",
                  classification="Sensitive but unclassified")


@pytest.fixture
def renderers(qapp):  # noqa: ANN001, ANN201 - pytest-qt's QApplication
    from desktop.report_render import renderers

    return renderers()


@pytest.fixture
def filled(db: Database) -> Database:
    data.fill(db)
    return db


def pdf_text(pdf: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    # pypdf gives words back separated by tabs or spaces: compare with whitespace collapsed.
    pages = [" ".join(unicodedata.normalize("NFC", page.extract_text()).split())
             for page in reader.pages]
    return reader, pages


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    found = {}
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            found[str(font["/BaseFont"])] = any(k in descriptor for k in (
                "/FontFile", "/FontFile2", "/FontFile3"))
    return found


def test_summary_pdf_keeps_every_script_and_embeds_its_fonts(filled, renderers) -> None:  # noqa: ANN001
    report = summary_report(filled, SummaryOptions(range=Range(data.DAY, data.DAY, "UTC"),
                                                   letterhead=HEAD, excerpt=True))
    reader, pages = pdf_text(BY_KEY["pdf"].write(report, renderers))
    assert 1 <= len(pages) <= 3
    text = " ".join(pages)
    for title in (RU_TITLE, UZ_TITLE, KK_TITLE, NOTES[UZ_TITLE]):
        assert " ".join(title.split()) in text
    assert "oʻ" in text and "gʻ" in text  # U+02BB, the Uzbek Latin letter, not an apostrophe
    assert set("әғқңөұүһі") <= set(text.lower())
    for page in pages:  # the classification line at the top and bottom of every page
        assert page.count("SENSITIVE BUT UNCLASSIFIED") == 2
        assert re.search(r"Page \d+ of \d+", page)
    fonts = embedded_fonts(reader)
    assert fonts and all(fonts.values()), fonts
    assert any("DejaVuSans" in name for name in fonts)
    assert "ﬁ" not in text  # no ligature glyphs: copied text searches as typed


def test_period_pdf_has_its_charts_and_tables(filled, renderers) -> None:  # noqa: ANN001
    report = period_report(filled, PeriodOptions(range=Range(data.DAY, data.DAY, "UTC"),
                                                 letterhead=HEAD))
    reader, pages = pdf_text(BY_KEY["pdf"].write(report, renderers))
    assert 2 <= len(pages) <= 12
    text = " ".join(pages)
    for heading in ("At a glance", "Posts published per channel and week",
                    "Sentiment by language", "Watch-term trends", "Observances covered"):
        assert heading in text
    images = sum(len(page.images) for page in reader.pages)
    # The two charts and a sparkline per watch term; identical pictures are stored once (here
    # the three one-day sparklines are alike).
    distinct = {renderers.chart_png(chart, 3.0) for chart in report.charts()}
    assert images == len(distinct) == 3


def test_html_images_are_inside_the_file(filled, renderers) -> None:  # noqa: ANN001
    report = period_report(filled, PeriodOptions(range=Range(data.DAY, data.DAY, "UTC")))

    class Images(HTMLParser):
        srcs: list[str] = []

        def handle_starttag(self, tag: str, attrs: list) -> None:
            if tag == "img":
                self.srcs.append(dict(attrs)["src"])

    parser = Images()
    parser.feed(BY_KEY["html"].write(report, renderers).decode("utf-8"))
    assert len(parser.srcs) == len(report.charts()) >= 3
    assert all(src.startswith("data:image/png;base64,") for src in parser.srcs)


def test_chart_images(qapp) -> None:  # noqa: ANN001
    from PySide6.QtGui import QImage

    from desktop.report_render import chart_png, nice_step

    chart = Chart(key="c", title="Replies", kind="stacked-bars",
                  categories=("1 Dec", "2 Dec", "3 Dec"),
                  series=(Series("Positive", (3, 0, 5), "#2e7d32"),
                          Series("Негативные", (1, 2, 0), "#c62828")), width=300, height=150)
    image = QImage.fromData(chart_png(chart, 2.0))
    assert (image.width(), image.height()) == (600, 300)
    # The tallest bar (5 + 0) is drawn in the positive colour somewhere in the plot.
    colours = {image.pixelColor(x, y).name() for x in range(0, 600, 3) for y in range(0, 300, 3)}
    assert {"#2e7d32", "#c62828"} <= colours
    empty = QImage.fromData(chart_png(Chart(key="s", title="t", kind="sparkline",
                                            categories=(), series=()), 1.0))
    assert not empty.isNull()
    assert [nice_step(v) for v in (0, 3, 9, 40, 130)] == [0.5, 1, 5, 10, 50]


def test_first_page_preview(filled, renderers) -> None:  # noqa: ANN001
    from core.reports.write_pdf import print_document
    from desktop.report_render import first_page

    report = summary_report(filled, SummaryOptions(range=Range(data.DAY, data.DAY, "UTC"),
                                                   letterhead=HEAD))
    image, pages = first_page(print_document(report, renderers), 400)
    assert image.width() == 400 and 560 <= image.height() <= 570  # A4's proportions
    assert pages >= 1
    dark = sum(1 for x in range(0, 400, 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 50  # text was drawn
