"""What the review appendix of an exported brief lists: the indicators tagged, with their
dates in both calendars, the reference check, and the recommendations tracker.

Dates of an indicator
---------------------
The date of an indicator is the first date written in the annotated words; when the words
hold none, the first date of the sentence they stand in, and failing that the nearest date
of their paragraph (the last one before them, else the first one after them). Dates are
found as the indicator candidates find them (`find_dates` over the whole paragraph), so a
date that runs past the edge of the quote is still read whole.

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
from dataclasses import dataclass

import jdatetime  # type: ignore[import-untyped]

from reviewdesk.domain.brief import Block, Brief
from reviewdesk.domain.codebook import PATH_SEPARATOR
from reviewdesk.domain.dates import GREGORIAN, DateMention, Period, find_dates
from reviewdesk.domain.indicators import split_sentences
from reviewdesk.domain.references import flag_words
from reviewdesk.domain.views import AnnotationView
from reviewdesk.services.tracking import recommendations_of, references_of
from reviewdesk.storage.store import Store

INDICATOR_TAG = "Indicator"
DATE_SEPARATOR = " / "
RANGE_DASH = "–"

GREGORIAN_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
# The Afghan (zodiac) names, spelt as domain.dates reads them back.
AFGHAN_MONTH_NAMES = (
    "Hamal", "Saur", "Jawza", "Saratan", "Asad", "Sunbula", "Mizan", "Aqrab", "Qaws", "Jadi",
    "Dalw", "Hut",
)

# A period this long or longer reads as years in the other calendar, shorter as months.
_YEAR_DAYS = 365
_OPEN_PAIR = re.compile(r"\s*\(\s*")


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One indicator annotation. `date` is as written; `other_date` is the same date in
    the other calendar, as written beside it or converted (see the module docstring)."""

    date: str
    other_date: str
    text: str
    tag: str
    reviewer: str
    start: int

    @property
    def dates(self) -> str:
        """"21 March 2023 / 1 Hamal 1402", or whichever part is known."""
        return DATE_SEPARATOR.join(part for part in (self.date, self.other_date) if part)


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


def _indicator_row(brief: Brief, view: AnnotationView, blocks: _Blocks) -> IndicatorRow:
    written, other = indicator_dates(brief, view.start, view.end, view.quote, blocks)
    return IndicatorRow(date=written, other_date=other, text=view.quote, tag=view.tag or "",
                        reviewer=view.reviewer, start=view.start)


def indicator_dates(brief: Brief, start: int, end: int, quote: str,
                    blocks: _Blocks | None = None) -> tuple[str, str]:
    """(date as written, the same date in the other calendar) for the words `quote` at
    text[start:end]; ("", "") when neither they nor their context give a date."""
    blocks = blocks or _Blocks(brief)
    block = blocks.at(start, end)
    if block is not None and brief.text[start:end] == quote:
        text = block.text
        mentions = blocks.dates(block)
        index = _chosen(text, mentions, start - block.start, end - block.start)
    else:  # the offsets no longer match the text: the quote alone
        text = quote
        mentions = find_dates(text)
        index = 0 if mentions else None
    if index is None:
        return "", ""
    pair = _paired(text, mentions, index)
    if pair is not None:
        return pair[0].text, pair[1].text
    mention = mentions[index]
    return mention.text, other_calendar(mention)


def _chosen(text: str, mentions: list[DateMention], start: int, end: int) -> int | None:
    """Which mention dates the words text[start:end] (offsets in the block)."""
    if not mentions:
        return None
    for index, mention in enumerate(mentions):
        if mention.start < end and mention.end > start:
            return index
    for sentence in split_sentences(text):
        if sentence.start < end and sentence.end > start:
            for index, mention in enumerate(mentions):
                if sentence.start <= mention.start and mention.end <= sentence.end:
                    return index
    before = [i for i, m in enumerate(mentions) if m.end <= start]
    return before[-1] if before else 0


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


def other_calendar(mention: DateMention) -> str:
    """The mention's period written in the other calendar ("" when it cannot be)."""
    try:
        if mention.calendar == GREGORIAN:
            return _as_hijri(mention.period)
        return _as_gregorian(mention.period)
    except (ValueError, OverflowError):  # a year outside what jdatetime converts
        return ""


def _as_hijri(period: Period) -> str:
    first = jdatetime.date.fromgregorian(date=period[0])
    last = jdatetime.date.fromgregorian(date=period[1])
    return _describe(period, (first.year, first.month, first.day),
                     (last.year, last.month, last.day), AFGHAN_MONTH_NAMES)


def _as_gregorian(period: Period) -> str:
    first, last = period
    return _describe(period, (first.year, first.month, first.day),
                     (last.year, last.month, last.day), GREGORIAN_MONTH_NAMES)


def _describe(period: Period, first: tuple[int, int, int], last: tuple[int, int, int],
              months: tuple[str, ...]) -> str:
    """A day, a range of months or a range of years, by how long the period is."""
    (year1, month1, day1), (year2, month2, _) = first, last
    if period[0] == period[1]:
        return f"{day1} {months[month1 - 1]} {year1}"
    if (period[1] - period[0]).days + 1 >= _YEAR_DAYS:
        return str(year1) if year1 == year2 else f"{year1}{RANGE_DASH}{year2}"
    if (year1, month1) == (year2, month2):
        return f"{months[month1 - 1]} {year1}"
    if year1 == year2:
        return f"{months[month1 - 1]}{RANGE_DASH}{months[month2 - 1]} {year1}"
    return f"{months[month1 - 1]} {year1}{RANGE_DASH}{months[month2 - 1]} {year2}"
