"""The content calendar: campaigns, observances, planned posts, their channels and revisions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False, unique=True),
        sa.Column("color", sa.String(20)),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
        sa.Column("hashtags", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime()),
    )
    op.create_table(
        "observance",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.Text(), nullable=False, unique=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("country", sa.String(2)),
        sa.Column("lead_days", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("source_url", sa.Text()),
        sa.Column("estimated", sa.Boolean(), nullable=False),
        sa.Column("pack", sa.String(40)),
    )
    op.create_table(
        "planned_post",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uid", sa.Text(), nullable=False, unique=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("all_day", sa.Boolean(), nullable=False),
        sa.Column("start_at", UTCDateTime()),
        sa.Column("start_date", sa.Date()),
        sa.Column("duration_minutes", sa.Integer()),
        sa.Column("tz", sa.String(64), nullable=False),
        sa.Column("rrule", sa.Text()),
        sa.Column("campaign_id", sa.Integer(),
                  sa.ForeignKey("campaign.id", ondelete="SET NULL")),
        sa.Column("observance_id", sa.Integer(),
                  sa.ForeignKey("observance.id", ondelete="SET NULL")),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("item.id", ondelete="SET NULL")),
        sa.Column("owner", sa.Text()),
        sa.Column("notes", sa.Text()),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime()),
        sa.Column("updated_at", UTCDateTime()),
    )
    op.create_index("ix_planned_post_start", "planned_post", ["start_at", "start_date"])
    op.create_table(
        "post_channel",
        sa.Column("post_id", sa.Integer(),
                  sa.ForeignKey("planned_post.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("source_id", sa.Integer(),
                  sa.ForeignKey("source.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_table(
        "post_revision",
        sa.Column("post_id", sa.Integer(),
                  sa.ForeignKey("planned_post.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("saved_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.Text(), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("meta")
    op.drop_table("post_revision")
    op.drop_table("post_channel")
    op.drop_index("ix_planned_post_start", "planned_post")
    op.drop_table("planned_post")
    op.drop_table("observance")
    op.drop_table("campaign")
