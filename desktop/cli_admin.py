"""``attache self-test | db | config``: what IT runs after installing, and what support asks an
officer to run.

``self-test`` prints one line per check, or ``--json`` (a list of ``name, ok, required, detail,
seconds``). Exit 0 when every required check passed — a missing keyring is a warning, not a
failure — else 1.

``db restore`` is the way back from a damaged SQLite file: it moves the file aside (never
deletes it) and puts the newest automatic backup that SQLite finds whole in its place. It asks
first; ``--yes`` is the consent for scripts. Exit 0 when restored, 1 when not.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import KnownError
from desktop.cli_support import Subcommands, command, emit_json, group, open_db

if TYPE_CHECKING:
    from core.selftest import Check


def add_self_test(sub: Subcommands, name: str, help_text: str) -> None:
    command(sub, name, cmd_self_test, help_text).add_argument("--json", action="store_true")


def add_db(sub: Subcommands, name: str, help_text: str) -> None:
    dbp = group(sub, name, help_text)
    command(dbp, "upgrade", cmd_db_upgrade, "upgrade the schema (backs up SQLite first)")
    p = command(dbp, "check", cmd_db_check, "integrity and schema version")
    p.add_argument("--json", action="store_true")
    command(dbp, "backup", cmd_db_backup, "write a consistent copy of the database").add_argument(
        "file")
    p = command(dbp, "restore", cmd_db_restore,
                "move a damaged SQLite database aside and restore the newest automatic backup")
    p.add_argument("--yes", action="store_true", help="do it without asking (for scripts)")


def add_config(sub: Subcommands, name: str, help_text: str) -> None:
    cfg = group(sub, name, help_text)
    command(cfg, "show", cmd_config_show, "print the settings as JSON")
    p = command(cfg, "set", cmd_config_set, "change one setting (e.g. proxy)")
    p.add_argument("key")
    p.add_argument("value")


def status_word(check: Check) -> str:
    if check.ok:
        return "ok"
    return "FAIL" if check.required else "warn"


def format_check(check: Check, width: int = 20) -> str:
    return (f"{status_word(check):<4} {check.name:<{width}} ({check.seconds:.2f} s)  "
            f"{check.detail}")


def self_test_checks(on_check: Any = None) -> list[Check]:
    """Core's checks, then the desktop's modules and Qt (checked here: core never imports Qt)."""
    from core.selftest import run_self_test
    from desktop.named_modules import check_desktop_modules
    from desktop.selftest_qt import check_qt, check_qt_desktop

    checks = run_self_test(on_check)
    qt = [check_desktop_modules(), check_qt(), check_qt_desktop()]
    if on_check is not None:
        for check in qt:
            on_check(check)
    return [*checks, *qt]


def cmd_self_test(args: argparse.Namespace) -> int:
    from core.selftest import passed

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


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from core.storage.migrate import ensure_schema, schema_state

    db = open_db(args, migrate=False)
    before = schema_state(db)
    backup = ensure_schema(db)
    after = schema_state(db)
    if before.up_to_date:
        print(f"database is up to date (schema {after.current})")
    else:
        print(f"upgraded schema {before.current or 'empty'} → {after.current}"
              + (f"; backup at {backup}" if backup else ""))
    return 0


def cmd_db_check(args: argparse.Namespace) -> int:
    from core.storage.check import check_database

    report = check_database(open_db(args, migrate=False))
    if args.json:
        emit_json([report])
    else:
        print(f"schema: {report['schema_version'] or 'empty'} (this Attaché: "
              f"{report['code_version']}) — {report['schema']}")
        print(f"integrity: {'ok' if report['integrity_ok'] else 'PROBLEMS'}")
        for problem in report["problems"]:
            print(f"  - {problem}")
    return 0 if report["ok"] else 1


def cmd_db_backup(args: argparse.Namespace) -> int:
    from core.storage.backup import backup_database

    target = backup_database(open_db(args, migrate=False), Path(args.file))
    print(f"backup written to {target}")
    return 0


def cmd_db_restore(args: argparse.Namespace) -> int:
    from core.database_url import resolve_db_url
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


def _when(path: Path) -> str:
    from datetime import datetime

    return datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")


def _shown_setting(key: str, value: object) -> object:
    """A setting as the CLI echoes it: URLs that may carry a password have it masked (the
    terminal, its scrollback and a pasted transcript are not the place for it)."""
    from core.storage.urls import masked_proxy, masked_url

    if not isinstance(value, str) or not value:
        return value
    if key == "database_url":
        return masked_url(value)
    if key == "proxy":
        return masked_proxy(value)
    return value


def cmd_config_show(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from core.settings import Settings

    emit_json({key: _shown_setting(key, value)
               for key, value in asdict(Settings.load()).items()})
    return 0


def cmd_config_set(args: argparse.Namespace) -> int:
    from core.settings import Settings

    settings = Settings.load()
    try:
        settings.set(args.key, args.value)
    except ValueError as exc:
        raise KnownError(f"bad value for {args.key}: {exc}") from None
    typed = getattr(settings, args.key)
    settings.save()  # moves a database or proxy password into the OS keyring (or refuses)
    print(f"{args.key} = {_shown_setting(args.key, getattr(settings, args.key))!r}")
    if args.key in ("database_url", "proxy") and typed != getattr(settings, args.key):
        from core.secrets import current_backend

        what = "database" if args.key == "database_url" else "proxy"
        backend = current_backend()
        where = "the OS keyring" if not backend.allowed_by_site else backend.describe()
        print(f"attache: the {what} password is kept in {where}, not in settings.json",
              file=sys.stderr)
    return 0
