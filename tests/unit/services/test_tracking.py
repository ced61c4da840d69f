from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reviewdesk.domain.findings import RecommendationStatus, ReferenceCheck
from reviewdesk.domain.review import SuggestionStatus
from reviewdesk.errors import InputError, NotFoundError
from reviewdesk.services.annotations import (
    add_reply,
    create_annotation,
    delete_annotation,
    list_annotations,
    restore_annotation,
    update_annotation,
)
from reviewdesk.services.briefs import import_files, load_brief
from reviewdesk.services.tracking import (
    decide_suggestion,
    link_claim,
    link_evidence,
    recommendation_history,
    recommendations_of,
    references_of,
    restore_suggestion,
    set_reference_check,
    suggest_edit,
    suggestion_views,
    suggestions_of,
    unlink_claim,
    update_recommendation,
    withdraw_suggestion,
)
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines


@pytest.fixture
def brief_id(store: Store, brief_file: Path) -> str:
    return import_files(store, [brief_file])[0].id


def _span(store: Store, brief_id: str, words: str) -> tuple[int, int]:
    start = load_brief(store, brief_id).text.index(words)
    return start, start + len(words)


def test_create_update_delete_and_restore(store: Store, brief_id: str) -> None:
    note = create_annotation(store, brief_id, *_span(store, brief_id, "first joint patrol"),
                             comment="When?", reviewer="Ines Duarte")
    assert note.quote == "first joint patrol" and note.tag is None
    before = update_annotation(store, note.id, comment="Which month?", status="resolved")
    assert before.comment == "When?"
    [changed] = list_annotations(store, brief_id)
    assert (changed.comment, changed.status) == ("Which month?", "resolved")
    add_reply(store, note.id, "June.", reviewer="Bo Lind")
    [reference] = [t.reference for t in references_of(store, brief_id)][:1]
    link_claim(store, note.id, reference.id)
    removed = delete_annotation(store, note.id)
    assert list_annotations(store, brief_id) == []
    assert references_of(store, brief_id)[0].claims == ()
    restore_annotation(store, removed)
    [back] = list_annotations(store, brief_id)
    assert (back.id, back.comment, back.status, back.start) == (
        note.id, "Which month?", "resolved", note.start)
    assert [r.text for r in back.replies] == ["June."]
    assert references_of(store, brief_id)[0].claims == (note.id,)


def test_selection_must_hold_words(store: Store, brief_id: str) -> None:
    with pytest.raises(InputError, match="select some words"):
        create_annotation(store, brief_id, 5, 5)
    with pytest.raises(InputError, match="select some words"):
        create_annotation(store, brief_id, 0, 10**7)


def test_reference_checks_and_claim_links(store: Store, brief_id: str) -> None:
    references = references_of(store, brief_id)
    assert [t.reference.check for t in references] == [ReferenceCheck.UNCHECKED] * 2
    first = references[0].reference
    before = set_reference_check(store, first.id, "verified", note="Checked the PDF")
    assert before.check == ReferenceCheck.UNCHECKED
    again = references_of(store, brief_id)[0].reference
    assert (again.check, again.note) == (ReferenceCheck.VERIFIED, "Checked the PDF")
    note = create_annotation(store, brief_id, *_span(store, brief_id, "shared quota"))
    link_claim(store, note.id, first.id)
    link_claim(store, note.id, first.id)  # twice is once
    assert references_of(store, brief_id)[0].claims == (note.id,)
    unlink_claim(store, note.id, first.id)
    assert references_of(store, brief_id)[0].claims == ()


def test_recommendation_fields_history_and_evidence(store: Store, brief_id: str) -> None:
    [first, _] = [t.recommendation for t in recommendations_of(store, brief_id)]
    assert first.status == RecommendationStatus.PROPOSED
    update_recommendation(store, first.id, status="accepted", owner="Port desk",
                          due="2025-03-31", reviewer="Ines Duarte")
    before = update_recommendation(store, first.id, status="done", reviewer="Ines Duarte")
    assert before.status == RecommendationStatus.ACCEPTED
    tracked = recommendations_of(store, brief_id)[0].recommendation
    assert (tracked.status, tracked.owner, tracked.due) == (
        RecommendationStatus.DONE, "Port desk", date(2025, 3, 31))
    history = [(e.changed, e.old, e.new) for e in recommendation_history(store, first.id)]
    assert history == [("status", "proposed", "accepted"), ("owner", "", "Port desk"),
                       ("due", "", "2025-03-31"), ("status", "accepted", "done")]
    with pytest.raises(InputError, match="not a date"):
        update_recommendation(store, first.id, due="next spring")
    with pytest.raises(InputError, match="no field 'colour'"):
        update_recommendation(store, first.id, colour="red")
    note = create_annotation(store, brief_id, *_span(store, brief_id, "catch data"))
    link_evidence(store, note.id, first.id)
    assert recommendations_of(store, brief_id)[0].evidence == (note.id,)


def test_suggested_edits(store: Store, brief_id: str) -> None:
    start, end = _span(store, brief_id, "six weeks")
    suggestion = suggest_edit(store, brief_id, start, end, "eight weeks", reviewer="Bo Lind")
    assert suggestion.anchor.quote.exact == "six weeks"
    assert suggestions_of(store, brief_id) == [suggestion]
    withdraw_suggestion(store, suggestion.id)
    assert suggestions_of(store, brief_id) == []
    restore_suggestion(store, suggestion)
    assert suggestions_of(store, brief_id) == [suggestion]
    text = load_brief(store, brief_id).text
    across = text.index("Introduction")
    with pytest.raises(InputError, match="inside a single paragraph"):
        suggest_edit(store, brief_id, across, across + 40, "x")
    with pytest.raises(InputError, match="same as the original"):
        suggest_edit(store, brief_id, start, end, "six weeks")


def test_deciding_a_suggested_edit(store: Store, brief_id: str) -> None:
    start, end = _span(store, brief_id, "six weeks")
    suggestion = suggest_edit(store, brief_id, start, end, "eight weeks", reviewer="Bo Lind")
    assert suggestion.status == SuggestionStatus.PENDING
    text = load_brief(store, brief_id).text
    assert decide_suggestion(store, suggestion.id, "accepted") == SuggestionStatus.PENDING
    [view] = suggestion_views(store, brief_id)
    assert (view.status, view.quote) == (SuggestionStatus.ACCEPTED, "six weeks")
    assert load_brief(store, brief_id).text == text  # deciding never rewrites the brief
    assert decide_suggestion(store, suggestion.id, SuggestionStatus.REJECTED) == \
        SuggestionStatus.ACCEPTED
    [stored] = suggestions_of(store, brief_id)
    assert stored.status == SuggestionStatus.REJECTED
    withdraw_suggestion(store, suggestion.id)
    restore_suggestion(store, stored)  # undoing a withdrawal keeps the decision
    assert suggestions_of(store, brief_id)[0].status == SuggestionStatus.REJECTED
    with pytest.raises(NotFoundError, match="no longer in the store"):
        decide_suggestion(store, "nothing-here", "accepted")
    with pytest.raises(ValueError):
        decide_suggestion(store, suggestion.id, "maybe")
