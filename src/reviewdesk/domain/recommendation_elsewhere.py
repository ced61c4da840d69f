"""Recommendations a brief makes outside a recommendations part: the sentences of its
conclusion that ask in so many words, the author's own "we recommend" wherever it stands,
and else an actor asked to act in the lead paragraphs or the summary."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from reviewdesk.domain import recommendation_addressee as address
from reviewdesk.domain import recommendation_cues as cues
from reviewdesk.domain.brief import Block, BlockKind, Brief, Section
from reviewdesk.domain.recommendation_items import Found, explicit_ask
from reviewdesk.domain.recommendation_regions import starts_another_part
from reviewdesk.domain.recommendation_sentences import split_sentences
from reviewdesk.domain.sections import SectionKind, names_outside_part

# The lead is at most this many paragraphs of the untitled opening.
_LEAD_BLOCKS = 8
_SKIPPED = (SectionKind.REFERENCES,)


def stated_elsewhere(brief: Brief, footers: frozenset[str]) -> list[Found]:
    """The first of: the conclusion's explicit asks; the lead's and summary's; the
    author's recommending sentences anywhere else."""
    conclusion = [b for s in _read_sections(brief) if _concludes(s) for b in s.blocks]
    for blocks, may_hold, wanted in (
            (conclusion, cues.may_ask, explicit_ask),
            (lead_blocks(brief), cues.may_ask, explicit_ask),
            (_all_blocks(brief), cues.recommends_explicitly, cues.recommends_explicitly)):
        found = [_found(block, sentence)
                 for block, sentence in _sentences(blocks, footers, may_hold)
                 if wanted(sentence)]
        if found:
            return found
    return []


def _all_blocks(brief: Brief) -> list[Block]:
    return [block for section in _read_sections(brief) for block in section.blocks]


def _read_sections(brief: Brief) -> Iterator[Section]:
    for section in brief.sections:
        if section.kind not in _SKIPPED and not (section.title and
                                                 names_outside_part(section.title)):
            yield section


def _concludes(section: Section) -> bool:
    return section.kind == SectionKind.CONCLUSION or bool(
        section.title and cues.mixes_conclusion(section.title)
        and cues.names_recommendations(section.title))


def lead_blocks(brief: Brief) -> list[Block]:
    """The opening's first paragraphs (before any heading, or under the title), and every
    summary."""
    blocks: list[Block] = []
    for section in brief.sections:
        if section is brief.sections[0] and section.kind == SectionKind.OTHER:
            blocks += _opening(section.blocks)
        elif section.kind == SectionKind.SUMMARY:
            blocks += section.blocks
    return blocks


def _opening(blocks: list[Block]) -> list[Block]:
    """The first paragraphs, up to a line set as a heading ("BACKGROUND") after them."""
    taken: list[Block] = []
    for block in [b for b in blocks if b.kind != BlockKind.HEADING][:_LEAD_BLOCKS]:
        if taken and any(not cues.looks_like_label(b.text) for b in taken) and \
                starts_another_part(block):
            break
        taken.append(block)
    return taken


def _sentences(blocks: list[Block], footers: frozenset[str],
               may_hold: Callable[[str], bool]) -> Iterator[tuple[Block, str]]:
    """The sentences of the blocks whose words may make one of them wanted."""
    for block in blocks:
        text = block.text.strip()
        if (block.kind in (BlockKind.HEADING, BlockKind.FOOTNOTE) or not text
                or text in footers or _quoted(text) or not may_hold(text)
                or cues.is_caption(text)):
            continue
        for sentence in split_sentences(text):
            yield block, sentence


def _quoted(text: str) -> bool:
    """A quotation set as its own paragraph speaks for someone else."""
    return text[:1] in "\"“«„" or (text.startswith("(") and ")" in text[:5])


def _found(block: Block, sentence: str) -> Found:
    return Found(sentence, address.addressee(sentence), block.id)
