"""Dates a brief gives only relative to an earlier one: "two months later", "the following
year", "in the same month", in English, French, Spanish, Russian, Persian and Arabic."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from reviewdesk.domain.month_names import fold

Period = tuple[date, date]

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
    "یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6,
    "واحد": 1, "اثنین": 2, "ثلاثه": 3, "ثلاثة": 3, "اربعه": 4, "اربعة": 4,
}
_UNITS = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year",
    "jour": "day", "jours": "day", "semaine": "week", "semaines": "week", "mois": "month",
    "an": "year", "ans": "year", "annee": "year", "annees": "year",
    "dia": "day", "dias": "day", "semana": "week", "semanas": "week", "mes": "month",
    "meses": "month", "ano": "year", "anos": "year",
    "день": "day", "дня": "day", "дней": "day", "неделю": "week", "недели": "week",
    "недель": "week", "месяц": "month", "месяца": "month", "месяцев": "month", "год": "year",
    "года": "year", "лет": "year",
    "روز": "day", "هفته": "week", "ماه": "month", "سال": "year",
    "یوم": "day", "ایام": "day", "اسبوع": "week", "اسابیع": "week", "شهر": "month",
    "شهرین": "month", "اشهر": "month", "عام": "year", "عامین": "year", "سنه": "year",
    "سنة": "year", "سنوات": "year", "اعوام": "year",
}
_DUALS = {"شهرین": 2, "عامین": 2}
_N = rf"(?P<n>\d{{1,2}}|{'|'.join(sorted(map(re.escape, _NUMBERS), key=len, reverse=True))})"
_U = r"(?P<unit>[^\W\d_]+)"
# "N units later", "N units after", "N units afterwards": a shift forward; "earlier" back.
_SHIFTS = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    rf"\b{_N}\s+{_U}\s+(?P<dir>later|after(?:wards)?|earlier|before|plus\s+tard|apres|"
    rf"despues|mas\s+tarde|antes|спустя|позже|раньше|بعد|قبل)\b",
    rf"\b(?P<dir>через|спустя)\s+(?:{_N}\s+)?{_U}",
    rf"(?P<dir>بعد|قبل)\s+(?:{_N}\s+)?{_U}",
))
# "the following year", "the next month", "l'annee suivante", "al ano siguiente",
# "в следующем году", "سال بعد", "العام التالي": one unit forward.
_NEXT = re.compile(
    r"\b(?:the\s+)?(?:following|next|subsequent)\s+(?P<unit>day|week|month|year)\b"
    r"|\b(?:l'|la\s+|le\s+)?(?P<unit2>annee|mois|semaine)\s+suivante?\b"
    r"|\b(?:al|el|la)\s+(?P<unit3>ano|mes|semana)\s+siguiente\b"
    r"|\bв\s+следующ\w+\s+(?P<unit4>году|месяце)\b"
    r"|(?P<unit5>سال|ماه|هفته)\s+(?:بعد|آینده|اینده)"
    r"|(?P<unit6>العام|الشهر|السنه|السنة)\s+(?:التالی|التالي|اللاحق)", re.IGNORECASE)
# "that year", "the same month", "later that year", "la meme annee", "ese mismo ano",
# "в том же году", "همان سال", "نفس العام": within the unit of the earlier date.
_SAME = re.compile(
    r"\b(?:(?:later|earlier)\s+)?(?:that|the\s+same)\s+(?P<unit>day|week|month|year)\b"
    r"|\b(?:la\s+)?meme\s+(?P<unit2>annee|mois)\b|\bcette\s+(?P<unit3>annee)-la\b"
    r"|\b(?:ese|ese\s+mismo|el\s+mismo|ese)\s+(?P<unit4>ano|mes)\b"
    r"|\bв\s+(?:том\s+же|этом\s+же)\s+(?P<unit5>году|месяце)\b"
    r"|همان\s+(?P<unit6>سال|ماه|روز)|(?:نفس|ذات)\s+(?P<unit7>العام|الشهر|السنه|السنة)",
    re.IGNORECASE)
_UNIT_WORDS = {"году": "year", "месяце": "month", "العام": "year", "السنه": "year",
               "السنة": "year", "الشهر": "month"}


@dataclass(frozen=True, slots=True)
class RelativeDate:
    """A phrase that dates something from an earlier date: `months` (or `days`) after it
    (negative: before), or within the same unit of it (`same`)."""

    text: str
    start: int
    end: int
    unit: str  # day, week, month or year
    amount: int
    same: bool = False
    whole: bool = False  # the whole next unit: "the following year" is all of it


def find_relative(text: str) -> RelativeDate | None:
    """The first relative date phrase of `text`, or None."""
    folded = fold(text).lower()
    found = [f for f in (_shift(folded), _next(folded), _same(folded)) if f is not None]
    if not found:
        return None
    first = min(found, key=lambda f: f.start)
    return replace(first, text=text[first.start:first.end])


def _unit(word: str | None) -> str | None:
    if not word:
        return None
    word = word.lower()
    return _UNITS.get(word) or _UNIT_WORDS.get(word)


def _shift(folded: str) -> RelativeDate | None:
    found = [m for pattern in _SHIFTS for m in pattern.finditer(folded)]
    for match in sorted(found, key=lambda m: m.start()):
        unit = _unit(match["unit"])
        if unit is None:
            continue
        number = match.groupdict().get("n")
        amount = _DUALS.get(match["unit"], 0) or (
            int(number) if number and number.isdigit() else _NUMBERS.get(number or "a", 0))
        if not amount:
            continue
        direction = match["dir"]
        back = direction in ("earlier", "before", "antes", "раньше", "قبل")
        return RelativeDate(match.group(0), match.start(), match.end(), unit,
                            -amount if back else amount)
    return None


def _first_unit(match: re.Match[str]) -> str | None:
    return next((_unit(value) for name, value in match.groupdict().items()
                 if name.startswith("unit") and value), None)


def _next(folded: str) -> RelativeDate | None:
    match = _NEXT.search(folded)
    unit = _first_unit(match) if match else None
    if match is None or unit is None:
        return None
    return RelativeDate(match.group(0), match.start(), match.end(), unit, 1, whole=True)


def _same(folded: str) -> RelativeDate | None:
    match = _SAME.search(folded)
    unit = _first_unit(match) if match else None
    if match is None or unit is None:
        return None
    return RelativeDate(match.group(0), match.start(), match.end(), unit, 0, same=True)


def shifted(period: Period, relative: RelativeDate) -> Period:
    """The period `relative` names, counted from the earlier date's `period`."""
    if relative.same:
        return period if relative.unit != "year" else (
            date(period[0].year, 1, 1), date(period[1].year, 12, 31))
    if relative.whole and relative.unit in ("month", "year"):
        if relative.unit == "year":
            return date(period[1].year + 1, 1, 1), date(period[1].year + 1, 12, 31)
        first = _add_months(period[1], 1)
        return first, _month_end(first)
    if relative.unit in ("day", "week"):
        days = relative.amount * (7 if relative.unit == "week" else 1)
        return period[0] + timedelta(days=days), period[1] + timedelta(days=days)
    months = relative.amount * (12 if relative.unit == "year" else 1)
    return _add_months(period[0], months), _month_end(_add_months(period[1], months))


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)
