"""Where a brief keeps its recommendations: the sections whose heading names them, or, when
no heading does, the run of paragraphs after a line that names them ("Recommendations" set
as a plain paragraph, "RECOMENDACIÓN" run into its first paragraph)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewdesk.domain import recommendation_cues as cues
from reviewdesk.domain.brief import Block, BlockKind, Brief, Section
from reviewdesk.domain.sections import SectionKind, classify_section, names_outside_part

# A line that stands for a heading has at most this many words.
_HEADING_WORDS = 10


@dataclass(slots=True)
class Region:
    """The blocks of one recommendations part in reading order, each with the text to read
    (a heading run into a paragraph left out), and how its heading reads."""

    title: str
    level: int
    entries: list[tuple[Block, str]] = field(default_factory=list)
    # The heading also names the conclusion: only what explicitly asks is an item.
    mixed: bool = False
    # The heading says "recommendations" in so many words (not only "Implications").
    named: bool = False
    # A summary of the recommendations ("Key recommendations", or under the executive
    # summary) that a full recommendations part may repeat.
    summary: bool = False


def recommendation_regions(brief: Brief) -> list[Region]:
    """The recommendations parts of the brief; by headings when any heading opens one."""
    return _section_regions(brief.sections) or _paragraph_regions(brief.blocks)


def _opens(section: Section) -> bool:
    if not section.title or cues.names_options(section.title):
        return False
    return (section.kind == SectionKind.RECOMMENDATIONS
            or cues.names_recommendations(section.title))


def _section_regions(sections: list[Section]) -> list[Region]:
    regions: list[Region] = []
    current: Region | None = None
    parents: list[Section] = []
    for section in sections:
        if current is not None and section.level > current.level and section.title:
            if not (cues.names_options(section.title) or names_outside_part(section.title)):
                current.entries += [(b, b.text) for b in section.blocks]
            continue
        current = None
        parents = [p for p in parents if p.level < section.level] + [section]
        if _opens(section):
            current = _region(section.title, section.level, section.kind)
            current.summary = cues.SUMMARY.search(cues.spell(section.title)) is not None or \
                any(p.kind == SectionKind.SUMMARY for p in parents[:-1])
            body = section.blocks[1:] if section.blocks[:1] and \
                section.blocks[0].kind == BlockKind.HEADING else section.blocks
            current.entries += [(b, b.text) for b in body]
            regions.append(current)
    return regions


def _region(title: str, level: int, kind: SectionKind) -> Region:
    named = cues.names_recommendations(title)
    mixed = kind == SectionKind.CONCLUSION or (named and cues.mixes_conclusion(title))
    return Region(title=title, level=level, mixed=mixed, named=named)


def _paragraph_regions(blocks: list[Block]) -> list[Region]:
    regions: list[Region] = []
    current: Region | None = None
    for index, block in enumerate(blocks):
        opening = _opening_line(block)
        following = blocks[index + 1].text if index + 1 < len(blocks) else ""
        if opening is not None and not following[:1].islower():
            current = _region(opening, 0, SectionKind.RECOMMENDATIONS)
            rest = block.text[len(opening):].strip()
            if rest:
                current.entries.append((block, rest))
            regions.append(current)
        elif current is not None and starts_another_part(block) and not (
                block.kind == BlockKind.HEADING and not current.entries):
            current = None  # a heading right after the line is its subtitle
        elif current is not None:
            current.entries.append((block, block.text))
    return regions


def _opening_line(block: Block) -> str | None:
    """The words that open the recommendations at this block: all of a short line that
    names them, or the capitals of a heading run into the paragraph; None elsewhere."""
    if block.kind in (BlockKind.HEADING, BlockKind.FOOTNOTE, BlockKind.TABLE_CELL):
        return None
    text = block.text.strip()
    if cues.looks_like_label(text, _HEADING_WORDS) and cues.names_recommendations(text):
        return text
    run_in = cues.caps_run_in(text)
    if run_in and cues.names_recommendations(run_in):
        return text[:text.index(run_in) + len(run_in)]
    return None


def starts_another_part(block: Block) -> bool:
    """A block that starts another part: a heading, or a line set like one ("Why now?",
    "REFERENCES", "Conclusion") that names a part other than the recommendations."""
    if block.kind == BlockKind.HEADING:
        return True
    text = block.text.strip()
    run_in = cues.caps_run_in(text)
    if run_in and _names_other_part(run_in):
        return True
    if not cues.looks_like_label(text.rstrip("?؟"), _HEADING_WORDS):
        return False
    return (text.endswith(("?", "؟")) or _names_other_part(text)
            or (cues.is_all_caps(text) and not text.endswith(":")))


def _names_other_part(text: str) -> bool:
    kind = classify_section(text)
    return (kind not in (SectionKind.OTHER, SectionKind.RECOMMENDATIONS)
            or names_outside_part(text))
