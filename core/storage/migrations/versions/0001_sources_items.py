"""Sources and items, with full-text search over items.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Uzbek Latin writes o‘/g‘ with U+2018, U+02BB or U+02BC; U+02BB/U+02BC are letters to
# unicode61, so make them separators too: every spelling then splits into the same tokens.
SQLITE_FTS = """
CREATE VIRTUAL TABLE item_fts USING fts5(
    title, content_text, content='item', content_rowid='id',
    tokenize="unicode61 remove_diacritics 2 separators 'ʻʼ'"
)"""
SQLITE_TRIGGERS = [
    """CREATE TRIGGER item_fts_ai AFTER INSERT ON item BEGIN
        INSERT INTO item_fts(rowid, title, content_text)
        VALUES (new.id, new.title, new.content_text);
    END""",
    """CREATE TRIGGER item_fts_ad AFTER DELETE ON item BEGIN
        INSERT INTO item_fts(item_fts, rowid, title, content_text)
        VALUES ('delete', old.id, old.title, old.content_text);
    END""",
    """CREATE TRIGGER item_fts_au AFTER UPDATE OF title, content_text ON item BEGIN
        INSERT INTO item_fts(item_fts, rowid, title, content_text)
        VALUES ('delete', old.id, old.title, old.content_text);
        INSERT INTO item_fts(rowid, title, content_text)
        VALUES (new.id, new.title, new.content_text);
    END""",
]
# PostgreSQL: the 'simple' configuration (no stemming: the corpus is multilingual), apostrophe
# variants turned into spaces the same way as on SQLite.
PG_SEARCH = """
ALTER TABLE item ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', translate(title || ' ' || content_text, '''‘’ʻʼ`', '      '))
) STORED"""


def upgrade() -> None:
    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("url", sa.Text(), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("feed_format", sa.String(20)),
        sa.Column("title", sa.Text()),
        sa.Column("site_url", sa.Text()),
        sa.Column("category", sa.String(200)),
        sa.Column("interval_minutes", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("error", sa.Text()),
        sa.Column("parse_warning", sa.Text()),
        sa.Column("error_count", sa.Integer(), nullable=False),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("last_fetched", UTCDateTime()),
        sa.Column("next_fetch", UTCDateTime()),
        sa.Column("retry_after", UTCDateTime()),
        sa.Column("created_at", UTCDateTime()),
    )
    op.create_table(
        "item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("source.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("guid", sa.Text(), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("author", sa.Text()),
        sa.Column("published", UTCDateTime()),
        sa.Column("published_raw", sa.Text()),
        sa.Column("sort_date", UTCDateTime(), nullable=False),
        sa.Column("fetched_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime()),
        sa.Column("content_html", sa.Text(), nullable=False),
        sa.Column("content_text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("read", sa.Boolean(), nullable=False),
        sa.Column("starred", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("source_id", "guid", name="uq_item_source_guid"),
    )
    op.create_index("ix_item_sort_date", "item", ["sort_date"])
    op.create_index("ix_item_source_sort", "item", ["source_id", "sort_date"])

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(SQLITE_FTS)
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
    elif dialect == "postgresql":
        op.execute(PG_SEARCH)
        op.execute("CREATE INDEX ix_item_search ON item USING gin (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS item_fts")
    op.drop_table("item")
    op.drop_table("source")
