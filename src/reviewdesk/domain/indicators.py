"""Sentences that report a dated event: candidates for the reviewer's indicator tags."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from reviewdesk.domain.brief import BlockKind, Brief, Section
from reviewdesk.domain.dates import DateMention, find_dates
from reviewdesk.domain.sections import SectionKind

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
class Sentence:
    text: str
    start: int  # in the canonical text
    end: int


@dataclass(frozen=True, slots=True)
class IndicatorCandidate:
    text: str
    date: str  # the first date in the sentence, as written
    start: int
    end: int
    section: str
    section_kind: str
    confidence: float


_ABBREVIATION_TEXT = (
    "mr mrs ms dr prof gen col lt sgt st jr sr inc ltd co corp no nos vol vols pp p ed eds "
    "e.g i.e etc vs cf al fig approx dept est govt jan feb mar apr jun jul aug sep sept oct "
    "nov dec mt ft u.s u.k u.n e.u a.m p.m min max art para sec ch op"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
# A sentence ends at . ! ? (with any closing quotes or brackets) before white space and
# something that can open a sentence.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]*[A-Z0-9\u0600-\u06ff])")
_LAST_WORD = re.compile(r"([\w.]+)\.$")
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


def split_sentences(text: str, offset: int = 0) -> Iterator[Sentence]:
    """Sentences of one block, offsets shifted by `offset`. A full stop after a known
    abbreviation or a lone initial ("Gen.", "U.S.", "J. Smith") ends none; a decimal point
    is never followed by white space, so "3.5" is safe."""
    start = 0
    for match in _END.finditer(text):
        before = text[max(start, match.start() - 24):match.start() + 1]
        if match.group(0).startswith(".") and _abbreviation(before):
            continue
        yield from _trimmed(text, start, match.end(), offset)
        start = match.end()
    yield from _trimmed(text, start, len(text), offset)


def _abbreviation(before: str) -> bool:
    match = _LAST_WORD.search(before)
    if match is None:
        return False
    word = match.group(1).lower().strip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _trimmed(text: str, start: int, end: int, offset: int) -> Iterator[Sentence]:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if piece:
        yield Sentence(piece, offset + start + lead, offset + start + lead + len(piece))


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
    return any(m.group(0).lower() not in _NOT_EVENTS for m in _EVENT_VERB.finditer(sentence))


def confidence(kind: SectionKind, sentence: str, mentions: list[DateMention]) -> float:
    """IN_INDICATORS or ELSEWHERE, times BROAD_DATE when every date spans more than a year,
    times NO_EVENT_VERB when no verb reports something happening."""
    score = IN_INDICATORS if kind == SectionKind.INDICATORS else ELSEWHERE
    if all((m.period[1] - m.period[0]).days > _BROAD_DAYS for m in mentions):
        score *= BROAD_DATE
    if not has_event_verb(sentence):
        score *= NO_EVENT_VERB
    return round(score, 2)


def indicator_candidates(brief: Brief) -> list[IndicatorCandidate]:
    """Dated sentences outside the reference list, in text order."""
    found: list[IndicatorCandidate] = []
    for section in brief.sections:
        if section.kind == SectionKind.REFERENCES:
            continue
        for sentence, mentions in dated_sentences(section):
            if mentions:
                found.append(IndicatorCandidate(
                    sentence.text, mentions[0].text, sentence.start, sentence.end,
                    section.title, str(section.kind),
                    confidence(section.kind, sentence.text, mentions)))
    return found
