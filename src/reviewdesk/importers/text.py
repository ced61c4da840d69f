"""Plain-text importer: headings, paragraphs and lists guessed from the layout of the lines."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import NamedTuple

from reviewdesk.domain.brief import BlockKind, Brief, BriefBuilder, Link, SourceFormat, clean_text
from reviewdesk.domain.sections import SectionKind, classify_section

MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 14

# Hard-wrapped text keeps its lines under about this many characters; one-paragraph-per-line
# text (what a web page or a word processor saves) has far longer ones.
_MAX_WRAP_WIDTH = 160
# The wrap width is estimated from the lines themselves and may be a little short, so a
# line counts as full once the next word would not fit within this share of it.
_FIT_SLACK = 0.85

_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)"
    r"(?P<marker>[-*•‣◦▪–]|(?P<number>\d{1,3})[.)]|\(?(?P<letter>[A-Za-z])\))"
    r"(?:[ \t]+(?P<rest>.*))?$"
)
_SEPARATOR = re.compile(r"^[ \t]*([-_=*~#·•])(?:[ \t]*\1){2,}[ \t]*$")
_UNDERLINE = re.compile(r"^[ \t]{0,3}(=|-)\1{2,}[ \t]*$")
_NUMBERED_HEADING = re.compile(r"^(?:(\d{1,3}(?:\.\d{1,3})+)\.?|[IVXLC]{1,6}\.)[ \t]+\S")
_LEADING_QUOTES = "\"'“‘«(["
_LABEL = re.compile(
    r"^(?:by|authors?|written by|prepared by|edited by|editors?|translated by|date[d]?|"
    r"published|updated|posted|notes?|source|contact|e-?mail|tel|phone|issue|vol(?:ume)?|"
    r"series|keywords|tags|status|version|doi|isbn|issn|url|link|pdf|to|from|cc|subject|"
    r"re|ref|file|place|location|copyright|licen[cs]e)[ \t]*:[ \t]*\S",
    re.IGNORECASE,
)
# A full stop after a lone capital is an initial ("U.S."), not the end of a sentence.
_SENTENCE_PUNCT = re.compile(r"(?<!\b[A-Z])[.;:!?](?=\s|$)")
# A bare web address; closing punctuation is trimmed off afterwards, since a sentence
# or a bracket may end right after it.
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?'\")]}»”’"
_WORD = re.compile(r"\S+")


@dataclass(slots=True)
class _Unit:
    """One future block: a line, or wrapped lines joined, with the list marker taken off."""

    first: int
    last: int
    parts: list[str] = field(default_factory=list)  # source lines, each with its separator
    marker: str = ""  # "bullet", "number", "letter" or "" for none
    marker_text: str = ""
    ordinal: int = 0
    indent: int = 0
    underline: str = ""
    tail: int = 0  # length of the last source line, to tell a wrapped line from a short one

    @property
    def text(self) -> str:
        """The block's text: its source lines joined as written, each keeping its separator."""
        return "".join(self.parts)


class _Role(NamedTuple):
    kind: BlockKind
    level: int


def parse_text(text: str, filename: str) -> Brief:
    """Cut plain text into a Brief; `filename` only supplies a title when the text has none."""
    lines = text.split("\n")
    units = _units(lines, _wrap_width(lines))
    roles = _roles(units)
    title = _title_from_contents(units, roles) or title_from_filename(filename)
    if units and _is_title(units[0]):
        title = " ".join(units[0].text.split())
        roles[0] = _Role(BlockKind.HEADING, 0)
    builder = BriefBuilder()
    for unit, role in zip(units, roles, strict=True):
        _emit(builder, unit, role)
    return builder.build(title, SourceFormat.TEXT)


def _title_from_contents(units: list[_Unit], roles: list[_Role]) -> str | None:
    """The title from a table of contents in the front matter ("In this issue: ..."):
    a list whose other items repeat the brief's headings; its first item that is not
    a heading names the whole piece."""
    headings = {_plain(u.text) for u, r in zip(units, roles, strict=True)
                if r.kind == BlockKind.HEADING}
    first_heading = next((i for i, r in enumerate(roles) if r.kind == BlockKind.HEADING),
                         len(roles))
    items = [_plain(u.text).lstrip("-*• ").strip()
             for u, r in zip(units[:first_heading], roles[:first_heading], strict=True)
             if r.kind == BlockKind.LIST_ITEM]
    items = [item for item in items if item]
    repeated = sum(1 for item in items if item in headings)
    if len(items) < 3 or repeated < len(items) - 1:
        return None
    return next((item for item in items if item not in headings), None)


def _plain(text: str) -> str:
    return " ".join(text.split())


def fold_links(text: str, spans: Iterable[tuple[int, int, str]]) -> tuple[str, tuple[Link, ...]]:
    """clean_text(text) and the links (start, end, url in `text`) moved onto it.

    A link's ends move off the white space the cleaning drops; a link over white space
    only has no text to stand on and is left out."""
    words = [(match.start(), match.end()) for match in _WORD.finditer(text)]
    starts, ends = [start for start, _ in words], [end for _, end in words]
    clean_starts: list[int] = []
    position = 0
    for start, end in words:
        clean_starts.append(position)
        position += end - start + 1
    links: list[Link] = []
    for start, end, url in spans:
        first = bisect_right(ends, start)  # the first word ending after the link starts
        last = bisect_left(starts, end) - 1  # the last word starting before it ends
        if first > last:
            continue
        links.append(Link(clean_starts[first] + max(0, start - starts[first]),
                          clean_starts[last] + min(end, ends[last]) - starts[last], url))
    return " ".join(text[start:end] for start, end in words), tuple(links)


def url_links(text: str) -> tuple[Link, ...]:
    """Bare web addresses in one block's text, each a link to itself as written."""
    links: list[Link] = []
    for match in _URL.finditer(text):
        url = match.group().rstrip(_URL_TRAILING)
        # A closing bracket the address opened itself stays: (see wiki/Foo_(bar)).
        while match.group()[len(url):len(url) + 1] == ")" and url.count("(") > url.count(")"):
            url += ")"
        host = url.split("//", 1)[-1].removeprefix("www.").removeprefix("WWW.")
        if host:
            links.append(Link(match.start(), match.start() + len(url), url))
    return tuple(links)


def title_from_filename(filename: str) -> str:
    """'csrs-tajikistan-policy-shift.txt' -> 'Csrs tajikistan policy shift'."""
    words = re.sub(r"[-_.]+", " ", PurePath(filename).stem).split()
    title = " ".join(words)
    return title[:1].upper() + title[1:] if title else "Untitled brief"


# --- Lines to units -------------------------------------------------------------------------


def _wrap_width(lines: list[str]) -> int | None:
    """The width text was wrapped at, or None when every line is a paragraph of its own."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if not lengths or not _has_blank_line_inside(lines):
        return None
    width = lengths[(len(lengths) * 9) // 10]
    return width if width <= _MAX_WRAP_WIDTH else None


def _has_blank_line_inside(lines: list[str]) -> bool:
    """Blank lines between paragraphs, not merely at the ends of the file."""
    blank = [not line.strip() for line in lines]
    try:
        first, last = blank.index(False), len(blank) - blank[::-1].index(False)
    except ValueError:
        return False
    return any(blank[first:last])


def _units(lines: list[str], width: int | None) -> list[_Unit]:
    units: list[_Unit] = []
    open_unit: _Unit | None = None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            open_unit = None
        elif _UNDERLINE.match(line) and _underlines(_last(units), number):
            units[-1].underline = stripped[0]
            open_unit = None
        elif _SEPARATOR.match(line):
            open_unit = None
        elif open_unit and width and not _BULLET.match(line) and _joins(open_unit, stripped, width):
            _continue(open_unit, stripped, number)
        else:
            open_unit = _start_unit(line, number)
            if open_unit is not None:
                units.append(open_unit)
    return units


def _joins(unit: _Unit, line: str, width: int) -> bool:
    """Whether `line` goes on the paragraph above it in hard-wrapped text.

    A wrapping editor breaks a line only when the next word does not fit, so a line
    that had room for it was ended on purpose (a heading, a "By:" line, a paragraph end).
    """
    if _LABEL.match(line):
        return False
    if unit.first == unit.last and (_LABEL.match(unit.text) or _is_all_caps(unit.text)):
        return False
    first_word = line.split(maxsplit=1)[0]
    return unit.tail + 1 + len(first_word) > width * _FIT_SLACK


def _last(units: list[_Unit]) -> _Unit | None:
    return units[-1] if units else None


def _underlines(unit: _Unit | None, number: int) -> bool:
    """A === or --- line turns the single short line right above it into a heading."""
    return (
        unit is not None
        and unit.first == unit.last == number - 1
        and not unit.marker
        and not unit.underline
        and _heading_like(unit.text)
    )


def _continue(unit: _Unit, stripped: str, number: int) -> None:
    previous = unit.parts[-1]
    # A word hyphenated across the line break stays one word.
    hyphenated = previous[-2:-1].isalpha() and previous[-1] == "-" and stripped[0].islower()
    unit.parts.append(stripped if hyphenated else " " + stripped)
    unit.last = number
    unit.tail = len(stripped)


def _start_unit(line: str, number: int) -> _Unit | None:
    match = _BULLET.match(line)
    if match is None:
        stripped = line.strip()
        return _Unit(first=number, last=number, parts=[stripped], tail=len(stripped))
    rest = (match["rest"] or "").strip()
    if not rest:
        return None  # a bullet with nothing after it
    unit = _Unit(first=number, last=number, parts=[rest], marker_text=match["marker"],
                 indent=len(match["indent"].expandtabs(4)), tail=len(line.strip()))
    if match["number"]:
        unit.marker, unit.ordinal = "number", int(match["number"])
    elif match["letter"]:
        unit.marker, unit.ordinal = "letter", ord(match["letter"].lower()) - ord("a") + 1
    else:
        unit.marker = "bullet"
    return unit


# --- Units to roles -------------------------------------------------------------------------


def _roles(units: list[_Unit]) -> list[_Role]:
    """Decide each unit's role; backwards, since a heading depends on what follows it."""
    roles = [_Role(BlockKind.PARAGRAPH, 0)] * len(units)
    following: tuple[_Unit, _Role] | None = None
    for index in range(len(units) - 1, -1, -1):
        previous = units[index - 1] if index else None
        roles[index] = _role(units[index], previous, following)
        following = (units[index], roles[index])
    return roles


def _role(unit: _Unit, previous: _Unit | None, following: tuple[_Unit, _Role] | None) -> _Role:
    if unit.underline:
        return _Role(BlockKind.HEADING, 1 if unit.underline == "=" else 2)
    if unit.marker:
        if _is_list_heading(unit, previous, following):
            return _Role(BlockKind.HEADING, _list_heading_level(unit))
        return _Role(BlockKind.LIST_ITEM, 1 + unit.indent // 2)
    text = unit.text
    if not _heading_like(text):
        return _Role(BlockKind.PARAGRAPH, 0)
    level = _numbering_depth(text)
    if _is_all_caps(text) or _opens_content(level, following):
        return _Role(BlockKind.HEADING, level)
    return _Role(BlockKind.PARAGRAPH, 0)


def _opens_content(level: int, following: tuple[_Unit, _Role] | None) -> bool:
    """A heading needs something under it: text, a list, or a deeper heading."""
    if following is None:
        return False
    kind, next_level = following[1]
    return kind != BlockKind.HEADING or next_level > level


def _is_list_heading(
    unit: _Unit, previous: _Unit | None, following: tuple[_Unit, _Role] | None
) -> bool:
    """A short bullet with plain text under it is a sub-heading, unless it goes on a list."""
    text = unit.text
    if not _heading_like(text) or _SENTENCE_PUNCT.search(text):
        return False
    if following is None or following[0].marker or following[1].kind == BlockKind.LIST_ITEM:
        return False
    return _opens_content(_list_heading_level(unit), following) and not _continues_list(
        previous, unit
    )


def _list_heading_level(unit: _Unit) -> int:
    """"1. Background" is a numbered top heading; "- Background" a sub-heading."""
    return 1 if unit.marker == "number" else 2


def _continues_list(previous: _Unit | None, unit: _Unit) -> bool:
    if previous is None or previous.marker != unit.marker:
        return False
    return unit.marker == "bullet" or unit.ordinal == previous.ordinal + 1


def _heading_like(text: str) -> bool:
    if len(text) > MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return False
    if text[-1] in ".,;:!" or _LABEL.match(text):
        return False
    first = text.lstrip(_LEADING_QUOTES)[:1]
    return first.isupper() or first.isdigit()


def _is_all_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def _numbering_depth(text: str) -> int:
    match = _NUMBERED_HEADING.match(text)
    if match is None or match[1] is None:
        return 1
    return match[1].count(".") + 1


def _is_title(unit: _Unit) -> bool:
    text = unit.text
    return (
        not unit.marker
        and (_heading_like(text) or bool(unit.underline))
        and not _NUMBERED_HEADING.match(text)
        and classify_section(text) == SectionKind.OTHER
    )


# --- Output ---------------------------------------------------------------------------------


def _emit(builder: BriefBuilder, unit: _Unit, role: _Role) -> None:
    last = unit.last + (1 if unit.underline else 0)
    locator = f"line:{unit.first}" if last == unit.first else f"lines:{unit.first}-{last}"
    if role.kind != BlockKind.HEADING:
        text = clean_text(unit.text)
        builder.block(role.kind, text, locator, role.level, links=url_links(text))
        return
    text = clean_text(f"{unit.marker_text} {unit.text}" if unit.marker == "number" else unit.text)
    builder.heading(text, role.level, locator, links=url_links(text))
