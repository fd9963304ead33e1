"""Backups of the database: SQLite's online backup API, or pg_dump for a team server."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from core.errors import KnownError
from core.storage.database import Database


def backup_database(db: Database, target: Path) -> Path:
    """Write a consistent copy of the database to ``target`` (never over an existing file)."""
    target = Path(target).expanduser()
    if target.exists():
        raise KnownError(f"backup target {target} already exists; choose a new file name")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KnownError(f"cannot write the backup to {target}: {exc.strerror or exc}") from None
    if db.is_sqlite:
        source_path = db.sqlite_path
        if source_path is None:
            raise KnownError("an in-memory database cannot be backed up")
        # The backup API copies a consistent snapshot even while another process writes (WAL).
        src = sqlite3.connect(source_path)
        try:
            dst = sqlite3.connect(target)
        except sqlite3.Error as exc:
            src.close()
            raise KnownError(f"cannot write the backup to {target}: {exc}") from None
        try:
            with dst:
                src.backup(dst)
            # A copy is one self-contained file: in the source's WAL mode, merely opening it
            # (a check, a restore) would leave -wal and -shm files beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
            src.close()
        return target
    if db.dialect == "postgresql":
        return _pg_dump(db, target)
    raise KnownError(f"backups of {db.dialect} databases are not supported")


def _pg_dump(db: Database, target: Path) -> Path:
    exe = shutil.which("pg_dump")
    if exe is None:
        raise KnownError("pg_dump was not found on PATH; install the PostgreSQL client tools")
    url = db.url
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password  # never on the command line, where ps could show it
    args = [exe, "--format=custom", "--no-owner", f"--file={target}"]
    if url.host:
        args.append(f"--host={url.host}")
    if url.port:
        args.append(f"--port={url.port}")
    if url.username:
        args.append(f"--username={url.username}")
    args.append(url.database or "postgres")
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise KnownError(f"pg_dump failed: {done.stderr.strip().splitlines()[-1:]}")
    return target
