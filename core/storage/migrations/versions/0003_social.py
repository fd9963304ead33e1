"""Social sources (own accounts, adapter state), replies, watch terms and their hits.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): SQLite does it in place, item rows stay put.
    op.add_column("source", sa.Column("own", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.add_column("source", sa.Column("account_id", sa.Text()))
    op.add_column("source", sa.Column("state", sa.Text()))
    op.add_column("source", sa.Column("replies_days", sa.Integer(), nullable=False,
                                      server_default="30"))
    op.create_table(
        "reply",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("source.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("item.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("reply.id", ondelete="SET NULL")),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("platform_id", sa.Text(), nullable=False),
        sa.Column("parent_platform_id", sa.Text()),
        sa.Column("author_handle", sa.Text()),
        sa.Column("author_name", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("published", UTCDateTime()),
        sa.Column("language", sa.String(16)),
        sa.Column("likes", sa.Integer()),
        sa.Column("url", sa.Text()),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("fetched_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime()),
        sa.UniqueConstraint("platform", "platform_id", name="uq_reply_platform_id"),
    )
    op.create_index("ix_reply_item", "reply", ["item_id"])
    op.create_index("ix_reply_published", "reply", ["published"])
    op.create_table(
        "watch_term",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("term", sa.Text(), nullable=False, unique=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("created_at", UTCDateTime()),
    )
    op.create_table(
        "watch_hit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("term_id", sa.Integer(), sa.ForeignKey("watch_term.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("item.id", ondelete="CASCADE")),
        sa.Column("reply_id", sa.Integer(), sa.ForeignKey("reply.id", ondelete="CASCADE")),
        sa.Column("published", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("term_id", "item_id", "reply_id", name="uq_watch_hit"),
    )
    op.create_index("ix_watch_hit_term_day", "watch_hit", ["term_id", "published"])


def downgrade() -> None:
    op.drop_table("watch_hit")
    op.drop_table("watch_term")
    op.drop_index("ix_reply_published", "reply")
    op.drop_index("ix_reply_item", "reply")
    op.drop_table("reply")
    for column in ("replies_days", "state", "account_id", "own"):
        op.drop_column("source", column)
