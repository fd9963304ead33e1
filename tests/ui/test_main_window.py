"""The main window: empty state with the starter offer, and the Monitor on real data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.items import list_items
from core.feeds.opml import read_opml
from core.feeds.sources import add_source, list_sources
from core.storage.database import Database
from desktop.app import create_main_window
from resources import DEFAULT_SOURCES_OPML
from tests.feedserver import FeedServer

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def fill(db: Database) -> tuple[int, int]:
    embassy = add_source(db, "https://e.test/a", name="Embassy News")
    un = add_source(db, "https://e.test/b")
    entries = [ParsedEntry(f"g{n}", f"https://e.test/{n}", title, None,
                           NOW - timedelta(hours=n), None,
                           f"<p>{title}</p><img src='https://t.example/p.jpg' width='9'>",
                           title)
               for n, title in enumerate(["Посольство США объявило конкурс FLEX",
                                          "O‘zbekiston: Fulbright deadline", "Visa update"])]
    with db.write() as conn:
        store_entries(conn, embassy.id, entries, NOW)
        store_entries(conn, un.id, [ParsedEntry("u1", None, "UN News", None, NOW, None, "",
                                                "")], NOW)
    return embassy.id, un.id


def starter_on_loopback(server: FeedServer, folder: Path,
                        monkeypatch: pytest.MonkeyPatch) -> int:
    """The shipped starter list with every feed served by the loopback server, offered as
    IT's list (site.toml's default_sources): the button's fetch must not reach the network."""
    feeds = read_opml(DEFAULT_SOURCES_OPML)
    outlines = "".join(
        f"<outline text={quoteattr(f.title or '')} category={quoteattr(f.category or '')} "
        f"xmlUrl={quoteattr(server.static(f'/starter/{n}.xml', 'rss2.xml'))}/>"
        for n, f in enumerate(feeds))
    opml = folder / "starter.opml"
    opml.write_text(f'<opml version="2.0"><body>{outlines}</body></opml>', encoding="utf-8")
    site = folder / "site.toml"
    site.write_text(f'[defaults]\ndefault_sources = "{opml.as_posix()}"\n', encoding="utf-8")
    monkeypatch.setenv("ATTACHE_SITE_CONFIG", str(site))
    return len(feeds)


def test_empty_database_offers_the_starter_sources(qtbot, db: Database,  # noqa: ANN001
                                                   server: FeedServer, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    expected = starter_on_loopback(server, tmp_path, monkeypatch)
    window = create_main_window(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.sources.model().rowCount() == 1  # only "All items"
    assert window.monitor.source_count() == 0
    assert "attache sources add" in window.summary.text()
    assert window.starter_button.isVisible()
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    qtbot.mouseClick(window.starter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.monitor.source_count() >= 9)  # read in the background
    assert not window.starter_button.isVisible()
    assert window.current_page() == "monitor"
    assert window.monitor_page.currentWidget() is window.monitor
    assert any("starter sources" in text for text in said)
    assert not any("F5" in text for text in said)

    # Fetched at once, in the background with the refresh's progress: no "press F5".
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(
        f"Refreshed {expected} sources"), timeout=30000)
    assert all(len(server.hits(f"/starter/{n}.xml")) == 1 for n in range(expected))
    assert all(row["status"] == "ok" for row in list_sources(db))
    window.refresher.shut_down()


def test_monitor_lists_searches_reads_and_stars(qtbot, db: Database) -> None:
    embassy, _ = fill(db)
    window = create_main_window(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    monitor = window.monitor
    QAbstractItemModelTester(monitor.model,
                             QAbstractItemModelTester.FailureReportingMode.Fatal)
    tree = window.sources.model()
    rows = {tree.index(r, 0).data(): tree.index(r, 1).data() for r in range(tree.rowCount())}
    assert rows["All items"] == "4" and rows["Embassy News"] == "3"  # unread counts
    assert monitor.model.rowCount() == 4

    monitor.search.setText("ПОСОЛЬСТВО")
    qtbot.waitUntil(lambda: monitor.model.rowCount() == 1, timeout=3000)
    monitor.search.setText("")
    qtbot.waitUntil(lambda: monitor.model.rowCount() == 4, timeout=3000)
    assert monitor.select_key(("source", embassy))
    assert monitor.model.rowCount() == 3

    monitor.table.selectRow(0)  # opening an item shows it and marks it read
    assert "Посольство" in monitor.reading.reader.toPlainText()
    assert monitor.reading.load_images.isVisible()  # the remote image was not loaded
    first = monitor.model.item_id(0)
    assert next(i for i in list_items(db) if i["id"] == first)["read"]
    monitor.toggle_star()
    assert next(i for i in list_items(db) if i["id"] == first)["starred"]
    monitor.next_item()
    assert monitor.table.currentIndex().row() == 1
    monitor.filters.unread_only.setChecked(True)
    assert monitor.model.rowCount() == 1  # two of three read now
    embassy_row = tree.index_for_key(("source", embassy))
    assert embassy_row.siblingAtColumn(1).data() == "1"  # the tree counted both reads


def test_screenshots_command_writes_pngs(qtbot, db_url: str, tmp_path) -> None:  # noqa: ANN001
    from PySide6.QtGui import QImage

    from desktop.cli import run

    assert run(["screenshots", str(tmp_path / "shots"), "--db", db_url]) == 0
    shot = tmp_path / "shots" / "main-window.png"
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 1000


def test_refresh_runs_in_the_background_and_fills_the_monitor(qtbot, db: Database,
                                                              server) -> None:  # noqa: ANN001
    for name in ("rss2.xml", "atom.xml", "cp1251.xml"):
        add_source(db, server.static(f"/{name}", name))
    window = create_main_window(db)
    qtbot.addWidget(window)
    window.show()
    assert window.monitor.model.rowCount() == 0
    # Other pages run their own jobs at start-up: wait for the refresh itself.
    with qtbot.waitSignal(window.runner.task_finished, timeout=20_000,
                          check_params_cb=lambda name: name == "Refresh"):
        window.refresh_action.trigger()
        assert window.task_label.isVisible()  # progress shown while it runs
    assert not window.task_label.isVisible()
    assert "Refreshed 3 sources: 12 new items" in window.statusBar().currentMessage()
    assert window.monitor.model.rowCount() == 12
    window.close()  # stops the runner and the parser processes


def test_sources_added_during_a_refresh_are_fetched_when_it_ends(
        qtbot, db: Database, server: FeedServer) -> None:  # noqa: ANN001
    slow = add_source(db, server.static("/slow.xml", "rss2.xml", delay=1.0))
    window = create_main_window(db)
    qtbot.addWidget(window)
    assert window.refresher.start(force=True)
    qtbot.waitUntil(lambda: len(server.hits("/slow.xml")) == 1)  # the refresh is under way
    new = add_source(db, server.static("/new.xml", "rss2.xml"))
    assert window.refresher.fetch_soon([new.id])  # not now: one refresh at a time
    qtbot.waitUntil(lambda: len(server.hits("/new.xml")) == 1, timeout=20000)
    qtbot.waitUntil(lambda: not window.refresher.running, timeout=20000)
    assert server.hits("/new.xml")[0].at > server.hits("/slow.xml")[0].at + 0.9
    assert len(server.hits("/slow.xml")) == 1  # only the waiting source, not everything again
    assert {row["id"]: row["status"] for row in list_sources(db)} == {slow.id: "ok",
                                                                      new.id: "ok"}
    window.refresher.shut_down()


def test_cancel_also_drops_the_sources_waiting_for_the_refresh(
        qtbot, db: Database, server: FeedServer) -> None:  # noqa: ANN001
    add_source(db, server.static("/slow.xml", "rss2.xml", delay=1.0))
    window = create_main_window(db)
    qtbot.addWidget(window)
    assert window.refresher.start(force=True)
    qtbot.waitUntil(lambda: len(server.hits("/slow.xml")) == 1)
    new = add_source(db, server.static("/new.xml", "rss2.xml"))
    window.refresher.fetch_soon([new.id])
    window.refresher.cancel()
    qtbot.waitUntil(lambda: not window.refresher.running, timeout=20000)
    assert server.hits("/new.xml") == []
    window.refresher.shut_down()
