"""Adding social accounts as sources: resolve what the officer typed through its adapter."""

from __future__ import annotations

from sqlalchemy import Row

from core.feeds.sources import insert_source
from core.net.fetch import Fetcher
from core.social.registry import adapter_for
from core.storage.database import Database


def add_social_source(db: Database, fetcher: Fetcher, text: str, kind: str, *,
                      own: bool = False, name: str | None = None, interval_minutes: int = 60,
                      category: str | None = None) -> Row:
    account = adapter_for(kind).resolve(fetcher, text)
    return insert_source(db, url=account.url, kind=account.kind, title=name or account.title,
                         category=category, own=own, interval_minutes=interval_minutes,
                         account_id=account.account_id)
