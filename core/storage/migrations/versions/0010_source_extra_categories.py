"""A source in more than one folder: the folders besides ``category``.

Feedly (and others) export a feed that sits in two folders as two outlines; keeping only the
first lost the second. ``extra_categories`` holds the other folder paths as a JSON list
(``["Press / Uzbekistan", "Daily"]``); ``category`` stays the folder the tree shows it in.

Revision ID: 0010
Revises: 0005
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): SQLite does it in place.
    op.add_column("source", sa.Column("extra_categories", sa.Text()))


def downgrade() -> None:
    op.drop_column("source", "extra_categories")
