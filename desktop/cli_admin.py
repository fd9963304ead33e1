"""Admin commands: ``attache self-test`` and ``attache db restore``.

``self-test`` is what IT runs after installing, and what support asks an officer to run: one
line per check, or ``--json`` (a list of ``name, ok, required, detail, seconds``). Exit 0 when
every required check passed — a missing keyring is a warning, not a failure — else 1.

``db restore`` is the way back from a damaged SQLite file: it moves the file aside (never
deletes it) and puts the newest automatic backup that SQLite finds whole in its place. It asks
first; ``--yes`` is the consent for scripts. Exit 0 when restored, 1 when not.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from core.selftest import Check, passed, run_self_test
from desktop.cli_calendar import Command
from desktop.cli_support import emit_json


def register_admin_commands(sub: Any, command: Command) -> None:
    p = command(sub, "self-test", cmd_self_test,
                "check this installation: database, feeds, sentiment, calendar, keyring, Qt")
    p.add_argument("--json", action="store_true")


def register_db_commands(dbp: Any, command: Command) -> None:
    """``attache db …`` commands kept here (``upgrade``, ``check`` and ``backup`` are in
    desktop/cli.py)."""
    p = command(dbp, "restore", cmd_db_restore,
                "move a damaged SQLite database aside and restore the newest automatic backup")
    p.add_argument("--yes", action="store_true", help="do it without asking (for scripts)")


def cmd_db_restore(args: argparse.Namespace) -> int:
    from core.database_url import resolve_db_url
    from core.errors import KnownError
    from core.storage.database import Database
    from core.storage.recover import backup_folder, newest_usable_backup, restore_newest_backup

    db = Database(resolve_db_url(getattr(args, "db", None)))
    path = db.sqlite_path
    db.dispose()  # no connection may stay open on the file that is moved aside
    if path is None:
        raise KnownError("db restore works on an SQLite file; a PostgreSQL database is "
                         "restored by IT from its backups (README: Backup and restore)")
    backup = newest_usable_backup(path)
    if backup is None:
        raise KnownError(f"there is no usable automatic backup of {path} (looked in "
                         f"{backup_folder(path)} and {path.parent}); nothing was changed")
    print(f"{path} will be moved aside (kept, not deleted) and replaced by the backup "
          f"{backup} of {_when(backup)}. Changes made since then are not in it.")
    if not args.yes:
        if not sys.stdin.isatty():
            raise KnownError("restoring replaces the database: run again with --yes to agree")
        if input("Restore it? [y/N] ").strip().lower() not in ("y", "yes"):
            print("nothing was changed")
            return 1
    restored = restore_newest_backup(path)
    print(f"restored {path} from {restored.backup}; the damaged file is kept as "
          f"{restored.damaged}")
    return 0


def _when(path: Any) -> str:
    from datetime import datetime

    return datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")


def status_word(check: Check) -> str:
    if check.ok:
        return "ok"
    return "FAIL" if check.required else "warn"


def format_check(check: Check, width: int = 20) -> str:
    return (f"{status_word(check):<4} {check.name:<{width}} ({check.seconds:.2f} s)  "
            f"{check.detail}")


def self_test_checks(on_check: Any = None) -> list[Check]:
    """Core's checks, then Qt's (checked here: core never imports Qt)."""
    from desktop.selftest_qt import check_qt

    checks = run_self_test(on_check)
    qt = check_qt()
    if on_check is not None:
        on_check(qt)
    return [*checks, qt]


def cmd_self_test(args: argparse.Namespace) -> int:
    # --db is accepted like everywhere but not used: the checks run in a temporary database,
    # never the officer's.
    if args.json:
        checks = self_test_checks()
        emit_json([c.to_json() for c in checks])
    else:
        def show(check: Check) -> None:
            print(format_check(check), flush=True)  # as they finish: some take a second

        checks = self_test_checks(show)
        failed = [c.name for c in checks if c.required and not c.ok]
        warned = [c.name for c in checks if not c.required and not c.ok]
        if failed:
            print(f"{len(failed)} required check(s) failed: {', '.join(failed)}")
        else:
            print("all required checks passed"
                  + (f" ({len(warned)} warning(s): {', '.join(warned)})" if warned else ""))
        sys.stdout.flush()
    return 0 if passed(checks) else 1
