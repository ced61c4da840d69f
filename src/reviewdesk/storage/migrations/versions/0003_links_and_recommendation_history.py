"""Claim links to references, evidence links to recommendations, recommendation history.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('claim_link',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('annotation_id', sa.String(), nullable=False),
    sa.Column('reference_id', sa.String(), nullable=False),
    sa.Column('created', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['annotation_id'], ['annotation.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reference_id'], ['reference.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('annotation_id', 'reference_id')
    )
    with op.batch_alter_table('claim_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_link_annotation_id'), ['annotation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_link_reference_id'), ['reference_id'], unique=False)

    op.create_table('evidence_link',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('annotation_id', sa.String(), nullable=False),
    sa.Column('recommendation_id', sa.String(), nullable=False),
    sa.Column('created', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['annotation_id'], ['annotation.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('annotation_id', 'recommendation_id')
    )
    with op.batch_alter_table('evidence_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_link_annotation_id'), ['annotation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_link_recommendation_id'), ['recommendation_id'], unique=False)

    op.create_table('recommendation_event',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('recommendation_id', sa.String(), nullable=False),
    sa.Column('reviewer_id', sa.String(), nullable=False),
    sa.Column('field', sa.String(), nullable=False),
    sa.Column('old', sa.String(), nullable=False),
    sa.Column('new', sa.String(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['reviewer.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('recommendation_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_event_recommendation_id'), ['recommendation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_event_reviewer_id'), ['reviewer_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('recommendation_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_event_reviewer_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_event_recommendation_id'))

    op.drop_table('recommendation_event')
    with op.batch_alter_table('evidence_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_link_recommendation_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_link_annotation_id'))

    op.drop_table('evidence_link')
    with op.batch_alter_table('claim_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_link_reference_id'))
        batch_op.drop_index(batch_op.f('ix_claim_link_annotation_id'))

    op.drop_table('claim_link')
