"""Measuring analyzers on labelled replies: macro-F1, and thresholds tuned on a dev split.

Thresholds are only ever chosen on the ``dev`` rows; the ``test`` rows judge the result.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

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
