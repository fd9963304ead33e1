"""The schema check every command and every start of the app makes: one query when the database
is current, and the same head as alembic computes from the same scripts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import event

from core.storage import migrate
from core.storage.database import Database


def _statements(db: Database) -> list[str]:
    seen: list[str] = []
    event.listen(db.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_a: seen.append(statement))
    return seen


def test_a_current_database_is_checked_with_one_query(db: Database) -> None:
    seen = _statements(db)
    assert migrate.ensure_schema(db) is None
    assert [s for s in seen if not s.startswith(("PRAGMA", "BEGIN"))] == [
        "SELECT version_num FROM alembic_version"]


def test_the_head_read_from_the_scripts_is_alembics() -> None:
    assert migrate._script_heads(migrate.MIGRATIONS_DIR) == tuple(migrate._scripts().get_heads())
    assert migrate.head_revision() == migrate._scripts().get_heads()[0]


def _copy_scripts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                  text: str) -> Path:
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts)
    (scripts / "versions" / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
    return scripts


def test_two_heads_are_refused_as_alembic_would(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    parent = migrate.head_revision()
    before_parent = migrate._scripts().get_revision(parent).down_revision
    scripts = _copy_scripts(tmp_path, monkeypatch, "9002_branch.py",
                            f'revision: str = "9002"\ndown_revision = {before_parent!r}\n'
                            "def upgrade():\n    pass\n")
    assert len(migrate._scripts().get_heads()) == 2
    assert migrate._script_heads(scripts) == tuple(sorted((parent, "9002")))
    with pytest.raises(RuntimeError, match="2 heads"):
        migrate.head_revision()


def test_a_merge_revision_with_two_parents_is_read(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    parent = migrate.head_revision()
    _copy_scripts(tmp_path, monkeypatch, "9003_side.py",
                  f'revision = "9003"\ndown_revision = {parent!r}\n')
    (migrate.MIGRATIONS_DIR / "versions" / "9004_merge.py").write_text(
        f'revision = "9004"\ndown_revision = ({parent!r}, "9003")\n', encoding="utf-8")
    assert migrate.head_revision() == "9004" == migrate._scripts().get_heads()[0]


def test_a_script_without_revision_lines_is_left_to_alembic(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = migrate.head_revision()
    scripts = _copy_scripts(tmp_path, monkeypatch, "9005_computed.py",
                            'REV = "9005"\nrevision = REV\n'
                            f'down_revision = {parent!r}\n')
    assert migrate._script_heads(scripts) is None
    assert migrate.head_revision() == "9005"  # what alembic says, by importing the script
