"""Measuring analyzers on labelled replies: macro-F1, recall per class, and thresholds tuned
on a dev split; and reading the labelled CSV files officers and IT bring (``sentiment learn
--file``, ``sentiment evaluate``).

Thresholds are only ever chosen on the ``dev`` rows; the ``test`` rows judge the result.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.errors import KnownError
from core.sentiment.analyzers import Analyzer, Thresholds

CLASSES = ("positive", "neutral", "negative")


@dataclass(frozen=True)
class Example:
    id: str
    split: str
    label: str
    text: str
    notes: str = ""


def load_examples(path: Path) -> list[Example]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [Example(r["id"], r["split"], r["label"], r["text"], r.get("notes") or "")
                for r in csv.DictReader(handle)]


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    scores = []
    for label in CLASSES:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label and g != label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall
                      else 0.0)
    return sum(scores) / len(scores)


def polarities(analyzer: Analyzer, examples: Iterable[Example]) -> list[float]:
    return [analyzer.analyze(e.text)[0] for e in examples]


def tune(gold: Sequence[str], values: Sequence[float],
         grid: Sequence[float] = tuple(round(x * 0.05, 2) for x in range(0, 13))) -> Thresholds:
    """The symmetric-or-not pair of thresholds with the best macro-F1 on these (dev) rows."""
    best, best_score = Thresholds(), -1.0
    for positive in grid:
        for negative in grid:
            thresholds = Thresholds(positive if positive else 0.0001, -negative or -0.0001)
            score = macro_f1(gold, [thresholds.label(v) for v in values])
            if score > best_score:
                best, best_score = thresholds, score
    return best


def evaluate(analyzer: Analyzer, examples: Sequence[Example],
             thresholds: Thresholds | None = None) -> tuple[Thresholds, float, float]:
    """(thresholds tuned on dev, dev macro-F1, test macro-F1)."""
    dev = [e for e in examples if e.split == "dev"]
    test = [e for e in examples if e.split == "test"]
    dev_values = polarities(analyzer, dev)
    chosen = thresholds or tune([e.label for e in dev], dev_values)
    dev_f1 = macro_f1([e.label for e in dev], [chosen.label(v) for v in dev_values])
    test_f1 = macro_f1([e.label for e in test],
                       [chosen.label(v) for v in polarities(analyzer, test)])
    return chosen, dev_f1, test_f1


def recall(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float | None]:
    """Per class: the share of its rows predicted as it (None when the class has no rows)."""
    found: dict[str, float | None] = {}
    for label in CLASSES:
        rows = [p for g, p in zip(gold, predicted, strict=True) if g == label]
        found[label] = round(sum(p == label for p in rows) / len(rows), 4) if rows else None
    return found


def polarity_macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float | None:
    """Macro-F1 over positive and negative on the rows whose gold label is one of them: how
    well an analyzer tells which way a reply leans (a neutral prediction counts as wrong)."""
    pairs = [(g, p) for g, p in zip(gold, predicted, strict=True) if g != "neutral"]
    if not pairs:
        return None
    scores = []
    for label in ("positive", "negative"):
        tp = sum(g == p == label for g, p in pairs)
        fp = sum(p == label and g != label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return round(sum(scores) / 2, 4)


def measure(gold: Sequence[str], predicted: Sequence[str]) -> dict:
    """``n``, ``macro_f1``, ``recall`` per class and ``polarity_f1`` of these predictions."""
    return {"n": len(gold), "macro_f1": round(macro_f1(gold, predicted), 4) if gold else None,
            "recall": recall(gold, predicted),
            "polarity_f1": polarity_macro_f1(gold, predicted)}


@dataclass(frozen=True)
class LabelledText:
    line: int
    text: str
    label: str
    language: str | None


def read_labelled_csv(path: Path) -> list[LabelledText]:
    """Rows of a CSV with a header naming ``text`` and ``label`` (and optionally
    ``language``); label positive, neutral or negative. All or nothing: the first bad line is
    a ``KnownError`` naming its number and field."""
    if not path.is_file():
        raise KnownError(f"no such file: {path}")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = [f.strip().lower() for f in reader.fieldnames or []]
            if "text" not in fields or "label" not in fields:
                raise KnownError(f"{path.name}: line 1: the header must name the columns text "
                                 f"and label (and optionally language), not "
                                 f"{', '.join(fields) or 'nothing'}")
            reader.fieldnames = fields
            rows = []
            for row in reader:
                line = reader.line_num
                if None in row:
                    raise KnownError(f"{path.name}: line {line}: more fields than the header")
                text = (row.get("text") or "").strip()
                label = (row.get("label") or "").strip().lower()
                language = (row.get("language") or "").strip().lower() or None
                if not text:
                    raise KnownError(f"{path.name}: line {line}: text is empty")
                if label not in CLASSES:
                    raise KnownError(f"{path.name}: line {line}: label {label!r} is not "
                                     f"positive, neutral or negative")
                rows.append(LabelledText(line, text, label, language))
    except UnicodeDecodeError as exc:
        raise KnownError(f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})"
                         ) from None
    except csv.Error as exc:
        raise KnownError(f"{path.name}: not a CSV file: {exc}") from None
    if not rows:
        raise KnownError(f"{path.name}: no labelled rows")
    return rows
