"""Publishing and answering: the outbox ledger, post images, status history, answered replies.

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-05

New tables and nullable (or defaulted) columns only: nothing is rewritten, and a database
written before this revision keeps every row as it was. Posts created before it have no
``created_by``: clearance treats their ``owner`` as the author (core/publish/clearance.py).

It also notes when the database learned to publish (``meta.publishing_since``): a post that
fell due before then was approved in a world where officers posted by hand, so it is never
sent by itself (it is reported as missed; ``attache publish post`` still sends it).
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    meta = sa.table("meta", sa.column("key", sa.Text()), sa.column("value", sa.Text()))
    op.bulk_insert(meta, [{"key": "publishing_since",
                           "value": datetime.now(UTC).isoformat(timespec="seconds")}])
    op.add_column("planned_post", sa.Column("created_by", sa.Text()))
    op.add_column("planned_post", sa.Column("language", sa.String(16)))
    op.add_column("reply", sa.Column("own", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    op.add_column("reply", sa.Column("answered_at", UTCDateTime()))
    op.add_column("reply", sa.Column("answered_by", sa.Text()))
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("dedupe_key", sa.Text(), nullable=False, unique=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("post_id", sa.Integer(),
                  sa.ForeignKey("planned_post.id", ondelete="CASCADE")),
        sa.Column("occurrence", sa.Text(), nullable=False, server_default=""),
        sa.Column("reply_id", sa.Integer(), sa.ForeignKey("reply.id", ondelete="CASCADE")),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("source.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("idem_key", sa.Text(), nullable=False),
        sa.Column("text", sa.Text()),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("claim", sa.Text()),
        sa.Column("claimed_by", sa.Text()),
        sa.Column("claimed_at", UTCDateTime()),
        sa.Column("uncertain_since", UTCDateTime()),
        sa.Column("done_at", UTCDateTime()),
        sa.Column("retry_at", UTCDateTime()),
        sa.Column("remote_id", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("error", sa.Text()),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("item.id", ondelete="SET NULL")),
        sa.Column("actor", sa.Text()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_outbox_post", "outbox", ["post_id"])
    op.create_index("ix_outbox_reply", "outbox", ["reply_id"])
    op.create_index("ix_outbox_source", "outbox", ["source_id"])
    op.create_index("ix_outbox_item", "outbox", ["item_id"])
    op.create_index("ix_outbox_remote", "outbox", ["source_id", "remote_id"])
    op.create_table(
        "post_image",
        sa.Column("post_id", sa.Integer(),
                  sa.ForeignKey("planned_post.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("mime", sa.String(40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("alt", sa.Text(), nullable=False, server_default=""),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "post_status_change",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("post_id", sa.Integer(),
                  sa.ForeignKey("planned_post.id", ondelete="CASCADE"), nullable=False),
        sa.Column("old_status", sa.String(20)),
        sa.Column("new_status", sa.String(20), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("note", sa.Text()),
    )
    op.create_index("ix_post_status_change_post", "post_status_change", ["post_id"])


def downgrade() -> None:
    op.execute("DELETE FROM meta WHERE key = 'publishing_since'")
    op.drop_table("post_status_change")
    op.drop_table("post_image")
    op.drop_table("outbox")
    for table, column in (("reply", "answered_by"), ("reply", "answered_at"), ("reply", "own"),
                          ("planned_post", "language"), ("planned_post", "created_by")):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
