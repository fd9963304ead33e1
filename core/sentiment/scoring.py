"""Scoring texts and stored replies: language first, then the analyzer, then the thresholds.

A reply in a language no analyzer reads is ``unsupported`` (polarity None) — never
``neutral``, which would tell an officer that a furious Russian thread was calm. A manual
label always wins and survives re-scoring.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from sqlalchemy import Connection, bindparam, select, update

from core.errors import KnownError, NotFoundError
from core.sentiment.analyzers import LABELS, Analyzer, Thresholds, get_analyzer
from core.sentiment.language import detect_language
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
    """One analyzer with its thresholds; cheap to call from any thread."""

    def __init__(self, analyzer: Analyzer, thresholds: Thresholds) -> None:
        self.analyzer = analyzer
        self.thresholds = thresholds

    @classmethod
    def from_settings(cls, settings: Settings) -> Scorer:
        if settings.sentiment_negative >= settings.sentiment_positive:
            raise KnownError("sentiment_negative must be below sentiment_positive")
        return cls(get_analyzer(settings.sentiment_analyzer),
                   Thresholds(settings.sentiment_positive, settings.sentiment_negative))

    def score(self, text: str) -> Score:
        language = detect_language(text).code
        # No language at all (emoji, "+1"): the analyzer reads the symbols. A language it does
        # not know: unsupported, and counted as such everywhere.
        if language is not None and language not in self.analyzer.languages:
            return Score(text, language, "unsupported", None, None, self.analyzer.name)
        polarity, subjectivity = self.analyzer.analyze(text)
        return Score(text, language, self.thresholds.label(polarity), polarity, subjectivity,
                     self.analyzer.name)


def score_reply_ids(conn: Connection, scorer: Scorer, ids: Sequence[int]) -> int:
    """Score these replies in the caller's transaction; manual labels are kept as they are."""
    done = 0
    now = utcnow()
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start:start + CHUNK])
        query = select(REPLIES.c.id, REPLIES.c.text, REPLIES.c.label_source).where(
            REPLIES.c.id.in_(chunk))
        rows = []
        for reply_id, text, source in conn.execute(query):
            score = scorer.score(text or "")
            row = {"reply_pk": reply_id, "language": score.language, "polarity": score.polarity,
                   "subjectivity": score.subjectivity, "analyzer": score.analyzer,
                   "scored_at": now}
            if source != "manual":
                row.update(sentiment_label=score.label, label_source="auto")
            else:  # the officer's label stands; the numbers are still refreshed
                row.update(sentiment_label=None, label_source=None)
            rows.append(row)
        auto = [r for r in rows if r["label_source"] == "auto"]
        manual = [{k: v for k, v in r.items() if k not in ("sentiment_label", "label_source")}
                  for r in rows if r["label_source"] is None]
        if auto:
            conn.execute(update(REPLIES).where(REPLIES.c.id == bindparam("reply_pk")), auto)
        if manual:
            conn.execute(update(REPLIES).where(REPLIES.c.id == bindparam("reply_pk")), manual)
        done += len(rows)
    return done


def score_pending(db: Database, scorer: Scorer, *, rescore: bool = False,
                  progress: Callable[[int, int], None] | None = None) -> int:
    """Score replies never scored (or all, with ``rescore``), in chunks of 2,000."""
    query = select(REPLIES.c.id).order_by(REPLIES.c.id)
    if not rescore:
        query = query.where(REPLIES.c.sentiment_label.is_(None))
    with db.read() as conn:
        ids = list(conn.execute(query).scalars())
    done = 0
    for start in range(0, len(ids), CHUNK):
        with db.write() as conn:
            done += score_reply_ids(conn, scorer, ids[start:start + CHUNK])
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
