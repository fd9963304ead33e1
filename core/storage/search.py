"""Full-text search over item titles and text, on SQLite (FTS5) and PostgreSQL (tsvector).

The user's words are turned into prefix terms ANDed together and never passed through as
query syntax, so a stray quote or a "NEAR" typed by a press officer cannot break the search.

Uzbek is written in Latin and in Cyrillic, and feeds use both: each word is looked for in
either script (``core.uzbek_script``), so "toshkent" finds "Тошкент" and "ўзбекистон" finds
"O‘zbekiston". A word the index splits in two (o‘zbekiston → "o", "zbekiston": apostrophes
separate tokens in both indexes) is matched as a phrase, the tokens next to each other.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, literal_column, or_, text

from core.storage.models import ITEMS
from core.uzbek_script import APOSTROPHES, spellings

# Apostrophe variants of Uzbek Latin (o‘, oʻ, o', o’) split words the same way everywhere.
_APOSTROPHES = re.compile(f"[{APOSTROPHES}]")
_WORD = re.compile(r"\w+")


def search_terms(query: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(_APOSTROPHES.sub(" ", query))]


def word_alternatives(query: str) -> list[list[list[str]]]:
    """For each word typed: its spellings (typed, other script), each as index tokens.

    "o'zbekiston toshkent" → [[["o", "zbekiston"], ["ўзбекистон"]],
                              [["toshkent"], ["тошкент"]]]
    """
    result = []
    for word in query.split():
        choices = []
        for spelling in spellings(word):
            tokens = search_terms(spelling)
            if tokens and tokens not in choices:
                choices.append(tokens)
        if choices:
            result.append(choices)
    return result


def _fts5(choices: list[list[str]]) -> str:
    # "a b"* is an FTS5 phrase whose last token is a prefix; tokens are \w+ (no quotes).
    return "(" + " OR ".join(f'"{" ".join(tokens)}"*' for tokens in choices) + ")"


def _tsquery(choices: list[list[str]]) -> str:
    return "(" + " | ".join("(" + " <-> ".join(
        [*tokens[:-1], f"{tokens[-1]}:*"]) + ")" for tokens in choices) + ")"


def match_clause(dialect: str, query: str) -> ColumnElement[bool] | None:
    """A WHERE clause matching items that contain every word of ``query`` (as prefixes, in
    either Uzbek script)."""
    words = word_alternatives(query)
    if not words:
        return None
    if dialect == "sqlite":
        fts = " AND ".join(_fts5(choices) for choices in words)
        return ITEMS.c.id.in_(
            text("SELECT rowid FROM item_fts WHERE item_fts MATCH :fts").bindparams(fts=fts)
            .columns(literal_column("rowid"))
        )
    if dialect == "postgresql":
        tsquery = " & ".join(_tsquery(choices) for choices in words)
        return text("item.search_vector @@ to_tsquery('simple', :tsq)").bindparams(tsq=tsquery)
    # Any other backend: a plain case-insensitive substring match per word.
    clauses = []
    for choices in words:
        clauses.append(or_(*(
            ITEMS.c.title.ilike(f"%{' '.join(tokens)}%")
            | ITEMS.c.content_text.ilike(f"%{' '.join(tokens)}%") for tokens in choices)))
    combined = clauses[0]
    for clause in clauses[1:]:
        combined = combined & clause
    return combined
