"""Tests for the plain-text importer: layout-only headings, paragraphs and lists."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reviewdesk.domain.brief import BlockKind, Brief, SourceFormat
from reviewdesk.domain.sections import SectionKind
from reviewdesk.importers.text import parse_text, title_from_filename

SHARED_BRIEF = (
    Path(__file__).resolve().parents[3].parent / "shared" / "briefs"
    / "csrs-tajikistan-policy-shift.txt"
)

ONE_LINE_PER_PARAGRAPH = """\
By: Institute for Imaginary Affairs
Note: A made-up brief for testing.
_______________________________
Contents:
-
- Background
- Outlook
_______________________________
Background
Veloria and Ostravia share the Sarn River, and for years they shared little else.
Drivers of Change
Several things pushed the two sides together:
- Three Dry Summers
Drought lowered the reservoir and hurt farmers on both banks.
- Debt from the Koval Dam
The dam loans assumed electricity sales that never came.
Outlook
Cooperation is likely to deepen, though slowly.
Recommendations
The following steps are proposed:
- The Ministry of Water should publish release data every day.
- The Basin Commission should meet twice a year.
References
- Veloria Water Agency. (2024, March 4). Release figures. https://example.org/a
- Ostravia Courier. (n.d.). Talks resume. https://example.com/b
"""


def _check_offsets(brief: Brief) -> None:
    for block in brief.blocks:
        assert brief.text[block.start:block.end] == block.text


def _wrapped(paragraph: str) -> str:
    return textwrap.fill(" ".join(paragraph.split()), width=60)


def test_one_line_per_paragraph_sections_and_kinds() -> None:
    brief = parse_text(ONE_LINE_PER_PARAGRAPH, "veloria-brief.txt")
    _check_offsets(brief)
    assert brief.source_format is SourceFormat.TEXT
    assert brief.source is None
    titled = [(s.title, s.kind, s.level) for s in brief.sections if s.title]
    assert titled == [
        ("Background", SectionKind.INTRODUCTION, 1),
        ("Drivers of Change", SectionKind.REASONS, 1),
        ("Three Dry Summers", SectionKind.REASONS, 2),
        ("Debt from the Koval Dam", SectionKind.REASONS, 2),
        ("Outlook", SectionKind.PROSPECTS, 1),
        ("Recommendations", SectionKind.RECOMMENDATIONS, 1),
        ("References", SectionKind.REFERENCES, 1),
    ]


def test_front_matter_lines_and_table_of_contents() -> None:
    brief = parse_text(ONE_LINE_PER_PARAGRAPH, "veloria-brief.txt")
    front = brief.sections[0]
    assert front.title == ""
    assert [(b.kind, b.text) for b in front.blocks] == [
        (BlockKind.PARAGRAPH, "By: Institute for Imaginary Affairs"),
        (BlockKind.PARAGRAPH, "Note: A made-up brief for testing."),
        (BlockKind.PARAGRAPH, "Contents:"),
        (BlockKind.LIST_ITEM, "Background"),
        (BlockKind.LIST_ITEM, "Outlook"),
    ]
    assert "____" not in brief.text


def test_list_items_and_locators() -> None:
    brief = parse_text(ONE_LINE_PER_PARAGRAPH, "veloria-brief.txt")
    by_title = {s.title: s for s in brief.sections}
    items = [b for b in by_title["Recommendations"].blocks if b.kind is BlockKind.LIST_ITEM]
    assert [b.text[:16] for b in items] == ["The Ministry of ", "The Basin Commis"]
    assert [b.locator for b in items] == ["line:21", "line:22"]
    assert all(b.level == 1 for b in items)
    refs = [b for b in by_title["References"].blocks if b.kind is BlockKind.LIST_ITEM]
    assert len(refs) == 2


def test_title_from_label_line_falls_back_to_filename() -> None:
    brief = parse_text(ONE_LINE_PER_PARAGRAPH, "veloria-water_brief.txt")
    assert brief.title == "Veloria water brief"


@pytest.mark.parametrize(
    ("filename", "title"),
    [
        ("csrs-tajikistan-policy-shift.txt", "Csrs tajikistan policy shift"),
        ("my_brief.v2.txt", "My brief v2"),
        ("notes", "Notes"),
        ("---.txt", "Untitled brief"),
    ],
)
def test_title_from_filename(filename: str, title: str) -> None:
    assert title_from_filename(filename) == title


def test_title_like_first_line_is_level_zero_heading() -> None:
    text = "The Sarn River Accord Revisited\nIntroduction\nThe accord lapsed in 2018.\n"
    brief = parse_text(text, "x.txt")
    assert brief.title == "The Sarn River Accord Revisited"
    first = brief.blocks[0]
    assert (first.kind, first.level, first.locator) == (BlockKind.HEADING, 0, "line:1")
    assert brief.sections[1].kind is SectionKind.INTRODUCTION


def test_known_section_name_is_not_the_title() -> None:
    brief = parse_text("Introduction\nThe accord lapsed in 2018.\n", "sarn-notes.txt")
    assert brief.title == "Sarn notes"
    assert brief.sections[0].kind is SectionKind.INTRODUCTION
    assert brief.blocks[0].level == 1


def test_wrapped_paragraphs_are_joined() -> None:
    first = (
        "The Sarn River rises in the Veloria highlands and crosses the plateau around Dresk "
        "before it flows for almost three hundred kilometres through Ostravian farmland."
    )
    second = (
        "Successive governments defended that position firmly and declined to renew the "
        "accord when it lapsed, refusing to share gauge data with engineers downstream."
    )
    text = f"SARN RIVER NOTES\n\nBackground\n\n{_wrapped(first)}\n\n{_wrapped(second)}\n"
    brief = parse_text(text, "x.txt")
    _check_offsets(brief)
    paragraphs = [b for b in brief.blocks if b.kind is BlockKind.PARAGRAPH]
    assert [b.text for b in paragraphs] == [first, second]
    assert paragraphs[0].locator == "lines:5-7"
    assert brief.title == "SARN RIVER NOTES"


def test_wrapped_text_splits_short_lines_and_list_items() -> None:
    body = (
        "Releases from the Koval Dam fell by a third in the spring, and farmers in the lower "
        "valley felt the change within a week of the new schedule."
    )
    item = (
        "The Ministry of Water should publish the daily release data from every gauge on "
        "the river and keep the archive online."
    )
    text = (
        f"Indicators\n{_wrapped(body)}\n\nRecommendations\n\n"
        f"- {_wrapped(item)}\n- The Commission should meet twice a year.\n"
    )
    brief = parse_text(text, "x.txt")
    _check_offsets(brief)
    kinds = [(b.kind, b.text) for b in brief.blocks]
    assert kinds == [
        (BlockKind.HEADING, "Indicators"),
        (BlockKind.PARAGRAPH, body),
        (BlockKind.HEADING, "Recommendations"),
        (BlockKind.LIST_ITEM, item),
        (BlockKind.LIST_ITEM, "The Commission should meet twice a year."),
    ]


def test_hyphenated_line_break_keeps_the_word() -> None:
    text = (
        "Background\n\n"
        "The two governments signed a water-\nsharing accord in 1998 and let it lapse in 2018\n"
        "when the dam was finished.\n"
    )
    brief = parse_text(text, "x.txt")
    assert "water-sharing accord" in brief.blocks[1].text


def test_numbered_headings_set_the_level() -> None:
    text = (
        "1. Introduction\n1.1 Background\nThe accord lapsed in 2018.\n"
        "2.1.3 Causes of the Drought\nRain failed three years running.\n"
        "IV. Outlook\nCooperation may deepen.\n"
    )
    brief = parse_text(text, "x.txt")
    headings = [(b.text, b.level) for b in brief.blocks if b.kind is BlockKind.HEADING]
    assert headings == [
        ("1. Introduction", 1), ("1.1 Background", 2), ("2.1.3 Causes of the Drought", 3),
        ("IV. Outlook", 1),
    ]
    assert [s.kind for s in brief.sections][-1] is SectionKind.PROSPECTS


def test_short_list_ending_before_a_paragraph_stays_a_list() -> None:
    text = "Priorities:\n1. Water\n2. Energy\n3. Food\nThese three are linked.\n"
    brief = parse_text(text, "x.txt")
    kinds = [b.kind for b in brief.blocks]
    assert kinds == [BlockKind.PARAGRAPH] + [BlockKind.LIST_ITEM] * 3 + [BlockKind.PARAGRAPH]


def test_all_caps_and_setext_headings() -> None:
    text = (
        "Sarn Notes\n==========\nPART ONE\nINDICATORS\nReleases fell in 2024.\n"
        "Why It Changed\n--------------\nDrought and debt.\n"
    )
    brief = parse_text(text, "x.txt")
    _check_offsets(brief)
    headings = [(b.text, b.level, b.locator) for b in brief.blocks if b.kind is BlockKind.HEADING]
    assert headings == [
        ("Sarn Notes", 0, "lines:1-2"),
        ("PART ONE", 1, "line:3"),
        ("INDICATORS", 1, "line:4"),
        ("Why It Changed", 2, "lines:6-7"),
    ]
    assert "=====" not in brief.text and "-----" not in brief.text


def test_sentences_and_trailing_short_lines_are_paragraphs() -> None:
    text = (
        "Background\nThe accord lapsed.\nBy: Someone Important\nToo late to matter\n"
    )
    brief = parse_text(text, "x.txt")
    assert [b.kind for b in brief.blocks] == [BlockKind.HEADING] + [BlockKind.PARAGRAPH] * 3


def test_blank_and_whitespace_text_gives_no_blocks() -> None:
    assert parse_text("", "x.txt").blocks == []
    assert parse_text(" \n\t\n-\n-----\n", "x.txt").blocks == []


def test_crlf_free_text_and_inner_whitespace_is_folded() -> None:
    brief = parse_text("Background\nThe   accord\tlapsed in 2018.\n", "x.txt")
    assert brief.blocks[1].text == "The accord lapsed in 2018."
    assert brief.text == "Background\nThe accord lapsed in 2018."


def test_a_million_characters_parse_into_sections() -> None:
    paragraph = _wrapped(
        "The basin commission reported that releases from the dam were lower than planned "
        "and that farmers downstream had asked for an emergency meeting. "
    )
    chunk = f"Section Heading\n\n{paragraph}\n\n- A list item that says something.\n\n"
    text = chunk * (1_000_000 // len(chunk) + 1)
    brief = parse_text(text, "big.txt")
    assert len(text) >= 1_000_000
    assert len(brief.sections) > 1000


@pytest.mark.shared
def test_shared_brief_sections() -> None:
    if not SHARED_BRIEF.is_file():
        pytest.skip("../shared is not available")
    brief = parse_text(SHARED_BRIEF.read_text(encoding="utf-8"), SHARED_BRIEF.name)
    _check_offsets(brief)
    # The title comes from the "In this issue" contents list, whose other items are headings.
    assert brief.title.startswith("The Shift in Tajikistan")
    kinds = [s.kind for s in brief.sections if s.level <= 1 and s.kind is not SectionKind.OTHER]
    assert kinds == [
        SectionKind.INTRODUCTION, SectionKind.INDICATORS, SectionKind.REASONS,
        SectionKind.PROSPECTS, SectionKind.CONCLUSION, SectionKind.RECOMMENDATIONS,
        SectionKind.REFERENCES,
    ]
    reasons_at = next(i for i, s in enumerate(brief.sections) if s.kind is SectionKind.REASONS)
    subsections = brief.sections[reasons_at + 1:reasons_at + 7]
    assert [s.level for s in subsections] == [2] * 6
    assert all(s.blocks[0].kind is BlockKind.HEADING for s in subsections)
    assert {s.kind for s in subsections} == {SectionKind.REASONS}
    assert brief.sections[reasons_at + 7].kind is SectionKind.PROSPECTS
    by_kind = {s.kind: s for s in brief.sections}
    for kind, count in ((SectionKind.RECOMMENDATIONS, 4), (SectionKind.REFERENCES, 9)):
        items = [b for b in by_kind[kind].blocks if b.kind is BlockKind.LIST_ITEM]
        assert len(items) == count


def _links(brief: Brief) -> list[tuple[str, str, str]]:
    """(block text, link text, url) for every link, checked to lie inside its block."""
    found = []
    for block in brief.blocks:
        for link in block.links:
            assert 0 <= link.start < link.end <= len(block.text)
            found.append((block.text, block.text[link.start:link.end], link.url))
    return found


def test_bare_web_addresses_become_links() -> None:
    text = (
        "Lighthouse Review\n\n"
        "Sources\n\n"
        "- Beacon Trust. (2019).   Lamp\tsurvey. https://beacon.example/lamps?id=7.\n"
        "- Keeper notes (see www.keepers.example/log_(old)), and http://a.example/x, too.\n"
        "- No address here: http:// or mailto:keeper.\n"
    )
    brief = parse_text(text, "lights.txt")
    _check_offsets(brief)
    assert _links(brief) == [
        ("Beacon Trust. (2019). Lamp survey. https://beacon.example/lamps?id=7.",
         "https://beacon.example/lamps?id=7", "https://beacon.example/lamps?id=7"),
        ("Keeper notes (see www.keepers.example/log_(old)), and http://a.example/x, too.",
         "www.keepers.example/log_(old)", "www.keepers.example/log_(old)"),
        ("Keeper notes (see www.keepers.example/log_(old)), and http://a.example/x, too.",
         "http://a.example/x", "http://a.example/x"),
    ]


# --- Files in other encodings (decoding itself: test_encoding.py) ---------------------------

_LAKE_NOTES = ("Notes on Lake Veloria\n\nThe café by the pier reopened; its owner, Zoë, "
               "said the perch season—short as it was—went “better than feared”.\n")


@pytest.mark.parametrize(("text", "codec", "named"), [
    (_LAKE_NOTES, "utf-8", "utf-8"),
    (_LAKE_NOTES, "cp1252", "windows-1252"),
    ("Заметки об озере\n\nКафе у причала снова открылось, и сезон окуня прошёл лучше, чем "
     "ожидали.\n", "cp1251", "windows-1251"),
    ("يادداشت درياچه\n\nکافه کنار اسکله دوباره باز شد و فصل صيد بهتر از انتظار گذشت و "
     "ماهيگيران راضي بودند.\n", "cp1256", "windows-1256"),
], ids=["utf8", "cp1252", "cp1251", "cp1256"])
def test_a_text_file_keeps_its_bytes_and_names_its_encoding(tmp_path: Path, text: str,
                                                            codec: str, named: str) -> None:
    from reviewdesk.importers import read_brief_file

    path = tmp_path / "notes.txt"
    path.write_bytes(text.encode(codec))
    read = read_brief_file(path)
    assert read.encoding == named
    assert read.brief.text == "\n".join(line for line in text.splitlines() if line)
    assert read.brief.source is not None and read.brief.source.data == text.encode(codec)


def test_utf8_text_with_one_latin1_byte_is_refused_not_mojibake(tmp_path: Path) -> None:
    from reviewdesk.errors import InputError
    from reviewdesk.importers import read_brief_file

    path = tmp_path / "notes.txt"
    path.write_bytes(_LAKE_NOTES.encode() + b"Reopened in \xe9t\xe9.\n")
    with pytest.raises(InputError, match=r"notes\.txt: it is UTF-8 text but for a byte on "
                       r"line 4 \(0xE9\)"):
        read_brief_file(path)
