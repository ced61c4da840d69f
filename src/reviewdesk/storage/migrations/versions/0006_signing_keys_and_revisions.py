"""Who may change what in a merge: each reviewer's signing key, the keys this database
trusts (and as what role), the author of each deleted item, per-item revision counters
that order rival edits before their clocks do, and replies that wait for their annotation.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN throughout, never a batch copy (other tables reference these with
    # ON DELETE CASCADE, and copying a table drops the original).
    op.add_column('reviewer', sa.Column('public_key', sa.String(), nullable=True))
    op.add_column('tombstone', sa.Column('reviewer_id', sa.String(), nullable=True))
    for table in ('annotation', 'reference', 'recommendation'):
        op.add_column(table, sa.Column('revision', sa.Integer(), nullable=False,
                                       server_default='0'))

    op.create_table('reviewer_key',
    sa.Column('public_key', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('trust', sa.String(), nullable=False),
    sa.Column('trusted_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('public_key')
    )

    op.create_table('held_reply',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('annotation_id', sa.String(), nullable=False),
    sa.Column('brief_id', sa.String(), nullable=False),
    sa.Column('reviewer_id', sa.String(), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('created', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['brief_id'], ['brief.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['reviewer.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_held_reply_annotation_id'), 'held_reply', ['annotation_id'],
                    unique=False)
    op.create_index(op.f('ix_held_reply_brief_id'), 'held_reply', ['brief_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_held_reply_brief_id'), table_name='held_reply')
    op.drop_index(op.f('ix_held_reply_annotation_id'), table_name='held_reply')
    op.drop_table('held_reply')
    op.drop_table('reviewer_key')
    for table in ('recommendation', 'reference', 'annotation'):
        op.drop_column(table, 'revision')
    op.drop_column('tombstone', 'reviewer_id')
    op.drop_column('reviewer', 'public_key')
