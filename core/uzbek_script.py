"""Uzbek is written in two scripts: Latin (official since 1995) and Cyrillic (still in most
newspapers, government sites and comments). A press officer searching "toshkent" means
"Тошкент" too, and "ўзбекистон" means "o'zbekiston".

``to_cyrillic`` and ``to_latin`` spell one lower-case word in the other script, letter by
letter with the 1995 alphabet's digraphs (sh, ch, o', g', yo, yu, ya, ye). Search uses them to
look for both spellings; it needs a faithful spelling of Uzbek words, not a reversible
transliteration of any text, so a word with letters Uzbek does not write (w, c, щ…) has no
counterpart and is searched as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Every apostrophe Uzbek Latin is typed with (o‘, oʻ, o', o’, `) counts as one.
APOSTROPHES = "'‘’ʻʼ`"
_APOSTROPHE = re.compile(f"[{APOSTROPHES}]")

_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ё": "yo", "ж": "j", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "s", "ч": "ch",
    "ш": "sh", "ъ": "'", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ў": "o'", "қ": "q",
    "ғ": "g'", "ҳ": "h",
}
_LATIN_DIGRAPHS = {"o'": "ў", "g'": "ғ", "sh": "ш", "ch": "ч", "yo": "ё", "yu": "ю",
                   "ya": "я", "ye": "е"}
_LATIN_LETTERS = {
    "a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "ҳ", "i": "и",
    "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ",
    "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "x": "х", "y": "й", "z": "з",
}
_CYRILLIC_VOWELS = set("аеёиоуўэюяъь")


def _plain(word: str) -> str:
    return _APOSTROPHE.sub("'", word.lower())


def to_latin(word: str) -> str | None:
    """"тошкент" → "toshkent", "ўзбекистон" → "o'zbekiston"; None if not Uzbek Cyrillic."""
    word = word.lower()
    out = []
    for position, letter in enumerate(word):
        if letter == "е":
            # "ye" where the word or a syllable starts: Ереван → Yerevan, but Тошкент → e.
            starts = position == 0 or word[position - 1] in _CYRILLIC_VOWELS
            out.append("ye" if starts else "e")
        elif letter in _CYRILLIC_TO_LATIN:
            out.append(_CYRILLIC_TO_LATIN[letter])
        elif letter.isdigit() or letter in "-'":
            out.append(letter)
        else:
            return None
    return "".join(out)


def to_cyrillic(word: str) -> str | None:
    """"toshkent" → "тошкент", "o'zbekiston" → "ўзбекистон"; None if not Uzbek Latin."""
    word = _plain(word)
    out = []
    position = 0
    while position < len(word):
        pair = word[position:position + 2]
        letter = word[position]
        if pair in _LATIN_DIGRAPHS:
            out.append(_LATIN_DIGRAPHS[pair])
            position += 2
            continue
        if letter == "e":
            out.append("э" if position == 0 else "е")  # elchixona → элчихона
        elif letter in _LATIN_LETTERS:
            out.append(_LATIN_LETTERS[letter])
        elif letter == "'":
            # After a vowel it is the hard sign (ma'lumot → маълумот); after s it only
            # keeps s and h apart (Is'hoq → Исҳоқ).
            if out and out[-1] in "аеиоуэ":
                out.append("ъ")
        elif letter.isdigit() or letter == "-":
            out.append(letter)
        else:
            return None
        position += 1
    return "".join(out)


_EDGES = re.compile(f"^[^\\w{APOSTROPHES}]+|[^\\w{APOSTROPHES}]+$")


def spellings(word: str) -> list[str]:
    """The word as typed (lower case) and, when it reads as Uzbek, in the other script
    (quotes and punctuation around it are not part of it)."""
    plain = _plain(_EDGES.sub("", word)) or _plain(word)
    other = to_latin(plain) if re.search("[а-яёўқғҳ]", plain) else to_cyrillic(plain)
    return [plain] + ([other] if other and other != plain else [])


def contains_words(query: str) -> Callable[[str], bool]:
    """A test that a text contains every word of ``query``, each in either script and any
    case, anywhere in it ("тошкент" is in "Toshkentda"): for texts searched outside the
    database's full-text index, such as replies."""
    words = [[spelling.casefold() for spelling in spellings(word)] for word in query.split()]

    def contains(text: str) -> bool:
        plain = _APOSTROPHE.sub("'", text.casefold())
        return all(any(spelling in plain for spelling in choices) for choices in words)

    return contains
