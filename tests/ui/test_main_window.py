"""The minimal main window shows the sources core hands it (pytest-qt, offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.feeds.sources import add_source
from core.storage.database import Database
from desktop.app import create_main_window


def test_empty_database_explains_how_to_start(qtbot, db: Database) -> None:
    window = create_main_window(db)
    qtbot.addWidget(window)
    assert window.sources.count() == 0
    assert "attache sources add" in window.summary.text()
    assert "attache" in window.statusBar().currentMessage() or "sqlite" in \
        window.statusBar().currentMessage()


def test_sources_are_listed_with_health_and_counts(qtbot, db: Database) -> None:
    first = add_source(db, "https://e.test/a", name="Embassy News")
    add_source(db, "https://e.test/b")
    window = create_main_window(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    texts = [window.sources.item(i).text() for i in range(window.sources.count())]
    assert any("Embassy News" in t and "(0)" in t for t in texts)
    assert any("https://e.test/b" in t for t in texts)
    ids = {window.sources.item(i).data(Qt.ItemDataRole.UserRole)
           for i in range(window.sources.count())}
    assert first.id in ids
    assert "2 sources" in window.summary.text()


def test_starter_sources_are_offered_on_an_empty_database(qtbot, db: Database) -> None:
    window = create_main_window(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.starter_button.isVisible()
    qtbot.mouseClick(window.starter_button, Qt.MouseButton.LeftButton)
    assert window.sources.count() >= 8
    assert not window.starter_button.isVisible()
    assert "starter sources" in window.statusBar().currentMessage()


def test_screenshots_command_writes_pngs(qtbot, db_url: str, tmp_path) -> None:  # noqa: ANN001
    from PySide6.QtGui import QImage

    from desktop.cli import run

    assert run(["screenshots", str(tmp_path / "shots"), "--db", db_url]) == 0
    shot = tmp_path / "shots" / "main-window.png"
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 1000
