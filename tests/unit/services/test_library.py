"""The library's entries: one per brief, newest version first, and a version's standing."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.errors import NotFoundError
from reviewdesk.services.briefs import import_files
from reviewdesk.services.library import library_entries, version_standing
from reviewdesk.services.versions import import_version
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines

TEXT = """\
# Allotment Waiting Lists

## Summary

Three hundred households wait for an allotment plot in the borough.
"""


def _versions(store: Store, tmp_path: Path, count: int) -> list[str]:
    ids = []
    for number in range(1, count + 1):
        path = tmp_path / f"allotments-{number}.md"
        path.write_text(TEXT + f"\nThe list was counted {number} times this year.\n",
                        encoding="utf-8")
        ids.append(import_files(store, [path])[0].id if number == 1
                   else import_version(store, path, ids[0]).id)
    return ids


def test_one_entry_per_brief(store: Store, tmp_path: Path) -> None:
    first, second, third = _versions(store, tmp_path, 3)
    [entry] = library_entries(store)
    assert entry.newest.id == third and entry.versions == 3
    assert [brief.version for brief in entry.older] == [2, 1]
    assert entry.ids == (third, second, first)


def test_a_version_s_standing(store: Store, tmp_path: Path) -> None:
    first, second = _versions(store, tmp_path, 2)
    older = version_standing(store, first)
    assert (older.version, older.newest_version, older.newest_id) == (1, 2, second)
    assert not older.is_newest and version_standing(store, second).is_newest
    with pytest.raises(NotFoundError):
        version_standing(store, "no-such-brief")


def test_an_empty_library(store: Store) -> None:
    assert library_entries(store) == []
