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
    with op.batch_alter_table("block") as batch:
        batch.add_column(sa.Column("page", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("tracked_changes", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("rtl", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("links", sa.String(), nullable=False, server_default=""))
    with op.batch_alter_table("reference") as batch:
        batch.add_column(sa.Column("duplicate_of", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reference") as batch:
        batch.drop_column("duplicate_of")
    with op.batch_alter_table("block") as batch:
        batch.drop_column("links")
        batch.drop_column("rtl")
        batch.drop_column("tracked_changes")
        batch.drop_column("page")
