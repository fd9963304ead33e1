"""The officer's database password lives in the OS keyring, never in settings.json: saving,
opening (resolve_db_url), no keyring at all, and files an older build wrote."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from core import database_url, secrets
from core.errors import KnownError
from core.secrets import SERVICE
from core.settings import Settings
from core.storage.urls import split_secrets, with_secrets

URL = "postgresql+psycopg://attache:hunter2@db.mfa/attache"
BARE = "postgresql+psycopg://attache@db.mfa/attache"
NAME = "database:attache@db.mfa:5432/attache"


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """keyring's "fail" backend, as on a Linux without Secret Service or in CI (set
    explicitly: another test's memory keyring may have become keyring's default)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def _choose(url: str | None) -> Settings:
    settings = Settings.load()
    settings.set("database_url", url or "none")
    settings.save()
    return settings


def _file() -> str:
    return Settings.path().read_text(encoding="utf-8")


def test_save_moves_the_password_to_the_keyring(memory_keyring) -> None:  # noqa: ANN001
    settings = _choose(URL)
    assert "hunter2" not in _file()
    assert json.loads(_file())["database_url"] == BARE
    assert settings.database_url == BARE  # the object mirrors the file
    assert memory_keyring.store == {(SERVICE, NAME): "hunter2"}
    assert NAME in secrets.list_secret_names()
    assert Settings.load().database_url == BARE
    assert database_url.resolve_db_url() == URL  # put back when the database is opened


def test_each_login_and_server_has_its_own_password(memory_keyring) -> None:  # noqa: ANN001
    _choose("postgresql+psycopg://attache:first@db.mfa:5433/attache")
    _choose("postgresql+psycopg://attache:second@db.mfa/attache")
    _choose("postgresql+psycopg://reader:third@db.mfa/attache")
    assert memory_keyring.store == {
        (SERVICE, "database:attache@db.mfa:5433/attache"): "first",
        (SERVICE, NAME): "second",
        (SERVICE, "database:reader@db.mfa:5432/attache"): "third",
    }
    assert database_url.resolve_db_url() == "postgresql+psycopg://reader:third@db.mfa/attache"
    _choose("postgresql+psycopg://attache@db.mfa:5433/attache")  # no password: the stored one
    assert database_url.resolve_db_url() == "postgresql+psycopg://attache:first@db.mfa:5433/attache"


def test_query_passwords_and_key_passphrases_move_too(memory_keyring) -> None:  # noqa: ANN001
    _choose("postgresql+psycopg://attache@db.mfa/attache?password=pw-in-query"
            "&sslmode=verify-full&sslpassword=key-phrase&passfile=/etc/it/pgpass")
    text = _file()
    assert "pw-in-query" not in text and "key-phrase" not in text
    assert Settings.load().database_url == (
        "postgresql+psycopg://attache@db.mfa/attache?passfile=%2Fetc%2Fit%2Fpgpass"
        "&sslmode=verify-full")
    assert memory_keyring.store == {(SERVICE, NAME): "pw-in-query",
                                    (SERVICE, "database-sslpassword:attache@db.mfa:5432/"
                                              "attache"): "key-phrase"}
    opened = database_url.resolve_db_url()
    assert opened.startswith("postgresql+psycopg://attache:pw-in-query@db.mfa/attache?")
    assert "sslpassword=key-phrase" in opened and "sslmode=verify-full" in opened


def test_a_typed_password_wins_over_the_stored_one(memory_keyring) -> None:  # noqa: ANN001
    _choose(URL)
    assert secrets.with_database_secrets(BARE) == URL
    other = "postgresql+psycopg://attache:new-one@db.mfa/attache"
    assert secrets.with_database_secrets(other) == other
    assert secrets.with_database_secrets("sqlite:///x.db") == "sqlite:///x.db"
    assert secrets.with_database_secrets("not a url") == "not a url"


def test_db_env_and_a_locked_site_url_are_used_as_given(
        memory_keyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    _choose(URL)
    assert database_url.resolve_db_url(BARE) == BARE  # --db: .pgpass, PGPASSWORD, Kerberos…
    monkeypatch.setenv("ATTACHE_DB_URL", BARE)
    assert database_url.resolve_db_url() == BARE
    monkeypatch.delenv("ATTACHE_DB_URL")
    site = tmp_path / "site.toml"
    site.write_text(f'[defaults]\ndatabase_url = "{BARE}"\n[locked]\nkeys = ["database_url"]\n',
                    encoding="utf-8")
    monkeypatch.setenv("ATTACHE_SITE_CONFIG", str(site))
    assert database_url.resolve_db_url() == BARE


@pytest.mark.usefixtures("no_keyring")
def test_no_keyring_refuses_and_writes_nothing() -> None:
    assert not secrets.keyring_available()
    settings = Settings.load()
    settings.set("database_url", URL)
    with pytest.raises(KnownError) as caught:
        settings.save()
    message = str(caught.value)
    assert ".pgpass" in message and "PGPASSWORD" in message and "ask IT" in message
    assert "hunter2" not in message
    assert not Settings.path().exists() and secrets.list_secret_names() == []
    _choose(BARE)  # without a password it is saved as usual (libpq finds .pgpass itself)
    assert Settings.load().database_url == BARE
    assert database_url.resolve_db_url() == BARE


def _old_file(url: str) -> Path:
    path = Settings.path()
    path.write_text(json.dumps({"database_url": url, "workers": 4}, indent=2), encoding="utf-8")
    return path


def test_an_old_file_is_migrated_on_load(memory_keyring, caplog) -> None:  # noqa: ANN001
    path = _old_file(URL)
    with caplog.at_level(logging.INFO, logger="attache.settings"):
        settings = Settings.load()
    assert settings.database_url == BARE and settings.workers == 4
    assert json.loads(path.read_text(encoding="utf-8")) == {"database_url": BARE, "workers": 4}
    assert memory_keyring.store == {(SERVICE, NAME): "hunter2"}
    assert database_url.resolve_db_url() == URL
    assert "keyring" in caplog.text and "hunter2" not in caplog.text


@pytest.mark.usefixtures("no_keyring")
def test_an_old_file_without_a_keyring_is_left_with_a_warning(caplog) -> None:  # noqa: ANN001
    path = _old_file(URL)
    with caplog.at_level(logging.INFO):
        assert Settings.load().database_url == URL  # used as before
        assert database_url.resolve_db_url() == URL
    assert "plain text" in caplog.text and "hunter2" not in caplog.text
    assert "hunter2" in path.read_text(encoding="utf-8")
    # Other settings can still be changed; the old URL is not refused on every save.
    settings = Settings.load()
    settings.set("workers", "6")
    settings.save()
    assert (Settings.load().workers, Settings.load().database_url) == (6, URL)
    # A new URL with a password is refused, though.
    settings.set("database_url", "postgresql+psycopg://attache:other@db.mfa/attache")
    with pytest.raises(KnownError, match="pgpass"):
        settings.save()


def test_split_and_put_back_round_trip() -> None:
    assert split_secrets(BARE) == (BARE, {})
    assert split_secrets("sqlite:///C:/Data/attache.db") == ("sqlite:///C:/Data/attache.db", {})
    odd = "postgresql+psycopg://me:p%40ss%3A%2F@db.mfa:6543/attache"
    bare, found = split_secrets(odd)
    assert (bare, found) == ("postgresql+psycopg://me@db.mfa:6543/attache", {"password": "p@ss:/"})
    assert with_secrets(bare, found) == odd
    assert with_secrets(BARE, {}) == BARE
