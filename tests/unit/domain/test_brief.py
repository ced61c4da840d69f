"""BriefBuilder: the canonical text, its offsets, and the sections the headings open."""

from __future__ import annotations

from reviewdesk.domain.brief import (
    BLOCK_SEPARATOR,
    BlockKind,
    BriefBuilder,
    SourceFormat,
    clean_text,
)
from reviewdesk.domain.sections import SectionKind


def test_blocks_are_joined_by_the_separator_and_their_offsets_point_into_the_text() -> None:
    builder = BriefBuilder()
    builder.heading("Introduction", 1, "h1")
    builder.block(BlockKind.PARAGRAPH, "The towns argued.", "p1")
    builder.block(BlockKind.LIST_ITEM, "A quota was signed.", "p2")
    brief = builder.build("Lake Corrin", SourceFormat.MARKDOWN)

    assert brief.text == BLOCK_SEPARATOR.join(
        ["Introduction", "The towns argued.", "A quota was signed."])
    for block in brief.blocks:
        assert brief.text[block.start:block.end] == block.text
    assert [block.kind for block in brief.blocks] == [
        BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM]


def test_blank_blocks_are_left_out_and_white_space_folds_to_one_space() -> None:
    builder = BriefBuilder()
    assert builder.is_empty
    assert builder.block(BlockKind.PARAGRAPH, " \n\t ", "p0") is None
    assert builder.heading("   ", 1, "h0") is None
    block = builder.block(BlockKind.PARAGRAPH, "  two\nlines\t here ", "p1")

    assert block is not None and block.text == "two lines here"
    assert clean_text(" a \n b ") == "a b"
    assert not builder.is_empty
    assert builder.length == len("two lines here")


def test_text_before_any_heading_goes_into_an_untitled_section() -> None:
    builder = BriefBuilder()
    builder.block(BlockKind.PARAGRAPH, "Policy brief, March 2024", "p1")
    builder.heading("Recommendations", 1, "h1")
    builder.block(BlockKind.LIST_ITEM, "Publish the catch data.", "p2")
    brief = builder.build("Lake Corrin", SourceFormat.TEXT)

    front, recommendations = brief.sections
    assert (front.title, front.kind) == ("", SectionKind.OTHER)
    assert recommendations.kind == SectionKind.RECOMMENDATIONS
    assert [block.text for block in recommendations.blocks] == [
        "Recommendations", "Publish the catch data."]


def test_a_sub_heading_that_names_no_part_belongs_to_its_parents_part() -> None:
    builder = BriefBuilder()
    builder.heading("Reasons", 1, "h1")
    builder.heading("Russian pressure", 2, "h2")
    builder.heading("Conclusion", 2, "h3")
    brief = builder.build("Brief", SourceFormat.MARKDOWN)

    assert [section.kind for section in brief.sections] == [
        SectionKind.REASONS, SectionKind.REASONS, SectionKind.CONCLUSION]


def test_the_title_heading_is_not_one_of_the_briefs_parts() -> None:
    builder = BriefBuilder()
    builder.heading("Fisheries Outlook", 1, "h1")
    builder.block(BlockKind.PARAGRAPH, "The outlook is mixed.", "p1")
    brief = builder.build("Fisheries Outlook", SourceFormat.MARKDOWN)

    assert brief.sections[0].kind == SectionKind.OTHER
    assert brief.title == "Fisheries Outlook"


def test_open_part_starts_an_untitled_section_unless_a_bare_heading_of_that_kind_waits() -> None:
    builder = BriefBuilder()
    builder.heading("Introduction", 1, "h1")
    builder.block(BlockKind.PARAGRAPH, "Text.", "p1")
    builder.open_part(SectionKind.REFERENCES)
    assert builder.current_kind == SectionKind.REFERENCES
    builder.block(BlockKind.FOOTNOTE, "Okafor, N. (2019). Quotas.", "n1")

    waiting = BriefBuilder()
    waiting.heading("References", 1, "h1")
    waiting.open_part(SectionKind.REFERENCES)

    assert [s.kind for s in builder.build("B", SourceFormat.DOCX).sections] == [
        SectionKind.INTRODUCTION, SectionKind.REFERENCES]
    assert len(waiting.build("B", SourceFormat.DOCX).sections) == 1


def test_name_part_sets_the_kind_of_the_section_just_opened() -> None:
    builder = BriefBuilder()
    assert builder.current_kind is None
    builder.heading("What went wrong", 2, "h1")
    builder.name_part(SectionKind.REASONS)
    assert builder.current_kind == SectionKind.REASONS


def test_the_brief_counts_blocks_with_pending_tracked_changes() -> None:
    builder = BriefBuilder()
    builder.block(BlockKind.PARAGRAPH, "Changed.", "p1", tracked_changes=True)
    builder.block(BlockKind.PARAGRAPH, "Not changed.", "p2")
    assert builder.build("B", SourceFormat.DOCX).tracked_changes == 1
