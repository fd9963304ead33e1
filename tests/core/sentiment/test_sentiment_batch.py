"""The fast paths give the same answers as the slow ones they replaced.

Scoring 10,000 replies in under two seconds (benchmarks/bench_sentiment.py) rests on three
rewrites: the language model reads a batch in one numpy pass, VADER runs without its repeated
lower-casing, and a chunk is stored with one executemany. Each must change no label, number or
language; these tests compare them with the libraries' own code on every text in tests/data.
"""

from __future__ import annotations

import csv
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.sources import add_source
from core.sentiment import language
from core.sentiment.analyzers import SocialAnalyzer, Thresholds, _Vader
from core.sentiment.coverage import coverage_summary, score_coverage
from core.sentiment.kazakh_or_kyrgyz import refine
from core.sentiment.language import detect_language, detect_languages
from core.sentiment.scoring import Scorer, label_reply, score_pending
from core.sentiment.short_russian import UNSURE, is_short_russian
from core.social.base import SocialReply
from core.social.replies import store_replies
from core.storage import migrate
from core.storage.database import Database
from core.storage.models import Reply
from core.watch import add_term

DATA = Path(__file__).resolve().parents[2] / "data"
SHIPPED = Scorer(SocialAnalyzer(), Thresholds())


def corpus() -> list[str]:
    texts = []
    for name in ("sentiment_en.csv", "languages.csv"):
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    # Shouting, emoji appended, no words, odd numerals: the corners of the fast paths.
    return texts + [t.upper() for t in texts] + [f"{t} 👍" for t in texts] + [
        "", " ", "👍", "+1", ":)", "x²y ab", "½½", "Ab", "https://e.test @me #виза", "a" * 3000]


def reference_detection(text: str) -> tuple[str | None, float, str | None]:
    """``detect_language`` as it was: py3langid's own classify() and rank(), one text a call."""
    cleaned = language.clean_for_detection(text)
    if language._plainly_english(cleaned):
        return "en", 0.9, language.LATIN
    script = language._main_script(cleaned)
    if sum(ch.isalpha() for ch in cleaned) < language.MIN_LETTERS:
        return None, 0.0, script
    model = language._identifier().identifier
    code, probability = model.classify(cleaned)
    total = 1.0
    if code not in language._EXPECTED and probability < language._GUEST_MIN_PROBABILITY:
        expected = [(c, p) for c, p in model.rank(cleaned) if c in language._EXPECTED]
        code, probability = expected[0]
        total = sum(p for _, p in expected)
    if code in language._NO_LANGUAGE:
        return None, 0.0, script
    code = language._TO_ISO_639_1.get(code, code)
    confidence = probability / total
    if script == language.CYRILLIC and code != "kk" and refine(cleaned, code) == "kk":
        kazakh = dict(model.rank(cleaned))["kk"]
        return "kk", max(kazakh / (kazakh + probability), 0.01), script
    if (script == language.CYRILLIC and code != "ru" and confidence < UNSURE
            and is_short_russian(cleaned)):
        russian = dict(model.rank(cleaned))["ru"]
        return "ru", max(russian / (russian + probability), 0.01), script
    return code, confidence, script


def test_batch_language_detection_is_py3langid_bit_for_bit() -> None:
    texts = corpus()
    batch = [(d.code, d.confidence, d.script) for d in detect_languages(texts)]
    assert batch == [reference_detection(text) for text in texts]
    sample = random.Random(2).sample(texts, 80)  # one at a time: py3langid's own loop
    assert [detect_language(t) for t in sample] == detect_languages(sample)
    assert detect_languages([]) == []


def generated_sentences(count: int) -> list[str]:
    """Random sentences of VADER's rule words: negations, boosters, "but", "least", "kind of",
    idioms, caps, punctuation; what its per-word rules branch on."""
    from vaderSentiment import vaderSentiment as vs

    rng = random.Random(4)
    lexicon = sorted(vs.SentimentIntensityAnalyzer().lexicon)
    rule_words = [*vs.NEGATE, *vs.BOOSTER_DICT, "no", "or", "nor", "least", "at", "very",
                  "never", "so", "this", "without", "doubt", "but", "kind", "of", "the", "bomb",
                  "bad", "ass", "yeah", "right", "kiss", "death", "to", "die", "for", ":)", "?"]
    plain = ["the", "visa", "office", "is", "it", "was", "embassy", "event"]
    sentences = []
    for _ in range(count):
        words = []
        for _ in range(rng.randint(0, 12)):
            roll = rng.random()
            word = rng.choice(lexicon if roll < 0.35 else rule_words if roll < 0.8 else plain)
            if rng.random() < 0.1:
                word = word.upper()
            if rng.random() < 0.05:
                word += rng.choice("!?.,")
            words.append(word)
        sentences.append(" ".join(words) + rng.choice(["", "!", "!!!", "??", " "]))
    return sentences


def test_fast_vader_gives_vaders_numbers() -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    original, fast = SentimentIntensityAnalyzer(), _Vader()
    texts = corpus() + generated_sentences(20_000) + ["Catch utf-8 emoji such as 💘 and 😁"]
    assert [fast.polarity_scores(t) for t in texts] == [original.polarity_scores(t)
                                                        for t in texts]


def test_score_many_equals_score_and_scores_a_repeated_text_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    texts = corpus()
    assert SHIPPED.score_many(texts) == [SHIPPED.score(t) for t in texts]
    calls: list[str] = []
    analyzer = SocialAnalyzer()
    real = analyzer.analyze
    monkeypatch.setattr(analyzer, "analyze", lambda text: calls.append(text) or real(text))
    timings: dict[str, float] = {}
    scores = Scorer(analyzer, Thresholds()).score_many(["Thank you!", "👍", "Thank you!"],
                                                       timings)
    assert [s.label for s in scores] == ["positive", "positive", "positive"]
    assert calls == ["Thank you!", "👍"] and set(timings) == {"detect", "analyze"}


NOW = datetime(2026, 11, 20, 9, tzinfo=UTC)


def seed_replies(db: Database, texts: list[str]) -> list[int]:
    source = add_source(db, "https://mastodon.example/@embassy", own=True)
    with db.write() as conn:
        store_entries(conn, source.id, [ParsedEntry("post", None, "Post", None, NOW, None, "",
                                                    "")], NOW)
        store_replies(conn, source.id, "mastodon", [
            SocialReply(f"r{n}", "post", None, f"user{n}", None, text, text, NOW)
            for n, text in enumerate(texts)], NOW)
    with db.read() as conn:
        return list(conn.execute(select(Reply.__table__.c.id).order_by(
            Reply.__table__.c.id)).scalars())


def stored(db: Database) -> list[tuple]:
    replies = Reply.__table__
    with db.read() as conn:
        return [tuple(row) for row in conn.execute(select(
            replies.c.sentiment_label, replies.c.label_source, replies.c.language,
            replies.c.polarity, replies.c.analyzer).order_by(replies.c.id))]


def check_store(db: Database) -> None:
    texts = ["Thank you, wonderful news!", "This is a disgrace 😡", "Когда будут результаты?"]
    ids = seed_replies(db, texts)
    timings: dict[str, float] = {}
    assert score_pending(db, SHIPPED, timings=timings) == 3
    assert set(timings) == {"read", "detect", "analyze", "store"}
    expected = [(s.label, "auto", s.language, s.polarity, s.analyzer)
                for s in (SHIPPED.score(t) for t in texts)]
    assert [row[4] for row in expected] == ["social-v1", "social-v1", "none"]
    assert stored(db) == expected
    label_reply(db, ids[0], "negative")
    assert score_pending(db, SHIPPED, rescore=True) == 3
    first = stored(db)[0]
    assert first[:2] == ("negative", "manual")  # the officer's label survives re-scoring
    assert first[2:] == expected[0][2:]  # while the numbers are refreshed
    assert stored(db)[1:] == expected[1:]
    label_reply(db, ids[0], "auto", SHIPPED)
    assert stored(db) == expected


def test_one_statement_stores_scores_and_keeps_manual_labels(db: Database) -> None:
    check_store(db)


@pytest.mark.postgres
def test_scoring_and_coverage_on_postgres(pg_url: str) -> None:
    db = Database(pg_url)
    migrate.ensure_schema(db)
    try:
        check_store(db)
        news = add_source(db, "https://news.test/feed")
        with db.write() as conn:
            store_entries(conn, news.id, [
                ParsedEntry("a", None, "Visa waiver is wonderful news", None, NOW, None, "", ""),
                ParsedEntry("b", None, "Выдача виз задерживается", None, NOW, None, "", "")],
                NOW)
        add_term(db, "visa")
        add_term(db, "виз*")
        on = Scorer(SocialAnalyzer(), Thresholds(), coverage=True)
        assert score_coverage(db, on) == 2
        assert score_coverage(db, on, rescore=True) == 2
        rows = {r["name"]: r for r in coverage_summary(db, by="term")}
        assert (rows["visa"]["positive"], rows["виз*"]["unsupported"]) == (1, 1)
        (day,) = coverage_summary(db, by="day")
        assert (day["key"], day["total"]) == ("2026-11-20", 2)
    finally:
        db.dispose()
