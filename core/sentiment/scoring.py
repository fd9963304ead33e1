"""Scoring texts and stored replies: language first, then the analyzer, then the thresholds.

A reply in a language no analyzer reads is ``unsupported`` (polarity None) — never
``neutral``, which would tell an officer that a furious Russian thread was calm. A manual
label always wins and survives re-scoring.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import Connection, select, update

from core.errors import KnownError, NotFoundError
from core.sentiment.analyzers import LABELS, Analyzer, Thresholds, get_analyzer
from core.sentiment.language import detect_language, detect_languages
from core.settings import Settings
from core.storage.database import Database
from core.storage.models import Reply
from core.storage.types import utcnow

REPLIES = Reply.__table__
CHUNK = 2000


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


class Scorer:
    """One analyzer with its thresholds; cheap to call from any thread.

    ``coverage``: whatever is refreshed with this scorer also scores the watched feed items
    (tone of coverage, ``core.sentiment.coverage``); the ``coverage_sentiment`` setting, off
    by default. It rides on the scorer so that every refresh built from the settings follows it.
    """

    def __init__(self, analyzer: Analyzer, thresholds: Thresholds, *,
                 coverage: bool = False) -> None:
        self.analyzer = analyzer
        self.thresholds = thresholds
        self.coverage = coverage

    @classmethod
    def from_settings(cls, settings: Settings) -> Scorer:
        if settings.sentiment_negative >= settings.sentiment_positive:
            raise KnownError("sentiment_negative must be below sentiment_positive")
        return cls(get_analyzer(settings.sentiment_analyzer),
                   Thresholds(settings.sentiment_positive, settings.sentiment_negative),
                   coverage=settings.coverage_sentiment)

    def score(self, text: str) -> Score:
        return self._routed(text, detect_language(text).code)

    def score_many(self, texts: Sequence[str],
                   timings: dict[str, float] | None = None) -> list[Score]:
        """The scores of many texts, each as ``score`` gives it, in far less time.

        The language model reads the whole batch in one pass, and a text that comes twice in
        the batch ("Thank you!", "👍") is scored once. ``timings`` (seconds, added to) splits
        the time between language detection and the analyzer.
        """
        started = time.perf_counter()
        unique = list(dict.fromkeys(texts))
        detections = detect_languages(unique)
        detected = time.perf_counter()
        scores = {text: self._routed(text, detection.code)
                  for text, detection in zip(unique, detections, strict=True)}
        if timings is not None:
            _add(timings, "detect", detected - started)
            _add(timings, "analyze", time.perf_counter() - detected)
        return [scores[text] for text in texts]

    def _routed(self, text: str, language: str | None) -> Score:
        # No language at all (emoji, "+1"): the analyzer reads the symbols. A language it does
        # not know: unsupported, and counted as such everywhere.
        if language is not None and language not in self.analyzer.languages:
            return Score(text, language, "unsupported", None, None, self.analyzer.name)
        polarity, subjectivity = self.analyzer.analyze(text)
        return Score(text, language, self.thresholds.label(polarity), polarity, subjectivity,
                     self.analyzer.name)


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
            REPLIES.c.id.in_(chunk))).all()
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
    with db.write() as conn:
        found = conn.execute(select(REPLIES.c.id).where(REPLIES.c.id == reply_id)).first()
        if found is None:
            raise NotFoundError(f"there is no reply {reply_id} (see: attache replies list)")
        if label == "auto":
            conn.execute(update(REPLIES).where(REPLIES.c.id == reply_id).values(
                label_source="auto"))
            score_reply_ids(conn, scorer or Scorer.from_settings(Settings.load()), [reply_id])
        else:
            conn.execute(update(REPLIES).where(REPLIES.c.id == reply_id).values(
                sentiment_label=label, label_source="manual", scored_at=utcnow()))
        row = conn.execute(select(REPLIES).where(REPLIES.c.id == reply_id)).mappings().one()
    return dict(row)


__all__ = ["LABELS", "Score", "Scorer", "label_reply", "score_pending", "score_reply_ids"]
