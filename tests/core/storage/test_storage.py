"""The database: pragmas, migrations (upgrade with backup, refuse newer), search, check, backup."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, select, update

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.errors import DatabaseTooNewError, KnownError
from core.feeds.items import list_items
from core.feeds.sources import add_source, list_sources, remove_source
from core.storage import migrate
from core.storage.backup import backup_database
from core.storage.check import check_database
from core.storage.database import Database
from core.storage.models import Item
from core.storage.search import search_terms

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def entry(guid: str, title: str, text: str = "") -> ParsedEntry:
    return ParsedEntry(guid=guid, url=f"https://e.test/{guid}", title=title, author=None,
                       published=NOW, published_raw=None, content_html=f"<p>{text}</p>",
                       content_text=text)


def store(db: Database, source_id: int, entries: list[ParsedEntry]) -> None:
    with db.write() as conn:
        store_entries(conn, source_id, entries, NOW)


# ----------------------------------------------------------------------------- engine

def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(db: Database) -> None:
    with db.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_a_failed_write_transaction_leaves_nothing_behind(db: Database) -> None:
    source = add_source(db, "https://e.test/feed")
    with pytest.raises(RuntimeError), db.write() as conn:
        store_entries(conn, source.id, [entry("a", "first")], NOW)
        raise RuntimeError("crash half-way")
    assert list_items(db) == []


def test_bad_database_url_is_a_known_error() -> None:
    with pytest.raises(KnownError, match="not a database URL"):
        Database("definitely not a url")


def test_a_bad_port_is_a_known_error_without_the_password() -> None:
    with pytest.raises(KnownError, match="not a database URL") as caught:
        Database("postgresql+psycopg://u:s3cret@h:abc/db")
    assert "s3cret" not in str(caught.value)


def test_describe_hides_every_password() -> None:
    database = Database("postgresql+psycopg://attache:hunter2@db.local/attache"
                        "?password=qs-secret&sslpassword=key-secret&passfile=/home/a/.pgpass"
                        "&sslmode=require")
    try:
        shown = database.describe()
    finally:
        database.dispose()
    for secret in ("hunter2", "qs-secret", "key-secret", ".pgpass"):
        assert secret not in shown
    assert shown == ("postgresql+psycopg://attache:***@db.local/attache"
                     "?passfile=***&password=***&sslmode=require&sslpassword=***")


def test_sorting_by_title_folds_cyrillic_case_on_sqlite(db: Database) -> None:
    """SQLite's builtin lower() is ASCII-only; PostgreSQL's is not. Both sort the same now."""
    from core.feeds.items import item_ids, items_by_ids

    source = add_source(db, "https://e.test/feed")
    store(db, source.id, [entry("b", "Банан"), entry("y", "Яблоко"), entry("a", "арбуз")])
    ids = item_ids(db, order="title", descending=False)
    rows = items_by_ids(db, ids)
    assert [rows[i]["title"] for i in ids] == ["арбуз", "Банан", "Яблоко"]
    with db.read() as conn:
        assert conn.exec_driver_sql("SELECT lower(NULL), lower('ÄБ'), lower(5)").one() == (
            None, "äб", "5")
    assert check_database(db)["ok"]


def test_the_sqlite_shell_still_reads_the_file(db: Database, db_url: str) -> None:
    """The lower() override lives in Attaché's connections only: nothing in the file (index,
    trigger, FTS table) needs it, so another tool opening the file works as before."""
    source = add_source(db, "https://e.test/feed")
    store(db, source.id, [entry("a", "Арбуз", "visa news")])
    db.dispose()
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT lower(title) FROM item").fetchone() == ("Арбуз",)
        conn.execute("UPDATE item SET title = 'Банан'")
        assert conn.execute("SELECT count(*) FROM item_fts WHERE item_fts MATCH 'visa'"
                            ).fetchone() == (1,)


def test_dates_come_back_timezone_aware(db: Database) -> None:
    source = add_source(db, "https://e.test/feed")
    store(db, source.id, [entry("a", "first")])
    (row,) = list_items(db)
    assert row["published"] == NOW and row["published"].tzinfo is not None


# ----------------------------------------------------------------------------- migrations

def test_fresh_database_is_created_at_head(db_url: str) -> None:
    fresh = Database(db_url)
    assert migrate.ensure_schema(fresh) is None  # nothing to back up when empty
    assert migrate.schema_state(fresh).up_to_date


@pytest.fixture
def newer_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This code plus one more migration: simulates installing the next Attaché."""
    scripts = tmp_path / "migrations"
    head = migrate.head_revision()
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts)
    (scripts / "versions" / "9001_test_column.py").write_text(
        '"""test-only next revision"""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n"
        'revision = "9001"\n'
        f'down_revision = "{head}"\nbranch_labels = None\ndepends_on = None\n'
        "def upgrade():\n"
        '    op.add_column("source", sa.Column("test_flag", sa.Integer(), nullable=True))\n'
        "def downgrade():\n"
        '    op.drop_column("source", "test_flag")\n',
        encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
    return scripts


def test_older_database_is_backed_up_then_upgraded(db: Database, newer_code: Path) -> None:
    source = add_source(db, "https://e.test/feed")
    store(db, source.id, [entry("a", "kept through the upgrade")])
    before = migrate.schema_state(db).current
    backup = migrate.ensure_schema(db)
    assert backup is not None and backup.exists()
    assert migrate.schema_state(db).current == "9001"
    with sqlite3.connect(backup) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (before,)
        assert old.execute("SELECT title FROM item").fetchall() == [("kept through the upgrade",)]
    with db.read() as conn:
        cols = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(source)")]
    assert "test_flag" in cols
    assert [r["title"] for r in list_items(db)] == ["kept through the upgrade"]


def test_newer_database_is_refused_and_left_untouched(db: Database) -> None:
    with db.write() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff99'")
    with pytest.raises(DatabaseTooNewError, match="newer Attaché"):
        migrate.ensure_schema(db)
    assert migrate.schema_state(db).current == "ffff99"


def test_a_database_of_someone_else_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(KnownError, match="not an Attaché database"):
        migrate.ensure_schema(Database(f"sqlite:///{path}"))


# ----------------------------------------------------------------------------- search

@pytest.mark.parametrize(("query", "expected"), [
    ("ПОСОЛЬСТВО", {"ru"}),           # Cyrillic, case-insensitive
    ("посольство сша", {"ru"}),       # every word must match
    ("O'zbekiston", {"uz1", "uz2", "uz3"}),  # ASCII apostrophe finds every spelling
    ("Oʻzbekiston", {"uz1", "uz2", "uz3"}),
    ("fulbright", {"en"}),
    ("fulb", {"en"}),                 # prefix
    ('"unbalanced', set()),           # query syntax typed by a user cannot break search
    ("NEAR AND OR", set()),
])
def test_full_text_search(db: Database, query: str, expected: set[str]) -> None:
    source = add_source(db, "https://e.test/feed")
    store(db, source.id, [
        entry("ru", "Посольство США в Ташкенте", "объявляет конкурс"),
        entry("uz1", "O‘zbekiston yangiliklari"),       # U+2018
        entry("uz2", "Oʻzbekiston Respublikasi"),       # U+02BB
        entry("uz3", "news", "O'zbekiston today"),      # ASCII
        entry("en", "Fulbright deadline", "apply now"),
    ])
    assert {r["guid"] for r in list_items(db, search=query)} == expected


def test_search_index_follows_updates_and_deletes(db: Database) -> None:
    source = add_source(db, "https://e.test/feed")
    store(db, source.id, [entry("a", "Visa waiver")])
    assert len(list_items(db, search="visa")) == 1
    with db.write() as conn:
        conn.execute(update(Item.__table__).values(title="Exchange programme"))
    assert list_items(db, search="visa") == []
    assert len(list_items(db, search="exchange")) == 1
    remove_source(db, source.id)
    assert list_items(db, search="exchange") == []
    assert check_database(db)["integrity_ok"]


def test_search_terms_split_apostrophes() -> None:
    assert search_terms("O‘zbekiston's  VISA") == ["o", "zbekiston", "s", "visa"]


def test_removing_a_source_cascades_to_items(db: Database) -> None:
    source = add_source(db, "https://e.test/feed")
    store(db, source.id, [entry("a", "one"), entry("b", "two")])
    with db.write() as conn:
        conn.exec_driver_sql(f"DELETE FROM source WHERE id = {source.id}")
    with db.read() as conn:
        assert conn.execute(select(Item.__table__)).all() == []


def test_dedupe_is_enforced_by_the_database(db: Database) -> None:
    source = add_source(db, "https://e.test/feed")
    store(db, source.id, [entry("a", "one")])
    row = {"source_id": source.id, "guid": "a", "title": "dup", "sort_date": NOW,
           "fetched_at": NOW, "content_html": "", "content_text": "", "content_hash": "",
           "read": False, "starred": False}
    with pytest.raises(Exception, match="UNIQUE"), db.write() as conn:
        conn.execute(insert(Item.__table__).values(**row))


# ----------------------------------------------------------------------------- check/backup

def test_check_reports_ok_and_versions(db: Database) -> None:
    report = check_database(db)
    assert report["ok"] and report["integrity_ok"]
    assert report["schema_version"] == report["code_version"] == migrate.head_revision()


def test_check_notices_a_search_index_out_of_step(db: Database) -> None:
    source = add_source(db, "https://e.test/feed")
    store(db, source.id, [entry("a", "Visa waiver")])
    with db.write() as conn:  # what a crash of an older version or a manual edit can leave
        conn.exec_driver_sql("DROP TRIGGER item_fts_au")
        conn.exec_driver_sql("UPDATE item SET title = 'changed behind the index'")
    report = check_database(db)
    assert not report["ok"]
    assert any("search index" in p for p in report["problems"])


def test_backup_is_a_readable_copy_and_never_overwrites(db: Database, tmp_path: Path) -> None:
    source = add_source(db, "https://e.test/feed")
    store(db, source.id, [entry("a", "in the backup")])
    target = backup_database(db, tmp_path / "copy.db")
    copy = Database(f"sqlite:///{target}")
    assert [r["title"] for r in list_items(copy)] == ["in the backup"]
    with pytest.raises(KnownError, match="already exists"):
        backup_database(db, target)


def test_every_real_migration_upgrades_a_database_with_data(db_url: str) -> None:
    """A 0001 database (the first release) with items comes up to head and keeps them."""
    old = Database(db_url)
    migrate.upgrade(old, "0001")
    with old.write() as conn:  # rows as the first release wrote them (today's code has more)
        conn.exec_driver_sql(
            "INSERT INTO source (id, url, kind, interval_minutes, enabled, status, error_count)"
            " VALUES (1, 'https://e.test/feed', 'feed', 60, 1, 'ok', 0)")
        conn.exec_driver_sql(
            "INSERT INTO item (source_id, guid, title, sort_date, fetched_at, content_html, "
            "content_text, content_hash, read, starred) VALUES (1, 'a', 'Visa waiver', "
            "'2026-11-22 09:00:00', '2026-11-22 09:00:00', '', '', '', 0, 1)")
    backup = migrate.ensure_schema(old)
    assert backup is not None and migrate.schema_state(old).up_to_date
    (item,) = list_items(old, search="visa")
    assert (item["title"], item["starred"]) == ("Visa waiver", True)
    (source,) = list_sources(old)
    assert (source["url"], source["own"], source["replies_days"]) == (
        "https://e.test/feed", False, 30)
    assert check_database(old)["ok"]
