"""0006: every foreign key a delete or a join walks has an index, and old databases get them.

Without an index on the referencing column each deleted parent row scans the child table:
removing 10k replies scanned ``reply`` 10k times for ``parent_id`` (issue 15).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, inspect, select

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.sources import add_source, remove_source
from core.social.replies import _link_parents
from core.storage import migrate
from core.storage.database import Database
from core.storage.models import Item, Reply, metadata

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def uncovered_foreign_keys(db: Database) -> list[str]:
    """Foreign-key columns of the live database that no index (nor primary key) starts with."""
    missing = []
    with db.read() as conn:
        found = inspect(conn)
        for table in found.get_table_names():
            leading = {tuple(ix["column_names"][:1]) for ix in found.get_indexes(table)}
            leading |= {tuple(uq["column_names"][:1])
                        for uq in found.get_unique_constraints(table)}
            leading.add(tuple(found.get_pk_constraint(table)["constrained_columns"][:1]))
            for fk in found.get_foreign_keys(table):
                if tuple(fk["constrained_columns"][:1]) not in leading:
                    missing.append(f"{table}.{','.join(fk['constrained_columns'])}")
    return missing


def test_every_foreign_key_is_indexed(db: Database) -> None:
    assert uncovered_foreign_keys(db) == []


def test_the_models_declare_the_same_indexes_as_the_migrations(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in diff if d[0] in ("add_index", "remove_index")] == []


def _replies_with_parents(db: Database, count: int) -> int:
    """Replies as a 0005 database held them: only the columns it had (today's store writes
    ``own``, which 0009 added), parents linked the way the store links them."""
    source = add_source(db, "https://mastodon.example/@embassy", own=True)
    with db.write() as conn:
        store_entries(conn, source.id, [ParsedEntry("post-1", None, "Post", None, NOW, None,
                                                    "", "")], NOW)
        item_id = conn.execute(select(Item.__table__.c.id)).scalar_one()
        conn.execute(insert(Reply.__table__), [
            {"source_id": source.id, "item_id": item_id, "platform": "mastodon",
             "platform_id": f"r{n}", "parent_platform_id": f"r{n - 1}" if n % 4 else None,
             "author_handle": f"u{n}", "text": f"reply {n}", "html": f"<p>reply {n}</p>",
             "published": NOW + timedelta(seconds=n), "content_hash": "", "fetched_at": NOW}
            for n in range(count)])
        _link_parents(conn, source.id)
    return source.id


def _upgrade_old_database_keeps_replies(old: Database) -> None:
    migrate.upgrade(old, "0005")
    source_id = _replies_with_parents(old, 12)
    assert "reply.parent_id" in uncovered_foreign_keys(old)
    migrate.ensure_schema(old)
    assert migrate.schema_state(old).up_to_date
    assert uncovered_foreign_keys(old) == []
    with old.read() as conn:
        linked = conn.exec_driver_sql(
            "SELECT count(*) FROM reply WHERE parent_id IS NOT NULL").scalar_one()
    assert linked == 9  # chains of four: three of every four have a parent
    with old.write() as conn:  # ON DELETE SET NULL still holds, through the new index
        conn.exec_driver_sql("DELETE FROM reply WHERE platform_id = 'r0'")
        orphaned = conn.exec_driver_sql(
            "SELECT parent_id FROM reply WHERE platform_id = 'r1'").scalar_one()
    assert orphaned is None
    remove_source(old, source_id)
    with old.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM reply").scalar_one() == 0


def test_an_old_sqlite_database_is_upgraded_with_its_replies(db_url: str) -> None:
    old = Database(db_url)
    try:
        _upgrade_old_database_keeps_replies(old)
    finally:
        old.dispose()


@pytest.mark.postgres
def test_an_old_postgres_database_is_upgraded_with_its_replies(pg_url: str) -> None:
    old = Database(pg_url)
    try:
        _upgrade_old_database_keeps_replies(old)
    finally:
        old.dispose()


def test_sqlite_deletes_replies_through_the_parent_index(db: Database) -> None:
    with db.read() as conn:
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT 1 FROM reply WHERE parent_id = 1"))
    assert "ix_reply_parent" in plan
