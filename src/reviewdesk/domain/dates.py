"""Dates as a brief writes them, Gregorian, Solar Hijri or lunar Hijri, in Latin, Cyrillic,
Persian or Arabic script, turned into Gregorian periods."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise

import jdatetime  # type: ignore[import-untyped]
from hijridate import Hijri

from reviewdesk.domain import date_patterns as dp
from reviewdesk.domain.month_names import (
    GREGORIAN,
    LUNAR_HIJRI,
    SOLAR_HIJRI,
    Calendar,
    fold,
    month_of,
)

__all__ = ["GREGORIAN", "LUNAR_HIJRI", "SOLAR_HIJRI", "Calendar", "DateCheck", "DateMention",
           "Period", "date_checks", "find_dates", "fold", "gregorian_month", "hijri_month",
           "is_month_name", "overlaps", "strip_marks"]

Period = tuple[date, date]

# "early", "mid" and "late" name the same months in every calendar, overlapping on purpose:
# a writer's "mid-year" is vague, and a check should not call "mid-2023 (late 1402)" wrong.
QUALIFIER_MONTHS: dict[str, tuple[int, int]] = {"early": (1, 4), "mid": (4, 9), "late": (9, 12)}


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date in the text: what was written, where, and the Gregorian days it covers."""

    text: str
    start: int
    end: int
    calendar: Calendar
    period: Period


@dataclass(frozen=True, slots=True)
class DateCheck:
    """A place where the brief gives one date in two calendars, and whether they agree;
    the calendar the brief does not use here is ""."""

    text: str
    gregorian: str
    solar_hijri: str
    consistent: bool
    lunar_hijri: str = ""


def strip_marks(text: str) -> str:
    """Accents off; for short keys."""
    return fold(text)


def gregorian_month(name: str) -> int | None:
    """'Sept.' -> 9, 'marzo' -> 3, 'января' -> 1; None for anything else."""
    found = month_of(name)
    return found[1] if found is not None and found[0] == GREGORIAN else None


def hijri_month(name: str) -> int | None:
    """'Hamāl' -> 1, 'Mehr' -> 7, 'مهر' -> 7; None for anything that is not a Solar Hijri
    month name."""
    found = month_of(name)
    return found[1] if found is not None and found[0] == SOLAR_HIJRI else None


def is_month_name(name: str) -> bool:
    return month_of(name) is not None


# --- Periods ---------------------------------------------------------------------------------


def gregorian_period(year: int, first_month: int = 1, last_month: int = 12) -> Period:
    """The first and last day of these months of a Gregorian year."""
    next_first = date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)
    return date(year, first_month, 1), next_first - timedelta(days=1)


def hijri_period(year: int, first_month: int = 1, last_month: int = 12) -> Period:
    """Months of a Solar Hijri year as Gregorian days; jdatetime knows the month lengths."""
    first = jdatetime.date(year, first_month, 1).togregorian()
    following = (jdatetime.date(year + 1, 1, 1) if last_month == 12
                 else jdatetime.date(year, last_month + 1, 1))
    return first, following.togregorian() - timedelta(days=1)


def lunar_period(year: int, first_month: int = 1, last_month: int = 12) -> Period:
    """Months of a lunar Hijri year (Umm al-Qura, as hijridate computes it) as Gregorian
    days; hijridate covers 1343-1500 AH and raises OverflowError beyond."""
    first = Hijri(year, first_month, 1).to_gregorian()
    end = Hijri(year, last_month, 1)
    last = Hijri(year, last_month, end.month_length()).to_gregorian()
    return date(first.year, first.month, first.day), date(last.year, last.month, last.day)


def overlaps(a: Period, b: Period) -> bool:
    """Whether two periods share at least one day (both ends are inclusive)."""
    return a[0] <= b[1] and b[0] <= a[1]


@lru_cache(maxsize=4096)
def month_span(calendar: Calendar, year: int, first: int, last: int) -> Period:
    """The first and last Gregorian day of months `first` to `last` of a year of this calendar."""
    if calendar == GREGORIAN:
        return gregorian_period(year, first, last)
    if calendar == LUNAR_HIJRI:
        return lunar_period(year, first, last)
    return hijri_period(year, first, last)


@lru_cache(maxsize=4096)
def day_period(calendar: Calendar, year: int, month: int, day: int) -> Period:
    """One day of this calendar as a Gregorian period of one day."""
    if calendar == GREGORIAN:
        value = date(year, month, day)
    elif calendar == LUNAR_HIJRI:
        moment = Hijri(year, month, day).to_gregorian()
        value = date(moment.year, moment.month, moment.day)
    else:
        value = jdatetime.date(year, month, day).togregorian()
    return value, value


# A year is read in a calendar only inside its range: "1402" is no Gregorian year, a count
# of 1,500 is no year at all, and a Solar Hijri month with "2023" is no date.
YEARS: dict[Calendar, range] = {GREGORIAN: range(1500, 2200), SOLAR_HIJRI: range(1200, 1500),
                                LUNAR_HIJRI: range(1343, 1501)}
_BARE_YEARS = range(1800, 2101)
_HIJRI_YEARS = YEARS[SOLAR_HIJRI]


# --- Finding dates ---------------------------------------------------------------------------


def find_dates(text: str) -> list[DateMention]:
    """Every date mention, in text order; overlapping matches keep the longest one."""
    folded = fold(text)
    windows = _windows(folded)
    if not windows:
        return []
    context = _Context(text, folded)
    candidates: list[DateMention] = []
    patterns = dp.PATTERNS
    if dp.ARABIC_SCRIPT.search(folded):
        patterns = (("script", dp.SCRIPT_PATTERN), *patterns)
    for name, pattern in patterns:
        for start, end in windows:
            for match in pattern.finditer(folded, start, end):
                mention = _mention(name, match, context)
                if mention is not None:
                    candidates.append(mention)
    chosen = _non_overlapping(candidates)
    return _mark_hijri_pairs(chosen, context)


# Every date has a year of four digits: the patterns are tried only around one, which
# keeps a long brief fast (a month name may stand this far before its year, an era or a
# closing bracket this far after it).
_FOUR_DIGITS = re.compile(r"\d{4}")
_BEFORE, _AFTER = 60, 40


def _windows(folded: str) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for match in _FOUR_DIGITS.finditer(folded):
        start = max(0, match.start() - _BEFORE)
        end = min(len(folded), match.end() + _AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


@dataclass(slots=True)
class _Context:
    """The text and what its script says of bare Hijri years: Arabic writers mean the lunar
    calendar, Persian and Dari writers (and those who write in Latin script) the solar."""

    text: str
    folded: str
    _arabic: bool | None = None

    @property
    def hijri(self) -> Calendar:
        """Which Hijri calendar a bare Hijri year means here: lunar in Arabic text, solar
        otherwise."""
        if self._arabic is None:
            self._arabic = bool(re.search("[يكة]", self.text)) and not re.search(
                "[پچژگکی]", self.text)
        return LUNAR_HIJRI if self._arabic else SOLAR_HIJRI


def _non_overlapping(candidates: list[DateMention]) -> list[DateMention]:
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[DateMention] = []
    for mention in candidates:
        if not chosen or mention.start >= chosen[-1].end:
            chosen.append(mention)
    return chosen


def _mention(name: str, match: re.Match[str], context: _Context) -> DateMention | None:
    if _after_code_word(context.folded, match.start()):
        return None
    try:
        found = _parse(name, match, context)
    except (ValueError, OverflowError):  # 31 February, month 13, a year beyond a library
        return None
    if found is None:
        return None
    calendar, period = found
    return DateMention(context.text[match.start():match.end()], match.start(), match.end(),
                       calendar, period)


_TOKEN_BEFORE = re.compile(r"(\S+)\s*$")


def _after_code_word(folded: str, start: int) -> bool:
    """"No. 2015", "ISBN 2015": a number, not a date."""
    found = _TOKEN_BEFORE.search(folded, max(0, start - 12), start)
    return found is not None and found.group(1).lower().rstrip(".:") in dp.CODE_WORDS


def _parse(name: str, match: re.Match[str], context: _Context) -> tuple[Calendar, Period] | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if name == "iso":
        return GREGORIAN, day_period(GREGORIAN, year, int(groups["month"]), int(groups["day"]))
    if name == "ymd":
        calendar = context.hijri
        return calendar, day_period(calendar, year, int(groups["month"]), int(groups["day"]))
    if name == "decade":
        return (GREGORIAN, (date(year, 1, 1), date(year + 9, 12, 31))) \
            if year in YEARS[GREGORIAN] else None
    if name == "years":
        return _year_range(year, groups["year2"] or "")
    if groups.get("mname"):
        return _parse_month(groups, year)
    era = _era(groups, name, context)
    if era is None or year not in (_BARE_YEARS if name == "year" else YEARS[era]):
        return None
    return era, _qualified(era, year, groups.get("qual"))


def _era(groups: dict[str, str | None], name: str, context: _Context) -> Calendar | None:
    if groups.get("solar") or name == "solar_year":
        return SOLAR_HIJRI
    if groups.get("lunar"):
        return LUNAR_HIJRI
    if groups.get("ce") or name in ("year", "qual"):
        return GREGORIAN
    return context.hijri if name == "marked" else None


def _year_range(first: int, second_text: str) -> tuple[Calendar, Period] | None:
    """"2028-2034", "2019-20", "2023/24": the years from the first to the second."""
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(
        second_text)
    if first not in _BARE_YEARS or not first < second <= first + 30:
        return None
    return GREGORIAN, (date(first, 1, 1), date(second, 12, 31))


def _parse_month(groups: dict[str, str | None], year: int) -> tuple[Calendar, Period] | None:
    found = month_of(groups["mname"] or "")
    if found is None:
        return None
    calendar, month = found
    if year not in YEARS[calendar]:
        return None
    if groups.get("mname1"):
        first = month_of(groups["mname1"] or "")
        if first is None or first[0] != calendar or first[1] >= month:
            return None
        return calendar, month_span(calendar, year, first[1], month)
    if groups.get("day"):
        return calendar, day_period(calendar, year, month, int(groups["day"] or 0))
    return calendar, month_span(calendar, year, month, month)  # "mid-March 2024" is March


def _qualified(calendar: Calendar, year: int, qualifier: str | None) -> Period:
    word = dp.QUALIFIERS.get((qualifier or "").lower(), "")
    first, last = QUALIFIER_MONTHS.get(word, (1, 12))
    return month_span(calendar, year, first, last)


# A year in parentheses right after a Gregorian date, "(mid-1402)", is the same date in
# the other calendar; so is "1402" right before "(2023)". A bare Hijri year in Persian or
# Arabic digits after "سال", "در", "عام"... is one too.
_PAREN_YEAR = re.compile(rf"\(\s*(?:{dp.QUAL})?{dp.YEAR}\s*\)", re.IGNORECASE)
_BARE_HIJRI = re.compile(rf"{dp.B}(?:{dp.QUAL})?{dp.YEAR}(?=\s*\(\s*(?:(?:early|mid|late)"
                         r"[-\s]*)?\d{4}\s*\))", re.IGNORECASE)
_NATIVE_YEAR = re.compile(r"(?<![\d\w])(?P<year>1[34]\d\d)(?![\d/])")


def _mark_hijri_pairs(chosen: list[DateMention], context: _Context) -> list[DateMention]:
    folded = context.folded
    extra: list[DateMention] = []
    ends = {m.end: m for m in chosen}
    for match in _PAREN_YEAR.finditer(folded):
        previous = _previous_mention(ends, folded, match.start())
        if previous is not None and previous.calendar == GREGORIAN:
            extra.extend(_hijri_year(match, context, previous.period))
    for match in _BARE_HIJRI.finditer(folded):
        extra.extend(_hijri_year(match, context, _paren_period(chosen, match.end())))
    if not context.text.isascii():
        extra.extend(m for m in _native_years(context)
                     if not any(c.start < m.end and m.start < c.end for c in chosen))
    if not extra:
        return chosen
    taken = [(m.start, m.end) for m in extra]
    kept = [m for m in chosen if not any(s <= m.start < e or m.start <= s < m.end
                                         for s, e in taken)]
    return sorted([*kept, *extra], key=lambda m: m.start)


def _paren_period(chosen: list[DateMention], after: int) -> Period | None:
    return next((m.period for m in chosen if m.start >= after), None)


def _previous_mention(ends: dict[int, DateMention], folded: str,
                      paren: int) -> DateMention | None:
    position = paren
    while position > 0 and folded[position - 1].isspace():
        position -= 1
    return ends.get(position)


def _hijri_year(match: re.Match[str], context: _Context,
                beside: Period | None) -> Iterator[DateMention]:
    """The year as Hijri: in the calendar the script suggests, unless only the other one
    agrees with the Gregorian date beside it."""
    year = int(match["year"])
    if year not in _HIJRI_YEARS:
        return
    start, end = match.start("year"), match.end("year")
    if match["qual"]:
        start = match.start("qual")
    calendar = context.hijri
    period = _hijri_period_or_none(calendar, year, match["qual"])
    other: Calendar = SOLAR_HIJRI if calendar == LUNAR_HIJRI else LUNAR_HIJRI
    other_period = _hijri_period_or_none(other, year, match["qual"])
    if beside is not None and other_period is not None and overlaps(other_period, beside) \
            and (period is None or not overlaps(period, beside)):
        calendar, period = other, other_period
    if period is not None:
        yield DateMention(context.text[start:end], start, end, calendar, period)


def _hijri_period_or_none(calendar: Calendar, year: int, qualifier: str | None) -> Period | None:
    try:
        return _qualified(calendar, year, qualifier)
    except (ValueError, OverflowError):
        return None


def _native_years(context: _Context) -> Iterator[DateMention]:
    """Bare years in Persian or Arabic digits after a word that introduces a year."""
    for match in _NATIVE_YEAR.finditer(context.folded):
        digit = context.text[match.start()]
        if digit.isascii() or not dp.HIJRI_YEAR_CONTEXT.search(
                context.folded, max(0, match.start() - 12), match.start()):
            continue
        year = int(match["year"])
        calendar = context.hijri
        period = _hijri_period_or_none(calendar, year, None)
        if period is not None:
            yield DateMention(context.text[match.start():match.end()], match.start(),
                              match.end(), calendar, period)


# --- Paired dates ----------------------------------------------------------------------------

_PAIR = re.compile(r"\s*\(\s*")


def date_checks(text: str) -> list[DateCheck]:
    """Each "A (B)" where A and B are dates in different calendars, and whether they overlap."""
    mentions = find_dates(text)
    checks: list[DateCheck] = []
    for first, second in pairwise(mentions):
        if first.calendar == second.calendar:
            continue
        between = text[first.end:second.start]
        if not _PAIR.fullmatch(between) or not text[second.end:].lstrip().startswith(")"):
            continue
        close = text.index(")", second.end) + 1
        written = {first.calendar: first.text, second.calendar: second.text}
        checks.append(DateCheck(text[first.start:close], written.get(GREGORIAN, ""),
                                written.get(SOLAR_HIJRI, ""),
                                overlaps(first.period, second.period),
                                written.get(LUNAR_HIJRI, "")))
    return checks
