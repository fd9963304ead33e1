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

The code reads and writes with SQLAlchemy Core: ``Source.__table__`` is the table, and
``Item.guid`` its column, for statements. Plain ``Table`` objects, because every command and
every start of the app imports this module: as SQLModel classes (whose pydantic half nothing
used) they cost a good half of SQLAlchemy's own import time, as declarative ORM classes still
three times what the tables alone cost. tests/core/storage/test_models_match_migrations.py
checks them against the migrated schema. ``default=`` values fill columns an ``insert`` leaves out.
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

from core.storage.types import UTCDateTime

metadata = MetaData()  # what Alembic compares the migrations with


class Model:
    """A table, with its columns as class attributes (``Item.guid``); the class itself stands
    for its table in statements (``select_from(Item)``), as an ORM class would."""

    __table__: ClassVar[Table]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        for column in cls.__table__.columns:
            setattr(cls, column.name, column)

    @classmethod
    def __clause_element__(cls) -> Table:  # SQLAlchemy's protocol for "use me as SQL"
        return cls.__table__


SOURCE_STATUSES = ("new", "ok", "error", "gone")


class Source(Model):
    """A place Attaché reads from: a feed URL (later also social accounts)."""

    __table__ = Table(
        "source", metadata,
        Column("id", Integer, primary_key=True),
        Column("url", Text, nullable=False, unique=True),
        # feed: rss|atom|json found at fetch time
        Column("kind", String(20), nullable=False, default="feed"),
        Column("feed_format", String(20)),  # rss20, atom10, json11 ...
        Column("title", Text),
        Column("site_url", Text),
        Column("category", String(200)),
        Column("interval_minutes", Integer, nullable=False, default=60),
        Column("enabled", Boolean, nullable=False, default=True),
        Column("status", String(10), nullable=False, default="new"),
        Column("error", Text),
        Column("parse_warning", Text),
        Column("error_count", Integer, nullable=False, default=0),
        Column("etag", Text),
        Column("last_modified", Text),
        Column("last_fetched", UTCDateTime()),
        Column("next_fetch", UTCDateTime()),
        Column("retry_after", UTCDateTime()),
        Column("created_at", UTCDateTime()),
        # 0003: social sources. ``own``: one of the embassy's accounts (replies are collected).
        Column("own", Boolean, nullable=False, default=False),
        Column("account_id", Text),  # resolved platform id
        Column("state", Text),  # adapter cursor (JSON)
        Column("replies_days", Integer, nullable=False, default=30),
    )


class Item(Model):
    """One entry of a source, stored exactly once per (source, guid)."""

    __table__ = Table(
        "item", metadata,
        Column("id", Integer, primary_key=True),
        Column("source_id", Integer, ForeignKey("source.id", ondelete="CASCADE"),
               nullable=False),
        Column("guid", Text, nullable=False),
        Column("url", Text),
        Column("title", Text, nullable=False),
        Column("author", Text),
        Column("published", UTCDateTime()),
        Column("published_raw", Text),
        # What lists sort by: the published date, but never later than when we saw it.
        Column("sort_date", UTCDateTime(), nullable=False),
        Column("fetched_at", UTCDateTime(), nullable=False),
        Column("updated_at", UTCDateTime()),
        Column("content_html", Text, nullable=False),
        Column("content_text", Text, nullable=False),
        Column("content_hash", String(64), nullable=False, default=""),
        Column("read", Boolean, nullable=False, default=False),
        Column("starred", Boolean, nullable=False, default=False),
        # 0008: marked for the media summary (key D), with the officer's own one or two
        # sentences. The database's default, not Python's: code that stores items never
        # names the column.
        Column("summary", Boolean, nullable=False, server_default=false()),
        Column("summary_note", Text),
        UniqueConstraint("source_id", "guid", name="uq_item_source_guid"),
        Index("ix_item_sort_date", "sort_date"),
        Index("ix_item_source_sort", "source_id", "sort_date"),
    )


POST_STATUSES = ("idea", "draft", "review", "approved", "scheduled", "published", "cancelled")
OBSERVANCE_CATEGORIES = ("un", "us", "host", "programme", "custom")


class Campaign(Model):
    """A named push (e.g. 16 Days of Activism 2026) that posts belong to."""

    __table__ = Table(
        "campaign", metadata,
        Column("id", Integer, primary_key=True),
        Column("name", Text, nullable=False, unique=True),
        Column("color", String(20)),
        Column("start_date", Date),
        Column("end_date", Date),
        Column("hashtags", Text, nullable=False),  # JSON list
        Column("created_at", UTCDateTime()),
    )


class Observance(Model):
    """A moment to plan around. ``rule`` (JSON) says when it falls; see core.calendar.rules."""

    __table__ = Table(
        "observance", metadata,
        Column("id", Integer, primary_key=True),
        Column("key", Text, nullable=False, unique=True),  # un:human-rights-day
        Column("name", Text, nullable=False),
        Column("rule", Text, nullable=False),
        Column("category", String(20), nullable=False),
        Column("country", String(2)),
        Column("lead_days", Integer, nullable=False, default=14),
        Column("description", Text),
        Column("source_url", Text),
        Column("estimated", Boolean, nullable=False, default=False),
        Column("pack", String(40)),  # None: the user's own observance
    )


class PlannedPost(Model):
    """A post the press section intends to publish; ``version`` guards team edits."""

    __table__ = Table(
        "planned_post", metadata,
        Column("id", Integer, primary_key=True),
        Column("uid", Text, nullable=False, unique=True),  # iCalendar UID
        Column("title", Text, nullable=False),
        Column("body", Text, nullable=False),
        Column("status", String(20), nullable=False, default="idea"),
        Column("all_day", Boolean, nullable=False, default=False),
        Column("start_at", UTCDateTime()),
        Column("start_date", Date),  # all-day posts
        Column("duration_minutes", Integer),  # timed posts; None = a moment
        Column("tz", String(64), nullable=False, default="UTC"),  # IANA zone planned in
        Column("rrule", Text),  # RFC 5545 RRULE
        # Occurrences of the series that do not happen (cancelled, or moved to a post of their
        # own): comma-separated wall-clock YYYYMMDDTHHMMSS, or YYYYMMDD for all-day posts.
        Column("exdates", Text),
        Column("campaign_id", Integer, ForeignKey("campaign.id", ondelete="SET NULL")),
        Column("observance_id", Integer, ForeignKey("observance.id", ondelete="SET NULL")),
        Column("item_id", Integer, ForeignKey("item.id", ondelete="SET NULL")),  # published
        Column("owner", Text),
        Column("notes", Text),
        Column("version", Integer, nullable=False, default=1),
        # 0009: who created it (clearance: its approver must be someone else), its language
        # (ISO 639-1, sent to Mastodon and Bluesky; None: detected from the text).
        Column("created_by", Text),
        Column("language", String(16)),
        Column("created_at", UTCDateTime()),
        Column("updated_at", UTCDateTime()),
        Index("ix_planned_post_start", "start_at", "start_date"),
        Index("ix_planned_post_campaign", "campaign_id"),
        Index("ix_planned_post_observance", "observance_id"),
        Index("ix_planned_post_item", "item_id"),
    )


class PostChannel(Model):
    """Which sources (the embassy's own accounts) a planned post goes out on."""

    __table__ = Table(
        "post_channel", metadata,
        Column("post_id", Integer, ForeignKey("planned_post.id", ondelete="CASCADE"),
               primary_key=True),
        Column("source_id", Integer, ForeignKey("source.id", ondelete="CASCADE"),
               primary_key=True),
        Index("ix_post_channel_source", "source_id"),
    )


class PostRevision(Model):
    """Each saved version of a planned post: says what changed when a team edit conflicts."""

    __table__ = Table(
        "post_revision", metadata,
        Column("post_id", Integer, ForeignKey("planned_post.id", ondelete="CASCADE"),
               primary_key=True),
        Column("version", Integer, primary_key=True, autoincrement=False),
        Column("data", Text, nullable=False),  # JSON snapshot
        Column("saved_at", UTCDateTime(), nullable=False),
    )


class Meta(Model):
    """Small facts about this database (e.g. which observance packs were last synced)."""

    __table__ = Table(
        "meta", metadata,
        Column("key", Text, primary_key=True),
        Column("value", Text, nullable=False),
    )


class Reply(Model):
    """A reply or comment to an item (a post of one of the embassy's own accounts)."""

    __table__ = Table(
        "reply", metadata,
        Column("id", Integer, primary_key=True),
        Column("source_id", Integer, ForeignKey("source.id", ondelete="CASCADE"),
               nullable=False),
        Column("item_id", Integer, ForeignKey("item.id", ondelete="CASCADE"), nullable=False),
        Column("parent_id", Integer, ForeignKey("reply.id", ondelete="SET NULL")),
        Column("platform", String(20), nullable=False),
        Column("platform_id", Text, nullable=False),
        Column("parent_platform_id", Text),
        Column("author_handle", Text),
        Column("author_name", Text),
        Column("text", Text, nullable=False),
        Column("html", Text, nullable=False),
        Column("published", UTCDateTime()),
        Column("language", String(16)),
        Column("likes", Integer),
        Column("url", Text),
        Column("content_hash", String(64), nullable=False, default=""),
        Column("fetched_at", UTCDateTime(), nullable=False),
        Column("updated_at", UTCDateTime()),
        # 0004: sentiment. label: positive|neutral|negative|unsupported; None = not scored.
        Column("sentiment_label", String(12)),
        Column("polarity", Float),
        Column("subjectivity", Float),
        Column("label_source", String(6)),  # auto | manual
        Column("analyzer", String(40)),
        Column("scored_at", UTCDateTime()),
        # 0009: answering. ``own``: the embassy's own answer; the reply it answers gets
        # ``answered_at`` (the dashboard's time to answer) and who answered. A database
        # default only: rows written by code that predates the column still insert.
        Column("own", Boolean, nullable=False, server_default=false()),
        Column("answered_at", UTCDateTime()),
        Column("answered_by", Text),
        UniqueConstraint("platform", "platform_id", name="uq_reply_platform_id"),
        Index("ix_reply_item", "item_id"),
        Index("ix_reply_published", "published"),
        Index("ix_reply_label", "sentiment_label"),
        Index("ix_reply_source", "source_id"),
        Index("ix_reply_parent", "parent_id"),
    )


class WatchTerm(Model):
    """A word, phrase, #hashtag or @mention the press section tracks."""

    __table__ = Table(
        "watch_term", metadata,
        Column("id", Integer, primary_key=True),
        Column("term", Text, nullable=False, unique=True),
        Column("kind", String(10), nullable=False),  # word | phrase | hashtag | mention
        Column("created_at", UTCDateTime()),
    )


class WatchHit(Model):
    """One item or reply that mentions a watch term."""

    __table__ = Table(
        "watch_hit", metadata,
        Column("id", Integer, primary_key=True),
        Column("term_id", Integer, ForeignKey("watch_term.id", ondelete="CASCADE"),
               nullable=False),
        Column("item_id", Integer, ForeignKey("item.id", ondelete="CASCADE")),
        Column("reply_id", Integer, ForeignKey("reply.id", ondelete="CASCADE")),
        Column("published", UTCDateTime(), nullable=False),
        UniqueConstraint("term_id", "item_id", "reply_id", name="uq_watch_hit"),
        Index("ix_watch_hit_term_day", "term_id", "published"),
        Index("ix_watch_hit_item", "item_id"),
        Index("ix_watch_hit_reply", "reply_id"),
    )


class ItemSentiment(Model):
    """0005: the tone of one watched feed item (title and lede), when coverage scoring is on.

    A table of its own, not columns on ``item``: only items that hit a watch term are scored,
    and only when the officer turned it on, so most items would carry four empty columns, and
    the wide, full-text-indexed ``item`` table stays as it was.
    """

    __table__ = Table(
        "item_sentiment", metadata,
        Column("item_id", Integer, ForeignKey("item.id", ondelete="CASCADE"), primary_key=True),
        Column("language", String(16)),
        Column("sentiment_label", String(12), nullable=False),  # positive|neutral|negative|...
        Column("polarity", Float),
        Column("subjectivity", Float),
        Column("analyzer", String(40), nullable=False),
        Column("scored_at", UTCDateTime(), nullable=False),
    )


class SentimentModel(Model):
    """0007: the model learned from the officers' labels for one language.

    In the database, not in a file, so that a team on PostgreSQL shares what any of them
    taught it. ``model`` is ``core.sentiment.linear.LinearModel.to_bytes()`` (a few hundred
    KB); ``base_analyzer`` is the shipped analyzer whose polarity it reads as a feature (a
    different one in use means learning again). The figures are cross-validated on those
    labels; ``in_use`` says whether it beat the shipped analyzer on them.
    """

    __table__ = Table(
        "sentiment_model", metadata,
        Column("language", String(16), primary_key=True),
        Column("analyzer", String(40), nullable=False),  # learned-ru
        Column("base_analyzer", String(40)),
        Column("model", LargeBinary, nullable=False),
        Column("labels", Integer, nullable=False, default=0),
        Column("macro_f1_before", Float),
        Column("macro_f1_after", Float, nullable=False),
        Column("recall", Text, nullable=False),  # JSON
        Column("in_use", Boolean, nullable=False, default=False),
        Column("trained_at", UTCDateTime(), nullable=False),
    )


class SentimentExample(Model):
    """0007: a labelled text brought in for learning (``sentiment learn --file``), kept so
    that learning again in the background still has it."""

    __table__ = Table(
        "sentiment_example", metadata,
        Column("id", Integer, primary_key=True),
        Column("language", String(16)),
        Column("text", Text, nullable=False),
        Column("label", String(12), nullable=False),
        Column("added_at", UTCDateTime(), nullable=False),
        Index("ix_sentiment_example_language", "language"),
    )


class SourceCategory(Model):
    """0011: the folders a source is filed in besides its ``category`` (Feedly and other
    readers put one feed in several folders). ``category`` stays the folder the tree shows it
    in; these add it to others. A table, not a column: nothing that reads ``source`` changes.
    """

    __table__ = Table(
        "source_category", metadata,
        Column("source_id", Integer, ForeignKey("source.id", ondelete="CASCADE"),
               primary_key=True),
        Column("category", String(200), primary_key=True),
    )


OUTBOX_STATES = ("sending", "published", "failed", "unconfirmed", "missed")


class Outbox(Model):
    """0009: the exactly-once ledger: one row per thing Attaché sends to a platform.

    A planned post's occurrence on one channel (``kind`` post), or an answer to a reply
    (``kind`` answer). ``dedupe_key`` is unique, so a second sender (another ``publish due``,
    the app) cannot even start: the row is claimed in its own committed transaction before any
    request goes out (core/publish/ledger.py explains the states).
    """

    __table__ = Table(
        "outbox", metadata,
        Column("id", Integer, primary_key=True),
        Column("dedupe_key", Text, nullable=False, unique=True),
        Column("kind", String(10), nullable=False),  # post | answer
        Column("post_id", Integer, ForeignKey("planned_post.id", ondelete="CASCADE")),
        Column("occurrence", Text, nullable=False, default=""),
        Column("reply_id", Integer, ForeignKey("reply.id", ondelete="CASCADE")),
        Column("source_id", Integer, ForeignKey("source.id", ondelete="CASCADE"),
               nullable=False),
        Column("platform", String(20), nullable=False),
        Column("state", String(12), nullable=False),  # one of OUTBOX_STATES
        Column("idem_key", Text, nullable=False),  # sent to the platform
        Column("text", Text),  # an answer's text
        Column("attempts", Integer, nullable=False, default=0),
        Column("claim", Text),  # token of the sender
        Column("claimed_by", Text),  # host/pid
        Column("claimed_at", UTCDateTime()),
        # When the first attempt whose outcome is unknown was made (a lost answer, a sender
        # that was stopped): what a platform's repeat window (Mastodon's hour) counts from.
        Column("uncertain_since", UTCDateTime()),
        Column("done_at", UTCDateTime()),
        Column("retry_at", UTCDateTime()),
        Column("remote_id", Text),
        Column("url", Text),
        Column("error", Text),
        Column("item_id", Integer, ForeignKey("item.id", ondelete="SET NULL")),  # arrived as
        Column("actor", Text),  # who sent it
        Column("created_at", UTCDateTime(), nullable=False),
        Column("updated_at", UTCDateTime(), nullable=False),
        Index("ix_outbox_post", "post_id"),
        Index("ix_outbox_reply", "reply_id"),
        Index("ix_outbox_source", "source_id"),
        Index("ix_outbox_item", "item_id"),
        Index("ix_outbox_remote", "source_id", "remote_id"),
    )


class PostImage(Model):
    """0009: an image of a planned post (up to 4), kept in the database with its alt text.

    In the database, not as a path: the machine that publishes (IT's always-on computer, a
    colleague's app on the team database) is not the one whose disk the file was on.
    """

    __table__ = Table(
        "post_image", metadata,
        Column("post_id", Integer, ForeignKey("planned_post.id", ondelete="CASCADE"),
               primary_key=True),
        Column("position", Integer, primary_key=True, autoincrement=False),
        Column("filename", Text, nullable=False),
        Column("mime", String(40), nullable=False),
        Column("size", Integer, nullable=False, default=0),
        Column("sha256", String(64), nullable=False),
        Column("alt", Text, nullable=False, default=""),
        Column("data", LargeBinary, nullable=False),
    )


class PostStatusChange(Model):
    """0009: every change of a planned post's status: from what, to what, who, when, why."""

    __table__ = Table(
        "post_status_change", metadata,
        Column("id", Integer, primary_key=True),
        Column("post_id", Integer, ForeignKey("planned_post.id", ondelete="CASCADE"),
               nullable=False),
        Column("old_status", String(20)),  # None: the post was created
        Column("new_status", String(20), nullable=False),
        Column("actor", Text, nullable=False),
        Column("at", UTCDateTime(), nullable=False),
        Column("note", Text),
        Index("ix_post_status_change_post", "post_id"),
    )


# The tables by the names the code uses in statements (``select(ITEMS.c.id)``), declared
# once here rather than aliased again in every module that queries them.
ITEMS = Item.__table__
SOURCES = Source.__table__
OBSERVANCES = Observance.__table__
REPLIES = Reply.__table__
POSTS = PlannedPost.__table__
HITS = WatchHit.__table__
TERMS = WatchTerm.__table__
CHANNELS = PostChannel.__table__
CAMPAIGNS = Campaign.__table__
SCORES = ItemSentiment.__table__
META = Meta.__table__
