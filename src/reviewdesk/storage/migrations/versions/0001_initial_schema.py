"""Initial schema: briefs, their source files, sections and blocks, the review tables.

Revision ID: 0001
Revises: 
Create Date: 2026-11-24 13:29:37.947518
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('codebook',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('reviewer',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('initials', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('setting',
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('source_file',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('sha256', sa.String(), nullable=False),
    sa.Column('filename', sa.String(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('source_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_file_sha256'), ['sha256'], unique=True)

    op.create_table('brief',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('source_format', sa.String(), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('source_file_id', sa.String(), nullable=True),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['source_file_id'], ['source_file.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('brief', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_brief_source_file_id'), ['source_file_id'], unique=False)

    op.create_table('tag',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('codebook_id', sa.String(), nullable=False),
    sa.Column('parent_id', sa.String(), nullable=True),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('colour', sa.String(), nullable=False),
    sa.Column('shortcut', sa.String(), nullable=True),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['codebook_id'], ['codebook.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['tag.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('tag', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tag_codebook_id'), ['codebook_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tag_parent_id'), ['parent_id'], unique=False)

    op.create_table('annotation',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('brief_id', sa.String(), nullable=False),
    sa.Column('tag_id', sa.String(), nullable=True),
    sa.Column('reviewer_id', sa.String(), nullable=False),
    sa.Column('comment', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('exact', sa.String(), nullable=False),
    sa.Column('prefix', sa.String(), nullable=False),
    sa.Column('suffix', sa.String(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('created', sa.DateTime(timezone=True), nullable=False),
    sa.Column('modified', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['brief_id'], ['brief.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['reviewer.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['tag_id'], ['tag.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('annotation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annotation_brief_id'), ['brief_id'], unique=False)
        batch_op.create_index('ix_annotation_brief_start', ['brief_id', 'start'], unique=False)
        batch_op.create_index(batch_op.f('ix_annotation_reviewer_id'), ['reviewer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_annotation_tag_id'), ['tag_id'], unique=False)

    op.create_table('section',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('brief_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['brief_id'], ['brief.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_section_brief_id'), ['brief_id'], unique=False)

    op.create_table('block',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('brief_id', sa.String(), nullable=False),
    sa.Column('section_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('locator', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['brief_id'], ['brief.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['section_id'], ['section.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('block', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_block_brief_id'), ['brief_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_block_section_id'), ['section_id'], unique=False)

    op.create_table('reply',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('annotation_id', sa.String(), nullable=False),
    sa.Column('reviewer_id', sa.String(), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('created', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['annotation_id'], ['annotation.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['reviewer.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reply_annotation_id'), ['annotation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reply_reviewer_id'), ['reviewer_id'], unique=False)

    op.create_table('recommendation',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('brief_id', sa.String(), nullable=False),
    sa.Column('block_id', sa.String(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('addressee', sa.String(), nullable=False),
    sa.Column('priority', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('owner', sa.String(), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('note', sa.String(), nullable=False),
    sa.Column('modified', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['block_id'], ['block.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['brief_id'], ['brief.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_brief_id'), ['brief_id'], unique=False)

    op.create_table('reference',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('brief_id', sa.String(), nullable=False),
    sa.Column('block_id', sa.String(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('raw', sa.String(), nullable=False),
    sa.Column('author', sa.String(), nullable=False),
    sa.Column('date_text', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('container', sa.String(), nullable=False),
    sa.Column('url', sa.String(), nullable=False),
    sa.Column('flags', sa.String(), nullable=False),
    sa.Column('check_status', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['block_id'], ['block.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['brief_id'], ['brief.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reference', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reference_brief_id'), ['brief_id'], unique=False)

    op.create_table('suggestion',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('brief_id', sa.String(), nullable=False),
    sa.Column('block_id', sa.String(), nullable=False),
    sa.Column('reviewer_id', sa.String(), nullable=False),
    sa.Column('exact', sa.String(), nullable=False),
    sa.Column('prefix', sa.String(), nullable=False),
    sa.Column('suffix', sa.String(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('replacement', sa.String(), nullable=False),
    sa.Column('created', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['block_id'], ['block.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['brief_id'], ['brief.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['reviewer.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('suggestion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suggestion_block_id'), ['block_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_suggestion_brief_id'), ['brief_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_suggestion_reviewer_id'), ['reviewer_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('suggestion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_suggestion_reviewer_id'))
        batch_op.drop_index(batch_op.f('ix_suggestion_brief_id'))
        batch_op.drop_index(batch_op.f('ix_suggestion_block_id'))

    op.drop_table('suggestion')
    with op.batch_alter_table('reference', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reference_brief_id'))

    op.drop_table('reference')
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_brief_id'))

    op.drop_table('recommendation')
    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reply_reviewer_id'))
        batch_op.drop_index(batch_op.f('ix_reply_annotation_id'))

    op.drop_table('reply')
    with op.batch_alter_table('block', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_block_section_id'))
        batch_op.drop_index(batch_op.f('ix_block_brief_id'))

    op.drop_table('block')
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_section_brief_id'))

    op.drop_table('section')
    with op.batch_alter_table('annotation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_annotation_tag_id'))
        batch_op.drop_index(batch_op.f('ix_annotation_reviewer_id'))
        batch_op.drop_index('ix_annotation_brief_start')
        batch_op.drop_index(batch_op.f('ix_annotation_brief_id'))

    op.drop_table('annotation')
    with op.batch_alter_table('tag', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tag_parent_id'))
        batch_op.drop_index(batch_op.f('ix_tag_codebook_id'))

    op.drop_table('tag')
    with op.batch_alter_table('brief', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_brief_source_file_id'))

    op.drop_table('brief')
    with op.batch_alter_table('source_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_file_sha256'))

    op.drop_table('source_file')
    op.drop_table('setting')
    op.drop_table('reviewer')
    op.drop_table('codebook')
