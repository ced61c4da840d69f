"""Tombstones of deleted items, annotation history, superseded annotation versions, and the
time a reference's check last changed: what review bundles need to merge by id.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# SQLAlchemy stores a DateTime in SQLite as 'YYYY-MM-DD HH:MM:SS.ffffff'; %f gives
# milliseconds ('SS.sss'), so three zeros make the same shape.
_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'"


def upgrade() -> None:
    op.create_table('tombstone',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('brief_id', sa.String(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['brief_id'], ['brief.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_tombstone_brief_id'), 'tombstone', ['brief_id'], unique=False)

    op.create_table('annotation_event',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('annotation_id', sa.String(), nullable=False),
    sa.Column('field', sa.String(), nullable=False),
    sa.Column('value_kept', sa.String(), nullable=False),
    sa.Column('value_other', sa.String(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['annotation_id'], ['annotation.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_annotation_event_annotation_id'), 'annotation_event',
                    ['annotation_id'], unique=False)

    op.create_table('annotation_superseded',
    sa.Column('annotation_id', sa.String(), nullable=False),
    sa.Column('modified', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['annotation_id'], ['annotation.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('annotation_id', 'modified')
    )

    # Plain ADD COLUMN, never a batch copy: other tables reference `reference` with
    # ON DELETE CASCADE (claim_link), and copying it would drop the original.
    op.add_column('reference', sa.Column('modified', sa.DateTime(timezone=True),
                                         nullable=True))

    if op.get_bind().dialect.name == "postgresql":
        _server_triggers()
        return
    # Every edit of an annotation sets its modified time: the version it replaced is
    # remembered, so a merge can tell an older copy of this annotation from a rival edit.
    op.execute("""
        CREATE TRIGGER annotation_superseded_on_edit
        AFTER UPDATE OF modified ON annotation
        WHEN OLD.modified IS NOT NEW.modified
        BEGIN
            INSERT OR IGNORE INTO annotation_superseded (annotation_id, modified)
            VALUES (OLD.id, OLD.modified);
        END
    """)
    # A reviewer's check or note on a reference stamps the time, whatever code wrote it;
    # an update that sets `modified` itself (a merge) keeps its own.
    op.execute(f"""
        CREATE TRIGGER reference_modified_on_check
        AFTER UPDATE OF check_status, note ON reference
        WHEN NEW.modified IS OLD.modified
             AND (NEW.check_status IS NOT OLD.check_status OR NEW.note IS NOT OLD.note)
        BEGIN
            UPDATE reference SET modified = {_NOW} WHERE id = NEW.id;
        END
    """)


def _server_triggers() -> None:
    """The same two triggers on PostgreSQL, whose triggers call a function; the check's
    time is set on the row before it is written rather than by a second update."""
    op.execute("""
        CREATE FUNCTION annotation_superseded_on_edit() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO annotation_superseded (annotation_id, modified)
            VALUES (OLD.id, OLD.modified) ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$
    """)
    op.execute("""
        CREATE TRIGGER annotation_superseded_on_edit
        AFTER UPDATE OF modified ON annotation FOR EACH ROW
        WHEN (OLD.modified IS DISTINCT FROM NEW.modified)
        EXECUTE FUNCTION annotation_superseded_on_edit()
    """)
    op.execute("""
        CREATE FUNCTION reference_modified_on_check() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            NEW.modified := clock_timestamp();
            RETURN NEW;
        END $$
    """)
    op.execute("""
        CREATE TRIGGER reference_modified_on_check
        BEFORE UPDATE OF check_status, note ON reference FOR EACH ROW
        WHEN (NEW.modified IS NOT DISTINCT FROM OLD.modified
              AND (NEW.check_status IS DISTINCT FROM OLD.check_status
                   OR NEW.note IS DISTINCT FROM OLD.note))
        EXECUTE FUNCTION reference_modified_on_check()
    """)


def downgrade() -> None:
    on_server = op.get_bind().dialect.name == "postgresql"
    for trigger, table in (("reference_modified_on_check", "reference"),
                           ("annotation_superseded_on_edit", "annotation")):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}" + (f" ON {table}" if on_server else ""))
        if on_server:
            op.execute(f"DROP FUNCTION IF EXISTS {trigger}()")
    op.drop_column('reference', 'modified')
    op.drop_table('annotation_superseded')
    op.drop_index(op.f('ix_annotation_event_annotation_id'), table_name='annotation_event')
    op.drop_table('annotation_event')
    op.drop_index(op.f('ix_tombstone_brief_id'), table_name='tombstone')
    op.drop_table('tombstone')
