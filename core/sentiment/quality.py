"""How good each analyzer is, said wherever its labels are shown or counted.

An officer deciding whether a thread about the ambassador went sour needs to know whether the
labels come from an analyzer that measured 0.76 or 0.55, and a weak one must not raise the
alarm. Three sources of that number:

- the shipped analyzers: held-out figures in ``resources/sentiment/quality.json`` (built with
  them; each names the data and split it was measured on);
- a model learned from the officer's labels: its cross-validated macro-F1 on those labels;
- IT's own ONNX model: the ``quality`` its labels.json states, measured by IT with
  ``attache sentiment evaluate``; without one it is unmeasured.

``trusted_analyzers`` turns them into the rule "needs attention" follows: a reply counts when
its label is manual, or when its analyzer measured at least ``sentiment_min_quality`` for its
language. ``evaluate_file`` is ``attache sentiment evaluate``: the same measurement on the
officer's or IT's own labelled file.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.sentiment.evaluation import LabelledText, macro_f1, recall
from core.sentiment.scoring import Scorer
from core.sentiment.shipped import shipped_quality
from core.storage.database import Database

Trusted = Callable[[str | None, str | None, str | None], bool]


@dataclass(frozen=True)
class LanguageQuality:
    """One language as the Listen header describes it."""

    language: str
    analyzer: str
    kind: str  # rules | lexicon | trained | learned | own model
    macro_f1: float | None
    measured_on: str | None
    polarity_only: bool
    labels: int | None = None  # learned: how many labels
    before: float | None = None  # learned: the shipped analyzer on those labels
    polarity_f1: float | None = None  # positive vs negative only

    def to_json(self) -> dict:
        return {"language": self.language, "analyzer": self.analyzer, "kind": self.kind,
                "macro_f1": self.macro_f1, "measured_on": self.measured_on,
                "polarity_only": self.polarity_only, "polarity_f1": self.polarity_f1,
                "labels": self.labels, "before": self.before}


def _kind(name: str) -> str:
    if name.startswith("learned-"):
        return "learned"
    if name in ("social-v1", "textblob"):
        return "rules"
    if name == "ru-lexicon-v1":
        return "lexicon"
    if name == "kk-linear-v1":
        return "trained"
    return "own model"


def language_qualities(scorer: Scorer, db: Database | None = None) -> list[LanguageQuality]:
    """Per language the scorer reads: its analyzer and how good that measured."""
    shipped = shipped_quality()
    learned = {}
    if db is not None:
        from core.sentiment.learning import stored_models

        learned = stored_models(db)
    found = []
    for language in scorer.languages:
        analyzer = scorer.by_language[language]
        name = analyzer.name
        if name.startswith("learned-") and language in learned:
            stored = learned[language]
            found.append(LanguageQuality(language, name, "learned", stored.macro_f1_after,
                                         "cross-validated on your labels", False,
                                         stored.labels, stored.macro_f1_before))
            continue
        if name in shipped:
            q = shipped[name]
            found.append(LanguageQuality(language, name, _kind(name), q.score, q.measured_on,
                                         q.polarity_only, polarity_f1=q.polarity_f1))
            continue
        own = getattr(getattr(analyzer, "config", None), "quality", {})
        found.append(LanguageQuality(
            language, name, _kind(name), own.get(language),
            "stated by IT" if language in own else None,
            bool(getattr(analyzer, "polarity_only", False))))
    return found


def trusted_analyzers(db: Database | None, min_quality: float,
                      scorer: Scorer | None = None) -> Trusted:
    """``(analyzer, language, label_source) → counts for "needs attention"``."""
    if scorer is None:
        from core.settings import Settings

        scorer = Scorer.from_settings(Settings.load(), db)
    good = {(q.analyzer, q.language) for q in language_qualities(scorer, db)
            if q.macro_f1 is not None and q.macro_f1 >= min_quality}
    # Replies scored before a change of analyzer keep the name they were scored with: judge
    # those by their own figure (a shipped analyzer's is the same in every language it reads).
    shipped_good = {name for name, q in shipped_quality().items() if q.score >= min_quality}

    def trusted(analyzer: str | None, language: str | None, source: str | None) -> bool:
        if source == "manual":
            return True
        if analyzer is None:
            return False
        return (analyzer, language) in good or (
            analyzer in shipped_good and not analyzer.startswith("learned-")) or (
            language is None and analyzer == scorer.english.name
            and (analyzer, "en") in good)

    return trusted


def evaluate_file(scorer: Scorer, rows: Sequence[LabelledText]) -> list[dict]:
    """``sentiment evaluate``: per language (the file's column, else as detected), how the
    analyzers did. Unsupported rows count as misses in macro-F1 and recall, and are counted."""
    scores = scorer.score_many([r.text for r in rows])
    groups: dict[str | None, list[tuple[str, str, str]]] = defaultdict(list)
    for row, score in zip(rows, scores, strict=True):
        groups[row.language or score.language].append((row.label, score.label, score.analyzer))
    report = []
    for language in sorted(groups, key=lambda code: (code is None, code or "")):
        triples = groups[language]
        gold = [g for g, _, _ in triples]
        predicted = [p for _, p, _ in triples]
        recalls = recall(gold, predicted)
        names = Counter(a for _, p, a in triples if p != "unsupported")
        report.append({
            "language": language, "n": len(triples),
            "macro_f1": round(macro_f1(gold, predicted), 4),
            "recall_positive": recalls["positive"], "recall_neutral": recalls["neutral"],
            "recall_negative": recalls["negative"],
            "unsupported": predicted.count("unsupported"),
            "analyzer": "+".join(name for name, _ in names.most_common()) or "none",
        })
    return report
