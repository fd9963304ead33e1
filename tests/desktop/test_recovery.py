"""Issue 16 item 13: at start-up, a damaged database is restored from the newest automatic
backup only when the officer agrees, and the damaged file is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import KnownError
from core.feeds.items import list_items
from core.feeds.sources import add_source, list_sources
from core.storage.database import Database
from core.storage.migrate import ensure_schema
from core.storage.recover import daily_backup
from desktop.recovery import offer_restore


def damaged_with_backup(tmp_path: Path) -> tuple[str, Path]:
    path = tmp_path / "attache.db"
    url = f"sqlite:///{path}"
    db = Database(url)
    ensure_schema(db)
    add_source(db, "https://e.test/feed.xml", name="Kept in the backup")
    assert daily_backup(db) is not None
    db.dispose()
    with path.open("r+b") as file:
        file.write(b"\x00" * 100)  # the header is gone
    return url, path


def open_error(url: str) -> KnownError:
    db = Database(url)
    try:
        with pytest.raises(KnownError) as caught:
            ensure_schema(db)
    finally:
        db.dispose()
    return caught.value


def test_the_officer_is_asked_and_a_yes_restores(tmp_path: Path) -> None:
    url, path = damaged_with_backup(tmp_path)
    asked: list[tuple[str, str]] = []
    assert offer_restore(url, open_error(url), lambda title, text: asked.append(
        (title, text)) or True)
    ((title, text),) = asked
    assert title == "Attaché's database is damaged"
    assert "is damaged" in text and "Restore the newest one, from " in text
    assert "attache.damaged-" in text
    assert len(list(tmp_path.glob("attache.damaged-*.db"))) == 1
    db = Database(url)
    try:
        ensure_schema(db)
        assert [s["title"] for s in list_sources(db)] == ["Kept in the backup"]
        assert list_items(db) == []
    finally:
        db.dispose()


def test_a_no_changes_nothing(tmp_path: Path) -> None:
    url, path = damaged_with_backup(tmp_path)
    before = path.read_bytes()
    assert not offer_restore(url, open_error(url), lambda title, text: False)
    assert path.read_bytes() == before
    assert list(tmp_path.glob("attache.damaged-*")) == []


def test_other_failures_are_not_offered_a_restore(tmp_path: Path) -> None:
    url, _path = damaged_with_backup(tmp_path)
    asked: list[str] = []
    assert not offer_restore(url, KnownError("the server is not answering"),
                             lambda title, text: asked.append(text) or True)
    assert asked == []
