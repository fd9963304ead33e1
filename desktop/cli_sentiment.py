"""``attache sentiment``: score texts, score stored replies, summarise how posts landed, and the
tone of coverage (watched feed items, when the ``coverage_sentiment`` setting is on)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.errors import KnownError
from core.sentiment import coverage
from core.sentiment.aggregates import GROUPINGS, needs_attention, summary
from core.sentiment.scoring import Scorer
from core.settings import Settings
from desktop.cli_support import Subcommands, command, emit_json, group, open_db, parse_since


def add_sentiment(sub: Subcommands, name: str, help_text: str) -> None:
    sen = group(sub, name, help_text)
    p = command(sen, "score", cmd_sentiment_score, "score texts without storing them")
    p.add_argument("text", nargs="*")
    p.add_argument("--file", metavar="F", help="one text per line")
    p.add_argument("--json", action="store_true")
    p = command(sen, "run", cmd_sentiment_run,
                "score replies not scored yet (and watched feed items, if coverage is on)")
    p.add_argument("--rescore", action="store_true",
                   help="score every reply again (after changing analyzer or thresholds); "
                        "manual labels are kept")
    p = command(sen, "summary", cmd_sentiment_summary, "counts and mean polarity per group")
    p.add_argument("--by", choices=GROUPINGS, default="item")
    p.add_argument("--since", type=parse_since, metavar="DATE")
    p.add_argument("--json", action="store_true")
    p = command(sen, "attention", cmd_sentiment_attention,
                "posts whose reaction turned negative")
    p.add_argument("--since", type=parse_since, metavar="DATE")
    p.add_argument("--threshold", type=float, default=0.4)
    p.add_argument("--min-replies", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p = command(sen, "coverage", cmd_sentiment_coverage,
                "tone of watched feed items per term, source or day")
    p.add_argument("--by", choices=coverage.GROUPINGS, default="term")
    p.add_argument("--since", type=parse_since, metavar="DATE")
    p.add_argument("--json", action="store_true")


def cmd_sentiment_score(args: argparse.Namespace) -> int:
    texts = list(args.text)
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise KnownError(f"no such file: {path}")
        texts += [line for line in path.read_text(encoding="utf-8-sig").splitlines()
                  if line.strip()]
    if not texts:
        raise KnownError("give texts to score, or --file F with one text per line")
    scorer = Scorer.from_settings(Settings.load())
    scores = scorer.score_many(texts)
    if args.json:
        emit_json([s.to_json() for s in scores])
    else:
        for s in scores:
            polarity = f"{s.polarity:+.2f}" if s.polarity is not None else "  –  "
            print(f"{s.label:<11} {polarity}  {s.language or '?':<3} {s.text}")
    return 0


def cmd_sentiment_run(args: argparse.Namespace) -> int:
    db = open_db(args)
    scorer = Scorer.from_settings(Settings.load())

    def progress(done: int, total: int) -> None:
        print(f"[{done}/{total}] scored", file=sys.stderr)

    count, items = coverage.score_backlog(db, scorer, rescore=args.rescore, progress=progress)
    print(f"scored {count} replies with {scorer.analyzer.name}")
    if items is not None:
        print(f"scored {items} watched feed items (tone of coverage)")
    return 0


def cmd_sentiment_summary(args: argparse.Namespace) -> int:
    rows = summary(open_db(args), args.by, args.since)
    if args.json:
        emit_json(rows)
        return 0
    print_tally(rows, args.by)
    return 0


def cmd_sentiment_attention(args: argparse.Namespace) -> int:
    rows = needs_attention(open_db(args), threshold=args.threshold,
                           min_supported=args.min_replies, since=args.since)
    if args.json:
        emit_json(rows)
    else:
        for r in rows:
            print(f"item {r['key']}: {r['name']} — {'; '.join(r['reasons'])}")
        print(f"{len(rows)} posts need attention")
    return 0


def cmd_sentiment_coverage(args: argparse.Namespace) -> int:
    rows = coverage.coverage_summary(open_db(args), args.since, args.by)
    if args.json:
        emit_json(rows)
        return 0
    if not Settings.load().coverage_sentiment:
        print("tone of coverage is off; turn it on with: attache config set coverage_sentiment "
              "true, then: attache sentiment run", file=sys.stderr)
    if not rows:
        print("no watched feed items yet (add watch terms: attache watch add TERM)")
        return 0
    print_tally(rows, args.by, unscored=True)
    return 0


def print_tally(rows: list[dict], by: str, *, unscored: bool = False) -> None:
    """The text table of ``sentiment summary`` and ``sentiment coverage`` (one row a group)."""
    new = f" {'NEW':>5}" if unscored else ""
    print(f"{by.upper():<32} {'POS':>5} {'NEU':>5} {'NEG':>5} {'N/A':>5}{new} {'MEAN':>6} "
          f"{'NEG%':>5}")
    for r in rows:
        mean = f"{r['mean_polarity']:+.2f}" if r["mean_polarity"] is not None else "–"
        share = f"{r['negative_share']:.0%}" if r["negative_share"] is not None else "–"
        count = f" {r['unscored']:>5}" if unscored else ""
        print(f"{str(r['name'] or r['key'])[:32]:<32} {r['positive']:>5} {r['neutral']:>5} "
              f"{r['negative']:>5} {r['unsupported']:>5}{count} {mean:>6} {share:>5}")
