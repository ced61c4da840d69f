"""The doctor checks a database without writing to it, lists the copies beside it, and puts
the newest good copy back in place of a damaged one, keeping the damaged file aside."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from tests.support.corruption import (
    DAMAGES,
    TITLE,
    damage_annotation_data,
    damage_table_root,
    fingerprint,
    reviewed_database,
)

from reviewdesk.errors import StoreError
from reviewdesk.services.annotations import list_annotations
from reviewdesk.services.briefs import list_briefs
from reviewdesk.services.doctor import diagnose, doctor
from reviewdesk.storage.engine import backup_copy
from reviewdesk.storage.store import Store


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("reviewed") / "base.sqlite3"
    return path, reviewed_database(path)


def _copy(reviewed: tuple[Path, str], folder: Path) -> Path:
    path = folder / "review.sqlite3"
    shutil.copyfile(reviewed[0], path)
    return path


def _named_copy(path: Path, label: str, stamp: str) -> Path:
    copy = path.with_name(f"{path.name}.{label}-{stamp}.bak")
    shutil.copyfile(path, copy)
    return copy


def test_a_healthy_database(reviewed: tuple[Path, str], tmp_path: Path) -> None:
    path = _copy(reviewed, tmp_path)
    before = fingerprint(path)
    diagnosis = diagnose(path)
    assert diagnosis.healthy and diagnosis.problems == ()
    assert (diagnosis.check, diagnosis.revision, diagnosis.head) == (
        "integrity_check", diagnosis.head, diagnosis.head)
    assert diagnosis.copies == ()
    assert doctor(path, restore=True).restored is None  # nothing to restore
    assert fingerprint(path) == before


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_damage_is_reported_and_nothing_written(reviewed: tuple[Path, str], tmp_path: Path,
                                                damage: str) -> None:
    path = _copy(reviewed, tmp_path)
    DAMAGES[damage](path)
    before = fingerprint(path)
    for full in (True, False):
        diagnosis = diagnose(path, full=full)
        assert not diagnosis.healthy
        assert diagnosis.problems[0].startswith(
            "is not a database SQLite recognises" if damage == "header" else
            "is damaged; SQLite found: ")
    assert fingerprint(path) == before


def test_the_copies_are_listed_newest_first_with_whether_each_is_good(
        reviewed: tuple[Path, str], tmp_path: Path) -> None:
    path = _copy(reviewed, tmp_path)
    oldest = _named_copy(path, "before-0004", "20240101T080000Z")
    damaged = _named_copy(path, "before-bundle-0a1b2c3d", "20250101T080000Z")
    damage_annotation_data(damaged)
    newest = _named_copy(path, "before-bundle-9f8e7d6c", "20260101T080000Z")
    diagnosis = diagnose(path)
    assert [(h.copy.path, h.copy.reason, h.good) for h in diagnosis.copies] == [
        (newest, "before merging a bundle", True),
        (damaged, "before merging a bundle", False),
        (oldest, "before upgrading to schema 0004", True)]
    assert diagnosis.copies[0].copy.made.isoformat() == "2026-01-01T08:00:00+00:00"
    assert diagnosis.copies[1].problem is not None
    assert diagnosis.copies[1].problem.startswith("is damaged")
    assert not list(tmp_path.glob("*.bak-wal")) and not list(tmp_path.glob("*.bak-shm"))


@pytest.mark.parametrize("damage", ["table_root", "header", "wal", "truncated"])
def test_restore_puts_back_the_newest_good_copy(reviewed: tuple[Path, str], tmp_path: Path,
                                                damage: str) -> None:
    path = _copy(reviewed, tmp_path)
    brief = reviewed[1]
    with Store(path) as store:
        annotations = len(list_annotations(store, brief))
    good = backup_copy(path, "before-bundle-1a2b3c4d")
    older = _named_copy(path, "before-0005", "20200101T000000Z")
    broken = _named_copy(path, "before-bundle-9f8e7d6c", "20991231T235959Z")
    damage_table_root(broken)
    DAMAGES[damage](path)
    damaged = fingerprint(path)

    diagnosis = doctor(path, restore=True)

    assert diagnosis.healthy and diagnosis.restored is not None
    assert diagnosis.restored.copy.path == good
    [aside, *sides] = diagnosis.restored.kept_aside
    assert aside.name.startswith(f"{path.name}.damaged-")
    assert fingerprint(aside)[0] == damaged[0]  # kept, byte for byte
    assert [p.name for p in sides] == ([f"{aside.name}-wal"] if damage == "wal" else [])
    if damage == "wal":
        assert fingerprint(aside)[1] == damaged[1]
    wal = Path(f"{path}-wal")  # nothing of the damaged file's WAL is left beside the copy
    assert not wal.exists() or wal.stat().st_size == 0
    assert good.exists() and older.exists() and broken.exists()
    with Store(path) as store:  # the data of the copy reads back
        assert [b.title for b in list_briefs(store)] == [TITLE]
        assert len(list_annotations(store, brief)) == annotations


def test_without_a_good_copy_nothing_is_changed(reviewed: tuple[Path, str],
                                                tmp_path: Path) -> None:
    path = _copy(reviewed, tmp_path)
    broken = _named_copy(path, "before-0005", "20250101T080000Z")
    damage_table_root(broken)
    damage_annotation_data(path)
    before = fingerprint(path)
    diagnosis = doctor(path, restore=True)
    assert diagnosis.restored is None and not diagnosis.healthy
    sentence = str(diagnosis.error())
    assert "\n" not in sentence
    assert sentence.startswith(f"{path} is damaged; SQLite found: ")
    assert sentence.endswith("; there is no good copy beside it to restore, so it was left "
                             "as it is")
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))
                  ) == sorted([path.name, broken.name])


def test_a_database_open_elsewhere_is_not_replaced(reviewed: tuple[Path, str],
                                                   tmp_path: Path) -> None:
    path = _copy(reviewed, tmp_path)
    backup_copy(path, "before-0005")
    damage_annotation_data(path)  # first: closing a file drops the process's locks on it
    before = fingerprint(path)
    connection = sqlite3.connect(path)  # an app that has it open (WAL: holds a lock)
    try:
        connection.execute("SELECT count(*) FROM reviewer").fetchone()
        with pytest.raises(StoreError, match="is open in another ReviewDesk window or "
                                             "command; close it"):
            doctor_in_another_process(path)
    finally:
        connection.close()
    assert fingerprint(path) == before
    assert not list(tmp_path.glob("*.damaged-*"))


def doctor_in_another_process(path: Path) -> None:
    """POSIX locks are per process: the doctor of another process sees the lock."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(path), "doctor",
                           "--restore"], capture_output=True, text=True, timeout=120)
    if done.returncode:
        raise StoreError(done.stderr.strip())


def test_a_missing_database_comes_back_from_its_copy(reviewed: tuple[Path, str],
                                                     tmp_path: Path) -> None:
    path = _copy(reviewed, tmp_path)
    good = backup_copy(path, "before-0005")
    path.unlink()
    diagnosis = diagnose(path)
    assert diagnosis.problems == (f"there is no database at {path}",)
    assert str(diagnosis.error()).startswith(
        f"there is no database at {path}; 'reviewdesk --db {path} doctor --restore' puts back "
        f"the newest good copy, {good.name}, made ")
    restored = doctor(path, restore=True)
    assert restored.healthy and restored.restored is not None
    assert restored.restored.kept_aside == ()


def test_rows_whose_references_are_gone_are_a_problem(reviewed: tuple[Path, str],
                                                      tmp_path: Path) -> None:
    path = _copy(reviewed, tmp_path)
    connection = sqlite3.connect(path)  # foreign keys off, as another tool might write
    [(annotations,)] = connection.execute("SELECT count(*) FROM annotation").fetchall()
    with connection:
        connection.execute("DELETE FROM reviewer")
    connection.close()
    diagnosis = diagnose(path)
    assert diagnosis.problems == (f"has {annotations} rows that refer to rows that do not "
                                  "exist (in annotation)",)
