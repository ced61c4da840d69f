"""Properties of the plain-text importer (importers/text.py behind guards' decoding): any
text, in any encoding the reader accepts, imports or is refused with one sentence; an
imported brief's blocks are its text in order; nothing but white space, separator lines
and list markers is lost; and the same bytes always give the same brief.

The importer's documented normalisation, which the expectations below follow:
- decoding (guards.decode_file, importers/encoding.py): a leading byte-order mark is
  dropped, CRLF and CR become LF, a NUL refuses the file; UTF-8 with a stray byte in it
  is refused with the line of that byte; other bytes that are not UTF-8 are read in the
  legacy encoding charset-normalizer is sure of, named in the result, or refused. There
  is no Unicode normalisation (no NFC): combining marks stay as they are.
- parsing (text.parse_text): a block is one line of text with each run of white space
  (str.split's) folded to one space; blank lines and separator lines (three or more of
  one of - _ = * ~ # · •, with spaces) are dropped, and so is a list item's marker
  ("-", "•", "1.", "a)", "(a)"), kept only on a numbered heading ("1. Background"); a
  marker with nothing after it is dropped with its line.
"""

from __future__ import annotations

import codecs
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reviewdesk.domain.brief import Brief
from reviewdesk.errors import InputError
from reviewdesk.importers import read_brief
from reviewdesk.importers.guards import decode_file, decode_text, read_text_file
from reviewdesk.importers.markdown import parse_markdown
from reviewdesk.importers.text import parse_text

# The layout rules the importer documents (see the module docstring), written out here.
_SEPARATOR_LINE = re.compile(r"^[ \t]*([-_=*~#·•])(?:[ \t]*\1){2,}[ \t]*$")
_LIST_ITEM = re.compile(r"^[ \t]*(?P<marker>[-*•‣◦▪–]|\d{1,3}[.)]|\(?[A-Za-z]\))"
                        r"(?:[ \t]+(?P<rest>.*))?$")

_CHARS = st.characters(exclude_categories=["Cs"])
_WORDS = st.sampled_from([
    "The", "council", "met", "in", "May", "perch", "quota", "2024", "U.S.", "“closed”",
    "season—", "e\u0301te\u0301", "Ω", "دریا", "🐟", "\t", "x", "re-", "port", "By:",
    "\u00a0", "\u200b", "\ufeff", "\x0c", "\x1c", "\x85", "\u2028", "\x07", "\x7f", "–",
    "озеро", "Пётр", "دريا", "گزارش", "café", "naïve", "Straße",
])
_LINES = st.one_of(
    st.lists(_WORDS, min_size=1, max_size=14).map(" ".join),  # prose
    st.tuples(st.sampled_from(["- ", "* ", "• ", "1. ", "12) ", "(a) ", "b) ", "  - ", "\t– ",
                               "-", "1.", "(c)"]),
              st.lists(_WORDS, max_size=6).map(" ".join)).map("".join),  # list items
    st.sampled_from(["INTRODUCTION", "1.2 Background", "II. Outlook", "Recommendations",
                     "Lake Corrin Fisheries Outlook", "Contents:", "References"]),  # headings
    st.sampled_from(["---", "===", "* * *", "___", "~~~~", "#·#", " - - - ", "= =", "-- -"]),
    st.just(""), st.sampled_from(["   ", "\t", " \t "]),  # blank
    st.integers(30, 600).map(lambda n: "lorem ipsum " * n),  # very long line
    st.text(_CHARS, max_size=40),  # anything at all
)
_ENDINGS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n\n\n\n", "\r\n\r\n"])


@st.composite
def _texts(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 4)) == 0:
        return draw(st.text(_CHARS, max_size=200))
    lines = draw(st.lists(_LINES, min_size=1, max_size=30))
    text = "".join(line + draw(_ENDINGS) for line in lines)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    return ("\ufeff" if draw(st.integers(0, 6)) == 0 else "") + text


_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "cp1252", "cp1251", "cp1256"]
_LEGACY = {"cp1252", "cp1251", "cp1256"}
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def _encode(text: str, encoding: str) -> bytes | None:
    try:
        if encoding == "utf-16-be-bom":
            return b"\xfe\xff" + text.encode("utf-16-be")
        return text.encode(encoding)
    except UnicodeEncodeError:
        return None


def _normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_REFUSED = object()


def _expected_text(text: str, encoding: str, data: bytes) -> Any:
    """What decoding must give for these bytes: the text, _REFUSED, or None when the
    bytes may read as other text too (legacy bytes that are not UTF-8, or start like a BOM:
    _check_legacy says what holds for those)."""
    if encoding in _LEGACY:
        if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
            return None  # "ï»¿", "ÿþ", "þÿ": a byte-order mark to the reader
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if text.encode("utf-8") != data:
            return None
        return _REFUSED if "\x00" in text else _normalised(text) or _REFUSED
    if "\x00" in text:
        return _REFUSED
    if encoding == "utf-8":
        text = text.removeprefix("\ufeff")  # its bytes are a BOM, and read as one
    return _normalised(text) or _REFUSED


def _check_legacy(data: bytes, decoded: str, reported: str) -> None:
    """Bytes that are not UTF-8, read: the report names the encoding that gives exactly this
    text, and it holds no control or replacement character (no garbage stored)."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return
    event(f"read as {reported}")
    assert decoded == _normalised(data.decode(codecs.lookup(reported).name))
    assert not _CONTROLS.search(decoded)


def _nonspace(text: str) -> str:
    return "".join(text.split())


def _line_pieces(line: str) -> list[str]:
    """What one source line may leave in the brief, white space aside."""
    if not line.strip() or _SEPARATOR_LINE.match(line):
        return [""]
    item = _LIST_ITEM.match(line)
    if item is None:
        return [_nonspace(line)]
    rest = _nonspace(item["rest"] or "")
    if not rest:
        return [""]
    return [rest, _nonspace(item["marker"]) + rest]


def _keeps_every_character(source: str, brief: Brief) -> bool:
    """The brief's non-space characters are the source's, line by line, less the lines
    and markers the importer drops."""
    kept = _nonspace(brief.text)
    reached = {0}
    for line in source.split("\n"):
        reached = {at + len(piece) for at in reached for piece in _line_pieces(line)
                   if kept.startswith(piece, at)}
        if not reached:
            return False
    return len(kept) in reached


def _check_layout(brief: Brief) -> None:
    """Blocks are the brief's text, in order, without overlap: each is text[start:end],
    one line with single spaces, one separator after the one before."""
    blocks = brief.blocks
    assert brief.text == "\n".join(block.text for block in blocks)
    position = 0
    for block in blocks:
        assert block.start == position
        assert brief.text[block.start:block.end] == block.text
        assert block.text and block.text == " ".join(block.text.split())
        for link in block.links:
            assert 0 <= link.start < link.end <= len(block.text)
        position = block.end + 1
    for section in brief.sections:
        assert section.blocks
    if blocks:
        assert brief.title.strip()


def _shape(brief: Brief) -> tuple[Any, ...]:
    """Everything of a brief but its random ids."""
    return (brief.title, brief.text, brief.source_format,
            [(s.title, s.kind, s.level, [(b.kind, b.text, b.start, b.end, b.locator, b.level,
                                          b.links, b.page, b.rtl) for b in s.blocks])
             for s in brief.sections])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("text-importer")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts(), encoding=st.sampled_from(_ENCODINGS))
def test_any_text_imports_in_order_and_keeps_its_characters(folder: Path, text: str,
                                                           encoding: str) -> None:
    data = _encode(text, encoding)
    if data is None:
        event("not encodable")
        return  # not writable in this encoding
    expected = _expected_text(text, encoding, data)
    with tempfile.TemporaryDirectory(dir=folder) as raw:
        path = Path(raw) / "brief.txt"
        path.write_bytes(data)
        try:
            decoded = read_text_file(path)
        except InputError as error:
            event("refused when decoding")
            assert expected is _REFUSED or expected is None, error
            with pytest.raises(InputError):
                read_brief(path)
            return
        assert expected is not _REFUSED, "read what should have been refused"
        reported = decode_file(data, path).encoding
        if expected is not None:
            assert decoded == expected
            assert reported in ("utf-8", "utf-16", "utf-32")
        else:
            _check_legacy(data, decoded, reported)
        assert "\r" not in decoded and "\x00" not in decoded
        assert decode_text(data, path) == decoded  # same bytes, same text

        brief = parse_text(decoded, path.name)
        event(f"imported: {'no' if not brief.blocks else 'some'} blocks")
        _check_layout(brief)
        assert _keeps_every_character(decoded, brief)
        assert _shape(parse_text(decoded, path.name)) == _shape(brief)  # deterministic

        # The whole import, as the app runs it: the same brief, or one clear refusal (a
        # file with nothing to review, or bytes that look like another format's).
        try:
            first = read_brief(path)
        except InputError as error:
            if brief.blocks:  # refused for what its bytes look like, never for its text
                assert "no text to review" not in str(error)
            return
        assert _shape(first) == _shape(brief)
        again = read_brief(path)
        assert _shape(again) == _shape(first)
        assert again.source is not None and first.source is not None
        assert again.source.sha256 == first.source.sha256
        assert again.source.data == data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts())
def test_markdown_of_any_text_keeps_its_blocks_in_order(text: str) -> None:
    """The Markdown importer on the same texts (decoded): blocks in order and consistent
    with the brief's text, the same brief every time."""
    decoded = _normalised(text.removeprefix("\ufeff"))
    if not decoded or "\x00" in decoded:
        return
    brief = parse_markdown(decoded, "brief.md")
    _check_layout(brief)
    assert _shape(parse_markdown(decoded, "brief.md")) == _shape(brief)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts(), stray=st.integers(0x80, 0xFF), where=st.integers(0))
def test_utf8_with_one_stray_byte_is_refused_at_its_line(folder: Path, text: str, stray: int,
                                                         where: int) -> None:
    """UTF-8 text with one byte of another encoding put between two of its characters is
    never read whole in a legacy encoding (mojibake): it is refused, and the sentence
    names the line of that byte."""
    if "\x00" in text or not re.search("[^\x00-\x7f]", text.removeprefix("\ufeff")):
        return  # a NUL is refused as binary; plain ASCII and one byte is legacy text
    at = where % (len(text) + 1)
    data = text[:at].encode("utf-8") + bytes([stray]) + text[at:].encode("utf-8")
    with tempfile.TemporaryDirectory(dir=folder) as raw:
        path = Path(raw) / "brief.txt"
        path.write_bytes(data)
        with pytest.raises(InputError) as caught:
            read_text_file(path)
    line = len(re.findall("\r\n|\r|\n", text[:at])) + 1
    assert f"on line {line} (0x{stray:02X})" in str(caught.value)
    assert "save the file as UTF-8" in str(caught.value)
