"""Whether a suggested edit is still pending or was accepted or rejected by a reviewer.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (see 0007): every suggestion made before was still pending.
    op.add_column('suggestion', sa.Column('status', sa.String(), nullable=False,
                                          server_default='pending'))


def downgrade() -> None:
    op.drop_column('suggestion', 'status')
