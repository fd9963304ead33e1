"""``attache publish due | post | confirm | status``: sending the approved plan, once.

The commands, keys and exit codes are the issue's contract (README "Publishing"). Each line
(or JSON object) is one post occurrence on one channel: ``post_id, occurrence, channel_id,
platform, status, remote_id, url, error``; exit 0 when nothing failed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys

from desktop.cli_support import Subcommands, command, emit_json, group, open_db, parse_since


def add_publish(sub: Subcommands, name: str, help_text: str) -> None:
    pub = group(sub, name, help_text)
    p = command(pub, "due", cmd_publish_due,
                "publish every approved post whose time has come, on each of its channels")
    p.add_argument("--now", type=parse_since, metavar="ISO8601",
                   help="act as if it were this time (e.g. 2026-12-10T09:00+05:00)")
    p.add_argument("--dry-run", action="store_true",
                   help="send nothing; show exactly what would go out")
    p.add_argument("--json", action="store_true")
    p = command(pub, "post", cmd_publish_post, "publish an approved post now")
    p.add_argument("id", type=int)
    p.add_argument("--channel", action="append", type=int, default=[], metavar="ID",
                   help="only this channel (a source id; repeatable)")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p = command(pub, "confirm", cmd_publish_confirm,
                "resolve an unconfirmed send: was it published on that channel or not?")
    p.add_argument("post_id", type=int)
    p.add_argument("channel_id", type=int)
    answer = p.add_mutually_exclusive_group(required=True)
    answer.add_argument("--published", metavar="URL_OR_ID",
                        help="it is there: its address or the platform's id")
    answer.add_argument("--not-published", action="store_true",
                        help="it is not there: the next run sends it")
    p.add_argument("--occurrence", metavar="WHEN",
                   help="which occurrence of a recurring post (as publish due shows it)")
    p = command(pub, "status", cmd_publish_status,
                "what was sent of a post, per occurrence and channel")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")


def _run(args: argparse.Namespace, now: object = None):  # noqa: ANN202 - core.publish.runner.Run
    from core.publish.runner import Run
    from core.storage.types import utcnow
    from desktop.cli_support import make_fetcher

    fetcher, settings = make_fetcher()
    return Run(open_db(args), fetcher, settings, now or utcnow(),
               dry_run=getattr(args, "dry_run", False))


def _print(outcomes: list, as_json: bool) -> int:
    if as_json:
        emit_json([o.to_json() for o in outcomes])
    else:
        for o in outcomes:
            channel = f"{o.platform or '-'} #{o.channel_id}" if o.channel_id else "-"
            where = o.url or o.remote_id or ""
            print(f"post {o.post_id:<5} {o.occurrence:<25} {channel:<16} {o.status:<13} {where}"
                  .rstrip())
            if o.error:
                print(f"    {o.error}", file=sys.stderr if o.status == "failed" else sys.stdout)
            if o.text is not None:
                for line in o.text.splitlines() or [""]:
                    print(f"    | {line}")
                for image in o.images:
                    print(f"    [image {image['filename']}: {image['alt'] or 'no alt text'}]")
        if not outcomes:
            print("nothing to publish")
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def cmd_publish_due(args: argparse.Namespace) -> int:
    from core.publish.runner import publish_due

    return _print(publish_due(_run(args, args.now)), args.json)


def cmd_publish_post(args: argparse.Namespace) -> int:
    from core.publish.runner import publish_post

    return _print(publish_post(_run(args), args.id, args.channel), args.json)


def cmd_publish_confirm(args: argparse.Namespace) -> int:
    from core.publish.confirm import confirm_send

    row = confirm_send(open_db(args), args.post_id, args.channel_id,
                       published=args.published, occurrence=args.occurrence)
    if row["state"] == "published":
        print(f"post {args.post_id} on channel {args.channel_id}: published "
              f"{row['url'] or row['remote_id']}")
    else:
        print(f"post {args.post_id} on channel {args.channel_id}: not published; the next "
              "`attache publish due` (or the app) sends it")
    return 0


def cmd_publish_status(args: argparse.Namespace) -> int:
    from core.publish.confirm import send_states

    rows = send_states(open_db(args), args.id)
    if args.json:
        emit_json(rows)
        return 0
    for r in rows:
        print(f"{r['occurrence']:<25} {r['platform']} #{r['channel_id']:<4} {r['state']:<12} "
              f"{r['url'] or r['remote_id'] or ''}".rstrip())
        if r["error"] and r["state"] != "published":
            print(f"    {r['error']}")
    if not rows:
        print(f"nothing has been sent of post {args.id}")
    return 0
