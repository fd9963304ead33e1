"""``attache posts | campaigns | observances | calendar``: the content calendar from the shell.

The commands and keys named in the calendar issue are a contract (README "Calendar").
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, datetime
from pathlib import Path

from core.calendar import campaigns as campaign_ops
from core.calendar import posts as post_ops
from core.calendar.timezones import default_zone_name, zone
from core.errors import KnownError
from core.settings import Settings
from core.storage.models import OBSERVANCE_CATEGORIES, POST_STATUSES
from desktop.cli_support import Subcommands, command, counted, emit_json, group, open_db


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY-MM-DD)") from None


def parse_local_time(value: str) -> datetime:
    """A wall-clock time in the post's zone ("2026-12-10 09:00", or ISO 8601's
    "2026-12-10T09:00[:00]"), or a moment with its offset as `posts list --json` prints it
    ("2026-12-10T09:00:00+05:00", "…Z"): that one is kept as the same moment in the post's
    zone."""
    text = value.strip()
    shape = re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?", text)
    try:
        if shape is None:
            raise ValueError(text)
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a time: {value!r} (use \"YYYY-MM-DD HH:MM\")") from None


def add_posts(sub: Subcommands, name: str, help_text: str) -> None:
    posts = group(sub, name, help_text)
    p = command(posts, "add", cmd_posts_add, "plan a post; prints its id")
    _post_options(p, adding=True)
    p = command(posts, "update", cmd_posts_update, "change a planned post")
    p.add_argument("id", type=int)
    _post_options(p, adding=False)
    p.add_argument("--expect-version", type=int, metavar="N",
                   help="refuse if the post is no longer at version N (someone else saved)")
    p = command(posts, "list", cmd_posts_list, "planned posts, soonest first")
    p.add_argument("--from", dest="first", type=parse_date, metavar="D")
    p.add_argument("--to", dest="last", type=parse_date, metavar="D")
    p.add_argument("--status", action="append", choices=POST_STATUSES, default=[])
    p.add_argument("--campaign", action="append", default=[])
    p.add_argument("--channel", action="append", type=int, default=[], metavar="SOURCE_ID")
    p.add_argument("--json", action="store_true")
    p = command(posts, "show", cmd_posts_show, "one planned post")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    command(posts, "delete", cmd_posts_delete, "delete a planned post").add_argument(
        "id", type=int)
    p = command(posts, "check", cmd_posts_check,
                "warnings: crowded channels, holidays, missed deadlines, empty approved posts")
    p.add_argument("--from", dest="first", type=parse_date, metavar="D")
    p.add_argument("--to", dest="last", type=parse_date, metavar="D")
    p.add_argument("--json", action="store_true")
    p = command(posts, "match", cmd_posts_match,
                "link planned posts to the items their channels actually published")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")



def add_campaigns(sub: Subcommands, name: str, help_text: str) -> None:
    camp = group(sub, name, help_text)
    p = command(camp, "add", cmd_campaigns_add, "add a campaign")
    p.add_argument("name")
    p.add_argument("--color")
    p.add_argument("--from", dest="first", type=parse_date, metavar="D")
    p.add_argument("--to", dest="last", type=parse_date, metavar="D")
    p.add_argument("--hashtag", action="append", default=[])
    p = command(camp, "list", cmd_campaigns_list, "list campaigns")
    p.add_argument("--json", action="store_true")



def add_observances(sub: Subcommands, name: str, help_text: str) -> None:
    obs = group(sub, name, help_text)
    p = command(obs, "list", cmd_observances_list, "observances falling in a date range")
    p.add_argument("--from", dest="first", type=parse_date, metavar="D", required=True)
    p.add_argument("--to", dest="last", type=parse_date, metavar="D", required=True)
    p.add_argument("--category", action="append", choices=OBSERVANCE_CATEGORIES, default=[])
    p.add_argument("--country", action="append", default=[], metavar="CC")
    p.add_argument("--json", action="store_true")
    p = command(obs, "add", cmd_observances_add, "add your own observance")
    p.add_argument("name")
    p.add_argument("--date", dest="day", type=parse_date, required=True, action="append",
                   help="a date it falls on (repeatable)")
    p.add_argument("--days", type=int, default=1, help="how many days it lasts")
    p.add_argument("--country")
    p.add_argument("--lead-days", type=int, default=14)
    p.add_argument("--description")
    p.add_argument("--source-url")
    p = command(obs, "confirm", cmd_observances_confirm,
                "confirm this year's date of a programme deadline")
    p.add_argument("id", type=int)
    p.add_argument("--date", dest="day", type=parse_date, required=True)



def add_calendar(sub: Subcommands, name: str, help_text: str) -> None:
    from core.formats import export_keys

    cal = group(sub, name, help_text)
    p = command(cal, "export", cmd_calendar_export, "export posts and observances")
    p.add_argument("--from", dest="first", type=parse_date, metavar="D", required=True)
    p.add_argument("--to", dest="last", type=parse_date, metavar="D", required=True)
    p.add_argument("--format", choices=export_keys(), required=True)
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--observances", default="all", metavar="all|none|CATEGORY,...")
    p.add_argument("--country", action="append", default=[], metavar="CC")
    p.add_argument("--status", action="append", choices=POST_STATUSES, default=[])
    p.add_argument("--campaign", action="append", default=[])
    p.add_argument("--channel", action="append", type=int, default=[], metavar="SOURCE_ID")
    p = command(cal, "import", cmd_calendar_import, "import an .ics, .csv or .xlsx plan")
    p.add_argument("file")
    p.add_argument("--json", action="store_true",
                   help="print what was imported, noted, skipped or refused as JSON")


def _post_options(p: argparse.ArgumentParser, *, adding: bool) -> None:
    p.add_argument("--title", required=adding)
    when = p.add_mutually_exclusive_group(required=adding)
    when.add_argument("--at", type=parse_local_time, metavar='"YYYY-MM-DD HH:MM"',
                      help="the post's wall-clock time in --tz (ISO 8601's T works too; a time "
                           "with an offset, as posts list --json prints it, is that moment)")
    when.add_argument("--date", dest="day", type=parse_date, metavar="YYYY-MM-DD")
    p.add_argument("--tz", metavar="ZONE", help="IANA zone of --at (default: " + (
        "the timezone setting, else this computer's)" if adding else "the post's own zone)"))
    p.add_argument("--duration", type=int, metavar="MINUTES")
    p.add_argument("--channel", action="append", type=int, metavar="SOURCE_ID")
    p.add_argument("--campaign")
    p.add_argument("--status", choices=POST_STATUSES)
    p.add_argument("--body")
    p.add_argument("--observance", type=int, metavar="ID")
    p.add_argument("--owner")
    p.add_argument("--notes")
    p.add_argument("--rrule", help='recurrence, e.g. "FREQ=WEEKLY;BYDAY=TH;COUNT=8"')
    p.add_argument("--item", type=int, metavar="ITEM_ID", help="the published item (0: none)")
    p.add_argument("--language", metavar="CODE",
                   help="the post's language, e.g. en, ru, uz (default: detected when sent)")
    p.add_argument("--image", action="append", default=[], metavar="FILE",
                   help="an image to publish with the post (up to 4; repeatable; on update "
                        "the images given replace the post's images)")
    p.add_argument("--alt", action="append", default=[], metavar="TEXT",
                   help="the alt text of the image given before it (one per --image)")
    if not adding:
        p.add_argument("--no-images", action="store_true", help="remove the post's images")


def _fields(args: argparse.Namespace) -> post_ops.PostFields:
    tz_name = args.tz or None
    at = None
    if (args.at is not None or args.day is not None) and tz_name is None:
        # The zone a post is planned in, also for all-day posts (their ICS keeps it).
        tz_name = default_zone_name(Settings.load().timezone)
    if args.at is not None and args.at.tzinfo is not None:  # a moment: the same, in the zone
        at = args.at.astimezone(zone(tz_name))
    elif args.at is not None:
        at = args.at.replace(tzinfo=zone(tz_name))
    elif tz_name:
        zone(tz_name)
    settings = Settings.load()
    return post_ops.PostFields(
        title=args.title, body=args.body, status=args.status, at=at, day=args.day,
        tz=tz_name, duration_minutes=args.duration, channels=args.channel,
        campaign=args.campaign, observance_id=args.observance, owner=args.owner,
        notes=args.notes, rrule=args.rrule, item_id=args.item, language=args.language,
        images=_images(args), require_alt=settings.require_alt_text)


def _images(args: argparse.Namespace) -> list | None:
    """The images given (``--image``/``--alt`` paired in order); [] for --no-images."""
    from core.publish.images import pair_images

    if getattr(args, "no_images", False):
        if args.image:
            raise KnownError("give either --image or --no-images, not both")
        return []
    if args.alt and not args.image:
        raise KnownError("--alt describes an --image; give the image too")
    return pair_images(args.image, args.alt) if args.image else None


def cmd_posts_add(args: argparse.Namespace) -> int:
    print(post_ops.create_post(open_db(args), _fields(args)))
    return 0


def cmd_posts_update(args: argparse.Namespace) -> int:
    db = open_db(args)
    if args.tz is None and (args.at is not None or args.day is not None):
        args.tz = post_ops.get_post(db, args.id)["tz"]  # a new time, in the post's own zone
    post = post_ops.update_post(db, args.id, _fields(args), args.expect_version)
    print(f"post {post['id']} saved (version {post['version']})")
    return 0


def cmd_posts_list(args: argparse.Namespace) -> int:
    rows = post_ops.list_posts(open_db(args), first=args.first, last=args.last,
                               statuses=args.status, campaigns=args.campaign,
                               channels=args.channel)
    if args.json:
        emit_json(rows)
        return 0
    for r in rows:
        when = r["start"][:16].replace("T", " ")
        print(f"{r['id']:>5}  {when:<16}  {r['status']:<9}  {r['title']}"
              + (f"  [{r['campaign']}]" if r["campaign"] else "")
              + ("  ↻" if r["rrule"] else ""))
    return 0


def cmd_posts_show(args: argparse.Namespace) -> int:
    post = post_ops.post_details(open_db(args), args.id)
    if args.json:
        emit_json([post])
    else:
        for key, value in post.items():
            if key not in ("images", "history"):
                print(f"{key:>16}: {value}")
        for image in post["images"]:
            print(f"{'image':>16}: {image['position']}. {image['filename']} ({image['mime']}, "
                  f"{image['size']} bytes) alt: {image['alt'] or '—'}")
        for change in post["history"]:
            note = f" ({change['note']})" if change["note"] else ""
            print(f"{'history':>16}: {change['at'][:16]} {change['by']}: "
                  f"{change['from'] or 'new'} → {change['to']}{note}")
    return 0


def cmd_posts_delete(args: argparse.Namespace) -> int:
    post_ops.delete_post(open_db(args), args.id)
    print(f"deleted post {args.id}")
    return 0


def cmd_posts_check(args: argparse.Namespace) -> int:
    from core.calendar.checks import check_plan

    settings = Settings.load()
    today = date.today()
    first = args.first or today
    last = args.last or date(first.year + 1, first.month, min(first.day, 28))
    warnings = check_plan(open_db(args), first, last, gap_minutes=settings.post_gap_minutes,
                          countries=tuple(settings.countries))
    if args.json:
        emit_json([w.to_json() for w in warnings])
    else:
        for w in warnings:
            print(f"{w.date}  post {w.post_id}: {w.message}")
        print(f"{len(warnings)} warnings")
    return 0


def cmd_posts_match(args: argparse.Namespace) -> int:
    from core.calendar.matching import apply_matches, find_matches

    db = open_db(args)
    matches = find_matches(db)
    if not args.dry_run:
        apply_matches(db, matches)
    if args.json:
        emit_json([m.__dict__ for m in matches])
    else:
        for m in matches:
            print(f"post {m.post_id} ← item {m.item_id} ({m.reason}, {m.score})")
        print(f"{len(matches)} posts {'would be ' if args.dry_run else ''}linked")
    return 0


def cmd_campaigns_add(args: argparse.Namespace) -> int:
    campaign_id = campaign_ops.add_campaign(open_db(args), args.name, color=args.color,
                                            start=args.first, end=args.last,
                                            hashtags=args.hashtag)
    print(campaign_id)
    return 0


def cmd_campaigns_list(args: argparse.Namespace) -> int:
    rows = campaign_ops.list_campaigns(open_db(args))
    if args.json:
        emit_json(rows)
    else:
        for r in rows:
            span = f"{r['from'] or '…'} – {r['to'] or '…'}"
            print(f"{r['id']:>4}  {r['name']:<30} {span:<25} {' '.join(r['hashtags'])}")
    return 0


def _synced_db(args: argparse.Namespace):  # noqa: ANN202
    from core.calendar import observances as observance_ops

    db = open_db(args)
    settings = Settings.load()
    observance_ops.ensure_packs(db, settings.countries, settings.packs)
    return db


def cmd_observances_list(args: argparse.Namespace) -> int:
    from core.calendar import observances as observance_ops

    rows = observance_ops.list_occurrences(_synced_db(args), args.first, args.last,
                                           categories=args.category, countries=args.country)
    if args.json:
        emit_json(rows)
        return 0
    for r in rows:
        days = r["date"] if r["end"] == r["date"] else f"{r['date']} – {r['end']}"
        flag = " (estimated)" if r["estimated"] else ""
        print(f"{r['id']:>5}  {days:<25} {r['category']:<9} {r['country'] or '':<3} "
              f"{r['name']}{flag}")
    return 0


def cmd_observances_add(args: argparse.Namespace) -> int:
    from core.calendar import observances as observance_ops

    rule = {"type": "dates", "dates": [d.isoformat() for d in args.day]}
    if args.days > 1:
        rule["days"] = args.days
    print(observance_ops.add_custom(open_db(args), args.name, rule, country=args.country,
                                    lead_days=args.lead_days, description=args.description,
                                    source_url=args.source_url))
    return 0


def cmd_observances_confirm(args: argparse.Namespace) -> int:
    from core.calendar import observances as observance_ops

    observance_ops.confirm_date(_synced_db(args), args.id, args.day)
    print(f"observance {args.id}: {args.day.year} date confirmed as {args.day.isoformat()}")
    return 0


def _observance_choice(value: str) -> tuple[bool, list[str]]:
    """``--observances all|none|CATEGORY,...`` as (include them, categories; empty: all)."""
    choice = value.strip().lower()
    if choice == "none":
        return False, []
    return True, [] if choice == "all" else [c.strip() for c in choice.split(",")]


def cmd_calendar_export(args: argparse.Namespace) -> int:
    from core.calendar.exchange import export_calendar

    db = open_db(args)
    include, categories = _observance_choice(args.observances)
    posts, days = export_calendar(
        db, Path(args.output), args.format, first=args.first, last=args.last,
        statuses=args.status, campaigns=args.campaign, channels=args.channel,
        include_observances=include, categories=categories, countries=args.country,
        settings=Settings.load())
    print(f"exported {counted(posts, 'post')} and {counted(days, 'observance day')} to "
          f"{args.output}")
    return 0


def cmd_calendar_import(args: argparse.Namespace) -> int:
    from core.calendar.exchange import import_calendar

    path = Path(args.file)
    if not path.is_file():  # before opening the database: a typo is the likelier mistake
        raise KnownError(f"no such file: {path}")
    db = open_db(args)
    if getattr(args, "json", False):
        return _import_json(db, path)
    report = import_calendar(db, path, default_tz=default_zone_name(Settings.load().timezone))
    print(f"created {report.created}, {report.updated_text()}, unchanged {report.unchanged}"
          + (f", observances added {report.observances_added}"
             if report.observances_added else ""))
    for warning in report.warnings:
        print(f"attache: note: {warning}", file=sys.stderr)
    for entry in report.skipped:
        print(f"attache: skipped {entry}", file=sys.stderr)
    if report.skipped:
        print(f"attache: {counted(len(report.skipped), 'event')} skipped; the others were "
              "imported",
              file=sys.stderr)
    return 1 if report.errors or report.skipped else 0


def _import_json(db: object, path: Path) -> int:
    """``calendar import --json``: the report as one JSON object, the exit code as without it
    (1 when anything was skipped or the file refused). A refused file is
    ``{"refused": message, "errors": [...]}`` — nothing was written."""
    from core.calendar.exchange import import_calendar
    from core.calendar.imports import ImportRejected, RejectedEntry

    def entries(found: list[RejectedEntry]) -> list[dict]:
        return [{"where": e.where, "line": e.line,
                 "reason": "; ".join(p.message for p in e.problems)} for e in found]

    try:
        report = import_calendar(db, path,  # type: ignore[arg-type]
                                 default_tz=default_zone_name(Settings.load().timezone))
    except ImportRejected as exc:
        emit_json({"refused": str(exc).splitlines()[0], "errors": entries(exc.report.rejected())})
        return 1
    except KnownError as exc:
        emit_json({"refused": str(exc), "errors": []})
        return 1
    emit_json({"created": report.created, "updated": report.updated,
               "changed_fields": report.changed_fields, "unchanged": report.unchanged,
               "observances_added": report.observances_added, "warnings": report.warnings,
               "skipped": entries(report.skipped)})
    return 1 if report.errors or report.skipped else 0
