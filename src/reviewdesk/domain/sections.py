"""What part of a brief a heading opens, whatever its language, spelling or numbering.

This is the one place where section kinds are decided; the words for each kind are in
domain/section_words.py.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from reviewdesk.domain import section_words


class SectionKind(StrEnum):
    """The part of a policy brief a section plays, as its heading names it; OTHER when none."""

    SUMMARY = "summary"
    INTRODUCTION = "introduction"
    INDICATORS = "indicators"
    REASONS = "reasons"
    PROSPECTS = "prospects"
    CONCLUSION = "conclusion"
    RECOMMENDATIONS = "recommendations"
    REFERENCES = "references"
    OTHER = "other"


# Arabic letters Persian writes otherwise, and digits of both scripts, as one spelling; ZWNJ,
# ZWJ, tatweel, bidi marks and a lone hamza dropped (a space-or-ZWNJ join is " ?" in patterns).
_SPELLING = str.maketrans({
    "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ە": "ه", "ۀ": "ه", "ـ": None, "\u200c": None,
    "\u200d": None, "\u200e": None, "\u200f": None, "ء": None, "ё": "е",
    **{chr(0x0660 + digit): str(digit) for digit in range(10)},
    **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
})


def fold(text: str) -> str:
    """Lower case without accents or vowel marks, one spelling of Arabic-script letters,
    ASCII digits and single spaces: the form headings are matched in."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text))
    bare = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return " ".join(bare.translate(_SPELLING).casefold().split())


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(fold(pattern))


_KINDS: tuple[tuple[SectionKind, re.Pattern[str]], ...] = tuple(
    (SectionKind(kind), _compile("|".join(f"(?:{p})" for p in patterns)))
    for kind, patterns in section_words.WORDS.items()
)
_ALONE = tuple((SectionKind(kind), _compile(f"(?:{pattern})"))
               for kind, pattern in section_words.ALONE.items())
_OUTSIDE = _compile("|".join(f"(?:{p})" for p in section_words.OUTSIDE))
_CONTENTS = _compile(f"(?:{section_words.CONTENTS})")

# "2.1", "IV.", "B)", "(3)", "۲-", "А.", "الف)", and "Chapter 2:", "Часть II.", "بخش اول:"
# in front. A letter takes a full stop or bracket only: "E-voting" keeps its "E".
_ORDINALS = ("one|two|three|four|five|first|second|third|fourth|fifth|یکم|اول|دوم|سوم|چهارم|"
             "پنجم|ششم|الأول|الثاني|الثالث|الرابع|الخامس")
_NUMBERING = re.compile(
    rf"^\s*(?:(?:chapter|section|part|chapitre|partie|capítulo|capitulo|sección|seccion|"
    rf"parte|глава|раздел|часть|боби|қисми|فصل|بخش|الفصل|القسم|الباب)\s+"
    rf"(?:\d+|[ivxlc]+|{_ORDINALS})\b\s*[.:\-–—)]?\s*"
    rf"|\(?(?:\d{{1,3}}(?:\.\d{{1,3}})*|[\u0660-\u0669\u06f0-\u06f9]{{1,3}})[.):\-–—](?!\d)\s*(?=\S)"
    rf"|\(?(?:[ivxlc]+|[a-zа-я]|الف|ب|پ|ت|ج|د)[.)]\s+(?=\S)"
    rf"|\d{{1,2}}(?:\.\d{{1,2}})*\s+(?=\S))",
    re.IGNORECASE)
_PUNCTUATION = re.compile(r"[^\w\s]+")


def strip_numbering(heading: str) -> str:
    """'2.1 Reasons' -> 'Reasons'; 'IV. Outlook' -> 'Outlook'; 'Глава 2. Выводы' -> 'Выводы'."""
    stripped = _NUMBERING.sub("", heading, count=1).strip()
    return stripped or heading.strip()


# A heading is read in its first characters only: a paragraph longer than this names no
# part by its later words, and folding all of a very long paragraph would be slow.
HEADING_REACH = 400


def _key(heading: str) -> str:
    return fold(strip_numbering(heading[:HEADING_REACH]))


def names_outside_part(heading: str) -> bool:
    """True for "About the authors", "Document metadata", "Annex 2", "Приложение 1" and the
    like."""
    return _OUTSIDE.search(_key(heading)) is not None


def is_contents_heading(heading: str) -> bool:
    """True for the heading of a table of contents ("Contents", "Содержание", "فهرست")."""
    return _CONTENTS.fullmatch(_bare(_key(heading))) is not None


def _bare(key: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", key).split())


def classify_section(heading: str) -> SectionKind:
    """The part a heading names: the kind whose word comes first in it, the longer match
    first where two start together ("Why now" before "why"), in the order of
    section_words.WORDS where they are the same; OTHER when none does."""
    key = _key(heading)
    best: tuple[int, int, int, SectionKind] | None = None
    for order, (kind, pattern) in enumerate(_KINDS):
        match = pattern.search(key)
        if match is not None:
            candidate = (match.start(), -len(match.group(0)), order, kind)
            if best is None or candidate < best:
                best = candidate
    if best is not None:
        return best[3]
    bare = _bare(key)
    for kind, pattern in _ALONE:
        if pattern.fullmatch(bare):
            return kind
    return SectionKind.OTHER
