"""One- to three-word Russian replies with a feeling in them: "Ужас", "Позор!", "Спасибо".

On a word or two the language model guesses among its Cyrillic languages ("Ужас" → Kyrgyz,
"Спасибо" → Uzbek, "Жаль" → Kazakh, each at 0.2–0.3), and the reply then goes unread or to
the wrong analyzer. These are exactly the replies whose sentiment matters. A dictionary alone
cannot settle it: pymorphy3 "knows" мен, бар, салам and Рахмат too (as forms of мена, бар,
сало and a first name). So the rule is narrow: every word is a Russian opinion word (its lemma
in the Russian lexicon, not a name) or a Russian function word, at least one is an opinion
word, no letter is Kazakh, Kyrgyz, Uzbek or Tajik, and no word is a Kazakh or Kyrgyz marker
(``core.sentiment.kazakh_or_kyrgyz``). Only then, and only when the model was unsure, the
reply is Russian.
"""

from __future__ import annotations

import re
import threading

from core.sentiment.kazakh_or_kyrgyz import evidence

MAX_WORDS = 3
# Below this the model is guessing (its answers on one word sit at 0.15–0.45).
UNSURE = 0.5
_NOT_RUSSIAN = re.compile("[әіңғүұқөһўҳҷӣӯҗҙҡҫїєґə]", re.IGNORECASE)
_FUNCTION_WORDS = frozenset("""
    и а но не ни да нет как так что это вот вы ты мы я он она они все всё всем где когда
    почему зачем сколько очень просто уже ещё еще опять снова ну же ли бы тоже какой какая
    какое какие такой такая такое такие""".split())

_lexicon: frozenset[str] | None = None
_lock = threading.Lock()


def _opinion_words() -> frozenset[str]:
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                from core.sentiment.russian import SOCIAL_WORDS, read_lexicon

                words, _ = read_lexicon()
                _lexicon = frozenset(words) | frozenset(SOCIAL_WORDS)
    return _lexicon


def is_short_russian(cleaned: str) -> bool:
    """Whether a reply's words (``clean_for_detection``'s output) are a short Russian
    opinion, by the rule above."""
    words = cleaned.lower().split()
    if not 0 < len(words) <= MAX_WORDS or _NOT_RUSSIAN.search(cleaned):
        return False
    kazakh, kyrgyz, _ = evidence(cleaned)
    if kazakh or kyrgyz:
        return False
    from core.sentiment.russian import lemma_of, morphology

    lexicon = _opinion_words()
    morph = morphology()
    opinions = 0
    for word in words:
        if word in _FUNCTION_WORDS:
            continue
        if not morph.word_is_known(word):
            return False
        lemma, _ = lemma_of(word)
        if word in lexicon or (lemma in lexicon and not _is_name(word)):
            opinions += 1
            continue
        return False
    return opinions > 0


def _is_name(word: str) -> bool:
    from core.sentiment.russian import morphology

    tag = morphology().parse(word)[0].tag
    return bool({"Name", "Surn", "Patr", "Geox", "Orgn"} & tag.grammemes)
