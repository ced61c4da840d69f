"""Listing by the file (storage.catalog, sqlite3 alone) gives what the store's repository
gives, and leaves every file it cannot vouch for to the full store: a new file is made, an
older one migrated, a damaged or foreign one refused in the store's sentence."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.support.databases import copy_database, database_at

from reviewdesk.errors import StoreError
from reviewdesk.services.annotations import annotate
from reviewdesk.services.briefs import import_files, list_briefs
from reviewdesk.services.catalog import list_briefs_at
from reviewdesk.storage.catalog import quick_summaries
from reviewdesk.storage.revisions import KNOWN
from reviewdesk.storage.store import Store


def _brief(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"{name.split('.')[0].title()}\n\n{body}\n", encoding="utf-8")
    return path


def test_the_quick_listing_is_the_repositorys(tmp_path: Path) -> None:
    db = tmp_path / "review.sqlite3"
    with Store(db) as store:
        first = import_files(store, [_brief(tmp_path, "levies.txt", "The levy rose.")])[0].id
        import_files(store, [_brief(tmp_path, "harbour.md", "The harbour board met.")])
        import_files(store, [_brief(tmp_path, "levies-v2.txt", "The levy rose again.")])
        annotate(store, first, "levy", tag="Claim", comment="why?", reviewer="Ines Duarte")
        annotate(store, first, "rose", tag="Evidence", reviewer="Ines Duarte")
        through_the_model = list_briefs(store)
    quick = quick_summaries(db)
    assert quick is not None and len(quick) == 3
    assert quick == through_the_model
    assert [b.annotation_count for b in quick] == [2, 0, 0]
    assert all(b.imported_at.tzinfo is not None for b in quick)


def test_an_empty_store_lists_nothing(tmp_path: Path) -> None:
    db = tmp_path / "review.sqlite3"
    with Store(db):
        pass
    assert quick_summaries(db) == []


def test_a_new_file_is_made_by_the_store(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite3"
    assert quick_summaries(db) is None
    assert list_briefs_at(db) == []
    assert quick_summaries(db) == []  # made at the head


def test_an_older_file_is_left_to_the_store_which_migrates_it(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    database_at(db, KNOWN[-2])
    assert quick_summaries(db) is None
    assert list_briefs_at(db) == []
    assert quick_summaries(db) == []


def test_a_file_whose_tables_are_not_the_heads_is_refused_by_the_store(tmp_path: Path) -> None:
    db = tmp_path / "odd.sqlite3"
    with Store(db):
        pass
    connection = sqlite3.connect(db)
    connection.execute("DROP INDEX IF EXISTS ix_annotation_brief_id")
    connection.execute("CREATE TABLE extra (x)")
    connection.commit()
    connection.close()
    assert quick_summaries(db) is None
    with pytest.raises(StoreError):
        list_briefs_at(db)


def test_a_file_of_another_program_is_refused_in_one_sentence(tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE brief (id)")
    connection.commit()
    connection.close()
    assert quick_summaries(db) is None
    with pytest.raises(StoreError, match="not a ReviewDesk database"):
        list_briefs_at(db)


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "notes.sqlite3"
    db.write_bytes(b"these are not pages of a database" * 100)
    assert quick_summaries(db) is None
    with pytest.raises(StoreError):
        list_briefs_at(db)


def test_a_copy_reads_the_same(tmp_path: Path) -> None:
    db = tmp_path / "review.sqlite3"
    with Store(db) as store:
        import_files(store, [_brief(tmp_path, "levies.txt", "The levy rose.")])
    copy = copy_database(db, tmp_path / "copy.sqlite3")
    assert quick_summaries(copy) == quick_summaries(db)
