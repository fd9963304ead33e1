"""Where Attaché keeps its files, per the platform's conventions (platformdirs).

Nothing is created at import time: callers ask for a folder and it is made on demand.
``ATTACHE_DATA_DIR`` moves the data folder (tests, portable installs, IT-managed locations).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "Attache"
_DIRS = PlatformDirs(APP_NAME, appauthor=False)


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    override = os.environ.get("ATTACHE_DATA_DIR")
    return _ensure(Path(override) if override else Path(_DIRS.user_data_dir))


def config_dir() -> Path:
    override = os.environ.get("ATTACHE_DATA_DIR")
    return _ensure(Path(override) / "config" if override else Path(_DIRS.user_config_dir))


def log_dir() -> Path:
    override = os.environ.get("ATTACHE_DATA_DIR")
    return _ensure(Path(override) / "logs" if override else Path(_DIRS.user_log_dir))


def cache_dir() -> Path:
    override = os.environ.get("ATTACHE_DATA_DIR")
    return _ensure(Path(override) / "cache" if override else Path(_DIRS.user_cache_dir))


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'attache.db'}"


def resolve_db_url(cli_value: str | None = None) -> str:
    """``--db`` wins over ``ATTACHE_DB_URL``, which wins over SQLite in the data folder."""
    return cli_value or os.environ.get("ATTACHE_DB_URL") or default_db_url()
