"""Tone of coverage: the sentiment of watched feed items, in a table of their own.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table, nothing rewritten: the item table and its search index stay as they are.
    op.create_table(
        "item_sentiment",
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("item.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("language", sa.String(16)),
        sa.Column("sentiment_label", sa.String(12), nullable=False),
        sa.Column("polarity", sa.Float()),
        sa.Column("subjectivity", sa.Float()),
        sa.Column("analyzer", sa.String(40), nullable=False),
        sa.Column("scored_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("item_sentiment")
