from __future__ import annotations

import pytest

from reviewdesk.domain.brief import BlockKind, BriefBuilder, SourceFormat
from reviewdesk.domain.sections import SectionKind, classify_section


@pytest.mark.parametrize(("heading", "kind"), [
    ("Introduction", SectionKind.INTRODUCTION),
    ("1. Background", SectionKind.INTRODUCTION),
    ("Executive summary", SectionKind.SUMMARY),
    ("Indicators of the Policy Shift", SectionKind.INDICATORS),
    ("II. Evidence", SectionKind.INDICATORS),
    ("Reasons Behind the Shift", SectionKind.REASONS),
    ("Drivers", SectionKind.REASONS),
    ("Prospects for Bilateral Relations", SectionKind.PROSPECTS),
    ("4.2 Outlook", SectionKind.PROSPECTS),
    ("Conclusion", SectionKind.CONCLUSION),
    ("Policy Recommendations", SectionKind.RECOMMENDATIONS),
    ("VIII. Call to Action", SectionKind.RECOMMENDATIONS),
    ("Next steps", SectionKind.RECOMMENDATIONS),
    ("References", SectionKind.REFERENCES),
    ("Bibliography", SectionKind.REFERENCES),
    ("About the authors", SectionKind.OTHER),
])
def test_classify_section(heading: str, kind: SectionKind) -> None:
    assert classify_section(heading) == kind


def test_builder_lays_out_canonical_text_with_offsets() -> None:
    builder = BriefBuilder()
    builder.block(BlockKind.PARAGRAPH, "Front   matter\nline", "line:1")
    builder.heading("Introduction", 1, "line:3")
    builder.block(BlockKind.PARAGRAPH, "First.", "line:4")
    builder.block(BlockKind.LIST_ITEM, "   ", "line:5")
    brief = builder.build("T", SourceFormat.TEXT)
    assert brief.text == "Front matter line\nIntroduction\nFirst."
    assert [s.kind for s in brief.sections] == [SectionKind.OTHER, SectionKind.INTRODUCTION]
    for block in brief.blocks:
        assert brief.text[block.start:block.end] == block.text
    assert len(brief.blocks) == 3


def test_a_metadata_sub_heading_does_not_join_the_references() -> None:
    from reviewdesk.importers.markdown import parse_markdown

    brief = parse_markdown("# Brief\n\n## References\n\n1. Ames, \"Water\", 2020.\n\n"
                           "### Document metadata\n\nVersion: 2\n\n"
                           "### Journal articles\n\n2. Bell, \"Ice\", 2021.\n", "b.md")
    kinds = {section.title: section.kind for section in brief.sections}
    assert kinds["Document metadata"] == SectionKind.OTHER
    assert kinds["Journal articles"] == SectionKind.REFERENCES  # a plain sub-heading inherits
