"""The analyzers that ship, one per language, and how good each measured.

Every analyzer here answers the same question for a batch of texts: a label (positive,
neutral, negative), a polarity (−1..1) and a subjectivity (0..1). How it gets there differs:

- ``en``: ``social-v1`` (VADER + rules, ``core.sentiment.analyzers``) and the thresholds in
  the settings;
- ``ru``: ``ru-lexicon-v1``, PolSentiLex read through lemmas with the rules of replies
  (``core.sentiment.russian``). A hybrid — a linear model over hashed n-grams trained on
  CEDR with the lexicon's polarity as one more feature — won on CEDR (0.80 against 0.67 on
  its test split) but fell to 0.47 on OpenCorpora, another corpus, where the lexicon holds
  0.57: it had learned CEDR's sources more than sentiment, so it does not ship. Training on
  the officer's own labels (``core.sentiment.learning``) is where such a model earns its
  place;
- ``kk``: ``kk-linear-v1``, a linear model over hashed n-grams trained on KazSAnDRA's
  training reviews, positive/negative only (it could not tell neutral apart).

``QUALITY`` (``resources/sentiment/quality.json``, written by
``scripts/build_sentiment_resources.py``) holds each analyzer's macro-F1 and per-class recall
on data it was never trained or tuned on; the interface shows it beside every label, and
"needs attention" ignores languages whose analyzer measured below the
``sentiment_min_quality`` setting.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np

from core.sentiment.analyzers import Analyzer, Thresholds
from resources import RESOURCES

SHIPPED_DIR = RESOURCES / "sentiment"
QUALITY_FILE = SHIPPED_DIR / "quality.json"
# The lexicon analyzer's polarity enters the hybrid models scaled up: its −1..1 would weigh
# little beside hundreds of n-gram features of unit length together.
EXTRA_SCALE = 3.0


@dataclass(frozen=True, slots=True)
class Verdict:
    label: str
    polarity: float
    subjectivity: float


class LanguageAnalyzer(Protocol):
    """What the scorer asks of any analyzer: verdicts for a batch, and its name."""

    name: str
    languages: frozenset[str]

    def verdicts(self, texts: Sequence[str]) -> list[Verdict]: ...


class ThresholdAnalyzer:
    """A polarity analyzer and the thresholds that turn its polarity into labels."""

    def __init__(self, analyzer: Analyzer, thresholds: Thresholds) -> None:
        self.analyzer = analyzer
        self.thresholds = thresholds
        self.name = analyzer.name
        self.languages = analyzer.languages

    def verdicts(self, texts: Sequence[str]) -> list[Verdict]:
        out = []
        for text in texts:
            polarity, subjectivity = self.analyzer.analyze(text)
            out.append(Verdict(self.thresholds.label(polarity), polarity, subjectivity))
        return out


class LinearAnalyzer:
    """A ``LinearModel`` as an analyzer; ``base`` (if any) supplies its extra feature.

    The label is the most probable class; the polarity is P(positive) − P(negative); the
    subjectivity 1 − P(neutral). A polarity-only model (``meta["polarity_only"]``) never
    says neutral: it was measured unable to tell neutral apart, so it only answers which way
    a reply leans.
    """

    def __init__(self, name: str, language: str, model: object,
                 base: LanguageAnalyzer | None = None) -> None:
        from core.sentiment.linear import LinearModel

        assert isinstance(model, LinearModel)
        self.name = name
        self.languages = frozenset({language})
        self.model = model
        self.base = base
        self.polarity_only = bool(model.meta.get("polarity_only"))

    def extras(self, texts: Sequence[str]) -> np.ndarray | None:
        if not self.model.hasher.extras:
            return None
        if self.base is None:
            raise ValueError(f"{self.name} needs the analyzer it was trained beside")
        return np.array([[v.polarity * EXTRA_SCALE] for v in self.base.verdicts(texts)])

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        return self.model.probabilities(texts, self.extras(texts))

    def verdicts(self, texts: Sequence[str]) -> list[Verdict]:
        if not texts:
            return []
        p = self.probabilities(texts)
        classes = self.model.classes
        pos, neu, neg = (classes.index(c) for c in ("positive", "neutral", "negative"))
        if self.polarity_only:
            labels = np.where(p[:, pos] >= p[:, neg], "positive", "negative")
        else:
            labels = np.array(classes)[p.argmax(axis=1)]
        polarity = np.round(p[:, pos] - p[:, neg], 4)
        subjectivity = np.round(1.0 - p[:, neu], 4)
        return [Verdict(str(label), float(pol), float(sub))
                for label, pol, sub in zip(labels, polarity, subjectivity, strict=True)]


_lock = threading.Lock()


@cache
def _model_file(path: Path) -> object:
    from core.sentiment.linear import LinearModel

    return LinearModel.from_bytes(path.read_bytes())


def shipped_model(name: str) -> object:
    """A shipped model by analyzer name (``kk-linear-v1``), read once per process."""
    with _lock:
        return _model_file(SHIPPED_DIR / f"{name}.npz")


def russian_lexicon() -> ThresholdAnalyzer:
    from core.sentiment.russian import RussianLexiconAnalyzer

    analyzer = RussianLexiconAnalyzer()
    return ThresholdAnalyzer(analyzer, analyzer.thresholds)


def kazakh_linear() -> LinearAnalyzer:
    return LinearAnalyzer("kk-linear-v1", "kk", shipped_model("kk-linear-v1"))


# Analyzers by name for languages other than English (English is the ``sentiment_analyzer``
# setting): the default for each language first.
LANGUAGE_ANALYZERS = {
    "ru": {"ru-lexicon-v1": russian_lexicon},
    "kk": {"kk-linear-v1": kazakh_linear},
}


def default_analyzers() -> dict[str, LanguageAnalyzer]:
    """One analyzer per supported language other than English (the defaults)."""
    return {language: next(iter(choices.values()))()
            for language, choices in LANGUAGE_ANALYZERS.items()}


@dataclass(frozen=True)
class Quality:
    """How an analyzer measured on data it never saw: what the interface shows."""

    analyzer: str
    language: str
    macro_f1: float
    recall: dict[str, float]
    n: int
    measured_on: str
    polarity_only: bool = False
    polarity_f1: float | None = None

    @property
    def score(self) -> float:
        """The figure to judge it by: its three-class macro-F1 on its weakest held-out set.
        A polarity-only analyzer scores low on it (it never says neutral), and that is
        right: a share of negative replies needs the neutral ones told apart."""
        return self.macro_f1


@cache
def shipped_quality() -> dict[str, Quality]:
    """analyzer name → its held-out quality (the first figure listed for it)."""
    if not QUALITY_FILE.exists():
        return {}
    data = json.loads(QUALITY_FILE.read_text(encoding="utf-8"))
    return {name: Quality(name, entry["language"], entry["macro_f1"], entry["recall"],
                          entry["n"], entry["measured_on"], entry.get("polarity_only", False),
                          entry.get("polarity_f1"))
            for name, entry in data["analyzers"].items()}
