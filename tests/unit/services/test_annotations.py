from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.errors import InputError, NotFoundError
from reviewdesk.services.annotations import annotate, list_annotations
from reviewdesk.services.briefs import import_files, list_briefs, load_brief
from reviewdesk.services.reviewers import configured_reviewer, set_configured_reviewer
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines


@pytest.fixture
def brief_id(store: Store, brief_file: Path) -> str:
    return import_files(store, [brief_file])[0].id


def test_import_keeps_the_original_bytes_and_is_not_repeated(store: Store,
                                                             brief_file: Path) -> None:
    first = import_files(store, [brief_file])[0]
    again = import_files(store, [brief_file])[0]
    assert again.id == first.id and again.already_imported and not first.already_imported
    assert len(list_briefs(store)) == 1
    with store.transaction() as tx:
        source = tx.briefs.source(first.id)
    assert source is not None and source.data == brief_file.read_bytes()


def test_a_failing_file_imports_nothing(store: Store, brief_file: Path, tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    with pytest.raises(InputError, match="not a text file"):
        import_files(store, [brief_file, binary])
    assert list_briefs(store) == []


def test_annotate_anchors_on_the_nth_occurrence(store: Store, brief_id: str) -> None:
    brief = load_brief(store, brief_id)
    note = annotate(store, brief_id[:6], "council", tag="indicator › diplomatic", occurrence=2,
                    comment="  Which council? ", reviewer="Ines Duarte")
    positions = [i for i in range(len(brief.text)) if brief.text.startswith("council", i)]
    assert (note.start, note.end) == (positions[1], positions[1] + len("council"))
    assert note.quote == "council" and note.tag == "Indicator › diplomatic"
    assert note.comment == "Which council?" and note.reviewer == "Ines Duarte"
    assert note.initials == "ID" and note.status == "open"
    assert brief.text[note.start - len(note.prefix):note.start] == note.prefix
    assert [a.id for a in list_annotations(store, brief_id)] == [note.id]


def test_annotate_errors_are_clear(store: Store, brief_id: str) -> None:
    with pytest.raises(InputError, match="is not in the brief 'Lake Corrin Fisheries Outlook'"):
        annotate(store, brief_id, "a quote that is not there", tag="Claim")
    with pytest.raises(InputError, match="occurs only 2 times"):
        annotate(store, brief_id, "council", tag="Claim", occurrence=5)
    with pytest.raises(NotFoundError, match="no tag 'Rumour'"):
        annotate(store, brief_id, "council", tag="Rumour")
    with pytest.raises(NotFoundError, match="no brief 'zzzz'"):
        annotate(store, "zzzz", "council", tag="Claim")
    assert list_annotations(store, brief_id) == []


def test_reviewer_defaults(store: Store, brief_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    set_configured_reviewer(store, "  Amina   Rahimi ")
    assert configured_reviewer(store) == "Amina Rahimi"
    assert annotate(store, brief_id, "perch", tag="Claim").reviewer == "Amina Rahimi"
    monkeypatch.setenv("REVIEWDESK_REVIEWER", "Env Person")
    assert annotate(store, brief_id, "perch", tag="Claim").reviewer == "Env Person"
    assert annotate(store, brief_id, "perch", tag="Claim", reviewer="Flag").reviewer == "Flag"


def test_a_brief_can_be_named_by_its_title(store: Store, brief_id: str) -> None:
    assert load_brief(store, "lake corrin fisheries outlook").id == brief_id
    assert load_brief(store, "Lake Corrin").id == brief_id


def test_a_title_start_shared_by_two_briefs_is_refused(store: Store, brief_id: str,
                                                        tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text("# Lake Corrin Water Levels\n\nThe level fell in May.\n", encoding="utf-8")
    import_files(store, [other])
    with pytest.raises(InputError, match="names more than one brief"):
        load_brief(store, "Lake Corrin")
    assert load_brief(store, "lake corrin water levels").id != brief_id


def test_comments_in_the_source_become_annotations_by_their_authors(
        store: Store, brief_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    import reviewdesk.importers as importers
    from reviewdesk.domain.brief import SourceComment
    from reviewdesk.importers import BriefFile, read_brief_file

    def read_with_comments(path: Path) -> BriefFile:
        read = read_brief_file(path)
        brief = read.brief
        start = brief.text.index("shared quota")
        when = datetime(2025, 2, 3, 10, 30, tzinfo=UTC)
        brief.source_comments = [SourceComment(
            author="Nora Field", initials="NF", text="Which year?", start=start,
            end=start + len("shared quota"), date=when, resolved=True,
            replies=[SourceComment(author="Bo Lind", text="2024.", start=start, end=start)])]
        return read

    monkeypatch.setattr(importers, "read_brief_file", read_with_comments)
    [result] = import_files(store, [brief_file])
    assert result.comments == 1
    [note] = list_annotations(store, result.id)
    assert (note.quote, note.comment, note.reviewer, note.initials) == (
        "shared quota", "Which year?", "Nora Field", "NF")
    assert note.status == "resolved" and note.tag is None
    assert note.created == datetime(2025, 2, 3, 10, 30, tzinfo=UTC)
    assert [(r.reviewer, r.text) for r in note.replies] == [("Bo Lind", "2024.")]


def test_an_import_can_be_cancelled_before_anything_is_stored(store: Store,
                                                               brief_file: Path) -> None:
    from reviewdesk.services.briefs import ImportCancelled

    seen: list[tuple[int, int]] = []

    def stop_at_second(done: int, total: int, path: Path) -> bool:
        seen.append((done, total))
        return done < 1

    other = brief_file.with_name("other.md")
    other.write_text("# Other\n\nText.\n", encoding="utf-8")
    with pytest.raises(ImportCancelled, match="nothing was added"):
        import_files(store, [brief_file, other], progress=stop_at_second)
    assert seen == [(0, 2), (1, 2)] and list_briefs(store) == []
