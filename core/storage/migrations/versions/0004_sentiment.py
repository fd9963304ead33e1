"""Sentiment on replies: label, polarity, subjectivity, who labelled it, when.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = (
    ("sentiment_label", sa.String(12)),
    ("polarity", sa.Float()),
    ("subjectivity", sa.Float()),
    ("label_source", sa.String(6)),
    ("analyzer", sa.String(40)),
    ("scored_at", UTCDateTime()),
)


def upgrade() -> None:
    for name, type_ in COLUMNS:
        op.add_column("reply", sa.Column(name, type_))
    op.create_index("ix_reply_label", "reply", ["sentiment_label"])


def downgrade() -> None:
    op.drop_index("ix_reply_label", "reply")
    for name, _ in reversed(COLUMNS):
        op.drop_column("reply", name)
