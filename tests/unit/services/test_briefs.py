"""Importing briefs, listing them, and naming one by id, id prefix or title."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.errors import InputError, NotFoundError
from reviewdesk.services.briefs import import_files, list_briefs, load_brief, resolve_brief
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines


@pytest.fixture
def two_briefs(tmp_path: Path, brief_file: Path) -> list[Path]:
    other = tmp_path / "levels.md"
    other.write_text(brief_file.read_text("utf-8").replace(
        "Lake Corrin Fisheries Outlook", "Lake Corrin Water Levels"), "utf-8")
    return [brief_file, other]


def test_importing_stores_each_file_as_a_brief(store: Store, two_briefs: list[Path]) -> None:
    results = import_files(store, two_briefs)

    assert [r.title for r in results] == ["Lake Corrin Fisheries Outlook",
                                          "Lake Corrin Water Levels"]
    assert all(not r.already_imported and r.encoding == "utf-8" for r in results)
    listed = list_briefs(store)
    assert [s.id for s in listed] == [r.id for r in results]
    assert [s.annotation_count for s in listed] == [0, 0]


def test_the_same_file_twice_is_the_brief_already_stored(store: Store,
                                                          brief_file: Path) -> None:
    first = import_files(store, [brief_file])[0]
    again = import_files(store, [brief_file])[0]

    assert again.already_imported and again.id == first.id
    assert len(list_briefs(store)) == 1


def test_nothing_is_stored_when_one_file_cannot_be_read(store: Store, brief_file: Path,
                                                        tmp_path: Path) -> None:
    with pytest.raises(InputError):
        import_files(store, [brief_file, tmp_path / "missing.md"])
    with pytest.raises(InputError, match="at least one file"):
        import_files(store, [])
    assert list_briefs(store) == []


def test_a_brief_is_named_by_its_id_its_start_or_its_title(store: Store,
                                                           two_briefs: list[Path]) -> None:
    fisheries, levels = (r.id for r in import_files(store, two_briefs))
    with store.transaction() as tx:
        assert resolve_brief(tx, fisheries) == fisheries
        assert resolve_brief(tx, f" {fisheries[:8].upper()} ") == fisheries
        assert resolve_brief(tx, "lake corrin fisheries outlook") == fisheries
        assert resolve_brief(tx, "Lake Corrin W") == levels


@pytest.mark.parametrize(("reference", "error", "message"), [
    ("Lake Corrin", InputError, "names more than one brief"),
    ("Lake Ohrid", NotFoundError, "no brief 'Lake Ohrid'"),
    ("  ", InputError, "name a brief by its id"),
])
def test_a_name_that_fits_no_brief_or_several_is_refused(
        store: Store, two_briefs: list[Path], reference: str, error: type[Exception],
        message: str) -> None:
    import_files(store, two_briefs)
    with store.transaction() as tx, pytest.raises(error, match=message):
        resolve_brief(tx, reference)


def test_load_brief_reads_the_whole_brief_back(store: Store, brief_file: Path) -> None:
    stored = import_files(store, [brief_file])[0]
    brief = load_brief(store, "Lake Corrin")

    assert brief.id == stored.id
    assert len(brief.sections) == stored.sections and len(brief.blocks) == stored.blocks
    assert brief.text.startswith("Lake Corrin Fisheries Outlook\nIntroduction\n")
