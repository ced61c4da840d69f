"""In-text citations, found by number ("[3]", "³", "(3)") or by author and year ("(Lee,
2020)", "Lee (2020)", "Lee et al. 2020", "(OECD 2021a)"), and matched to reference entries."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reviewdesk.domain.dates import fold, is_month_name
from reviewdesk.domain.reference_shapes import roman_number
from reviewdesk.domain.reference_text import ascii_digits

# A numeric range wider than this is a typo, not a citation of a hundred entries.
_MAX_RANGE = 50


@dataclass(frozen=True, slots=True)
class Citation:
    """An in-text citation: "(Source, 2024)" gives source and year, "[3, 5]" numbers."""

    text: str
    start: int
    end: int
    # "author_year" (in brackets), "narrative" ("Lee (2020)"), "numeric" ("[3]", "(3)"),
    # "footnote" (a superscript or "[iv]"), "glued" (digits glued to a word: "rose.3") or
    # "name" (a name alone in brackets: "(Lee)").
    kind: str
    source: str = ""
    year: str = ""
    numbers: tuple[int, ...] = ()


_PAREN = re.compile(r"\((?P<body>[^()]{2,300})\)")
_YEARS = (r"(?:(?:1[3-9]|20)\d\d[a-z]?|n\.\s?d\.|s\.\s?[fd]\.|o\.\s?J\.|б\.\s?г\.|بی[\u200c ]?تا|"
          r"د\.\s?ت\.?|ب\.\s?ت\.?)")
_AUTHOR_YEAR = re.compile(
    r"^\s*(?:(?:see|see also|e\.g\.,?|cf\.|véase|ver|voir|см\.|cited in)\s+)?"
    r"(?P<source>[^\W\d_][^;؛()]*?)(?:[,،]\s*|\s+)"
    rf"(?P<years>{_YEARS}(?:\s*[,،]\s*{_YEARS})*)"
    r"(?:\s*[,،:]\s*(?:pp?\.|para\.?|с\.|ص|ch\.|chap\.)?\s*[\d–-]+(?:\s*[-–]\s*\d+)?)?\s*$",
    re.IGNORECASE)
_YEAR_PART = re.compile(_YEARS, re.IGNORECASE)
# "Lee (2020)", "Lee et al. (2020)", "Lee and Ng (2020)", "Lee et al. 2020".
# Possessive: a name is followed by white space or nothing of the pattern, which no shorter
# name could be either, so giving letters back is wasted work (half the time on a long brief).
_NAME = r"[^\W\d_][\w'’\-]++"
_NARRATIVE = re.compile(
    rf"(?<![\w(])(?P<source>{_NAME}(?:\s+(?:et al\.?|and|&|y|et|и|و)(?:\s+{_NAME})?)?)"
    rf"(?:\s+\((?P<years>{_YEARS}(?:\s*[,،]\s*{_YEARS})*)\)|(?<=al\.)\s+(?P<bare>\d{{4}}[a-z]?))")
# "(Lee)", "(Lee et al.)": a name alone, a citation only when it names an entry's author.
_NAME_ONLY = re.compile(r"^(?:see\s+)?(?P<name>[^\W\d_]+(?:[’'-][^\W\d_]+)?)(?:\s+et al\.?)?$")
_YEAR_AFTER_NAME = re.compile(r"\(\d{4}|al\.?\s+\d{4}")
# "[3]", "[3, 5]", "[3–5]", "[3; 7]", and with a page: "[3, p. 12]", "[3, с. 12]", "[3: 12]".
_NUMERIC = re.compile(r"\[(?P<body>\d{1,3}(?:\s*[-–]\s*\d{1,3})?"
                      r"(?:\s*[,;،]\s*\d{1,3}(?:\s*[-–]\s*\d{1,3})?)*)"
                      r"(?:\s*[,:;،]\s*(?:pp?\.|с\.|c\.|стр\.|s\.|ص|ص\.)?\s*\d+(?:\s*[-–]\s*\d+)?)?\]")
_PAREN_NUMBER = re.compile(r"(?<=[^\W\d_][\s.,;:])\((?P<body>\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\)")
_ROMAN = re.compile(r"\[(?P<body>[ivxlc]{1,7})\]")
# A footnote mark: superscript digits, or digits glued to a word's end or its punctuation.
# It starts by looking for a digit: the lookbehinds are tried only there, not at every
# letter (four times faster).
_FOOTNOTE = re.compile(r"(?=[\d¹²³⁴⁵⁶⁷⁸⁹⁰])(?:(?<!\bm)(?<![kcm]m)(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)|"
                       r"(?<=[a-z.,;:”\"’)])(?<!\d[.,])(?P<digits>\d{1,3})(?=\s|$))")
_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
# Words before a year that make it a date in brackets ("in 2023", "год 2020", "عام 2007").
_NOT_SOURCES = frozenset((
    "early", "mid", "late", "in", "since", "by", "from", "until", "to", "and", "or", "of",
    "the", "year", "years", "fiscal", "fy", "en", "de", "del", "año", "desde", "hasta", "année",
    "depuis", "fin", "début", "в", "с", "до", "год", "году", "года", "г.", "عام", "سنة", "في",
    "منذ", "حتى", "لعام", "العام", "لسنة", "سال", "در", "از", "تا"))
_LONGEST_SOURCE = 10  # words


def find_citations(text: str, footnotes: bool = False, bracketed: bool = False) -> list[Citation]:
    """In-text citations in text order. Footnote marks (superscripts, digits glued to a word,
    "[iv]") only when `footnotes` is set (the brief has notes or a numbered list), and "(3)"
    only when `bracketed` is (its list numbers entries "(1)"): elsewhere they are too often
    something else."""
    digits = ascii_digits(text)
    found: list[Citation] = []
    if "(" in digits:  # checks that spare the longer patterns most paragraphs
        found.extend(_author_year(digits))
        if bracketed:
            found.extend(_numeric(digits, _PAREN_NUMBER))
    if _YEAR_AFTER_NAME.search(digits):
        found.extend(_narrative(digits))
    if "[" in digits:
        found.extend(_numeric(digits, _NUMERIC))
        if footnotes:
            found.extend(_roman(digits))
    if footnotes:
        found.extend(_footnote_marks(text))
    return _without_overlaps(found, text)


def _without_overlaps(found: list[Citation], text: str) -> list[Citation]:
    kept: list[Citation] = []
    for citation in sorted(found, key=lambda c: (c.start, -(c.end - c.start))):
        last = kept[-1] if kept else None
        if last is not None and citation.start < last.end and (
                citation.start, citation.end) != (last.start, last.end):
            continue  # one years' list gives several citations over the same words
        kept.append(Citation(text[citation.start:citation.end], citation.start, citation.end,
                             citation.kind, citation.source, citation.year, citation.numbers))
    return kept


def _author_year(text: str) -> Iterable[Citation]:
    for paren in _PAREN.finditer(text):
        offset = paren.start("body")
        parts = list(_split_semicolons(paren["body"]))
        matches = [(_AUTHOR_YEAR.match(part), start) for part, start in parts]
        if not all(m is not None and _plausible_source(m["source"]) for m, _ in matches):
            name = _NAME_ONLY.match(paren["body"])
            if name is not None and not name["name"].isupper():
                yield Citation("", paren.start("body"), paren.end("body"), "name",
                               name["name"])
            continue
        for match, start in matches:
            assert match is not None
            begin = offset + start + (len(match.group(0)) - len(match.group(0).lstrip()))
            end = offset + start + len(match.group(0).rstrip())
            for year in _YEAR_PART.findall(match["years"]):
                yield Citation("", begin, end, "author_year", match["source"].strip(),
                               year.lower())


def _narrative(text: str) -> Iterable[Citation]:
    for match in _NARRATIVE.finditer(text):
        source = match["source"]
        if not _plausible_source(source):
            continue
        years = match["years"] or match["bare"]
        for year in _YEAR_PART.findall(years):
            yield Citation("", match.start(), match.end(), "narrative", source, year.lower())


def _split_semicolons(body: str) -> Iterable[tuple[str, int]]:
    start = 0
    for part in re.split(r"[;؛]", body):
        yield part, start
        start += len(part) + 1


def _plausible_source(source: str) -> bool:
    """"(Hamāl 1402)", "(mid 2023)" or "(تموز/يوليه 2009)" is a date in brackets, not a
    citation."""
    words = source.split()
    return 0 < len(words) <= _LONGEST_SOURCE and not source[:1].islower() \
        and not is_month_name(words[-1]) and words[-1].lower() not in _NOT_SOURCES \
        and "/" not in words[-1] \
        and words[0].lower() not in _NOT_SOURCES


def _numeric(text: str, pattern: re.Pattern[str]) -> Iterable[Citation]:
    for match in pattern.finditer(text):
        numbers: list[int] = []
        for part in re.split(r"[,;،]", match["body"]):
            ends = [int(n) for n in re.split(r"[-–]", part)]
            if len(ends) == 2 and 0 < ends[1] - ends[0] <= _MAX_RANGE:
                numbers.extend(range(ends[0], ends[1] + 1))
            else:
                numbers.extend(ends)
        yield Citation("", match.start(), match.end(), "numeric", numbers=tuple(numbers))


def _roman(text: str) -> Iterable[Citation]:
    for match in _ROMAN.finditer(text):
        number = roman_number(match["body"])
        if number is not None:
            yield Citation("", match.start(), match.end(), "footnote", numbers=(number,))


def _footnote_marks(text: str) -> Iterable[Citation]:
    for match in _FOOTNOTE.finditer(text):
        digits = (match["sup"] or match["digits"]).translate(_SUPERSCRIPT)
        yield Citation("", match.start(), match.end(), "footnote" if match["sup"] else "glued",
                       numbers=(int(digits),))


_WORD = re.compile(r"[^\W_]+")
_INSIGNIFICANT = frozenset(("the", "a", "an", "of", "and", "et", "al", "see", "also", "eg",
                            "cf", "in", "y", "de", "la", "le", "les", "el", "los", "и", "و"))


_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])[-‐](?=[^\W\d_])")


def significant_words(text: str) -> list[str]:
    """Lower-case, accent-free words of a name, without articles and "et al."; a hyphen
    inside a word is dropped, so "Raf-fel" cut at a line end is still "raffel"."""
    words = _WORD.findall(_INNER_HYPHEN.sub("", fold(text)).lower())
    return [w for w in words if w not in _INSIGNIFICANT]


# --- Matching -------------------------------------------------------------------------------

_NO_YEAR = "n.d."


# An entry is looked up by this much of itself: a run-on "entry" of a whole page (a list
# misread) must not fill the index with every word times every year.
_AUTHOR_WORDS = 30
_ENTRY_CHARS = 1500
_YEARS_PER_ENTRY = 6


class EntryIndex:
    """The entries as citations look them up: by number, by an author's word and year, and
    (when the author gives nothing) by any word of the entry and year."""

    def __init__(self, entries: Sequence[CitableEntry]) -> None:
        self.count = len(entries)
        self.by_number: dict[int, set[int]] = {}
        self.by_author: dict[tuple[str, str], set[int]] = {}
        self.by_word: dict[tuple[str, str], set[int]] = {}
        self.by_name: dict[str, set[int]] = {}
        numbered = any(e.number is not None for e in entries)
        for index, entry in enumerate(entries, start=1):
            number = entry.number if numbered else index
            if number is not None:
                self.by_number.setdefault(number, set()).add(index)
            for word in significant_words(entry.author)[:1]:
                self.by_name.setdefault(word, set()).add(index)
            authors = significant_words(entry.author)[:_AUTHOR_WORDS]
            words = set(significant_words(entry.words[:_ENTRY_CHARS]))
            for year in sorted(entry.years)[:_YEARS_PER_ENTRY]:
                for word in authors:
                    self.by_author.setdefault((word, year), set()).add(index)
                for word in words:
                    self.by_word.setdefault((word, year), set()).add(index)

    def targets(self, citation: Citation) -> set[int]:
        """The 1-based indexes of the entries this citation may point at; empty when none fits (a
        numbered citation whose numbers are not all in the list points at nothing)."""
        if citation.kind == "name":
            return self.by_name.get(" ".join(significant_words(citation.source)), set())
        if citation.kind not in ("author_year", "narrative"):
            if not all(n in self.by_number for n in citation.numbers):
                return set()
            return {i for n in citation.numbers for i in self.by_number[n]}
        words = significant_words(citation.source)
        if not words:
            return set()
        year = ascii_digits(citation.year).lower()
        year = _NO_YEAR if not year[:1].isdigit() else year
        for key in dict.fromkeys((year, year[:4])):
            hits = self.by_author.get((words[0], key)) or self.by_word.get((words[0], key))
            if hits:
                return hits
        return set()


@dataclass(frozen=True, slots=True)
class CitableEntry:
    """What a citation can point at in an entry: its number, author, the years it gives
    (as written, "2021a" and "2021", or "n.d."), and its words without links."""

    number: int | None
    author: str
    years: frozenset[str]
    words: str


def match_citations(citations: Sequence[Citation], entries: Sequence[CitableEntry],
                    ) -> tuple[set[int], list[Citation]]:
    """1-based indexes of the entries the citations point to, and the citations that point
    nowhere. A number is an entry's own number (else its position); an author-year citation
    matches on its source's first significant word being a word of the entry's author (or,
    failing that, of the entry) and on the year ("n.d." matches an undated entry)."""
    index = EntryIndex(entries)
    cited: set[int] = set()
    unmatched: list[Citation] = []
    for citation in citations:
        hits = index.targets(citation)
        cited |= hits
        if not hits:
            unmatched.append(citation)
    return cited, unmatched
