"""What every CLI command shares: opening the database, printing JSON, the fetcher."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from core.database_url import resolve_db_url
from core.feeds.fetch import Fetcher
from core.settings import Settings
from core.storage.database import Database
from core.storage.migrate import ensure_schema


def open_db(args: argparse.Namespace, *, migrate: bool = True) -> Database:
    """The database the command works on; with ``migrate``, brought to the current schema and
    (SQLite, once a day) copied to its automatic backups (core.storage.recover)."""
    from core.storage.recover import daily_backup

    db = Database(resolve_db_url(getattr(args, "db", None)))
    args.opened.append(db)  # disposed by run(), so no connection outlives the command
    # A write that waits for another process's lock says so once, on stderr.
    db.busy_listeners.append(lambda message: print(f"attache: {message}", file=sys.stderr,
                                                   flush=True))
    if migrate:
        backup = ensure_schema(db)
        if backup is not None:
            print(f"attache: upgraded the database; the old one is saved as {backup}",
                  file=sys.stderr)
        daily_backup(db)
    return db


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def make_fetcher() -> tuple[Fetcher, Settings]:
    settings = Settings.load()
    return Fetcher.from_settings(settings), settings


