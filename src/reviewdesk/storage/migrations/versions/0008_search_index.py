"""A full-text index over every brief's title and text and the reviewers' comments and
replies, kept current by triggers, and filled here for the briefs already stored.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# One FTS5 table holds its own copy of the words (an external-content index would need
# rowids that VACUUM may renumber). Each indexed row's rowid is its source row's rowid times
# four plus its kind, so a trigger finds it again without scanning the index:
# 0 a brief's title, 1 a block of text, 2 an annotation's comment, 3 a reply.
_TABLE = """
    CREATE VIRTUAL TABLE search_index USING fts5(
        body, kind UNINDEXED, brief_id UNINDEXED, item_id UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2')
"""

_TRIGGERS = {
    "search_brief_added": """
        AFTER INSERT ON brief BEGIN
            INSERT INTO search_index (rowid, body, kind, brief_id, item_id)
            VALUES (NEW.rowid * 4, NEW.title, 'title', NEW.id, NEW.id);
        END""",
    "search_brief_changed": """
        AFTER UPDATE OF title ON brief WHEN OLD.title IS NOT NEW.title BEGIN
            UPDATE search_index SET body = NEW.title WHERE rowid = NEW.rowid * 4;
        END""",
    "search_brief_deleted": """
        AFTER DELETE ON brief BEGIN
            DELETE FROM search_index WHERE rowid = OLD.rowid * 4;
        END""",
    "search_block_added": """
        AFTER INSERT ON block BEGIN
            INSERT INTO search_index (rowid, body, kind, brief_id, item_id)
            VALUES (NEW.rowid * 4 + 1, NEW.text, 'text', NEW.brief_id, NEW.id);
        END""",
    "search_block_changed": """
        AFTER UPDATE OF text ON block WHEN OLD.text IS NOT NEW.text BEGIN
            UPDATE search_index SET body = NEW.text WHERE rowid = NEW.rowid * 4 + 1;
        END""",
    "search_block_deleted": """
        AFTER DELETE ON block BEGIN
            DELETE FROM search_index WHERE rowid = OLD.rowid * 4 + 1;
        END""",
    "search_annotation_added": """
        AFTER INSERT ON annotation WHEN NEW.comment <> '' BEGIN
            INSERT INTO search_index (rowid, body, kind, brief_id, item_id)
            VALUES (NEW.rowid * 4 + 2, NEW.comment, 'comment', NEW.brief_id, NEW.id);
        END""",
    "search_annotation_changed": """
        AFTER UPDATE OF comment ON annotation WHEN OLD.comment IS NOT NEW.comment BEGIN
            DELETE FROM search_index WHERE rowid = NEW.rowid * 4 + 2;
            INSERT INTO search_index (rowid, body, kind, brief_id, item_id)
            SELECT NEW.rowid * 4 + 2, NEW.comment, 'comment', NEW.brief_id, NEW.id
            WHERE NEW.comment <> '';
        END""",
    "search_annotation_deleted": """
        AFTER DELETE ON annotation WHEN OLD.comment <> '' BEGIN
            DELETE FROM search_index WHERE rowid = OLD.rowid * 4 + 2;
        END""",
    "search_reply_added": """
        AFTER INSERT ON reply BEGIN
            INSERT INTO search_index (rowid, body, kind, brief_id, item_id)
            SELECT NEW.rowid * 4 + 3, NEW.text, 'reply', brief_id, NEW.id
            FROM annotation WHERE id = NEW.annotation_id;
        END""",
    "search_reply_changed": """
        AFTER UPDATE OF text ON reply WHEN OLD.text IS NOT NEW.text BEGIN
            UPDATE search_index SET body = NEW.text WHERE rowid = NEW.rowid * 4 + 3;
        END""",
    "search_reply_deleted": """
        AFTER DELETE ON reply BEGIN
            DELETE FROM search_index WHERE rowid = OLD.rowid * 4 + 3;
        END""",
}

_FILL = """
    INSERT INTO search_index (rowid, body, kind, brief_id, item_id)
    SELECT rowid * 4, title, 'title', id, id FROM brief
    UNION ALL
    SELECT rowid * 4 + 1, text, 'text', brief_id, id FROM block
    UNION ALL
    SELECT rowid * 4 + 2, comment, 'comment', brief_id, id FROM annotation WHERE comment <> ''
    UNION ALL
    SELECT reply.rowid * 4 + 3, reply.text, 'reply', annotation.brief_id, reply.id
    FROM reply JOIN annotation ON annotation.id = reply.annotation_id
"""


def upgrade() -> None:
    op.execute(_TABLE)
    for name, body in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute(_FILL)


def downgrade() -> None:
    for name in reversed(_TRIGGERS):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_index")
