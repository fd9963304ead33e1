"""The demo never touches the network (F5, a source's Refresh, the background scheduler), and
a calendar export starts in a folder that exists and never writes into a missing one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from core.demo import demo_database
from core.errors import KnownError
from core.feeds.sources import list_sources
from core.storage.database import Database
from desktop.app import create_main_window
from desktop.post_dialogs import build_export_dialog, ensure_folder, export_folder, export_plan
from ui.calendar_io import ExportRequest


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Database]:
    db = Database(demo_database(tmp_path / "demo"))
    yield db
    db.dispose()


def fetched(db: Database) -> list[object]:
    return [(s["id"], s["last_fetched"], s["error"]) for s in list_sources(db)]


def test_the_demo_fetches_nothing(demo: Database, qtbot) -> None:  # noqa: ANN001
    window = create_main_window(demo, offline=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.runner.busy)  # the pages have read what they show
    before = fetched(demo)
    window.refresh_requested.emit()  # F5
    assert not window.refresher.running and not window.runner.busy
    assert "offline" in window.statusBar().currentMessage()
    assert not window.refresher.start(source_ids=[before[0][0]])  # a source's Refresh
    window.scheduler.tick()  # the background timer's turn
    assert not window.refresher.running and not window.runner.busy
    assert fetched(demo) == before


def test_a_normal_window_does_refresh(demo: Database, qtbot) -> None:  # noqa: ANN001
    window = create_main_window(demo)
    qtbot.addWidget(window)
    assert window.refresher.offline is False


def test_export_starts_in_an_existing_folder(ctx, qtbot) -> None:  # noqa: ANN001
    folder = Path(export_folder())
    assert folder.is_dir()
    dialog = build_export_dialog(ctx)
    qtbot.addWidget(dialog)
    assert Path(dialog.data.folder) == folder


def test_a_missing_folder_is_refused_before_writing(ctx, tmp_path: Path) -> None:  # noqa: ANN001
    ensure_folder(tmp_path / "plan.ics")  # an existing folder: fine
    far = tmp_path / "no" / "such" / "plan.ics"
    with pytest.raises(KnownError, match="does not exist"):
        export_plan(ctx.db, ExportRequest(path=far, format="ics", first=date(2026, 1, 1),
                                          last=date(2026, 12, 31)), ctx.settings.current())
    assert not (tmp_path / "no").exists()
