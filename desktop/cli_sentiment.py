"""``attache sentiment``: score texts, score stored replies, summarise how posts landed, the
tone of coverage (watched feed items, when the ``coverage_sentiment`` setting is on), learning
from the officer's labels, and measuring the analyzers on a labelled file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import KnownError
from core.sentiment import coverage
from core.sentiment.aggregates import GROUPINGS, needs_attention, summary
from core.sentiment.scoring import Scorer
from core.settings import Settings
from desktop.cli_support import Subcommands, command, emit_json, group, open_db, parse_since

if TYPE_CHECKING:
    from core.storage.database import Database


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
    p = command(sen, "learn", cmd_sentiment_learn,
                "learn from the manual labels (and a labelled CSV): one model per language")
    p.add_argument("--file", metavar="F",
                   help="CSV (UTF-8) with a header naming text and label (positive, neutral, "
                        "negative) and optionally language; kept for learning again later")
    p.add_argument("--language", metavar="L", help="learn this language only (e.g. ru)")
    p.add_argument("--json", action="store_true")
    p = command(sen, "evaluate", cmd_sentiment_evaluate,
                "measure the analyzers on a labelled CSV (text,label[,language])")
    p.add_argument("file", metavar="FILE")
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
    scorer = Scorer.from_settings(Settings.load(), learned_from(args))
    scores = scorer.score_many(texts)
    if args.json:
        emit_json([s.to_json() for s in scores])
    else:
        for s in scores:
            polarity = f"{s.polarity:+.2f}" if s.polarity is not None else "  –  "
            print(f"{s.label:<11} {polarity}  {s.language or '?':<3} {s.analyzer:<14} {s.text}")
    return 0


def learned_from(args: argparse.Namespace) -> Database | None:
    """The database whose learned models scoring should use: the one in use, unless it is a
    SQLite file that does not exist yet (scoring texts must not create one)."""
    from core.database_url import resolve_db_url

    url = resolve_db_url(getattr(args, "db", None))
    if url.startswith("sqlite"):
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        if not name or name == ":memory:" or not Path(name).exists():
            return None
    return open_db(args)


def cmd_sentiment_run(args: argparse.Namespace) -> int:
    db = open_db(args)
    scorer = Scorer.from_settings(Settings.load(), db)

    def progress(done: int, total: int) -> None:
        print(f"[{done}/{total}] scored", file=sys.stderr)

    count, items = coverage.score_backlog(db, scorer, rescore=args.rescore, progress=progress)
    names = ", ".join(f"{language}: {scorer.by_language[language].name}"
                      for language in scorer.languages)
    print(f"scored {count} replies with {scorer.analyzer.name} ({names})")
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
    from core.sentiment.quality import trusted_analyzers

    db = open_db(args)
    rows = needs_attention(db, threshold=args.threshold, min_supported=args.min_replies,
                           since=args.since,
                           trusted=trusted_analyzers(db, Settings.load().sentiment_min_quality))
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


def cmd_sentiment_learn(args: argparse.Namespace) -> int:
    from core.sentiment import learning
    from core.sentiment.evaluation import read_labelled_csv
    from core.sentiment.language import detect_languages

    settings = Settings.load()
    rows = []
    if args.file:
        path = Path(args.file)
        labelled = read_labelled_csv(path)  # all or nothing: a bad line stops here
        detected = detect_languages([r.text for r in labelled if r.language is None])
        found = iter(detected)
        for row in labelled:
            language = row.language or next(found).code
            if language is None:
                raise KnownError(f"{path.name}: line {row.line}: no words to tell the language "
                                 f"from; add a language column")
            rows.append((language, row.text, row.label))
    db = open_db(args)
    if rows:
        with db.write() as conn:
            learning.add_examples(conn, rows)
    language = args.language.lower() if args.language else None
    counts = learning.label_counts(db)
    wanted = [language] if language else sorted(counts)
    short = [code for code in wanted if counts.get(code, 0) < learning.MIN_LABELS]
    bases = Scorer.from_settings(settings).by_language  # shipped, without learned models
    results = learning.learn_from_database(
        db, bases, [code for code in wanted if code not in short],
        min_quality=settings.sentiment_min_quality)
    if args.json:
        emit_json([r.to_json() for r in results]
                  + [{"language": code, "labels": counts.get(code, 0), "macro_f1_before": None,
                      "macro_f1_after": None, "used": False,
                      "reason": f"fewer than {learning.MIN_LABELS} labels"} for code in short])
    else:
        print(f"{'LANGUAGE':<9} {'LABELS':>6} {'BEFORE':>7} {'AFTER':>6}  USED")
        for r in results:
            before = f"{r.macro_f1_before:.2f}" if r.macro_f1_before is not None else "–"
            used = ("yes" if r.used else
                    "no (not better than the shipped analyzer)" if r.macro_f1_before is not None
                    else f"no (below sentiment_min_quality {settings.sentiment_min_quality:g})")
            print(f"{r.language:<9} {r.labels:>6} {before:>7} {r.macro_f1_after:>6.2f}  {used}")
        for code in short:
            print(f"{code:<9} {counts.get(code, 0):>6} {'–':>7} {'–':>6}  "
                  f"no (learning needs {learning.MIN_LABELS} labels)")
        if any(r.used for r in results):
            print("the learned models now score new replies; to re-score the others: "
                  "attache sentiment run --rescore", file=sys.stderr)
    if not results:
        raise KnownError(f"nothing learned: a language needs {learning.MIN_LABELS} labels "
                         f"(label replies with: attache replies label ID LABEL, or --file)")
    return 0


def cmd_sentiment_evaluate(args: argparse.Namespace) -> int:
    from core.sentiment.evaluation import read_labelled_csv
    from core.sentiment.quality import evaluate_file

    rows = read_labelled_csv(Path(args.file))
    scorer = Scorer.from_settings(Settings.load(), learned_from(args))
    report = evaluate_file(scorer, rows)
    if args.json:
        emit_json(report)
        return 0
    print(f"{'LANGUAGE':<9} {'N':>6} {'MACRO-F1':>8} {'R-POS':>6} {'R-NEU':>6} {'R-NEG':>6} "
          f"{'UNSUPP':>6}  ANALYZER")

    def number(value: float | None) -> str:
        return f"{value:.2f}" if value is not None else "–"

    for r in report:
        print(f"{r['language'] or '?':<9} {r['n']:>6} {number(r['macro_f1']):>8} "
              f"{number(r['recall_positive']):>6} {number(r['recall_neutral']):>6} "
              f"{number(r['recall_negative']):>6} {r['unsupported']:>6}  {r['analyzer']}")
    return 0
