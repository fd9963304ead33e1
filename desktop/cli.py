"""The ``attache`` command line. Its commands, flags, JSON keys and exit codes are a contract:
planners and IT script against them (README "Command line"). Extend freely; never rename.

Exit codes: 0 success, 1 a failure (a refresh with a failed source, a known error), 2 usage.

Start-up is part of the contract too: scripts call ``attache`` in loops, so this module parses
first and imports only the chosen command's module. ``attache --help`` and ``--version`` load
no database, network or calendar code (tests/desktop/test_cli_startup.py checks;
benchmarks/bench_startup.py measures).

Adding a command (it stays lazy):

1. In a ``desktop/cli_<topic>.py`` module (one exists per topic: feeds, calendar, social,
   sentiment, admin, app), write ``add_<name>(sub, name, help_text)``. It builds the command
   with ``desktop.cli_support``: ``command(sub, name, cmd_func, help_text)`` for a single
   command, or ``actions = group(sub, name, help_text)`` then ``command(actions, "list", ...)``
   for one with actions. ``cmd_func(args) -> int`` is the exit code; ``open_db(args)``,
   ``emit_json`` and ``parse_since`` are in ``cli_support`` too.
2. Add one line to ``COMMANDS`` in desktop/commands.py: the name, its one-line help (shown
   by ``attache --help`` without importing your module) and ``"module:function"``.

Keep the module's top-level imports to what parsing needs: anything heavy (requests,
feedparser, holidays, sentiment models, Qt) goes inside the ``cmd_*`` function that uses it, so
another command of the same module does not pay for it.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from core.errors import KnownError
from desktop.cli_support import COMMON
from desktop.commands import COMMANDS


class VersionAction(argparse.Action):
    """``--version``, looked up only when asked for (package metadata is a disk scan)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:  # noqa: A002
        super().__init__(option_strings, dest=dest, default=default, nargs=0,
                         help=help or "show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        from core import __version__

        print(f"attache {__version__}")  # to stdout, as argparse's own version action does
        parser.exit()


def chosen_command(argv: Sequence[str]) -> str | None:
    """The command named in ``argv``: its first word that is neither an option nor the value
    of ``--db``. None when there is none (the app, or ``--help``)."""
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser for ``attache only ...``: that command's module is imported and its parser
    built, nothing else. With no known ``only`` (``--help``, a typo) every command is listed by
    name and help, for the help text and the "invalid choice" message; ``"*"`` builds them
    all (documentation and tests)."""
    parser = argparse.ArgumentParser(prog="attache", parents=[COMMON],
                                     description="Attaché: monitor, plan and listen. "
                                                 "With no command, opens the desktop app.")
    parser.add_argument("--version", action=VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, target) in COMMANDS.items():
        if only in (name, "*"):
            module, function = target.split(":")
            getattr(importlib.import_module(module), function)(sub, name, help_text)
        elif only not in COMMANDS:
            sub.add_parser(name, help=help_text)
    return parser


# ------------------------------------------------------------------------ entry

def run(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(chosen_command(argv))
    args = parser.parse_args(argv)
    debug = getattr(args, "debug", False)
    from desktop.logs import setup_logging

    setup_logging(debug)
    if args.command is None:
        from core.database_url import resolve_db_url
        from desktop.app import run_gui

        return run_gui(resolve_db_url(getattr(args, "db", None)))
    if not hasattr(args, "func"):
        parser.parse_args([args.command, "--help"])
    gc.enable()  # desktop.main disables it while modules load; the command's work may need it
    args.opened = []
    try:
        return args.func(args)
    except KnownError as exc:
        if debug:
            raise
        print(f"attache: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("attache: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if debug:
            raise
        import logging

        logging.getLogger("attache").exception("unexpected error")
        print(f"attache: unexpected error: {type(exc).__name__}: {exc} "
              "(run with --debug for details; the log has the traceback)", file=sys.stderr)
        return 1
    finally:
        for db in args.opened:
            db.dispose()
