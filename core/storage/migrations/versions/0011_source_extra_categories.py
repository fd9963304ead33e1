"""A source in more than one folder: the folders besides its ``category``.

Feedly (and others) export a feed that sits in two folders as two outlines; keeping only the
first lost the second. ``source_category`` holds the other folder paths, one row each;
``source.category`` stays the folder the tree shows it in. A table of its own rather than a
column, so nothing that reads ``source`` changes.

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_category",
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("source.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("category", sa.String(200), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("source_category")
