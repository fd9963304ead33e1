"""The officer's own database choice and the checks behind the Settings dialog."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import database_url
from core.errors import KnownError
from core.settings import Settings, check_setting


@pytest.fixture
def site_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "etc" / "site.toml"
    path.parent.mkdir()
    monkeypatch.setenv("ATTACHE_SITE_CONFIG", str(path))
    return path


def _choose(url: str | None) -> None:
    settings = Settings.load()
    settings.database_url = url
    settings.save()


def test_the_users_database_comes_after_db_and_env(monkeypatch: pytest.MonkeyPatch) -> None:
    assert database_url.resolve_db_url() == database_url.default_db_url()
    _choose("postgresql+psycopg://me@team/attache")
    assert database_url.resolve_db_url() == "postgresql+psycopg://me@team/attache"
    monkeypatch.setenv("ATTACHE_DB_URL", "sqlite:///env.db")
    assert database_url.resolve_db_url() == "sqlite:///env.db"
    assert database_url.resolve_db_url("sqlite:///cli.db") == "sqlite:///cli.db"


def test_the_users_database_wins_over_an_unlocked_site_default(site_toml: Path) -> None:
    site_toml.write_text('[defaults]\ndatabase_url = "postgresql+psycopg://it@db/attache"\n',
                         encoding="utf-8")
    assert database_url.resolve_db_url() == "postgresql+psycopg://it@db/attache"
    _choose("sqlite:///mine.db")
    assert database_url.resolve_db_url() == "sqlite:///mine.db"
    _choose(None)
    assert database_url.resolve_db_url() == "postgresql+psycopg://it@db/attache"


def test_a_locked_site_database_wins_over_the_user(site_toml: Path) -> None:
    _choose("sqlite:///mine.db")
    site_toml.write_text('[defaults]\ndatabase_url = "postgresql+psycopg://it@db/attache"\n'
                         '[locked]\nkeys = ["database_url"]\n', encoding="utf-8")
    assert database_url.resolve_db_url() == "postgresql+psycopg://it@db/attache"
    with pytest.raises(KnownError, match="set by your IT department"):
        Settings.load().set("database_url", "sqlite:///other.db")


def test_locked_without_a_value_keeps_the_default_sqlite_file(site_toml: Path) -> None:
    _choose("sqlite:///mine.db")
    site_toml.write_text('[locked]\nkeys = ["database_url"]\n', encoding="utf-8")
    assert database_url.resolve_db_url() == database_url.default_db_url()


def test_config_set_database_url(tmp_path: Path) -> None:
    settings = Settings.load()
    settings.set("database_url", f"sqlite:///{tmp_path / 'x.db'}")
    settings.save()
    assert Settings.load().database_url == f"sqlite:///{tmp_path / 'x.db'}"
    settings.set("database_url", "none")
    assert settings.database_url is None
    with pytest.raises(KnownError, match="not a database URL"):
        settings.set("database_url", "team server")
    with pytest.raises(KnownError, match="SQLite or PostgreSQL"):
        settings.set("database_url", "mysql://u@h/db")


@pytest.mark.parametrize(("key", "value", "words"), [
    ("proxy", "proxy.mfa.local:8080", "http://proxy.example:8080"),
    ("proxy", "http://proxy:notaport", "bad port"),
    ("sentiment_positive", 1.5, "between -1 and 1"),
    ("connect_timeout", 0.0, "at least 1"),
    ("default_interval_minutes", 1, "at least 5"),
    ("interface_language", "Russian", "language code"),
    ("fetch_deadline", float("inf"), "finite number"),  # a fetch with no deadline at all
    ("connect_timeout", float("nan"), "finite number"),  # nan < 1 is False: it passed
])
def test_values_that_would_fail_later_are_refused(key: str, value: object, words: str) -> None:
    with pytest.raises(KnownError, match=words):
        check_setting(key, value)


@pytest.mark.parametrize(("key", "value"), [
    ("proxy", "http://proxy.mfa.local:8080"), ("proxy", "socks5h://127.0.0.1:1080"),
    ("proxy", None), ("sentiment_negative", -0.01), ("interface_language", "ru"),
    ("post_gap_minutes", 0), ("parse_processes", 0),
])
def test_good_values_pass(key: str, value: object) -> None:
    assert check_setting(key, value) == value


def test_new_settings_round_trip() -> None:
    settings = Settings.load()
    settings.interface_language = "ru"
    settings.first_run_done = True
    settings.auto_refresh = False
    settings.save()
    again = Settings.load()
    assert (again.interface_language, again.first_run_done, again.auto_refresh) == (
        "ru", True, False)


@pytest.mark.parametrize(("key", "text", "words"), [
    ("workers", "many", "workers must be a whole number, not 'many'"),
    ("fetch_deadline", "soon", "fetch_deadline must be a number, not 'soon'"),
    ("fetch_deadline", "inf", "fetch_deadline must be a finite number"),
    ("auto_refresh", "maybe", "auto_refresh must be yes or no"),  # it meant "no", silently
])
def test_config_set_text_that_is_not_the_settings_kind_is_one_plain_line(
        key: str, text: str, words: str) -> None:
    """``config set workers many`` printed Python's "invalid literal for int() with base 10"."""
    settings = Settings.load()
    with pytest.raises(KnownError) as caught:
        settings.set(key, text)
    assert str(caught.value).startswith(words) and "\n" not in str(caught.value)
    settings.set("auto_refresh", "OFF")
    settings.set("notifications", "yes")
    assert (settings.auto_refresh, settings.notifications) == (False, True)
