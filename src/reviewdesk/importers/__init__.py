"""Importers: turn a file the user picked into a Brief, or say in one sentence why not."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewdesk.domain.brief import Brief
from reviewdesk.errors import InputError
from reviewdesk.importers.bounded import run_bounded
from reviewdesk.importers.guards import (
    check_brief_size,
    check_text_size,
    decode_file,
    looks_like,
    read_bytes,
    short_title,
    source_file,
)

__all__ = ["SUPPORTED_SUFFIXES", "BriefFile", "read_brief", "read_brief_file"]

# Each reader is imported when a file of its format is read (a command that reads no file
# loads none of them, nor lxml, pdfplumber or markdown-it): module and function by name.
_TEXT = ("reviewdesk.importers.text", "parse_text")
_MARKDOWN = ("reviewdesk.importers.markdown", "parse_markdown")
# Text formats get the decoded text; the others find their own encoding in their bytes.
_TEXT_PARSERS: dict[str, tuple[str, str]] = {
    ".txt": _TEXT, ".text": _TEXT, "": _TEXT, ".md": _MARKDOWN, ".markdown": _MARKDOWN,
}
# HTML is text too, but its bytes may declare their own charset.
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_BYTE_PARSERS: dict[str, tuple[str, str]] = {
    ".docx": ("reviewdesk.importers.docx", "parse_docx"),
    ".docm": ("reviewdesk.importers.docx", "parse_docx"),
    ".pdf": ("reviewdesk.importers.pdf", "parse_pdf"),
}


def _reader(named: tuple[str, str]) -> Callable[..., Any]:
    module, function = named
    reader: Callable[..., Any] = getattr(importlib.import_module(module), function)
    return reader

MARKDOWN_IN_PROCESS_CHARS = 1_000_000

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(
    suffix for suffix in (*_BYTE_PARSERS, *_HTML_SUFFIXES, *_TEXT_PARSERS) if suffix)

# What each format is called when a file turns out to be something else, and what its
# parser may be handed anyway: a zip or an OLE file named .docx gets the Word reader's own,
# more precise, answer (no document part, encrypted, an old .doc).
_EXPECTED: dict[str, tuple[str, frozenset[str]]] = {
    ".docx": ("a Word document", frozenset({"a Word document", "a zip archive",
                                           "a password-protected Office document",
                                           "an old Word (.doc) document",
                                           "an old-style Office document"})),
    ".pdf": ("a PDF file", frozenset({"a PDF"})),
    ".html": ("an HTML file", frozenset()),
}
_EXPECTED.update({".docm": _EXPECTED[".docx"], ".htm": _EXPECTED[".html"],
                  ".xhtml": _EXPECTED[".html"]})
_AS_TEXT = ("a text file", frozenset[str]())


@dataclass(frozen=True, slots=True)
class BriefFile:
    """A brief read from a file, and the encoding its text was in: "utf-8", a legacy one
    such as "windows-1251", or None for Word and PDF files, which are not plain text."""

    brief: Brief
    encoding: str | None


def read_brief(path: Path) -> Brief:
    """Import the file at `path`; raises InputError for anything that cannot become a brief.

    Files with an unknown extension are read as plain text when their bytes are text.
    """
    return read_brief_file(path).brief


def read_brief_file(path: Path) -> BriefFile:
    """read_brief, and the encoding the file's text was read in."""
    suffix = path.suffix.lower()
    data = read_bytes(path)
    _check_format(data, path, suffix)
    encoding: str | None = None
    if suffix in _BYTE_PARSERS:
        brief = _reader(_BYTE_PARSERS[suffix])(data, str(path))
    elif suffix in _HTML_SUFFIXES:
        from reviewdesk.importers.html import parse_html_text
        from reviewdesk.importers.html_decode import decode_html

        page = decode_html(data, str(path))
        brief, encoding = parse_html_text(page.text, str(path)), page.encoding
    else:
        decoded = decode_file(data, path)
        brief, encoding = _parse_text(decoded.text, path, suffix), decoded.encoding
    if not brief.blocks:
        raise InputError(f"{path} has no text to review")
    check_brief_size(brief, path)
    brief.title = short_title(brief.title)
    brief.source = source_file(path, data)
    from reviewdesk.importers.language import brief_language

    brief.language = brief_language(brief)
    return BriefFile(brief, encoding)


def _parse_text(text: str, path: Path, suffix: str) -> Brief:
    check_text_size(text, path)
    named = _TEXT_PARSERS.get(suffix, _TEXT)
    parser = _reader(named)
    if named == _MARKDOWN and len(text) > MARKDOWN_IN_PROCESS_CHARS:
        # Past the size ReviewDesk is built for, Markdown is parsed in a child process
        # with a time limit: markdown-it spends up to ~17 µs a character on some
        # inputs (thousands of unclosed "!["), minutes for the largest brief allowed.
        bounded: Brief = run_bounded(parser, text, str(path), name=str(path), kind="Markdown")
        return bounded
    brief: Brief = parser(text, str(path))
    return brief


def _check_format(data: bytes, path: Path, suffix: str) -> None:
    """Refuse a file whose bytes say it is another format than its name does."""
    found = looks_like(data)
    expected, allowed = _EXPECTED.get(suffix, _AS_TEXT)
    if found is not None and found not in allowed:
        raise InputError(f"cannot import {path}: it is not {expected} (it looks like {found})")
