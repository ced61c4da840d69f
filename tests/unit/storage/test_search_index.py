"""The full-text index stays current whatever changes the rows (an import, an edited or
deleted comment, a reply, a deleted brief), a database of the revision before it gets it
filled, and no query a user types is an FTS5 syntax error."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.support.databases import database_at

from reviewdesk.errors import StoreSchemaError
from reviewdesk.services.annotations import (
    add_reply,
    annotate,
    delete_annotation,
    delete_reply,
    update_annotation,
)
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.search import SearchRow, match_expression
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines


def _found(store: Store, query: str) -> list[SearchRow]:
    with store.transaction() as tx:
        return tx.search.query(query, 50)


def _kinds(store: Store, query: str) -> list[str]:
    return sorted(row.kind for row in _found(store, query))


def test_an_imported_brief_is_found_by_title_and_text(store: Store, brief_file: Path) -> None:
    [imported] = import_files(store, [brief_file])
    kinds = _kinds(store, "Corrin")
    assert kinds.count("title") == 1 and kinds.count("text") >= 3
    [row] = _found(store, "joint patrol")
    assert (row.brief_id, row.kind, row.title) == (imported.id, "text", imported.title)
    assert "\x02joint\x03 \x02patrol\x03" in row.snippet


def test_a_text_hit_says_where_in_the_brief_the_match_is(store: Store,
                                                        brief_file: Path) -> None:
    [imported] = import_files(store, [brief_file])
    [row] = _found(store, "perch")
    with store.transaction() as tx:
        found = tx.briefs.title_and_text(imported.id)
    assert found is not None and row.match_at is not None
    assert found[1][row.start + row.match_at:].startswith("perch")


def test_comments_and_replies_follow_every_edit(store: Store, brief_file: Path) -> None:
    [imported] = import_files(store, [brief_file])
    note = annotate(store, imported.id, "joint patrol", tag="Claim",
                    comment="Ask the harbourmaster", reviewer="Ines Duarte")
    [row] = _found(store, "harbourmaster")
    assert (row.kind, row.item_id) == ("comment", note.id)

    update_annotation(store, note.id, comment="Ask the ferry pilots")
    assert _found(store, "harbourmaster") == []
    assert _kinds(store, "ferry") == ["comment"]

    reply = add_reply(store, note.id, "The pilots kept a logbook", reviewer="Ines Duarte")
    [row] = _found(store, "logbook")
    assert (row.kind, row.item_id, row.start) == ("reply", reply.id, note.start)
    delete_reply(store, reply.id)
    assert _found(store, "logbook") == []

    add_reply(store, note.id, "A second logbook turned up", reviewer="Ines Duarte")
    delete_annotation(store, note.id)
    assert _found(store, "ferry") == [] and _found(store, "logbook") == []


def test_an_empty_comment_made_later_is_indexed(store: Store, brief_file: Path) -> None:
    [imported] = import_files(store, [brief_file])
    note = annotate(store, imported.id, "closed season", tag="Claim", reviewer="Ines Duarte")
    update_annotation(store, note.id, comment="six weeks is short")
    assert _kinds(store, "short") == ["comment"]
    update_annotation(store, note.id, comment="")
    assert _found(store, "short") == []


def test_a_deleted_brief_leaves_nothing_in_the_index(store: Store, brief_file: Path) -> None:
    [imported] = import_files(store, [brief_file])
    note = annotate(store, imported.id, "joint patrol", tag="Claim",
                    comment="Ask the harbourmaster", reviewer="Ines Duarte")
    add_reply(store, note.id, "Noted by the harbourmaster too", reviewer="Ines Duarte")
    with store.transaction() as tx:
        assert tx.search.count() > 0
        tx.bundle_rows.delete("brief", [imported.id])
    with store.transaction() as tx:
        assert tx.search.count() == 0


@pytest.mark.parametrize("query", ['"', "'", "(", ")", "*", "AND", "NOT", "OR x", "a:b",
                                   'pat"rol', "NEAR(a b)", "^joint", "-", "joint OR",
                                   "col:umn:", "{body}: x", "\\"])
def test_no_query_is_an_fts_syntax_error(store: Store, brief_file: Path, query: str) -> None:
    import_files(store, [brief_file])
    _found(store, query)  # no exception


def test_the_expression_quotes_words_and_prefix_matches_the_last() -> None:
    assert match_expression("  ") is None
    assert match_expression('" * ( )') is None
    assert match_expression("joint pat") == '"joint" "pat"*'
    assert match_expression('say "hi"') == '"say" """hi"""*'


def test_the_last_word_may_be_the_start_of_one(store: Store, brief_file: Path) -> None:
    import_files(store, [brief_file])
    assert _kinds(store, "joint pat") == ["text"]
    assert _found(store, "pat joint") == []  # only the last word is a prefix


def test_an_earlier_database_gets_its_rows_indexed(db_path: Path) -> None:
    database_at(db_path, "0007")
    connection = sqlite3.connect(db_path)
    connection.executescript("""
        INSERT INTO brief (id, title, source_format, text, imported_at, version, language)
            VALUES ('b1', 'Old Quarry Brief', 'txt', 'The quarry road floods.',
                    '2025-01-01 00:00:00', 1, 'en');
        INSERT INTO section (id, brief_id, position, title, kind, level)
            VALUES ('s1', 'b1', 0, '', 'other', 0);
        INSERT INTO block (id, brief_id, section_id, position, kind, level, text, start, "end",
                           locator, tracked_changes, rtl, links)
            VALUES ('k1', 'b1', 's1', 0, 'paragraph', 0, 'The quarry road floods.', 0, 23,
                    'line:1', 0, 0, '');
        INSERT INTO reviewer (id, name, initials) VALUES ('r1', 'Ines Duarte', 'ID');
        INSERT INTO annotation (id, brief_id, reviewer_id, comment, status, exact, prefix,
                                suffix, start, "end", created, modified, anchor_state,
                                revision)
            VALUES ('a1', 'b1', 'r1', 'Culvert too narrow', 'open', 'road', 'quarry ',
                    ' floods', 11, 15, '2025-01-02 00:00:00', '2025-01-02 00:00:00',
                    'anchored', 0);
        INSERT INTO reply (id, annotation_id, reviewer_id, text, created)
            VALUES ('p1', 'a1', 'r1', 'Widened in spring', '2025-01-03 00:00:00');
    """)
    connection.commit()
    connection.close()

    with Store(db_path) as store:
        assert sorted((r.kind, r.item_id, r.start) for r in _found(store, "quarry")) == [
            ("text", "k1", 0), ("title", "b1", 0)]
        [comment] = _found(store, "culvert")
        assert (comment.kind, comment.item_id, comment.start) == ("comment", "a1", 11)
        [reply] = _found(store, "widened")
        assert (reply.kind, reply.brief_id, reply.start) == ("reply", "b1", 11)


def test_a_database_without_its_index_is_refused(db_path: Path, brief_file: Path) -> None:
    """The schema check expects the index at the head (and not the tables FTS5 keeps its
    data in, which come and go with it)."""
    with Store(db_path) as store:
        import_files(store, [brief_file])
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("DROP TABLE search_index")
    connection.close()
    with pytest.raises(StoreSchemaError, match="lacks the table search_index, so "):
        Store(db_path)


def test_changes_made_before_any_search_are_all_found(store: Store, brief_file: Path) -> None:
    """Rows are queued as they come and the index takes the queue in before a search: a
    row changed or deleted while queued is found as it is at the search."""
    [imported] = import_files(store, [brief_file])
    kept = annotate(store, imported.id, "joint patrol", tag="Claim",
                    comment="quokka thought", reviewer="Ines Duarte")
    update_annotation(store, kept.id, comment="second thought about tides")
    gone = annotate(store, imported.id, "closed season", tag="Claim",
                    comment="about tides too", reviewer="Ines Duarte")
    delete_annotation(store, gone.id)
    assert [(row.kind, row.item_id) for row in _found(store, "tides")] == [
        ("comment", kept.id)]
    assert _found(store, "quokka") == []
    with store.transaction() as tx:
        tx.search.catch_up()
        assert tx.bundle_rows.all("search_queue") == []


def test_a_merged_bundle_is_found(tmp_path: Path, brief_file: Path) -> None:
    from reviewdesk.services.bundles import export_bundle, import_bundle

    bundle = tmp_path / "mine.rdbundle"
    with Store(tmp_path / "a.sqlite3") as mine:
        [imported] = import_files(mine, [brief_file])
        note = annotate(mine, imported.id, "joint patrol", tag="Claim",
                        comment="Ask the harbourmaster", reviewer="Ines Duarte")
        add_reply(mine, note.id, "The logbook agrees", reviewer="Ines Duarte")
        export_bundle(mine, [], bundle)
    with Store(tmp_path / "b.sqlite3") as theirs:
        import_bundle(theirs, bundle, trust=True)
        assert _kinds(theirs, "harbourmaster") == ["comment"]
        assert _kinds(theirs, "logbook") == ["reply"]
        assert "title" in _kinds(theirs, "Corrin")
