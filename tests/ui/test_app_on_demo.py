"""The whole window on the demo database, on SQLite and on PostgreSQL: every page opens,
loads its background data and shows what the database holds."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.demo import fill_demo
from core.storage.database import Database
from core.storage.migrate import ensure_schema
from core.storage.models import Item, Reply
from desktop.app import create_main_window


def visit_every_page(qtbot, db: Database) -> dict[str, object]:  # noqa: ANN001
    fill_demo(db)
    with db.read() as conn:
        items = conn.execute(select(func.count()).select_from(Item)).scalar_one()
        # Listen lists the audience: the embassy's own answers are in the threads, not rows.
        replies = conn.execute(select(func.count()).select_from(Reply).where(
            Reply.__table__.c.own.is_(False))).scalar_one()
    window = create_main_window(db)
    qtbot.addWidget(window)
    window.show()
    failures: list[tuple[str, str]] = []
    window.runner.task_failed.connect(lambda name, message: failures.append((name, message)))
    pages = {}
    for key in window.page_keys:
        window.show_page(key)
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
        pages[key] = window.page(key)
        assert window.current_page() == key
    assert failures == []
    assert window.monitor.model.total() == items
    assert pages["listen"].model.total() == replies
    window.close()
    return {"items": items, "replies": replies}


def test_every_page_opens_on_the_demo_database(qtbot, db: Database) -> None:  # noqa: ANN001
    counts = visit_every_page(qtbot, db)
    assert counts["items"] > 100 and counts["replies"] > 100


@pytest.mark.postgres
def test_every_page_opens_on_a_postgresql_demo_database(qtbot, pg_url: str) -> None:  # noqa: ANN001
    database = Database(pg_url)
    try:
        ensure_schema(database)
        counts = visit_every_page(qtbot, database)
        assert counts["items"] > 100
    finally:
        database.dispose()
