"""Indexes on the foreign keys that deletes and joins walk.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05

Neither SQLite nor PostgreSQL indexes the referencing side of a foreign key. Each deleted
parent row then scans the child table for rows to cascade to or set NULL: removing 10,000
replies scanned ``reply`` once per reply for ``parent_id`` (quadratic: 19 s for 10k, 0.2 s
with the index). Audit of every foreign key (``ix_`` = added here, else already covered):

- item.source_id               covered by uq_item_source_guid / ix_item_source_sort
- planned_post.campaign_id     ix_planned_post_campaign   (deleting a campaign)
- planned_post.observance_id   ix_planned_post_observance (a pack sync removing observances)
- planned_post.item_id         ix_planned_post_item       (every item delete: source removal)
- post_channel.post_id         covered by its primary key (post_id, source_id)
- post_channel.source_id       ix_post_channel_source     (source removal)
- post_revision.post_id        covered by its primary key (post_id, version)
- reply.source_id              ix_reply_source  (source removal; parent linking per source)
- reply.item_id                covered by ix_reply_item
- reply.parent_id              ix_reply_parent  (ON DELETE SET NULL on every reply delete)
- watch_hit.term_id            covered by uq_watch_hit / ix_watch_hit_term_day
- watch_hit.item_id            ix_watch_hit_item  (ON DELETE CASCADE on every item delete)
- watch_hit.reply_id           ix_watch_hit_reply (ON DELETE CASCADE on every reply delete)
- item_sentiment.item_id       covered by its primary key

Only CREATE INDEX: no table is rebuilt, and the data stays where it is.
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# (index, table, column): kept in step with the models' __table_args__.
INDEXES = (
    ("ix_planned_post_campaign", "planned_post", "campaign_id"),
    ("ix_planned_post_observance", "planned_post", "observance_id"),
    ("ix_planned_post_item", "planned_post", "item_id"),
    ("ix_post_channel_source", "post_channel", "source_id"),
    ("ix_reply_source", "reply", "source_id"),
    ("ix_reply_parent", "reply", "parent_id"),
    ("ix_watch_hit_item", "watch_hit", "item_id"),
    ("ix_watch_hit_reply", "watch_hit", "reply_id"),
)


def upgrade() -> None:
    for name, table, column in INDEXES:
        op.create_index(name, table, [column])


def downgrade() -> None:
    for name, table, _column in reversed(INDEXES):
        op.drop_index(name, table)
