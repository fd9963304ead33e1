"""``attache screenshots | demo``: the commands that open the app's windows (Qt loads inside
them, never for the other commands)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.errors import KnownError
from desktop.cli_support import Subcommands, command, open_db


def add_screenshots(sub: Subcommands, name: str, help_text: str) -> None:
    p = command(sub, name, cmd_screenshots, help_text)
    p.add_argument("folder")
    p.add_argument("--demo", action="store_true",
                   help="screenshot a temporary database filled with the demo (not --db)")
    p.add_argument("--screen", metavar="WIDTHxHEIGHT",
                   help="open everything as on a screen this size (e.g. 1366x768)")
    p.add_argument("--language", metavar="CODE",
                   help="the interface language of the pictures (en, ru…); default: the "
                        "interface_language setting, else the system's")


def add_demo(sub: Subcommands, name: str, help_text: str) -> None:
    p = command(sub, name, cmd_demo, help_text)
    p.add_argument("--keep", metavar="DIR",
                   help="keep the demo database in DIR (opened again next time) instead of a "
                        "temporary folder deleted when the window closes")
    p.add_argument("--no-window", action="store_true",
                   help="with --keep DIR: create (or refresh) the demo database there and exit, "
                        "printing the --db URL that every command then works with")


def cmd_screenshots(args: argparse.Namespace) -> int:
    from desktop.screenshots import screen_size, take_screenshots

    screen = screen_size(args.screen) if args.screen else None
    if args.demo:
        import tempfile

        from core.demo import demo_database
        from core.storage.database import Database

        with tempfile.TemporaryDirectory(prefix="attache-demo-",
                                         ignore_cleanup_errors=True) as folder:
            db = Database(demo_database(folder))
            try:  # closed before the folder goes: Windows cannot delete an open file
                paths = take_screenshots(db, Path(args.folder), open_first_item=True,
                                         screen=screen, language=args.language)
            finally:
                db.dispose()
    else:
        paths = take_screenshots(open_db(args), Path(args.folder), screen=screen,
                                 language=args.language)
    for path in paths:
        print(path)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """The app on sample content, for a first look without sources or a network."""
    import shutil
    import tempfile

    from core.demo import DEMO_FILE, demo_database
    from desktop.app import run_gui

    if getattr(args, "db", None):
        raise KnownError("the demo makes its own database; use --keep DIR to keep it")
    if args.no_window:
        from core.demo import refresh_demo_database

        if not args.keep:
            raise KnownError("--no-window needs --keep DIR (where the demo database stays)")
        url = refresh_demo_database(args.keep)
        print(f"attache: demo database ready at {Path(args.keep) / DEMO_FILE}; try: attache "
              f"--db {url} report summary", file=sys.stderr)
        print(f"--db {url}")
        return 0
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="attache-demo-"))
    path = folder / DEMO_FILE
    try:
        if args.keep and path.exists():
            url = f"sqlite:///{path.resolve().as_posix()}"
            print(f"attache: opening the demo database kept at {path}", file=sys.stderr)
        else:
            url = demo_database(folder)
            print(f"attache: demo database at {path}"
                  + ("" if args.keep else " (deleted when the window closes)"), file=sys.stderr)
        return run_gui(url, offline=True)  # F5 and the scheduler never touch the network
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


