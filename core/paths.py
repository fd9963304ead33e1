"""Where Attaché keeps its files, per the platform's conventions (platformdirs).

Nothing is created at import time: callers ask for a folder and it is made on demand.
``ATTACHE_DATA_DIR`` moves the data folder (tests, IT-managed locations). Portable mode — a
file ``attache-portable.txt`` next to the executable of a frozen build — keeps everything in
``AttacheData`` beside it, for a copy run from a USB stick or a shared folder;
``ATTACHE_DATA_DIR`` still wins over it.

Folders only: which database to open is decided above this module (``core.database_url``),
since that needs site.toml, the user's settings and the keyring, which all need the folders.
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
