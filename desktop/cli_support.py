"""What every CLI command module shares: building its parser, opening the database, printing
JSON, the fetcher.

Imported by every ``desktop/cli_*.py`` module and by ``desktop/cli.py`` itself, so it imports
nothing heavy at its top: ``attache --help`` loads it, and must not load the database, the
network or the calendar (tests/desktop/test_cli_startup.py checks).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.net.fetch import Fetcher
    from core.settings import Settings
    from core.storage.database import Database

Subcommands = Any  # argparse's private _SubParsersAction: what add_subparsers() returns
Handler = Callable[[argparse.Namespace], int]


def common_options() -> argparse.ArgumentParser:
    """``--db`` and ``--debug``, accepted before the command and after it."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS so "attache --db X cmd" and "attache cmd --db X" both work.
    common.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="SQLAlchemy database URL (default: $ATTACHE_DB_URL or SQLite in "
                             "the data folder)")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show tracebacks and debug logging")
    return common


COMMON = common_options()


def command(parent: Subcommands, name: str, func: Handler,
            help_text: str) -> argparse.ArgumentParser:
    """A command that runs ``func(args)`` (its exit code), with the common options."""
    p = parent.add_parser(name, parents=[COMMON], help=help_text, description=help_text)
    p.set_defaults(func=func)
    return p


def group(parent: Subcommands, name: str, help_text: str) -> Subcommands:
    """A command made of actions (``attache sources add|list|...``): add them to the result."""
    return parent.add_parser(name, help=help_text, description=help_text).add_subparsers(
        dest="sub", metavar="ACTION", required=True)


def counted(n: int, noun: str, nouns: str | None = None) -> str:
    """"1 post", "3 posts": the command line speaks English, whose plural is one form."""
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def parse_since(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an ISO date: {value!r} (e.g. 2026-11-01 or 2026-11-01T09:00+05:00)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def open_db(args: argparse.Namespace, *, migrate: bool = True) -> Database:
    """The database the command works on; with ``migrate``, brought to the current schema and
    (SQLite, once a day) copied to its automatic backups (core.storage.recover)."""
    from core.database_url import resolve_db_url
    from core.storage.database import Database
    from core.storage.migrate import ensure_schema

    db = Database(resolve_db_url(getattr(args, "db", None)))
    args.opened.append(db)  # disposed by run(), so no connection outlives the command
    # A write that waits for another process's lock says so once, on stderr ("" ends the wait).
    db.busy_listeners.append(lambda message: message and print(
        f"attache: {message}", file=sys.stderr, flush=True))
    if migrate:
        from core.storage.recover import daily_backup

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
    from core.net.fetch import Fetcher
    from core.settings import Settings

    settings = Settings.load()
    return Fetcher.from_settings(settings), settings
