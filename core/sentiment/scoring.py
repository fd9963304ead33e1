"""Scoring texts and stored replies: language first, then that language's analyzer.

English goes to the ``sentiment_analyzer`` setting's analyzer and thresholds; Russian and
Kazakh to the shipped ones (``core.sentiment.shipped``), or to the model learned from the
officer's labels where it measured better (``core.sentiment.learning``), or to IT's own model
(``sentiment_model_dir``, ``core.sentiment.onnx_model``). A reply in a language no analyzer
reads is ``unsupported`` (polarity None) — never ``neutral``, which would tell an officer
that a furious Uzbek thread was calm. A manual label always wins and survives re-scoring.
"""

from __future__ import annotations

import csv
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select, update

from core.errors import KnownError, NotFoundError
from core.sentiment.analyzers import LABELS, Analyzer, Thresholds, get_analyzer
from core.sentiment.language import detect_languages
from core.settings import Settings
from core.storage.database import Database
from core.storage.models import REPLIES
from core.storage.types import utcnow

if TYPE_CHECKING:
    from core.sentiment.shipped import LanguageAnalyzer

log = logging.getLogger("attache.sentiment")

CHUNK = 2000
# The analyzer name stored with an unsupported reply: none read it.
NO_ANALYZER = "none"


@dataclass(frozen=True)
class Score:
    text: str
    language: str | None
    label: str
    polarity: float | None
    subjectivity: float | None
    analyzer: str

    def to_json(self) -> dict:
        return asdict(self)


class _Deferred:
    """An analyzer built on first use: loading the Russian dictionary or a model is not free,
    and most texts in a batch may never need it."""

    def __init__(self, name: str, language: str, build: Callable[[], LanguageAnalyzer]) -> None:
        self.name = name
        self.languages = frozenset({language})
        self._build = build
        self._built: LanguageAnalyzer | None = None
        self._lock = threading.Lock()

    @property
    def analyzer(self) -> LanguageAnalyzer:
        if self._built is None:
            with self._lock:
                if self._built is None:
                    self._built = self._build()
        return self._built

    def verdicts(self, texts: Sequence[str]) -> list:
        return self.analyzer.verdicts(texts)


class Scorer:
    """The analyzer of each language; cheap to call from any thread.

    ``Scorer(analyzer, thresholds)`` reads English only (and text without words: emoji,
    "+1"); ``others`` adds analyzers for other languages (``from_settings`` adds the shipped
    and learned ones). ``coverage``: whatever is refreshed with this scorer also scores the
    watched feed items (tone of coverage, ``core.sentiment.coverage``); the
    ``coverage_sentiment`` setting, off by default. It rides on the scorer so that every
    refresh built from the settings follows it.
    """

    def __init__(self, analyzer: Analyzer, thresholds: Thresholds, *,
                 coverage: bool = False,
                 others: Mapping[str, LanguageAnalyzer] | None = None) -> None:
        from core.sentiment.shipped import ThresholdAnalyzer

        self.analyzer = analyzer
        self.thresholds = thresholds
        self.coverage = coverage
        self.english: LanguageAnalyzer = ThresholdAnalyzer(analyzer, thresholds)
        self.by_language: dict[str, LanguageAnalyzer] = {
            language: self.english for language in analyzer.languages}
        self.by_language.update(others or {})

    @classmethod
    def from_settings(cls, settings: Settings, db: Database | None = None) -> Scorer:
        """The analyzers the settings choose; with ``db``, the models learned in it too."""
        if settings.sentiment_negative >= settings.sentiment_positive:
            raise KnownError("sentiment_negative must be below sentiment_positive")
        scorer = cls(get_analyzer(settings.sentiment_analyzer),
                     Thresholds(settings.sentiment_positive, settings.sentiment_negative),
                     coverage=settings.coverage_sentiment)
        scorer.by_language.update(language_analyzers(settings, db, english=scorer.english))
        return scorer

    @property
    def languages(self) -> list[str]:
        return sorted(self.by_language)

    def analyzer_for(self, language: str | None) -> LanguageAnalyzer | None:
        """The analyzer of this language (text without words: the English one, which reads
        emoji and emoticons); None when no analyzer reads it."""
        if language is None:
            return self.english
        return self.by_language.get(language)

    def score(self, text: str) -> Score:
        return self.score_many([text])[0]

    def score_many(self, texts: Sequence[str],
                   timings: dict[str, float] | None = None) -> list[Score]:
        """The scores of many texts, in far less time than one by one.

        The language model reads the whole batch in one pass, each analyzer reads its
        language's texts in one call, and a text that comes twice in the batch ("Thank you!",
        "👍") is scored once. ``timings`` (seconds, added to) splits the time between language
        detection and the analyzers.
        """
        started = time.perf_counter()
        unique = list(dict.fromkeys(texts))
        detections = detect_languages(unique)
        detected = time.perf_counter()
        groups: dict[str | None, list[str]] = defaultdict(list)
        for text, detection in zip(unique, detections, strict=True):
            groups[detection.code].append(text)
        scores: dict[str, Score] = {}
        for language, group in groups.items():
            analyzer = self.analyzer_for(language)
            if analyzer is None:
                for text in group:
                    scores[text] = Score(text, language, "unsupported", None, None, NO_ANALYZER)
                continue
            for text, verdict in zip(group, analyzer.verdicts(group), strict=True):
                scores[text] = Score(text, language, verdict.label, verdict.polarity,
                                     verdict.subjectivity, analyzer.name)
        if timings is not None:
            _add(timings, "detect", detected - started)
            _add(timings, "analyze", time.perf_counter() - detected)
        return [scores[text] for text in texts]


def language_analyzers(settings: Settings, db: Database | None = None, *,
                       english: LanguageAnalyzer | None = None) -> dict[str, LanguageAnalyzer]:
    """The analyzer of each language: shipped (loaded on first use), IT's model where the
    settings name one, and, with ``db``, the learned ones that measured better (each learned
    over the analyzer it replaces, ``english`` for English)."""
    from core.sentiment.shipped import LANGUAGE_ANALYZERS

    found: dict[str, LanguageAnalyzer] = {} if english is None else {"en": english}
    for language, choices in LANGUAGE_ANALYZERS.items():
        name, build = next(iter(choices.items()))
        found[language] = _Deferred(name, language, build)
    if settings.sentiment_model_dir:
        from core.sentiment.onnx_model import onnx_analyzers

        found.update(onnx_analyzers(settings.sentiment_model_dir))
    if db is not None and settings.sentiment_learning:
        from core.sentiment.learning import learned_analyzers

        found.update(learned_analyzers(db, found))
    return found


def _add(timings: dict[str, float], stage: str, seconds: float) -> None:
    timings[stage] = timings.get(stage, 0.0) + seconds


# One statement for every scored reply, whether its label is the analyzer's or the officer's:
# the CASEs keep a manual label and its source (SET reads the row as it was), so a chunk is one
# executemany. Written as SQL, not an ``update()``: SQLAlchemy's per-row parameter handling
# cost as much as the database itself on 10,000 replies (benchmarks/bench_sentiment.py).
_STORE_SQL = (
    "UPDATE reply SET language = ?, polarity = ?, subjectivity = ?, analyzer = ?, "
    "scored_at = ?, "
    "sentiment_label = CASE WHEN label_source = 'manual' THEN sentiment_label ELSE ? END, "
    "label_source = CASE WHEN label_source = 'manual' THEN label_source ELSE 'auto' END "
    "WHERE id = ?")


def _store_sql(conn: Connection) -> str:
    """``_STORE_SQL`` in the driver's parameter style (sqlite3: ?, psycopg: %s)."""
    if conn.dialect.paramstyle == "qmark":
        return _STORE_SQL
    if conn.dialect.paramstyle in ("format", "pyformat"):
        return _STORE_SQL.replace("?", "%s")
    raise NotImplementedError(f"parameter style {conn.dialect.paramstyle}")


def _bound_time(conn: Connection, value: datetime) -> object:
    """``value`` as the driver takes it for ``scored_at`` (UTC; naive text on SQLite)."""
    process = REPLIES.c.scored_at.type.bind_processor(conn.dialect)
    return process(value) if process is not None else value


def score_reply_ids(conn: Connection, scorer: Scorer, ids: Sequence[int],
                    timings: dict[str, float] | None = None) -> int:
    """Score these replies in the caller's transaction; manual labels are kept as they are.

    ``timings`` (seconds, added to) splits the time into read, detect, analyze and store.
    """
    done = 0
    sql, scored_at = _store_sql(conn), _bound_time(conn, utcnow())
    for start in range(0, len(ids), CHUNK):
        started = time.perf_counter()
        chunk = list(ids[start:start + CHUNK])
        rows = conn.execute(select(REPLIES.c.id, REPLIES.c.text).where(
            REPLIES.c.id.in_(chunk), REPLIES.c.own.is_(False))).all()
        if timings is not None:
            _add(timings, "read", time.perf_counter() - started)
        scores = scorer.score_many([text or "" for _, text in rows], timings)
        started = time.perf_counter()
        if rows:
            conn.exec_driver_sql(sql, [
                (score.language, score.polarity, score.subjectivity, score.analyzer, scored_at,
                 score.label, reply_id)
                for (reply_id, _), score in zip(rows, scores, strict=True)])
        if timings is not None:
            _add(timings, "store", time.perf_counter() - started)
        done += len(rows)
    return done


def score_languages(conn: Connection, scorer: Scorer, languages: Sequence[str]) -> int:
    """Score the replies in these languages again (a new model is in use for them); manual
    labels stay as they are."""
    ids = list(conn.execute(select(REPLIES.c.id).where(REPLIES.c.language.in_(languages),
                                                       REPLIES.c.own.is_(False))
                            .order_by(REPLIES.c.id)).scalars())
    return score_reply_ids(conn, scorer, ids)


def score_pending(db: Database, scorer: Scorer, *, rescore: bool = False,
                  progress: Callable[[int, int], None] | None = None,
                  timings: dict[str, float] | None = None) -> int:
    """Score replies never scored (or all, with ``rescore``), in chunks of 2,000."""
    # The embassy's own answers are not the public's sentiment: they stay unscored.
    query = select(REPLIES.c.id).where(REPLIES.c.own.is_(False)).order_by(REPLIES.c.id)
    if not rescore:
        query = query.where(REPLIES.c.sentiment_label.is_(None))
    with db.read() as conn:
        ids = list(conn.execute(query).scalars())
    done = 0
    for start in range(0, len(ids), CHUNK):
        with db.write() as conn:
            done += score_reply_ids(conn, scorer, ids[start:start + CHUNK], timings)
        if progress is not None:
            progress(done, len(ids))
    return done


def label_reply(db: Database, reply_id: int, label: str, scorer: Scorer | None = None) -> dict:
    """Set a manual label; ``auto`` hands the reply back to the analyzer (re-scored now)."""
    if label not in ("positive", "neutral", "negative", "auto"):
        raise KnownError(f"unknown label {label!r}; positive, neutral, negative or auto")
    if label == "auto" and scorer is None:  # before the write: it reads the learned models
        scorer = Scorer.from_settings(Settings.load(), db)
    with db.write() as conn:
        found = conn.execute(select(REPLIES.c.id).where(REPLIES.c.id == reply_id)).first()
        if found is None:
            raise NotFoundError(f"there is no reply {reply_id} (see: attache replies list)")
        if label == "auto":
            conn.execute(update(REPLIES).where(REPLIES.c.id == reply_id).values(
                label_source="auto"))
            assert scorer is not None
            score_reply_ids(conn, scorer, [reply_id])
        else:
            conn.execute(update(REPLIES).where(REPLIES.c.id == reply_id).values(
                sentiment_label=label, label_source="manual", scored_at=utcnow()))
        row = conn.execute(select(REPLIES).where(REPLIES.c.id == reply_id)).mappings().one()
    return dict(row)


MANUAL_LABELS = ("positive", "neutral", "negative", "auto")


def read_label_file(path: Path) -> list[tuple[int, int, str]]:
    """(line, reply id, label) from a CSV with the header ``id,label``; the first bad line is
    a ``KnownError`` naming its number."""
    if not path.is_file():
        raise KnownError(f"no such file: {path}")
    found: list[tuple[int, int, str]] = []
    seen: dict[int, tuple[int, str]] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = [f.strip().lower() for f in reader.fieldnames or []]
            if "id" not in fields or "label" not in fields:
                raise KnownError(f"{path.name}: line 1: the header must name the columns id and "
                                 f"label, not {', '.join(fields) or 'nothing'}")
            reader.fieldnames = fields
            for row in reader:
                line = reader.line_num
                raw_id, label = (row.get("id") or "").strip(), (row.get("label") or "").strip()
                try:
                    reply_id = int(raw_id)
                except ValueError:
                    raise KnownError(f"{path.name}: line {line}: id {raw_id!r} is not a "
                                     f"reply id (a whole number)") from None
                label = label.lower()
                if label not in MANUAL_LABELS:
                    raise KnownError(f"{path.name}: line {line}: label {label!r} is not "
                                     f"positive, neutral, negative or auto")
                if reply_id in seen and seen[reply_id][1] != label:
                    raise KnownError(f"{path.name}: line {line}: reply {reply_id} is "
                                     f"{seen[reply_id][1]} on line {seen[reply_id][0]}")
                seen[reply_id] = (line, label)
                found.append((line, reply_id, label))
    except UnicodeDecodeError as exc:
        raise KnownError(f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})"
                         ) from None
    except csv.Error as exc:
        raise KnownError(f"{path.name}: not a CSV file: {exc}") from None
    if not found:
        raise KnownError(f"{path.name}: no labels")
    return found


def label_replies(db: Database, labels: Sequence[tuple[int, int, str]],
                  scorer: Scorer | None = None, *, name: str = "the file") -> dict[str, int]:
    """Set many manual labels in one transaction: all of them, or none when a reply does not
    exist (named with its line). Returns how many got each label."""
    counts: dict[str, int] = defaultdict(int)
    if scorer is None and any(label == "auto" for _, _, label in labels):
        scorer = Scorer.from_settings(Settings.load(), db)  # before the write, as above
    with db.write() as conn:
        ids = sorted({reply_id for _, reply_id, _ in labels})
        existing: set[int] = set()
        for start in range(0, len(ids), CHUNK):
            existing.update(conn.execute(select(REPLIES.c.id).where(
                REPLIES.c.id.in_(ids[start:start + CHUNK]))).scalars())
        for line, reply_id, _ in labels:
            if reply_id not in existing:
                raise NotFoundError(f"{name}: line {line}: there is no reply {reply_id} "
                                    f"(see: attache replies list); nothing was labelled")
        now = utcnow()
        back = []
        for _, reply_id, label in labels:
            counts[label] += 1
            if label == "auto":
                back.append(reply_id)
                conn.execute(update(REPLIES).where(REPLIES.c.id == reply_id).values(
                    label_source="auto"))
            else:
                conn.execute(update(REPLIES).where(REPLIES.c.id == reply_id).values(
                    sentiment_label=label, label_source="manual", scored_at=now))
        if back:
            assert scorer is not None
            score_reply_ids(conn, scorer, back)
    return dict(counts)


__all__ = ["LABELS", "Score", "Scorer", "label_replies", "label_reply", "read_label_file",
           "score_pending", "score_reply_ids"]
