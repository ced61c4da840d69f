"""The regular expressions that find dates in folded text (domain.month_names.fold: digits of
every script as ASCII, accents off), in the six languages briefs are read in."""

from __future__ import annotations

import re

from reviewdesk.domain.month_names import SCRIPT_NAMES

# Letters of any script, with combining marks ("Hama\u0304l" decomposed).
_LETTER = r"(?:[^\W\d_]|[\u0300-\u036f])"
WORD = rf"[^\W\d_]{_LETTER}{{1,14}}(?!{_LETTER})"

# "early", "mid" and "late" and their equivalents, each followed by what joins it to a year.
QUALIFIERS: dict[str, str] = {
    "early": "early", "mid": "mid", "late": "late",
    "debut": "early", "mi": "mid", "fin": "late",
    "principios": "early", "comienzos": "early", "mediados": "mid", "finales": "late",
    "fines": "late",
    "начале": "early", "середине": "mid", "конце": "late",
    "اوایل": "early", "اواسط": "mid", "اواخر": "late", "اوائل": "early", "منتصف": "mid",
    "مطلع": "early", "نیمه": "mid",
}
_QUAL_WORDS = "|".join(sorted(QUALIFIERS, key=len, reverse=True))
QUAL = (rf"(?P<qual>{_QUAL_WORDS})(?:-|\s*-\s*|\s+(?:de\s+|del\s+|سال\s+|عام\s+|"
        r"(?:العام|السنة)\s+)?)")
YEAR = r"(?P<year>\d{4})(?![\d,.]\d)"
# Not glued to a word or a number ("3,000", "v1402", "4541/2015").
B = r"(?<![\w.,/])"
_NOT_CODE = r"(?!/\d)"
_ORDINAL = r"(?:st|nd|rd|th|er|re|e|º|°)?"
_OF = r"(?:\s+(?:de|del|of|соли|года|سال|عام))?"
# Eras written after a year: Solar Hijri, lunar Hijri, Gregorian (Latin and Arabic script).
_ERA_SOLAR = (r"SH|AP|HS|S\.H\.|A\.P\.|solar(?:\s+hijri)?|ه[\u0640\u200d]?\.?\s*ش\.?|"
              r"هجری\s+(?:شمسی|خورشیدی)|شمسی|خورشیدی|ش")
_ERA_LUNAR = (r"AH|A\.H\.|ه[\u0640\u200d]?\.?\s*ق\.?|هجری\s+قمری|قمری|ق|هجری[ةه]?|"
              r"للهجر[ةه]|ه[\u0640\u200d]?")
_ERA_GREGORIAN = r"میلادی[ةه]?|م"
_END = r"(?![^\W\d_])"
_SCRIPT_NAMES = "|".join(re.escape(name).replace(r"\ ", r"[\s\u200c]+") for name in SCRIPT_NAMES)

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("iso", rf"{B}(?P<year>\d{{4}})-(?P<month>\d{{2}})-(?P<day>\d{{2}})\b"),
        ("ymd", rf"{B}(?P<year>1[2-4]\d\d)/(?P<month>\d{{1,2}})/(?P<day>\d{{1,2}})(?![\d/])"),
        ("dmy", rf"{B}(?P<day>\d{{1,2}}){_ORDINAL}(?:\s+de)?\s+(?P<mname>{WORD})\.?,?{_OF}"
                rf"\s+{YEAR}{_NOT_CODE}"),
        ("range", rf"\b(?P<mname1>{WORD})\.?\s*(?:-|–|—|/|\s(?:and|to|through|until|y|a|al|"
                  rf"et|à|au|и|по|–)\s)\s*(?P<mname>{WORD})\.?,?{_OF}\s+{YEAR}{_NOT_CODE}"),
        # Any word before a year, checked against the month names afterwards: one simple
        # pattern is several times faster than a long alternation tried at every word.
        ("month", rf"\b(?:{QUAL})?(?P<mname>{WORD})\.?(?:\s+(?P<day>\d{{1,2}}){_ORDINAL},)?,?"
                  rf"{_OF}\s+{YEAR}{_NOT_CODE}"),
        ("years", rf"{B}(?P<year>\d{{4}})\s*[-–—/]\s*(?P<year2>\d{{4}}|\d{{2}})(?![\d/])"),
        ("decade", r"\b(?:the\s+)?(?P<year>\d{3}0)[’']?s\b"),
        ("marked", rf"{B}(?:{QUAL})?{YEAR}\s*(?:(?P<solar>{_ERA_SOLAR})|(?P<lunar>{_ERA_LUNAR})|"
                   rf"(?P<ce>{_ERA_GREGORIAN})){_END}"),
        ("solar_year", rf"\bsolar\s+(?:hijri\s+)?year\s+{YEAR}"),
        ("qual", rf"(?<!\w){QUAL}{YEAR}{_NOT_CODE}"),
        ("year", rf"{B}{YEAR}{_NOT_CODE}"),
    )
)
# Arabic-script month names, some of two words: only tried on text in that script.
SCRIPT_PATTERN = re.compile(
    rf"{B}(?:(?P<day>\d{{1,2}})(?:\s*ام|\s*م)?\s+)?(?:ماه\s+|شهر\s+)?(?P<mname>{_SCRIPT_NAMES})"
    rf"(?:\s+ماه)?\s*[,،]?\s*(?:سال\s+|عام\s+)?{YEAR}{_NOT_CODE}"
    rf"(?:\s*(?:(?P<solar>{_ERA_SOLAR})|(?P<lunar>{_ERA_LUNAR})|(?P<ce>{_ERA_GREGORIAN})){_END})?")
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
# Words after which a number is a code, not a year: "No. 2015", "Nº 2015", "ISBN 2015".
CODE_WORDS = frozenset(("no", "nº", "n°", "nos", "núm", "num", "nr", "nro", "isbn", "issn",
                        "№", "شماره", "رقم"))
# A bare year in Persian or Arabic digits is a Hijri year after one of these words.
HIJRI_YEAR_CONTEXT = re.compile(
    rf"(?:سال|در|از|تا|طی|عام|منذ|حتی|فی|سن[ةه]|العام|{_QUAL_WORDS})\s+$")
