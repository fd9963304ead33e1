"""Observances in the database: their occurrences over a date range, and the user's own."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date

from sqlalchemy import Connection, delete, insert, select, update

from core.calendar import rules
from core.errors import KnownError
from core.storage.database import Database
from core.storage.models import META, OBSERVANCE_CATEGORIES, OBSERVANCES


def list_occurrences(db: Database, first: date, last: date, *,
                     categories: Sequence[str] = (), countries: Sequence[str] = ()) -> list[dict]:
    """Every occurrence overlapping [first, last], by date; the ``observances list`` objects."""
    if last < first:
        raise KnownError("--to is before --from")
    unknown = [c for c in categories if c not in OBSERVANCE_CATEGORIES]
    if unknown:
        raise KnownError(f"unknown category {unknown[0]!r}; one of "
                         f"{', '.join(OBSERVANCE_CATEGORIES)}")
    query = select(OBSERVANCES)
    if categories:
        query = query.where(OBSERVANCES.c.category.in_(categories))
    if countries:
        wanted = [c.upper() for c in countries]
        # Country-less observances (UN days) apply everywhere, and an embassy keeps its own
        # country's (US) holidays whatever host country it filters on.
        query = query.where(OBSERVANCES.c.country.in_(wanted) | OBSERVANCES.c.country.is_(None)
                            | (OBSERVANCES.c.category == "us"))
    with db.read() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
    found = []
    for row in rows:
        for occurrence in rules.expand(json.loads(row["rule"]), first, last):
            found.append(occurrence_json(row, occurrence))
    found.sort(key=lambda o: (o["date"], o["name"]))
    return found


def occurrence_json(row: dict, occurrence: rules.Occurrence) -> dict:
    name = f"{row['name']}: {occurrence.note}" if occurrence.note else row["name"]
    return {
        "id": row["id"], "name": name, "date": occurrence.start.isoformat(),
        "end": occurrence.end.isoformat(), "category": row["category"],
        "country": row["country"], "lead_days": row["lead_days"],
        "estimated": bool(row["estimated"] or occurrence.estimated),
        "source_url": row["source_url"], "key": row["key"], "description": row["description"],
    }


def add_custom(db: Database, name: str, rule: dict, *, country: str | None = None,
               lead_days: int = 14, description: str | None = None,
               source_url: str | None = None, key: str | None = None) -> int:
    """The user's own observance (category ``custom``); packs never touch it."""
    with db.write() as conn:
        return insert_custom(conn, name, rule, country=country, lead_days=lead_days,
                             description=description, source_url=source_url, key=key)


def insert_custom(conn: Connection, name: str, rule: dict, *, country: str | None = None,
                  lead_days: int = 14, description: str | None = None,
                  source_url: str | None = None, key: str | None = None) -> int:
    """``add_custom`` inside the caller's transaction (an import writes all or nothing)."""
    try:
        rules.validate(rule)
    except ValueError as exc:
        raise KnownError(f"bad observance rule: {exc}") from None
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "observance"
    taken = set(conn.execute(select(OBSERVANCES.c.key)).scalars())
    key = key or f"custom:{slug}"
    base, n = key, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return conn.execute(insert(OBSERVANCES).values(
        key=key, name=name, rule=json.dumps(rule, sort_keys=True), category="custom",
        country=country.upper() if country else None, lead_days=lead_days,
        description=description, source_url=source_url, estimated=False, pack=None,
    )).inserted_primary_key[0]


PACKS_META_KEY = "observance_packs"


def pack_fingerprint() -> str:
    """Changes when the shipped pack files or the holidays library change (re-sync then)."""
    import hashlib

    import holidays

    from resources import RESOURCES

    digest = hashlib.sha256(holidays.__version__.encode())
    for path in sorted((RESOURCES / "observances").glob("*.json")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def ensure_packs(db: Database, countries: Sequence[str], packs: Sequence[str]) -> dict | None:
    """Sync the built-in packs into the database when the selection or the data changed.

    Cheap when nothing changed (one read of a fingerprint), so every command may call it.
    """
    from core.calendar.packs import sync_packs

    wanted = json.dumps({"countries": sorted(c.upper() for c in countries),
                         "packs": sorted(packs), "data": pack_fingerprint()}, sort_keys=True)
    with db.read() as conn:
        stored = conn.execute(select(META.c.value).where(META.c.key == PACKS_META_KEY)).scalar()
    if stored == wanted:
        return None
    with db.write() as conn:
        counts = sync_packs(conn, [c.upper() for c in countries], set(packs))
        conn.execute(delete(META).where(META.c.key == PACKS_META_KEY))
        conn.execute(insert(META).values(key=PACKS_META_KEY, value=wanted))
    return counts


def confirm_date(db: Database, observance_id: int, day: date) -> None:
    """Record this year's real date of a programme deadline (a ``template`` rule)."""
    with db.write() as conn:
        row = conn.execute(select(OBSERVANCES).where(
            OBSERVANCES.c.id == observance_id)).mappings().first()
        if row is None:
            raise KnownError(f"there is no observance {observance_id}")
        rule = json.loads(row["rule"])
        if rule.get("type") != "template":
            raise KnownError(f"{row['name']} has a fixed rule; only programme deadlines "
                             "(templates) are confirmed per year")
        rule.setdefault("confirmed", {})[str(day.year)] = day.isoformat()
        conn.execute(update(OBSERVANCES).where(OBSERVANCES.c.id == observance_id)
                     .values(rule=json.dumps(rule, sort_keys=True)))
