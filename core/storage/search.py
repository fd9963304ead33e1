"""Full-text search over item titles and text, on SQLite (FTS5) and PostgreSQL (tsvector).

The user's words are turned into prefix terms ANDed together and never passed through as
query syntax, so a stray quote or a "NEAR" typed by a press officer cannot break the search.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, literal_column, text

from core.storage.models import Item

ITEMS = Item.__table__
# Apostrophe variants of Uzbek Latin (o‘, oʻ, o', o’) split words the same way everywhere.
_APOSTROPHES = re.compile(r"['‘’ʻʼ`]")
_WORD = re.compile(r"\w+")


def search_terms(query: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(_APOSTROPHES.sub(" ", query))]


def match_clause(dialect: str, query: str) -> ColumnElement[bool] | None:
    """A WHERE clause matching items that contain every word of ``query`` (as prefixes)."""
    terms = search_terms(query)
    if not terms:
        return None
    if dialect == "sqlite":
        fts = " AND ".join(f'"{t}"*' for t in terms)
        return ITEMS.c.id.in_(
            text("SELECT rowid FROM item_fts WHERE item_fts MATCH :fts").bindparams(fts=fts)
            .columns(literal_column("rowid"))
        )
    if dialect == "postgresql":
        tsquery = " & ".join(f"{t}:*" for t in terms)
        return text("item.search_vector @@ to_tsquery('simple', :tsq)").bindparams(tsq=tsquery)
    # Any other backend: a plain case-insensitive substring match per word.
    clauses = [ITEMS.c.title.ilike(f"%{t}%") | ITEMS.c.content_text.ilike(f"%{t}%")
               for t in terms]
    combined = clauses[0]
    for clause in clauses[1:]:
        combined = combined & clause
    return combined
