"""The Listen page: the lazy reply table, filters, relabel with undo, charts, needs attention."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from core.calendar.posts import PostFields, create_post
from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.sources import add_source
from core.sentiment.analyzers import SocialAnalyzer, Thresholds
from core.sentiment.scoring import Scorer, score_pending
from core.social.base import SocialReply
from core.social.replies import list_replies, store_replies
from core.storage.database import Database
from desktop.context import AppContext
from desktop.page_listen import build
from ui.models.replies_table import BATCH, LABEL, LABEL_TINTS, POLARITY, RepliesTableModel

NOW = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
SHIPPED = Scorer(SocialAnalyzer(), Thresholds())
POSITIVE = ["Thank you, great event!", "Congratulations 🎉", "Wonderful initiative!"]
NEUTRAL = ["When is the deadline?", "Where do I apply?", "Is it online?"]
NEGATIVE = ["This is a disgrace 😡", "Terrible, useless embassy", "Worst consular service ever"]
RUSSIAN = ["Спасибо большое за информацию, очень полезно", "Когда будут результаты конкурса?"]
UZBEK = ["Rahmat, juda foydali ma'lumot bo'ldi", "Qachon natijalar e'lon qilinadi?"]


def seed(db: Database, posts: dict[str, list[str]]) -> dict[str, int]:
    """An own account with posts (one a day) and their replies (spread over hours), scored."""
    source = add_source(db, "https://mastodon.example/@embassy", own=True)
    replies = []
    for n, (guid, texts) in enumerate(posts.items()):
        for m, text in enumerate(texts):
            replies.append(SocialReply(f"{guid}-r{m}", guid, None, f"user{m % 7}", None,
                                       f"<p>{text}</p>", text,
                                       NOW + timedelta(days=n, hours=m % 40)))
    with db.write() as conn:
        store_entries(conn, source.id, [
            ParsedEntry(guid, f"https://mastodon.example/{guid}", f"Post {guid}", None,
                        NOW + timedelta(days=n), None, "", "")
            for n, guid in enumerate(posts)], NOW)
        store_replies(conn, source.id, "mastodon", replies, NOW)
        ids = dict(conn.exec_driver_sql("SELECT guid, id FROM item").all())
    score_pending(db, SHIPPED)
    return ids


def calm(n: int) -> list[str]:
    mix = POSITIVE + NEUTRAL + RUSSIAN + UZBEK
    return [mix[i % len(mix)] for i in range(n)]


@pytest.fixture
def seeded(db: Database, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    # Days are counted in the planning zone; Tashkent (UTC+5) moves replies after 19:00 UTC
    # into the next day, so the test proves the chart and the DB agree on the zone.
    monkeypatch.setenv("TZ", "Asia/Tashkent")
    return seed(db, {
        "calm1": calm(120), "calm2": calm(110), "calm3": calm(100),
        "visa": NEGATIVE * 6 + POSITIVE * 2 + RUSSIAN,
    })


def page_for(ctx: AppContext):  # noqa: ANN201
    page = build(ctx)
    ctx.window.add_page("listen", "Listen", page)
    page.activated()
    return page


def test_model_passes_the_tester_and_loads_past_the_first_batch(ctx: AppContext,
                                                                 seeded: dict) -> None:
    page = page_for(ctx)
    model = page.model
    total = len(list_replies(ctx.db, limit=0))
    assert BATCH < total < 2 * BATCH
    assert (model.total(), model.rowCount()) == (total, BATCH)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == total and not model.canFetchMore(QModelIndex())
    model.reload()  # back to one batch; the tester fetches the rest while it checks
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    deep = model.record(model.rowCount() - 1)
    assert deep is not None and deep["text"]
    labels = Counter(model.index(r, LABEL).data(RepliesTableModel.LabelRole)
                     for r in range(model.rowCount()))
    assert labels["unsupported"] > 0 and labels["positive"] > 0
    page.label_filter.setCurrentIndex(page.label_filter.findData("negative"))  # a reset
    page.table.sortByColumn(POLARITY, Qt.SortOrder.AscendingOrder)  # a re-order in core
    polarities = [model.index(r, POLARITY).data(RepliesTableModel.RawRole)["polarity"]
                  for r in range(model.rowCount())]
    assert polarities == sorted(polarities) and polarities[0] < 0


def test_unsupported_is_its_own_category_never_neutral(ctx: AppContext, seeded: dict) -> None:
    page = page_for(ctx)
    page.unsupported_only.setChecked(True)
    model = page.model
    assert model.total() == len(list_replies(ctx.db, limit=0, label="unsupported"))
    index = model.index(0, LABEL)
    assert index.data() == "not analysed"
    assert "language not supported" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, POLARITY).data() == "—"
    tint = index.data(Qt.ItemDataRole.BackgroundRole).color().name()
    assert tint == LABEL_TINTS["unsupported"] != LABEL_TINTS["neutral"]
    assert "not analysed: language not supported" in page.unsupported_note.text()
    assert set(page.timeline.sets) >= {"positive", "neutral", "negative", "unsupported"}


def test_filters_narrow_the_table(ctx: AppContext, seeded: dict) -> None:
    page = page_for(ctx)
    everything = page.model.total()

    page.label_filter.setCurrentIndex(page.label_filter.findData("negative"))
    negative = list_replies(ctx.db, limit=0, label="negative")
    assert page.model.total() == len(negative) < everything
    assert {page.model.index(r, LABEL).data(RepliesTableModel.LabelRole)
            for r in range(page.model.rowCount())} == {"negative"}
    page.label_filter.setCurrentIndex(0)

    page.language_filter.setCurrentIndex(page.language_filter.findData("ru"))
    assert page.model.total() == len(list_replies(ctx.db, limit=0, language="ru")) > 0
    page.language_filter.setCurrentIndex(0)

    page.post_filter.setCurrentIndex(page.post_filter.findData(seeded["visa"]))
    assert page.model.total() == len(list_replies(ctx.db, limit=0, item_id=seeded["visa"]))
    assert {r["key"] for r in page.breakdown._rows} == {seeded["visa"]}

    page.search.setText("СПАСИБО")  # case-insensitive in Cyrillic too
    page.reload_table()
    assert page.model.total() == 1
    page.reset_filters()
    assert page.model.total() == everything


def test_relabel_by_key_undo_and_back_to_auto(ctx: AppContext, seeded: dict, qtbot) -> None:  # noqa: ANN001
    page = page_for(ctx)
    page.label_filter.setCurrentIndex(page.label_filter.findData("positive"))
    reply_id = page.model.reply_id(0)
    page.table.selectRow(0)
    edited: list[bool] = []
    ctx.bus.replies_changed.connect(lambda: edited.append(True))

    def stored() -> tuple[str, str]:
        row = next(r for r in list_replies(ctx.db, limit=0) if r["id"] == reply_id)
        return row["sentiment_label"], row["label_source"]

    qtbot.keyClick(page.table, Qt.Key.Key_3)
    assert stored() == ("negative", "manual")
    assert page.model.index(0, LABEL).data() == "✎ negative"
    assert edited and page.model.reply_id(0) == reply_id  # the row stays where it was
    negatives = sum(page.timeline.series_counts()["negative"])
    assert negatives == len(list_replies(ctx.db, limit=0, label="negative"))

    ctx.window.undo_stack.undo()
    assert stored() == ("positive", "auto")
    assert page.model.index(0, LABEL).data() == "positive"
    ctx.window.undo_stack.redo()
    assert stored() == ("negative", "manual")

    qtbot.keyClick(page.table, Qt.Key.Key_0)
    assert stored() == ("positive", "auto")
    ctx.window.undo_stack.undo()
    assert stored() == ("negative", "manual")


def test_relabel_a_selection_is_one_undo_step(ctx: AppContext, seeded: dict, qtbot) -> None:  # noqa: ANN001
    page = page_for(ctx)
    page.unsupported_only.setChecked(True)
    page.table.selectAll()
    chosen = set(page.selected_reply_ids())
    assert len(chosen) == page.model.total() > 1
    before = ctx.window.undo_stack.count()
    qtbot.keyClick(page.table, Qt.Key.Key_2)  # the officer read them: all neutral
    assert ctx.window.undo_stack.count() == before + 1
    assert list_replies(ctx.db, limit=0, label="unsupported") == []
    assert chosen <= {r["id"] for r in list_replies(ctx.db, limit=0, label="neutral")
                      if r["label_source"] == "manual"}
    ctx.window.undo_stack.undo()
    assert {r["id"] for r in list_replies(ctx.db, limit=0, label="unsupported")} == chosen
    assert all(r["label_source"] == "auto"
               for r in list_replies(ctx.db, limit=0, label="unsupported"))


def test_chart_sums_equal_the_database_per_day(ctx: AppContext, seeded: dict) -> None:
    from zoneinfo import ZoneInfo

    page = page_for(ctx)
    tashkent = ZoneInfo("Asia/Tashkent")
    expected: dict[str, Counter] = {}
    for row in list_replies(ctx.db, limit=0):
        day = row["published"].astimezone(tashkent).date().isoformat()
        expected.setdefault(day, Counter())[row["sentiment_label"]] += 1
    chart = page.timeline
    counts = chart.series_counts()
    assert chart.keys == sorted(expected)
    for i, day in enumerate(chart.keys):
        for label in ("positive", "neutral", "negative", "unsupported"):
            assert counts[label][i] == expected[day][label], (day, label)

    page.by_week.setChecked(True)
    assert chart.by == "week"
    weekly = chart.series_counts()
    assert sum(map(sum, weekly.values())) == sum(sum(c.values()) for c in expected.values())


def test_needs_attention_lists_the_bad_post_and_selects_it(ctx: AppContext,
                                                          seeded: dict) -> None:
    page = page_for(ctx)
    assert [r["key"] for r in page.attention_rows] == [seeded["visa"]]
    item = page.attention.item(0)
    assert "Post visa" in item.text() and "negative" in item.text()
    page.attention.itemClicked.emit(item)
    assert page.post_filter.currentData() == seeded["visa"]
    assert page.model.total() == len(list_replies(ctx.db, limit=0, item_id=seeded["visa"]))


def test_campaign_filter(ctx: AppContext, seeded: dict) -> None:
    create_post(ctx.db, PostFields(title="Visa update", day=NOW.date(), campaign="Consular",
                                   item_id=seeded["visa"]))
    page = page_for(ctx)
    page.campaign_filter.setCurrentIndex(page.campaign_filter.findText("Consular"))
    assert page.model.total() == len(list_replies(ctx.db, limit=0, item_id=seeded["visa"]))


def test_empty_state_says_what_to_do(ctx: AppContext) -> None:
    page = page_for(ctx)
    assert page.stack.currentWidget() is page.empty_state
    text = page.empty_text.text()
    assert "Sources" in text and "attache replies import" in text


def test_replies_from_elsewhere_reload_when_shown(ctx: AppContext, db: Database) -> None:
    page = page_for(ctx)
    assert page.stack.currentWidget() is page.empty_state
    seed(db, {"p1": POSITIVE + RUSSIAN})
    ctx.window.show()
    ctx.window.show_page("listen")
    ctx.bus.replies_changed.emit()
    assert page.stack.currentIndex() == 1 and page.model.total() == 5
    assert "2 not analysed" in page.counts.text()


def test_replies_from_elsewhere_keep_the_selection(ctx: AppContext, seeded: dict) -> None:
    page = page_for(ctx)
    ctx.window.show()
    ctx.window.show_page("listen")
    page.table.selectRow(3)
    page.table.selectionModel().select(
        page.model.index(5, 0), page.table.selectionModel().SelectionFlag.Select
        | page.table.selectionModel().SelectionFlag.Rows)
    chosen = page.selected_reply_ids()
    current = page.model.reply_id(3)
    assert len(chosen) == 2
    ctx.bus.replies_changed.emit()  # e.g. a background refresh stored replies
    assert page.selected_reply_ids() == chosen
    assert page.model.reply_id(page.table.currentIndex().row()) == current
    page.label_filter.setCurrentIndex(page.label_filter.findData("negative"))  # own change
    assert page.selected_reply_ids() == []


def test_unscored_banner_counts_in_core(ctx: AppContext, seeded: dict) -> None:
    from core.social.replies import reply_ids, restore_label

    for reply_id in reply_ids(ctx.db)[:4]:
        restore_label(ctx.db, reply_id, None, None)
    page = page_for(ctx)
    asked = []
    data = page.data
    listing = data.reply_ids
    data.reply_ids = lambda **f: asked.append(f) or listing(**f)
    page.reload()
    assert not page.unscored_banner.isHidden()
    assert page.unscored_text.text().startswith("4 replies")
    assert all(f.get("label") != "unscored" for f in asked)  # counted, not listed


def test_account_filter_narrows_the_table_and_charts(ctx: AppContext, seeded: dict) -> None:
    from core.social.replies import count_replies
    from tests.core.sentiment.test_aggregates_attention import mix, other_account

    other = other_account(ctx.db, "https://mastodon.example/@consulate", mix(8, 10))
    score_pending(ctx.db, SHIPPED)
    page = page_for(ctx)
    everything = page.model.total()
    assert not page.account_filter.isHidden()  # two accounts: something to choose
    assert page.account_filter.itemText(0) == "All accounts"
    assert page.account_filter.count() == 3
    assert page.account_filter.itemText(page.account_filter.findData(other)).endswith("(10)")
    assert {r["key"] for r in page.attention_rows} == {seeded["visa"], _other_post(ctx)}

    page.account_filter.setCurrentIndex(page.account_filter.findData(other))
    assert page.model.total() == count_replies(ctx.db, source_id=other) == 10 < everything
    assert {page.model.record(r)["source_id"] for r in range(page.model.rowCount())} == {other}
    assert sum(map(sum, page.timeline.series_counts().values())) == 10
    assert {r["key"] for r in page.breakdown._rows} == {_other_post(ctx)}
    assert [r["source_id"] for r in page.attention_rows] == [other]
    assert "<b>10</b> replies" in page.counts.text()

    page.reset_filters()
    assert page.account_filter.currentData() is None and page.model.total() == everything


def _other_post(ctx: AppContext) -> int:
    with ctx.db.read() as conn:
        return conn.exec_driver_sql("SELECT id FROM item WHERE guid = 'x1'").scalar_one()


def test_show_account_clears_other_filters_and_loads_first(ctx: AppContext,
                                                           seeded: dict) -> None:
    page = build(ctx)  # never shown yet: show_account loads it
    ctx.window.add_page("listen", "Listen", page)
    source = list_replies(ctx.db, limit=1)[0]["source_id"]
    page.show_account(source)
    assert page.loaded and page.account_filter.currentData() == source
    page.post_filter.setCurrentIndex(page.post_filter.findData(seeded["visa"]))
    page.show_account(source)
    assert page.post_filter.currentData() is None
    assert page.model.total() == len(list_replies(ctx.db, limit=0, source_id=source))
    assert page.account_filter.isHidden()  # one account only: no choice to offer
    page.show_account(99999)  # not an account: nothing changes
    assert page.account_filter.currentData() == source


def test_attention_reasons_are_worded_from_numbers(ctx: AppContext) -> None:
    page = build(ctx)
    page.show_summaries({"by": "day", "timeline": [], "breakdown": [], "attention": [
        {"key": 7, "name": "Visa update", "negative_share": 0.6, "supported": 10,
         "reasons": ["(the CLI's sentence, not shown)"],
         "details": [{"reason": "share", "negative_share": 0.6, "supported": 10,
                      "threshold": 0.4},
                     {"reason": "jump", "negative_share": 0.6, "supported": 10,
                      "baseline_share": 0.075, "jump": 0.2, "baseline_posts": 4}]}]})
    item = page.attention.item(0)
    assert item.text() == ("Visa update\n60% negative of 10 analysed replies; "
                           "negative share 60% vs the account's usual 8%")
    assert "60% of 10 analysed replies are negative" in item.toolTip()
    assert "CLI" not in item.toolTip()


def test_attention_reasons_in_russian(qapp, ctx: AppContext) -> None:  # noqa: ANN001
    from desktop.i18n import install_translator, remove_translators

    installed = install_translator(qapp, "ru")
    try:
        page = build(ctx)
        texts = [page.reason_text(d) for d in (
            {"reason": "share", "negative_share": 0.6, "supported": 10, "threshold": 0.4},
            {"reason": "jump", "negative_share": 0.3, "supported": 10,
             "baseline_share": 0.0, "jump": 0.2, "baseline_posts": 3})]
        assert texts == ["60% из 10 проанализированных ответов — негативные",
                         "доля негативных 30% при обычных для аккаунта 0%"]
        assert page.account_label.text() == "Аккаунт:"
    finally:
        remove_translators(qapp, installed)


def test_open_in_browser_is_offered_only_for_safe_links(ctx: AppContext, qtbot) -> None:  # noqa: ANN001
    """A database written before links were checked may still hold any scheme (issue 16)."""
    page = page_for(ctx)
    emitted: list[str] = []
    page.open_link.connect(lambda url: emitted.append(url.toString()))

    def open_action(url: str | None):  # noqa: ANN202
        menu = page.reply_menu({"id": 1, "item_id": None, "url": url, "text": "x"})
        return next((a for a in menu.actions() if a.text() == "Open reply in browser"), None)

    for hostile in ("file:///C:/Windows/System32/calc.exe", "ms-msdt:/id PCWDiagnostic",
                    "smb://evil.example/share", "javascript:alert(1)", None):
        assert open_action(hostile) is None
    action = open_action("https://mastodon.example/@kind/r2")
    assert action is not None
    action.trigger()
    assert emitted == ["https://mastodon.example/@kind/r2"]

