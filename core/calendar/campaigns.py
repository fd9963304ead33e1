"""Campaigns: named pushes with a colour, a date span and hashtags (watch terms later)."""

from __future__ import annotations

import json
import re
from datetime import date

from sqlalchemy import Connection, insert, select

from core.errors import KnownError, NotFoundError
from core.storage.database import Database
from core.storage.models import CAMPAIGNS
from core.storage.types import utcnow

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$|^[a-zA-Z]+$")


def normalise_hashtag(tag: str) -> str:
    tag = tag.strip()
    return tag if tag.startswith("#") else f"#{tag}"


def add_campaign(db: Database, name: str, *, color: str | None = None,
                 start: date | None = None, end: date | None = None,
                 hashtags: list[str] | None = None) -> int:
    name = name.strip()
    if not name:
        raise KnownError("a campaign needs a name")
    if color and not _COLOR.match(color):
        raise KnownError(f"not a colour: {color!r} (use #RRGGBB or a name like teal)")
    if start and end and end < start:
        raise KnownError("the campaign ends before it starts")
    tags = [normalise_hashtag(t) for t in hashtags or [] if t.strip()]
    with db.write() as conn:
        if conn.execute(select(CAMPAIGNS.c.id).where(CAMPAIGNS.c.name == name)).first():
            raise KnownError(f"there is already a campaign named {name!r}")
        return conn.execute(insert(CAMPAIGNS).values(
            name=name, color=color, start_date=start, end_date=end,
            hashtags=json.dumps(tags, ensure_ascii=False), created_at=utcnow(),
        )).inserted_primary_key[0]


def campaign_id_for(conn: Connection, name: str, *, create: bool = False) -> int:
    """The id of the campaign called ``name`` (created on demand when ``create``)."""
    found = conn.execute(select(CAMPAIGNS.c.id).where(CAMPAIGNS.c.name == name)).scalar()
    if found is not None:
        return found
    if not create:
        raise NotFoundError(f"there is no campaign named {name!r} (see: attache campaigns list)")
    return conn.execute(insert(CAMPAIGNS).values(
        name=name, hashtags="[]", created_at=utcnow())).inserted_primary_key[0]


def list_campaigns(db: Database) -> list[dict]:
    with db.read() as conn:
        rows = conn.execute(select(CAMPAIGNS).order_by(CAMPAIGNS.c.name)).mappings().all()
    return [campaign_json(dict(r)) for r in rows]


def campaign_json(row: dict) -> dict:
    return {
        "id": row["id"], "name": row["name"], "color": row["color"],
        "from": row["start_date"].isoformat() if row["start_date"] else None,
        "to": row["end_date"].isoformat() if row["end_date"] else None,
        "hashtags": json.loads(row["hashtags"] or "[]"),
    }
