"""``attache sources | opml | refresh | items``: feeds in, items out.

Listing is the common case in scripts (``sources list --json`` in a loop), so this module's top
imports only what listing needs; fetching, parsing and sentiment load inside the commands that
use them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.errors import KnownError
from core.feeds import sources
from desktop.cli_support import (
    Subcommands,
    command,
    emit_json,
    group,
    make_fetcher,
    open_db,
    parse_since,
)


def add_sources(sub: Subcommands, name: str, help_text: str) -> None:
    from core.social.registry import KINDS

    src = group(sub, name, help_text)
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


def add_opml(sub: Subcommands, name: str, help_text: str) -> None:
    op = group(sub, name, help_text)
    p = command(op, "import", cmd_opml_import, "import feeds from an OPML file")
    p.add_argument("file", nargs="?")
    p.add_argument("--starter", action="store_true",
                   help="import the curated starter sources shipped with Attaché")
    command(op, "export", cmd_opml_export, "export feeds to an OPML file").add_argument("file")


def add_refresh(sub: Subcommands, name: str, help_text: str) -> None:
    p = command(sub, name, cmd_refresh, help_text)
    p.add_argument("--source", type=int, action="append", metavar="ID",
                   help="only this source (repeatable)")
    p.add_argument("--force", action="store_true",
                   help="ignore refresh intervals (never Retry-After or gone)")
    p.add_argument("--json", action="store_true")


def add_items(sub: Subcommands, name: str, help_text: str) -> None:
    from core.feeds.items import MARKS

    it = group(sub, name, help_text)
    p = command(it, "list", cmd_items_list, "list items, newest first")
    p.add_argument("--source", type=int, metavar="ID")
    p.add_argument("--search", metavar="Q")
    p.add_argument("--unread", action="store_true")
    p.add_argument("--starred", action="store_true")
    p.add_argument("--summary", action="store_true",
                   help="only items marked for the media summary")
    p.add_argument("--since", metavar="DATE", type=parse_since)
    p.add_argument("--limit", type=int, default=100, help="default 100; 0 means all")
    p.add_argument("--json", action="store_true")
    p = command(it, "mark", cmd_items_mark,
                "mark items read/unread/starred, or for the media summary")
    p.add_argument("ids", type=int, nargs="+", metavar="ID")
    marks = p.add_mutually_exclusive_group(required=True)
    for mark in MARKS:
        marks.add_argument(f"--{mark}", dest="mark", action="store_const", const=mark)
    p.add_argument("--note", metavar="TEXT",
                   help="with --summary: the officer's note on the item in the summary "
                        "(\"\" clears it)")


def cmd_sources_add(args: argparse.Namespace) -> int:
    from core.net.fetch import Fetcher
    from core.settings import Settings
    from core.social.accounts import add_social_source
    from core.social.registry import detect_kind

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
    from core.feeds import opml
    from core.settings import Settings
    from core.siteconfig import starter_opml

    # --starter: IT's own list (site.toml default_sources) if there is one, else ours.
    path = starter_opml() if args.starter else Path(args.file)
    report = opml.import_opml(open_db(args), path, Settings.load().default_interval_minutes)
    print(f"imported {len(report.added)} feeds; {len(report.already_present)} already present"
          + (f"; {len(report.invalid)} invalid URLs skipped" if report.invalid else ""))
    for url in report.invalid:
        print(f"attache: skipped invalid URL {url!r}", file=sys.stderr)
    for url in report.credentials_removed:
        print(f"attache: removed a user name and password from the address of {url} "
              "(Attaché never stores passwords in addresses)", file=sys.stderr)
    return 0


def cmd_opml_export(args: argparse.Namespace) -> int:
    from core.feeds import opml

    count = opml.export_opml(open_db(args), Path(args.file))
    print(f"exported {count} feeds to {args.file}")
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    from core.feeds.parsepool import ParsePool, processes_pay_off
    from core.feeds.refresh import FeedRefresher, RefreshResult
    from core.sentiment.scoring import Scorer

    db = open_db(args)
    if args.source:
        for source_id in args.source:
            sources.get_source(db, source_id)
    fetcher, settings = make_fetcher()
    pool = (ParsePool(settings.parse_processes or None)
            if settings.parse_in_processes and processes_pay_off(settings.parse_processes)
            else None)
    refresher = FeedRefresher(db, fetcher, workers=settings.workers, per_host=settings.per_host,
                              parse_pool=pool, scorer=Scorer.from_settings(settings, db))

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
    from core.feeds import items as item_ops

    rows = item_ops.list_items(open_db(args), source_id=args.source, search=args.search,
                               unread=args.unread, starred=args.starred, since=args.since,
                               limit=args.limit, summary=args.summary)
    if args.json:
        emit_json([item_ops.item_json(r) for r in rows])
        return 0
    for r in rows:
        flags = (("★" if r["starred"] else " ") + (" " if r["read"] else "•")
                 + ("D" if r["summary"] else " "))
        when = r["published"].astimezone().strftime("%Y-%m-%d %H:%M") if r["published"] else ""
        print(f"{r['id']:>6} {flags} {when:<16} {r['title'] or '(untitled)'}")
    return 0


def cmd_items_mark(args: argparse.Namespace) -> int:
    from core.feeds import items as item_ops

    count = item_ops.mark_items(open_db(args), args.ids, args.mark, note=args.note)
    print(f"marked {count} items {args.mark}"
          + ("" if args.note is None else " (note cleared)" if not args.note.strip()
             else " with the note"))
    return 0


