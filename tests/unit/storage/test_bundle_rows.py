"""The bundle's rows as plain dicts: read by id (few ids in the query, many through a
temporary table), inserted, updated and deleted, with the count of changes."""

from __future__ import annotations

import pytest

from reviewdesk.storage.bundle_rows import SMALL_IN
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines


def _reviewers(count: int) -> list[dict[str, object]]:
    return [{"id": f"r{n:05}", "name": f"Reviewer {n}", "initials": "R", "public_key": None}
            for n in range(count)]


def test_rows_are_read_by_id_in_the_query_or_through_a_temporary_table(store: Store) -> None:
    many = _reviewers(SMALL_IN + 20)
    with store.transaction() as tx:
        rows = tx.bundle_rows
        rows.insert("reviewer", many)
        assert rows.where_in("reviewer", "id", ["r00001", "r00002", "nobody"]) == many[1:3]
        wanted = [row["id"] for row in many[5:]]
        assert len(rows.where_in("reviewer", "id", wanted)) == len(wanted)
        assert rows.pairs_where_in("reviewer", "id", "name", "id", wanted[:2]) == {
            "r00005": "Reviewer 5", "r00006": "Reviewer 6"}
        assert len(rows.pairs_where_in("reviewer", "id", "name", "id", wanted)) == len(wanted)
        assert len(rows.all("reviewer")) == len(many)


def test_writes_are_counted_and_existing_rows_left_alone(store: Store) -> None:
    with store.transaction() as tx:
        rows = tx.bundle_rows
        before = rows.changes()
        rows.insert("reviewer", _reviewers(3))
        rows.insert_new("reviewer", [{**_reviewers(1)[0], "name": "Someone else"}])
        rows.update("reviewer", "r00002", {"initials": "RR"})
        assert rows.delete("reviewer", ["r00000", "r00001", "nobody"]) == 2
        assert rows.all("reviewer") == [{**_reviewers(3)[2], "initials": "RR"}]
        assert rows.changes() - before == 3 + 1 + 2
