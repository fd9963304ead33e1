"""Settings → Database → "Test connection": plain answers, nothing changed, no password shown."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from core.storage import connection_test
from core.storage.database import Database
from core.storage.migrate import ensure_schema, upgrade


def test_a_missing_sqlite_file_is_fine_and_is_not_created(tmp_path: Path) -> None:
    target = tmp_path / "new" / "attache.db"
    ok, message = connection_test.test_connection(f"sqlite:///{target}")
    assert ok
    assert "does not exist yet" in message and "create" in message
    assert not target.exists() and not target.parent.exists()


def test_an_up_to_date_database_says_so(db_url: str, db: Database) -> None:
    ok, message = connection_test.test_connection(db_url)
    assert ok
    assert message.endswith("It is an Attaché database and up to date.")


def test_an_empty_file_will_be_set_up(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    ok, message = connection_test.test_connection(f"sqlite:///{path}")
    assert ok and "empty" in message


def test_an_older_database_will_be_upgraded_but_is_not_touched_now(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    database = Database(url)
    upgrade(database, "0001")
    database.dispose()
    before = (tmp_path / "old.db").read_bytes()
    ok, message = connection_test.test_connection(url)
    assert ok and "older version" in message and "upgraded" in message
    assert (tmp_path / "old.db").read_bytes() == before


def test_a_newer_database_is_refused(db_url: str, db: Database) -> None:
    with db.write() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    ok, message = connection_test.test_connection(db_url)
    assert not ok
    assert "newer Attaché" in message and "9999_future" in message


def test_foreign_tables_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER)")
    ok, message = connection_test.test_connection(f"sqlite:///{path}")
    assert not ok and "not an Attaché database" in message


@pytest.mark.parametrize(("url", "words"), [
    ("not a url", "not a database URL"),
    ("mysql://user:hunter2@db/attache", "SQLite or PostgreSQL"),
    ("sqlite://", "needs a file name"),
])
def test_bad_urls_say_why(url: str, words: str) -> None:
    ok, message = connection_test.test_connection(url)
    assert not ok and words in message
    assert "hunter2" not in message


def test_a_folder_is_not_a_database_file(tmp_path: Path) -> None:
    ok, message = connection_test.test_connection(f"sqlite:///{tmp_path}")
    assert not ok and "is a folder" in message


def test_an_unreachable_server_says_why_without_the_password() -> None:
    ok, message = connection_test.test_connection(
        "postgresql+psycopg://attache:hunter2@127.0.0.1:1/attache")
    assert not ok
    assert message.startswith("Cannot connect to postgresql+psycopg://attache:***@127.0.0.1:1/")
    assert "hunter2" not in message


@pytest.mark.postgres
def test_postgresql_empty_then_up_to_date(pg_url: str) -> None:
    ok, message = connection_test.test_connection(pg_url)
    assert ok and "empty" in message
    database = Database(pg_url)
    ensure_schema(database)
    database.dispose()
    ok, message = connection_test.test_connection(pg_url)
    assert ok and "up to date" in message


@pytest.mark.postgres
def test_postgresql_wrong_database_name(pg_url: str) -> None:
    from sqlalchemy.engine import make_url

    missing = make_url(pg_url).set(database="attache_no_such_db").render_as_string(
        hide_password=False)
    ok, message = connection_test.test_connection(missing)
    assert not ok and "attache_no_such_db" in message


def test_a_password_in_the_query_string_is_never_shown(caplog: pytest.LogCaptureFixture) -> None:
    url = ("postgresql+psycopg://attache@127.0.0.1:1/attache"
           "?password=qs-hunter2&sslpassword=key-hunter3&passfile=/home/a/.pgpass")
    with caplog.at_level("INFO", logger="attache.storage"):
        ok, message = connection_test.test_connection(url)
    assert not ok and message.startswith("Cannot connect to postgresql+psycopg://attache@")
    for secret in ("qs-hunter2", "key-hunter3", ".pgpass"):
        assert secret not in message
        assert secret not in caplog.text
    assert "password=***" in message


def test_a_short_password_does_not_garble_the_message() -> None:
    """Scrubbing "x" everywhere would turn "does not exist" into "does not e***ist" and so
    reveal it; a password under four characters is left to the masked URL alone."""
    ok, message = connection_test.test_connection(
        "postgresql+psycopg://attache:x@127.0.0.1:1/attache")
    assert not ok
    assert message.startswith("Cannot connect to postgresql+psycopg://attache:***@127.0.0.1:1/")
    assert "***" not in message.split(": ", 1)[1].replace("attache:***@", "")


def test_a_bad_port_is_a_plain_message_not_an_exception() -> None:
    ok, message = connection_test.test_connection("postgresql+psycopg://u:s3cret@h:abc/db")
    assert not ok and "port" in message and "not a number" in message
    assert "s3cret" not in message


def test_masked_url_and_scrub() -> None:
    from sqlalchemy.engine import make_url

    from core.storage.urls import masked_proxy, masked_url, scrub

    assert masked_url("sqlite:////srv/data/attache.db") == "sqlite:////srv/data/attache.db"
    assert masked_url("postgresql+psycopg://u:s3cret@h:abc/db?password=p2") == (
        "postgresql+psycopg://u:***@h:abc/db?password=***")  # unreadable: masked by pattern
    parsed = make_url("postgresql+psycopg://u:s3cret@h/db?sslpassword=k3y-secret")
    assert scrub('password "s3cret" / "k3y-secret" rejected', parsed) == (
        'password "***" / "***" rejected')
    assert scrub("does not exist", make_url("postgresql://u:x@h/db")) == "does not exist"
    assert masked_proxy("http://me:pa55@proxy.local:8080") == "http://me:***@proxy.local:8080"
    assert masked_proxy("http://proxy.local:8080") == "http://proxy.local:8080"
