"""Guards for zip-based documents: refuse bombs, damaged archives and XML with entity tricks."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from lxml import etree

from reviewdesk.errors import InputError

# An encrypted Office file is an OLE compound file wrapping the encrypted package.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF8_BOM = b"\xef\xbb\xbf"
# Small parts compress far better than the ratio limit (a run of empty table cells), so the
# ratio is only held against entries large enough to hurt.
_RATIO_FLOOR = 1_000_000

# What a hostile or broken archive makes zipfile raise; all mean "damaged".
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError,
               IndexError, struct.error, NotImplementedError, UnicodeDecodeError,
               OverflowError)


def open_zip(data: bytes, filename: str, max_entries: int = 10_000,
             max_total: int = 500_000_000, max_ratio: int = 200) -> zipfile.ZipFile:
    """The archive in `data`, once its directory is known to be sane; nothing is inflated yet."""
    if data.startswith(OLE_MAGIC):
        raise InputError(f"cannot import {filename}: it is password-protected or encrypted")
    if not data.startswith(b"PK"):
        raise InputError(f"cannot import {filename}: it is not a Word document (not a zip file)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except RuntimeError:
        raise InputError(_damaged(filename)) from None
    except _ZIP_ERRORS:
        raise InputError(_damaged(filename)) from None
    _check_sizes(entries, filename, max_entries, max_total, max_ratio)
    return archive


def _check_sizes(entries: list[zipfile.ZipInfo], filename: str, max_entries: int,
                 max_total: int, max_ratio: int) -> None:
    bomb = InputError(f"cannot import {filename}: it looks like a zip bomb")
    if len(entries) > max_entries:
        raise bomb
    total = 0
    for entry in entries:
        # zipfile never inflates past the declared size, so declared sizes are what count.
        total += entry.file_size
        if entry.file_size > max_total or total > max_total:
            raise bomb
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > _RATIO_FLOOR and ratio > max_ratio:
            raise bomb


def read_member(archive: zipfile.ZipFile, name: str, filename: str) -> bytes:
    """One member's bytes; a bad checksum or broken stream becomes an InputError."""
    try:
        return archive.read(name)
    except RuntimeError:
        # zipfile says "File ... is encrypted" for members with the encryption flag.
        raise InputError(f"cannot import {filename}: it is password-protected or encrypted"
                         ) from None
    except _ZIP_ERRORS:
        raise InputError(_damaged(filename)) from None


def safe_xml(data: bytes, part: str, filename: str = "") -> etree._Element:
    """Parse one XML part, refusing DTDs and entity declarations (billion laughs, XXE)."""
    name = filename or part
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise InputError(_refused_dtd(name, part))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, dtd_validation=False, collect_ids=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        raise InputError(f"cannot import {name}: the file is damaged ({part} is not valid XML)"
                         ) from None
    # A part in UTF-16 hides its declarations from the byte search above.
    if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]
        raise InputError(_refused_dtd(name, part))
    return root


def _damaged(filename: str) -> str:
    return f"cannot import {filename}: the file is damaged or truncated"


def _refused_dtd(name: str, part: str) -> str:
    return f"cannot import {name}: {part} declares a DTD or entities, which is not allowed"
