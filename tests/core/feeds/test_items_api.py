"""The id-list API behind the Monitor table: item_ids, items_by_ids, item_content."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.errors import KnownError, NotFoundError
from core.feeds import items
from core.feeds.items import item_content, item_ids, items_by_ids, list_items, mark_items
from core.feeds.sources import add_source
from core.storage.database import Database

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def entry(guid: str, title: str, minutes_ago: int, text: str = "") -> ParsedEntry:
    return ParsedEntry(guid=guid, url=f"https://e.test/{guid}", title=title, author="Press",
                       published=NOW - timedelta(minutes=minutes_ago), published_raw=None,
                       content_html=f"<p>{text or title}</p>", content_text=text or title)


@pytest.fixture
def filled(db: Database) -> dict[str, int]:
    """Two sources in nested categories, one without; items at distinct times."""
    news = add_source(db, "https://e.test/news", name="Embassy News", category="Embassy")
    press = add_source(db, "https://e.test/press", name="briefings",
                       category="Embassy / Press")
    other = add_source(db, "https://e.test/other")
    with db.write() as conn:
        store_entries(conn, news.id, [entry("n1", "Fulbright open", 10),
                                      entry("n2", "visa wait times", 30, "Fulbright mention")],
                      NOW)
        store_entries(conn, press.id, [entry("p1", "Briefing", 20),
                                       entry("p2", "after the fair", 5)], NOW)
        store_entries(conn, other.id, [entry("o1", "Zebra news", 40)], NOW)
    return {"news": news.id, "press": press.id, "other": other.id}


def _ids_by_title(db: Database) -> dict[str, int]:
    return {row["title"]: row["id"] for row in list_items(db, limit=0)}


def test_item_ids_match_list_items_for_every_filter(db: Database, filled: dict) -> None:
    first = list_items(db, limit=0)[0]["id"]
    mark_items(db, [first], "read")
    mark_items(db, [first], "star")
    cases = [
        {}, {"source_id": filled["news"]}, {"search": "fulbright"}, {"unread": True},
        {"starred": True}, {"since": NOW - timedelta(minutes=15)}, {"search": "!!!"},
        {"search": "fulbright", "unread": True},
    ]
    for filters in cases:
        expected = [row["id"] for row in list_items(db, limit=0, **filters)]
        assert item_ids(db, **filters) == expected, filters


def test_item_ids_are_newest_first_and_can_be_reversed(db: Database, filled: dict) -> None:
    titles = {v: k for k, v in _ids_by_title(db).items()}
    newest = [titles[i] for i in item_ids(db)]
    assert newest == ["after the fair", "Fulbright open", "Briefing", "visa wait times",
                      "Zebra news"]
    assert item_ids(db, descending=False) == item_ids(db)[::-1]


def test_item_ids_order_by_title_and_source(db: Database, filled: dict) -> None:
    titles = {v: k for k, v in _ids_by_title(db).items()}
    a_z = [titles[i] for i in item_ids(db, order="title", descending=False)]
    assert a_z == ["after the fair", "Briefing", "Fulbright open", "visa wait times",
                   "Zebra news"]  # case-insensitive
    by_source = [titles[i] for i in item_ids(db, order="source", descending=False)]
    # briefings < embassy news < https://e.test/other (a source without title sorts by URL)
    assert by_source == ["after the fair", "Briefing", "Fulbright open", "visa wait times",
                         "Zebra news"]
    ids = _ids_by_title(db)
    mark_items(db, [ids["Briefing"], ids["Zebra news"]], "star")
    starred_first = [titles[i] for i in item_ids(db, order="starred")]
    assert starred_first == ["Briefing", "Zebra news", "after the fair", "Fulbright open",
                             "visa wait times"]
    with pytest.raises(KnownError, match="cannot order"):
        item_ids(db, order="guid")


def test_item_ids_by_category_include_nested_folders(db: Database, filled: dict) -> None:
    ids = _ids_by_title(db)
    assert set(item_ids(db, category="Embassy")) == {
        ids["Fulbright open"], ids["visa wait times"], ids["Briefing"], ids["after the fair"]}
    assert set(item_ids(db, category="Embassy / Press")) == {ids["Briefing"],
                                                              ids["after the fair"]}
    assert item_ids(db, category="") == [ids["Zebra news"]]
    assert item_ids(db, category="Emb") == []  # a prefix of a name is not a folder
    assert item_ids(db, category="Embassy", search="fulbright") == [
        ids["Fulbright open"], ids["visa wait times"]]


def test_items_by_ids_gives_table_columns_without_content(db: Database, filled: dict) -> None:
    ids = _ids_by_title(db)
    mark_items(db, [ids["Briefing"]], "star")
    rows = items_by_ids(db, [ids["Briefing"], ids["Zebra news"], 999_999, ids["Briefing"]])
    assert set(rows) == {ids["Briefing"], ids["Zebra news"]}
    briefing = rows[ids["Briefing"]]
    assert set(briefing) == {"id", "source_id", "source_title", "title", "author", "published",
                             "sort_date", "read", "starred", "url", "summary", "summary_note"}
    assert (briefing["summary"], briefing["summary_note"]) == (False, None)
    assert briefing["source_title"] == "briefings"
    assert briefing["starred"] is True and briefing["read"] is False
    assert briefing["published"] == NOW - timedelta(minutes=20)
    assert rows[ids["Zebra news"]]["source_title"] == "https://e.test/other"
    assert items_by_ids(db, []) == {}


def test_items_by_ids_chunks_long_id_lists(db: Database) -> None:
    source = add_source(db, "https://e.test/many")
    with db.write() as conn:
        store_entries(conn, source.id, [entry(f"g{n}", f"item {n}", n) for n in range(1200)],
                      NOW)
    every_id = item_ids(db)
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if statement.startswith("SELECT"):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        rows = items_by_ids(db, every_id)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(rows) == 1200
    assert items.ID_CHUNK == 500
    assert len(statements) == 3  # 500 + 500 + 200 ids: one query per chunk


def test_item_content_is_one_item_and_missing_ids_are_not_found(db: Database,
                                                                 filled: dict) -> None:
    ids = _ids_by_title(db)
    content = item_content(db, ids["visa wait times"])
    assert content == {"title": "visa wait times", "url": "https://e.test/n2",
                       "content_html": "<p>Fulbright mention</p>",
                       "content_text": "Fulbright mention"}
    with pytest.raises(NotFoundError):
        item_content(db, 999_999)


def test_item_ids_by_watch_term_and_until(db: Database, filled: dict) -> None:
    from core.watch import add_term

    term_id, _ = add_term(db, "Fulbright")
    by_title = _ids_by_title(db)
    assert item_ids(db, term_id=term_id) == [by_title["Fulbright open"],
                                             by_title["visa wait times"]]
    assert item_ids(db, term_id=term_id, source_id=filled["press"]) == []
    other, _ = add_term(db, "no such word")
    assert item_ids(db, term_id=other) == []
    # until is exclusive; with since it is a window.
    window = item_ids(db, since=NOW - timedelta(minutes=30), until=NOW - timedelta(minutes=10))
    assert window == [by_title["Briefing"], by_title["visa wait times"]]
    assert item_ids(db, until=NOW - timedelta(minutes=40)) == []
    assert item_ids(db, term_id=term_id, category="Embassy", unread=True,
                    order="title", descending=False) == [by_title["Fulbright open"],
                                                         by_title["visa wait times"]]
