"""Tests for the Markdown importer: token structure to blocks, inline markup to plain text."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from reviewdesk.domain.brief import BlockKind, Brief, SourceFormat
from reviewdesk.domain.sections import SectionKind
from reviewdesk.errors import InputError
from reviewdesk.importers import read_brief_file
from reviewdesk.importers.markdown import parse_markdown

SAMPLE = """\
# The Sarn River Accord

Intro with *emphasis*, **strong**, `code`, a [link](https://example.org/x),
an ![alt text](pic.png) and <span class="x">inline html</span>.

Reasons Behind the Shift
------------------------

### Drought

> A quoted paragraph.

- First item
  - Nested item
- Second item

  Second paragraph of the second item.

1. Ordered one
2. Ordered two

| Year | Release |
|------|---------|
| 2024 | Low     |

```
fenced   code
```

<div>raw html block</div>

## References

- Org. (n.d.). Title. https://example.com/a
"""


def _check_offsets(brief: Brief) -> None:
    for block in brief.blocks:
        assert brief.text[block.start:block.end] == block.text


def _kinds(brief: Brief) -> list[tuple[BlockKind, int, str]]:
    return [(b.kind, b.level, b.text) for b in brief.blocks]


def test_blocks_kinds_levels_and_plain_text() -> None:
    brief = parse_markdown(SAMPLE, "sarn.md")
    _check_offsets(brief)
    assert brief.source_format is SourceFormat.MARKDOWN
    assert brief.source is None
    assert _kinds(brief) == [
        (BlockKind.HEADING, 1, "The Sarn River Accord"),
        (BlockKind.PARAGRAPH, 0,
         "Intro with emphasis, strong, code, a link, an alt text and inline html."),
        (BlockKind.HEADING, 2, "Reasons Behind the Shift"),
        (BlockKind.HEADING, 3, "Drought"),
        (BlockKind.PARAGRAPH, 0, "A quoted paragraph."),
        (BlockKind.LIST_ITEM, 1, "First item"),
        (BlockKind.LIST_ITEM, 2, "Nested item"),
        (BlockKind.LIST_ITEM, 1, "Second item"),
        (BlockKind.PARAGRAPH, 0, "Second paragraph of the second item."),
        (BlockKind.LIST_ITEM, 1, "Ordered one"),
        (BlockKind.LIST_ITEM, 1, "Ordered two"),
        (BlockKind.TABLE_CELL, 0, "Year"),
        (BlockKind.TABLE_CELL, 0, "Release"),
        (BlockKind.TABLE_CELL, 0, "2024"),
        (BlockKind.TABLE_CELL, 0, "Low"),
        (BlockKind.PARAGRAPH, 0, "fenced code"),
        (BlockKind.HEADING, 2, "References"),
        (BlockKind.LIST_ITEM, 1, "Org. (n.d.). Title. https://example.com/a"),
    ]


def test_sections_and_title_from_first_h1() -> None:
    brief = parse_markdown(SAMPLE, "sarn.md")
    assert brief.title == "The Sarn River Accord"
    assert [(s.title, s.kind, s.level) for s in brief.sections] == [
        ("The Sarn River Accord", SectionKind.OTHER, 1),
        ("Reasons Behind the Shift", SectionKind.REASONS, 2),
        ("Drought", SectionKind.REASONS, 3),
        ("References", SectionKind.REFERENCES, 2),
    ]


def test_locators_follow_source_lines() -> None:
    brief = parse_markdown(SAMPLE, "sarn.md")
    locators = {b.text: b.locator for b in brief.blocks}
    assert locators["The Sarn River Accord"] == "line:1"
    assert locators["Reasons Behind the Shift"] == "lines:6-7"
    assert locators["Nested item"] == "line:14"
    assert locators["2024"] == "line:24"
    assert locators["fenced code"] == "lines:26-28"
    assert locators["Intro with emphasis, strong, code, a link, an alt text and inline html."] == (
        "lines:3-4"
    )


def test_front_matter_gives_title_and_keeps_line_numbers() -> None:
    text = '---\ntitle: "Sarn Notes"\nauthors:\n  - A. Writer\n---\n# Heading One\n\nBody.\n'
    brief = parse_markdown(text, "notes.md")
    assert brief.title == "Sarn Notes"
    assert _kinds(brief) == [
        (BlockKind.HEADING, 1, "Heading One"), (BlockKind.PARAGRAPH, 0, "Body."),
    ]
    assert brief.blocks[0].locator == "line:6"
    assert "title" not in brief.text


def test_leading_rule_is_not_front_matter() -> None:
    text = "---\nJust a paragraph after a rule.\n\n---\n\nMore text.\n"
    brief = parse_markdown(text, "rules.md")
    assert [b.text for b in brief.blocks] == ["Just a paragraph after a rule.", "More text."]


def test_title_from_filename_without_h1() -> None:
    brief = parse_markdown("## Summary\n\nShort.\n", "sarn-river_notes.md")
    assert brief.title == "Sarn river notes"
    assert brief.sections[0].kind is SectionKind.SUMMARY


def test_empty_list_items_and_blank_text_give_no_blocks() -> None:
    assert parse_markdown("", "x.md").blocks == []
    assert parse_markdown("-\n-\n\n<!-- comment -->\n", "x.md").blocks == []


def test_bundled_sample_has_every_section_kind() -> None:
    path = files("reviewdesk.resources") / "samples" / "sample-brief.md"
    brief = parse_markdown(path.read_text(encoding="utf-8"), "sample-brief.md")
    _check_offsets(brief)
    kinds = [s.kind for s in brief.sections if s.level <= 2 and s.kind is not SectionKind.OTHER]
    assert kinds == [
        SectionKind.INTRODUCTION, SectionKind.INDICATORS, SectionKind.REASONS,
        SectionKind.PROSPECTS, SectionKind.CONCLUSION, SectionKind.RECOMMENDATIONS,
        SectionKind.REFERENCES,
    ]
    # Sub-sections of Reasons are reasons too.
    assert {s.kind for s in brief.sections if s.level == 3} == {SectionKind.REASONS}
    assert brief.title == brief.blocks[0].text
    by_kind = {s.kind: s for s in brief.sections}
    recommendations = by_kind[SectionKind.RECOMMENDATIONS].blocks[1:]
    assert 4 <= len(recommendations) <= 6
    assert all(" should " in b.text for b in recommendations)
    references = [b.text for b in by_kind[SectionKind.REFERENCES].blocks[1:]]
    assert 7 <= len(references) <= 9
    assert any("n.d." in text for text in references)
    assert any("Same as above." in text for text in references)
    assert any("https://" not in text for text in references)
    subsections = [s for s in brief.sections if s.level == 3]
    assert len(subsections) >= 3


def _links(brief: Brief) -> list[tuple[str, str, str]]:
    """(block text, link text, url) for every link, checked to lie inside its block."""
    found = []
    for block in brief.blocks:
        for link in block.links:
            assert 0 <= link.start < link.end <= len(block.text)
            found.append((block.text, block.text[link.start:link.end], link.url))
    return found


def test_inline_reference_and_auto_links_keep_their_targets() -> None:
    source = """\
# Tide gauge [network](https://tides.example/net)

- Coast Office. (2021, June 4).   Gauge
  report.   [Link](https://coast.example/gauges)
- Mail <gauges@coast.example> or see <https://coast.example/map> and [the *annex*][annex].

![gauge photo](photo.png) and [![badge](badge.png)](https://ci.example/status)

![see [inside](https://no.example)](pic.png)

| Source |
|--------|
| [Table   link](../data/table.csv) |

[annex]: https://coast.example/annex "Annex"
"""
    brief = parse_markdown(source, "gauges.md")
    _check_offsets(brief)
    assert _links(brief) == [
        ("Tide gauge network", "network", "https://tides.example/net"),
        ("Coast Office. (2021, June 4). Gauge report. Link", "Link",
         "https://coast.example/gauges"),
        ("Mail gauges@coast.example or see https://coast.example/map and the annex.",
         "gauges@coast.example", "mailto:gauges@coast.example"),
        ("Mail gauges@coast.example or see https://coast.example/map and the annex.",
         "https://coast.example/map", "https://coast.example/map"),
        ("Mail gauges@coast.example or see https://coast.example/map and the annex.",
         "the annex", "https://coast.example/annex"),
        ("gauge photo and badge", "badge", "https://ci.example/status"),
        ("Table link", "Table link", "../data/table.csv"),
    ]


def test_a_markdown_file_past_the_design_size_is_read_in_a_bounded_child(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MARKDOWN_IN_PROCESS_CHARS the parse runs in a child process with a time limit;
    it gives the same brief as the parse in this process."""
    import reviewdesk.importers as importers

    path = tmp_path / "accord.md"
    path.write_text(SAMPLE, encoding="utf-8")
    here = importers.read_brief(path)
    monkeypatch.setattr(importers, "MARKDOWN_IN_PROCESS_CHARS", 10)
    called: list[str] = []
    real = importers.run_bounded

    def spy(*args: object, **kwargs: object) -> object:
        called.append(str(kwargs.get("kind")))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importers, "run_bounded", spy)
    there = importers.read_brief(path)
    assert called == ["Markdown"]
    assert there.title == here.title and there.text == here.text
    assert [(b.kind, b.start, b.end) for b in there.blocks] == [
        (b.kind, b.start, b.end) for b in here.blocks]


def test_a_markdown_file_in_a_legacy_encoding_is_read_and_named(tmp_path: Path) -> None:
    text = ("# Прогноз по озеру\n\nКомитет **представил** доклад: квоты снизятся, и рыбаки "
            "встревожены.\n\n- Сезон окуня прошёл лучше, чем ожидали.\n")
    path = tmp_path / "outlook.md"
    path.write_bytes(text.encode("koi8-r"))
    read = read_brief_file(path)
    assert read.encoding == "koi8-r"
    assert read.brief.title == "Прогноз по озеру"
    assert "Комитет представил доклад" in read.brief.text
    assert read.brief.source is not None and read.brief.source.data == text.encode("koi8-r")


def test_markdown_in_utf8_with_a_stray_byte_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "outlook.md"
    path.write_bytes("# Café du port\n\n".encode() + b"Ouvert l'\xe9t\xe9.\n")
    with pytest.raises(InputError, match=r"line 3 \(0xE9\).*save the file as UTF-8"):
        read_brief_file(path)
