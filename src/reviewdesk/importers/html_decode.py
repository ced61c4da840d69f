"""An HTML page's bytes as text: a byte-order mark wins, then the charset the page declares,
then UTF-8 or a legacy encoding as for a text file (importers/encoding.py)."""

from __future__ import annotations

import codecs
import re

from reviewdesk.errors import InputError
from reviewdesk.importers.encoding import BOMS, DecodedText, decode, decode_unmarked, label

_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Browsers read these labels as windows-1252, and so do the pages that use them.
_AS_CP1252 = frozenset({"cp1252", "latin_1", "iso8859_1", "ascii"})
_SNIFF_BYTES = 4096
_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_html(data: bytes, filename: str) -> DecodedText:
    """The page's text and its encoding: a BOM wins, then the charset it declares, then
    UTF-8 or a legacy encoding as for a text file (importers/encoding.py)."""
    if not data.strip():
        raise InputError(f"{filename} is empty")
    for bom, _ in BOMS:
        if data.startswith(bom):
            return decode(data, filename, "an HTML file")
    if b"\x00" in data or len(_CONTROLS.findall(data[:_SNIFF_BYTES])) > 8:
        raise InputError(f"cannot import {filename}: it is not an HTML file")
    declared = _declared_encoding(data[:_SNIFF_BYTES])
    if declared:
        try:
            return DecodedText(data.decode(declared), label(declared))
        except UnicodeDecodeError:
            pass
    return decode_unmarked(data, filename, "an HTML file")


def _declared_encoding(head: bytes) -> str | None:
    match = _DECLARED.search(head)
    if match is None:
        return None
    label = (match[1] or match[2]).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None
    if name.startswith(("utf_16", "utf_32")):
        return None  # bytes that read as ASCII cannot be UTF-16, whatever the page says
    return "cp1252" if name in _AS_CP1252 else name
