"""The date of an indicator: the one the brief states for its words, one inferred from an
earlier date of its paragraph (said so, with where from), or none.

Stated: the first date in the words themselves, else the first date of their sentence,
passing over a date inside an author-year citation ("(Ortiz 2021)") and, where the
sentence has another, a target or a span the event is about ("a plan for 2028-2034",
"by 2030"). Inferred: a sentence without a date of its own that dates itself from an
earlier one ("two months later", "the following year", "in the same month") takes that
date moved accordingly; any other takes the nearest earlier date of its paragraph. Both
say which date they come from. Nothing earlier in the paragraph: no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from reviewdesk.domain.date_text import describe_period
from reviewdesk.domain.dates import GREGORIAN, Calendar, DateMention, Period, is_month_name
from reviewdesk.domain.relative_dates import find_relative, shifted
from reviewdesk.domain.sentences import split_sentences


class DateOrigin(StrEnum):
    """Where an indicator's date comes from."""

    STATED = "stated"  # the brief writes it for these words
    INFERRED = "inferred"  # worked out from an earlier date of the paragraph
    REVIEWER = "reviewer"  # set by a reviewer
    NONE = "none"


@dataclass(frozen=True, slots=True)
class IndicatorDate:
    """`text` as written (stated), or the period worked out, described (inferred); `source`
    says where an inferred date comes from; `mention` is the stated date itself."""

    text: str
    calendar: Calendar
    period: Period | None
    origin: DateOrigin
    source: str = ""
    mention: DateMention | None = None

    @property
    def stated(self) -> bool:
        return self.origin == DateOrigin.STATED


NO_DATE = IndicatorDate("", GREGORIAN, None, DateOrigin.NONE)

_TWIN = re.compile(r"\s*\(\s*")
_BRACKETS = re.compile(r"[(\[]([^()\[\]]{1,120})[)\]]")
_CITATION_NOISE = re.compile(r"\bet\s+al\b\.?|\bp+\.\s*\d+|\d{4}[a-z]?|[\d,;:&،؛]", re.I)
_NAME = re.compile(r"[^\W\d_][\w'’.-]*")
# A date after one of these is what the event aims at or covers, not when it happened.
_TARGET = re.compile(
    r"(?:\b(?:for|by|until|till|through|before|to|pour|d'ici|jusqu'en|para|hasta|до|к|"
    r"по)|تا|حتی|حتى|بحلول|لغایت)\s+(?:the\s+(?:end|period)\s+of\s+|(?:fin|finales)\s+"
    r"(?:de\s+)?)?$", re.IGNORECASE)


def in_citation(text: str, mention: DateMention) -> bool:
    """Whether the date stands in an author-year citation in brackets: "(Ortiz 2021)",
    "(Ministry of Health, 2019)"; a bracket that holds only a date is none."""
    for group in _BRACKETS.finditer(text, max(0, mention.start - 120), mention.end + 120):
        if not group.start() < mention.start and mention.end < group.end():
            continue
        inside = _CITATION_NOISE.sub(" ", group.group(1))
        names = [w for w in _NAME.findall(inside) if not is_month_name(w)]
        return bool(names) and (names[0][0].isupper() or not names[0][0].isascii()) \
            and len(inside.split()) <= 8
    return False


def _is_target(text: str, mention: DateMention) -> bool:
    return _TARGET.search(text, max(0, mention.start - 30), mention.start) is not None


def event_mention(text: str, mentions: list[DateMention]) -> DateMention | None:
    """Which of `mentions` (dates of `text`) dates the event `text` reports."""
    plain = [m for m in mentions if not in_citation(text, m)]
    if not plain:
        return None
    return next((m for m in plain if not _is_target(text, m)), plain[0])


def stated(mention: DateMention) -> IndicatorDate:
    """The date a mention writes, as an indicator's date."""
    return IndicatorDate(mention.text, mention.calendar, mention.period, DateOrigin.STATED,
                         mention=mention)


def date_in_block(text: str, mentions: list[DateMention], start: int,
                  end: int) -> IndicatorDate:
    """The date of the words text[start:end] of a block whose dates are `mentions`."""
    inside = [m for m in mentions if m.start < end and m.end > start]
    found = event_mention(text, inside)
    if found is not None:
        return stated(found)
    sentence = next((s for s in split_sentences(text) if s.start < max(end, start + 1)
                     and s.end > start), None)
    if sentence is None:
        return NO_DATE
    own = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
    found = event_mention(text, own)
    if found is not None:
        return stated(found)
    return inferred(text, mentions, sentence.start, sentence.end)


def inferred(text: str, mentions: list[DateMention], start: int, end: int) -> IndicatorDate:
    """The date of the sentence text[start:end], which states none, from an earlier date of
    its block: moved by a relative phrase ("two months later") or taken as it is."""
    earlier = [m for m in mentions if m.end <= start and not in_citation(text, m)]
    if not earlier:
        return NO_DATE
    anchor = earlier[-1]
    if len(earlier) > 1 and _TWIN.fullmatch(text, earlier[-2].end, anchor.start):
        anchor = earlier[-2]  # "mid-2024 (mid-1403)": the date as first written
    relative = find_relative(text[start:end])
    if relative is None:
        return IndicatorDate(anchor.text, anchor.calendar, anchor.period, DateOrigin.INFERRED,
                             f"the date “{anchor.text}” earlier in the paragraph", anchor)
    period = shifted(anchor.period, relative)
    return IndicatorDate(describe_period(period, anchor.calendar), anchor.calendar, period,
                         DateOrigin.INFERRED, f"“{relative.text}” after “{anchor.text}”")


def relative_date(text: str, mentions: list[DateMention], start: int,
                  end: int) -> IndicatorDate:
    """An inferred date only when the sentence text[start:end] dates itself from an earlier
    one with a relative phrase; else no date."""
    if find_relative(text[start:end]) is None:
        return NO_DATE
    return inferred(text, mentions, start, end)
