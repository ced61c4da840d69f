from __future__ import annotations

from reviewdesk.domain.brief import BlockKind, BriefBuilder, SourceFormat
from reviewdesk.domain.references import (
    PartialDate,
    analyse_references,
    citable_entry,
    find_citations,
    match_citations,
    parse_reference,
    split_references,
)
from reviewdesk.importers.markdown import parse_markdown

BRIEF = """# Fisheries in the Lowland Delta

## Introduction

Catches fell sharply (Harbour Authority, 2022; Ostrava Institute, 2021). Others disagree
(Nobody, 2020). The 2019 survey was thin (Ostrava Institute n.d.).

## Indicators

New quotas were announced in March 2023 [4].

## References

- Harbour Authority. (2022, May 3). Catch statistics for the delta. Delta Review. https://example.org/catches
- Ostrava Institute. (2021). Inland fish stocks. doi:10.1234/abcd.5
- Harbour Authority. (2022, May 3). Same as above. Link
- Mirela Kovač, 'Quota politics', Coastal Affairs, 12 March 2024, [Link]
- Ostrava Institute. (n.d.). Hatchery notes. https://example.org/notes
"""


def test_entries_flags_and_duplicates() -> None:
    report = analyse_references(parse_markdown(BRIEF, "delta.md"))
    rows = [(e.index, e.author, e.date_text, e.url, e.flags, e.duplicate_of)
            for e in report.entries]
    assert rows == [
        (1, "Harbour Authority", "2022, May 3", "https://example.org/catches", (), None),
        (2, "Ostrava Institute", "2021", "https://doi.org/10.1234/abcd.5", (), None),
        (3, "Harbour Authority", "2022, May 3", "", ("missing_url", "duplicate"), 1),
        (4, "Mirela Kovač", "12 March 2024", "", ("missing_url",), None),
        (5, "Ostrava Institute", "n.d.", "https://example.org/notes", ("missing_date",), None),
    ]
    assert report.entries[0].title == "Catch statistics for the delta"
    assert report.entries[0].container == "Delta Review"
    assert report.entries[3].title == "Quota politics"
    assert report.entries[3].container == "Coastal Affairs"
    assert report.citations_without_reference == ["Nobody, 2020"]


def test_not_cited_only_when_the_brief_cites() -> None:
    cited = BRIEF.replace("[4]", "")
    report = analyse_references(parse_markdown(cited, "delta.md"))
    # Entry 3 repeats entry 1, so "(Harbour Authority, 2022)" points at both.
    assert [e.index for e in report.entries if "not_cited" in e.flags] == [4]
    uncited = parse_markdown("# T\n\n## Introduction\n\nPlain text.\n\n## References\n\n"
                             "- Someone. (2020). A title. Link\n", "t.md")
    [entry] = analyse_references(uncited).entries
    assert entry.flags == ("missing_url",)


def test_ibid_points_to_the_entry_before() -> None:
    text = ("# T\n\n## Sources\n\n1. Lena Varga, 'Reeds', Marsh Journal, 2020, "
            "https://example.org/r\n2. Ibid.\n")
    report = analyse_references(parse_markdown(text, "t.md"))
    assert [(e.flags, e.duplicate_of) for e in report.entries] == [
        ((), None), (("missing_url", "missing_date", "duplicate"), 1)]


def test_packed_paragraph_is_split() -> None:
    builder = BriefBuilder()
    builder.heading("References", 1, "line:1")
    builder.block(BlockKind.PARAGRAPH, "[1] Alpha Group. (2020). One. Link [2] Beta Office. "
                  "(2021). Two. Link [3] Gamma. (2022). Three.", "line:2")
    brief = builder.build("T", SourceFormat.TEXT)
    entries = split_references(brief.sections[0].blocks)
    assert [e.text for e in entries] == ["[1] Alpha Group. (2020). One. Link",
                                         "[2] Beta Office. (2021). Two. Link",
                                         "[3] Gamma. (2022). Three."]
    assert all(brief.text[e.start:e.end] == e.text for e in entries)
    apa = BriefBuilder()
    apa.heading("References", 1, "line:1")
    apa.block(BlockKind.PARAGRAPH, "Alpha Group. (2020). One. Link Beta Office. (2021). Two.",
              "line:2")
    packed = apa.build("T", SourceFormat.TEXT)
    assert [e.text for e in split_references(packed.sections[0].blocks)] == [
        "Alpha Group. (2020). One. Link", "Beta Office. (2021). Two."]


def test_parse_reference_forms() -> None:
    apa = parse_reference("River Trust. (2024, October 24). Where the eels went. Link")
    assert (apa.author, apa.date, apa.title, apa.url) == (
        "River Trust", PartialDate(2024, 10, 24), "Where the eels went", "")
    numbered = parse_reference("[3] River Trust. (2023, June). Silt. Available here")
    assert (numbered.author, numbered.date, numbered.url) == ("River Trust",
                                                             PartialDate(2023, 6), "")
    chicago = parse_reference("Ana Petrova, “Salt and Sand,” Shore Weekly, 12 March 2024, "
                              "https://example.org/salt.")
    assert (chicago.author, chicago.title, chicago.container, chicago.date_text, chicago.url) == (
        "Ana Petrova", "Salt and Sand", "Shore Weekly", "12 March 2024",
        "https://example.org/salt")
    undated = parse_reference("River Trust. (n.d.). Notes. link")
    assert (undated.date, undated.date_text, undated.url) == (None, "n.d.", "")


def test_find_citations() -> None:
    text = "Fish (Lake Board, 2024; Ríos 2023) and [3, 5], [3–5] in Hamal (Hamal 1402) (UN, n.d.)."
    found = [(c.text, c.kind, c.source, c.year, c.numbers) for c in find_citations(text)]
    assert found == [
        ("Lake Board, 2024", "author_year", "Lake Board", "2024", ()),
        ("Ríos 2023", "author_year", "Ríos", "2023", ()),
        ("[3, 5]", "numeric", "", "", (3, 5)),
        ("[3–5]", "numeric", "", "", (3, 4, 5)),
        ("UN, n.d.", "author_year", "UN", "n.d.", ()),
    ]
    assert all(text[c.start:c.end] == c.text for c in find_citations(text))
    assert [c.numbers for c in find_citations("as shown.² And here", footnotes=True)] == [(2,)]
    assert find_citations("as shown.² And here") == []


def test_match_citations_by_word_accent_and_year() -> None:
    refs = [citable_entry(parse_reference("The Rios Council. (2023). Water. Link")),
            citable_entry(parse_reference("Lake Board. (2024). Fish. Link"))]
    citations = find_citations("(Ríos, 2023) (Lake, 2023) [2] [7]")
    cited, unmatched = match_citations(citations, refs)
    assert cited == {1, 2}
    assert [c.text for c in unmatched] == ["Lake, 2023", "[7]"]


def test_a_link_placeholder_with_a_hyperlink_behind_it_has_a_url() -> None:
    from reviewdesk.domain.brief import BlockKind, BriefBuilder, Link, SourceFormat
    from reviewdesk.domain.references import analyse_references

    builder = BriefBuilder()
    builder.heading("References", 1, "p0")
    linked = "Harbour Office. (2024, May 2). New tariffs. Link"
    builder.block(BlockKind.LIST_ITEM, linked, "p1",
                  links=(Link(len(linked) - 4, len(linked), "https://example.org/tariffs"),))
    builder.block(BlockKind.LIST_ITEM, "Dock Union. (2023, June 1). Strike notes. Link", "p2")
    builder.block(BlockKind.LIST_ITEM, "Pilot Guild. (2022). Channel depths. Link", "p3",
                  links=(Link(37, 41, "#section-2"),))
    entries = analyse_references(builder.build("Ports", SourceFormat.DOCX)).entries
    assert entries[0].url == "https://example.org/tariffs"
    assert "missing_url" not in entries[0].flags
    assert entries[1].url == "" and "missing_url" in entries[1].flags
    assert entries[2].url == "" and "missing_url" in entries[2].flags
