"""The tables. Every schema change after the first goes through an Alembic migration.

Sources and items only for now; replies, planned posts, observances and campaigns arrive with
their issues as new migrations.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from core.storage.types import UTCDateTime, utcnow

SOURCE_STATUSES = ("new", "ok", "error", "gone")


class Source(SQLModel, table=True):
    """A place Attaché reads from: a feed URL (later also social accounts)."""

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    kind: str = Field(default="feed", max_length=20)  # feed: rss|atom|json found at fetch time
    feed_format: str | None = Field(default=None, max_length=20)  # rss20, atom10, json11 ...
    title: str | None = Field(default=None, sa_column=Column(Text))
    site_url: str | None = Field(default=None, sa_column=Column(Text))
    category: str | None = Field(default=None, max_length=200)
    interval_minutes: int = Field(default=60)
    enabled: bool = Field(default=True)
    status: str = Field(default="new", max_length=10)
    error: str | None = Field(default=None, sa_column=Column(Text))
    parse_warning: str | None = Field(default=None, sa_column=Column(Text))
    error_count: int = Field(default=0)
    etag: str | None = Field(default=None, sa_column=Column(Text))
    last_modified: str | None = Field(default=None, sa_column=Column(Text))
    last_fetched: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    next_fetch: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    retry_after: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime()))


class Item(SQLModel, table=True):
    """One entry of a source, stored exactly once per (source, guid)."""

    __table_args__ = (
        UniqueConstraint("source_id", "guid", name="uq_item_source_guid"),
        Index("ix_item_sort_date", "sort_date"),
        Index("ix_item_source_sort", "source_id", "sort_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", ondelete="CASCADE")
    guid: str = Field(sa_column=Column(Text, nullable=False))
    url: str | None = Field(default=None, sa_column=Column(Text))
    title: str = Field(default="", sa_column=Column(Text, nullable=False))
    author: str | None = Field(default=None, sa_column=Column(Text))
    published: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    published_raw: str | None = Field(default=None, sa_column=Column(Text))
    # What lists sort by: the published date, but never later than when we saw it.
    sort_date: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    fetched_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    content_html: str = Field(default="", sa_column=Column(Text, nullable=False))
    content_text: str = Field(default="", sa_column=Column(Text, nullable=False))
    content_hash: str = Field(default="", max_length=64)
    read: bool = Field(default=False)
    starred: bool = Field(default=False)
