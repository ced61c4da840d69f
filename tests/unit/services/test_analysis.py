"""What the brief's own text says about its review, read once for the suggestion cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.services.analysis import analyse
from reviewdesk.services.briefs import import_files, load_brief
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines


def test_the_analysis_finds_references_recommendations_and_dated_events(
        store: Store, brief_file: Path) -> None:
    brief_id = import_files(store, [brief_file])[0].id
    analysis = analyse(store, brief_id)

    assert [r.author for r in analysis.references] == ["Corrin Council",
                                                       "Alby Port Authority"]
    assert all(r.brief_id == brief_id for r in analysis.references)
    assert [r.text for r in analysis.recommendations] == [
        "The Corrin Council should publish its catch data every month.",
        "The port authority should fund a second patrol boat."]
    assert any("4 June 2024" in c.text for c in analysis.indicator_candidates)
    assert analysis.citations_without_reference == []


def test_a_brief_already_loaded_gives_the_same_analysis(store: Store,
                                                        brief_file: Path) -> None:
    brief_id = import_files(store, [brief_file])[0].id
    fresh = analyse(store, brief_id)
    loaded = analyse(store, brief_id, load_brief(store, brief_id))

    assert loaded.references == fresh.references
    assert loaded.indicator_candidates == fresh.indicator_candidates
    assert loaded.claim_support == fresh.claim_support
