"""Sentiment learned from the officers' labels: one model per language, and examples from files.

Revision ID: 0007
Revises: 0011
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision = "0007"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # New tables only: nothing existing is rewritten.
    op.create_table(
        "sentiment_model",
        sa.Column("language", sa.String(16), primary_key=True),
        sa.Column("analyzer", sa.String(40), nullable=False),
        sa.Column("base_analyzer", sa.String(40)),
        sa.Column("model", sa.LargeBinary(), nullable=False),
        sa.Column("labels", sa.Integer(), nullable=False),
        sa.Column("macro_f1_before", sa.Float()),
        sa.Column("macro_f1_after", sa.Float(), nullable=False),
        sa.Column("recall", sa.Text(), nullable=False),
        sa.Column("in_use", sa.Boolean(), nullable=False),
        sa.Column("trained_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "sentiment_example",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("label", sa.String(12), nullable=False),
        sa.Column("added_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_sentiment_example_language", "sentiment_example", ["language"])


def downgrade() -> None:
    op.drop_index("ix_sentiment_example_language", "sentiment_example")
    op.drop_table("sentiment_example")
    op.drop_table("sentiment_model")
