"""``attache replies | watch | secrets``: the replies inbox, watch terms and platform tokens."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from core.errors import KnownError
from desktop.cli_support import Subcommands, command, emit_json, group, open_db, parse_since


def add_replies(sub: Subcommands, name: str, help_text: str) -> None:
    from core.platforms import reply_export_platforms
    from core.sentiment.analyzers import LABELS

    rep = group(sub, name, help_text)
    p = command(rep, "list", cmd_replies_list, "replies, newest first")
    p.add_argument("--item", type=int, metavar="ID")
    p.add_argument("--source", type=int, metavar="ID")
    p.add_argument("--since", type=parse_since, metavar="DATE")
    p.add_argument("--limit", type=int, default=100, help="default 100; 0 means all")
    p.add_argument("--label", choices=(*LABELS, "unscored"))
    p.add_argument("--language", metavar="CODE", help="e.g. en, ru, uz, kk, ky")
    p.add_argument("--json", action="store_true")
    p = command(rep, "label", cmd_replies_label,
                "set a reply's sentiment by hand (auto: back to the analyzer)")
    p.add_argument("id", type=int, nargs="?")
    p.add_argument("label", nargs="?", choices=("positive", "neutral", "negative", "auto"))
    p.add_argument("--file", metavar="F",
                   help="many at once: a CSV with the header id,label (all or nothing)")
    p = command(rep, "import", cmd_replies_import,
                "import replies from an X / Meta export (CSV or XLSX)")
    p.add_argument("file")
    p.add_argument("--platform", choices=(*reply_export_platforms(), "generic"), required=True)
    p.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                   help="use COLUMN of the file as FIELD (id, post_id, post_url, parent_id, "
                        "author, author_name, text, published, likes, url)")
    p.add_argument("--skip-bad", action="store_true",
                   help="import the good lines even if some are bad (they are listed)")
    p.add_argument("--post", metavar="ITEM_ID_OR_URL",
                   help="attach every line to this post of the embassy's (for a comment "
                        "sheet that has no post column)")
    p = command(rep, "answer", cmd_replies_answer,
                "answer a reply publicly, in its thread, as the embassy (once)")
    p.add_argument("id", type=int, metavar="REPLY_ID")
    p.add_argument("--text", required=True, help="the answer")
    p.add_argument("--json", action="store_true")



def add_watch(sub: Subcommands, name: str, help_text: str) -> None:
    wat = group(sub, name, help_text)
    command(wat, "add", cmd_watch_add,
            "watch a word, \"a phrase\", #hashtag or @mention (word* = prefix)").add_argument(
        "term")
    p = command(wat, "list", cmd_watch_list, "watch terms with their hit counts")
    p.add_argument("--json", action="store_true")
    command(wat, "remove", cmd_watch_remove, "stop watching a term").add_argument(
        "id", type=int)
    p = command(wat, "hits", cmd_watch_hits, "items and replies mentioning watch terms")
    p.add_argument("--term", type=int, metavar="ID")
    p.add_argument("--since", type=parse_since, metavar="DATE")
    p.add_argument("--per-day", action="store_true", help="counts per term and day instead")
    p.add_argument("--json", action="store_true")



def add_secrets(sub: Subcommands, name: str, help_text: str) -> None:
    sec = group(sub, name, help_text)
    command(sec, "set", cmd_secrets_set,
            "store a token (prompted; e.g. youtube, facebook:usembassytashkent, "
            "mastodon:mastodon.social)").add_argument("name")
    command(sec, "list", cmd_secrets_list, "names of stored secrets (never values)")
    command(sec, "remove", cmd_secrets_remove, "forget a stored secret").add_argument("name")


def cmd_replies_list(args: argparse.Namespace) -> int:
    from core.social.replies import list_replies, reply_json

    rows = list_replies(open_db(args), item_id=args.item, source_id=args.source,
                        since=args.since, limit=args.limit, label=args.label,
                        language=args.language)
    if args.json:
        emit_json([reply_json(r) for r in rows])
        return 0
    for r in rows:
        when = r["published"].strftime("%Y-%m-%d %H:%M") if r["published"] else ""
        indent = "  ↳ " if r["parent_id"] else ""
        text = " ".join(r["text"].split())
        mood = (r["sentiment_label"] or "·")[:3] + ("*" if r["label_source"] == "manual" else "")
        if r.get("own"):  # the embassy's own reply: in the thread, never scored or counted
            mood = "EMB"
        print(f"{r['id']:>6} {when:<16} {mood:<4} {r['language'] or '':<3} {indent}"
              f"{r['author_handle'] or '?'}: {text[:90]}")
    return 0


def cmd_replies_label(args: argparse.Namespace) -> int:
    from core.sentiment.scoring import label_replies, label_reply, read_label_file

    if args.file:
        if args.id is not None:
            raise KnownError("give either ID LABEL or --file F, not both")
        path = Path(args.file)
        labels = read_label_file(path)
        counts = label_replies(open_db(args), labels, name=path.name)
        print(f"labelled {len(labels)} replies: " + ", ".join(
            f"{counts[label]} {label}" for label in ("positive", "neutral", "negative", "auto")
            if counts.get(label)))
        return 0
    if args.id is None or args.label is None:
        raise KnownError("give a reply ID and a LABEL (positive, neutral, negative, auto), "
                         "or --file F")
    row = label_reply(open_db(args), args.id, args.label)
    print(f"reply {args.id}: {row['sentiment_label']} ({row['label_source']})")
    return 0


def cmd_replies_import(args: argparse.Namespace) -> int:
    from core.social.fileimport import import_replies_file

    mapping = {}
    for pair in args.map:
        column, sep, field = pair.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise KnownError(f"--map takes COLUMN=FIELD, not {pair!r}")
        mapping[column.strip()] = field.strip()
    path = Path(args.file)
    if not path.is_file():
        raise KnownError(f"no such file: {path}")
    summary = import_replies_file(open_db(args), path, args.platform, mapping or None,
                                  skip_bad=args.skip_bad, post=args.post)
    for note in summary.notes:
        print(f"attache: note: {note}", file=sys.stderr)
    print(f"imported {summary.replies_created} new replies ({summary.replies_updated} updated) "
          f"to {summary.items_created} new posts")
    for line in summary.skipped_lines:
        print(f"attache: skipped {line}", file=sys.stderr)
    return 0


def cmd_replies_answer(args: argparse.Namespace) -> int:
    from core.publish.answers import answer_reply
    from core.publish.runner import Run
    from core.storage.types import utcnow
    from desktop.cli_support import make_fetcher

    fetcher, settings = make_fetcher()
    outcome = answer_reply(Run(open_db(args), fetcher, settings, utcnow()), args.id, args.text)
    if args.json:
        emit_json(outcome.to_json())
    else:
        print(f"reply {outcome.reply_id} ({outcome.platform}): {outcome.status} "
              f"{outcome.url or outcome.remote_id or ''}".rstrip())
        if outcome.error:
            print(f"    {outcome.error}", file=sys.stderr if outcome.status == "failed"
                  else sys.stdout)
    return 1 if outcome.status == "failed" else 0


def cmd_watch_add(args: argparse.Namespace) -> int:
    from core import watch

    term_id, found = watch.add_term(open_db(args), args.term)
    print(f"watching {args.term!r} (term {term_id}); {found} hits in what is already stored")
    return 0


def cmd_watch_list(args: argparse.Namespace) -> int:
    from core import watch

    rows = watch.list_terms(open_db(args))
    if args.json:
        emit_json(rows)
    else:
        for r in rows:
            print(f"{r['id']:>4}  {r['term']:<30} {r['kind']:<8} {r['hits']:>6} hits"
                  + (f"  last {r['last_hit'][:10]}" if r["last_hit"] else ""))
    return 0


def cmd_watch_remove(args: argparse.Namespace) -> int:
    from core import watch

    watch.remove_term(open_db(args), args.id)
    print(f"stopped watching term {args.id}")
    return 0


def cmd_watch_hits(args: argparse.Namespace) -> int:
    from core import watch

    db = open_db(args)
    if args.per_day:
        rows = watch.hits_per_day(db, term_ids=[args.term] if args.term else (),
                                  since=args.since)
    else:
        rows = watch.list_hits(db, term_id=args.term, since=args.since)
    if args.json:
        emit_json(rows)
    elif args.per_day:
        for r in rows:
            print(f"{r['day']}  term {r['term_id']:>3}  {r['hits']:>5}")
    else:
        for r in rows:
            text = " ".join((r["title_or_text"] or "").split())
            print(f"{(r['published'] or '')[:16]:<16}  {r['term']:<20} {r['kind']:<5} "
                  f"{r['id']:>6}  {text[:80]}")
    return 0


def cmd_secrets_set(args: argparse.Namespace) -> int:
    from core import secrets

    if sys.stdin.isatty():
        value = getpass.getpass(f"Value for {args.name} (not shown): ")
    else:  # IT scripts pipe the token in; it never appears on a command line
        value = sys.stdin.readline().rstrip("\r\n")
    where = secrets.set_secret(args.name, value)
    print(f"stored {args.name} in {where}")
    return 0


def cmd_secrets_list(args: argparse.Namespace) -> int:
    from core import secrets

    for name in secrets.list_secret_names():
        print(name)
    return 0


def cmd_secrets_remove(args: argparse.Namespace) -> int:
    from core import secrets

    secrets.delete_secret(args.name)
    print(f"removed {args.name}")
    return 0
