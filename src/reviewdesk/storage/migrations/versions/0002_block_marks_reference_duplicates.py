"""Blocks record their page, tracked changes, direction and links; references their duplicate.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy: copying `block` drops the original, and with
    # foreign keys on (the store always has them on) that deletes every suggestion on it
    # (ON DELETE CASCADE) and unlinks every reference and recommendation from its block
    # (ON DELETE SET NULL). SQLite adds a NOT NULL column with a default in place.
    op.add_column("block", sa.Column("page", sa.Integer(), nullable=True))
    op.add_column("block", sa.Column("tracked_changes", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    op.add_column("block", sa.Column("rtl", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    op.add_column("block", sa.Column("links", sa.String(), nullable=False, server_default=""))
    op.add_column("reference", sa.Column("duplicate_of", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reference") as batch:
        batch.drop_column("duplicate_of")
    with op.batch_alter_table("block") as batch:
        batch.drop_column("links")
        batch.drop_column("rtl")
        batch.drop_column("tracked_changes")
        batch.drop_column("page")
