"""What the review appendix of an exported brief lists: the indicators tagged, with their
dates in both calendars, the reference check, and the recommendations tracker.

Dates of an indicator
---------------------
A date a reviewer set on the indicator comes first (and says so). Otherwise the date is the
one the brief states for the annotated words, or one inferred from an earlier date of their
paragraph, or none: `domain.indicator_dates` decides, and an inferred date is shown as
inferred, with where it comes from. Dates are found as the indicator candidates find them
(`find_dates` over the whole paragraph), so a date that runs past the edge of the quote is
still read whole.

The other calendar is filled in this way:

* The brief gives both, "21 March 2023 (1 Hamal 1402)" or "2023 (1402)": both as written,
  in the order written (the date outside the brackets first), whether or not they agree
  (the date check reports those that do not).
* A single day in one calendar ("21 March 2023", "2023-03-21", "1 Hamal 1402"): the same
  day in the other, converted with jdatetime; Solar Hijri months take the Afghan names
  that `domain.dates` reads ("Hamal", "Saur", ... "Hut").
* A month, a season or a qualified year ("March 2023", "mid-2023", "Hamal 1402"): the months
  of the other calendar it overlaps, as a range: "Hut 1401–Hamal 1402",
  "March–April 2023". Months never line up across the calendars, so a range is the honest
  answer; it collapses to one month only when the period lies inside one.
* A year or more ("2023", "1402 SH", "the 2010s"): the years of the other calendar it
  overlaps, "1401–1402".
* No date: both empty.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reviewdesk.domain.brief import Block, Brief
from reviewdesk.domain.codebook import PATH_SEPARATOR
from reviewdesk.domain.date_text import describe_period
from reviewdesk.domain.dates import (
    GREGORIAN,
    SOLAR_HIJRI,
    Calendar,
    DateMention,
    Period,
    find_dates,
)
from reviewdesk.domain.indicator_dates import (
    NO_DATE,
    DateOrigin,
    IndicatorDate,
    date_in_block,
    stated,
)
from reviewdesk.domain.references import flag_words
from reviewdesk.domain.views import AnnotationView
from reviewdesk.services.tracking import recommendations_of, references_of
from reviewdesk.storage.store import Store

INDICATOR_TAG = "Indicator"
DATE_SEPARATOR = " / "
_OPEN_PAIR = re.compile(r"\s*\(\s*")


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One indicator annotation. `date` is as written (or as worked out, when inferred);
    `other_date` is the same date in the other calendar, as written beside it or converted
    (see the module docstring); `origin` says whether the brief states the date, it was
    inferred (from `source`), a reviewer set it, or there is none."""

    date: str
    other_date: str
    text: str
    tag: str
    reviewer: str
    start: int
    origin: DateOrigin = DateOrigin.STATED
    source: str = ""

    @property
    def dates(self) -> str:
        """"21 March 2023 / 1 Hamal 1402", or whichever part is known, with how it was had
        when the brief does not state it."""
        written = DATE_SEPARATOR.join(part for part in (self.date, self.other_date) if part)
        return written + date_note(self.origin, self.source) if written else ""


def date_note(origin: DateOrigin, source: str) -> str:
    """" (inferred from …)" or " (set by a reviewer)"; "" for a stated date or none."""
    if origin == DateOrigin.INFERRED:
        return f" (inferred from {source})" if source else " (inferred)"
    if origin == DateOrigin.REVIEWER:
        return " (set by a reviewer)"
    return ""


@dataclass(frozen=True, slots=True)
class ReferenceRow:
    position: int  # 1-based, as "duplicate of 2" counts (the store counts from 0)
    entry: str
    status: str  # "unchecked", "verified" or "problem"
    flags: str  # "no URL, duplicate of 2"
    note: str


@dataclass(frozen=True, slots=True)
class RecommendationRow:
    position: int  # 1-based
    text: str
    addressee: str
    priority: str
    status: str  # as a reader reads it: "in progress"
    owner: str
    due: str  # ISO date or ""


@dataclass(frozen=True, slots=True)
class AppendixData:
    indicators: tuple[IndicatorRow, ...]
    references: tuple[ReferenceRow, ...]
    recommendations: tuple[RecommendationRow, ...]


def appendix_data(store: Store, brief: Brief,
                  annotations: Sequence[AnnotationView]) -> AppendixData:
    """The appendix of `brief`: `annotations` (those the export includes) give the
    indicators; the store gives the reference checks and the recommendations."""
    blocks = _Blocks(brief)
    indicators = tuple(_indicator_row(brief, view, blocks) for view in
                       sorted((a for a in annotations if is_indicator(a.tag)),
                              key=lambda a: (a.start, a.end)))
    references = tuple(ReferenceRow(position=t.reference.position + 1,
                                    entry=t.reference.raw,
                                    status=str(t.reference.check),
                                    flags=flag_words(t.reference),
                                    note=t.reference.note)
                       for t in references_of(store, brief.id))
    recommendations = tuple(
        RecommendationRow(position=r.position + 1, text=r.text, addressee=r.addressee,
                          priority=r.priority, status=str(r.status).replace("_", " "),
                          owner=r.owner, due=r.due.isoformat() if r.due else "")
        for r in (t.recommendation for t in recommendations_of(store, brief.id)))
    return AppendixData(indicators, references, recommendations)


def is_indicator(tag: str | None) -> bool:
    """True for the Indicator tag and every tag below it."""
    return tag is not None and (tag == INDICATOR_TAG
                                or tag.startswith(INDICATOR_TAG + PATH_SEPARATOR))


# --- Indicator dates -------------------------------------------------------------------------


class _Blocks:
    """The brief's blocks with a bisect over their starts: 10,000 indicators must not each
    walk the 8,000 blocks; and the dates of each block, found once however many indicators
    it holds."""

    def __init__(self, brief: Brief) -> None:
        self.blocks = brief.blocks
        self.starts = [block.start for block in self.blocks]
        self._dates: dict[int, list[DateMention]] = {}

    def dates(self, block: Block) -> list[DateMention]:
        found = self._dates.get(block.start)
        if found is None:
            found = self._dates[block.start] = find_dates(block.text)
        return found

    def at(self, start: int, end: int) -> Block | None:
        index = max(0, bisect_right(self.starts, start) - 1)
        for block in self.blocks[index:index + 2]:
            if block.start < max(end, start + 1) and block.end > start:
                return block
        return None


def annotation_dates(brief: Brief,
                     annotations: Sequence[AnnotationView]) -> dict[str, DatedWords]:
    """The date of each indicator annotation among `annotations`, by annotation id."""
    blocks = _Blocks(brief)
    return {a.id: indicator_date(brief, a.start, a.end, a.quote, blocks, a.date)
            for a in annotations if is_indicator(a.tag)}


def _indicator_row(brief: Brief, view: AnnotationView, blocks: _Blocks) -> IndicatorRow:
    found = indicator_date(brief, view.start, view.end, view.quote, blocks, view.date)
    return IndicatorRow(date=found.date.text, other_date=found.other, text=view.quote,
                        tag=view.tag or "", reviewer=view.reviewer, start=view.start,
                        origin=found.date.origin, source=found.date.source)


@dataclass(frozen=True, slots=True)
class DatedWords:
    """The date of an indicator's words, the same date in the other calendar, and whether
    the brief wrote both ("21 March 2023 (1 Hamal 1402)")."""

    date: IndicatorDate
    other: str
    both_written: bool


_UNDATED = DatedWords(NO_DATE, "", False)


def indicator_dates(brief: Brief, start: int, end: int, quote: str,
                    blocks: _Blocks | None = None) -> tuple[str, str]:
    """(date as written, the same date in the other calendar) for the words `quote` at
    text[start:end]; ("", "") when neither they nor their paragraph give a date."""
    found = indicator_date(brief, start, end, quote, blocks)
    return found.date.text, found.other


def indicator_date(brief: Brief, start: int, end: int, quote: str,
                   blocks: _Blocks | None = None, set_date: str | None = None) -> DatedWords:
    """The date of the words `quote` at text[start:end]: `set_date` when a reviewer set
    one, else as `domain.indicator_dates` reads the paragraph."""
    if set_date:
        return _reviewer_date(set_date)
    blocks = blocks or _Blocks(brief)
    block = blocks.at(start, end)
    if block is not None and brief.text[start:end] == quote:
        text, mentions = block.text, blocks.dates(block)
        found = date_in_block(text, mentions, start - block.start, end - block.start)
    else:  # the offsets no longer match the text: the quote alone
        text, mentions = quote, find_dates(quote)
        found = stated(mentions[0]) if mentions else NO_DATE
    if found.period is None:
        return _UNDATED
    if found.mention is not None:
        pair = _paired(text, mentions, mentions.index(found.mention))
        if pair is not None:
            first, second = pair
            return DatedWords(replace(found, text=first.text, calendar=first.calendar,
                                      period=first.period, mention=first), second.text, True)
    return DatedWords(found, describe_other(found.period, found.calendar), False)


def _reviewer_date(written: str) -> DatedWords:
    mentions = find_dates(written)
    if not mentions:
        return DatedWords(IndicatorDate(written, GREGORIAN, None, DateOrigin.REVIEWER), "",
                          False)
    mention = mentions[0]
    return DatedWords(IndicatorDate(written, mention.calendar, mention.period,
                                    DateOrigin.REVIEWER, mention=mention),
                      describe_other(mention.period, mention.calendar), False)


def _paired(text: str, mentions: list[DateMention],
            index: int) -> tuple[DateMention, DateMention] | None:
    """The mention and its twin in the other calendar, "A (B)", in the order written."""
    for first in (index, index - 1):
        if first < 0 or first + 1 >= len(mentions):
            continue
        a, b = mentions[first], mentions[first + 1]
        if (a.calendar != b.calendar and _OPEN_PAIR.fullmatch(text[a.end:b.start])
                and text[b.end:].lstrip().startswith(")")):
            return a, b
    return None


def describe_other(period: Period, calendar: Calendar) -> str:
    """The period in the other calendar: a Gregorian date in the Solar Hijri calendar, a
    Hijri one in the Gregorian."""
    return describe_period(period, SOLAR_HIJRI if calendar == GREGORIAN else GREGORIAN)


def other_calendar(mention: DateMention) -> str:
    """The mention's period written in the other calendar ("" when it cannot be): a
    Gregorian date in the Solar Hijri calendar, a Hijri one in the Gregorian."""
    calendar = SOLAR_HIJRI if mention.calendar == GREGORIAN else GREGORIAN
    return describe_period(mention.period, calendar)
