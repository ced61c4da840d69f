"""How the first words of a reference entry look: a number mark, an author written as
reference lists write authors, a quoted title; and how much a block looks like an entry."""

from __future__ import annotations

import re

from reviewdesk.domain.dates import fold
from reviewdesk.domain.reference_text import find_links, find_years, says_no_date

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}

# "[3]", "[iv]", "(3)", "3.", "3)", "۳-", "³": the entry's own number at its start.
LEADING_MARK = re.compile(
    r"^\s*(?:\[\s*(?P<bracket>\d{1,3}|[ivxlc]{1,7})\s*\]|\((?P<paren>\d{1,3})\)|"
    r"(?P<dot>\d{1,3})(?:[.)](?!\d)|\s?[-–](?=\s))|(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹⁰]+))\s*")
_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")

# The shapes are matched on the text's letters cased as "A" and "a" (other scripts and
# marks as they are), so a name is "A" followed by letters: "Lee, K." reads "Aaa, A.".
_NAME = r"A[\w'’\-]*"
_INITIALS = r"(?:A{1,2}\.\s?-?){1,3}"
_PARTICLE = re.compile(r"^(?:de|da|van|von|der|den|del|di|du|le|la|al|el|ibn|bin)[\s-]+(?=\S)")
_AUTHOR_SHAPES = re.compile("|".join((
    rf"^{_NAME}(?:\s{_NAME})?,\s?{_INITIALS}",  # APA, Harvard: Lee, K. / Lee Kim, K.
    rf"^{_NAME}\s{_INITIALS}(?:,|\s|$)",  # GOST: Иванов И. И.
    rf"^{_NAME}\sA{{1,3}}(?:,\s{_NAME}\sA{{1,3}})*[.,]\s",  # Vancouver: Lee K, Ng J.
    rf"^{_INITIALS}\s?{_NAME}(?:\s{_NAME})?(?:,|\sa{{1,3}}\s|\s&\s)",  # IEEE: K. Lee,
    rf"^{_NAME},\s{_NAME}(?:\s{_NAME}){{0,3}}(?:[.,]|\s(?:a{{1,3}}|&)\s)",  # MLA: Lee, Kim.
    # احمدی، علی (۱۴۰۰). / احمدی، علی. : a short name, then the year or a full stop.
    r"^[\u0600-\u06ff][^،,.\n()]{0,30}[،,]\s*[\u0600-\u06ff][^،,.\n()]{0,30}"
    r"(?:\(|\.\s|[،,]\s*\()",
)))
# Weaker: an author or organisation before a bracketed year, or before a quoted title.
_LOOSE_SHAPES = re.compile("|".join((
    r"^[^.()\n]{1,120}?\(\s*(?:\d{4}[a-z]?|n\.\s?d\.|s\.\s?f\.)\s*[),]",
    r"^[^.,“”\"«»\n]{2,90},\s*[“\"«]",
    r"^[“\"«„]",
)), re.IGNORECASE)


def _cased(text: str) -> str:
    return "".join("A" if c.isupper() else "a" if c.islower() else c for c in text)


def entry_mark(text: str) -> str:
    """The number mark the entry starts with ("[3] ", "3. "), or ""."""
    match = LEADING_MARK.match(text)
    return match.group(0) if match is not None else ""


def mark_number(text: str) -> int | None:
    """The entry's own number: "[3]" -> 3, "[iv]" (a Word endnote) -> 4, "³" -> 3."""
    match = LEADING_MARK.match(text)
    if match is None:
        return None
    if match["sup"]:
        return int(match["sup"].translate(_SUPERSCRIPT))
    value = match["bracket"] or match["paren"] or match["dot"]
    return int(value) if value.isdigit() else roman_number(value)


def roman_number(text: str) -> int | None:
    """"iv" -> 4; None when the letters are no roman number."""
    values = [_ROMAN_VALUES.get(c) for c in text.lower()]
    if not values or None in values:
        return None
    numbers = [v for v in values if v is not None]
    total = sum(-v if i + 1 < len(numbers) and v < numbers[i + 1] else v
                for i, v in enumerate(numbers))
    return total if total > 0 else None


def starts_like_entry(text: str, loose: bool = True) -> bool:
    """The text opens as an entry does: its number, or an author or a title as reference
    lists write them ("Lee, K.", "K. Lee,", "Lee, Kim.", "احمدی، علی"); with `loose` also
    "Agency (2020)", "Agency, “Title”" and "“Title”"."""
    stripped = text.lstrip()
    if not stripped:
        return False
    if entry_mark(stripped):
        return True
    head = fold(_PARTICLE.sub("", stripped[:200], count=1))
    if _AUTHOR_SHAPES.match(_cased(head)) is not None:
        return True
    opens = head[:1].isupper() or head[:1] in "“\"«„"
    return loose and opens and _LOOSE_SHAPES.match(head) is not None


def looks_like_entry(text: str, loose: bool = True) -> bool:
    """A whole entry by its look: it opens as one and gives a year, "n.d." or a link, in no
    more than a long entry's length."""
    if len(text) > 1500 or not starts_like_entry(text, loose):
        return False
    return bool(find_years(text)) or says_no_date(text) or bool(find_links(text))
