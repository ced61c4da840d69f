"""The language a brief is written in, and the date a reviewer set on an annotation (an
indicator whose date the brief does not state, or states wrongly).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy (other tables reference both with
    # ON DELETE CASCADE, and copying a table drops the original).
    op.add_column('brief', sa.Column('language', sa.String(), nullable=False,
                                     server_default=''))
    op.add_column('annotation', sa.Column('date', sa.String(), nullable=True))


def downgrade() -> None:
    op.drop_column('annotation', 'date')
    op.drop_column('brief', 'language')
