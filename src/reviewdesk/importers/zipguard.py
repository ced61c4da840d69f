"""Guards for zip-based documents: refuse bombs, damaged archives and XML with entity tricks."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable

from lxml import etree

from reviewdesk.errors import InputError
from reviewdesk.importers.guards import nested_too_deeply, ole_kind, paragraph_too_long

# An encrypted Office file is an OLE compound file wrapping the encrypted package.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF8_BOM = b"\xef\xbb\xbf"
# Small parts compress far better than the ratio limit (a run of empty table cells), so the
# ratio is only held against entries large enough to hurt.
_RATIO_FLOOR = 1_000_000
_CENTRAL_ENTRY = b"PK\x01\x02"
# Members are inflated a slice at a time: zipfile's read() of a whole member inflates up to
# 1 GiB per step, whatever size the archive declares.
_CHUNK = 1 << 20
# What Word and ReviewDesk write. zipfile inflates bzip2 and LZMA members in one step, so
# one of them can unpack to gigabytes before any limit is checked.
_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
_METHOD_NAMES = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "lzma", 9: "deflate64"}
# DTDs and entities in any encoding libxml2 reads without a byte-order mark search.
_DTD_MARKS = tuple(mark.encode(encoding) for mark in ("<!DOCTYPE", "<!ENTITY")
                   for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))

# What a hostile or broken archive makes zipfile raise; all mean "damaged".
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError,
               IndexError, struct.error, NotImplementedError, UnicodeDecodeError,
               OverflowError)


def open_zip(data: bytes, filename: str, max_entries: int = 10_000,
             max_total: int = 500_000_000, max_ratio: int = 200) -> zipfile.ZipFile:
    """The archive in `data`, once its directory is known to be sane; nothing is inflated yet."""
    if data.startswith(OLE_MAGIC):
        if ole_kind(data) == "an old Word (.doc) document":
            raise InputError(f"cannot import {filename}: it is an old Word (.doc) document; "
                             "save it as .docx in Word first")
        raise InputError(f"cannot import {filename}: it is password-protected or encrypted")
    if not data.startswith(b"PK"):
        raise InputError(f"cannot import {filename}: it is not a Word document (not a zip file)")
    # Counted before zipfile reads the directory: a million entries take it seconds and
    # hundreds of MB. Names may hold the signature too, which only over-counts.
    if data.count(_CENTRAL_ENTRY) > max_entries:
        raise InputError(_bomb(filename, f"it holds more than {max_entries:,} files"))
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
    if len(entries) > max_entries:
        raise InputError(_bomb(filename, f"it holds more than {max_entries:,} files"))
    total = 0
    for entry in entries:
        # Declared sizes screen the archive; read_member holds every read to them as well.
        total += entry.file_size
        if entry.file_size > max_total or total > max_total:
            raise InputError(_bomb(filename, f"it would unpack to more than "
                                             f"{max_total / 1_000_000:g} MB"))
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > _RATIO_FLOOR and ratio > max_ratio:
            raise InputError(_bomb(filename, f"{entry.filename} would unpack to "
                                             f"{ratio:,.0f} times its packed size"))


def read_member(archive: zipfile.ZipFile, name: str, filename: str,
                limit: int | None = None,
                watch: Callable[[bytes], None] | None = None) -> bytes:
    """One member's bytes, inflated a slice at a time and never past its declared size
    nor `limit` bytes; a bad checksum or broken stream becomes an InputError. `watch` sees
    each slice as it comes, and may refuse the member (by raising) before the rest is read."""
    try:
        info = archive.getinfo(name)
        if info.compress_type not in _METHODS:
            method = _METHOD_NAMES.get(info.compress_type, "an unknown method")
            raise InputError(f"cannot import {filename}: {name} is compressed with {method}, "
                             "which ReviewDesk does not read")
        if limit is not None and info.file_size > limit:
            raise InputError(too_big(filename, name, limit))
        parts: list[bytes] = []
        size = 0
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                if limit is not None and size > limit:
                    raise InputError(too_big(filename, name, limit))
                if watch is not None:
                    watch(chunk)
                parts.append(chunk)
        return b"".join(parts)
    except RuntimeError:
        # zipfile says "File ... is encrypted" for members with the encryption flag.
        raise InputError(f"cannot import {filename}: it is password-protected or encrypted"
                         ) from None
    except _ZIP_ERRORS:
        raise InputError(_damaged(filename)) from None


def safe_xml(data: bytes, part: str, filename: str = "") -> etree._Element:
    """Parse one XML part, refusing DTDs and entity declarations (billion laughs, XXE) and
    what passes libxml2's limits (nesting, a text of over 10 MB)."""
    name = filename or part
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    if any(mark in data for mark in _DTD_MARKS):
        raise InputError(_refused_dtd(name, part))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, dtd_validation=False, collect_ids=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise InputError(_xml_error(name, part, str(error))) from None
    except ValueError:
        raise InputError(_not_xml(name, part)) from None
    # A part in another encoding may still hide its declarations from the search above.
    if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]
        raise InputError(_refused_dtd(name, part))
    return root


def _xml_error(name: str, part: str, message: str) -> str:
    """libxml2's refusal in the user's words: a limit it keeps, or damage."""
    if "Excessive depth" in message:
        return nested_too_deeply(name, part)
    if "Text node too long" in message or "huge text node" in message:
        return paragraph_too_long(name)
    if "XML_PARSE_HUGE" in message:
        return f"cannot import {name}: {part} holds more than ReviewDesk can read"
    if "ntity" in message and ("loop" in message or "amplification" in message):
        return _refused_dtd(name, part)
    return _not_xml(name, part)


def _not_xml(name: str, part: str) -> str:
    return f"cannot import {name}: the file is damaged ({part} is not valid XML)"


def _damaged(filename: str) -> str:
    return f"cannot import {filename}: the file is damaged or truncated"


def _bomb(filename: str, why: str) -> str:
    return f"cannot import {filename}: it looks like a zip bomb ({why})"


def too_big(filename: str, what: str, limit: int) -> str:
    """`what` ("word/document.xml", "its XML parts") unpacks to more than `limit` bytes."""
    return (f"cannot import {filename}: {what} would unpack to more than ReviewDesk can read "
            f"(over {limit / 1_000_000:g} MB; it may be a zip bomb)")


def _refused_dtd(name: str, part: str) -> str:
    return f"cannot import {name}: {part} declares a DTD or entities, which is not allowed"
