"""Input guards: read a file the user chose as text, or refuse it with one clear sentence."""

from __future__ import annotations

import hashlib
from pathlib import Path

from reviewdesk.domain.brief import Brief, SourceComment, SourceFile
from reviewdesk.errors import InputError
from reviewdesk.importers.encoding import DecodedText, decode

DEFAULT_MAX_BYTES = 50_000_000
# ReviewDesk is built for briefs of about a million characters. One paragraph may be that
# long (a page saved without paragraph breaks is one); ten times that in all is still read
# in bounded time and memory. Beyond, a file is refused before it is stored.
MAX_PARAGRAPH_CHARS = 1_000_000
MAX_BRIEF_CHARS = 10_000_000
# A title comes from metadata or a heading that nothing bounds (<title>, dc:title); past
# this it is cut at a word rather than the file refused.
MAX_TITLE_CHARS = 300
# libxml2's own limits (without XML_PARSE_HUGE): nesting depth and one text's length.
XML_MAX_DEPTH = 256
XML_MAX_TEXT = 10_000_000


def ensure_file(path: Path) -> None:
    """Refuse a path that does not exist or is a folder."""
    if path.is_dir():
        raise InputError(f"cannot import {path}: it is a folder, not a file")
    if not path.exists():
        raise InputError(f"{path} does not exist")


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The whole file, once it is known to be a readable, non-empty file of a sane size."""
    ensure_file(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(_too_large(path, max_bytes))
        with path.open("rb") as handle:
            # The size may change between stat() and read(): never read past the limit.
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"cannot read {path}: permission denied") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise InputError(_too_large(path, max_bytes))
    if not data:
        raise InputError(f"{path} is empty")
    return data


def decode_text(data: bytes, path: Path) -> str:
    """Bytes to text with newlines as "\\n"; `path` only names the file in errors."""
    return decode_file(data, path).text


def decode_file(data: bytes, path: Path) -> DecodedText:
    """Bytes to text with newlines as "\\n", and the encoding they were read in (see
    importers/encoding.py); `path` only names the file in errors."""
    decoded = decode(data, str(path))
    if "\x00" in decoded.text:
        raise InputError(f"cannot import {path}: it is not a text file")
    if not decoded.text:
        raise InputError(f"{path} is empty")
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text, decoded.encoding)


def read_text_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The file's text, or an InputError that says in one sentence why it cannot be read."""
    return decode_text(read_bytes(path, max_bytes), path)


def source_file(path: Path, data: bytes | None = None) -> SourceFile:
    """The original bytes with their SHA-256; pass `data` when the file was already read."""
    if data is None:
        data = read_bytes(path)
    return SourceFile(filename=path.name, data=data, sha256=hashlib.sha256(data).hexdigest())


def check_text_size(text: str, path: Path) -> None:
    """Refuse text that cannot make a brief ReviewDesk can handle, before it is parsed:
    a line is never split between paragraphs, so the longest one is a paragraph at least."""
    longest = max((len(line.strip()) for line in text.split("\n")), default=0)
    if longest > MAX_PARAGRAPH_CHARS:
        raise InputError(paragraph_too_long(str(path), longest))
    if len(text) > MAX_BRIEF_CHARS:
        raise InputError(_text_too_long(path, len(text)))


def check_brief_size(brief: Brief, path: Path) -> None:
    """Refuse a brief with a paragraph, a comment or a text longer than ReviewDesk can
    handle."""
    longest = max((len(block.text) for block in brief.blocks), default=0)
    if longest > MAX_PARAGRAPH_CHARS:
        raise InputError(paragraph_too_long(str(path), longest))
    if len(brief.text) > MAX_BRIEF_CHARS:
        raise InputError(_text_too_long(path, len(brief.text)))
    comment = max((len(comment.text) for comment in _all_comments(brief.source_comments)),
                  default=0)
    if comment > MAX_PARAGRAPH_CHARS:
        raise InputError(f"cannot import {path}: a comment is longer than ReviewDesk can "
                         f"handle ({comment:,} characters; the limit is "
                         f"{MAX_PARAGRAPH_CHARS:,})")


def short_title(title: str) -> str:
    """The title, cut at a word with an ellipsis when it is longer than a title can be."""
    if len(title) <= MAX_TITLE_CHARS:
        return title
    cut = title[:MAX_TITLE_CHARS - 1]
    word_end = cut.rfind(" ")
    return (cut[:word_end] if word_end > MAX_TITLE_CHARS // 2 else cut).rstrip() + "…"


def _all_comments(comments: list[SourceComment]) -> list[SourceComment]:
    """Comments and their replies, however deep the replies go."""
    found: list[SourceComment] = []
    waiting = list(comments)
    while waiting:
        comment = waiting.pop()
        found.append(comment)
        waiting.extend(comment.replies)
    return found


def paragraph_too_long(name: str, length: int | None = None) -> str:
    """The sentence for a paragraph of `length` characters; None: more than a parser reads."""
    size = f"more than {XML_MAX_TEXT:,}" if length is None else f"{length:,}"
    return (f"cannot import {name}: a paragraph is longer than ReviewDesk can handle "
            f"({size} characters; the limit is {MAX_PARAGRAPH_CHARS:,})")


def nested_too_deeply(name: str, what: str = "it") -> str:
    """The sentence for a file whose XML (or `what` in it) nests deeper than XML_MAX_DEPTH."""
    return (f"cannot import {name}: {what} is nested more than {XML_MAX_DEPTH} levels deep, "
            "more than ReviewDesk can read")


def _text_too_long(path: Path, length: int) -> str:
    return (f"cannot import {path}: its text is longer than ReviewDesk can handle "
            f"({length:,} characters; the limit is {MAX_BRIEF_CHARS:,})")


def looks_like(data: bytes) -> str | None:
    """What a file's first bytes say it is ("a PDF", "a PNG image"), for files of another
    format than their name says; None when the bytes name no format ReviewDesk knows."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return _zip_kind(data) if kind == "zip" else ole_kind(data) if kind == "ole" \
                else kind
    return None


def _zip_kind(data: bytes) -> str:
    for mark, kind in _ZIP_KINDS:
        if mark in data:
            return kind
    return "a zip archive"


def ole_kind(data: bytes) -> str:
    """What an OLE compound file holds: an encrypted Office file, an old .doc, or other."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "a password-protected Office document"
    if "WordDocument".encode("utf-16-le") in data:
        return "an old Word (.doc) document"
    return "an old-style Office document"


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
)
# Inside a zip: the folder or mimetype each OOXML and OpenDocument format starts with.
_ZIP_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"word/", "a Word document"),
    (b"xl/", "an Excel workbook"),
    (b"ppt/", "a PowerPoint presentation"),
    (b"application/vnd.oasis.opendocument", "an OpenDocument file"),
)


def _too_large(path: Path, max_bytes: int) -> str:
    return f"cannot import {path}: it is larger than the {max_bytes / 1_000_000:g} MB limit"
