"""Which language a reply is in, so that only English reaches the English analyzer.

Replies to posts in Central Asia come in English, Russian, Uzbek (Latin and Cyrillic), Kazakh,
Kyrgyz, Tajik and Turkmen, mostly 3–20 words with emoji and typos. The worst mistake here is
calling a non-English reply English: it would be scored by an analyzer that cannot read it.

The statistical model is py3langid (langid.py's naive Bayes over byte n-grams, retrained on
139 languages; its model ships inside the wheel, nothing is fetched). On sentences it is right
about 98% of the time here and has never called one of our non-English replies English. On one-
or two-word replies it drifts to languages nobody writes to an embassy in Central Asia ("thank u"
→ Xhosa, "супер" → Ukrainian, "Gowy" → Polish), so one rule is added: the region is the prior.
A language outside ``_EXPECTED`` wins only when the model is sure of it
(``_GUEST_MIN_PROBABILITY``); otherwise the most likely expected language does. German, French,
Spanish, Turkish and Azerbaijani stay expected on purpose: left out, their short replies fall to
English, the one mistake we cannot afford.

Letter rules (ӯ ҷ → Tajik, ň ý → Turkmen, o‘ g‘ → Uzbek, ө ү ң without Kazakh letters →
Kyrgyz) were measured too and left out: the model already gets those replies right, and on
code-switched replies ("Sag boluň! Thanks for the info") they made things worse. Kazakh is the
exception: typed on a Russian keyboard (no ә і қ ұ…) the model calls it Kyrgyz or Russian, and
``core.sentiment.kazakh_or_kyrgyz`` corrects that from letters and words (measured there). So
are one- to three-word Russian opinions ("Ужас", "Спасибо"), which the model scatters over
the region's Cyrillic languages: ``core.sentiment.short_russian``.

The confidence is the model's probability, renormalised over the expected languages when the rule
applied.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.sentiment.kazakh_or_kyrgyz import refine as refine_kazakh
from core.sentiment.short_russian import UNSURE, is_short_russian

if TYPE_CHECKING:
    import numpy as np
    from py3langid.langid import LanguageIdentifier

log = logging.getLogger("attache.sentiment.language")

LATIN = "Latn"
CYRILLIC = "Cyrl"

# Fewer letters than this after cleaning ("👍", "+1", "5 ⭐") has no language: the caller decides.
MIN_LETTERS = 2

# The model's own labels that carry no language.
_NO_LANGUAGE = frozenset({"zxx", "und"})

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MENTION = re.compile(r"(?<![\w@])@[\w.]+")
# Who writes to an embassy in Central Asia: the region, its neighbours and the big languages.
# Ukrainian is not in the list: on short replies it mostly stands for Russian without ы, э or ё.
_EXPECTED = frozenset({
    "en", "ru", "uz", "kk", "ky", "tg", "tk",
    "tr", "az", "fa", "ar", "zh", "ko", "ja", "hi", "ur",
    "de", "fr", "es",
})
# A language outside the region needs this much probability to win over the region's languages.
_GUEST_MIN_PROBABILITY = 0.8

# The model's labels that are not ISO 639-1; the rest already are.
_TO_ISO_639_1 = {"uzs": "uz"}


@dataclass(frozen=True, slots=True)
class Detection:
    """A reply's language (ISO 639-1, None when it has none), how sure, and its script."""

    code: str | None
    confidence: float
    script: str | None


class _Model:
    """py3langid's model, read for many texts at once.

    ``LanguageIdentifier.classify`` walks its byte automaton in a Python loop and calls numpy
    once per text; on 10,000 replies that per-text overhead was half of all scoring time. Here
    the automaton advances every text by one byte per numpy step (texts sorted by length, so the
    ones still running are a prefix), and the per-text arithmetic is py3langid's own, in the same
    order and the same float32, so the answers are bit-for-bit those of ``classify``/``rank``
    (checked on every text in tests/data).
    """

    def __init__(self, identifier: LanguageIdentifier) -> None:
        import numpy as np

        self.identifier = identifier
        self.classes: list[str] = list(identifier.nb_classes)
        self.ptc = identifier.nb_ptc
        self.pc = identifier.nb_pc
        self.nextmove = np.frombuffer(identifier.tk_nextmove,
                                      dtype=np.dtype(identifier.tk_nextmove.typecode))
        self.rowbase = np.asarray(identifier.tk_row, dtype=np.int64) << 8
        self.output = np.asarray(identifier.tk_output, dtype=np.int64)
        self.features = len(self.ptc)
        # rank() keeps one column per label, the first; the region's labels among them.
        first: dict[str, int] = {}
        for column, code in enumerate(self.classes):
            first.setdefault(code, column)
        self.expected_columns = np.array(
            [column for code, column in first.items() if code in _EXPECTED], dtype=np.intp)
        self.kazakh_column = first["kk"]
        self.russian_column = first["ru"]

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """One row of normalised class probabilities per text, as ``_decide`` computes them."""
        import numpy as np

        if len(texts) <= _SMALL_BATCH:
            # Stepping the automaton with numpy costs microseconds a byte: for a few texts
            # py3langid's own byte loop is faster (and the batch path equals it bit for bit).
            rows = [self.identifier._decide(text) for text in texts]
            return np.array(rows, dtype=np.float32).reshape(len(rows), len(self.classes))
        encoded = [_encode(text) for text in texts]
        n = len(encoded)
        scores = np.zeros((n, len(self.classes)), dtype=np.float32)
        lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=n)
        flat = np.frombuffer(b"".join(encoded), dtype=np.uint8)
        starts = np.zeros(n, dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        order = np.argsort(-lengths, kind="stable")
        by_length, first_byte = lengths[order], starts[order]
        steps = int(by_length[0])
        running = np.searchsorted(-by_length, -np.arange(steps), side="left")  # still reading
        state = np.zeros(n, dtype=np.int64)
        found_rows, found_features = [], []
        for step in range(steps):
            k = int(running[step])
            moved = self.nextmove[self.rowbase[state[:k]] + flat[first_byte[:k] + step]]
            state[:k] = moved
            feature = self.output[moved]
            hit = feature >= 0
            if hit.any():
                found_rows.append(order[:k][hit])
                found_features.append(feature[hit])
        if found_rows:
            rows = np.concatenate(found_rows)
            keys = rows * self.features + np.concatenate(found_features)
            # Features in first-seen order per text, as py3langid's Counter holds them: the
            # float32 sum then runs in the same order and gives the same bits.
            unique, first_seen, counts = np.unique(keys, return_index=True, return_counts=True)
            by_text = np.lexsort((first_seen, unique // self.features))
            unique, counts = unique[by_text], counts[by_text].astype(np.float32)
            text_of = unique // self.features
            bounds = np.flatnonzero(np.diff(text_of)) + 1
            # The model's rows for this batch's features, widened from float16 once: float32
            # by float16 is the slow path of numpy's matmul, and the widening is exact (the
            # product is the same to the bit). Widening the whole table would keep 57 MB.
            needed, feature_of = np.unique(unique % self.features, return_inverse=True)
            table, weights, pc = self.ptc[needed].astype(np.float32), np.log1p(counts), self.pc
            for lo, hi in zip(np.concatenate(([0], bounds)).tolist(),
                              np.concatenate((bounds, [len(unique)])).tolist(), strict=True):
                scores[text_of[lo]] = weights[lo:hi] @ table[feature_of[lo:hi]] + pc
        # A text without features stays all zeros: uniform, as py3langid leaves it.
        scores *= (1.0 / np.sqrt(np.maximum(lengths, 1))).astype(np.float32)[:, None]
        np.exp(scores - scores.max(axis=1, keepdims=True), out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        for i, j in self.identifier._alias_pairs:  # "uz"/"uzs"-style duplicate columns
            scores[:, i] += scores[:, j]
            scores[:, j] = 0.0
        return scores


# Up to this many texts go through py3langid one by one (see ``_Model.probabilities``).
_SMALL_BATCH = 8


def _encode(text: str) -> bytes:
    """The bytes py3langid reads: lower-cased when all caps, NFC, UTF-8."""
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")


_model: _Model | None = None
_model_lock = threading.Lock()


def _identifier() -> _Model:
    """The model, loaded once on first use (about a second) from the wheel's own data."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                log.debug("loading the py3langid model")
                _model = _Model(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
    return _model


_NON_LETTERS = re.compile(r"[\W\d_]+")


def clean_for_detection(text: str) -> str:
    """The words of a reply: no URLs, @mentions, emoji, digits or punctuation.

    A hashtag keeps its word (``#виза`` → ``виза``): people write hashtags in their language.
    """
    text = _MENTION.sub(" ", _URL.sub(" ", text))
    # Apostrophes go too: Uzbek's o‘ and g‘ come with five different marks, and keeping them
    # (folded to one) made no measurable difference.
    # After NFC nearly every mark is part of its letter; a regex beats a per-character loop
    # (this runs on every reply).
    return " ".join(_NON_LETTERS.sub(" ", unicodedata.normalize("NFC", text)).split())


_CYRILLIC_LETTERS = re.compile(r"[\u0400-\u052f\u1c80-\u1c8f\ua640-\ua69f]")
_LATIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


def _main_script(text: str) -> str | None:
    """Latin or Cyrillic, whichever has more letters (Unicode blocks, not per-letter names:
    this runs on every reply)."""
    latin = len(_LATIN_LETTERS.findall(text))
    cyrillic = len(_CYRILLIC_LETTERS.findall(text))
    if not latin and not cyrillic:
        return None
    return CYRILLIC if cyrillic > latin else LATIN


_FUNCTION_WORDS = frozenset(
    "the a an is are was were be been to of and or for in on at with this that it you your we "
    "our i my me they them he she not no yes do does did have has had will would can could "
    "should what when where how why who which please thanks thank very so just about from by "
    "as if but there here all any more most some".split())
_ASCII_WORDS = re.compile(r"[A-Za-z']+")


def _plainly_english(cleaned: str) -> bool:
    if not cleaned.isascii():
        return False
    words = [w.lower() for w in _ASCII_WORDS.findall(cleaned)]
    if len(words) < 3:
        return False
    hits = sum(w in _FUNCTION_WORDS for w in words)
    return hits >= 2 and hits / len(words) >= 0.3


def _too_few_letters(cleaned: str) -> bool:
    compact = cleaned.replace(" ", "")
    if compact.isalpha():  # nearly always: cleaning left letters only
        return len(compact) < MIN_LETTERS
    return sum(ch.isalpha() for ch in compact) < MIN_LETTERS  # "½", "²" are \w but no letters


_PLAIN_ENGLISH = Detection("en", 0.9, LATIN)


def detect_language(text: str) -> Detection:
    """The language of one reply; ``code`` is None for emoji, numbers and one-letter replies."""
    return detect_languages([text])[0]


def detect_languages(texts: Sequence[str]) -> list[Detection]:
    """The language of each reply, as ``detect_language`` would say, with one model pass.

    Plainly English replies and replies without words never reach the model.
    """
    found: list[Detection | None] = []
    pending: list[tuple[int, str | None]] = []
    cleaned_pending: list[str] = []
    for text in texts:
        cleaned = clean_for_detection(text)
        if _plainly_english(cleaned):
            found.append(_PLAIN_ENGLISH)
            continue
        script = _main_script(cleaned)
        if _too_few_letters(cleaned):
            found.append(Detection(None, 0.0, script))
            continue
        pending.append((len(found), script))
        cleaned_pending.append(cleaned)
        found.append(None)
    if not pending:
        return found  # type: ignore[return-value]
    model = _identifier()
    probabilities = model.probabilities(cleaned_pending)
    best = probabilities.argmax(axis=1).tolist()
    for row, (position, script) in enumerate(pending):
        code = model.classes[best[row]]
        probability = float(probabilities[row, best[row]])
        total = 1.0
        if code not in _EXPECTED and probability < _GUEST_MIN_PROBABILITY:
            expected = probabilities[row, model.expected_columns]
            column = int(expected.argmax())  # the first of equals, as rank()'s stable sort
            code = model.classes[int(model.expected_columns[column])]
            probability = float(expected[column])
            total = sum(sorted(expected.tolist(), reverse=True))
        if code in _NO_LANGUAGE:
            found[position] = Detection(None, 0.0, script)
            continue
        confidence = probability / total if total > 0 else 0.0
        code = _TO_ISO_639_1.get(code, code)
        if (script == CYRILLIC and code != "kk"
                and refine_kazakh(cleaned_pending[row], code) == "kk"):
            # The model's own weighing of Kazakh against what it said: how sure it was not.
            kazakh = float(probabilities[row, model.kazakh_column])
            code, confidence = "kk", max(kazakh / (kazakh + probability), 0.01)
        elif (script == CYRILLIC and code != "ru" and confidence < UNSURE
              and is_short_russian(cleaned_pending[row])):
            russian = float(probabilities[row, model.russian_column])
            code, confidence = "ru", max(russian / (russian + probability), 0.01)
        found[position] = Detection(code, confidence, script)
    return found  # type: ignore[return-value]


def is_english(detection: Detection, min_confidence: float = 0.0) -> bool:
    """Whether to give this reply to the English analyzer.

    No non-English reply in our measurements came out as English at any confidence, while short
    English ones often score below 0.5 ("thank u" 0.25), so by default the code alone decides;
    raise ``min_confidence`` to trade English replies scored for caution.
    """
    return detection.code == "en" and detection.confidence >= min_confidence
