"""Importers: turn a file the user picked into a Brief, or say in one sentence why not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reviewdesk.domain.brief import Brief
from reviewdesk.errors import InputError
from reviewdesk.importers.docx import parse_docx
from reviewdesk.importers.guards import decode_text, read_bytes, source_file
from reviewdesk.importers.html import parse_html
from reviewdesk.importers.markdown import parse_markdown
from reviewdesk.importers.pdf import parse_pdf
from reviewdesk.importers.text import parse_text

__all__ = ["SUPPORTED_SUFFIXES", "read_brief"]

# Text formats get the decoded text; the others find their own encoding in their bytes.
_TEXT_PARSERS: dict[str, Callable[[str, str], Brief]] = {
    ".txt": parse_text,
    ".text": parse_text,
    "": parse_text,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
}
_BYTE_PARSERS: dict[str, Callable[[bytes, str], Brief]] = {
    ".docx": parse_docx,
    ".docm": parse_docx,
    ".pdf": parse_pdf,
    ".html": parse_html,
    ".htm": parse_html,
    ".xhtml": parse_html,
}

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(
    suffix for suffix in (*_BYTE_PARSERS, *_TEXT_PARSERS) if suffix)


def read_brief(path: Path) -> Brief:
    """Import the file at `path`; raises InputError for anything that cannot become a brief.

    Files with an unknown extension are read as plain text when their bytes are text.
    """
    suffix = path.suffix.lower()
    data = read_bytes(path)
    if suffix in _BYTE_PARSERS:
        brief = _BYTE_PARSERS[suffix](data, str(path))
    else:
        brief = _TEXT_PARSERS.get(suffix, parse_text)(decode_text(data, path), path.name)
    if not brief.blocks:
        raise InputError(f"{path} has no text to review")
    brief.source = source_file(path, data)
    return brief
