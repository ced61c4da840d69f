"""A Word file's pending tracked changes become pending suggestions by their authors when it
is imported, and go back to Word as the same tracked changes when it is exported."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree
from tests.support.word_changes import AUTHOR, BEFORE, CHANGES, W_NS, tracked_docx

from reviewdesk.domain.review import SuggestionStatus
from reviewdesk.errors import InputError
from reviewdesk.services.briefs import import_files, list_briefs, load_brief
from reviewdesk.services.export import ExportOptions, export_brief
from reviewdesk.services.tracking import decide_suggestion, suggest_edit, suggestion_views
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines

W = f"{{{W_NS}}}"


def test_the_changes_are_pending_suggestions_by_their_author(store: Store,
                                                             tmp_path: Path) -> None:
    [result] = import_files(store, [tracked_docx(tmp_path / "harbour.docx")])
    assert (result.suggestions, result.tracked_changes) == (3, 0)
    brief = load_brief(store, result.id)
    assert [block.text for block in brief.blocks] == list(BEFORE)
    views = suggestion_views(store, result.id)
    assert [(v.quote, v.replacement, v.reviewer, v.initials, v.status) for v in views] == [
        (quote, new, AUTHOR, "LP", SuggestionStatus.PENDING) for quote, new in CHANGES]
    assert {v.created for v in views} == {datetime(2026, 3, 4, 10, 15, tzinfo=UTC)}
    for view in views:  # each on its own paragraph's block
        block = next(b for b in brief.blocks if b.id == view.block_id)
        assert block.start <= view.start < view.end <= block.end


def test_an_import_that_fails_leaves_no_suggestion_and_no_author(store: Store,
                                                                 tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip at all")
    with pytest.raises(InputError):
        import_files(store, [tracked_docx(tmp_path / "harbour.docx"), broken])
    assert list_briefs(store) == []
    with store.transaction() as tx:
        assert tx.reviewers.by_name(AUTHOR) is None


def _tracked(path: Path) -> list[tuple[str, str, str]]:
    """(kind, author, text) of every tracked change in an exported document, in order."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return [(etree.QName(element).localname, element.get(f"{W}author", ""),
             "".join(t.text or "" for t in element.iter(f"{W}t", f"{W}delText")))
            for element in root.iter(f"{W}del", f"{W}ins")]


def test_exporting_writes_them_back_once_beside_the_reviewer_s_own(
        store: Store, tmp_path: Path) -> None:
    [result] = import_files(store, [tracked_docx(tmp_path / "harbour.docx")])
    text = load_brief(store, result.id).text
    start = text.index("winter")
    suggest_edit(store, result.id, start, start + len("winter"), "summer",
                 reviewer="Ines Duarte")
    accepted = suggestion_views(store, result.id)[0]
    decide_suggestion(store, accepted.id, SuggestionStatus.ACCEPTED)  # still proposed
    target = tmp_path / "out.docx"
    report = export_brief(store, result.id, target, ExportOptions(include_appendix=False))
    assert report.base == "original"
    assert _tracked(target) == [
        ("del", AUTHOR, "very "), ("ins", AUTHOR, " twice"), ("del", AUTHOR, "hourly"),
        ("ins", AUTHOR, "daily"), ("del", "Ines Duarte", "winter"),
        ("ins", "Ines Duarte", "summer")]
    assert report.tracked_changes == 2  # only Ines Duarte's are new to the document


def test_a_rejected_word_change_is_rejected_in_the_export(store: Store,
                                                          tmp_path: Path) -> None:
    [result] = import_files(store, [tracked_docx(tmp_path / "harbour.docx")])
    views = {view.replacement: view for view in suggestion_views(store, result.id)}
    decide_suggestion(store, views["daily"].id, SuggestionStatus.REJECTED)
    decide_suggestion(store, views["met twice"].id, SuggestionStatus.REJECTED)
    target = tmp_path / "out.docx"
    export_brief(store, result.id, target, ExportOptions(include_appendix=False))
    # "hourly" stays, "daily" and " twice" are gone; "very" is still a deletion.
    assert _tracked(target) == [("del", AUTHOR, "very ")]
    with zipfile.ZipFile(target) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    assert paragraphs[1:4] == ["The board met in May.", "Ferries run hourly in winter.",
                               "Nothing changed here."]
    # Read again, the file is the brief with its one pending change.
    again = import_files(store, [target])[0]
    assert again.merged_into == result.id
