"""Dates as a brief writes them, Gregorian or Solar Hijri, turned into Gregorian periods."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Literal

import jdatetime  # type: ignore[import-untyped]

Calendar = Literal["gregorian", "solar_hijri"]
Period = tuple[date, date]

GREGORIAN: Calendar = "gregorian"
SOLAR_HIJRI: Calendar = "solar_hijri"

# "early", "mid" and "late" name the same months in both calendars, overlapping on purpose:
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
    """A place where the brief gives one date in both calendars, and whether they agree."""

    text: str
    gregorian: str
    solar_hijri: str
    consistent: bool


_GREGORIAN_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

_HIJRI_MONTHS: dict[str, int] = {
    # Afghan (zodiac) names, with the common romanisations.
    "hamal": 1, "sawr": 2, "sour": 2, "saur": 2, "jawza": 3, "jauza": 3, "jowza": 3,
    "saratan": 4, "asad": 5, "sunbula": 6, "sonbola": 6, "sunbulah": 6, "mizan": 7,
    "aqrab": 8, "akrab": 8, "qaws": 9, "qaus": 9, "jadi": 10, "jaddi": 10, "dalw": 11,
    "dalv": 11, "hut": 12, "hoot": 12,
    # Iranian names.
    "farvardin": 1, "ordibehesht": 2, "khordad": 3, "tir": 4, "mordad": 5, "amordad": 5,
    "shahrivar": 6, "shahrewar": 6, "mehr": 7, "aban": 8, "azar": 9, "dey": 10, "dei": 10,
    "bahman": 11, "esfand": 12,
}

_MARKS = "[\u0300-\u036f]*"


def _name_pattern(names: list[str]) -> str:
    """Month names, each letter allowed a trailing combining mark (decomposed 'Hama\u0304l')."""
    ordered = sorted(names, key=len, reverse=True)
    return "|".join(_MARKS.join(re.escape(ch) for ch in name) for name in ordered)


_G = _name_pattern(list(_GREGORIAN_MONTHS))
_H = _name_pattern([n for n in _HIJRI_MONTHS if n.isalpha()])
_ANY = f"(?:{_G}|{_H})"
_WORD = "[A-Za-z][A-Za-z\u0300-\u036f]{1,14}(?![A-Za-z\u0300-\u036f])"
_QUAL = r"(?P<qual>early|mid|late)(?:-|\s+|\s*-\s*)"
_YEAR = r"(?P<year>\d{4})(?![\d,.]\d)"
_B = r"(?<![\w.,])"  # not glued to a word or a number ("3,000", "v1402")

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("iso", rf"{_B}(?P<year>\d{{4}})-(?P<month>\d{{2}})-(?P<day>\d{{2}})\b"),
        ("dmy", rf"{_B}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mname>{_ANY})\b\.?,?\s+{_YEAR}"),
        # Any word before a year, checked against the month names afterwards: one simple
        # pattern is several times faster than a long alternation tried at every word.
        ("month", rf"\b(?:{_QUAL})?(?P<mname>{_WORD})\.?(?:\s+(?P<day>\d{{1,2}})"
                  rf"(?:st|nd|rd|th)?,)?,?\s+{_YEAR}"),
        ("decade", r"\b(?:the\s+)?(?P<year>\d{3}0)[’']?s\b"),
        ("marked", rf"{_B}(?:{_QUAL})?{_YEAR}\s*(?:SH|AP|HS|S\.H\.|A\.P\.|solar(?:\s+hijri)?)\b"),
        ("solar_year", rf"\bsolar\s+(?:hijri\s+)?year\s+{_YEAR}"),
        ("qual", rf"\b{_QUAL}{_YEAR}"),
        ("year", rf"{_B}{_YEAR}"),
    )
)

# A bare year is a Solar Hijri year only where the text marks it so; these ranges keep
# "1402" and "2023" apart when it does not.
_GREGORIAN_YEARS = range(1500, 2200)
_HIJRI_YEARS = range(1200, 1500)
_PAIR = re.compile(r"\s*\(\s*")


class _Folder(dict[int, int]):
    """str.translate table, built as characters turn up: accented letters to their base
    letter and Persian or Arabic-Indic digits to ASCII, always one character for one, so
    offsets in the folded text are offsets in the original."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        digit = unicodedata.digit(char, None)
        if digit is not None and not char.isascii():
            folded = str(digit)
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", char)
                           if not unicodedata.combining(c))
            folded = base if len(base) == 1 else char
        self[code] = ord(folded)
        return ord(folded)


_FOLDER = _Folder()


def fold(text: str) -> str:
    """Accents off, digits to ASCII, same length; lower case is left to the caller."""
    return text if text.isascii() else text.translate(_FOLDER)


def strip_marks(text: str) -> str:
    """Accents off by NFKD; may change the length, so only for short keys."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def gregorian_month(name: str) -> int | None:
    """'Sept.' -> 9; None for anything that is not a Gregorian month name."""
    return _GREGORIAN_MONTHS.get(strip_marks(name).lower().rstrip("."))


def hijri_month(name: str) -> int | None:
    """'Hamāl' -> 1, 'Mehr' -> 7; None for anything that is not a Solar Hijri month name."""
    return _HIJRI_MONTHS.get(strip_marks(name).lower().rstrip("."))


def is_month_name(name: str) -> bool:
    return gregorian_month(name) is not None or hijri_month(name) is not None


# --- Periods ---------------------------------------------------------------------------------


def gregorian_period(year: int, first_month: int = 1, last_month: int = 12) -> Period:
    next_first = date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)
    return date(year, first_month, 1), next_first - timedelta(days=1)


def hijri_period(year: int, first_month: int = 1, last_month: int = 12) -> Period:
    """Months of a Solar Hijri year as Gregorian days; jdatetime knows the month lengths."""
    first = jdatetime.date(year, first_month, 1).togregorian()
    following = (jdatetime.date(year + 1, 1, 1) if last_month == 12
                 else jdatetime.date(year, last_month + 1, 1))
    return first, following.togregorian() - timedelta(days=1)


def overlaps(a: Period, b: Period) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _month_span(calendar: Calendar, year: int, first: int, last: int) -> Period:
    if calendar == GREGORIAN:
        return gregorian_period(year, first, last)
    return hijri_period(year, first, last)


def _day(calendar: Calendar, year: int, month: int, day: int) -> Period:
    if calendar == GREGORIAN:
        value = date(year, month, day)
    else:
        value = jdatetime.date(year, month, day).togregorian()
    return value, value


# --- Finding dates ---------------------------------------------------------------------------


def find_dates(text: str) -> list[DateMention]:
    """Every date mention, in text order; overlapping matches keep the longest one."""
    folded = fold(text)
    candidates: list[DateMention] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(folded):
            mention = _mention(name, match, text)
            if mention is not None:
                candidates.append(mention)
    chosen = _non_overlapping(candidates)
    return _mark_hijri_pairs(chosen, folded, text)


def _non_overlapping(candidates: list[DateMention]) -> list[DateMention]:
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[DateMention] = []
    for mention in candidates:
        if not chosen or mention.start >= chosen[-1].end:
            chosen.append(mention)
    return chosen


def _mention(name: str, match: re.Match[str], text: str) -> DateMention | None:
    try:
        found = _parse(name, match)
    except ValueError:  # 31 February, month 13, a year jdatetime cannot take
        return None
    if found is None:
        return None
    calendar, period = found
    return DateMention(text[match.start():match.end()], match.start(), match.end(),
                       calendar, period)


def _parse(name: str, match: re.Match[str]) -> tuple[Calendar, Period] | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if name == "iso":
        return GREGORIAN, _day(GREGORIAN, year, int(groups["month"]), int(groups["day"]))
    if name == "decade":
        return (GREGORIAN, (date(year, 1, 1), date(year + 9, 12, 31))) \
            if year in _GREGORIAN_YEARS else None
    if groups.get("mname"):
        return _parse_month(groups, year)
    calendar = SOLAR_HIJRI if name in ("marked", "solar_year") else GREGORIAN
    if calendar == GREGORIAN and year not in _GREGORIAN_YEARS:
        return None
    return calendar, _qualified(calendar, year, groups.get("qual"))


def _parse_month(groups: dict[str, str | None], year: int) -> tuple[Calendar, Period] | None:
    name = groups["mname"] or ""
    month = gregorian_month(name)
    calendar: Calendar = GREGORIAN
    if month is None:
        month, calendar = hijri_month(name), SOLAR_HIJRI
    if month is None:
        return None
    if groups.get("day"):
        return calendar, _day(calendar, year, month, int(groups["day"] or 0))
    return calendar, _month_span(calendar, year, month, month)


def _qualified(calendar: Calendar, year: int, qualifier: str | None) -> Period:
    first, last = QUALIFIER_MONTHS.get((qualifier or "").lower(), (1, 12))
    return _month_span(calendar, year, first, last)


# A year in parentheses right after a Gregorian date, "(mid-1402)", is the same date in
# the other calendar; so is "1402" right before "(2023)".
_PAREN_YEAR = re.compile(rf"\(\s*(?:{_QUAL})?{_YEAR}\s*\)", re.IGNORECASE)
_BARE_HIJRI = re.compile(rf"{_B}(?:{_QUAL})?{_YEAR}(?=\s*\(\s*(?:(?:early|mid|late)[-\s]*)?"
                         r"\d{4}\s*\))", re.IGNORECASE)


def _mark_hijri_pairs(chosen: list[DateMention], folded: str, text: str) -> list[DateMention]:
    extra: list[DateMention] = []
    ends = {m.end: m for m in chosen}
    for match in _PAREN_YEAR.finditer(folded):
        previous = _previous_mention(ends, folded, match.start())
        if previous is not None and previous.calendar == GREGORIAN:
            extra.extend(_hijri_year(match, text))
    for match in _BARE_HIJRI.finditer(folded):
        extra.extend(_hijri_year(match, text))
    if not extra:
        return chosen
    taken = {(m.start, m.end) for m in extra}
    kept = [m for m in chosen if not any(s <= m.start < e for s, e in taken)]
    return sorted([*kept, *extra], key=lambda m: m.start)


def _previous_mention(ends: dict[int, DateMention], folded: str,
                      paren: int) -> DateMention | None:
    position = paren
    while position > 0 and folded[position - 1].isspace():
        position -= 1
    return ends.get(position)


def _hijri_year(match: re.Match[str], text: str) -> Iterator[DateMention]:
    year = int(match["year"])
    if year not in _HIJRI_YEARS:
        return
    start, end = match.start("year"), match.end("year")
    if match["qual"]:
        start = match.start("qual")
    period = _qualified(SOLAR_HIJRI, year, match["qual"])
    yield DateMention(text[start:end], start, end, SOLAR_HIJRI, period)


# --- Paired dates ----------------------------------------------------------------------------


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
        gregorian, hijri = (first, second) if first.calendar == GREGORIAN else (second, first)
        close = text.index(")", second.end) + 1
        checks.append(DateCheck(text[first.start:close], gregorian.text, hijri.text,
                                overlaps(gregorian.period, hijri.period)))
    return checks
