from __future__ import annotations

import pytest

from reviewdesk.domain.citations import find_citations, match_citations
from reviewdesk.domain.references import citable_entry, parse_reference


def found(text: str, **flags: bool) -> list[tuple[str, str, str, str, tuple[int, ...]]]:
    citations = find_citations(text, **flags)
    assert all(text[c.start:c.end] == c.text for c in citations)
    return [(c.text, c.kind, c.source, c.year, c.numbers) for c in citations]


@pytest.mark.parametrize(("text", "source", "year"), [
    ("Reeds shrank (Okafor, 2019).", "Okafor", "2019"),
    ("Reeds shrank (Okafor 2019, p. 4).", "Okafor", "2019"),
    ("Reeds shrank (Okafor et al., 2019: 12).", "Okafor et al.", "2019"),
    ("Reeds shrank (Okafor & Lindqvist, 2019).", "Okafor & Lindqvist", "2019"),
    ("Reeds shrank (see Lake Board 2021a).", "Lake Board", "2021a"),
    ("Reeds shrank (OECD 2021b).", "OECD", "2021b"),
    ("Reeds shrank (Junta del Lago, s.f.).", "Junta del Lago", "s.f."),
    ("Тростник исчез (Петрова, 2019, с. 5).", "Петрова", "2019"),
    ("نیزارها کوچک شدند (احمدی، ۱۴۰۰).", "احمدی", "1400"),
    ("Okafor (2019) found that reeds shrank.", "Okafor", "2019"),
    ("Okafor et al. (2019) found that reeds shrank.", "Okafor et al.", "2019"),
    ("Okafor and Lindqvist (2019) found it.", "Okafor and Lindqvist", "2019"),
    ("as Okafor et al. 2019 found.", "Okafor et al.", "2019"),
])
def test_author_year_citations(text: str, source: str, year: str) -> None:
    [(_, _, found_source, found_year, _)] = found(text)
    assert (found_source, found_year) == (source, year)


def test_several_sources_and_years_in_one_bracket() -> None:
    assert [(s, y) for _, _, s, y, _ in found("Eels (Okafor 2019, 2020; Lake Board, n.d.).")] \
        == [("Okafor", "2019"), ("Okafor", "2020"), ("Lake Board", "n.d.")]


@pytest.mark.parametrize("text", [
    "Catches fell (March 2023).", "Catches fell (mid 2023).", "Catches fell (Hamal 1402).",
    "Catches fell (in 2023).", "Catches fell (fiscal 2023).", "It was 2023 (or 2024).",
])
def test_a_date_in_brackets_is_no_citation(text: str) -> None:
    assert found(text) == []


def test_numbers_in_every_form() -> None:
    assert [n for *_, n in found("Eels [1], [2, 4], [5–7] and [8-9].")] == [
        (1,), (2, 4), (5, 6, 7), (8, 9)]
    assert found("Eels rose (3).") == []
    assert [n for *_, n in found("Eels rose (3).", bracketed=True)] == [(3,)]
    assert found("Eels rose.² Then [iv].") == []
    assert [(k, n) for _, k, _, _, n in found("Eels rose.² Then [iv].", footnotes=True)] == [
        ("footnote", (2,)), ("footnote", (4,))]
    assert found("An area of 40 km² was flooded.", footnotes=True) == []


def test_a_name_alone_in_brackets_is_a_possible_citation() -> None:
    assert [(k, s) for _, k, s, _, _ in found("Water use falls (Okafor).")] == [
        ("name", "Okafor")]
    assert found("The board (WHO) met.") == []


ENTRIES = [
    "Okafor, N. (2019). Reed beds. Delta Press.",
    "Organisation for Eel Studies (OES). (2021a). Annual count. https://example.org/count",
    "Lake Board. (n.d.). Hatchery notes.",
    "Junta Nacional del Agua (JNA). Informe de humedales. Asunción 2020.",
    "احمدی، رضا (۱۴۰۰). نیزارها. تهران: نشر دلتا.",
]


def test_matching_by_author_word_acronym_and_year() -> None:
    entries = [citable_entry(parse_reference(t)) for t in ENTRIES]
    text = ("(Ókafor, 2019) (OES 2021a) (Lake Board, n.d.) (JNA, 2020) (احمدی، ۱۴۰۰) "
            "(Okafor, 2018) Okafor (2019) [3] [9]")
    cited, unmatched = match_citations(find_citations(text), entries)
    assert cited == {1, 2, 3, 4, 5}
    assert [c.text for c in unmatched] == ["Okafor, 2018", "[9]"]


def test_numbers_match_the_entries_own_numbers() -> None:
    entries = [citable_entry(parse_reference("[ii] Lake Board, count, 2021."), 2),
               citable_entry(parse_reference("[iii] Delta Trust, reeds, 2020."), 3)]
    cited, unmatched = match_citations(find_citations("Eels [iii] and [1].", footnotes=True),
                                       entries)
    assert cited == {2}
    assert [c.text for c in unmatched] == ["[1]"]


@pytest.mark.parametrize("text", [
    "Улов вырос (в 2020).", "Las capturas subieron (año 2020).", "ارتفع الصيد (عام 2007).",
    "صید بیشتر شد (در سال ۱۴۰۰).",
    "Catches rose (as the lake board and the delta trust said in their joint plan, 2020).",
])
def test_a_year_after_a_word_for_year_or_in_is_no_citation(text: str) -> None:
    assert found(text) == []


def test_numbers_with_a_page_or_semicolons() -> None:
    assert [n for *_, n in found("Угорь [1, с. 25], [2; 4], [3: 7], [5, p. 9].")] == [
        (1,), (2, 4), (3,), (5,)]
    assert [n for *_, n in found("صید [۲] و [۳، ص. ۴].")] == [(2,), (3,)]


def test_a_name_cut_by_a_hyphen_at_a_line_end_still_matches() -> None:
    entries = [citable_entry(parse_reference("Nneka Oka-for and Bo Lindqvist. 2019. Reeds."))]
    cited, _ = match_citations(find_citations("Eels (Okafor et al., 2019)."), entries)
    assert cited == {1}
