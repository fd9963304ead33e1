"""The ``attache`` command line. Its commands, flags, JSON keys and exit codes are a contract:
planners and IT script against them (README "Command line"). Extend freely; never rename.

Exit codes: 0 success, 1 a failure (a refresh with a failed source, a known error), 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core import __version__
from core.errors import KnownError
from core.feeds import items as item_ops
from core.feeds import opml, sources
from core.feeds.fetch import Fetcher
from core.feeds.parsepool import ParsePool
from core.feeds.refresh import FeedRefresher, RefreshResult
from core.paths import resolve_db_url
from core.sentiment.scoring import Scorer
from core.settings import Settings
from core.social.accounts import add_social_source
from core.social.registry import KINDS, detect_kind
from core.storage.backup import backup_database
from core.storage.migrate import ensure_schema, schema_state
from desktop.cli_admin import register_admin_commands
from desktop.cli_calendar import register_calendar_commands
from desktop.cli_sentiment import register_sentiment_commands
from desktop.cli_social import register_social_commands
from desktop.cli_support import emit_json, make_fetcher, open_db
from desktop.logs import setup_logging


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS so "attache --db X cmd" and "attache cmd --db X" both work.
    common.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="SQLAlchemy database URL (default: $ATTACHE_DB_URL or SQLite in "
                             "the data folder)")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show tracebacks and debug logging")
    parser = argparse.ArgumentParser(prog="attache", parents=[common],
                                     description="Attaché: monitor, plan and listen. "
                                                 "With no command, opens the desktop app.")
    parser.add_argument("--version", action="version", version=f"attache {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(parent: Any, name: str, func: Callable, help_text: str) -> argparse.ArgumentParser:
        p = parent.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    src = sub.add_parser("sources", help="add, list and remove sources").add_subparsers(
        dest="sub", metavar="ACTION", required=True)
    p = command(src, "add", cmd_sources_add, "add a feed (a web page URL finds its feed)")
    p.add_argument("url")
    p.add_argument("--name")
    p.add_argument("--interval", type=int, metavar="MINUTES")
    p.add_argument("--category")
    p.add_argument("--no-check", action="store_true",
                   help="add without fetching the URL (offline); no autodiscovery")
    p.add_argument("--kind", choices=KINDS,
                   help="what URL is (default: recognised from it; rss covers Atom and JSON)")
    p.add_argument("--own", action="store_true",
                   help="one of the embassy's own accounts: its replies are collected")
    p.add_argument("--json", action="store_true")
    p = command(src, "list", cmd_sources_list, "list sources with status and item counts")
    p.add_argument("--json", action="store_true")
    p = command(src, "remove", cmd_sources_remove, "remove a source and its items")
    p.add_argument("id", type=int)
    p = command(src, "enable", cmd_sources_enable,
                "re-enable a disabled or gone source (clears its backoff)")
    p.add_argument("id", type=int)
    p = command(src, "disable", cmd_sources_disable, "stop polling a source, keep its items")
    p.add_argument("id", type=int)

    op = sub.add_parser("opml", help="import or export OPML").add_subparsers(
        dest="sub", metavar="ACTION", required=True)
    p = command(op, "import", cmd_opml_import, "import feeds from an OPML file")
    p.add_argument("file", nargs="?")
    p.add_argument("--starter", action="store_true",
                   help="import the curated starter sources shipped with Attaché")
    command(op, "export", cmd_opml_export, "export feeds to an OPML file").add_argument("file")

    p = command(sub, "refresh", cmd_refresh, "fetch due sources")
    p.add_argument("--source", type=int, action="append", metavar="ID",
                   help="only this source (repeatable)")
    p.add_argument("--force", action="store_true",
                   help="ignore refresh intervals (never Retry-After or gone)")
    p.add_argument("--json", action="store_true")

    it = sub.add_parser("items", help="list and mark items").add_subparsers(
        dest="sub", metavar="ACTION", required=True)
    p = command(it, "list", cmd_items_list, "list items, newest first")
    p.add_argument("--source", type=int, metavar="ID")
    p.add_argument("--search", metavar="Q")
    p.add_argument("--unread", action="store_true")
    p.add_argument("--starred", action="store_true")
    p.add_argument("--since", metavar="DATE", type=parse_since)
    p.add_argument("--limit", type=int, default=100, help="default 100; 0 means all")
    p.add_argument("--json", action="store_true")
    p = command(it, "mark", cmd_items_mark, "mark items read/unread/starred")
    p.add_argument("ids", type=int, nargs="+", metavar="ID")
    marks = p.add_mutually_exclusive_group(required=True)
    for mark in item_ops.MARKS:
        marks.add_argument(f"--{mark}", dest="mark", action="store_const", const=mark)

    dbp = sub.add_parser("db", help="database maintenance").add_subparsers(
        dest="sub", metavar="ACTION", required=True)
    command(dbp, "upgrade", cmd_db_upgrade, "upgrade the schema (backs up SQLite first)")
    p = command(dbp, "check", cmd_db_check, "integrity and schema version")
    p.add_argument("--json", action="store_true")
    command(dbp, "backup", cmd_db_backup, "write a consistent copy of the database").add_argument(
        "file")

    cfg = sub.add_parser("config", help="show or change settings").add_subparsers(
        dest="sub", metavar="ACTION", required=True)
    command(cfg, "show", cmd_config_show, "print the settings as JSON")
    p = command(cfg, "set", cmd_config_set, "change one setting (e.g. proxy)")
    p.add_argument("key")
    p.add_argument("value")

    register_calendar_commands(sub, command)
    register_social_commands(sub, command)
    register_sentiment_commands(sub, command)
    register_admin_commands(sub, command)
    p = command(sub, "screenshots", cmd_screenshots, "render the app's views to PNG files")
    p.add_argument("folder")
    p.add_argument("--demo", action="store_true",
                   help="screenshot a temporary database filled with the demo (not --db)")
    p.add_argument("--screen", metavar="WIDTHxHEIGHT",
                   help="open everything as on a screen this size (e.g. 1366x768)")
    p = command(sub, "demo", cmd_demo, "open the app on sample content (works offline)")
    p.add_argument("--keep", metavar="DIR",
                   help="keep the demo database in DIR (opened again next time) instead of a "
                        "temporary folder deleted when the window closes")
    return parser


def parse_since(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an ISO date: {value!r} (e.g. 2026-11-01 or 2026-11-01T09:00+05:00)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# ------------------------------------------------------------------------ commands

def cmd_sources_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    kind = args.kind or detect_kind(args.url)
    settings = Settings.load()
    interval = args.interval or settings.default_interval_minutes
    if kind == "rss":
        fetcher = None if args.no_check else Fetcher.from_settings(settings)
        source = sources.add_source(db, args.url, fetcher=fetcher, name=args.name,
                                    interval_minutes=interval, category=args.category,
                                    own=args.own)
    else:
        if args.no_check:
            raise KnownError(f"a {kind} account is looked up online; --no-check cannot add it")
        source = add_social_source(db, Fetcher.from_settings(settings), args.url, kind,
                                   own=args.own, name=args.name, interval_minutes=interval,
                                   category=args.category)
    if args.json:
        row = next(r for r in sources.list_sources(db) if r["id"] == source.id)
        emit_json([sources.source_json(row)])
    else:
        notes = [n for n in (source.kind if source.kind != "feed" else "",
                             "own account" if source.own else "") if n]
        print(f"added source {source.id}: {source.title or source.url} <{source.url}>"
              + (f" ({', '.join(notes)})" if notes else ""))
    return 0


def cmd_sources_list(args: argparse.Namespace) -> int:
    rows = sources.list_sources(open_db(args))
    if args.json:
        emit_json([sources.source_json(r) for r in rows])
        return 0
    if not rows:
        print("no sources yet: attache sources add URL, or attache opml import FILE")
        return 0
    print(f"{'ID':>4}  {'STATUS':<6}  {'ITEMS':>6}  {'CATEGORY':<16}  TITLE / URL")
    for r in rows:
        status = r["status"] if r["enabled"] else "off"
        print(f"{r['id']:>4}  {status:<6}  {r['item_count']:>6}  {(r['category'] or '')[:16]:<16}"
              f"  {r['title'] or '(untitled)'} <{r['url']}>")
        if r["error"]:
            print(f"{'':>4}  ↳ {r['error']}")
    return 0


def cmd_sources_remove(args: argparse.Namespace) -> int:
    removed = sources.remove_source(open_db(args), args.id)
    print(f"removed source {args.id} and {removed} items")
    return 0


def cmd_sources_enable(args: argparse.Namespace) -> int:
    sources.enable_source(open_db(args), args.id)
    print(f"source {args.id} enabled; it will be fetched on the next refresh")
    return 0


def cmd_sources_disable(args: argparse.Namespace) -> int:
    sources.disable_source(open_db(args), args.id)
    print(f"source {args.id} disabled")
    return 0


def cmd_opml_import(args: argparse.Namespace) -> int:
    if bool(args.file) == bool(args.starter):
        raise KnownError("give an OPML file or --starter (not both)")
    from core.siteconfig import starter_opml

    # --starter: IT's own list (site.toml default_sources) if there is one, else ours.
    path = starter_opml() if args.starter else Path(args.file)
    report = opml.import_opml(open_db(args), path, Settings.load().default_interval_minutes)
    print(f"imported {len(report.added)} feeds; {len(report.already_present)} already present"
          + (f"; {len(report.invalid)} invalid URLs skipped" if report.invalid else ""))
    for url in report.invalid:
        print(f"attache: skipped invalid URL {url!r}", file=sys.stderr)
    return 0


def cmd_opml_export(args: argparse.Namespace) -> int:
    count = opml.export_opml(open_db(args), Path(args.file))
    print(f"exported {count} feeds to {args.file}")
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    db = open_db(args)
    if args.source:
        for source_id in args.source:
            sources.get_source(db, source_id)
    fetcher, settings = make_fetcher()
    pool = ParsePool(settings.parse_processes or None) if settings.parse_in_processes else None
    refresher = FeedRefresher(db, fetcher, workers=settings.workers, per_host=settings.per_host,
                              parse_pool=pool, scorer=Scorer.from_settings(settings))

    def progress(result: RefreshResult, done: int, total: int) -> None:
        detail = result.error or f"+{result.new_items} new, {result.updated_items} updated"
        if result.http_status == 304:
            detail = "not modified"
        print(f"[{done}/{total}] {result.status:<5} {result.url} — {detail}", file=sys.stderr)

    try:
        results = refresher.refresh(args.source, force=args.force,
                                    on_result=None if args.json else progress)
    finally:
        fetcher.close()
        if pool is not None:
            pool.close()
    if args.json:
        emit_json([r.to_json() for r in results])
    else:
        for r in results:
            if r.status == "skipped":
                print(f"skipped {r.url}: {r.error}", file=sys.stderr)
        fetched = [r for r in results if r.status != "skipped"]
        failed = sum(r.failed for r in fetched)
        new = sum(r.new_items for r in fetched)
        print(f"refreshed {len(fetched)} sources: {new} new items, {failed} failed")
    return 1 if any(r.failed for r in results) else 0


def cmd_items_list(args: argparse.Namespace) -> int:
    rows = item_ops.list_items(open_db(args), source_id=args.source, search=args.search,
                               unread=args.unread, starred=args.starred, since=args.since,
                               limit=args.limit)
    if args.json:
        emit_json([item_ops.item_json(r) for r in rows])
        return 0
    for r in rows:
        flags = ("★" if r["starred"] else " ") + (" " if r["read"] else "•")
        when = r["published"].astimezone().strftime("%Y-%m-%d %H:%M") if r["published"] else ""
        print(f"{r['id']:>6} {flags} {when:<16} {r['title'] or '(untitled)'}")
    return 0


def cmd_items_mark(args: argparse.Namespace) -> int:
    count = item_ops.mark_items(open_db(args), args.ids, args.mark)
    print(f"marked {count} items {args.mark}")
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
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
    target = backup_database(open_db(args, migrate=False), Path(args.file))
    print(f"backup written to {target}")
    return 0


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
                                         screen=screen)
            finally:
                db.dispose()
    else:
        paths = take_screenshots(open_db(args), Path(args.folder), screen=screen)
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

    emit_json({key: _shown_setting(key, value)
               for key, value in asdict(Settings.load()).items()})
    return 0


def cmd_config_set(args: argparse.Namespace) -> int:
    settings = Settings.load()
    try:
        settings.set(args.key, args.value)
    except ValueError as exc:
        raise KnownError(f"bad value for {args.key}: {exc}") from None
    typed = getattr(settings, args.key)
    settings.save()  # moves a database password into the OS keyring (or refuses)
    print(f"{args.key} = {_shown_setting(args.key, getattr(settings, args.key))!r}")
    if args.key == "database_url" and typed != settings.database_url:
        print("attache: the database password is kept in the OS keyring, not in "
              "settings.json", file=sys.stderr)
    return 0


# ------------------------------------------------------------------------ entry

def run(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = getattr(args, "debug", False)
    setup_logging(debug)
    if args.command is None:
        from desktop.app import run_gui

        return run_gui(resolve_db_url(getattr(args, "db", None)))
    if not hasattr(args, "func"):
        parser.parse_args([args.command, "--help"])
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
