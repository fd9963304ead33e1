"""Adding social accounts as sources: resolve what the officer typed through its adapter."""

from __future__ import annotations

from sqlalchemy import insert, select

from core.errors import KnownError
from core.feeds.fetch import Fetcher
from core.feeds.sources import SOURCES, get_source
from core.social.registry import adapter_for
from core.storage.database import Database
from core.storage.models import Source
from core.storage.types import utcnow


def add_social_source(db: Database, fetcher: Fetcher, text: str, kind: str, *,
                      own: bool = False, name: str | None = None, interval_minutes: int = 60,
                      category: str | None = None) -> Source:
    account = adapter_for(kind).resolve(fetcher, text)
    if interval_minutes < 1:
        raise KnownError("the refresh interval must be at least 1 minute")
    with db.write() as conn:
        existing = conn.execute(select(SOURCES.c.id).where(SOURCES.c.url == account.url)).scalar()
        if existing is not None:
            raise KnownError(f"{account.url} is already source {existing}")
        new_id = conn.execute(insert(SOURCES).values(
            url=account.url, kind=account.kind, title=name or account.title,
            account_id=account.account_id, own=own, category=category or None,
            interval_minutes=interval_minutes, enabled=True, status="new", error_count=0,
            replies_days=30, created_at=utcnow())).inserted_primary_key[0]
    return get_source(db, new_id)
