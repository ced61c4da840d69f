"""Opening an older database migrates it, after copying the file beside it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.support.databases import database_at

from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store


def test_a_version_1_database_is_copied_then_migrated(db_path: Path) -> None:
    database_at(db_path, "0001")
    connection = sqlite3.connect(db_path)
    connection.executescript("""
        INSERT INTO brief (id, title, source_format, text, imported_at)
            VALUES ('b1', 'Old brief', 'txt', 'Intro', '2025-01-01 00:00:00');
        INSERT INTO section (id, brief_id, position, title, kind, level)
            VALUES ('s1', 'b1', 0, '', 'other', 0);
        INSERT INTO block (id, brief_id, section_id, position, kind, level, text, start, "end",
                           locator) VALUES ('k1', 'b1', 's1', 0, 'paragraph', 0, 'Intro', 0, 5,
                           'line:1');
    """)
    connection.commit()
    connection.close()

    with Store(db_path) as store, store.transaction() as tx:
        brief = tx.briefs.get("b1")
    assert brief is not None
    [block] = brief.blocks
    assert (block.text, block.page, block.tracked_changes, block.rtl) == ("Intro", None, False,
                                                                         False)
    [backup] = db_path.parent.glob("*.bak")
    assert "before-" in backup.name
    old = sqlite3.connect(backup)
    assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert old.execute("SELECT title FROM brief").fetchall() == [("Old brief",)]
    old.close()

    Store(db_path).close()  # already current: no second copy
    assert len(list(db_path.parent.glob("*.bak"))) == 1


def test_a_new_file_needs_no_copy(db_path: Path, brief_file: Path) -> None:
    with Store(db_path) as store:
        import_files(store, [brief_file])
    assert list(db_path.parent.glob("*.bak")) == []
