"""``attache self-test``: what IT runs after installing, and what support asks an officer to run.

One line per check, or ``--json`` (a list of ``name, ok, required, detail, seconds``). Exit 0
when every required check passed — a missing keyring is a warning, not a failure — else 1.
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


def status_word(check: Check) -> str:
    if check.ok:
        return "ok"
    return "FAIL" if check.required else "warn"


def format_check(check: Check, width: int = 20) -> str:
    return (f"{status_word(check):<4} {check.name:<{width}} ({check.seconds:.2f} s)  "
            f"{check.detail}")


def self_test_checks(on_check: Any = None) -> list[Check]:
    """Core's checks, then Qt's (checked here: core never imports Qt)."""
    from desktop.selftest_qt import check_qt, check_qt_desktop

    checks = run_self_test(on_check)
    qt = [check_qt(), check_qt_desktop()]
    if on_check is not None:
        for check in qt:
            on_check(check)
    return [*checks, *qt]


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
