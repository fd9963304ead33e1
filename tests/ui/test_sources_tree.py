"""SourcesTreeModel: "All items", nested category folders, unread counts, health marks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtTest import QAbstractItemModelTester

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.items import item_ids, mark_items
from core.feeds.sources import add_source, list_sources
from core.storage.database import Database
from ui.models.sources_tree import (
    TITLE,
    UNREAD,
    NodeKeyRole,
    RawRole,
    SourcesTreeModel,
    health_icon,
)

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
DISPLAY = Qt.ItemDataRole.DisplayRole


def row(source_id: int, title: str, category: str | None = None, *, unread: int = 0,
        items: int = 0, status: str = "ok", error: str | None = None,
        enabled: bool = True) -> dict:
    return {"id": source_id, "url": f"https://e.test/{source_id}", "title": title,
            "category": category, "status": status, "error": error, "enabled": enabled,
            "unread": unread, "item_count": items}


ROWS = [
    row(1, "Embassy News", "Embassy", unread=3, items=5),
    row(2, "Брифинги МИД", "News / Uzbekistan", unread=2, items=2, status="error",
        error="HTTP 503 Service Unavailable"),
    row(3, "Gazeta.uz", "News / Uzbekistan", unread=0, items=4),
    row(4, "UN News", "News", unread=1, items=1, status="gone", error="HTTP 410 Gone"),
    row(5, "Loose feed", None, unread=0, items=0, status="new"),
    row(6, "Paused", "Embassy", unread=0, items=7, enabled=False),
]


def titles(model: SourcesTreeModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    return [model.index(r, TITLE, parent).data() for r in range(model.rowCount(parent))]


def find(model: SourcesTreeModel, key: tuple) -> QModelIndex:
    index = model.index_for_key(key)
    assert index.isValid(), key
    return index


def test_model_passes_the_tester_and_nests_categories(qtbot) -> None:  # noqa: ANN001
    model = SourcesTreeModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_sources(ROWS)
    model.set_sources(ROWS[:3])  # a reset with fewer rows, under the tester's eye
    model.set_sources(ROWS)
    assert titles(model) == ["All items", "Embassy", "News", "Loose feed"]
    news = find(model, ("category", "News"))
    assert titles(model, news) == ["Uzbekistan", "UN News"]  # folders before sources
    uzbekistan = find(model, ("category", "News / Uzbekistan"))
    assert model.parent(uzbekistan) == news
    assert titles(model, uzbekistan) == ["Gazeta.uz", "Брифинги МИД"]
    assert find(model, ("source", 2)).parent() == uzbekistan
    assert model.source_count() == 6
    assert model.index(0, TITLE).data(NodeKeyRole) == ("all", None)


def test_unread_counts_add_up_and_are_bold(qtbot) -> None:  # noqa: ANN001
    model = SourcesTreeModel()
    model.set_sources(ROWS)
    unread = {key: find(model, key).siblingAtColumn(UNREAD).data()
              for key in [("all", None), ("category", "News"), ("category", "Embassy"),
                          ("category", "News / Uzbekistan"), ("source", 3)]}
    assert unread == {("all", None): "6", ("category", "News"): "3",
                      ("category", "Embassy"): "3", ("category", "News / Uzbekistan"): "2",
                      ("source", 3): ""}  # nothing unread: no number at all
    font = find(model, ("source", 1)).siblingAtColumn(UNREAD).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert find(model, ("source", 3)).siblingAtColumn(UNREAD).data(
        Qt.ItemDataRole.FontRole) is None

    changed = []
    model.dataChanged.connect(lambda first, last, roles: changed.append(first.data()))
    model.adjust_unread(2, -1)  # an item of Брифинги МИД was read
    assert find(model, ("source", 2)).siblingAtColumn(UNREAD).data() == "1"
    assert find(model, ("category", "News")).siblingAtColumn(UNREAD).data() == "2"
    assert find(model, ("all", None)).siblingAtColumn(UNREAD).data() == "5"
    assert {"Брифинги МИД", "Uzbekistan", "News", "All items"} <= set(changed)


def test_health_marks_and_tooltips(qtbot) -> None:  # noqa: ANN001
    model = SourcesTreeModel()
    model.set_sources(ROWS)
    tip = Qt.ItemDataRole.ToolTipRole
    deco = Qt.ItemDataRole.DecorationRole
    error = find(model, ("source", 2))
    assert "HTTP 503 Service Unavailable" in error.data(tip)
    assert "Gone" in find(model, ("source", 4)).data(tip)
    assert "not fetched yet" in find(model, ("source", 5)).data(tip)
    assert "Disabled" in find(model, ("source", 6)).data(tip)
    assert "2 unread of 2 items" in error.data(tip)
    icons = {key: find(model, ("source", key)).data(deco) for key in (1, 2, 4, 5)}
    assert all(not icon.isNull() for icon in icons.values())
    assert icons[1].cacheKey() == health_icon("ok").cacheKey()
    assert icons[2].cacheKey() == health_icon("error").cacheKey()
    assert icons[4].cacheKey() == health_icon("gone").cacheKey()
    assert len({icon.cacheKey() for icon in icons.values()}) == 4  # four different marks
    assert find(model, ("category", "News")).data(deco) is None  # folders: no mark
    assert find(model, ("source", 6)).data(Qt.ItemDataRole.FontRole).italic()
    assert find(model, ("source", 1)).data(RawRole)["title"] == "Embassy News"


def test_counts_come_from_core_list_sources(qtbot, db: Database) -> None:  # noqa: ANN001
    """list_sources gives unread per source; the tree shows them from real rows."""
    news = add_source(db, "https://e.test/a", name="Новости", category="Media / Russian")
    other = add_source(db, "https://e.test/b", name="Other")
    entries = [ParsedEntry(f"g{n}", None, f"Item {n}", None, NOW - timedelta(hours=n), None,
                           "", "") for n in range(3)]
    with db.write() as conn:
        store_entries(conn, news.id, entries, NOW)
        store_entries(conn, other.id, entries[:1], NOW)
    mark_items(db, item_ids(db, source_id=news.id)[:1], "read")
    rows = list_sources(db)
    assert {r["title"]: (r["unread"], r["item_count"]) for r in rows} == {
        "Новости": (2, 3), "Other": (1, 1)}
    model = SourcesTreeModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_sources(rows)
    assert find(model, ("category", "Media")).siblingAtColumn(UNREAD).data() == "2"
    assert find(model, ("all", None)).siblingAtColumn(UNREAD).data() == "3"
