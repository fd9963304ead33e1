"""The media summary: an item marked for it, and the officer's own note on it.

Revision ID: 0008
Revises: 0010
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Two plain columns: the full-text triggers fire on title and text only, so marking an
    # item never re-indexes it. No index: a summary is read over a date range (sort_date's
    # index), and the marked items in a day are few.
    op.add_column("item", sa.Column("summary", sa.Boolean(), nullable=False,
                                    server_default=sa.false()))
    op.add_column("item", sa.Column("summary_note", sa.Text()))


def downgrade() -> None:
    op.drop_column("item", "summary_note")
    op.drop_column("item", "summary")
