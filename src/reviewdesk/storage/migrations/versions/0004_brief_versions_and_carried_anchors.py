"""Versions of a brief, and how each carried annotation was placed on its version.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy of these tables: copying `brief` would drop the
    # original, and with foreign keys on, its sections, blocks and annotations with it.
    # SQLite takes a REFERENCES clause in ADD COLUMN (the default is NULL); Alembic
    # would only do it by copying the table.
    op.execute("ALTER TABLE brief ADD COLUMN version_of VARCHAR REFERENCES brief (id)")
    op.add_column('brief', sa.Column('version', sa.Integer(), nullable=False,
                                     server_default='1'))
    op.create_index(op.f('ix_brief_version_of'), 'brief', ['version_of'], unique=False)
    op.add_column('annotation', sa.Column('anchor_state', sa.String(), nullable=False,
                                          server_default='anchored'))
    op.add_column('annotation', sa.Column('anchor_score', sa.Float(), nullable=True))
    op.add_column('annotation', sa.Column('carried_from', sa.String(), nullable=True))
    op.create_index(op.f('ix_annotation_carried_from'), 'annotation', ['carried_from'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_annotation_carried_from'), table_name='annotation')
    op.drop_column('annotation', 'carried_from')
    op.drop_column('annotation', 'anchor_score')
    op.drop_column('annotation', 'anchor_state')
    op.drop_index(op.f('ix_brief_version_of'), table_name='brief')
    op.drop_column('brief', 'version')
    op.drop_column('brief', 'version_of')
