"""Where Attaché keeps its files, per the platform's conventions (platformdirs).

Nothing is created at import time: callers ask for a folder and it is made on demand.
``ATTACHE_DATA_DIR`` moves the data folder (tests, IT-managed locations). Portable mode — a
file ``attache-portable.txt`` next to the executable of a frozen build — keeps everything in
``AttacheData`` beside it, for a copy run from a USB stick or a shared folder;
``ATTACHE_DATA_DIR`` still wins over it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "Attache"
PORTABLE_MARKER = "attache-portable.txt"
PORTABLE_DATA = "AttacheData"
_DIRS = PlatformDirs(APP_NAME, appauthor=False)


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def executable_dir() -> Path | None:
    """The folder of a frozen build's executable (PyInstaller); None when run from Python."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def portable_root() -> Path | None:
    """``<folder>/AttacheData`` when the portable marker is in ``folder``, else None.

    ``folder`` is the executable's (frozen builds) or ``$ATTACHE_PORTABLE_DIR`` (tests).
    """
    override = os.environ.get("ATTACHE_PORTABLE_DIR")
    folder = Path(override) if override else executable_dir()
    if folder is not None and (folder / PORTABLE_MARKER).is_file():
        return folder / PORTABLE_DATA
    return None


def _root() -> Path | None:
    """One folder holding data, config, logs and cache, or None for the platform's own."""
    override = os.environ.get("ATTACHE_DATA_DIR")
    return Path(override) if override else portable_root()


def data_dir() -> Path:
    root = _root()
    return _ensure(root if root else Path(_DIRS.user_data_dir))


def config_dir() -> Path:
    root = _root()
    return _ensure(root / "config" if root else Path(_DIRS.user_config_dir))


def log_dir() -> Path:
    root = _root()
    return _ensure(root / "logs" if root else Path(_DIRS.user_log_dir))


def cache_dir() -> Path:
    root = _root()
    return _ensure(root / "cache" if root else Path(_DIRS.user_cache_dir))


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'attache.db'}"


def resolve_db_url(cli_value: str | None = None) -> str:
    """Which database to open, first match wins:

    1. ``--db``; 2. ``$ATTACHE_DB_URL``; 3. IT's ``database_url`` when site.toml locks it (a
    locked key with no value locks the default SQLite file); 4. the officer's own choice in
    settings.json (Settings → Database); 5. IT's unlocked ``database_url``; 6. SQLite in the
    data folder.

    settings.json keeps no password (``core.settings``): for 4 and 5 the password the officer
    saved for that login is taken from the OS keyring, unless the URL carries one. The others
    are used as given — IT may rely on .pgpass, PGPASSWORD, a pg_service file or Kerberos, and
    a keyring entry must not change what an explicit ``--db`` or a locked site URL means.
    """
    if cli_value:
        return cli_value
    if os.environ.get("ATTACHE_DB_URL"):
        return os.environ["ATTACHE_DB_URL"]
    from core import siteconfig  # siteconfig uses this module's folders
    from core.settings import Settings  # settings too

    site = siteconfig.load_site_config()
    site_url = site.defaults.get("database_url") or None
    if "database_url" in site.locked:
        return site_url or default_db_url()
    chosen = Settings.load().database_url  # the officer's, else IT's unlocked default
    if chosen:
        from core.secrets import with_database_secrets

        return with_database_secrets(chosen)
    return site_url or default_db_url()
