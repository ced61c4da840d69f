from __future__ import annotations

import pytest

from reviewdesk.domain.brief import BlockKind, Brief, BriefBuilder, SourceFormat
from reviewdesk.domain.reference_lists import list_name, reference_lists

P, L, F = BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.FOOTNOTE
ENTRY = "Okafor, N. (2019). Reed beds and river towns. Delta Press."


def brief(*items: tuple[str, BlockKind | int, str]) -> Brief:
    """("h", level, text) for a heading, ("b", kind, text) for a block."""
    builder = BriefBuilder()
    for number, (what, kind, text) in enumerate(items):
        if what == "h":
            assert isinstance(kind, int)
            builder.heading(text, kind, f"h{number}")
        else:
            assert isinstance(kind, BlockKind)
            builder.block(kind, text, f"b{number}")
    return builder.build("Reeds", SourceFormat.DOCX)


def listed(found: Brief) -> list[list[str]]:
    return [[b.text for b in blocks if b.kind != BlockKind.HEADING]
            for blocks in reference_lists(found)]


@pytest.mark.parametrize("name", [
    "References", "REFERENCES:", "5. Bibliography", "Works Cited", "Selected references",
    "Список литературы", "Литература", "Источники", "منابع", "فهرست منابع", "منابع و مآخذ",
    "مآخذ", "المراجع", "المصادر", "Bibliographie", "Références", "Notes", "Bibliografía",
    "Referencias", "Fuentes", "Endnotes", "Sources", "Рӯйхати адабиёт", "پی‌نوشت‌ها",
])
def test_names_of_a_reference_list_in_six_languages(name: str) -> None:
    assert list_name(name) is not None


@pytest.mark.parametrize("name", ["Reed beds", "Sources of growth in the delta",
                                  "References to the past were frequent in the debate."])
def test_other_text_names_no_list(name: str) -> None:
    assert list_name(name) is None


@pytest.mark.parametrize("name", ["Bibliografía", "Список литературы", "منابع", "المراجع",
                                  "Bibliographie"])
def test_a_heading_that_names_the_list_in_any_language(name: str) -> None:
    found = brief(("h", 1, "Introduction"), ("b", P, "Text."), ("h", 1, name),
                  ("b", P, ENTRY), ("b", P, "Lindqvist, B. (2020). Dykes. Polder Press."))
    assert listed(found) == [[ENTRY, "Lindqvist, B. (2020). Dykes. Polder Press."]]


def test_a_plain_paragraph_that_names_the_list() -> None:
    found = brief(("b", P, "Reed beds are shrinking."), ("b", P, "BIBLIOGRAFÍA"),
                  ("b", P, ENTRY), ("b", P, "Trailing line"))
    assert listed(found) == [[ENTRY, "Trailing line"]]


def test_a_weak_name_needs_entries_under_it() -> None:
    prose = brief(("b", P, "Reeds."), ("b", P, "Sources"),
                  ("b", P, "The survey drew on three field seasons."))
    assert listed(prose) == []
    entries = brief(("b", P, "Reeds."), ("b", P, "Sources"), ("b", P, ENTRY))
    assert listed(entries) == [[ENTRY]]
    heading = brief(("h", 1, "Data sources"), ("b", P, "We used the census."))
    assert listed(heading) == []


def test_sub_sections_belong_to_the_list_but_an_annex_does_not() -> None:
    found = brief(("h", 1, "Références"), ("h", 2, "Ouvrages"), ("b", P, ENTRY),
                  ("h", 2, "Annexe 1"), ("b", P, "Tableau des prises."))
    assert listed(found) == [[ENTRY]]


def test_footnotes_are_the_list_when_there_is_no_other() -> None:
    found = brief(("b", P, "Reeds shrank.[1]"), ("b", F, "[1] Lake Board, count, 2021."),
                  ("b", P, "More.[2]"), ("b", F, "[2] https://example.org/eels"))
    assert listed(found) == [["[1] Lake Board, count, 2021.", "[2] https://example.org/eels"]]
    both = brief(("b", P, "Reeds shrank.[1]"), ("b", F, "[1] Okafor 2019, p. 4."),
                 ("h", 1, "References"), ("b", P, ENTRY))
    assert listed(both) == [[ENTRY]]


def test_entries_closing_the_document_without_a_heading() -> None:
    found = brief(("h", 1, "Proposal"), ("b", P, "The reeds should be protected."),
                  ("b", L, ENTRY), ("b", P, "Lindqvist, B. (2020). Dykes. Polder Press."),
                  ("b", P, "Page 4"))
    assert listed(found) == [[ENTRY, "Lindqvist, B. (2020). Dykes. Polder Press."]]


def test_a_brief_that_ends_in_prose_has_no_list() -> None:
    found = brief(("h", 1, "Conclusion"), ("b", P, "The reeds should be protected by 2030."),
                  ("b", P, "Contact: Nadia Keller, Delta Institute, 2024."))
    assert listed(found) == []


def test_a_list_after_a_plain_name_ends_where_prose_goes_on() -> None:
    prose = "The delta board went on counting eels every spring, " * 8
    found = brief(("b", P, "Reeds."), ("b", P, "Sources:"), ("b", P, ENTRY),
                  ("b", P, prose), ("b", P, "More prose."))
    assert listed(found) == [[ENTRY]]
