"""Reading a review bundle back: the zip, its manifest, its signature, every member's
checksum and every row's shape and size, all checked before anything is used (what the
rows name is checked in bundle.checks). A bundle that fails is refused in one sentence."""

from __future__ import annotations

import hashlib
import json
import math
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from reviewdesk.domain.trust import is_public_key
from reviewdesk.errors import InputError
from reviewdesk.importers.guards import read_bytes
from reviewdesk.importers.zipguard import open_zip, read_member
from reviewdesk.services.bundle.checks import check_rows
from reviewdesk.services.bundle.format import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MAX_BUNDLE_BYTES,
    MAX_CHARS,
    MAX_INT,
    MAX_ROWS,
    MEMBERS,
    SHA256,
    SIGNATURE,
    SIGNATURE_ALGORITHM,
    SOURCE_KEYS,
    SOURCES,
    Bundle,
    Column,
    Kind,
    Member,
    Signer,
    damaged,
)

_SIGNATURE_HEX = re.compile(r"^[0-9a-f]{128}$")


def read_bundle(path: Path, verify: Any) -> Bundle:
    """Read the bundle at `path`, checking everything before anything is used: the zip,
    the manifest's format and version, its signature (`verify(public key, data, signature)
    -> bool`), every member's checksum, and every row's shape, size and references. A
    bundle that fails is refused with one sentence saying why."""
    name = path.name
    archive, names = _open(path)
    manifest_bytes = read_member(archive, MANIFEST, name)
    manifest = _parse_json(manifest_bytes, MANIFEST, name)
    version, files = _check_manifest(manifest, name)
    signer = _check_signature(manifest, manifest_bytes, archive, names, name, verify)
    _check_listed(names, files, name)
    contents = _read_members(archive, files, name)
    sources = _sources(contents, files, name)
    tables = {member.table: _decode_member(member, _parse_json(contents[member.name],
                                                               member.name, name),
                                           version, name)
              for member in MEMBERS}
    bundle = Bundle(path=path, created=str(manifest["created"]),
                    app_version=str(manifest["app_version"]), version=version,
                    signer=signer, tables=tables, sources=sources)
    check_rows(bundle, name)
    return bundle


def _open(path: Path) -> tuple[zipfile.ZipFile, list[str]]:
    """The bundle's zip and the names of its members, once it is one with a manifest."""
    name = path.name
    data = read_bytes(path, MAX_BUNDLE_BYTES)
    if not data.startswith(b"PK"):
        raise InputError(f"cannot import {name}: it is not a ReviewDesk bundle "
                         "(not a zip file)")
    archive = open_zip(data, name)
    names = [info.filename for info in archive.infolist()]
    if len(set(names)) != len(names):
        raise damaged(name, "two of its files have the same name")
    if MANIFEST not in names:
        raise InputError(f"cannot import {name}: it is not a ReviewDesk bundle "
                         f"(it has no {MANIFEST})")
    return archive, names


def _check_listed(names: Sequence[str], files: dict[str, str], name: str) -> None:
    """The zip holds exactly the members its manifest lists, and every table's."""
    present = set(names) - {MANIFEST, SIGNATURE}
    unlisted = sorted(present - set(files))
    if unlisted:
        raise damaged(name, f"{unlisted[0]} is not in its manifest")
    missing = sorted(set(files) - present)
    if missing:
        raise damaged(name, f"{missing[0]} is missing")
    absent = [member.name for member in MEMBERS if member.name not in files]
    if absent:
        raise damaged(name, f"it has no {absent[0]}")


def _read_members(archive: zipfile.ZipFile, files: dict[str, str],
                  name: str) -> dict[str, bytes]:
    """Every listed member's bytes, each checked against its checksum."""
    contents: dict[str, bytes] = {}
    counted = {member.name: member for member in MEMBERS}
    for member_name in sorted(files):
        member = counted.get(member_name)
        # Too many rows: refused while the member is read, before the rest is inflated.
        watch = _RowCounter(member, name) if member is not None else None
        content = read_member(archive, member_name, name, watch=watch)
        if hashlib.sha256(content).hexdigest() != files[member_name]:
            raise damaged(name, f"{member_name} does not match its checksum")
        contents[member_name] = content
    return contents


def _sources(contents: dict[str, bytes], files: dict[str, str],
             name: str) -> dict[str, bytes]:
    """The source files among the members, by sha256; any other member is refused."""
    sources: dict[str, bytes] = {}
    known = {member.name for member in MEMBERS}
    for member_name, content in contents.items():
        if member_name in known:
            continue
        sha256 = member_name.removeprefix(SOURCES)
        if not member_name.startswith(SOURCES) or not SHA256.match(sha256) \
                or files[member_name] != sha256:
            raise damaged(name, f"{member_name} is not a part of a bundle")
        sources[sha256] = content
    return sources


def _reject_constant(value: str) -> Any:
    raise ValueError(f"{value} is not a JSON number")


def _parse_json(content: bytes, member: str, name: str) -> Any:
    try:
        return json.loads(content.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise damaged(name, f"{member} is not valid JSON") from None


def _check_manifest(manifest: Any, name: str) -> tuple[int, dict[str, str]]:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(f"cannot import {name}: it is not a ReviewDesk bundle "
                         f"(its {MANIFEST} does not say so)")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise damaged(name, f"its {MANIFEST} has no valid format version")
    if version > FORMAT_VERSION:
        raise InputError(f"cannot import {name}: this bundle was written by a newer "
                         f"ReviewDesk (format {version}); update to import it")
    for key in ("created", "app_version"):
        if not isinstance(manifest.get(key), str):
            raise damaged(name, f"its {MANIFEST} has no {key!r}")
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and SHA256.match(v)
            for k, v in files.items()):
        raise damaged(name, f"its {MANIFEST} does not list its files with their checksums")
    if MANIFEST in files or SIGNATURE in files:
        raise damaged(name, f"its {MANIFEST} lists itself or its signature")
    return version, {str(k): str(v) for k, v in files.items()}


def _check_signature(manifest: dict[str, Any], manifest_bytes: bytes,
                     archive: zipfile.ZipFile, names: Sequence[str], name: str,
                     verify: Any) -> Signer | None:
    """The manifest's signer, once its signature is checked; None for an unsigned bundle
    (one written before bundles were signed)."""
    described = manifest.get("signer")
    if SIGNATURE not in names:
        if described is not None:
            raise damaged(name, "it names a signer but carries no signature")
        return None
    if not isinstance(described, dict) or set(described) != {"public_key", "name"} \
            or not isinstance(described["public_key"], str) \
            or not is_public_key(described["public_key"]) \
            or not isinstance(described["name"], str):
        raise damaged(name, f"its {MANIFEST} does not name its signer properly")
    signature = _parse_json(read_member(archive, SIGNATURE, name), SIGNATURE, name)
    if not isinstance(signature, dict) or set(signature) != {"algorithm", "signature"} \
            or signature["algorithm"] != SIGNATURE_ALGORITHM \
            or not isinstance(signature["signature"], str) \
            or not _SIGNATURE_HEX.match(signature["signature"]):
        raise damaged(name, f"its {SIGNATURE} is not an {SIGNATURE_ALGORITHM} signature")
    if not verify(described["public_key"], manifest_bytes, signature["signature"]):
        raise InputError(f"cannot import {name}: its signature does not match its "
                         "contents, so it was changed after it was signed (or is "
                         "damaged); nothing was changed")
    return Signer(public_key=described["public_key"], name=" ".join(described["name"].split())
                  or "(no name)")


class _RowCounter:
    """Counts a member's rows as its bytes arrive and refuses it past its limit: every row
    is a flat object with one key named like the member's first column, and that key can
    stand nowhere else (a quote inside a JSON string is always escaped)."""

    def __init__(self, member: Member, name: str) -> None:
        self._member = member
        self._name = name
        self._limit = MAX_ROWS.get(member.table)
        self._key = b'"' + member.columns[0].name.encode() + b'":'
        self._tail = b""
        self._rows = 0

    def __call__(self, chunk: bytes) -> None:
        if self._limit is None:
            return
        # The last bytes of the slice before may hold the start of a key.
        data = self._tail + chunk
        self._rows += data.count(self._key)
        # Too short to hold a whole key, so nothing counted here is counted again.
        self._tail = data[1 - len(self._key):]
        if self._rows > self._limit:
            raise InputError(f"cannot import {self._name}: its {self._member.name} holds more "
                             f"than {self._limit:,} entries, more than a bundle may hold")


def _decode_member(member: Member, data: Any, version: int,
                   name: str) -> list[dict[str, Any]]:
    """A member's rows in database form, each checked against its columns."""
    if not isinstance(data, list):
        raise damaged(name, f"{member.name} is not a list")
    limit = MAX_ROWS.get(member.table)
    if limit is not None and len(data) > limit:
        raise InputError(f"cannot import {name}: its {member.name} holds more than "
                         f"{limit:,} entries, more than a bundle may hold")
    decode = _RowDecoder(member, version, name)
    return [decode(item, index) for index, item in enumerate(data, start=1)]


class _RowDecoder:
    """Checks and decodes the rows of one member of a bundle of one format version."""

    def __init__(self, member: Member, version: int, name: str) -> None:
        self._member = member
        self._name = name
        self._keys = member.keys(version) | ({"source"} if member.table == "brief" else set())
        self._present = [column for column in member.columns if column.since <= version]
        self._defaults = {column.name: column.default for column in member.columns
                          if column.since > version}
        # Plain text and whole numbers in range, most of a bundle, are taken as they are.
        self._longest = {c.name: MAX_CHARS[member.table, c.name] for c in self._present
                         if (member.table, c.name) in MAX_CHARS}
        self._plain_text = {c.name for c in self._present if c.kind is Kind.STR
                            and not c.choices and c.name not in self._longest}
        self._whole = {c.name for c in self._present if c.kind is Kind.INT}

    def __call__(self, item: Any, index: int) -> dict[str, Any]:
        member, name = self._member, self._name
        if type(item) is not dict or item.keys() != self._keys:
            raise damaged(name, f"{member.name}, entry {index} does not have the fields of "
                                "its kind")
        row = dict(self._defaults)
        plain_text, whole, longest = self._plain_text, self._whole, self._longest
        for column in self._present:
            key = column.name
            value = item[key]
            if (key in plain_text and type(value) is str) or (
                    key in whole and type(value) is int and 0 <= value <= MAX_INT):
                row[key] = value
            else:
                row[key] = _decode_value(column, value, f"{member.name}, entry {index}", name)
                if key in longest and value is not None and len(value) > longest[key]:
                    raise InputError(f"cannot import {name}: its {member.name}, entry "
                                     f"{index}: {key} is longer than {longest[key]:,} "
                                     "characters, more than a bundle may hold")
        if member.table == "brief":
            row["source"] = _decode_source(item["source"], f"{member.name}, entry {index}",
                                           name)
        return row


def _decode_value(column: Column, value: Any, where: str, name: str) -> Any:
    """A value of `column` from JSON, or a refusal saying what it should have been."""
    def bad(expected: str) -> InputError:
        return damaged(name, f"{where}: {column.name} is not {expected}")

    if value is None:
        if column.nullable:
            return None
        raise bad("given")
    return _DECODERS[column.kind](column, value, bad)


Refuse = Callable[[str], InputError]


def _text(column: Column, value: Any, bad: Refuse) -> Any:
    kind = column.kind
    if not isinstance(value, str) or (kind is Kind.ID and not value.strip()):
        raise bad("an id" if kind is Kind.ID else "text")
    if kind is Kind.KEY and not is_public_key(value):
        raise bad("a public key")
    if column.choices and value not in column.choices:
        raise bad("one of " + ", ".join(column.choices))
    return value


def _whole_number(column: Column, value: Any, bad: Refuse) -> Any:
    if not isinstance(value, int) or isinstance(value, bool) \
            or not 0 <= value <= MAX_INT:
        raise bad(f"a whole number from 0 to {MAX_INT:,}")
    return value


def _truth(column: Column, value: Any, bad: Refuse) -> Any:
    if not isinstance(value, bool):
        raise bad("true or false")
    return value


def _number(column: Column, value: Any, bad: Refuse) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float) \
            or not math.isfinite(value):
        raise bad("a number")
    return float(value)


def _date(column: Column, value: Any, bad: Refuse) -> Any:
    if not isinstance(value, str):
        raise bad("a date")
    try:
        return date.fromisoformat(value)
    except (ValueError, OverflowError):
        raise bad("a date") from None


def _time(column: Column, value: Any, bad: Refuse) -> Any:
    if not isinstance(value, str):
        raise bad("a time")
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise bad("a time with its UTC offset")
        # Near year 1 or 9999, an offset can carry the time past what a datetime holds.
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise bad("a time") from None


_DECODERS: dict[Kind, Callable[[Column, Any, Refuse], Any]] = {
    Kind.ID: _text, Kind.STR: _text, Kind.KEY: _text, Kind.INT: _whole_number,
    Kind.BOOL: _truth, Kind.FLOAT: _number, Kind.DATE: _date, Kind.TIME: _time}


def _decode_source(value: Any, where: str, name: str) -> dict[str, Any] | None:
    """A brief's description of its source file, checked."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != SOURCE_KEYS \
            or not isinstance(value["sha256"], str) or not SHA256.match(value["sha256"]) \
            or not isinstance(value["filename"], str) \
            or not isinstance(value["size"], int) or isinstance(value["size"], bool) \
            or not 0 <= value["size"] <= MAX_BUNDLE_BYTES:
        raise damaged(name, f"{where}: its source file is not described properly")
    return dict(value)
