"""Month names as briefs write them, in English, French, Spanish, Russian, Tajik, Persian,
Dari and Arabic, for the Gregorian, Solar Hijri and lunar Hijri calendars.

The Iranian Solar Hijri names in Persian script and their romanisation come from jdatetime,
the lunar Hijri names and the Arabic Gregorian names from hijridate: the calendar libraries
already used for the conversions. No maintained library holds the rest (CLDR, through
Babel, has neither the Afghan month names nor the Russian prepositional case, "в марте"), so
they are listed here. Russian and Tajik names are matched by stem, which takes every case.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import ClassVar, Literal

import jdatetime  # type: ignore[import-untyped]
from hijridate.locales import get_locale

Calendar = Literal["gregorian", "solar_hijri", "lunar_hijri"]
GREGORIAN: Calendar = "gregorian"
SOLAR_HIJRI: Calendar = "solar_hijri"
LUNAR_HIJRI: Calendar = "lunar_hijri"

# Month number -> the names and abbreviations, space separated; "_" stands for a space
# inside a name.
_GREGORIAN_TEXT = {
    1: "january jan janvier janv enero ene",
    2: "february feb fevrier fevr febrero",
    3: "march mar mars marzo",
    4: "april apr avril avr abril abr",
    5: "may mai mayo",
    6: "june jun juin junio",
    7: "july jul juillet juil julio",
    8: "august aug aout agosto",
    9: "september sept sep septembre septiembre setiembre",
    10: "october oct octobre octubre",
    11: "november nov novembre noviembre",
    12: "december dec decembre diciembre dic",
}
# Gregorian months in Persian script (Iran and Afghanistan spell them differently) and the
# Levantine Arabic names.
_GREGORIAN_SCRIPT_TEXT = {
    1: "ژانویه جنوری ژانویهٔ كانون_الثاني",
    2: "فوریه فبروری شباط",
    3: "مارس مارچ آذار",
    4: "آوریل اپریل اپريل نيسان إبريل ابريل",
    5: "مه مى می ماه_مه أيار ايار",
    6: "ژوئن جون حزيران",
    7: "ژوئیه ژوییه جولای تموز",
    8: "اوت اگوست آگوست اگست آب",
    9: "سپتامبر سپتمبر أيلول ايلول",
    10: "اکتبر اكتوبر تشرين_الأول",
    11: "نوامبر نومبر تشرين_الثاني",
    12: "دسامبر دسمبر كانون_الأول",
}
# The Afghan (zodiac) names, romanised and in Persian script; the Iranian names come from
# jdatetime.
_SOLAR_TEXT = {
    1: "hamal", 2: "sawr sour saur sowr", 3: "jawza jauza jowza", 4: "saratan", 5: "asad amordad",
    6: "sunbula sonbola sunbulah shahrewar", 7: "mizan", 8: "aqrab akrab", 9: "qaws qaus",
    10: "jadi jaddi dei", 11: "dalw dalv", 12: "hut hoot",
}
_SOLAR_SCRIPT_TEXT = {
    1: "حمل", 2: "ثور", 3: "جوزا جوزا", 4: "سرطان", 5: "اسد امرداد", 6: "سنبله", 7: "میزان",
    8: "عقرب", 9: "قوس", 10: "جدی", 11: "دلو", 12: "حوت",
}
# Lunar Hijri variants beside hijridate's Arabic names.
_LUNAR_TEXT = {
    1: "muharram محرم_الحرام", 2: "safar", 3: "ربیع_الاول ربيع_الاول", 4: "ربیع_الثانی ربيع_الآخر "
    "ربیع_الآخر", 5: "جمادی_الاولی جمادى_الاولى", 6: "جمادی_الثانیه جمادى_الثانية "
    "جمادی_الآخر", 7: "rajab", 8: "shaban", 9: "ramadan ramazan رمضان_المبارك", 10: "shawwal",
    11: "ذی_القعده ذيقعده", 12: "ذی_الحجه ذيحجه",
}
# Russian and Tajik stems, with the letters any case may end them with.
_CYRILLIC_STEMS = (
    ("январ", 1), ("янв", 1), ("феврал", 2), ("февр", 2), ("фев", 2), ("март", 3), ("мар", 3),
    ("апрел", 4), ("апр", 4), ("ма", 5), ("июн", 6), ("июл", 7), ("август", 8), ("авг", 8),
    ("сентябр", 9), ("сент", 9), ("сен", 9), ("октябр", 10), ("окт", 10), ("ноябр", 11),
    ("нояб", 11), ("ноя", 11), ("декабр", 12), ("дек", 12),
)
_CYRILLIC_ENDING = re.compile(r"(?:ь|я|е|ю|ем|ём|ом|и|й|и)?$")
_MAY = re.compile(r"ма(?:й|я|е|ю|ем|ём|и|йи)$")


class _Letters(dict[int, int]):
    """str.translate table, built as characters turn up: accents off, Persian or Arabic
    digits to ASCII, Arabic letter forms to the Persian ones (ي, ى to ی; ك to ک; ة kept),
    always one character for one, so offsets in folded text are offsets in the original."""

    _SAME: ClassVar[dict[str, str]] = {"ي": "ی", "ى": "ی", "ك": "ک", "ە": "ه", "ۀ": "ه", "ٱ": "ا"}

    def __missing__(self, code: int) -> int:
        char = chr(code)
        digit = unicodedata.digit(char, None)
        if digit is not None and not char.isascii():
            folded = str(digit)
        elif char in self._SAME:
            folded = self._SAME[char]
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", char)
                           if not unicodedata.combining(c))
            folded = base if len(base) == 1 else char
            folded = self._SAME.get(folded, folded)
        self[code] = ord(folded)
        return ord(folded)


_FOLDER = _Letters()


def fold(text: str) -> str:
    """Accents off, digits to ASCII, Arabic letter forms to Persian ones; same length.
    Lower case is left to the caller."""
    return text if text.isascii() else text.translate(_FOLDER)


def key(name: str) -> str:
    """A name as it is looked up: folded, lower case, without a trailing full stop, inner
    white space (and a zero-width non-joiner) as one space."""
    folded = "".join(c for c in fold(name) if not unicodedata.combining(c))
    return " ".join(folded.replace("\u200c", " ").lower().rstrip(".").split())


def _table(*sources: dict[int, str]) -> dict[str, int]:
    table: dict[str, int] = {}
    for source in sources:
        for month, names in source.items():
            for name in names.split():
                table[key(name.replace("_", " "))] = month
    return table


def _library_names() -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    arabic = get_locale("ar")
    english = get_locale("en")
    solar = {m: f"{jdatetime.date.j_months_fa[m - 1]} {jdatetime.date.j_months_en[m - 1]}"
             for m in range(1, 13)}
    lunar = {m: " ".join(n.replace(" ", "_").replace("'", "") for n in
                         (arabic.month_name(m), english.month_name(m))) for m in range(1, 13)}
    gregorian = {m: arabic.gregorian_month_name(m) for m in range(1, 13)}
    return solar, lunar, gregorian


_SOLAR_LIB, _LUNAR_LIB, _GREGORIAN_LIB = _library_names()
GREGORIAN_NAMES = _table(_GREGORIAN_TEXT, _GREGORIAN_SCRIPT_TEXT, _GREGORIAN_LIB)
SOLAR_NAMES = _table(_SOLAR_TEXT, _SOLAR_SCRIPT_TEXT, _SOLAR_LIB)
LUNAR_NAMES = _table(_LUNAR_TEXT, _LUNAR_LIB)
# Names in Arabic script that are whole phrases or clash with common words are only read
# where a year follows (the patterns in domain.dates see to that).
SCRIPT_NAMES = sorted({name for table in (GREGORIAN_NAMES, SOLAR_NAMES, LUNAR_NAMES)
                       for name in table if not name.isascii()
                       and not re.search(r"[а-яё]", name)}, key=len, reverse=True)


def cyrillic_month(name: str) -> int | None:
    """'марте' -> 3, 'января' -> 1, 'декабри' (Tajik) -> 12; None for other words."""
    word = name.lower().rstrip(".").replace("ё", "е")
    if _MAY.fullmatch(word):
        return 5
    for stem, month in _CYRILLIC_STEMS:
        if stem != "ма" and word.startswith(stem) and _CYRILLIC_ENDING.fullmatch(
                word[len(stem):]):
            return month
    return None


@lru_cache(maxsize=4096)
def month_of(name: str) -> tuple[Calendar, int] | None:
    """The calendar and number of a month name in any of the languages, or None."""
    found = key(name)
    if found in GREGORIAN_NAMES:
        return GREGORIAN, GREGORIAN_NAMES[found]
    if found in SOLAR_NAMES:
        return SOLAR_HIJRI, SOLAR_NAMES[found]
    if found in LUNAR_NAMES:
        return LUNAR_HIJRI, LUNAR_NAMES[found]
    month = cyrillic_month(found)
    return (GREGORIAN, month) if month is not None else None
