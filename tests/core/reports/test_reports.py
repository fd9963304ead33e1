"""Reports built from a hand-counted database and read back by independent readers:
python-docx for Word, openpyxl for Excel, the standard library's HTML parser for HTML."""

from __future__ import annotations

import io
import os
import stat
from datetime import UTC
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from core.errors import KnownError
from core.reports.formats import BY_KEY, report_format
from core.reports.model import Chart, Column, Report, Section, Story, Table
from core.reports.output import PART_PREFIX, check_target, write_atomically
from core.reports.period import PeriodOptions, period_report
from core.reports.render import Renderers
from core.reports.scope import Letterhead, Range
from core.reports.summary import SummaryOptions, summary_report
from core.reports.write_text import render_text
from core.storage.database import Database
from tests import reportdata as data
from tests.mounts import read_only_view
from tests.reportdata import DAY, HOSTILE_TITLE, KK_TITLE, NOTES, RU_TITLE, UZ_TITLE

HEAD = Letterhead(embassy="U.S. Embassy Tashkent", prepared_by="Press section",
                  classification="Unclassified")


@pytest.fixture
def filled(db: Database) -> tuple[Database, dict[str, int]]:
    return db, data.fill(db)


def day_range(first=DAY, last=DAY) -> Range:  # noqa: ANN001
    return Range(first, last, "UTC")


def summary(db: Database, **options) -> object:  # noqa: ANN003
    return summary_report(db, SummaryOptions(range=options.pop("range", day_range()),
                                             letterhead=HEAD, **options))


# ------------------------------------------------------------------------------ the summary

def test_marked_items_of_the_day_grouped_by_watch_term(filled) -> None:  # noqa: ANN001
    db, ids = filled
    report = summary(db)
    titles = [s.title for s in report.stories()]
    # Four marked on 4 December (the old one is two days earlier): RU, UZ, KK and the hostile.
    assert sorted(titles) == sorted([RU_TITLE, UZ_TITLE, KK_TITLE, HOSTILE_TITLE])
    groups = {section.title: [b.title for b in section.blocks if isinstance(b, Story)]
              for section in report.sections}
    # The Uzbek item names Fulbright (added first) and hamkorlik: it sits under Fulbright once.
    assert groups["Fulbright"] == [UZ_TITLE, RU_TITLE]  # newest first: 10:00 then 07:00
    assert [s.also for s in report.stories() if s.title == UZ_TITLE] == [("hamkorlik",)]
    assert groups["ұлттық"] == [KK_TITLE]
    assert list(groups)[-1] == "Other coverage"  # leftovers last
    notes = {s.title: s.note for s in report.stories()}
    assert notes[RU_TITLE] == NOTES[RU_TITLE] and notes[HOSTILE_TITLE] is None
    assert report.empty is None and report.counts["items"] == 4


def test_grouping_by_category_and_source_and_other_rules(filled) -> None:  # noqa: ANN001
    db, ids = filled
    by_category = summary(db, by="category")
    assert [s.title for s in by_category.sections] == ["News / Uzbekistan", "Uncategorised"]
    by_source = summary(db, by="source", pick="starred")
    assert [s.title for s in by_source.sections] == ["UN News", "Газета.uz"]
    watched = summary(db, pick="watch", terms=["FULBRIGHT"])  # terms match case-insensitively
    # Items naming Fulbright on that day: RU and UZ news; the own post "Fulbright 2027 is
    # open" is the embassy's own words, not coverage.
    assert sorted(s.title for s in watched.stories()) == sorted([RU_TITLE, UZ_TITLE])
    only = summary(db, sources=[ids["kaz"]])  # a source alone: every item of it
    assert sorted(s.title for s in only.stories()) == sorted([KK_TITLE, HOSTILE_TITLE])
    with pytest.raises(KnownError, match="not a watch term: visa"):
        summary(db, pick="watch", terms=["visa"])
    with pytest.raises(KnownError, match="no source with id 999"):
        summary(db, sources=[999])


def test_an_empty_range_says_so(filled) -> None:  # noqa: ANN001
    db, _ = filled
    report = summary(db, range=Range(DAY.replace(day=1), DAY.replace(day=1), "UTC"))
    assert report.stories() == [] and report.empty == (
        "No items were marked for the summary on 1 December 2026.")
    assert "No items were marked" in render_text(report)


def test_days_are_the_officers_days(filled) -> None:  # noqa: ANN001
    """05:00 UTC on 4 December is already 4 December in Tashkent (UTC+5), but 22:00 UTC on the
    3rd is the 4th there too; the range is whole days in the chosen zone."""
    db, ids = filled
    report = summary(db, pick="starred", range=Range(DAY, DAY, "America/New_York"))
    # New York is UTC-5: 05:00 UTC is 00:00 on the 4th, 09:00 UTC is 04:00: both on the 4th.
    assert len(report.stories()) == 2
    assert all(s.when.utcoffset().total_seconds() == -5 * 3600 for s in report.stories())


def test_range_checks() -> None:
    with pytest.raises(KnownError, match="ends"):
        Range(DAY, DAY.replace(day=1), "UTC")
    with pytest.raises(KnownError, match="time zone"):
        Range(DAY, DAY, "Mars/Olympus")


# ------------------------------------------------------------------------------ the period

def test_period_report_counts_what_the_database_holds(filled) -> None:  # noqa: ANN001
    db, ids = filled
    report = period_report(db, PeriodOptions(range=day_range(), letterhead=HEAD))
    figures = dict(report.sections[0].blocks[0].pairs)
    assert figures["Posts published"] == "2 on 1 channel(s)"
    assert figures["Replies received"] == "3"  # r4 was written three days before
    assert figures["Replies answered"] == "0 (0%)"
    assert figures["Negative share (analysed replies)"] == "50%"  # r3 of r1, r3
    assert figures["Not analysed (no analyzer for the language)"] == "33%"  # r2 of 3
    assert figures["Observances covered / planned / missed"] == "1 / 0 / 0 of 1"
    tables = {t.key: t for t in report.tables()}
    (replies,) = tables["Replies"].rows
    assert replies[:4] == ["Embassy on Mastodon", "mastodon", 2, 3]
    assert replies[5] == 0
    languages = {row[0]: row for row in tables["Languages"].rows}
    assert languages["ru"][5] == 1 and languages["ru"][7] == 1.0  # unsupported, never neutral
    top = tables["Top by replies"].rows
    assert [r[0].text for r in top] == ["Fulbright 2027 is open", "16 Days of Activism with us"]
    assert [r[3] for r in top] == [2, 1] and top[0][4] == 7  # likes 5 + 2
    terms = {row[0]: row for row in tables["Watch terms"].rows}
    assert terms["Fulbright"][1] == 3  # RU and UZ news, the own post (the old one: 2 Dec)
    assert isinstance(terms["Fulbright"][3], Chart)
    observance = tables["Observances"].rows
    assert [(r[1], r[4]) for r in observance] == [("Embassy open day", "covered")]
    assert report.charts() and report.empty is None


def test_period_filters(filled) -> None:  # noqa: ANN001
    db, ids = filled
    campaign = period_report(db, PeriodOptions(range=day_range(), campaign="16 days 2026"))
    assert dict(campaign.sections[0].blocks[0].pairs)["Replies received"] == "1"
    assert campaign.counts["posts"] == 1
    with pytest.raises(KnownError, match="no campaign named 'Visa'; campaigns: 16 Days 2026"):
        period_report(db, PeriodOptions(range=day_range(), campaign="Visa"))
    with pytest.raises(KnownError, match="not one of the embassy's own accounts"):
        period_report(db, PeriodOptions(range=day_range(), channel=ids["gazeta"]))
    channel = period_report(db, PeriodOptions(range=day_range(), channel=ids["own"]))
    assert channel.counts["replies"] == 3


def test_an_empty_period_writes_a_report_that_says_so(db: Database) -> None:
    report = period_report(db, PeriodOptions(range=day_range()))
    assert report.empty == "Nothing was published, replied to or mentioned on 4 December 2026."
    docx = Document(io.BytesIO(BY_KEY["docx"].write(report, Renderers())))
    assert report.empty in [p.text for p in docx.paragraphs]


# ------------------------------------------------------------------------------ formats

class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.srcs: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if "src" in found:
            self.srcs.append(found["src"])
        if "href" in found:
            self.hrefs.append(found["href"])

    def handle_data(self, text: str) -> None:
        self.text.append(text)


def test_html_is_self_contained_and_escapes_feed_text(filled) -> None:  # noqa: ANN001
    db, _ = filled
    page = _Html()
    page.feed(BY_KEY["html"].write(summary(db), Renderers()).decode("utf-8"))
    assert not {"script", "style", "link", "iframe", "object"} & set(page.tags)
    assert not [s for s in page.srcs if s.lower().startswith(("http:", "https:", "//"))]
    text = "".join(page.text)
    for title in (RU_TITLE, UZ_TITLE, KK_TITLE, HOSTILE_TITLE, NOTES[KK_TITLE]):
        assert title in text  # the hostile title is text, not markup
    assert "https://news.example/ru1" in page.hrefs
    assert text.count("UNCLASSIFIED") == 2  # top and bottom


def test_docx_has_real_headings_and_the_stories_intact(filled) -> None:  # noqa: ANN001
    db, _ = filled
    report = summary(db)
    document = Document(io.BytesIO(BY_KEY["docx"].write(report, Renderers())))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", "Media summary") in styles
    groups = [text for style, text in styles if style == "Heading 1"]
    assert groups == [s.title for s in report.sections] == [
        "Fulbright", "ұлттық", "Other coverage"]
    stories = [text for style, text in styles if style == "Heading 2"]
    assert sorted(stories) == sorted([RU_TITLE, UZ_TITLE, KK_TITLE, HOSTILE_TITLE])
    assert NOTES[UZ_TITLE] in [text for _, text in styles]
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "UNCLASSIFIED"
    assert section.footer.paragraphs[0].text == "UNCLASSIFIED"
    links = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert {"https://news.example/ru1", "https://news.example/kk1"} <= links
    assert document.core_properties.author == "Press section"


def test_docx_period_tables_repeat_their_header(filled) -> None:  # noqa: ANN001
    db, _ = filled
    report = period_report(db, PeriodOptions(range=day_range(), letterhead=HEAD))
    document = Document(io.BytesIO(BY_KEY["docx"].write(report, Renderers())))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "Sentiment by language" in headings and "Watch-term trends" in headings
    grids = [t for t in document.tables if t.rows[0].cells[0].text == "Language"]
    (languages,) = grids
    assert languages.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert {row.cells[0].text for row in languages.rows[1:]} == {"en", "ru", "(not told)"}


def test_xlsx_one_sheet_per_table_with_numbers(filled) -> None:  # noqa: ANN001
    db, _ = filled
    report = period_report(db, PeriodOptions(range=day_range(), letterhead=HEAD))
    book = load_workbook(io.BytesIO(BY_KEY["xlsx"].write(report, Renderers())))
    assert book.sheetnames == ["Report", *[t.key for t in report.tables()]]
    languages = book["Languages"]
    header = [c.value for c in languages[1]]
    assert header[:2] == ["Language", "Replies"]
    rows = {r[0]: r for r in languages.iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["ru"][1] == 1 and rows["ru"][7] == 1.0  # a real number, shown as a percentage
    assert languages.cell(row=2, column=8).number_format == "0%"
    trend = book["Watch terms"]
    assert [c.value for c in trend[1]][:4] == ["Term", "In items", "In replies", "4 Dec"]
    front = {r[0]: r[1] for r in book["Report"].iter_rows(values_only=True) if r[0]}
    assert front["Classification"] == "UNCLASSIFIED" and front["Replies answered"] == (
        "0 (0%)")


def test_the_period_report_counts_replies_answered_from_attache(filled) -> None:  # noqa: ANN001
    """Answering is recorded since publishing came (core/publish/answers.py): the report
    counts it as the Dashboard does, and the embassy's own answer is no reply received."""
    from datetime import datetime, time

    from sqlalchemy import update

    from core.social.base import SocialReply
    from core.social.replies import REPLIES, store_replies

    db, ids = filled
    answered_at = datetime.combine(DAY, time(12, 0), tzinfo=UTC)
    with db.write() as conn:
        store_replies(conn, ids["own"], "mastodon", [SocialReply(
            "answer-r1", "p1", "r1", "embassy", "Embassy", "<p>Thank you!</p>", "Thank you!",
            answered_at)], answered_at)
        conn.execute(update(REPLIES).where(REPLIES.c.platform_id == "answer-r1")
                     .values(own=True))
        conn.execute(update(REPLIES).where(REPLIES.c.platform_id == "r1")
                     .values(answered_at=answered_at, answered_by="Press section"))
    report = period_report(db, PeriodOptions(range=day_range(), letterhead=HEAD))
    figures = dict(report.sections[0].blocks[0].pairs)
    assert figures["Replies received"] == "3"
    assert figures["Replies answered"] == "1 (33%)"
    (replies,) = {t.key: t for t in report.tables()}["Replies"].rows
    assert replies[3] == 3 and replies[5] == 1


def test_xlsx_keeps_a_hostile_title_as_text(db: Database) -> None:
    data.fill(db)
    with pytest.raises(KnownError, match="docx, pdf, html, txt"):
        BY_KEY["xlsx"].write(summary(db), Renderers())  # the summary is not an Excel report
    hostile = Report(kind="period", title="Period report", first=DAY, last=DAY, tz="UTC",
                     generated=data.at(12), sections=[Section("x", [Table(
                         key="T", title="T", columns=[Column("Post")],
                         rows=[[HOSTILE_TITLE]])])])
    sheet = load_workbook(io.BytesIO(BY_KEY["xlsx"].write(hostile, Renderers())))["T"]
    assert sheet["A2"].value == HOSTILE_TITLE and sheet["A2"].data_type == "s"


def test_text_keeps_links_whole_and_the_classification_around(filled) -> None:  # noqa: ANN001
    db, _ = filled
    text = BY_KEY["txt"].write(summary(db, excerpt=True), Renderers()).decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == lines[-1] == "UNCLASSIFIED"
    assert "   https://news.example/kk1" in lines
    assert all(len(line) <= 76 for line in lines if "https://" not in line)
    assert KK_TITLE.split(" — ")[0] in text and "oʻquv yili" in text  # excerpt, Uzbek intact


def test_format_choice() -> None:
    assert report_format(None, Path("x.DOCX"), "summary").key == "docx"
    assert report_format("xlsx", Path("out"), "period").key == "xlsx"
    with pytest.raises(KnownError, match="written as docx, pdf, html, txt, not 'xlsx'"):
        report_format("xlsx", Path("x.xlsx"), "summary")
    with pytest.raises(KnownError, match="give --format"):
        report_format(None, Path("report.doc"), "period")


# ------------------------------------------------------------------------------ writing

def test_write_is_all_or_nothing(tmp_path: Path) -> None:
    target = tmp_path / "summary.docx"
    target.write_bytes(b"the old one")
    write_atomically(target, b"the new one")
    assert target.read_bytes() == b"the new one"
    assert stat.S_IMODE(target.stat().st_mode) & 0o044  # shareable, not mkstemp's 0600
    with pytest.raises(KnownError, match="there is no folder"):
        write_atomically(tmp_path / "missing" / "x.pdf", b"x")
    with pytest.raises(KnownError, match="is a folder"):
        check_target(tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(KnownError, match="cannot write"):
        write_atomically(blocker / "x.pdf", b"x")
    assert not list(tmp_path.glob(f"{PART_PREFIX}*"))


@pytest.mark.skipif(os.name == "nt", reason="a folder's write permission is POSIX")
def test_an_unwritable_folder_is_refused_before_writing(tmp_path: Path) -> None:
    """A folder without write permission; as root, whom permissions do not stop, a folder
    on a read-only file system (a bind mount) instead."""
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() == 0:
        view = tmp_path / "read-only"
        view.mkdir()
        with read_only_view(folder, view):
            with pytest.raises(KnownError, match="cannot write .*read-only"):
                check_target(view / "x.pdf")
            assert list(view.iterdir()) == []
        return
    folder.chmod(0o500)
    try:
        with pytest.raises(KnownError, match="cannot write .*permission denied"):
            check_target(folder / "x.pdf")
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


@pytest.mark.postgres
def test_both_reports_on_postgresql(pg_url: str) -> None:
    from core.storage.migrate import ensure_schema

    db = Database(pg_url)
    try:
        ensure_schema(db)
        data.fill(db)
        report = summary(db)
        assert sorted(s.title for s in report.stories()) == sorted(
            [RU_TITLE, UZ_TITLE, KK_TITLE, HOSTILE_TITLE])
        assert [s.title for s in report.sections] == ["Fulbright", "ұлттық", "Other coverage"]
        period = period_report(db, PeriodOptions(range=day_range(), letterhead=HEAD))
        assert (period.counts["posts"], period.counts["replies"]) == (2, 3)
        figures = dict(period.sections[0].blocks[0].pairs)
        assert figures["Not analysed (no analyzer for the language)"] == "33%"
        document = Document(io.BytesIO(BY_KEY["docx"].write(report, Renderers())))
        assert KK_TITLE in [p.text for p in document.paragraphs]
    finally:
        db.dispose()


def test_long_post_titles_are_cut_between_words() -> None:
    from core.reports.period import TITLE_CHARS, short_title

    long = "Visa update: wait times for visitor visa interviews in Tashkent remain long. " * 3
    cut = short_title(long)
    assert cut.endswith("…") and len(cut) <= TITLE_CHARS + 1 and long.startswith(cut[:-1])
    assert short_title("  Короткий\nзаголовок ") == "Короткий заголовок"
    assert short_title(None) == "(no title)"
