"""Searching every brief: hits grouped by brief, each with its marked snippet and the place
in the brief's text to open."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.errors import InputError
from reviewdesk.services.annotations import add_reply, annotate
from reviewdesk.services.briefs import import_files, load_brief
from reviewdesk.services.search import HitKind, Snippet, hit_count, search, snippet_of
from reviewdesk.services.versions import import_version
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines

SECOND = """\
# Upland Grazing Review

The commons of Brask were grazed by sheep until 2019.
Herders asked the council for a shared winter pasture.
"""


def test_hits_are_grouped_by_brief_with_their_places(store: Store, brief_file: Path,
                                                     tmp_path: Path) -> None:
    other = tmp_path / "upland.md"
    other.write_text(SECOND, encoding="utf-8")
    [lake, upland] = import_files(store, [brief_file, other])
    note = annotate(store, upland.id, "winter pasture", tag="Claim",
                    comment="Which council?", reviewer="Ines Duarte")
    add_reply(store, note.id, "The lake council, per the minutes", reviewer="Ines Duarte")

    results = search(store, "council")
    assert {r.brief_id for r in results} == {lake.id, upland.id}
    assert hit_count(results) == sum(len(r.hits) for r in results)
    by_id = {r.brief_id: r for r in results}
    kinds = sorted(hit.kind.value for hit in by_id[upland.id].hits)
    assert kinds == ["comment", "reply", "text"]
    text = load_brief(store, upland.id).text
    for hit in by_id[upland.id].hits:
        if hit.kind is HitKind.TEXT:
            assert text[hit.offset:hit.offset + 7] == "council"
        else:
            assert hit.offset == note.start
        start, end = hit.snippet.marks[0]
        assert hit.snippet.text[start:end].lower() == "council"
    assert by_id[upland.id].version is None


def test_every_text_hit_opens_at_its_match(store: Store, brief_file: Path) -> None:
    [lake] = import_files(store, [brief_file])
    text = load_brief(store, lake.id).text
    [result] = search(store, "patrol")
    assert [hit.kind for hit in result.hits] == [HitKind.TEXT] * len(result.hits)
    assert all(text[hit.offset:hit.offset + 6].lower() == "patrol" for hit in result.hits)


def test_a_title_hit_opens_at_the_start(store: Store, brief_file: Path) -> None:
    import_files(store, [brief_file])
    [result] = search(store, "fisheries outl")
    titles = [hit for hit in result.hits if hit.kind is HitKind.TITLE]
    assert [hit.offset for hit in titles] == [0]
    assert titles[0].snippet.marked("[", "]") == "Lake Corrin [Fisheries] [Outlook]"


def test_a_brief_with_versions_says_which_it_is(store: Store, brief_file: Path,
                                                tmp_path: Path) -> None:
    [first] = import_files(store, [brief_file])
    later = tmp_path / "lake-corrin-v2.md"
    later.write_text(brief_file.read_text(encoding="utf-8").replace(
        "six weeks", "eight weeks"), encoding="utf-8")
    second = import_version(store, later, first.id)
    versions = {r.brief_id: r.version for r in search(store, "weeks")}
    assert versions == {first.id: 1, second.id: 2}


def test_the_limit_counts_hits_over_every_brief(store: Store, brief_file: Path) -> None:
    import_files(store, [brief_file])
    assert hit_count(search(store, "the", limit=2)) == 2


def test_no_match_is_an_empty_list(store: Store, brief_file: Path) -> None:
    import_files(store, [brief_file])
    assert search(store, "quokka") == []


@pytest.mark.parametrize("query", ["", "   ", '"', "* ( )"])
def test_a_query_without_a_word_is_refused_in_one_sentence(store: Store, query: str) -> None:
    with pytest.raises(InputError, match=r"^give at least one word to search for$"):
        search(store, query)


def test_a_snippet_keeps_its_marks_once_white_space_is_tidied() -> None:
    snippet = snippet_of("…the \x02joint\x03\n\n \x02patrol\x03 left…")
    assert snippet == Snippet("…the joint patrol left…", ((5, 10), (11, 17)))
    assert snippet.marked("<", ">") == "…the <joint> <patrol> left…"
