"""Version planning: a file with a stored brief's title and other text is planned as its
next version; the files are then stored as chosen, in one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.errors import InputError
from reviewdesk.services.briefs import ImportCancelled, ImportResult, import_files, list_briefs
from reviewdesk.services.version_plan import Choice, import_as_briefs, read_files, store_files
from reviewdesk.services.versions import VersionResult, versions_of
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines

FIRST = "# Canal Tolls Review\n\nThe toll on barges rose by a tenth in 2023.\n"
SECOND = "# Canal Tolls Review\n\nThe toll on barges rose by a fifth in 2024.\n"
THIRD = "# Canal  tolls review\n\nThe toll on barges fell again in 2025.\n"
OTHER = "# Bridge Repairs\n\nTwo bridges were closed for a month.\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def first_id(store: Store, tmp_path: Path) -> str:
    return import_files(store, [_write(tmp_path, "tolls.md", FIRST)])[0].id


def test_a_revision_is_planned_as_the_next_version(store: Store, tmp_path: Path,
                                                   first_id: str) -> None:
    revised = _write(tmp_path, "tolls-v2.md", SECOND)
    other = _write(tmp_path, "bridges.md", OTHER)
    planned = read_files(store, [revised, other])
    assert [(p.candidate_id, p.candidate_title, p.next_version, p.choice) for p in planned] \
        == [(first_id, "Canal Tolls Review", 2, Choice.VERSION),
            (None, "", 0, Choice.SEPARATE)]
    results = store_files(store, planned)
    assert isinstance(results[0], VersionResult) and results[0].version == 2
    assert isinstance(results[1], ImportResult) and results[1].encoding == "utf-8"
    assert [v.version for v in versions_of(store, first_id)] == [1, 2]


def test_two_revisions_in_one_open_are_numbered_in_turn(store: Store, tmp_path: Path,
                                                        first_id: str) -> None:
    """The title matches with its spaces and case ignored."""
    planned = read_files(store, [_write(tmp_path, "v2.md", SECOND),
                                 _write(tmp_path, "v3.md", THIRD)])
    assert [(p.candidate_id, p.next_version) for p in planned] == [(first_id, 2),
                                                                   (first_id, 3)]


def test_the_same_text_is_no_revision(store: Store, tmp_path: Path, first_id: str) -> None:
    planned = read_files(store, [_write(tmp_path, "copy.md", FIRST)])
    assert planned[0].candidate_id is None and planned[0].choice == Choice.SEPARATE


def test_a_separate_choice_stores_a_brief_of_its_own(store: Store, tmp_path: Path,
                                                     first_id: str) -> None:
    planned = read_files(store, [_write(tmp_path, "tolls-v2.md", SECOND)])
    planned[0].choice = Choice.SEPARATE
    result = store_files(store, planned)[0]
    assert isinstance(result, ImportResult) and result.id != first_id
    assert len(list_briefs(store)) == 2


def test_a_cancelled_read_stores_nothing(store: Store, tmp_path: Path, first_id: str) -> None:
    with pytest.raises(ImportCancelled):
        read_files(store, [_write(tmp_path, "tolls-v2.md", SECOND)],
                   progress=lambda _done, _total, _path: False)
    assert [b.id for b in list_briefs(store)] == [first_id]


def test_the_command_line_imports_briefs_with_their_plan(store: Store, tmp_path: Path,
                                                         first_id: str) -> None:
    """As import_files: each file a brief of its own, never linked unasked."""
    imported = import_as_briefs(store, [_write(tmp_path, "tolls-v2.md", SECOND),
                                        _write(tmp_path, "bridges.md", OTHER)])
    (revision, plan), (other, other_plan) = imported
    assert (plan.candidate_id, plan.candidate_title) == (first_id, "Canal Tolls Review")
    assert other_plan.candidate_id is None
    assert revision.id != first_id and not revision.already_imported
    assert revision.encoding == other.encoding == "utf-8"
    assert [v.version for v in versions_of(store, first_id)] == [1]
    assert len(list_briefs(store)) == 3
    with pytest.raises(InputError):
        import_as_briefs(store, [])
