"""The daily media summary: the stories the officer picked, grouped, with their own notes.

What goes in (``pick``): items the officer marked for the summary (key D on the Monitor, or
``attache items mark ID --summary``), starred items, or items that mention chosen watch terms;
``sources`` narrows any of these, or alone takes every item of those sources. The range is
whole days in the officer's zone, by the item's date (published, never later than when it was
seen). Own-account posts are the embassy's words, not coverage: a watch-term rule leaves them
out; a mark or a star is the officer's explicit choice and is kept.

Groups (``by``): watch term — an item naming several terms sits under the first term the
officer added (their order of priority) with the others noted, never twice; category; source.
Newest first inside a group; groups in the terms' order or alphabetically, the leftovers
("Other coverage", "Uncategorised") last.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import func, select

from core.errors import KnownError
from core.links import openable_link
from core.reports.model import Link, Paragraph, Report, Section, Story, date_range_text
from core.reports.scope import Letterhead, Progress, Range, no_progress
from core.storage.database import Database
from core.storage.models import (
    HITS,
    ITEMS,
    SCORES,
    SOURCES,
    TERMS,
)

GROUPINGS = ("term", "category", "source")
PICKS = ("marked", "starred", "watch")
MAX_STORIES = 500  # a summary is read in a morning; past this it is a list, not a summary
EXCERPT_CHARS = 320
CHUNK = 500
OTHER_TERMS = "Other coverage"
NO_CATEGORY = "Uncategorised"


@dataclass
class SummaryOptions:
    range: Range
    by: Literal["term", "category", "source"] = "term"
    pick: Literal["marked", "starred", "watch"] | None = None  # None: marked, or all of sources
    terms: Sequence[str] = ()  # with pick="watch"
    sources: Sequence[int] = ()
    excerpt: bool = False
    tone: bool = False
    letterhead: Letterhead = field(default_factory=Letterhead)


def summary_report(db: Database, options: SummaryOptions,
                   progress: Progress = no_progress) -> Report:
    if options.by not in GROUPINGS:
        raise KnownError(f"--by takes one of {', '.join(GROUPINGS)}")
    pick = options.pick or ("marked" if not options.sources else None)
    if pick == "watch" and not options.terms:
        raise KnownError("--watch needs at least one watch term")
    rng = options.range
    progress(0, 3, "Finding the stories")
    term_ids = _term_ids(db, options.terms) if pick == "watch" else []
    source_names = _source_names(db, options.sources)
    rows, total = _rows(db, rng, pick, term_ids, list(options.sources), options.excerpt)
    progress(1, 3, "Grouping")
    terms = _terms_of(db, [r["id"] for r in rows])
    tones = _tones(db, [r["id"] for r in rows]) if options.tone else {}
    report = Report(kind="summary", title="Media summary", first=rng.first, last=rng.last,
                    tz=rng.tz, generated=rng.now(), embassy=options.letterhead.embassy,
                    prepared_by=options.letterhead.prepared_by,
                    classification=options.letterhead.classification,
                    scope=_scope(options, pick, source_names, rng))
    groups: dict[str, list[Story]] = defaultdict(list)
    order: dict[str, tuple] = {}
    for row in rows:
        key, rank, also = _group(row, options.by, terms.get(row["id"], []))
        order.setdefault(key, rank)
        groups[key].append(_story(row, rng, also if options.by == "term" else (),
                                  tones.get(row["id"]) if options.tone else None,
                                  options.excerpt))
    for key in sorted(groups, key=lambda k: order[k]):
        report.sections.append(Section(title=key, blocks=list(groups[key])))
    if total > len(rows):
        report.sections.append(Section(title="Not shown", blocks=[Paragraph(
            f"{total - len(rows)} more items matched; a summary shows the newest "
            f"{MAX_STORIES}. Narrow the range or the rule.", "note")]))
    if not rows:
        report.empty = _empty_text(pick, rng)
    report.counts = {"items": len(rows), "groups": len(groups), "matched": total}
    progress(3, 3, "Done")
    return report


# ------------------------------------------------------------------------------ choosing

def _term_ids(db: Database, wanted: Sequence[str]) -> list[int]:
    with db.read() as conn:
        known = conn.execute(select(TERMS.c.id, TERMS.c.term).order_by(TERMS.c.id)).all()
    by_name = {term.casefold(): term_id for term_id, term in known}
    ids, unknown = [], []
    for name in wanted:
        found = by_name.get(" ".join(name.split()).casefold())
        if found is None:
            unknown.append(name)
        elif found not in ids:
            ids.append(found)
    if unknown:
        listed = ", ".join(t for _, t in known) or "none yet (attache watch add TERM)"
        raise KnownError(f"not a watch term: {', '.join(unknown)}; watch terms: {listed}")
    return ids


def _source_names(db: Database, ids: Sequence[int]) -> list[str]:
    if not ids:
        return []
    with db.read() as conn:
        found = dict(conn.execute(select(
            SOURCES.c.id, func.coalesce(SOURCES.c.title, SOURCES.c.url))
            .where(SOURCES.c.id.in_(list(ids)))).all())
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise KnownError(f"no source with id {', '.join(missing)} (see: attache sources list)")
    return [found[i] for i in dict.fromkeys(ids)]


def _rows(db: Database, rng: Range, pick: str | None, term_ids: list[int], sources: list[int],
          excerpt: bool) -> tuple[list[dict], int]:
    columns = [ITEMS.c.id, ITEMS.c.title, ITEMS.c.url, ITEMS.c.published, ITEMS.c.sort_date,
               ITEMS.c.summary_note, ITEMS.c.source_id, SOURCES.c.category,
               func.coalesce(SOURCES.c.title, SOURCES.c.url).label("source_title")]
    if excerpt:
        columns.append(ITEMS.c.content_text)
    where = [ITEMS.c.sort_date >= rng.since, ITEMS.c.sort_date < rng.until]
    if pick == "marked":
        where.append(ITEMS.c.summary.is_(True))
    elif pick == "starred":
        where.append(ITEMS.c.starred.is_(True))
    elif pick == "watch":
        where.append(ITEMS.c.id.in_(select(HITS.c.item_id).where(
            HITS.c.term_id.in_(term_ids), HITS.c.item_id.is_not(None))))
        where.append(SOURCES.c.own.is_(False))
    if sources:
        where.append(ITEMS.c.source_id.in_(sources))
    base = select(*columns).join(SOURCES, SOURCES.c.id == ITEMS.c.source_id).where(*where)
    count = select(func.count()).select_from(ITEMS).join(
        SOURCES, SOURCES.c.id == ITEMS.c.source_id).where(*where)
    with db.read() as conn:
        total = conn.execute(count).scalar_one()
        rows = [dict(r) for r in conn.execute(
            base.order_by(ITEMS.c.sort_date.desc(), ITEMS.c.id.desc()).limit(MAX_STORIES))
            .mappings()]
    return rows, total


def _terms_of(db: Database, item_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """item id → its watch terms, in the order the officer added them."""
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    with db.read() as conn:
        for start in range(0, len(item_ids), CHUNK):
            for item_id, term_id, term in conn.execute(
                    select(HITS.c.item_id, TERMS.c.id, TERMS.c.term)
                    .join(TERMS, TERMS.c.id == HITS.c.term_id)
                    .where(HITS.c.item_id.in_(item_ids[start:start + CHUNK]))
                    .order_by(HITS.c.item_id, TERMS.c.id)):
                if (term_id, term) not in found[item_id]:
                    found[item_id].append((term_id, term))
    return found


def _tones(db: Database, item_ids: list[int]) -> dict[int, str]:
    found = {}
    with db.read() as conn:
        for start in range(0, len(item_ids), CHUNK):
            for item_id, label, polarity, language in conn.execute(
                    select(SCORES.c.item_id, SCORES.c.sentiment_label, SCORES.c.polarity,
                           SCORES.c.language)
                    .where(SCORES.c.item_id.in_(item_ids[start:start + CHUNK]))):
                found[item_id] = tone_text(label, polarity, language)
    return found


def tone_text(label: str, polarity: float | None, language: str | None) -> str:
    """Coverage sentiment in words: "negative (−0.42)"; "not analysed (ru)" — never neutral."""
    if label == "unsupported":
        return f"not analysed ({language})" if language else "not analysed"
    if polarity is None:
        return label
    return f"{label} ({polarity:+.2f})".replace("-", "−")


# ------------------------------------------------------------------------------ shaping

def _group(row: dict, by: str, terms: list[tuple[int, str]]) -> tuple[str, tuple, tuple]:
    """(group name, sort rank, other terms) for one item."""
    if by == "term":
        if not terms:
            return OTHER_TERMS, (1, 0, ""), ()
        (term_id, term), *rest = terms
        return term, (0, term_id, ""), tuple(t for _, t in rest)
    if by == "category":
        category = row["category"]
        if not category:
            return NO_CATEGORY, (1, 0, ""), ()
        return category, (0, 0, category.casefold()), ()
    return row["source_title"], (0, 0, row["source_title"].casefold()), ()


def _story(row: dict, rng: Range, also: tuple, tone: str | None, excerpt: bool) -> Story:
    url = openable_link(row["url"])
    return Story(item_id=row["id"], title=row["title"] or "(no title)",
                 source=row["source_title"],
                 when=rng.local(row["published"] or row["sort_date"]),
                 link=Link(row["url"] or "", url) if row["url"] else None,
                 note=row["summary_note"],
                 excerpt=first_lines(row.get("content_text") or "") if excerpt else None,
                 tone=tone, also=also)


def first_lines(text: str, chars: int = EXCERPT_CHARS) -> str | None:
    """The start of an item's text, whole paragraphs while they fit, else cut between words."""
    paragraphs = [" ".join(p.split()) for p in text.splitlines() if p.strip()]
    kept: list[str] = []
    for paragraph in paragraphs:
        if kept and len(" ".join(kept)) + len(paragraph) > chars:
            break
        kept.append(paragraph)
    lead = " ".join(kept)
    if len(lead) > chars:
        cut = lead[:chars]
        lead = (cut.rsplit(None, 1)[0] if " " in cut else cut).rstrip(",;:–-") + "…"
    return lead or None


def _scope(options: SummaryOptions, pick: str | None, sources: list[str],
           rng: Range) -> list[tuple[str, str]]:
    chosen = {"marked": "marked for the summary", "starred": "starred",
              "watch": "mentioning " + ", ".join(options.terms), None: "every item"}[pick]
    scope = [("Items", chosen)]
    if sources:
        scope.append(("Sources", ", ".join(sources)))
    scope.append(("Grouped by", {"term": "watch term", "category": "category",
                                 "source": "source"}[options.by]))
    scope.append(("Times", rng.tz))
    return scope


def _empty_text(pick: str | None, rng: Range) -> str:
    what = {"marked": "No items were marked for the summary",
            "starred": "No starred items",
            "watch": "No items mentioned these watch terms",
            None: "No items from these sources"}[pick]
    when = date_range_text(rng.first, rng.last)
    return f"{what} {'on' if rng.first == rng.last else 'in'} {when}."
