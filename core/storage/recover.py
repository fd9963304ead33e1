"""Automatic backups of an SQLite database, and putting the newest one back when it is damaged.

Like Firefox's and Thunderbird's daily profile backups: once a day, when Attaché opens the
database, a consistent copy goes to ``backups/`` beside it (the newest ``KEEP`` are kept).
Together with the copies written before each schema upgrade (``<name>.before-<rev>-<time>``),
these are what ``attache db restore`` and the app's start-up prompt offer when the file is
damaged. Restoring never deletes anything: the damaged file (and its ``-wal``/``-shm``) is
moved aside as ``<name>.damaged-<time>``, so nothing is lost if the officer or IT wants it.

PostgreSQL keeps its data on the server: IT backs it up (README "Backup and restore").
"""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.errors import KnownError
from core.storage.backup import backup_database
from core.storage.database import Database

log = logging.getLogger("attache.storage")

BACKUP_FOLDER = "backups"
KEEP = 5
EVERY = timedelta(days=1)
_STAMP = "%Y%m%dT%H%M%SZ"
_SIDE_FILES = ("-wal", "-shm", "-journal")


def _stamp() -> str:
    return datetime.now(UTC).strftime(_STAMP)


def backup_folder(path: Path) -> Path:
    return path.parent / BACKUP_FOLDER


def _daily_copies(path: Path) -> list[Path]:
    """This database's own daily copies, newest first: ``<stem>-<stamp><suffix>`` exactly, so
    that ``plan-2.db``'s copies (``plan-2-<stamp>.db``) are never taken for ``plan.db``'s."""
    own = re.compile(rf"{re.escape(path.stem)}-\d{{8}}T\d{{6}}Z{re.escape(path.suffix)}")
    found = [p for p in backup_folder(path).glob(f"{path.stem}-*{path.suffix}")
             if own.fullmatch(p.name) and p.is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def automatic_backups(path: Path) -> list[Path]:
    """The daily copies and the pre-upgrade copies of the database at ``path``, newest first."""
    before = re.compile(rf"{re.escape(path.stem)}\.before-[^.]+-\d{{8}}T\d{{6}}Z"
                        rf"{re.escape(path.suffix)}")
    found = _daily_copies(path)
    found += [p for p in path.parent.glob(f"{path.stem}.before-*{path.suffix}")
              if before.fullmatch(p.name) and p.is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def is_usable(backup: Path) -> bool:
    """An Attaché database SQLite finds whole (quick_check), opened read-only."""
    try:
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            return False
        return conn.execute("SELECT version_num FROM alembic_version").fetchone() is not None
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def newest_usable_backup(path: Path) -> Path | None:
    return next((b for b in automatic_backups(path) if is_usable(b)), None)


def daily_backup(db: Database, *, keep: int = KEEP, every: timedelta = EVERY) -> Path | None:
    """Copy an SQLite database to ``backups/`` when the newest copy there is older than
    ``every``; keep the newest ``keep``. Returns the new copy, or None when none was due.

    Never raises for a backup that cannot be written (a full disk, a read-only folder): the
    work the officer asked for matters more, and the log says why there is no copy.
    """
    path = db.sqlite_path
    if path is None or db.read_only or not path.is_file():
        return None
    folder = backup_folder(path)
    existing = _daily_copies(path)
    now = datetime.now(UTC)
    if existing and now - datetime.fromtimestamp(existing[0].stat().st_mtime, UTC) < every:
        return None
    target = folder / f"{path.stem}-{_stamp()}{path.suffix}"
    try:
        backup_database(db, target)
    except (KnownError, OSError, sqlite3.Error) as exc:
        log.warning("no automatic backup of %s: %s", path, exc)
        target.unlink(missing_ok=True)
        return None
    if not is_usable(target):  # a copy of damage must never push a good copy out
        log.warning("the automatic backup of %s failed its check; removed", path)
        target.unlink(missing_ok=True)
        return None
    for old in existing[max(keep - 1, 0):]:
        for name in (old.name, *(old.name + side for side in _SIDE_FILES)):
            old.with_name(name).unlink(missing_ok=True)
    log.info("automatic backup of %s written to %s", path, target)
    return target


@dataclass(frozen=True)
class Restored:
    backup: Path  # the copy now in use
    damaged: Path  # where the damaged file was moved


def restore_newest_backup(path: Path) -> Restored:
    """Move the damaged database at ``path`` aside and copy the newest usable backup in its
    place. The caller must have closed every connection to it first."""
    backup = newest_usable_backup(path)
    if backup is None:
        looked = f"{backup_folder(path)} and {path.parent}"
        raise KnownError(f"there is no usable automatic backup of {path} (looked in {looked}); "
                         "nothing was changed")
    stamp = _stamp()
    damaged = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    try:
        if path.exists():
            path.rename(damaged)
        for side in _SIDE_FILES:
            extra = path.with_name(path.name + side)
            if extra.exists():
                extra.rename(damaged.with_name(damaged.name + side))
        shutil.copy2(backup, path)
    except OSError as exc:
        raise KnownError(f"could not restore {backup} to {path}: {exc.strerror or exc}") from exc
    log.warning("restored %s from %s; the damaged file is kept as %s", path, backup, damaged)
    return Restored(backup=backup, damaged=damaged)
