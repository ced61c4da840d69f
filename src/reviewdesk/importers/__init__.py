"""Importers: turn a file the user picked into a Brief, or say in one sentence why not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reviewdesk.domain.brief import Brief
from reviewdesk.errors import InputError
from reviewdesk.importers.guards import decode_text, ensure_file, read_bytes, source_file
from reviewdesk.importers.markdown import parse_markdown
from reviewdesk.importers.text import parse_text

__all__ = ["SUPPORTED_SUFFIXES", "read_brief"]

_PARSERS: dict[str, Callable[[str, str], Brief]] = {
    ".txt": parse_text,
    ".text": parse_text,
    "": parse_text,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
}

# Formats users will try that have no importer yet, with the name they know them by.
_NOT_YET: dict[str, str] = {
    ".docx": "Word (.docx)",
    ".pdf": "PDF",
    ".html": "HTML",
    ".htm": "HTML",
}

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(suffix for suffix in _PARSERS if suffix)


def read_brief(path: Path) -> Brief:
    """Import the file at `path`; raises InputError for anything that cannot become a brief.

    Files with an unknown extension are read as plain text when their bytes are text.
    """
    suffix = path.suffix.lower()
    if suffix in _NOT_YET:
        ensure_file(path)
        raise InputError(
            f"cannot import {path}: {_NOT_YET[suffix]} files are not supported yet; "
            "save it as text or Markdown"
        )
    data = read_bytes(path)
    brief = _PARSERS.get(suffix, parse_text)(decode_text(data, path), path.name)
    if not brief.blocks:
        raise InputError(f"{path} has no text to review")
    brief.source = source_file(path, data)
    return brief
