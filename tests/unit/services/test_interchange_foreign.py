"""Importing annotations other tools wrote: several tagging bodies on one annotation, and
Hypothesis's API format (single annotations, search pages, replies)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reviewdesk.errors import InputError
from reviewdesk.services.annotations import list_annotations
from reviewdesk.services.briefs import import_files
from reviewdesk.services.interchange import import_annotations
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines


@pytest.fixture
def brief_id(store: Store, brief_file: Path) -> str:
    return import_files(store, [brief_file])[0].id


def _w3c(body: list[dict[str, Any]]) -> dict[str, Any]:
    return {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://notes.example/a/7",
            "type": "Annotation", "creator": {"type": "Person", "name": "Kofi Mensah"},
            "body": body,
            "target": {"source": "https://notes.example/brief",
                       "selector": {"type": "TextQuoteSelector", "exact": "second patrol boat",
                                    "prefix": "fund a ", "suffix": "."}}}


def _hypothesis(ident: str, **fields: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": ident, "created": "2025-05-06T09:10:11.000000+00:00",
        "updated": "2025-05-06T09:12:00.000000+00:00", "user": "acct:kmensah@hypothes.is",
        "uri": "https://notes.example/brief", "text": "", "tags": [],
        "target": [{"source": "https://notes.example/brief", "selector": [
            {"type": "TextQuoteSelector", "exact": "catch data", "prefix": "publish its ",
             "suffix": " every month"},
            {"type": "TextPositionSelector", "start": 900, "end": 910}]}]}
    item.update(fields)
    return item


def test_every_tagging_body_becomes_a_tag_on_the_same_place(store: Store,
                                                            brief_id: str) -> None:
    raw = json.dumps(_w3c([{"type": "TextualBody", "purpose": "tagging", "value": "Claim"},
                           {"type": "TextualBody", "purpose": "commenting",
                            "value": "Who pays for it?"},
                           {"type": "TextualBody", "purpose": "tagging", "value": "Risk"},
                           {"type": "TextualBody", "purpose": "tagging",
                            "value": "Costed later"}]))
    report = import_annotations(store, brief_id, raw)
    assert report.added == 3 and report.new_tags == ["Costed later"]
    notes = list_annotations(store, brief_id)
    assert sorted((n.tag, n.comment) for n in notes) == [
        ("Claim", "Who pays for it?"), ("Costed later", ""), ("Risk", "")]
    assert {(n.quote, n.start, n.reviewer) for n in notes} == {
        ("second patrol boat", notes[0].start, "Kofi Mensah")}
    again = import_annotations(store, brief_id, raw)
    assert (again.added, again.already_present) == (0, 3)


def test_a_hypothesis_annotation_brings_its_text_tags_and_user(store: Store,
                                                               brief_id: str) -> None:
    raw = json.dumps(_hypothesis("hYp0aB1c", text="Monthly is ambitious.",
                                 tags=["needs source", "Evidence"]))
    report = import_annotations(store, brief_id, raw)
    assert report.added == 2
    notes = {n.tag: n for n in list_annotations(store, brief_id)}
    # The tag the codebook knows carries the comment; the other tag is kept beside it.
    assert notes["Evidence"].comment == "Monthly is ambitious."
    assert notes["needs source"].comment == ""
    assert {n.reviewer for n in notes.values()} == {"kmensah"}
    assert {n.quote for n in notes.values()} == {"catch data"}


def test_a_hypothesis_search_page_with_a_reply(store: Store, brief_id: str) -> None:
    page = {"total": 3, "rows": [
        _hypothesis("root01", text="Which data?", tags=["Question"]),
        _hypothesis("reply01", text="Landings by port.", references=["root01"],
                    user="acct:ines@hypothes.is", target=[{"source": "https://x.example"}]),
        _hypothesis("reply02", text="And by species.", references=["root01", "reply01"],
                    target=[{"source": "https://x.example"}])]}
    report = import_annotations(store, brief_id, json.dumps(page))
    assert (report.added, report.replies_added) == (1, 2)
    (note,) = list_annotations(store, brief_id)
    assert (note.tag, note.comment, note.reviewer) == ("Question", "Which data?", "kmensah")
    assert [(r.reviewer, r.text) for r in note.replies] == [
        ("ines", "Landings by port."), ("kmensah", "And by species.")]


def test_an_object_with_nothing_to_import_is_refused(store: Store, brief_id: str) -> None:
    highlight = _hypothesis("hl01")  # a highlight: no text, no tags
    with pytest.raises(InputError, match="no tag, comment or reply"):
        import_annotations(store, brief_id, json.dumps(highlight))
    with pytest.raises(InputError, match="no tag, comment or reply"):
        import_annotations(store, brief_id, json.dumps(_w3c([])))
    assert list_annotations(store, brief_id) == []


def test_highlights_beside_notes_are_left_out_and_counted(store: Store, brief_id: str) -> None:
    page = {"total": 2, "rows": [_hypothesis("hl02"), _hypothesis("note02", text="Good.")]}
    report = import_annotations(store, brief_id, json.dumps(page))
    assert (report.added, report.nothing_to_import) == (1, 1)
    assert [n.comment for n in list_annotations(store, brief_id)] == ["Good."]
