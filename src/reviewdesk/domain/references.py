"""The reference list checked: entries parsed, gaps and duplicates flagged, citations matched."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from reviewdesk.domain.brief import Block, BlockKind, Brief
from reviewdesk.domain.dates import find_dates, fold, gregorian_month, is_month_name
from reviewdesk.domain.findings import Reference
from reviewdesk.domain.sections import SectionKind

MISSING_URL = "missing_url"
MISSING_DATE = "missing_date"
DUPLICATE = "duplicate"
NOT_CITED = "not_cited"
_FLAG_WORDS = {MISSING_URL: "no URL", MISSING_DATE: "no date", NOT_CITED: "not cited"}

# A numeric range wider than this is a typo, not a citation of a hundred entries.
_MAX_RANGE = 50


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date given as far as the entry gives it: a year, a month of it, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def period(self) -> tuple[date, date]:
        if self.month is None:
            return date(self.year, 1, 1), date(self.year, 12, 31)
        if self.day is not None:
            day = date(self.year, self.month, self.day)
            return day, day
        following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return date(self.year, self.month, 1), following - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class EntryText:
    """One entry's text and where it stands; several can share a block."""

    text: str
    start: int
    end: int
    block_id: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedReference:
    raw: str
    author: str = ""
    date: PartialDate | None = None
    date_text: str = ""
    title: str = ""
    container: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class ReferenceEntry:
    """One entry of the list with its flags; `index` and `duplicate_of` are 1-based."""

    index: int
    text: str
    author: str
    date_text: str
    title: str
    container: str
    url: str
    flags: tuple[str, ...]
    duplicate_of: int | None
    block_id: str | None
    date: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """An in-text citation: "(Source, 2024)" gives source and year, "[3, 5]" numbers."""

    text: str
    start: int
    end: int
    kind: str  # "author_year", "numeric" or "footnote"
    source: str = ""
    year: str = ""
    numbers: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ReferenceReport:
    entries: list[ReferenceEntry]
    citations_without_reference: list[str]
    citations: list[Citation] = field(default_factory=list)


# A link that leads to a source (not an anchor inside the document or an e-mail address).
_WEB_TARGET = re.compile(r"^(?:https?://|www\.|doi:|10\.\d)", re.IGNORECASE)


# --- Cutting the list into entries ----------------------------------------------------------

_NUMBER_MARK = re.compile(
    r"(?:^|(?<=\s))(?:\[(?P<bracket>\d{1,3})\]|(?P<dot>\d{1,3})[.)])\s+(?=\S)")
# An APA entry starts with a name ending in a full stop and a parenthesised year.
_APA_START = re.compile(
    r"(?:(?<=[.?!])|(?<=\bLink)|(?<=\bhere)|(?<=\S/))\s+"
    r"(?!(?:Link|Available|Here|Online)\b)(?=[A-Z][^.()]{0,80}\.\s*\((?:\d{4}|n\.\s?d\.))"
)


def split_references(blocks: Sequence[Block]) -> list[EntryText]:
    """The entries of a reference section: each list item or paragraph after the heading,
    and a paragraph that packs several entries cut at its numbering or at each "Name. (Year"."""
    entries: list[EntryText] = []
    for block in blocks:
        if block.kind == BlockKind.HEADING:
            continue
        for start, end in _entry_spans(block.text):
            text = block.text[start:end].strip()
            if text:
                offset = block.start + start + (len(block.text[start:end]) -
                                                len(block.text[start:end].lstrip()))
                entries.append(EntryText(text, offset, offset + len(text), block.id))
    return entries


def _entry_spans(text: str) -> list[tuple[int, int]]:
    cuts = _numbered_cuts(text)
    if len(cuts) < 2:
        cuts = [0, *(m.end() for m in _APA_START.finditer(text))]
    if not cuts or cuts[0] != 0:
        cuts.insert(0, 0)
    return [(a, b) for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True) if b > a]


def _numbered_cuts(text: str) -> list[int]:
    """Where "1." "2." ... or "[1]" "[2]" ... begin, if the numbers run in order: a stray
    "3." inside a title is then left alone."""
    cuts: list[int] = []
    expected = 1
    for match in _NUMBER_MARK.finditer(text):
        number = int(match["bracket"] or match["dot"])
        if number == expected:
            cuts.append(match.start())
            expected += 1
    return cuts if len(cuts) >= 2 else []


# --- Parsing one entry ------------------------------------------------------------------------

_LEADING_NUMBER = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)])\s*")
_URL = re.compile(r"https?://\S+|www\.\S+|doi:\s*10\.\d{4,9}/\S+|\b10\.\d{4,9}/\S+",
                  re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"[\s.,;:]*\[?\s*(?:link|available here|available online|click here|here|online)\s*\]?"
    r"[\s.]*$", re.IGNORECASE)
_APA = re.compile(r"^(?P<author>.+?)\.?\s*\((?P<date>(?:[^()]*\d{4}[^()]*|n\.\s?d\.))\)\.?\s*"
                  r"(?P<rest>.*)$", re.IGNORECASE)
_QUOTED = re.compile(r"[‘'“\"](?P<title>[^‘'“\"”’]{3,}?)[,.]?[’'”\"](?=[\s,.]|$)")
_APA_DATE = re.compile(r"(?P<year>\d{4})[a-z]?(?:,\s*(?P<month>[A-Za-z]+)\.?"
                       r"(?:\s+(?P<day>\d{1,2}))?)?")
_NO_DATE = re.compile(r"\bn\.\s?d\.|\bno date\b|\bundated\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_SAME = re.compile(r"^\s*(?:same as above|ibid|idem)\b\.?", re.IGNORECASE)


def parse_reference(text: str) -> ParsedReference:
    """Author, date, title, container and URL of an APA-like, Chicago-like or numbered entry."""
    body = _LEADING_NUMBER.sub("", text.strip(), count=1)
    body, url = _take_url(body)
    apa = _APA.match(body)
    if apa is not None:
        return _parse_apa(text, apa, url)
    quoted = _QUOTED.search(body)
    if quoted is not None:
        return _parse_quoted(text, body, quoted, url)
    return _parse_loose(text, body, url)


def _take_url(body: str) -> tuple[str, str]:
    """The URL or DOI, and the entry without it; a bare "Link" placeholder is no URL."""
    match = _URL.search(body)
    url = ""
    if match is not None:
        url = match.group(0).rstrip(".,;)]>")
        body = (body[:match.start()] + body[match.end():]).strip()
    body = _PLACEHOLDER.sub("", body).strip()
    if url.lower().startswith("doi:"):
        url = "https://doi.org/" + url[4:].strip()
    elif url.startswith("10."):
        url = "https://doi.org/" + url
    return body.rstrip(" ,;"), url


def _parse_apa(raw: str, match: re.Match[str], url: str) -> ParsedReference:
    date_text = match["date"].strip()
    parts = _SENTENCE_END.split(match["rest"].strip(), maxsplit=1)
    title = parts[0].rstrip(".") if parts else ""
    container = parts[1].strip().rstrip(".") if len(parts) > 1 else ""
    return ParsedReference(raw=raw, author=match["author"].strip(), date=parse_date(date_text),
                           date_text=date_text, title=title, container=container, url=url)


def _parse_quoted(raw: str, body: str, quoted: re.Match[str], url: str) -> ParsedReference:
    author = body[:quoted.start()].strip().rstrip(",.:")
    after = body[quoted.end():].strip(" ,.")
    mentions = find_dates(after)
    date_text = mentions[0].text if mentions else ""
    container = after[:mentions[0].start].strip(" ,.") if mentions else after
    return ParsedReference(raw=raw, author=author, date=parse_date(date_text),
                           date_text=date_text, title=quoted["title"].strip(),
                           container=container, url=url)


def _parse_loose(raw: str, body: str, url: str) -> ParsedReference:
    parts = _SENTENCE_END.split(body, maxsplit=2)
    mentions = find_dates(body)
    date_text = mentions[0].text if mentions else ""
    return ParsedReference(raw=raw, author=parts[0].rstrip(".") if len(parts) > 1 else "",
                           date=parse_date(date_text), date_text=date_text,
                           title=parts[1].rstrip(".") if len(parts) > 1 else parts[0],
                           container=parts[2].rstrip(".") if len(parts) > 2 else "", url=url)


def parse_date(text: str) -> PartialDate | None:
    """"2024, October 24", "12 March 2024", "2024" -> a PartialDate; "n.d." and "" -> None."""
    if not text or _NO_DATE.search(text):
        return None
    apa = _APA_DATE.match(text.strip())
    if apa is not None and (apa["month"] is None or gregorian_month(apa["month"])):
        month = gregorian_month(apa["month"]) if apa["month"] else None
        day = int(apa["day"]) if apa["day"] and month else None
        return _checked(int(apa["year"]), month, day)
    for mention in find_dates(text):
        first, last = mention.period
        if first == last:
            return PartialDate(first.year, first.month, first.day)
        if (first.year, first.month) == (last.year, last.month):
            return PartialDate(first.year, first.month)
        return PartialDate(first.year)
    return None


def _checked(year: int, month: int | None, day: int | None) -> PartialDate | None:
    try:
        value = PartialDate(year, month, day)
        value.period  # noqa: B018 -- raises for 31 February
    except ValueError:
        return PartialDate(year, month) if month else PartialDate(year)
    return value


# --- Citations in the text --------------------------------------------------------------------

_PAREN = re.compile(r"\((?P<body>[^()]{2,300})\)")
_AUTHOR_YEAR = re.compile(
    r"^\s*(?:see\s+(?:also\s+)?|e\.g\.,?\s+|cf\.\s+)?(?P<source>[^\W\d_][^;()]*?)"
    r"(?:,\s*|\s+)(?P<year>\d{4}[a-z]?|n\.\s?d\.)(?:,\s*(?:pp?\.|para\.?)\s*[\d–-]+)?\s*$",
    re.IGNORECASE)
_NUMERIC = re.compile(r"\[(?P<body>\d{1,3}(?:\s*[-–]\s*\d{1,3})?"
                      r"(?:\s*,\s*\d{1,3}(?:\s*[-–]\s*\d{1,3})?)*)\]")
# A footnote mark: superscript digits, or digits glued to a word's end or its punctuation.
_FOOTNOTE = re.compile(r"(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)|(?<=[a-z.,;:”\"’)])(?P<digits>\d{1,3})(?=\s|$)")
_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_WORD = re.compile(r"[^\W_]+")
_INSIGNIFICANT = {"the", "a", "an", "of", "and", "et", "al", "see", "also", "eg", "cf", "in"}


def find_citations(text: str, footnotes: bool = False) -> list[Citation]:
    """In-text citations in text order; footnote marks only when `footnotes` is set (the
    brief has footnote blocks), since a digit after a word is otherwise too often no mark."""
    found = [*_author_year(text), *_numeric(text)]
    if footnotes:
        taken = [(c.start, c.end) for c in found]
        found.extend(c for c in _footnote_marks(text)
                     if not any(s <= c.start < e for s, e in taken))
    return sorted(found, key=lambda c: c.start)


def _author_year(text: str) -> Iterable[Citation]:
    for paren in _PAREN.finditer(text):
        offset = paren.start("body")
        parts = list(_split_semicolons(paren["body"]))
        matches = [(_AUTHOR_YEAR.match(part), start) for part, start in parts]
        if not all(m is not None and _plausible_source(m["source"]) for m, _ in matches):
            continue
        for match, start in matches:
            assert match is not None
            begin = offset + start + (len(match.group(0)) - len(match.group(0).lstrip()))
            yield Citation(match.group(0).strip(), begin, offset + start + len(match.group(0)),
                           "author_year", match["source"].strip(), match["year"].lower())


def _split_semicolons(body: str) -> Iterable[tuple[str, int]]:
    start = 0
    for part in body.split(";"):
        yield part, start
        start += len(part) + 1


def _plausible_source(source: str) -> bool:
    """"(Hamāl 1402)" or "(mid 2023)" is a date in brackets, not a citation."""
    words = source.split()
    return bool(words) and source[:1].isupper() and not is_month_name(words[-1]) \
        and words[-1].lower() not in ("early", "mid", "late", "in", "since", "by")


def _numeric(text: str) -> Iterable[Citation]:
    for match in _NUMERIC.finditer(text):
        numbers: list[int] = []
        for part in match["body"].split(","):
            ends = [int(n) for n in re.split(r"[-–]", part)]
            if len(ends) == 2 and 0 < ends[1] - ends[0] <= _MAX_RANGE:
                numbers.extend(range(ends[0], ends[1] + 1))
            else:
                numbers.extend(ends)
        yield Citation(match.group(0), match.start(), match.end(), "numeric",
                       numbers=tuple(numbers))


def _footnote_marks(text: str) -> Iterable[Citation]:
    for match in _FOOTNOTE.finditer(text):
        digits = (match["sup"] or match["digits"]).translate(_SUPERSCRIPT)
        yield Citation(match.group(0), match.start(), match.end(), "footnote",
                       numbers=(int(digits),))


def significant_words(text: str) -> list[str]:
    """Lower-case, accent-free words of a name, without articles and "et al."."""
    return [w for w in _WORD.findall(fold(text).lower()) if w not in _INSIGNIFICANT]


def match_citations(citations: Sequence[Citation],
                    references: Sequence[ParsedReference | ReferenceEntry],
                    ) -> tuple[set[int], list[str]]:
    """1-based indexes of the entries the citations point to, and the citations that point
    nowhere. Author-year ones match on the source's first significant word being one of the
    entry author's words, and on the year ("n.d." matches an undated entry)."""
    by_word: dict[tuple[str, str], set[int]] = {}
    for index, reference in enumerate(references, start=1):
        year = str(reference.date.year) if reference.date else "n.d."
        for word in significant_words(reference.author):
            by_word.setdefault((word, year), set()).add(index)
    cited: set[int] = set()
    unmatched: list[str] = []
    for citation in citations:
        hits = _targets(citation, by_word, len(references))
        cited |= hits
        if not hits and citation.text not in unmatched:
            unmatched.append(citation.text)
    return cited, unmatched


def _targets(citation: Citation, by_word: dict[tuple[str, str], set[int]],
             count: int) -> set[int]:
    if citation.kind != "author_year":
        return {n for n in citation.numbers if 1 <= n <= count} \
            if all(1 <= n <= count for n in citation.numbers) else set()
    words = significant_words(citation.source)
    if not words:
        return set()
    year = "n.d." if citation.year.startswith("n") else citation.year[:4]
    return by_word.get((words[0], year), set())


# --- The whole check --------------------------------------------------------------------------


def analyse_references(brief: Brief) -> ReferenceReport:
    """Parse and flag the brief's reference list and match the citations in its other parts."""
    ref_blocks = [b for s in brief.sections if s.kind == SectionKind.REFERENCES for b in s.blocks]
    entries = split_references(ref_blocks)
    links = _entry_links(ref_blocks)
    parsed = [_with_link(parse_reference(entry.text), entry, links) for entry in entries]
    citations = brief_citations(brief)
    cited, unmatched = match_citations(citations, parsed)
    duplicates = _duplicates(parsed)
    report = [
        _entry(index, entry, reference, duplicates.get(index), bool(citations), index in cited)
        for index, (entry, reference) in enumerate(zip(entries, parsed, strict=True), start=1)
    ]
    return ReferenceReport(report, unmatched, citations)


def _entry_links(blocks: Sequence[Block]) -> list[tuple[int, int, str]]:
    """Every hyperlink of the reference list, in canonical-text offsets."""
    return [(block.start + link.start, block.start + link.end, link.url)
            for block in blocks for link in block.links if _WEB_TARGET.match(link.url)]


def _with_link(reference: ParsedReference, entry: EntryText,
               links: Sequence[tuple[int, int, str]]) -> ParsedReference:
    """An entry whose visible text has no URL ("... Link") takes the hyperlink behind it."""
    if reference.url:
        return reference
    for start, end, url in links:
        if start < entry.end and end > entry.start:
            return replace(reference, url=url)
    return reference


def brief_citations(brief: Brief) -> list[Citation]:
    """Citations in every block outside the reference list, offsets in the canonical text."""
    footnotes = any(b.kind == BlockKind.FOOTNOTE for b in brief.blocks)
    found: list[Citation] = []
    for section in brief.sections:
        if section.kind == SectionKind.REFERENCES:
            continue
        for block in section.blocks:
            marks = footnotes and block.kind != BlockKind.FOOTNOTE
            found.extend(_shifted(c, block.start) for c in find_citations(block.text, marks))
    return found


def _shifted(citation: Citation, offset: int) -> Citation:
    return Citation(citation.text, citation.start + offset, citation.end + offset,
                    citation.kind, citation.source, citation.year, citation.numbers)


def _duplicates(parsed: Sequence[ParsedReference]) -> dict[int, int]:
    """Entry index -> the earlier entry it repeats: same author and date, or "Same as
    above"/"Ibid." standing in for the title (then the nearest earlier entry by that author,
    or simply the one before)."""
    seen: dict[tuple[str, PartialDate], int] = {}
    found: dict[int, int] = {}
    original_by_author: dict[str, int] = {}
    last_original = 0
    for index, reference in enumerate(parsed, start=1):
        author = " ".join(significant_words(reference.author))
        key = (author, reference.date) if author and reference.date else None
        if key is not None and key in seen:
            found[index] = seen[key]
        elif _SAME.match(reference.title or reference.raw) and last_original:
            found[index] = original_by_author.get(author, last_original)
        else:
            last_original = index
            original_by_author[author] = index
            if key is not None:
                seen[key] = index
    return found


def _entry(index: int, entry: EntryText, reference: ParsedReference, duplicate_of: int | None,
           has_citations: bool, cited: bool) -> ReferenceEntry:
    flags: list[str] = []
    if not reference.url:
        flags.append(MISSING_URL)
    if reference.date is None:
        flags.append(MISSING_DATE)
    if duplicate_of is not None:
        flags.append(DUPLICATE)
    if has_citations and not cited:
        flags.append(NOT_CITED)
    return ReferenceEntry(index=index, text=entry.text, author=reference.author,
                          date_text=reference.date_text, title=reference.title,
                          container=reference.container, url=reference.url, flags=tuple(flags),
                          duplicate_of=duplicate_of, block_id=entry.block_id,
                          date=reference.date)


def flag_words(reference: Reference) -> str:
    """The flags as a reviewer reads them: "no URL, duplicate of 4"."""
    words = []
    for flag in reference.flags:
        if flag == DUPLICATE:
            words.append(f"duplicate of {reference.duplicate_of}"
                         if reference.duplicate_of else "duplicate")
        else:
            words.append(_FLAG_WORDS.get(flag, flag.replace("_", " ")))
    return ", ".join(words)
