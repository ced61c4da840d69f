"""Input guards: read a file the user chose as text, or refuse it with one clear sentence."""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from reviewdesk.domain.brief import SourceFile
from reviewdesk.errors import InputError

DEFAULT_MAX_BYTES = 50_000_000

# UTF-32 marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# cp1252 decodes almost any byte string, so it is only trusted when the bytes hold
# none of the control characters that real text files never contain.
_FOREIGN_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


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
    text = _decode(data)
    if text is None or "\x00" in text:
        raise InputError(f"cannot import {path}: it is not a text file")
    if not text:
        raise InputError(f"{path} is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The file's text, or an InputError that says in one sentence why it cannot be read."""
    return decode_text(read_bytes(path, max_bytes), path)


def source_file(path: Path, data: bytes | None = None) -> SourceFile:
    """The original bytes with their SHA-256; pass `data` when the file was already read."""
    if data is None:
        data = read_bytes(path)
    return SourceFile(filename=path.name, data=data, sha256=hashlib.sha256(data).hexdigest())


def _decode(data: bytes) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _try_decode(data, encoding)
    if b"\x00" in data:
        return None
    text = _try_decode(data, "utf-8")
    if text is None and not _FOREIGN_CONTROLS.search(data):
        text = _try_decode(data, "cp1252")
    return text


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _too_large(path: Path, max_bytes: int) -> str:
    return f"cannot import {path}: it is larger than the {max_bytes / 1_000_000:g} MB limit"
