"""A full-text index over every brief's title and text and the reviewers' comments and
replies, kept current by triggers (through a queue it takes in before each search), and
filled here for the briefs already stored.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
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

# A row added or changed is queued, not indexed at once: an insert into FTS5 from a trigger
# costs four times one made by INSERT ... SELECT (0.37 s against 0.09 s for the 8,412 blocks
# of a long brief), and briefs and bundles arrive in thousands of rows. The index takes in the
# queue in one statement before each search (storage/search.py). A changed or deleted row
# leaves the index at once: a key is in the queue or in the index, never in both.
_TRIGGERS: dict[str, str] = {}
for _table, _offset, _text in (("brief", 0, "title"), ("block", 1, "text"),
                               ("annotation", 2, "comment"), ("reply", 3, "text")):
    _new, _old = f"NEW.rowid * 4 + {_offset}", f"OLD.rowid * 4 + {_offset}"
    _queue = f"INSERT OR IGNORE INTO search_queue (entry) VALUES ({_new});"
    _TRIGGERS[f"search_{_table}_added"] = f"""
        AFTER INSERT ON {_table} BEGIN
            {_queue}
        END"""
    _TRIGGERS[f"search_{_table}_changed"] = f"""
        AFTER UPDATE OF {_text} ON {_table} WHEN OLD.{_text} IS NOT NEW.{_text} BEGIN
            DELETE FROM search_index WHERE rowid = {_old};
            {_queue}
        END"""
    _TRIGGERS[f"search_{_table}_deleted"] = f"""
        AFTER DELETE ON {_table} BEGIN
            DELETE FROM search_index WHERE rowid = {_old};
            DELETE FROM search_queue WHERE entry = {_old};
        END"""

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


# On PostgreSQL: a table of the same rows, keyed by kind and item, whose words (a tsvector
# the server computes from the body) a GIN index holds. Triggers keep it current at once:
# there is no rowid to key a queue by, and an insert from a trigger costs PostgreSQL no more
# than any other. The parser reads a URL, a host, an e-mail or a hyphenated word as one
# token; with those characters read as spaces, each word is found on its own, as in FTS5.
_SERVER_TABLE = r"""
    CREATE TABLE search_index (
        kind VARCHAR NOT NULL,
        item_id VARCHAR NOT NULL,
        brief_id VARCHAR NOT NULL,
        body VARCHAR NOT NULL,
        words tsvector GENERATED ALWAYS AS
            (to_tsvector('simple', translate(body, '/.@:-_+', '       '))) STORED,
        PRIMARY KEY (kind, item_id))
"""
_SERVER_SOURCES = (  # table, kind, its text, the brief it belongs to, when it is indexed
    ("brief", "title", "title", "NEW.id", "TRUE"),
    ("block", "text", "text", "NEW.brief_id", "TRUE"),
    ("annotation", "comment", "comment", "NEW.brief_id", "NEW.comment <> ''"),
    ("reply", "reply", "text", "(SELECT brief_id FROM annotation WHERE id = NEW.annotation_id)",
     "TRUE"),
)


def _server_upgrade() -> None:
    op.execute(_SERVER_TABLE)
    op.execute("CREATE INDEX search_index_words ON search_index USING gin (words)")
    op.create_table('search_queue',  # the model's table; PostgreSQL's triggers need no queue
    sa.Column('entry', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('entry')
    )
    for table, kind, column, brief, indexed in _SERVER_SOURCES:
        op.execute(f"""
            CREATE FUNCTION search_{table}_indexed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'INSERT' THEN
                    DELETE FROM search_index WHERE kind = '{kind}' AND item_id = OLD.id;
                END IF;
                IF TG_OP <> 'DELETE' AND {indexed} THEN
                    INSERT INTO search_index (kind, item_id, brief_id, body)
                    VALUES ('{kind}', NEW.id, {brief}, NEW.{column});
                END IF;
                RETURN NULL;
            END $$""")
        for name, when in ((f"search_{table}_added", "AFTER INSERT"),
                           (f"search_{table}_changed",
                            f"AFTER UPDATE OF {column}"),
                           (f"search_{table}_deleted", "AFTER DELETE")):
            condition = (f"WHEN (OLD.{column} IS DISTINCT FROM NEW.{column})"
                         if "UPDATE" in when else "")
            op.execute(f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW {condition} "
                       f"EXECUTE FUNCTION search_{table}_indexed()")
    op.execute("""
        INSERT INTO search_index (kind, item_id, brief_id, body)
        SELECT 'title', id, id, title FROM brief
        UNION ALL
        SELECT 'text', id, brief_id, text FROM block
        UNION ALL
        SELECT 'comment', id, brief_id, comment FROM annotation WHERE comment <> ''
        UNION ALL
        SELECT 'reply', reply.id, annotation.brief_id, reply.text
        FROM reply JOIN annotation ON annotation.id = reply.annotation_id
    """)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _server_upgrade()
        return
    op.execute(_TABLE)
    op.create_table('search_queue',
    sa.Column('entry', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('entry')
    )
    for name, body in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute(_FILL)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, *_ in _SERVER_SOURCES:
            for change in ("added", "changed", "deleted"):
                op.execute(f"DROP TRIGGER IF EXISTS search_{table}_{change} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS search_{table}_indexed()")
        op.drop_table('search_queue')
        op.execute("DROP TABLE IF EXISTS search_index")
        return
    for name in reversed(_TRIGGERS):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table('search_queue')
    op.execute("DROP TABLE IF EXISTS search_index")
