"""Review decisions named as the command line names them (a brief and a number, an
annotation id start, a tag name) land in the store and its history as the app's do."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reviewdesk.domain.findings import RecommendationStatus, ReferenceCheck
from reviewdesk.errors import InputError
from reviewdesk.services.annotations import annotate, list_annotations
from reviewdesk.services.briefs import import_files
from reviewdesk.services.decisions import (
    brief_decisions,
    check_reference,
    decide_recommendation,
    delete_named_tag,
    edit_tag,
    link_claim,
    named_tag,
    set_resolved,
)
from reviewdesk.services.tracking import (
    recommendation_history,
    recommendations_of,
    references_of,
)
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines


@pytest.fixture
def brief_id(store: Store, brief_file: Path) -> str:
    return import_files(store, [brief_file])[0].id


def test_reference_number_is_the_tables(store: Store, brief_id: str) -> None:
    checked = check_reference(store, brief_id[:8], 2, "problem", "Only a title")
    [first, second] = [t.reference for t in references_of(store, brief_id)]
    assert checked.id == second.id and second.position == 1
    assert (second.check, second.note) == (ReferenceCheck.PROBLEM, "Only a title")
    assert first.check == ReferenceCheck.UNCHECKED


def test_recommendation_history_is_the_apps(store: Store, brief_id: str) -> None:
    after, added = decide_recommendation(store, brief_id, 2, reviewer="Ines Duarte",
                                         status="done", due="2026-05-31")
    assert (after.status, after.due) == (RecommendationStatus.DONE, date(2026, 5, 31))
    stored = recommendation_history(store, after.id)
    assert sorted((e.changed, e.new) for e in stored) == [("due", "2026-05-31"),
                                                          ("status", "done")]
    assert {e.id for e in stored} == {e.id for e in added}
    assert {e.id for e in brief_decisions(store, brief_id).history[after.id]} == \
        {e.id for e in added}
    assert {e.reviewer for e in added} == {"Ines Duarte"}


def test_refused_decisions_change_nothing(store: Store, brief_id: str) -> None:
    with pytest.raises(InputError, match="not a date"):
        decide_recommendation(store, brief_id, 1, status="accepted", due="31/05/2026")
    with pytest.raises(InputError, match="no recommendation 3"):
        decide_recommendation(store, brief_id, 3, status="accepted")
    [first, _] = [t.recommendation for t in recommendations_of(store, brief_id)]
    assert first.status == RecommendationStatus.PROPOSED
    assert recommendation_history(store, first.id) == []


def test_links_resolving_and_tags(store: Store, brief_id: str) -> None:
    note = annotate(store, brief_id, "first joint patrol", tag="Evidence")
    change = link_claim(store, note.id[:6], 1)
    assert change.linked and brief_decisions(store, brief_id).claims[change.target.id] == [
        note.id]
    assert set_resolved(store, note.id[:6]).status.value == "resolved"
    before, after = edit_tag(store, "evidence", colour="#00AA00", key=None)
    assert (before.colour != after.colour, after.colour, after.key) == (True, "#00aa00", None)
    with pytest.raises(InputError, match="used by 1 annotation on 1 brief"):
        delete_named_tag(store, "Evidence")
    assert named_tag(store, "Evidence").id == after.id
    tag, removed = delete_named_tag(store, "Evidence", with_annotations=True)
    assert tag.id == after.id and len(removed.annotations) == 1
    assert list_annotations(store, brief_id) == []
