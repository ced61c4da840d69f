from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reviewdesk.errors import InputError
from reviewdesk.services.annotations import annotate, list_annotations
from reviewdesk.services.briefs import import_files
from reviewdesk.services.interchange import export_annotations, import_annotations
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines


@pytest.fixture
def brief_id(store: Store, brief_file: Path) -> str:
    return import_files(store, [brief_file])[0].id


def _add_reply(store: Store, annotation_id: str, text: str) -> None:
    from reviewdesk.domain.review import Reply
    from reviewdesk.services.reviewers import ensure_reviewer

    with store.transaction() as tx:
        author = ensure_reviewer(tx, "Bo Lind")
        tx.annotations.add_reply(Reply(annotation_id=annotation_id, reviewer_id=author.id,
                                       text=text))


def test_export_is_a_w3c_annotation_collection(store: Store, brief_id: str) -> None:
    note = annotate(store, brief_id, "first joint patrol", tag="Indicator › security",
                    comment="Date checked", reviewer="Ines Duarte")
    _add_reply(store, note.id, "Source?")
    data = export_annotations(store, brief_id)
    assert data["type"] == "AnnotationCollection"
    assert "http://www.w3.org/ns/anno.jsonld" in data["@context"]
    first, reply = data["first"]["items"]
    assert first["id"] == f"urn:uuid:{note.id}"
    assert first["motivation"] == "tagging"
    assert {"type": "TextualBody", "purpose": "tagging",
            "value": "Indicator › security"} in first["body"]
    selectors = {s["type"]: s for s in first["target"]["selector"]}
    assert selectors["TextQuoteSelector"]["exact"] == "first joint patrol"
    assert selectors["TextPositionSelector"] == {"type": "TextPositionSelector",
                                                 "start": note.start, "end": note.end}
    assert first["creator"]["name"] == "Ines Duarte"
    assert reply["motivation"] == "replying" and reply["target"] == first["id"]
    assert data["total"] == 2


def test_round_trip_into_another_store_and_idempotent(store: Store, brief_id: str,
                                                      brief_file: Path,
                                                      tmp_path: Path) -> None:
    note = annotate(store, brief_id, "perch", tag="Claim", comment="How many?",
                    reviewer="Ines Duarte")
    _add_reply(store, note.id, "About 40 tonnes.")
    exported = json.dumps(export_annotations(store, brief_id))
    with Store(tmp_path / "other.sqlite3") as other:
        other_brief = import_files(other, [brief_file])[0].id
        report = import_annotations(other, other_brief, exported)
        assert (report.added, report.replies_added, report.already_present) == (1, 1, 0)
        again = import_annotations(other, other_brief, exported)
        assert (again.added, again.replies_added, again.already_present) == (0, 0, 1)
        [copied] = list_annotations(other, other_brief)
    [original] = list_annotations(store, brief_id)
    assert copied.brief_id == other_brief
    assert replace(copied, brief_id=brief_id) == original


def test_annotations_from_another_tool_are_placed_by_quote(store: Store, brief_id: str) -> None:
    foreign = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://annotations.example.org/a/77",
        "creator": "acct:kim@example.org",
        "motivation": "commenting",
        "body": [{"type": "TextualBody", "value": "Is this the right port?"},
                 {"type": "TextualBody", "purpose": "tagging", "value": "Port calls"}],
        "target": {"source": "https://example.org/brief",
                   "selector": {"type": "TextQuoteSelector", "exact": "port of Alby",
                                "prefix": "left the ", "suffix": "."}},
    }
    report = import_annotations(store, brief_id, json.dumps(foreign))
    assert report.added == 1 and report.new_tags == ["Port calls"]
    [note] = list_annotations(store, brief_id)
    assert note.quote == "port of Alby" and note.comment == "Is this the right port?"
    assert note.reviewer == "kim@example.org" and note.tag == "Port calls"
    assert import_annotations(store, brief_id, json.dumps([foreign])).added == 0


def test_unplaceable_and_bad_files(store: Store, brief_id: str) -> None:
    missing = {"type": "Annotation", "id": "urn:uuid:5b0b1d0e-0d8e-4a8a-9c52-3c1a1f0f9e11",
               "body": "x", "target": {"selector": {"type": "TextQuoteSelector",
                                                    "exact": "no such words"}}}
    report = import_annotations(store, brief_id, json.dumps(missing))
    assert report.added == 0 and report.unplaced == ["no such words"]
    with pytest.raises(InputError, match="not JSON"):
        import_annotations(store, brief_id, "{oops")
    with pytest.raises(InputError, match="no W3C Web Annotation"):
        import_annotations(store, brief_id, json.dumps({"hello": 1}))
    assert list_annotations(store, brief_id) == []
