"""The table classes (core/storage/models.py) and the migrations describe the same schema.

The code builds its statements from the classes' tables; the database is what the migrations
made. Alembic's own comparison (what ``alembic revision --autogenerate`` would write) must find
nothing to do: no column, type, nullability, index, unique constraint or foreign key that one
has and the other has not. The full-text search index is the migrations' alone (SQLite's FTS5
tables, PostgreSQL's generated ``search_vector`` column and its index: core/storage/search.py).
"""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from core.storage.database import Database
from core.storage.migrate import ensure_schema
from core.storage.models import metadata

FTS_TABLES = {"item_fts", "item_fts_data", "item_fts_idx", "item_fts_docsize", "item_fts_config"}


def _search_index(difference: object) -> bool:
    match difference:
        case ("remove_table", table) if table.name in FTS_TABLES:
            return True
        case ("remove_index", index) if index.name == "ix_item_search":
            return True
        case ("remove_column", _schema, "item", column) if column.name == "search_vector":
            return True
    return False


def _differences(db: Database) -> list:
    ensure_schema(db)
    with db.read() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        found = compare_metadata(context, metadata)
    return [d for d in found if not _search_index(d)]


def test_models_match_the_migrated_sqlite_schema(db_url: str) -> None:
    db = Database(db_url)
    try:
        assert _differences(db) == []
    finally:
        db.dispose()


@pytest.mark.postgres
def test_models_match_the_migrated_postgresql_schema(pg_url: str) -> None:
    db = Database(pg_url)
    try:
        assert _differences(db) == []
    finally:
        db.dispose()
