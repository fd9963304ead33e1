"""``attache report summary`` (the daily media summary) and ``attache report period`` (the
period report), written as Word, PDF, self-contained HTML, plain text or Excel.

The file is checked before anything is built (an unwritable path is a one-line error at
once) and written all at once (``core.reports.output``): no partial file is ever left. An
empty range is not an error: the report says it is empty. Charts and PDF pages are drawn by
Qt off-screen (``desktop.report_render``), imported only for the formats that need it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli_support import Subcommands, command, group

SUMMARY_GROUPINGS = ("term", "category", "source")  # core.reports.summary.GROUPINGS (tested)


def add_report(sub: Subcommands, name: str, help_text: str) -> None:
    """``attache report summary|period``. Parsing imports no report-writing code (start-up):
    the formats are read from their records (core/reports/formats.py, which loads a writer
    only to write); the groupings are restated and a test keeps them equal to core's."""
    from core.reports.formats import keys_for

    rep = group(sub, name, help_text)
    p = command(rep, "summary", cmd_report_summary,
                "the daily media summary: picked stories grouped, with the officer's notes")
    _dates(p, required=False)
    p.add_argument("--by", choices=SUMMARY_GROUPINGS, default="term",
                   help="group by watch term (default), category or source")
    pick = p.add_mutually_exclusive_group()
    pick.add_argument("--marked", dest="pick", action="store_const", const="marked",
                      help="items marked for the summary (the default; key D in the app)")
    pick.add_argument("--starred", dest="pick", action="store_const", const="starred",
                      help="starred items")
    pick.add_argument("--watch", metavar="TERM", nargs="+",
                      help="items that mention these watch terms (not the embassy's own posts)")
    p.add_argument("--source", type=int, action="append", metavar="ID", default=[],
                   help="only items of this source (repeatable); alone, every item of them")
    p.add_argument("--excerpt", action="store_true", help="add the first lines of each item")
    p.add_argument("--tone", action="store_true",
                   help="add each item's tone (coverage sentiment, when it is on)")
    _common(p, tuple(keys_for("summary")))
    p = command(rep, "period", cmd_report_period,
                "the period report: posts, replies, sentiment, attention, watch terms, "
                "observances, sources")
    _dates(p, required=True)
    p.add_argument("--campaign", metavar="NAME", help="only this campaign's posts and replies")
    p.add_argument("--channel", type=int, metavar="ID",
                   help="only this own account (a source id)")
    _common(p, tuple(keys_for("period")))


def _dates(p: argparse.ArgumentParser, *, required: bool) -> None:
    default = "" if required else " (default: yesterday and today)"
    p.add_argument("--from", dest="first", metavar="DATE", required=required,
                   help=f"first day, e.g. 2026-12-01{default}")
    p.add_argument("--to", dest="last", metavar="DATE", required=required,
                   help=f"last day, included{default}")


def _common(p: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    p.add_argument("--format", choices=formats,
                   help="the file format (default: from the file name's suffix)")
    p.add_argument("-o", "--output", metavar="FILE", required=True, help="the file to write")
    p.add_argument("--embassy", metavar="NAME", help="instead of the embassy_name setting")
    p.add_argument("--prepared-by", metavar="NAME", help="instead of the prepared_by setting")
    p.add_argument("--classification", metavar="TEXT",
                   help="the line printed on every page, e.g. UNCLASSIFIED (default: the "
                        "report_classification setting)")
    p.add_argument("--json", action="store_true", help="print what was written as JSON")


def _prepare(args: argparse.Namespace, kind: str, today_default: bool):  # noqa: ANN202
    """The parts both reports share: the target checked first, the range, the letterhead."""
    from core.calendar.timezones import default_zone_name
    from core.reports.formats import report_format
    from core.reports.output import check_target
    from core.reports.scope import Letterhead, Range, parse_day
    from core.settings import Settings

    path = Path(args.output)
    fmt = report_format(args.format, path, kind)  # type: ignore[arg-type]
    check_target(path)
    settings = Settings.load()
    tz = default_zone_name(settings.timezone)
    if today_default and args.first is None and args.last is None:
        from datetime import datetime, timedelta

        from core.calendar.timezones import zone

        last = datetime.now(zone(tz)).date()
        first = last - timedelta(days=1)  # a morning summary: yesterday and this morning
    else:
        first = parse_day(args.first or args.last, "--from")
        last = parse_day(args.last or args.first, "--to")
    letterhead = Letterhead.from_settings(settings, embassy=args.embassy,
                                          prepared_by=args.prepared_by,
                                          classification=args.classification)
    return path, fmt, Range(first, last, tz), letterhead, settings


def cmd_report_summary(args: argparse.Namespace) -> int:
    from core.reports.summary import SummaryOptions, summary_report
    from desktop.cli_support import open_db

    path, fmt, rng, letterhead, _settings = _prepare(args, "summary", today_default=True)
    pick = "watch" if args.watch else args.pick
    options = SummaryOptions(range=rng, by=args.by, pick=pick, terms=args.watch or (),
                             sources=args.source, excerpt=args.excerpt, tone=args.tone,
                             letterhead=letterhead)
    report = summary_report(open_db(args), options)
    return _write(args, report, fmt, path)


def cmd_report_period(args: argparse.Namespace) -> int:
    from core.reports.period import PeriodOptions, period_report
    from desktop.cli_support import open_db

    path, fmt, rng, letterhead, settings = _prepare(args, "period", today_default=False)
    options = PeriodOptions(range=rng, campaign=args.campaign, channel=args.channel,
                            countries=settings.countries, letterhead=letterhead)
    report = period_report(open_db(args), options)
    return _write(args, report, fmt, path)


def _write(args: argparse.Namespace, report, fmt, path: Path) -> int:  # noqa: ANN001
    from core.reports.output import write_atomically
    from core.reports.render import Renderers
    from desktop.cli_support import emit_json

    renderers = Renderers()
    if fmt.key == "pdf" or (fmt.key in ("html", "docx") and report.charts()):
        from desktop.report_render import renderers as qt_renderers

        renderers = qt_renderers()
    target = write_atomically(path, fmt.write(report, renderers))
    if args.json:
        emit_json({"path": str(target), "report": report.kind, "format": fmt.key,
                   "first": report.first.isoformat(), "last": report.last.isoformat(),
                   "empty": report.empty is not None, **report.counts})
        return 0
    what = "media summary" if report.kind == "summary" else "period report"
    if report.empty:
        detail = "empty: " + report.empty
    elif report.kind == "summary":
        detail = f"{report.counts['items']} items in {report.counts['groups']} groups"
    else:
        detail = (f"{report.counts['posts']} posts, {report.counts['replies']} replies, "
                  f"{report.counts['mentions']} watch-term mentions")
    print(f"wrote the {what} for {report.range_text()} ({detail}) to {target}")
    return 0
