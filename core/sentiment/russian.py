"""The Russian analyzer: an opinion-word lexicon read through lemmas, with the rules of replies.

Russian inflects: "ужасный", "ужасная", "ужасно", "ужасного" are one word to a lexicon only
after lemmatisation. pymorphy3 does it offline with OpenCorpora's dictionary, which ships in
its own wheel (pymorphy3-dicts-ru, read once per process, about 0.4 s). The lexicon is
PolSentiLex (HSE, CC BY 4.0): each lemma's crowd markings (−2..2) averaged with a pull towards
0 for words few people marked (``resources/sentiment/ru-lexicon-v1.tsv``, built by
``scripts/build_sentiment_resources.py``).

On top of the words, what replies do that a lexicon does not see — VADER's ideas, in Russian:
negation (не, нет, ни, без, никогда: "не плохо", "без проблем"; "не работает", "не отвечают":
a negated verb is a complaint even when the verb itself is neutral), intensifiers and
softeners (очень, совсем, слишком / немного, почти), "но" (what follows it counts more),
ALL CAPS and "!!!", emoji, the smileys of Russian social media (")))" and "(((" without eyes,
":-)", "xD"), speech acts (спасибо, поздравляю, с праздником, удачи → positive; позор,
сколько можно → negative), and a few ironic turns ("ага, конечно", «демократия» in scare
quotes). The numbers were tuned on CEDR's training sentences only (README "Sentiment" has the
held-out figures).
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from core.sentiment.analyzers import EMOJI, Thresholds
from resources import RESOURCES

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer

log = logging.getLogger("attache.sentiment.russian")

LEXICON_FILE = RESOURCES / "sentiment" / "ru-lexicon-v1.tsv"

NEGATIONS = frozenset({"не", "нет", "ни", "без", "никогда", "нисколько", "ничуть", "нельзя"})
INTENSIFIERS = {
    "очень": 1.5, "совсем": 1.4, "слишком": 1.4, "крайне": 1.6, "абсолютно": 1.5,
    "совершенно": 1.5, "невероятно": 1.6, "чрезвычайно": 1.6, "сильно": 1.4, "самый": 1.4,
    "безумно": 1.6, "реально": 1.3, "действительно": 1.3, "настолько": 1.4, "так": 1.2,
    "такой": 1.2, "особенно": 1.3, "максимально": 1.5, "очень-очень": 1.8, "весьма": 1.3,
    "немного": 0.6, "чуть": 0.6, "слегка": 0.6, "довольно": 0.8, "почти": 0.7,
    "несколько": 0.7, "вроде": 0.7,
}
# Words that start a new thought: what follows weighs more ("Красиво, но дорого").
BUT = frozenset({"но", "однако", "зато", "хотя"})

# Lemmas PolSentiLex lacks or marks for political news, where replies use them otherwise;
# values on its −2..2 scale.
SOCIAL_WORDS = {
    "спасибо": 1.5, "благодарить": 1.5, "благодарность": 1.2, "благодарный": 1.2,
    "поздравлять": 1.5, "поздравление": 1.3, "молодец": 1.5, "браво": 1.5, "ура": 1.3,
    "удача": 1.0, "супер": 1.5, "круто": 1.3, "крутой": 1.0, "классно": 1.4, "классный": 1.3,
    "здорово": 1.4, "отлично": 1.5, "отличный": 1.4, "хорошо": 1.0, "хороший": 1.0,
    "прекрасно": 1.4, "прекрасный": 1.4, "замечательно": 1.4, "чудесно": 1.4, "обожать": 1.5,
    "нравиться": 1.0, "любить": 1.0, "восхитительный": 1.6, "шикарный": 1.5, "кайф": 1.3,
    "плохо": -1.0, "плохой": -1.0, "ужасно": -1.5, "отвратительно": -1.6, "стыд": -1.3,
    "стыдно": -1.3, "безобразие": -1.5, "бардак": -1.3, "бесполезно": -1.2, "жаль": -0.8,
    "обман": -1.4, "отстой": -1.5, "издеваться": -1.3, "хамство": -1.5, "грубый": -1.2,
}
# Speech acts and complaint turns that are phrases, not words (matched on the lowered text).
PHRASES = [(re.compile(pattern), value) for pattern, value in (
    (r"\bс (?:праздником|днём|днем|новым годом|рождеством|наступающим|юбилеем|победой)\b",
     1.5),
    (r"\bвсего (?:доброго|хорошего|наилучшего)\b|\bтак держать\b|\bот души\b", 1.3),
    (r"\bсколько можно\b|\bдо сих пор\b|\bкогда уже\b|\bв который раз\b|\bопять\b", -1.0),
    (r"\bникто не (?:отвечает|отвечают|берет|берёт|звонит|пишет)\b", -1.0),
)]
IRONY = re.compile(
    r"«(?:демократи\w*|ценност\w*|партн[её]рств\w*|свобод\w*|помощ\w*|дружб\w*|прав\w* человека)»"
    r"|\"(?:демократи\w*|ценност\w*|партн[её]рств\w*|свобод\w*|помощ\w*|дружб\w*)\""
    r"|\bага,? конечно\b|\bну-ну\b|\bну да,? ну да\b|\bспасибо за ничего\b|🙃")
EMOTICONS = {
    ":)": 1.0, ":-)": 1.0, "=)": 0.9, ";)": 0.7, ";-)": 0.7, ":D": 1.3, ":-D": 1.3, "xD": 1.2,
    "XD": 1.2, "хД": 1.2, "<3": 1.3, ":(": -1.0, ":-(": -1.0, "=(": -0.9, ":'(": -1.2,
    ">:(": -1.4, ":/": -0.5, ":-/": -0.5,
}
_EMOJI = {emoji: value * 2 for emoji, value in EMOJI.items()}  # VADER's −1..1 → our −2..2

_TOKEN = re.compile(
    "|".join(re.escape(e) for e in sorted([*EMOTICONS, *_EMOJI], key=len, reverse=True))
    + r"|\)+|\(+|!+|\?+|[.,;:—–]|[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Rules:
    """The numbers the rules use (tuned on CEDR's training split)."""

    negation: float = -0.75  # a negated word's valence is multiplied by this
    negated_verb: float = -0.6  # "не работает": a negated verb with no valence of its own
    caps: float = 1.5
    but_before: float = 0.5
    but_after: float = 1.5
    exclamation: float = 0.2  # added in the direction of the sum per "!", up to four
    smile: float = 0.9  # a run of ")" without eyes, per bracket up to three
    alpha: float = 4.0  # polarity = sum / sqrt(sum² + alpha), as VADER's compound


# Thresholds on the polarity for this analyzer's labels when the lexicon file names none
# (the build script writes the ones it tuned on CEDR's training split into the file).
THRESHOLDS = Thresholds(positive=0.05, negative=-0.4)


def read_lexicon(path: Path = LEXICON_FILE) -> tuple[dict[str, float], Thresholds]:
    """(lemma → valence −2..2, thresholds) from a ``lemma<TAB>valence`` file whose
    ``# thresholds<TAB>positive<TAB>negative`` line, if any, sets the thresholds."""
    lexicon: dict[str, float] = {}
    thresholds = THRESHOLDS
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# thresholds\t"):
                _, positive, negative = line.rstrip("\n").split("\t")
                thresholds = Thresholds(float(positive), float(negative))
            if line.startswith("#") or not line.strip():
                continue
            lemma, value = line.rstrip("\n").split("\t")
            lexicon[lemma] = float(value)
    return lexicon, thresholds


_morph: MorphAnalyzer | None = None
_morph_lock = threading.Lock()


def morphology() -> MorphAnalyzer:
    """pymorphy3 with its Russian dictionary, loaded once per process on first use."""
    global _morph
    if _morph is None:
        with _morph_lock:
            if _morph is None:
                from pymorphy3 import MorphAnalyzer

                from core.sentiment.russian_dictionary import dictionary_path

                log.debug("loading the Russian morphology dictionary")
                # The dictionary's folder named outright (core.sentiment.russian_dictionary):
                # pymorphy3 would otherwise look for it through package entry points, which a
                # frozen bundle does not carry. Without its P(tag|word) table (2.9 MB the
                # bundle leaves out): on CEDR's training split the lemmas it picks change
                # macro-F1 by 0.0006.
                _morph = MorphAnalyzer(path=dictionary_path(), lang="ru",
                                       probability_estimator_cls=None)
    return _morph


_parse_lock = threading.Lock()
_VERBS = frozenset({"VERB", "INFN", "GRND", "PRTF", "PRTS"})


@lru_cache(maxsize=200_000)
def lemma_of(word: str) -> tuple[str, bool]:
    """(lemma, is a verb) of a lower-case word; replies repeat their words, hence the cache."""
    morph = morphology()
    with _parse_lock:  # pymorphy3 does not promise thread safety
        parses = morph.parse(word)
    # Any reading as a verb counts ("было" is also a particle): without pymorphy3's
    # probability table (left out of the bundle) the first reading is not always the usual one.
    verb = any(p.tag.POS in _VERBS for p in parses)
    return parses[0].normal_form, verb


def _adjective_of(lemma: str) -> tuple[str, ...]:
    """"хорошо" → "хороший": adverbs and short forms take their adjective's valence."""
    if lemma.endswith(("о", "е")) and len(lemma) > 3:
        stem = lemma[:-1]
        return (stem + "ый", stem + "ий", stem + "ой")
    return ()


class RussianLexiconAnalyzer:
    """PolSentiLex lemmas + negation, intensifiers, "но", caps, "!!!", emoji, ")))"."""

    name = "ru-lexicon-v1"
    languages = frozenset({"ru"})

    def __init__(self, lexicon: Mapping[str, float] | None = None,
                 rules: Rules = Rules(), thresholds: Thresholds | None = None) -> None:
        if lexicon is None:
            lexicon, read_thresholds = read_lexicon()
            thresholds = thresholds or read_thresholds
        base = dict(lexicon)
        base.update(SOCIAL_WORDS)
        self.lexicon = base
        self.rules = rules
        self.thresholds = thresholds or THRESHOLDS

    def valence(self, word: str) -> tuple[float, bool]:
        """(valence, is a verb) of one lower-case word."""
        lexicon = self.lexicon
        if word in lexicon:
            return lexicon[word], False
        lemma, verb = lemma_of(word)
        if lemma in lexicon:
            return lexicon[lemma], verb
        for candidate in _adjective_of(lemma):
            if candidate in lexicon:
                return lexicon[candidate], False
        return 0.0, verb

    def analyze(self, text: str) -> tuple[float, float]:
        total, opinions, words = self.sum(text)
        if not words and not opinions:
            return 0.0, 0.0
        polarity = total / math.sqrt(total * total + self.rules.alpha)
        subjectivity = min(1.0, opinions / max(words, 1))
        return round(max(-1.0, min(1.0, polarity)), 4), round(subjectivity, 4)

    def sum(self, text: str) -> tuple[float, int, int]:
        """(the valences added up, how many tokens carried one, how many words)."""
        rules = self.rules
        lowered = text.lower()
        tokens = _TOKEN.findall(text)
        open_brackets = 0
        mixed_case = any(c.islower() for c in text)
        valences: list[float] = []
        exclamations = 0
        words = 0
        negate_next = 0  # words left in a negation's reach
        boost = 1.0
        but_at = -1
        for token in tokens:
            value = 0.0
            first = token[0]
            if first == "(":
                if len(token) == 1 and not open_brackets:
                    open_brackets += 1  # probably an aside "(…)", unless it never closes
                    continue
                value = -rules.smile * min(len(token), 3) if len(token) > 1 else 0.0
                open_brackets += 0 if len(token) > 1 else 1
            elif first == ")":
                if open_brackets and len(token) == 1:
                    open_brackets -= 1
                    continue
                value = rules.smile * min(len(token), 3)
            elif first == "!":
                exclamations += len(token)
                continue
            elif first in "?.,;:—–" and token not in EMOTICONS:
                negate_next = 0
                boost = 1.0
                continue
            elif token in EMOTICONS:
                value = EMOTICONS[token]
            elif token in _EMOJI:
                value = _EMOJI[token]
            else:
                words += 1
                word = token.lower()
                if word in BUT:
                    but_at = len(valences)
                    negate_next, boost = 0, 1.0
                    continue
                if word in NEGATIONS:
                    negate_next = 3
                    continue
                if word in INTENSIFIERS:
                    boost *= INTENSIFIERS[word]
                    continue
                value, verb = self.valence(word)
                if negate_next:
                    if value:
                        value *= rules.negation
                        negate_next = 0
                    elif verb:
                        value = rules.negated_verb
                        negate_next = 0
                    else:
                        negate_next -= 1
                if value and mixed_case and token.isupper() and len(token) > 1:
                    value *= rules.caps
                if value:
                    value *= boost
                    boost = 1.0
            if value:
                valences.append(value)
        if open_brackets and text.rstrip().endswith("("):
            valences.append(-rules.smile)  # "Жаль (" : a sad bracket that never closes
        for pattern, value in PHRASES:
            if pattern.search(lowered):
                valences.append(value)
        if but_at >= 0:
            valences = ([v * rules.but_before for v in valences[:but_at]]
                        + [v * rules.but_after for v in valences[but_at:]])
        total = sum(valences)
        if IRONY.search(lowered) and total > -1.0:
            total = -1.0 - abs(total) * 0.5
            valences.append(total)
        if total and exclamations:
            total += math.copysign(rules.exclamation * min(exclamations, 4), total)
        return total, len(valences), words
