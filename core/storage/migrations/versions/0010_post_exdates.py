"""Exception dates of recurring posts: cancelled or moved occurrences (EXDATE, RECURRENCE-ID).

Revision ID: 0010
Revises: 0006
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # One nullable column: existing posts have no exceptions, nothing is rewritten.
    op.add_column("planned_post", sa.Column("exdates", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("planned_post") as batch:
        batch.drop_column("exdates")
