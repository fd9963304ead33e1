"""The tables. Every schema change after the first goes through an Alembic migration.

0001: sources and items. 0002: the content calendar (campaigns, observances, planned posts and
their channels). 0003: social sources, replies, watch terms and their hits. 0004: sentiment
on replies. 0005: tone of coverage (sentiment of watched feed items). 0006: indexes on the
foreign keys deletes and joins walk (the migration lists the audit). 0008: the media summary
(an item marked for it, with the officer's note). 0011: a source's folders besides its
``category`` (a feed filed in several). 0007 (after 0011): sentiment models learned from the
officers' labels, and labelled examples brought in from files. 0009 (after 0007): publishing
and answering (the outbox ledger, post images, status history, who wrote a post, answered
replies).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
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
    # 0003: social sources. ``own``: one of the embassy's accounts (replies are collected).
    own: bool = Field(default=False)
    account_id: str | None = Field(default=None, sa_column=Column(Text))  # resolved platform id
    state: str | None = Field(default=None, sa_column=Column(Text))  # adapter cursor (JSON)
    replies_days: int = Field(default=30)


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
    # 0008: marked for the media summary (key D), with the officer's own one or two sentences.
    # The database's default, not Python's: code that stores items never names the column.
    summary: bool = Field(default=False, sa_column=Column(Boolean, nullable=False,
                                                          server_default=false()))
    summary_note: str | None = Field(default=None, sa_column=Column(Text))


POST_STATUSES = ("idea", "draft", "review", "approved", "scheduled", "published", "cancelled")
OBSERVANCE_CATEGORIES = ("un", "us", "host", "programme", "custom")


class Campaign(SQLModel, table=True):
    """A named push (e.g. 16 Days of Activism 2026) that posts belong to."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    color: str | None = Field(default=None, max_length=20)
    start_date: date | None = Field(default=None, sa_column=Column(Date))
    end_date: date | None = Field(default=None, sa_column=Column(Date))
    hashtags: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON list
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime()))


class Observance(SQLModel, table=True):
    """A moment to plan around. ``rule`` (JSON) says when it falls; see core.calendar.rules."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(sa_column=Column(Text, nullable=False, unique=True))  # un:human-rights-day
    name: str = Field(sa_column=Column(Text, nullable=False))
    rule: str = Field(sa_column=Column(Text, nullable=False))
    category: str = Field(max_length=20)
    country: str | None = Field(default=None, max_length=2)
    lead_days: int = Field(default=14)
    description: str | None = Field(default=None, sa_column=Column(Text))
    source_url: str | None = Field(default=None, sa_column=Column(Text))
    estimated: bool = Field(default=False)
    pack: str | None = Field(default=None, max_length=40)  # None: the user's own observance


class PlannedPost(SQLModel, table=True):
    """A post the press section intends to publish; ``version`` guards team edits."""

    __tablename__ = "planned_post"
    __table_args__ = (
        Index("ix_planned_post_start", "start_at", "start_date"),
        Index("ix_planned_post_campaign", "campaign_id"),
        Index("ix_planned_post_observance", "observance_id"),
        Index("ix_planned_post_item", "item_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(sa_column=Column(Text, nullable=False, unique=True))  # iCalendar UID
    title: str = Field(sa_column=Column(Text, nullable=False))
    body: str = Field(default="", sa_column=Column(Text, nullable=False))
    status: str = Field(default="idea", max_length=20)
    all_day: bool = Field(default=False)
    start_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    start_date: date | None = Field(default=None, sa_column=Column(Date))  # all-day posts
    duration_minutes: int | None = Field(default=None)  # timed posts; None = a moment
    tz: str = Field(default="UTC", max_length=64)  # IANA zone the officer planned in
    rrule: str | None = Field(default=None, sa_column=Column(Text))  # RFC 5545 RRULE
    # Occurrences of the series that do not happen (cancelled, or moved to a post of their
    # own): comma-separated wall-clock YYYYMMDDTHHMMSS, or YYYYMMDD for all-day posts.
    exdates: str | None = Field(default=None, sa_column=Column(Text))
    campaign_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("campaign.id", ondelete="SET NULL")))
    observance_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("observance.id", ondelete="SET NULL")))
    item_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("item.id", ondelete="SET NULL")))  # the published item
    owner: str | None = Field(default=None, sa_column=Column(Text))
    notes: str | None = Field(default=None, sa_column=Column(Text))
    version: int = Field(default=1)
    # 0009: who created it (clearance: its approver must be someone else), its language
    # (ISO 639-1, sent to Mastodon and Bluesky; None: detected from the text).
    created_by: str | None = Field(default=None, sa_column=Column(Text))
    language: str | None = Field(default=None, max_length=16)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime()))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime()))


class PostChannel(SQLModel, table=True):
    """Which sources (the embassy's own accounts) a planned post goes out on."""

    __tablename__ = "post_channel"
    __table_args__ = (Index("ix_post_channel_source", "source_id"),)

    post_id: int = Field(sa_column=Column(
        Integer, ForeignKey("planned_post.id", ondelete="CASCADE"), primary_key=True))
    source_id: int = Field(sa_column=Column(
        Integer, ForeignKey("source.id", ondelete="CASCADE"), primary_key=True))


class PostRevision(SQLModel, table=True):
    """Each saved version of a planned post: says what changed when a team edit conflicts."""

    __tablename__ = "post_revision"

    post_id: int = Field(sa_column=Column(
        Integer, ForeignKey("planned_post.id", ondelete="CASCADE"), primary_key=True))
    version: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    data: str = Field(sa_column=Column(Text, nullable=False))  # JSON snapshot
    saved_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class Meta(SQLModel, table=True):
    """Small facts about this database (e.g. which observance packs were last synced)."""

    key: str = Field(sa_column=Column(Text, primary_key=True))
    value: str = Field(sa_column=Column(Text, nullable=False))


class Reply(SQLModel, table=True):
    """A reply or comment to an item (a post of one of the embassy's own accounts)."""

    __table_args__ = (
        UniqueConstraint("platform", "platform_id", name="uq_reply_platform_id"),
        Index("ix_reply_item", "item_id"),
        Index("ix_reply_published", "published"),
        Index("ix_reply_label", "sentiment_label"),
        Index("ix_reply_source", "source_id"),
        Index("ix_reply_parent", "parent_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(sa_column=Column(
        Integer, ForeignKey("source.id", ondelete="CASCADE"), nullable=False))
    item_id: int = Field(sa_column=Column(
        Integer, ForeignKey("item.id", ondelete="CASCADE"), nullable=False))
    parent_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("reply.id", ondelete="SET NULL")))
    platform: str = Field(max_length=20)
    platform_id: str = Field(sa_column=Column(Text, nullable=False))
    parent_platform_id: str | None = Field(default=None, sa_column=Column(Text))
    author_handle: str | None = Field(default=None, sa_column=Column(Text))
    author_name: str | None = Field(default=None, sa_column=Column(Text))
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    html: str = Field(default="", sa_column=Column(Text, nullable=False))
    published: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    language: str | None = Field(default=None, max_length=16)
    likes: int | None = Field(default=None)
    url: str | None = Field(default=None, sa_column=Column(Text))
    content_hash: str = Field(default="", max_length=64)
    fetched_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # 0004: sentiment. label: positive|neutral|negative|unsupported; None = not scored yet.
    sentiment_label: str | None = Field(default=None, max_length=12)
    polarity: float | None = Field(default=None, sa_column=Column(Float))
    subjectivity: float | None = Field(default=None, sa_column=Column(Float))
    label_source: str | None = Field(default=None, max_length=6)  # auto | manual
    analyzer: str | None = Field(default=None, max_length=40)
    scored_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # 0009: answering. ``own``: the embassy's own answer, written from Attaché; the reply it
    # answers gets ``answered_at`` (the dashboard's time to answer) and who answered.
    # A database default only: rows written by code that predates the column still insert.
    own: bool = Field(default=False, sa_column=Column(Boolean, nullable=False,
                                                      server_default=false()))
    answered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    answered_by: str | None = Field(default=None, sa_column=Column(Text))


class WatchTerm(SQLModel, table=True):
    """A word, phrase, #hashtag or @mention the press section tracks."""

    __tablename__ = "watch_term"

    id: int | None = Field(default=None, primary_key=True)
    term: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    kind: str = Field(max_length=10)  # word | phrase | hashtag | mention
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime()))


class WatchHit(SQLModel, table=True):
    """One item or reply that mentions a watch term."""

    __tablename__ = "watch_hit"
    __table_args__ = (
        UniqueConstraint("term_id", "item_id", "reply_id", name="uq_watch_hit"),
        Index("ix_watch_hit_term_day", "term_id", "published"),
        Index("ix_watch_hit_item", "item_id"),
        Index("ix_watch_hit_reply", "reply_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    term_id: int = Field(sa_column=Column(
        Integer, ForeignKey("watch_term.id", ondelete="CASCADE"), nullable=False))
    item_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("item.id", ondelete="CASCADE")))
    reply_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("reply.id", ondelete="CASCADE")))
    published: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class ItemSentiment(SQLModel, table=True):
    """0005: the tone of one watched feed item (title and lede), when coverage scoring is on.

    A table of its own, not columns on ``item``: only items that hit a watch term are scored,
    and only when the officer turned it on, so most items would carry four empty columns, and
    the wide, full-text-indexed ``item`` table stays as it was.
    """

    __tablename__ = "item_sentiment"

    item_id: int = Field(sa_column=Column(
        Integer, ForeignKey("item.id", ondelete="CASCADE"), primary_key=True))
    language: str | None = Field(default=None, max_length=16)
    sentiment_label: str = Field(max_length=12)  # positive|neutral|negative|unsupported
    polarity: float | None = Field(default=None, sa_column=Column(Float))
    subjectivity: float | None = Field(default=None, sa_column=Column(Float))
    analyzer: str = Field(max_length=40)
    scored_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class SentimentModel(SQLModel, table=True):
    """0007: the model learned from the officers' labels for one language.

    In the database, not in a file, so that a team on PostgreSQL shares what any of them
    taught it. ``model`` is ``core.sentiment.linear.LinearModel.to_bytes()`` (a few hundred
    KB); ``base_analyzer`` is the shipped analyzer whose polarity it reads as a feature (a
    different one in use means learning again). The figures are cross-validated on those
    labels; ``in_use`` says whether it beat the shipped analyzer on them.
    """

    __tablename__ = "sentiment_model"

    language: str = Field(primary_key=True, max_length=16)
    analyzer: str = Field(max_length=40)  # learned-ru
    base_analyzer: str | None = Field(default=None, max_length=40)
    model: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    labels: int = Field(default=0)
    macro_f1_before: float | None = Field(default=None, sa_column=Column(Float))
    macro_f1_after: float = Field(sa_column=Column(Float, nullable=False))
    recall: str = Field(default="{}", sa_column=Column(Text, nullable=False))  # JSON
    in_use: bool = Field(default=False)
    trained_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class SentimentExample(SQLModel, table=True):
    """0007: a labelled text brought in for learning (``sentiment learn --file``), kept so
    that learning again in the background still has it."""

    __tablename__ = "sentiment_example"
    __table_args__ = (Index("ix_sentiment_example_language", "language"),)

    id: int | None = Field(default=None, primary_key=True)
    language: str | None = Field(default=None, max_length=16)
    text: str = Field(sa_column=Column(Text, nullable=False))
    label: str = Field(max_length=12)
    added_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(),
                                                                         nullable=False))


class SourceCategory(SQLModel, table=True):
    """0011: the folders a source is filed in besides its ``category`` (Feedly and other
    readers put one feed in several folders). ``category`` stays the folder the tree shows it
    in; these add it to others. A table, not a column: nothing that reads ``source`` changes.
    """

    __tablename__ = "source_category"

    source_id: int = Field(sa_column=Column(
        Integer, ForeignKey("source.id", ondelete="CASCADE"), primary_key=True))
    category: str = Field(sa_column=Column(String(200), primary_key=True))


OUTBOX_STATES = ("sending", "published", "failed", "unconfirmed", "missed")


class Outbox(SQLModel, table=True):
    """0009: the exactly-once ledger: one row per thing Attaché sends to a platform.

    A planned post's occurrence on one channel (``kind`` post), or an answer to a reply
    (``kind`` answer). ``dedupe_key`` is unique, so a second sender (another ``publish due``,
    the app) cannot even start: the row is claimed in its own committed transaction before any
    request goes out (core/publish/ledger.py explains the states).
    """

    __table_args__ = (
        Index("ix_outbox_post", "post_id"),
        Index("ix_outbox_reply", "reply_id"),
        Index("ix_outbox_source", "source_id"),
        Index("ix_outbox_item", "item_id"),
        Index("ix_outbox_remote", "source_id", "remote_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    kind: str = Field(max_length=10)  # post | answer
    post_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("planned_post.id", ondelete="CASCADE")))
    occurrence: str = Field(default="", sa_column=Column(Text, nullable=False))
    reply_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("reply.id", ondelete="CASCADE")))
    source_id: int = Field(sa_column=Column(
        Integer, ForeignKey("source.id", ondelete="CASCADE"), nullable=False))
    platform: str = Field(max_length=20)
    state: str = Field(max_length=12)  # one of OUTBOX_STATES
    idem_key: str = Field(sa_column=Column(Text, nullable=False))  # sent to the platform
    text: str | None = Field(default=None, sa_column=Column(Text))  # an answer's text
    attempts: int = Field(default=0)
    claim: str | None = Field(default=None, sa_column=Column(Text))  # token of the sender
    claimed_by: str | None = Field(default=None, sa_column=Column(Text))  # host/pid
    claimed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # When the first attempt whose outcome is unknown was made (a lost answer, a sender that
    # was stopped): what a platform's repeat window (Mastodon's hour) is counted from.
    uncertain_since: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    done_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    retry_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    remote_id: str | None = Field(default=None, sa_column=Column(Text))
    url: str | None = Field(default=None, sa_column=Column(Text))
    error: str | None = Field(default=None, sa_column=Column(Text))
    item_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("item.id", ondelete="SET NULL")))  # the item it arrived as
    actor: str | None = Field(default=None, sa_column=Column(Text))  # who sent it
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class PostImage(SQLModel, table=True):
    """0009: an image of a planned post (up to 4), kept in the database with its alt text.

    In the database, not as a path: the machine that publishes (IT's always-on computer, a
    colleague's app on the team database) is not the one whose disk the file was on.
    """

    __tablename__ = "post_image"

    post_id: int = Field(sa_column=Column(
        Integer, ForeignKey("planned_post.id", ondelete="CASCADE"), primary_key=True))
    position: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    filename: str = Field(sa_column=Column(Text, nullable=False))
    mime: str = Field(max_length=40)
    size: int = Field(default=0)
    sha256: str = Field(max_length=64)
    alt: str = Field(default="", sa_column=Column(Text, nullable=False))
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class PostStatusChange(SQLModel, table=True):
    """0009: every change of a planned post's status: from what, to what, who, when, why."""

    __tablename__ = "post_status_change"
    __table_args__ = (Index("ix_post_status_change_post", "post_id"),)

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(sa_column=Column(
        Integer, ForeignKey("planned_post.id", ondelete="CASCADE"), nullable=False))
    old_status: str | None = Field(default=None, max_length=20)  # None: the post was created
    new_status: str = Field(max_length=20)
    actor: str = Field(sa_column=Column(Text, nullable=False))
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    note: str | None = Field(default=None, sa_column=Column(Text))
