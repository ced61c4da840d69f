from __future__ import annotations

from reviewdesk.domain.brief import Block, BlockKind, BriefBuilder, SourceFormat
from reviewdesk.domain.reference_entries import split_references

P, L, F = BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.FOOTNOTE


def blocks(*items: tuple[BlockKind, str], page: int | None = None) -> list[Block]:
    builder = BriefBuilder()
    builder.heading("References", 1, "h")
    for number, (kind, text) in enumerate(items):
        builder.block(kind, text, f"p{number}", page=page)
    return builder.build("T", SourceFormat.DOCX).sections[0].blocks


def texts(found: list[Block]) -> list[str]:
    return [e.text for e in split_references(found)]


def test_a_paragraph_an_entry_and_a_url_on_the_next_paragraph_joins_the_one_above() -> None:
    found = blocks(
        (P, "Okafor, N. (2019). Reed beds. Delta Press."),
        (P, "Marsh Weekly. Retrieved May 3, 2022, from"),
        (P, "https://example.org/marsh/2022 /05/reeds."),
        (P, "Lindqvist, B. (2020). Dykes and polders. Polder Press."),
    )
    assert texts(found) == [
        "Okafor, N. (2019). Reed beds. Delta Press.",
        "Marsh Weekly. Retrieved May 3, 2022, from https://example.org/marsh/2022 /05/reeds.",
        "Lindqvist, B. (2020). Dykes and polders. Polder Press.",
    ]


def test_wrapped_pdf_lines_make_one_entry_until_the_next_starts() -> None:
    found = blocks(
        (P, "Junta Nacional del Agua (JNA). Informe sobre los humedales del"),
        (P, "Delta Norte. Asunción 2019."),
        (P, "Oficina del Lago. Plan de manejo de anguilas 2020-2030. Puerto"),
        (P, "2021."),
        (P, "Consejo de Cuencas. Las anguilas vuelven al delta."),
        (P, "Ministerio de Aguas (MA). Guía de riego para"),
        (P, "pequeños productores. Asunción 2018. Disponible en:"),
        (P, "https://example.org/riego.pdf"),
        page=9,
    )
    assert texts(found) == [
        "Junta Nacional del Agua (JNA). Informe sobre los humedales del Delta Norte. "
        "Asunción 2019.",
        "Oficina del Lago. Plan de manejo de anguilas 2020-2030. Puerto 2021.",
        "Consejo de Cuencas. Las anguilas vuelven al delta.",
        "Ministerio de Aguas (MA). Guía de riego para pequeños productores. Asunción 2018. "
        "Disponible en: https://example.org/riego.pdf",
    ]


def test_a_pdf_line_after_a_finished_entry_that_opens_like_one_is_new() -> None:
    found = blocks(
        (P, "Okafor, N. (2019). Reed beds and river towns"),
        (P, "Lindqvist, B. (2020). Dykes and polders."),
        page=3,
    )
    assert len(texts(found)) == 2


def test_word_paragraphs_are_not_joined_without_a_sign() -> None:
    found = blocks((P, "Lake Board, Annual eel count 2021, Table 4"),
                   (P, "Delta Trust, Reed survey 2020"))
    assert len(texts(found)) == 2
    hanging = blocks((P, "Lake Board, Annual eel count and"), (P, "Reed survey, 2021."))
    assert texts(hanging) == ["Lake Board, Annual eel count and Reed survey, 2021."]


def test_numbered_list_ends_at_unnumbered_text() -> None:
    found = blocks(
        (P, "[1] https://example.org/eels"),
        (P, "[2] Lake Board. Annual eel count. 2021."),
        (P, "Nadia Keller"),
        (P, "Student number 4471"),
    )
    entries = split_references(found)
    assert [e.text for e in entries] == ["[1] https://example.org/eels",
                                         "[2] Lake Board. Annual eel count. 2021."]
    assert [e.number for e in entries] == [1, 2]


def test_word_numbered_list_items_take_their_position_as_number() -> None:
    found = blocks((L, "Lake Board, Annual eel count, 2021."),
                   (L, "Delta Trust, Reed survey, 2020."),
                   (P, "Available: https://example.org/reeds"))
    entries = split_references(found)
    assert [e.number for e in entries] == [1, 2]
    assert entries[1].text.endswith("https://example.org/reeds")


def test_each_footnote_is_one_entry() -> None:
    found = blocks((F, "[1] Lake Board, Annual eel count, 2021."),
                   (F, "[2] See the count cited above and"), (F, "[3] Ibid."))
    assert [e.number for e in split_references(found)] == [1, 2, 3]


def test_a_paragraph_that_packs_entries_is_cut() -> None:
    found = blocks((P, "(1) Lake Board. Eels. 2021. (2) Delta Trust. Reeds. 2020. "
                       "(3) Marsh Guild. Dykes. 2019."))
    assert texts(found) == ["(1) Lake Board. Eels. 2021.", "(2) Delta Trust. Reeds. 2020.",
                            "(3) Marsh Guild. Dykes. 2019."]
    apa = blocks((P, "Okafor, N. A. (2019). Reeds. Delta Press. Lindqvist, B. (2020). "
                     "Dykes. Polder Press."))
    assert texts(apa) == ["Okafor, N. A. (2019). Reeds. Delta Press.",
                          "Lindqvist, B. (2020). Dykes. Polder Press."]


def test_a_sub_heading_ends_an_entry_and_the_list_goes_on() -> None:
    builder = BriefBuilder()
    builder.heading("Bibliography", 1, "h")
    builder.heading("Books", 2, "h2")
    builder.block(P, "Okafor, N. (2019). Reed beds. Delta Press and", "p1")
    builder.heading("Articles", 2, "h3")
    builder.block(P, "Lindqvist, B. (2020). Dykes. Polder Review, 3, 1-9.", "p2")
    brief = builder.build("T", SourceFormat.DOCX)
    found = [b for s in brief.sections for b in s.blocks]
    assert len(split_references(found)) == 2


def test_offsets_point_into_the_canonical_text() -> None:
    builder = BriefBuilder()
    builder.heading("References", 1, "h")
    builder.block(P, "Marsh Weekly. Retrieved May 3, 2022, from", "p1")
    builder.block(P, "https://example.org/reeds", "p2")
    brief = builder.build("T", SourceFormat.DOCX)
    [entry] = split_references(brief.sections[0].blocks)
    assert brief.text[entry.start:entry.end] == ("Marsh Weekly. Retrieved May 3, 2022, from\n"
                                                 "https://example.org/reeds")
    assert entry.block_id == brief.sections[0].blocks[1].id


def test_pdf_list_whose_entries_open_with_authors() -> None:
    found = blocks(
        (P, "Okafor, N., et B. Lindqvist (2019a). Reed beds and river towns."),
        (P, "In Delta Studies, Special issue on wetlands."),
        (P, "Okafor, N. (2019b). Dykes of the north. Delta Press."),
        (P, "Upper River, DL : Marsh House."),
        (P, "Ramos, P. (2020). Eels. In Lake Days, pp. 3–9."),
        (P, "Keller, N. (2021). Reeds again. Polder Press."),
        page=12,
    )
    assert [e.text.split(",")[0] for e in split_references(found)] == [
        "Okafor", "Okafor", "Ramos", "Keller"]


def test_pdf_names_and_year_on_one_line_and_the_title_on_the_next() -> None:
    found = blocks(
        (P, "Nneka Okafor, Bo Lindqvist, and Pia Ramos. 2019."),
        (P, "Reed beds and river towns. Delta Press."),
        (P, "Nadia Keller and Bo Lindqvist. 2020. Dykes of the"),
        (P, "north. In Wetlands Conference, pages 3–9."),
        (P, "Springer."),
        (P, "Pia Ramos, Nadia Keller, Bo Lindqvist, Nneka"),
        (P, "Okafor, and Ana Silva."),
        (P, "2021. Eels. Marsh Review, 4:1–9."),
        page=8,
    )
    assert [e.text for e in split_references(found)] == [
        "Nneka Okafor, Bo Lindqvist, and Pia Ramos. 2019. Reed beds and river towns. "
        "Delta Press.",
        "Nadia Keller and Bo Lindqvist. 2020. Dykes of the north. In Wetlands Conference, "
        "pages 3–9. Springer.",
        "Pia Ramos, Nadia Keller, Bo Lindqvist, Nneka Okafor, and Ana Silva. 2021. Eels. "
        "Marsh Review, 4:1–9.",
    ]
