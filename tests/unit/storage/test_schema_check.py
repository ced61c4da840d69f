"""A database whose tables are not those of the schema revision it records (its
alembic_version behind them, a table missing) is refused before any migration, in one
sentence, with the file and its folder left as they were. Every revision's expected tables
are derived from the migrations (and the head's from the model), so a new migration is
checked here without a change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from tests.support.databases import database_at

from reviewdesk.errors import StoreSchemaError
from reviewdesk.services.briefs import import_files
from reviewdesk.storage import revisions
from reviewdesk.storage.engine import alembic_config
from reviewdesk.storage.schema_check import (
    head_revision,
    migrated_shape,
    model_shape,
    schema_mismatch,
)
from reviewdesk.storage.schema_shape import digest
from reviewdesk.storage.store import Store

REVISIONS = [r.revision for r in reversed(list(
    ScriptDirectory.from_config(alembic_config()).walk_revisions()))]


@pytest.mark.parametrize("revision", REVISIONS)
def test_a_database_made_at_each_revision_matches_it(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "review.sqlite3"
    database_at(path, revision)
    connection = sqlite3.connect(path)
    try:
        assert schema_mismatch(connection, revision) == []
        earlier = REVISIONS.index(revision) - 1
        if earlier >= 0:  # and does not match the revision before it
            assert schema_mismatch(connection, REVISIONS[earlier]) != []
    finally:
        connection.close()


def test_the_revisions_fixed_in_the_code_are_the_migrations_chain() -> None:
    """Opening a file compares its revision with `revisions.HEAD` without Alembic; a new
    migration must be added there too, or this fails."""
    assert list(revisions.KNOWN) == REVISIONS
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == revisions.HEAD


def test_the_head_shape_fixed_in_the_code_is_the_models() -> None:
    """A command that only lists reads the file with sqlite3 alone, and checks its tables
    by this digest instead of the model's."""
    assert digest(model_shape()) == revisions.HEAD_SHAPE
    assert digest(migrated_shape(head_revision())) == revisions.HEAD_SHAPE


def test_the_model_says_what_the_migrations_make_at_the_head() -> None:
    """The head's expected tables come from the model, which costs nothing at opening; this
    is why that is right. (Triggers are not in the model: only earlier revisions check
    them.)"""
    model, migrated = model_shape(), migrated_shape(head_revision())
    assert (model.tables, model.indexes) == (migrated.tables, migrated.indexes)


def _tables(path: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        connection.close()


def _current_database(path: Path, brief_file: Path, journal: str) -> None:
    with Store(path) as store:
        import_files(store, [brief_file])
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode={journal}")
    connection.close()


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_an_alembic_version_behind_the_schema_is_refused(tmp_path: Path, brief_file: Path,
                                                         journal: str) -> None:
    """The file says the revision before the head, but has the head's tables: migrating it
    would fail half-way (and used to end in a crash report)."""
    path = tmp_path / "review.sqlite3"
    _current_database(path, brief_file, journal)
    before_head = REVISIONS[-2]
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (before_head,))
    connection.close()
    data, files = path.read_bytes(), sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(StoreSchemaError) as refused:
        Store(path)
    sentence = str(refused.value)
    assert "\n" not in sentence
    assert sentence.startswith(f"{path} records schema revision {before_head} but has the ")
    assert "so ReviewDesk did not upgrade or change it" in sentence
    assert f"'reviewdesk --db {path} doctor' shows what is wrong" in sentence
    assert path.read_bytes() == data  # not even the switch to WAL
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))
                  ) == files  # no copy made for a migration that does not happen


def test_a_missing_table_is_refused(tmp_path: Path, brief_file: Path) -> None:
    path = tmp_path / "review.sqlite3"
    _current_database(path, brief_file, "wal")
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("DROP TABLE annotation_superseded")
    connection.close()
    tables = _tables(path)
    with pytest.raises(StoreSchemaError, match=f"records schema revision {REVISIONS[-1]} but "
                                               "lacks the table annotation_superseded, so "):
        Store(path)
    assert _tables(path) == tables


def test_an_empty_alembic_version_is_refused(tmp_path: Path, brief_file: Path) -> None:
    path = tmp_path / "review.sqlite3"
    _current_database(path, brief_file, "wal")
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("DELETE FROM alembic_version")
    connection.close()
    with pytest.raises(StoreSchemaError,
                       match="records no single schema revision in alembic_version"):
        Store(path)


def test_an_older_database_with_its_own_tables_still_migrates(tmp_path: Path) -> None:
    path = tmp_path / "review.sqlite3"
    database_at(path, REVISIONS[0])
    Store(path).close()
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            REVISIONS[-1],)
    finally:
        connection.close()
