"""Learning from the officer's corrections: one model per language, kept in the database.

Every manual label (keys 1/2/3 in Listen, ``replies label``) and every row of a labelled file
(``sentiment learn --file``) is a training example. Per language, once there are
``MIN_LABELS`` of them, the hashed linear model (``core.sentiment.linear``) is trained on them
with the shipped analyzer's polarity as one more feature, so a few hundred labels refine the
shipped analyzer instead of starting from nothing. How good it is gets measured the only fair
way on the officer's own data: 5-fold cross-validation on those labels, next to the shipped
analyzer's score on the very same labels ("0.66 on your 412 labels, 0.58 before learning").
The learned model is used only where it beat the shipped one on them; for a language with no
shipped analyzer (Uzbek, Kyrgyz…) only when it reaches the ``sentiment_min_quality`` setting.

Models live in ``sentiment_model`` (migration 0007): a team on PostgreSQL shares what any
officer taught it. Learning again after every ``sentiment_relearn_every`` new labels is the
app's job (``desktop/learning.py``, in a worker thread).
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, delete, func, insert, select

from core.sentiment.evaluation import CLASSES, macro_f1, recall
from core.sentiment.hashing import Hasher
from core.sentiment.linear import LinearModel, Training, cross_validated, train
from core.sentiment.shipped import EXTRA_SCALE, LanguageAnalyzer, LinearAnalyzer
from core.storage.database import Database
from core.storage.models import REPLIES, SentimentExample, SentimentModel
from core.storage.types import utcnow

log = logging.getLogger("attache.sentiment.learning")

MODELS = SentimentModel.__table__
EXAMPLES = SentimentExample.__table__

# 2^16 buckets: a few thousand short replies touch a fraction of them, and the stored model
# stays a few hundred KB in the database.
LEARNED_BITS = 16
LEARNING = Training(l2=3e-4, iterations=40)
MIN_LABELS = 30
# 5-fold cross-validation; from MANY_LABELS on, 3 folds (each still trains on two thirds,
# over 1,300 labels) to keep learning in the background to seconds: 4,000 labels cost 21 s
# with 5 folds on the shared two-core machine, half that with 3.
FOLDS = 5
MANY_LABELS = 2000
# The learned model must beat the shipped one by this much (cross-validated) to be used.
MARGIN = 0.01


@dataclass
class LearnResult:
    language: str
    labels: int
    macro_f1_before: float | None
    macro_f1_after: float
    recall: dict[str, float | None]
    model: LinearModel
    base_analyzer: str | None
    used: bool

    @property
    def analyzer(self) -> str:
        return f"learned-{self.language}"

    def to_json(self) -> dict:
        return {"language": self.language, "labels": self.labels,
                "macro_f1_before": self.macro_f1_before, "macro_f1_after": self.macro_f1_after,
                "recall_after": self.recall, "analyzer": self.analyzer,
                "base_analyzer": self.base_analyzer, "used": self.used}


def learned_analyzer(language: str, model: LinearModel,
                     base: LanguageAnalyzer | None) -> LinearAnalyzer:
    return LinearAnalyzer(f"learned-{language}", language, model, base)


def learn(texts: Sequence[str], labels: Sequence[str], language: str,
          base: LanguageAnalyzer | None, *, min_quality: float = 0.5) -> LearnResult:
    """Train on these labels; measure before (the shipped analyzer) and after (5-fold CV)."""
    if len(texts) < MIN_LABELS:
        from core.errors import KnownError

        raise KnownError(f"{language}: {len(texts)} labels; learning needs at least {MIN_LABELS}")
    labels = list(labels)
    extras = None
    before = None
    if base is not None:
        verdicts = base.verdicts(texts)
        before = round(macro_f1(labels, [v.label for v in verdicts]), 4)
        extras = np.array([[v.polarity * EXTRA_SCALE] for v in verdicts])
    hasher = Hasher(bits=LEARNED_BITS, char_min=2, char_max=4, extras=0 if base is None else 1)
    features = hasher.features(texts, extras)
    smallest = min(labels.count(c) for c in set(labels))
    wanted = FOLDS if len(labels) < MANY_LABELS else 3
    folds = max(2, min(wanted, smallest)) if len(set(labels)) > 1 else 2
    predicted = cross_validated(features, labels, hasher, LEARNING, k=folds)
    after = round(macro_f1(labels, predicted), 4)
    model = train(features, labels, hasher, LEARNING, meta={
        "analyzer": f"learned-{language}", "labels": len(labels),
        "base_analyzer": base.name if base is not None else None})
    beat = after >= (before + MARGIN if before is not None else min_quality)
    return LearnResult(language, len(labels), before, after, recall(labels, predicted), model,
                       base.name if base is not None else None, beat)


# ---------------------------------------------------------------------------------- storage

def training_examples(db: Database, language: str | None = None) -> dict[str, list[tuple]]:
    """language → [(text, label)]: the manual labels on replies and the examples from files."""
    found: dict[str, list[tuple]] = defaultdict(list)
    replies = (select(REPLIES.c.language, REPLIES.c.text, REPLIES.c.sentiment_label)
               .where(REPLIES.c.label_source == "manual",
                      REPLIES.c.sentiment_label.in_(CLASSES), REPLIES.c.language.is_not(None))
               .order_by(REPLIES.c.id))
    examples = (select(EXAMPLES.c.language, EXAMPLES.c.text, EXAMPLES.c.label)
                .where(EXAMPLES.c.language.is_not(None)).order_by(EXAMPLES.c.id))
    if language is not None:
        replies = replies.where(REPLIES.c.language == language)
        examples = examples.where(EXAMPLES.c.language == language)
    with db.read() as conn:
        for query in (replies, examples):
            for lang, text, label in conn.execute(query):
                if text and text.strip():
                    found[lang].append((text, label))
    return dict(found)


def add_examples(conn: Connection, rows: Sequence[tuple[str | None, str, str]]) -> int:
    """Keep (language, text, label) rows for learning; a text already kept takes the new
    label (the file is the officer's latest word on it)."""
    if not rows:
        return 0
    texts = sorted({text for _, text, _ in rows})
    for start in range(0, len(texts), 500):
        conn.execute(delete(EXAMPLES).where(EXAMPLES.c.text.in_(texts[start:start + 500])))
    now = utcnow()
    latest = {text: (language, label) for language, text, label in rows}
    conn.execute(insert(EXAMPLES), [
        {"language": language, "text": text, "label": label, "added_at": now}
        for text, (language, label) in latest.items()])
    return len(latest)


def save(conn: Connection, result: LearnResult) -> None:
    conn.execute(delete(MODELS).where(MODELS.c.language == result.language))
    conn.execute(insert(MODELS).values(
        language=result.language, analyzer=result.analyzer, base_analyzer=result.base_analyzer,
        model=result.model.to_bytes(), labels=result.labels,
        macro_f1_before=result.macro_f1_before, macro_f1_after=result.macro_f1_after,
        recall=json.dumps(result.recall), in_use=result.used, trained_at=utcnow()))


@dataclass(frozen=True)
class StoredModel:
    language: str
    analyzer: str
    base_analyzer: str | None
    labels: int
    macro_f1_before: float | None
    macro_f1_after: float
    recall: dict
    in_use: bool
    model: bytes | None = None

    def to_json(self) -> dict:
        return {"language": self.language, "analyzer": self.analyzer,
                "base_analyzer": self.base_analyzer, "labels": self.labels,
                "macro_f1_before": self.macro_f1_before, "macro_f1_after": self.macro_f1_after,
                "recall_after": self.recall, "used": self.in_use}


def stored_models(db: Database, *, with_weights: bool = False) -> dict[str, StoredModel]:
    """language → what was learned for it (without the weights unless asked)."""
    columns = [MODELS.c.language, MODELS.c.analyzer, MODELS.c.base_analyzer, MODELS.c.labels,
               MODELS.c.macro_f1_before, MODELS.c.macro_f1_after, MODELS.c.recall,
               MODELS.c.in_use]
    if with_weights:
        columns.append(MODELS.c.model)
    with db.read() as conn:
        rows = conn.execute(select(*columns)).all()
    return {row[0]: StoredModel(row[0], row[1], row[2], row[3], row[4], row[5],
                                json.loads(row[6] or "{}"), bool(row[7]),
                                bytes(row[8]) if with_weights else None)
            for row in rows}


def learned_analyzers(db: Database, bases: dict[str, LanguageAnalyzer]
                      ) -> dict[str, LinearAnalyzer]:
    """The learned models in use whose shipped analyzer is still the one in use."""
    found = {}
    for language, stored in stored_models(db, with_weights=True).items():
        base = bases.get(language)
        if not stored.in_use or stored.base_analyzer != (base.name if base else None):
            continue
        try:
            model = LinearModel.from_bytes(stored.model or b"")
        except (ValueError, OSError, KeyError) as exc:
            log.warning("the learned %s model cannot be read (%s); learning again will "
                        "replace it", language, exc)
            continue
        found[language] = learned_analyzer(language, model, base)
    return found


def label_counts(db: Database) -> dict[str, int]:
    """language → how many labels learning would use now."""
    counts: dict[str, int] = defaultdict(int)
    replies = (select(REPLIES.c.language, func.count())
               .where(REPLIES.c.label_source == "manual",
                      REPLIES.c.sentiment_label.in_(CLASSES), REPLIES.c.language.is_not(None))
               .group_by(REPLIES.c.language))
    examples = (select(EXAMPLES.c.language, func.count())
                .where(EXAMPLES.c.language.is_not(None)).group_by(EXAMPLES.c.language))
    with db.read() as conn:
        for query in (replies, examples):
            for language, count in conn.execute(query):
                counts[language] += count
    return dict(counts)


def due(db: Database, every: int) -> list[str]:
    """Languages with ``every`` labels more than their model learned from (or, never learned,
    with enough to start)."""
    if every <= 0:
        return []
    learned = {language: stored.labels for language, stored in stored_models(db).items()}
    return sorted(language for language, count in label_counts(db).items()
                  if count >= MIN_LABELS
                  and (language not in learned or count - learned[language] >= every))


def learn_languages(db: Database, bases: dict[str, LanguageAnalyzer],
                    languages: Sequence[str] | None = None, *,
                    min_quality: float = 0.5) -> list[LearnResult]:
    """Learn every language with enough labels (or these ones); reads, never writes, so the
    app runs it in a worker and stores the results on its writer thread (``store``).

    ``bases``: the shipped analyzer of each language (a language without one learns alone).
    """
    results = []
    for language, examples in sorted(training_examples(db).items()):
        if languages is not None and language not in languages:
            continue
        if len(examples) < MIN_LABELS:
            continue
        texts, labels = [t for t, _ in examples], [label for _, label in examples]
        result = learn(texts, labels, language, bases.get(language), min_quality=min_quality)
        log.info("learned %s from %d labels: %.2f (before %s), %s", language, result.labels,
                 result.macro_f1_after, result.macro_f1_before,
                 "in use" if result.used else "not used")
        results.append(result)
    return results


def store(conn: Connection, results: Sequence[LearnResult]) -> None:
    for result in results:
        save(conn, result)


def learn_from_database(db: Database, bases: dict[str, LanguageAnalyzer],
                        languages: Sequence[str] | None = None, *,
                        min_quality: float = 0.5) -> list[LearnResult]:
    """``learn_languages`` and ``store`` in one go (the CLI)."""
    results = learn_languages(db, bases, languages, min_quality=min_quality)
    if results:
        with db.write() as conn:
            store(conn, results)
    return results
