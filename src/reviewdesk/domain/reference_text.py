"""The small signs in a reference entry's text: its links (even when a line break cut one),
its years, the words that say it has no date, and whether a line ends the entry."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewdesk.domain.dates import fold


@dataclass(frozen=True, slots=True)
class FoundLink:
    """A URL or DOI in an entry: text[start:end] as written, `url` as it should be opened."""

    start: int
    end: int
    url: str


_LINK_START = re.compile(
    r"(?:https?\s?:\s?//|www\.|\bdoi\s?:\s?(?=10\.)|\bdoi\s+(?=10\.)|\bdoi\.org/|"
    r"(?<![\w./])10\.\d{4,9}/)", re.IGNORECASE)
_LINK_BODY = re.compile(r"[^\s<>\"“”«»]+")
# After a break a URL goes on when the part before ends inside a path, or the part after
# starts like one ("2021 /03/1086822", "data-" + "reports/x").
_OPEN_END = "/-_=?&#%~.:"
_CONTINUES = re.compile(r"^[/?&=#_%~.-][^\s]*|^[\w.%~-]*[/_=?&#%][^\s]*|^[\w-]+\.[a-z]{2,5}\b\S*")
_YEAR_ONLY = re.compile(r"^\(?\d{4}[a-z]?\)?[.,;]?$")
_TRAILING = ".,;:)]>’'\"”»"


def find_links(text: str) -> list[FoundLink]:
    """Every URL and DOI in `text`, a URL cut by a space or line break joined again."""
    found: list[FoundLink] = []
    position = 0
    while (start := _LINK_START.search(text, position)) is not None:
        end = _link_end(text, start.end())
        written = text[start.start():end]
        while written and written[-1] in _TRAILING and not _balanced_close(written):
            written = written[:-1]
        end = start.start() + len(written)
        url = _canonical(written)
        if url:
            found.append(FoundLink(start.start(), end, url))
        position = max(end, start.end())
    return found


def _link_end(text: str, position: int) -> int:
    body = _LINK_BODY.match(text, position)
    end = body.end() if body is not None else position
    for _ in range(6):  # a URL is rarely cut more than a few times
        gap = re.match(r"[ \t\n]+", text[end:end + 3])
        if gap is None:
            break
        following = _LINK_BODY.match(text, end + gap.end())
        if following is None or not _joins(text[position:end], following.group(0)):
            break
        end = following.end()
    return end


def _joins(before: str, after: str) -> bool:
    if _YEAR_ONLY.match(after):
        return False
    if after[0] in "/?&=#_%~":
        return True
    last = before[-1]
    if last == ".":
        return _CONTINUES.match(after) is not None
    if last in _OPEN_END:
        return _CONTINUES.match(after) is not None or (after[0].isalnum() and after.islower())
    return False


def _balanced_close(written: str) -> bool:
    """A closing bracket that belongs to the URL ("..._(economics)")."""
    return written[-1] == ")" and written.count("(") >= written.count(")")


def _canonical(written: str) -> str:
    url = re.sub(r"\s+", "", written)
    url = re.sub(r"^(https?)\s?:\s?//", r"\1://", url, flags=re.IGNORECASE)
    lowered = url.lower()
    if lowered.startswith("doi:"):
        url = url[4:]
    elif lowered.startswith("doi.org/"):
        url = url[8:]
    elif lowered.startswith("doi") and url[3:4].isdigit():
        url = url[3:]
    if url.startswith("10."):
        return "https://doi.org/" + url
    if url.lower().startswith("www."):
        return "http://" + url
    return url if "." in url else ""


# --- Dates ------------------------------------------------------------------------------------

# "n.d.", "s.f.", "s.d.", "o.J.", "б.г.", "б. д.", and the words for "no date".
_NO_DATE = re.compile(
    r"(?<![^\W\d_])(?<![^\W\d_]\.)(?:n\.\s?d\.?|s\.\s?f\.?|s\.\s?d\.|o\.\s?j\.|б\.\s?г\.?|б\.\s?д\.?|"
    r"no date|undated|sin fecha|sans date|без даты|بدون تاریخ|بدون تاريخ|دون تاريخ|بی[\u200c ]?تا"
    r"(?:ریخ)?|د\.\s?ت\.?|ب\.\s?ت\.?)(?![^\W\d_]|\.[^\W\d_])", re.IGNORECASE)


def says_no_date(text: str) -> bool:
    """"n.d.", "s.f.", "б.г." and the like: the entry says it has no date."""
    return _NO_DATE.search(text) is not None


def no_date_mark(text: str) -> str:
    """The "n.d."-like mark written in `text`, or ""."""
    match = _NO_DATE.search(text)
    return match.group(0) if match is not None else ""


@dataclass(frozen=True, slots=True)
class YearMention:
    """A year written in an entry, with its Gregorian year (a Solar or lunar Hijri year
    converted to the Gregorian year it mostly falls in)."""

    start: int
    end: int
    written: str
    gregorian: int


_YEAR = re.compile(r"(?<![\w/.-])(?P<year>1[3-9]\d\d|20\d\d)(?P<suffix>[a-z])?(?![\w/])"
                   r"(?!\.\d)")
# A number after these is a page, volume, issue or catalogue number, not a year.
_NOT_YEAR_BEFORE = re.compile(
    r"(?:\b(?:pp?|vol|no|nos|nr|n|nº|núm|art|artículo|article|section|ch|isbn|issn|"
    r"report|law|decree|ley|loi|decreto|chapter|page|pages|стр|с|№)\.?\s*|[№#]\s*|"
    r"\d[-–]\s*)$", re.IGNORECASE)
_LUNAR_MARK = re.compile(r"\s*(?:ق\b|ه\.?\s?ق|هـ|AH\b|A\.H\.)")
_SOLAR_MARK = re.compile(r"\s*(?:ش\b|ه\.?\s?ش|SH\b|AP\b|HS\b)")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


def find_years(text: str, context: str = "") -> list[YearMention]:
    """Plausible years in `text` (Latin, Persian or Arabic-Indic digits): 1800 to 2100, or
    1300-1499 as a Hijri year where the entry (`text` and `context`) is written in Arabic
    script or marks the year so."""
    folded = fold(text)
    arabic_script: bool | None = None  # looked up once, and only for a Hijri-looking year
    found: list[YearMention] = []
    for match in _YEAR.finditer(folded):
        if _NOT_YEAR_BEFORE.search(folded[max(0, match.start() - 12):match.start()]):
            continue
        year = int(match["year"])
        after = folded[match.end():match.end() + 6]
        if 1300 <= year <= 1499 and arabic_script is None:
            arabic_script = _ARABIC.search(text) is not None or \
                _ARABIC.search(context) is not None
        gregorian = year if 1800 <= year <= 2100 else _hijri(
            year, bool(arabic_script), _LUNAR_MARK.match(after) is not None,
            _SOLAR_MARK.match(after) is not None)
        if gregorian is not None:
            found.append(YearMention(match.start(), match.end(), text[match.start():match.end()],
                                     gregorian))
    return found


def gregorian_year(year: int, context: str) -> int | None:
    """`year` as a Gregorian year: itself from 1800 to 2100, a Hijri year converted when
    `context` (the entry) is in Arabic script or marks it, else None."""
    if 1800 <= year <= 2100:
        return year
    folded = fold(context)
    lunar = re.search(rf"{year}{_LUNAR_MARK.pattern}", folded) is not None
    return _hijri(year, _ARABIC.search(folded) is not None, lunar, False)


def _hijri(year: int, arabic_script: bool, lunar: bool, solar: bool) -> int | None:
    """A lunar Hijri year (marked so) or a Solar Hijri one (marked, or in Arabic script)
    as the Gregorian year it mostly falls in."""
    if not 1300 <= year <= 1499:
        return None
    if lunar:
        return round(year * 0.970229 + 621.5643)
    if solar or arabic_script:
        return year + 621
    return None


_DIGITS = {ord(c): ord(str(i % 10)) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩")}


def ascii_digits(text: str) -> str:
    """Persian and Arabic-Indic digits as ASCII ones, one for one."""
    return text.translate(_DIGITS)


# --- Where an entry ends ----------------------------------------------------------------------

# Words that cannot end an entry: a line that ends on one of them goes on in the next.
_HANGING_TEXT = (
    "a an and the of for in on to at by from with & et al und der die das des de del la las "
    "le les los du y e o en di da von van и в во на по для из или с о و في من إلى على از به "
    "با در که را")
_HANGING_WORDS = frozenset(_HANGING_TEXT.split())
_HANGING_CHARS = ",:;&-–—(/“«‘"
_ABBREVIATION_END = re.compile(
    r"(?:\b[^\W\d_]\.|\bet al\.|\b(?:pp?|vol|no|nos|ed|eds|trans|rev|st|dr|mr|ms|ch|chap|"
    r"sec|fig|ibid|op|cit|comp|coord|dir|ed|hrsg|т|с|изд|под ред)\.)$", re.IGNORECASE)
_TERMINAL_CHARS = ".?!)]}”\"»’'"


def hangs(text: str) -> bool:
    """The text stops where an entry cannot: on a comma, a hyphen, "and", "de", an initial
    (not at the end of a link, where a "/" or "-" is no such sign)."""
    stripped = text.rstrip()
    if not stripped or _ends_with_link(stripped):
        return False
    if stripped[-1] in _HANGING_CHARS:
        return True
    if _ABBREVIATION_END.search(stripped[-12:]) and not says_no_date(stripped[-8:]):
        return True
    last = stripped.rsplit(None, 1)[-1].lower()
    return last in _HANGING_WORDS


def ends_entry(text: str) -> bool:
    """The text stops as an entry does: a full stop, a bracket, a quote, a number, a link."""
    stripped = text.rstrip()
    if not stripped or hangs(stripped):
        return False
    return stripped[-1] in _TERMINAL_CHARS or stripped[-1].isdigit() or _ends_with_link(stripped)


def _ends_with_link(text: str) -> bool:
    last = text[-300:].rsplit(None, 1)[-1]
    links = find_links(last)
    return bool(links) and links[-1].end >= len(last) - 1
