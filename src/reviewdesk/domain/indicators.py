"""Sentences that report a dated event: candidates for the reviewer's indicator tags."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from reviewdesk.domain.brief import Block, BlockKind, Brief, Section
from reviewdesk.domain.dates import DateMention, find_dates
from reviewdesk.domain.indicator_dates import (
    IndicatorDate,
    event_mention,
    relative_date,
    stated,
)
from reviewdesk.domain.not_events import is_reference_entry, is_source_line, reports_no_event
from reviewdesk.domain.sections import SectionKind
from reviewdesk.domain.sentences import Sentence, split_sentences

__all__ = ["IndicatorCandidate", "Sentence", "dated_sentences", "indicator_candidates",
           "section_sentences", "split_sentences"]

# Confidence, by where the sentence stands and what it holds. An indicators section is
# where a brief lists its evidence; elsewhere a dated sentence is more often background.
IN_INDICATORS = 0.9
ELSEWHERE = 0.5
# Multipliers: a date spanning more than this many days ("the 1990s", "2023") places
# background rather than an event, and a sentence with no event verb reports none.
_BROAD_DAYS = 366
BROAD_DATE = 0.6
NO_EVENT_VERB = 0.6


@dataclass(frozen=True, slots=True)
class IndicatorCandidate:
    """A sentence that reports a dated event. `date` is the event's date as the sentence
    writes it (`date_stated`), or, for a sentence that dates itself from an earlier one
    ("two months later"), the period worked out, with `date_source` saying from what."""

    text: str
    date: str
    start: int
    end: int
    section: str
    section_kind: str
    confidence: float
    date_stated: bool = True
    date_source: str = ""


_EVENT_VERB = re.compile(
    r"\b(?:\w{3,}(?:ed|en)|came|went|took|met|held|began|begun|made|sent|gave|saw|told|won|"
    r"lost|left|fell|rose|set|put|said|spoke|wrote|led|paid|brought|bought|sold|struck|hit|"
    r"signed|announced|visit(?:s|ed)?|meets?|opens?|closes?|signs?|announces?|launch(?:es)?)\b",
    re.IGNORECASE,
)
# Words ending in -ed/-en that are seldom the verb of an event.
_NOT_EVENT_TEXT = (
    "indeed need seed speed feed breed often even seven eleven between when then than "
    "been seen open citizen women children garden burden hidden sudden golden heaven "
    "token taken given kitchen listen threatened limited united based concerned interested "
    "related aimed"
)
_NOT_EVENTS = frozenset(_NOT_EVENT_TEXT.split())


def section_sentences(section: Section) -> Iterator[Sentence]:
    """The sentences of a section's text blocks (headings left out)."""
    for block in section.blocks:
        if block.kind != BlockKind.HEADING:
            yield from split_sentences(block.text, block.start)


def dated_sentences(section: Section) -> Iterator[tuple[Sentence, list[DateMention]]]:
    """Each sentence with its dates (offsets within the sentence). Dates are found once per
    block, not per sentence, which keeps a long brief fast."""
    for block in section.blocks:
        if block.kind == BlockKind.HEADING:
            continue
        mentions = find_dates(block.text)
        position = 0
        for sentence in split_sentences(block.text, block.start):
            begin, end = sentence.start - block.start, sentence.end - block.start
            while position < len(mentions) and mentions[position].start < begin:
                position += 1
            inside: list[DateMention] = []
            while position < len(mentions) and mentions[position].end <= end:
                inside.append(replace(mentions[position], start=mentions[position].start - begin,
                                      end=mentions[position].end - begin))
                position += 1
            yield sentence, inside


def has_event_verb(sentence: str) -> bool:
    """Whether the sentence has a verb that tells of something happening; words that only
    look like one ('seven', 'between', 'based') do not count."""
    return any(m.group(0).lower() not in _NOT_EVENTS for m in _EVENT_VERB.finditer(sentence))


def confidence(kind: SectionKind, sentence: str, mentions: list[DateMention]) -> float:
    """IN_INDICATORS or ELSEWHERE, times BROAD_DATE when every date spans more than a year,
    times NO_EVENT_VERB when no verb reports something happening (English verbs: the
    sentences of other languages are not marked down for it)."""
    score = IN_INDICATORS if kind == SectionKind.INDICATORS else ELSEWHERE
    if mentions and all((m.period[1] - m.period[0]).days > _BROAD_DAYS for m in mentions):
        score *= BROAD_DATE
    if sentence.isascii() and not has_event_verb(sentence):
        score *= NO_EVENT_VERB
    return round(score, 2)


def indicator_candidates(brief: Brief) -> list[IndicatorCandidate]:
    """Dated sentences outside the reference list, in text order: neither a reference
    entry, a source note, a copyright line nor a fragment, and with a date of their own
    outside an author-year citation, or one they give relative to an earlier date."""
    found: list[IndicatorCandidate] = []
    for section in brief.sections:
        if section.kind == SectionKind.REFERENCES:
            continue
        blocks = section.blocks
        for index, block in enumerate(blocks):
            if block.kind == BlockKind.HEADING:
                continue
            if not is_reference_entry(block.text):
                found.extend(_block_candidates(block, section))
            elif is_source_line(block.text):
                found.extend(_caption(blocks[max(0, index - 1):index + 2], block, section))
    found.sort(key=lambda c: c.start)
    return found


# A caption is short: a line or two above its figure's source line.
_CAPTION_CHARS = 200


def _is_caption(block: Block) -> bool:
    return block.kind != BlockKind.HEADING and len(block.text) <= _CAPTION_CHARS \
        and not is_reference_entry(block.text) and not find_dates(block.text) \
        and not reports_no_event(block.text, [], 0)


def _caption(around: list[Block], source: Block,
             section: Section) -> Iterator[IndicatorCandidate]:
    """A caption without a date of its own, dated by the source line beside it (above or
    under it: the date the source was published, so inferred, and said so)."""
    caption = next((b for b in around if b is not source and _is_caption(b)), None)
    mentions = find_dates(source.text)
    if caption is not None and mentions:
        mention = mentions[-1]
        yield IndicatorCandidate(
            caption.text, mention.text, caption.start, caption.end, section.title,
            str(section.kind), confidence(section.kind, caption.text, [mention]),
            date_stated=False, date_source=f"the date “{mention.text}” of its source line")


def _block_candidates(block: Block, section: Section) -> Iterator[IndicatorCandidate]:
    mentions = find_dates(block.text)
    if not mentions:
        return
    for sentence in split_sentences(block.text):
        own = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        if reports_no_event(sentence.text, own, sentence.start):
            continue
        date = _sentence_date(block.text, mentions, own, sentence)
        if date is None:
            continue
        yield IndicatorCandidate(
            sentence.text, date.text, block.start + sentence.start, block.start + sentence.end,
            section.title, str(section.kind), confidence(section.kind, sentence.text, own),
            date.stated, date.source)


def _sentence_date(text: str, mentions: list[DateMention], own: list[DateMention],
                   sentence: Sentence) -> IndicatorDate | None:
    if own:
        mention = event_mention(text, own)
        return stated(mention) if mention is not None else None
    found = relative_date(text, mentions, sentence.start, sentence.end)
    return found if found.period is not None else None
