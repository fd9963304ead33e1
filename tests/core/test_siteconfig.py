"""IT's site.toml (defaults, locks, the team database) and portable mode."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest

from core import database_url, paths, siteconfig
from core.errors import KnownError
from core.settings import Settings


@pytest.fixture
def system_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system site.toml (via $ATTACHE_SITE_CONFIG); written by each test."""
    path = tmp_path / "etc" / "site.toml"
    path.parent.mkdir()
    monkeypatch.setenv("ATTACHE_SITE_CONFIG", str(path))
    return path


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen build's folder: ``sys.executable`` lives there."""
    folder = tmp_path / "bundle"
    folder.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "attache.exe"))
    return folder


def _user_settings(values: dict) -> None:
    Settings.path().write_text(json.dumps(values), encoding="utf-8")


def test_without_site_files_settings_are_the_builtin_ones(system_toml: Path) -> None:
    assert siteconfig.load_site_config().files == ()
    assert Settings.load() == Settings()
    assert siteconfig.candidate_paths() == [system_toml]  # a checkout is not a site


def test_next_to_the_executable_overrides_the_system_file(system_toml: Path,
                                                          bundle: Path) -> None:
    system_toml.write_text('[defaults]\nproxy = "http://system:8080"\ntimezone = '
                           '"Asia/Tashkent"\nworkers = 4\n', encoding="utf-8")
    (bundle / "site.toml").write_text('[defaults]\nproxy = "http://bundle:3128"\n',
                                      encoding="utf-8")
    site = siteconfig.load_site_config()
    assert site.files == (system_toml, bundle / "site.toml")
    settings = Settings.load()
    assert settings.proxy == "http://bundle:3128"
    assert (settings.timezone, settings.workers) == ("Asia/Tashkent", 4)
    assert site.origin["proxy"] == bundle / "site.toml"


def test_the_users_values_win_over_unlocked_defaults(system_toml: Path) -> None:
    system_toml.write_text("[defaults]\nworkers = 4\ndefault_interval_minutes = 30\n"
                           'countries = ["kz"]\n', encoding="utf-8")
    _user_settings({"workers": 3})
    settings = Settings.load()
    assert (settings.workers, settings.default_interval_minutes) == (3, 30)
    assert settings.countries == ["KZ"]  # checked and normalised like `config set`


def test_an_old_full_settings_file_does_not_hide_site_defaults(system_toml: Path) -> None:
    from dataclasses import asdict

    _user_settings({**asdict(Settings()), "workers": 3})  # written before site.toml existed
    system_toml.write_text('[defaults]\nproxy = "http://proxy.mfa.local:8080"\n',
                           encoding="utf-8")
    settings = Settings.load()
    assert settings.proxy == "http://proxy.mfa.local:8080"
    assert settings.workers == 3


def test_saving_keeps_site_values_out_of_the_users_file(system_toml: Path) -> None:
    system_toml.write_text('[defaults]\nworkers = 4\nproxy = "http://p:1"\n'
                           '[locked]\nkeys = ["proxy"]\n', encoding="utf-8")
    settings = Settings.load()
    settings.set("timezone", "Asia/Almaty")
    settings.save()
    saved = json.loads(Settings.path().read_text(encoding="utf-8"))
    assert saved["timezone"] == "Asia/Almaty"
    assert "workers" not in saved and "proxy" not in saved  # a later site change reaches us
    system_toml.write_text("[defaults]\nworkers = 6\n", encoding="utf-8")
    assert Settings.load().workers == 6


def test_locked_keys_ignore_the_users_file_and_refuse_config_set(system_toml: Path,
                                                                 cli) -> None:  # noqa: ANN001
    system_toml.write_text('[defaults]\nproxy = "http://proxy.mfa.local:8080"\n'
                           '[locked]\nkeys = ["proxy", "database_url", "ca_bundle"]\n',
                           encoding="utf-8")
    _user_settings({"proxy": "http://my-own:1", "ca_bundle": "/home/me/ca.pem", "workers": 2})
    settings = Settings.load()
    assert settings.proxy == "http://proxy.mfa.local:8080"
    assert settings.ca_bundle is None  # locked to the built-in value
    assert settings.workers == 2
    with pytest.raises(KnownError, match=r"proxy is set by your IT department \(site.toml at "):
        settings.set("proxy", "http://other:1")
    with pytest.raises(KnownError, match="set by your IT department"):
        Settings().set("proxy", "none")  # a Settings made directly asks the site too

    code, _out, err = cli("config", "set", "proxy", "http://other:1")
    assert code == 1
    assert err.strip() == (f"attache: proxy is set by your IT department (site.toml at "
                           f"{system_toml})")
    code, out, _err = cli("config", "set", "workers", "5")
    assert code == 0
    assert Settings.load().proxy == "http://proxy.mfa.local:8080"


def test_database_url_is_the_default_after_db_and_env(system_toml: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert database_url.resolve_db_url().startswith("sqlite:///")
    system_toml.write_text('[defaults]\ndatabase_url = "postgresql+psycopg://attache@db.mfa/'
                           'attache"\n', encoding="utf-8")
    assert database_url.resolve_db_url() == "postgresql+psycopg://attache@db.mfa/attache"
    monkeypatch.setenv("ATTACHE_DB_URL", "sqlite:///env.db")
    assert database_url.resolve_db_url() == "sqlite:///env.db"
    assert database_url.resolve_db_url("sqlite:///cli.db") == "sqlite:///cli.db"
    assert Settings().database_url is None  # the officer's own: test_settings.py


def test_bad_toml_names_the_file_and_the_line(system_toml: Path, cli) -> None:  # noqa: ANN001
    system_toml.write_text('[defaults]\nworkers = 4\nproxy = http://no-quotes\n',
                           encoding="utf-8")
    with pytest.raises(KnownError) as info:
        Settings.load()
    message = str(info.value)
    assert str(system_toml) in message and "line 3" in message
    code, _out, err = cli("config", "show")
    assert code == 1 and "line 3" in err and str(system_toml) in err


def test_wrong_kinds_of_value_name_the_key(system_toml: Path) -> None:
    system_toml.write_text('[defaults]\nworkers = "many"\n', encoding="utf-8")
    with pytest.raises(KnownError, match=r"site.toml: workers must be a whole number"):
        Settings.load()
    system_toml.write_text('[defaults]\ncountries = ["XX"]\n', encoding="utf-8")
    with pytest.raises(KnownError, match="no holiday pack for XX"):
        Settings.load()
    system_toml.write_text('[locked]\nkeys = "proxy"\n', encoding="utf-8")
    with pytest.raises(KnownError, match=r"\[locked\] keys must be a list"):
        Settings.load()


def test_unknown_keys_are_ignored_with_a_warning(system_toml: Path,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    # A byte order mark, as Windows Notepad writes one, is accepted too.
    system_toml.write_text('\ufeffdatabase_url = "sqlite:///x.db"\n[defaults]\nworkers = 4\n'
                           'colour = "blue"\n[locked]\nkeys = ["workers", "colour"]\n'
                           '[branding]\nlogo = "x.png"\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="attache.siteconfig"):
        site = siteconfig.load_site_config()
    assert site.defaults == {"workers": 4}
    assert site.locked == {"workers"}
    warnings = " | ".join(r.getMessage() for r in caplog.records)
    assert "'colour' in [defaults]" in warnings and "'colour' in [locked]" in warnings
    assert "'branding'" in warnings
    assert "'database_url' (put it under [defaults])" in warnings
    assert siteconfig.database_url() is None


def test_default_sources_is_relative_to_the_site_file(system_toml: Path) -> None:
    assert siteconfig.default_sources() is None
    system_toml.write_text('[defaults]\ndefault_sources = "embassy.opml"\n', encoding="utf-8")
    assert siteconfig.default_sources() is None  # named but missing: logged, not offered
    (system_toml.parent / "embassy.opml").write_text("<opml/>", encoding="utf-8")
    assert siteconfig.default_sources() == (system_toml.parent / "embassy.opml").resolve()


def test_system_locations_per_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ATTACHE_SITE_CONFIG", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert siteconfig.system_path() == Path("/etc/attache/site.toml")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert siteconfig.system_path() == Path(
        "/Library/Application Support/Attache/site.toml")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", "D:\\ProgramData")
    assert siteconfig.system_path() == Path("D:\\ProgramData") / "Attache" / "site.toml"


# ---------------------------------------------------------------------------- portable mode

def test_the_portable_marker_moves_every_folder(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.delenv("ATTACHE_DATA_DIR")
    monkeypatch.setenv("ATTACHE_PORTABLE_DIR", str(usb))
    assert paths.portable_root() is None  # no marker: the platform's folders
    (usb / "attache-portable.txt").write_text("", encoding="utf-8")
    root = usb / "AttacheData"
    assert paths.portable_root() == root
    assert (paths.data_dir(), paths.config_dir(), paths.log_dir(), paths.cache_dir()) == (
        root, root / "config", root / "logs", root / "cache")
    assert database_url.resolve_db_url() == f"sqlite:///{root / 'attache.db'}"
    assert Settings.path() == root / "config" / "settings.json"


def test_the_marker_next_to_a_frozen_executable(bundle: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ATTACHE_DATA_DIR")
    monkeypatch.delenv("ATTACHE_PORTABLE_DIR", raising=False)
    (bundle / "attache-portable.txt").write_text("", encoding="utf-8")
    assert paths.executable_dir() == bundle.resolve()
    assert paths.data_dir() == bundle.resolve() / "AttacheData"


def test_attache_data_dir_wins_over_portable_mode(tmp_path: Path, data_dir: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "attache-portable.txt").write_text("", encoding="utf-8")
    monkeypatch.setenv("ATTACHE_PORTABLE_DIR", str(usb))
    assert paths.data_dir() == data_dir
    assert paths.config_dir() == data_dir / "config"
    assert not (usb / "AttacheData").exists()

