"""The reference list checked: entries parsed, gaps and duplicates flagged, citations matched.

The list is found (reference_lists), cut into entries (reference_entries), each read
(reference_parse) and compared (reference_duplicates), and the brief's citations
(citations) are matched to it. No maintained library does this for policy briefs: refextract
is GPL-2.0 and made for physics papers, GROBID and CERMINE are Java services (CERMINE AGPL),
AnyStyle is Ruby, and the MIT parsers on PyPI read database exports, not free text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from reviewdesk.domain.brief import Block, BlockKind, Brief
from reviewdesk.domain.citations import (
    CitableEntry,
    Citation,
    find_citations,
    match_citations,
    significant_words,
)
from reviewdesk.domain.findings import Reference
from reviewdesk.domain.reference_duplicates import find_duplicates
from reviewdesk.domain.reference_entries import EntryText, split_references
from reviewdesk.domain.reference_lists import reference_lists
from reviewdesk.domain.reference_parse import (
    ParsedReference,
    PartialDate,
    parse_date,
    parse_reference,
    take_url,
)
from reviewdesk.domain.reference_shapes import LEADING_MARK
from reviewdesk.domain.reference_text import ascii_digits, find_years

__all__ = [
    "DUPLICATE", "MISSING_DATE", "MISSING_URL", "NOT_CITED", "Citation", "EntryText",
    "ParsedReference", "PartialDate", "ReferenceEntry", "ReferenceReport", "analyse_references",
    "brief_citations", "citable_entry", "find_citations", "flag_words", "match_citations",
    "parse_date", "parse_reference", "significant_words", "split_references",
]

MISSING_URL = "missing_url"
MISSING_DATE = "missing_date"
DUPLICATE = "duplicate"
NOT_CITED = "not_cited"
_FLAG_WORDS = {MISSING_URL: "no URL", MISSING_DATE: "no date", NOT_CITED: "not cited"}


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
class ReferenceReport:
    """The brief's reference entries, parsed and flagged, its citations, and the citations that
    match no entry."""

    entries: list[ReferenceEntry]
    citations_without_reference: list[str]
    citations: list[Citation] = field(default_factory=list)


def analyse_references(brief: Brief) -> ReferenceReport:
    """Parse and flag the brief's reference list and match the citations in its other parts."""
    lists = reference_lists(brief)
    entries = [entry for blocks in lists for entry in split_references(blocks)]
    links = _entry_links([b for blocks in lists for b in blocks])
    parsed = [_with_link(parse_reference(entry.text), entry, links) for entry in entries]
    citations, cited, missing = _matched(brief, lists, entries, parsed)
    duplicates = find_duplicates(parsed)
    report = [
        _entry(index, entry, reference, duplicates.get(index), bool(citations), index in cited)
        for index, (entry, reference) in enumerate(zip(entries, parsed, strict=True), start=1)
    ]
    return ReferenceReport(report, missing, citations)


def brief_citations(brief: Brief) -> list[Citation]:
    """Citations in every block outside the reference lists, offsets in the canonical text."""
    return analyse_references(brief).citations


def _matched(brief: Brief, lists: Sequence[Sequence[Block]], entries: Sequence[EntryText],
             parsed: Sequence[ParsedReference]) -> tuple[list[Citation], set[int], list[str]]:
    """The citations, the entries they cite and the texts of those that cite none. A name
    before a bracketed year, a name alone in brackets or digits after a word that matches no
    entry was likely no citation at all, and is left out."""
    found = _found_citations(brief, lists, entries)
    cited, unmatched = match_citations(found, _citable(entries, parsed))
    doubtful = {(c.start, c.end) for c in unmatched if c.kind in ("narrative", "glued", "name")}
    citations = [c for c in found if (c.start, c.end) not in doubtful]
    missing = [c.text for c in unmatched if (c.start, c.end) not in doubtful]
    return citations, cited, list(dict.fromkeys(missing))


def _citable(entries: Sequence[EntryText], parsed: Sequence[ParsedReference],
             ) -> list[CitableEntry]:
    return [citable_entry(reference, entry.number)
            for entry, reference in zip(entries, parsed, strict=True)]


def citable_entry(reference: ParsedReference, number: int | None = None) -> CitableEntry:
    """What citations can find in a parsed entry: its number, author, years and words."""
    body = reference.body or take_url(LEADING_MARK.sub("", reference.raw, count=1))[0]
    years = {ascii_digits(y.written).lower() for y in find_years(body)}
    years |= {y[:4] for y in years}
    if reference.date is None:
        years.add("n.d.")
    return CitableEntry(number, reference.author, frozenset(years), body)


def _entry_links(blocks: Sequence[Block]) -> list[tuple[int, int, str]]:
    """Every hyperlink of the reference list that leads to a source (not an anchor in the
    document or an e-mail address), in canonical-text offsets."""
    return [(block.start + link.start, block.start + link.end, link.url)
            for block in blocks for link in block.links
            if link.url.lower().startswith(("http://", "https://", "www.", "doi:", "10."))]


def _with_link(reference: ParsedReference, entry: EntryText,
               links: Sequence[tuple[int, int, str]]) -> ParsedReference:
    """An entry whose visible text has no URL ("... Link") takes the hyperlink behind it."""
    if reference.url:
        return reference
    for start, end, url in links:
        if start < entry.end and end > entry.start:
            return replace(reference, url=url)
    return reference


def _found_citations(brief: Brief, lists: Sequence[Sequence[Block]],
                     entries: Sequence[EntryText]) -> list[Citation]:
    """Citations in every block outside the lists. Footnote marks count where the brief has
    notes or a numbered list, "(3)" where its list numbers entries so."""
    listed = {b.id for blocks in lists for b in blocks}
    notes = any(b.kind == BlockKind.FOOTNOTE for b in brief.blocks)
    numbered = any(e.number is not None for e in entries)
    bracketed = any(e.text.startswith("(") and e.number is not None for e in entries)
    found: list[Citation] = []
    for block in brief.blocks:
        if block.id in listed or block.kind == BlockKind.HEADING:
            continue
        text, skip = block.text, 0
        own_mark = LEADING_MARK.match(text) if block.kind == BlockKind.FOOTNOTE else None
        if own_mark is not None:
            skip = own_mark.end()  # the note's own number, not a citation
        marks = (notes or numbered) and block.kind != BlockKind.FOOTNOTE
        found.extend(_shifted(c, block.start + skip)
                     for c in find_citations(text[skip:], marks, bracketed))
    return found


def _shifted(citation: Citation, offset: int) -> Citation:
    return Citation(citation.text, citation.start + offset, citation.end + offset,
                    citation.kind, citation.source, citation.year, citation.numbers)


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
