"""Ids found by their start, as a user types it: "%" and "_" are no wildcards."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.services.annotations import annotate
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines


def test_briefs_and_annotations_by_the_start_of_their_id(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text("# A brief\n\nThe council met twice in May.\n", encoding="utf-8")
    brief_id = import_files(store, [path])[0].id
    note = annotate(store, brief_id, "met twice", tag="Indicator", reviewer="Ana")
    with store.transaction() as tx:
        assert tx.briefs.ids_starting_with(brief_id[:6]) == [brief_id]
        assert tx.briefs.ids_starting_with(brief_id[:6].upper()) == [brief_id]
        assert tx.annotations.ids_starting_with(note.id[:6]) == [note.id]
        assert tx.annotations.ids_starting_with("") == [note.id]
        assert tx.annotations.ids_starting_with("%") == []
        assert tx.briefs.ids_starting_with("_") == []
