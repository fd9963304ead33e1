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

Letter rules (қ → not Russian, ӯ ҷ → Tajik, ň ý → Turkmen, o‘ g‘ → Uzbek, ө ү ң without
Kazakh letters → Kyrgyz) were measured too and left out: the model already gets those replies
right, and on code-switched replies ("Sag boluň! Thanks for the info") they made things worse.

The confidence is the model's probability, renormalised over the expected languages when the rule
applied.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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


_model: LanguageIdentifier | None = None
_model_lock = threading.Lock()


def _identifier() -> LanguageIdentifier:
    """The model, loaded once on first use (about a second) from the wheel's own data."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                log.debug("loading the py3langid model")
                _model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
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


def detect_language(text: str) -> Detection:
    """The language of one reply; ``code`` is None for emoji, numbers and one-letter replies."""
    cleaned = clean_for_detection(text)
    if _plainly_english(cleaned):
        return Detection("en", 0.9, LATIN)
    script = _main_script(cleaned)
    if sum(ch.isalpha() for ch in cleaned) < MIN_LETTERS:
        return Detection(None, 0.0, script)

    model = _identifier()
    code, probability = model.classify(cleaned)
    total = 1.0
    if code not in _EXPECTED and probability < _GUEST_MIN_PROBABILITY:
        expected = [(c, p) for c, p in model.rank(cleaned) if c in _EXPECTED]
        code, probability = expected[0]
        total = sum(p for _, p in expected)
    if code in _NO_LANGUAGE:
        return Detection(None, 0.0, script)
    confidence = probability / total if total > 0 else 0.0
    return Detection(_TO_ISO_639_1.get(code, code), confidence, script)


def is_english(detection: Detection, min_confidence: float = 0.0) -> bool:
    """Whether to give this reply to the English analyzer.

    No non-English reply in our measurements came out as English at any confidence, while short
    English ones often score below 0.5 ("thank u" 0.25), so by default the code alone decides;
    raise ``min_confidence`` to trade English replies scored for caution.
    """
    return detection.code == "en" and detection.confidence >= min_confidence
