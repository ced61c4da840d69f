"""The review bundle file (`.rdbundle`): its members and columns, writing one (signed), and
reading one back with every check that needs only the file itself.

A bundle is a zip file:

- `manifest.json`: {"format": "reviewdesk-bundle", "version": 3, "created",
  "app_version", "signer": {"public_key", "name"}, "files": {member name: sha256 of its
  bytes}}; every other member but the signature is listed there.
- `signature.json`: {"algorithm": "Ed25519", "signature"}: the signer's signature of the
  exact bytes of `manifest.json`, which holds the checksum of every other member, so the
  signature covers all of them. A bundle written before signatures (version 1) has none.
- One JSON member per table (see `MEMBERS`): a list of rows, each an object of exactly the
  columns named there for its format version. Times are ISO 8601 with their UTC offset,
  dates ISO 8601.
- `sources/<sha256>`: the original bytes of each brief's imported file.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

from reviewdesk import __version__
from reviewdesk.domain.brief import BlockKind, SourceFormat
from reviewdesk.domain.codebook import PATH_SEPARATOR
from reviewdesk.domain.findings import RecommendationStatus, ReferenceCheck
from reviewdesk.domain.ids import as_utc, utc_now
from reviewdesk.domain.limits import (
    MAX_COMMENT_CHARS,
    MAX_CONTEXT_CHARS,
    MAX_DATE_CHARS,
    MAX_NAME_CHARS,
    MAX_QUOTE_CHARS,
    MAX_TAG_DEPTH,
    MAX_TAG_NAME_CHARS,
)
from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.domain.sections import SectionKind
from reviewdesk.domain.trust import is_public_key
from reviewdesk.errors import InputError
from reviewdesk.files import write_file
from reviewdesk.importers.guards import read_bytes
from reviewdesk.importers.zipguard import open_zip, read_member

FORMAT = "reviewdesk-bundle"
FORMAT_VERSION = 3
SUFFIX = ".rdbundle"
MANIFEST = "manifest.json"
SIGNATURE = "signature.json"
SIGNATURE_ALGORITHM = "Ed25519"
SOURCES = "sources/"
MAX_BUNDLE_BYTES = 500_000_000

# What one bundle may hold of the things reviewers make. A brief is designed for 10,000
# annotations; a file beyond these is refused before its rows are read.
MAX_ROWS = {"annotation": 100_000, "reply": 100_000, "suggestion": 100_000,
            "tombstone": 200_000, "annotation_event": 200_000,
            "annotation_superseded": 400_000, "claim_link": 100_000,
            "evidence_link": 100_000, "recommendation_event": 100_000, "reviewer": 10_000,
            "tag": 10_000}
# The longest text a column of a bundle may hold, where a shorter one is all a review needs
# (the same limits as an annotation file's: domain/limits.py).
MAX_CHARS = {("annotation", "exact"): MAX_QUOTE_CHARS,
             ("annotation", "prefix"): MAX_CONTEXT_CHARS,
             ("annotation", "suffix"): MAX_CONTEXT_CHARS,
             ("annotation", "comment"): MAX_COMMENT_CHARS,
             ("annotation", "date"): MAX_DATE_CHARS,
             ("suggestion", "exact"): MAX_QUOTE_CHARS,
             ("suggestion", "prefix"): MAX_CONTEXT_CHARS,
             ("suggestion", "suffix"): MAX_CONTEXT_CHARS,
             ("suggestion", "replacement"): MAX_QUOTE_CHARS,
             ("reply", "text"): MAX_COMMENT_CHARS,
             ("reviewer", "name"): MAX_NAME_CHARS,
             ("reviewer", "initials"): MAX_NAME_CHARS,
             ("tag", "name"): MAX_TAG_NAME_CHARS}
# Whole numbers in a bundle (positions, offsets, versions, counters) fit SQLite's and
# every platform's integers with room to spare.
MAX_INT = 2**31 - 1

# What a tombstone names, and the table the item lives in.
TOMBSTONE_KINDS = ("annotation", "reply", "suggestion")

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_SIGNATURE_HEX = re.compile(r"^[0-9a-f]{128}$")


class Kind(StrEnum):
    """How a column travels in JSON; a nullable column also takes null."""

    ID = "id"  # a non-empty string
    STR = "str"
    INT = "int"
    BOOL = "bool"
    FLOAT = "float"
    TIME = "time"  # ISO 8601 with an offset; stored in UTC
    DATE = "date"
    KEY = "key"  # a public key: 64 lowercase hex digits


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind
    nullable: bool = False
    choices: tuple[str, ...] = ()  # the values an enumeration allows
    since: int = 1  # the format version that added the column
    default: Any = None  # its value in a bundle of an older version


@dataclass(frozen=True, slots=True)
class Member:
    name: str  # the JSON file in the zip
    table: str
    columns: tuple[Column, ...]

    def keys(self, version: int) -> frozenset[str]:
        return frozenset(c.name for c in self.columns if c.since <= version)


def _c(name: str, kind: Kind, nullable: bool = False, choices: Iterable[str] = (),
       since: int = 1, default: Any = None) -> Column:
    return Column(name, kind, nullable, tuple(choices), since, default)


_ID, _STR, _INT, _BOOL, _FLOAT, _TIME, _DATE, _KEY = (
    Kind.ID, Kind.STR, Kind.INT, Kind.BOOL, Kind.FLOAT, Kind.TIME, Kind.DATE, Kind.KEY)

# The members, in the order they are merged, and their columns. Version 2 added the
# reviewers' keys, the authors of deleted items and the revision counters; version 3 a
# brief's language and the date a reviewer set on an annotation.
# A brief also has "source": null or {"sha256", "filename", "size"} (see _SOURCE_KEYS).
MEMBERS: tuple[Member, ...] = (
    Member("reviewers.json", "reviewer", (
        _c("id", _ID), _c("name", _STR), _c("initials", _STR),
        _c("public_key", _KEY, True, since=2))),
    Member("tags.json", "tag", (
        _c("id", _ID), _c("codebook_id", _ID), _c("parent_id", _ID, True), _c("name", _STR),
        _c("colour", _STR), _c("shortcut", _STR, True), _c("description", _STR),
        _c("position", _INT))),
    Member("briefs.json", "brief", (
        _c("id", _ID), _c("title", _STR),
        _c("source_format", _STR, choices=[f.value for f in SourceFormat]),
        _c("text", _STR), _c("imported_at", _TIME), _c("version_of", _ID, True),
        _c("version", _INT), _c("language", _STR, since=3, default=""))),
    Member("sections.json", "section", (
        _c("id", _ID), _c("brief_id", _ID), _c("position", _INT), _c("title", _STR),
        _c("kind", _STR, choices=[k.value for k in SectionKind]), _c("level", _INT))),
    Member("blocks.json", "block", (
        _c("id", _ID), _c("brief_id", _ID), _c("section_id", _ID), _c("position", _INT),
        _c("kind", _STR, choices=[k.value for k in BlockKind]), _c("level", _INT),
        _c("text", _STR), _c("start", _INT), _c("end", _INT), _c("locator", _STR),
        _c("page", _INT, True), _c("tracked_changes", _BOOL), _c("rtl", _BOOL),
        _c("links", _STR))),
    Member("tombstones.json", "tombstone", (
        _c("id", _ID), _c("kind", _STR, choices=TOMBSTONE_KINDS), _c("brief_id", _ID),
        _c("deleted_at", _TIME), _c("reviewer_id", _ID, True, since=2))),
    Member("references.json", "reference", (
        _c("id", _ID), _c("brief_id", _ID), _c("block_id", _ID, True), _c("position", _INT),
        _c("raw", _STR), _c("author", _STR), _c("date_text", _STR), _c("title", _STR),
        _c("container", _STR), _c("url", _STR), _c("flags", _STR),
        _c("duplicate_of", _INT, True),
        _c("check_status", _STR, choices=[c.value for c in ReferenceCheck]),
        _c("note", _STR), _c("modified", _TIME, True), _c("revision", _INT, since=2,
                                                           default=0))),
    Member("recommendations.json", "recommendation", (
        _c("id", _ID), _c("brief_id", _ID), _c("block_id", _ID, True), _c("position", _INT),
        _c("text", _STR), _c("addressee", _STR), _c("priority", _STR),
        _c("status", _STR, choices=[s.value for s in RecommendationStatus]),
        _c("owner", _STR), _c("due", _DATE, True), _c("note", _STR), _c("modified", _TIME),
        _c("revision", _INT, since=2, default=0))),
    Member("recommendation_events.json", "recommendation_event", (
        _c("id", _ID), _c("recommendation_id", _ID), _c("reviewer_id", _ID),
        _c("field", _STR), _c("old", _STR), _c("new", _STR), _c("at", _TIME))),
    Member("annotations.json", "annotation", (
        _c("id", _ID), _c("brief_id", _ID), _c("tag_id", _ID, True), _c("reviewer_id", _ID),
        _c("comment", _STR), _c("status", _STR, choices=[s.value for s in AnnotationStatus]),
        _c("exact", _STR), _c("prefix", _STR), _c("suffix", _STR), _c("start", _INT),
        _c("end", _INT), _c("created", _TIME), _c("modified", _TIME),
        _c("anchor_state", _STR), _c("anchor_score", _FLOAT, True),
        _c("carried_from", _ID, True), _c("revision", _INT, since=2, default=0),
        _c("date", _STR, True, since=3))),
    Member("annotation_superseded.json", "annotation_superseded", (
        _c("annotation_id", _ID), _c("modified", _TIME))),
    Member("annotation_events.json", "annotation_event", (
        _c("id", _ID), _c("annotation_id", _ID), _c("field", _STR), _c("value_kept", _STR),
        _c("value_other", _STR), _c("at", _TIME), _c("source", _STR))),
    Member("replies.json", "reply", (
        _c("id", _ID), _c("annotation_id", _ID), _c("reviewer_id", _ID), _c("text", _STR),
        _c("created", _TIME))),
    Member("suggestions.json", "suggestion", (
        _c("id", _ID), _c("brief_id", _ID), _c("block_id", _ID), _c("reviewer_id", _ID),
        _c("exact", _STR), _c("prefix", _STR), _c("suffix", _STR), _c("start", _INT),
        _c("end", _INT), _c("replacement", _STR), _c("created", _TIME))),
    Member("claim_links.json", "claim_link", (
        _c("id", _ID), _c("annotation_id", _ID), _c("reference_id", _ID),
        _c("created", _TIME))),
    Member("evidence_links.json", "evidence_link", (
        _c("id", _ID), _c("annotation_id", _ID), _c("recommendation_id", _ID),
        _c("created", _TIME))),
)
BY_TABLE = {member.table: member for member in MEMBERS}
_SOURCE_KEYS = frozenset({"sha256", "filename", "size"})


@dataclass(frozen=True, slots=True)
class Signer:
    """Who signed a bundle: a public key (hex) and the name it gave itself."""

    public_key: str
    name: str


@dataclass(slots=True)
class Bundle:
    """A bundle read and checked: its rows by table, in database form, and source files."""

    path: Path
    created: str
    app_version: str
    version: int
    signer: Signer | None  # None: written before bundles were signed
    tables: dict[str, list[dict[str, Any]]]
    sources: dict[str, bytes]


# ---------------------------------------------------------------------------------------
# Writing


def write_bundle(target: Path, tables: Mapping[str, Sequence[Mapping[str, Any]]],
                 sources: Mapping[str, bytes], signer: Signer,
                 sign: Any) -> None:
    """Write the rows (database form, by table) and source files to `target`, with a
    manifest naming `signer` and `sign(manifest bytes) -> hex signature`."""
    members = {member.name: json_bytes([encode_row(member, row)
                                        for row in tables[member.table]])
               for member in MEMBERS}
    for sha256, data in sources.items():
        members[SOURCES + sha256] = data
    manifest = json_bytes({
        "format": FORMAT, "version": FORMAT_VERSION, "created": utc_now().isoformat(),
        "app_version": __version__,
        "signer": {"public_key": signer.public_key, "name": signer.name},
        "files": {name: hashlib.sha256(data).hexdigest()
                  for name, data in sorted(members.items())}})
    signature = json_bytes({"algorithm": SIGNATURE_ALGORITHM, "signature": sign(manifest)})
    _write_zip(target, {MANIFEST: manifest, SIGNATURE: signature, **members})


def encode_row(member: Member, row: Mapping[str, Any]) -> dict[str, Any]:
    encoded: dict[str, Any] = {}
    for column in member.columns:
        value = row[column.name]
        if value is not None and column.kind is Kind.TIME:
            value = time_text(value)
        elif value is not None and column.kind is Kind.DATE:
            value = value.isoformat()
        elif value is not None and column.kind is Kind.FLOAT:
            value = float(value)
        elif value is not None and column.kind is Kind.BOOL:
            value = bool(value)
        encoded[column.name] = value
    if member.table == "brief":
        encoded["source"] = row["source"]
    return encoded


def time_text(value: datetime) -> str:
    return as_utc(value).astimezone(UTC).isoformat()


def json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False,
                      separators=(",", ":")).encode("utf-8")


def _write_zip(target: Path, members: Mapping[str, bytes]) -> None:
    """Write the bundle whole or not at all (reviewdesk.files): a failed export leaves any
    older file at `target` as it was, and no temporary file."""
    def write(stream: BinaryIO) -> None:
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
    write_file(target, write)


# ---------------------------------------------------------------------------------------
# Reading and checking (nothing is written until all of it passes)


def read_bundle(path: Path, verify: Any) -> Bundle:
    """Read the bundle at `path`, checking everything before anything is used: the zip,
    the manifest's format and version, its signature (`verify(public key, data, signature)
    -> bool`), every member's checksum, and every row's shape, size and references. A
    bundle that fails is refused with one sentence saying why."""
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
    manifest_bytes = read_member(archive, MANIFEST, name)
    manifest = _parse_json(manifest_bytes, MANIFEST, name)
    version, files = _check_manifest(manifest, name)
    signer = _check_signature(manifest, manifest_bytes, archive, names, name, verify)
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
    sources: dict[str, bytes] = {}
    known = {member.name for member in MEMBERS}
    for member_name, content in contents.items():
        if member_name in known:
            continue
        sha256 = member_name.removeprefix(SOURCES)
        if not member_name.startswith(SOURCES) or not _SHA256.match(sha256) \
                or files[member_name] != sha256:
            raise damaged(name, f"{member_name} is not a part of a bundle")
        sources[sha256] = content
    tables = {member.table: _decode_member(member, _parse_json(contents[member.name],
                                                               member.name, name),
                                           version, name)
              for member in MEMBERS}
    bundle = Bundle(path=path, created=str(manifest["created"]),
                    app_version=str(manifest["app_version"]), version=version,
                    signer=signer, tables=tables, sources=sources)
    _check_references(bundle, name)
    return bundle


def damaged(name: str, why: str) -> InputError:
    return InputError(f"cannot import {name}: it is damaged ({why})")


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
            isinstance(k, str) and isinstance(v, str) and _SHA256.match(v)
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
    if not isinstance(data, list):
        raise damaged(name, f"{member.name} is not a list")
    limit = MAX_ROWS.get(member.table)
    if limit is not None and len(data) > limit:
        raise InputError(f"cannot import {name}: its {member.name} holds more than "
                         f"{limit:,} entries, more than a bundle may hold")
    keys = member.keys(version) | ({"source"} if member.table == "brief" else set())
    present = [column for column in member.columns if column.since <= version]
    defaults = {column.name: column.default for column in member.columns
                if column.since > version}
    # Plain text and whole numbers in range, most of a bundle, are taken as they are.
    longest = {c.name: MAX_CHARS[member.table, c.name] for c in present
               if (member.table, c.name) in MAX_CHARS}
    plain_text = {c.name for c in present if c.kind is Kind.STR and not c.choices
                  and c.name not in longest}
    whole = {c.name for c in present if c.kind is Kind.INT}
    rows = []
    for index, item in enumerate(data, start=1):
        if type(item) is not dict or item.keys() != keys:
            raise damaged(name, f"{member.name}, entry {index} does not have the fields of "
                                "its kind")
        row = dict(defaults)
        for column in present:
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
        rows.append(row)
    return rows


def _decode_value(column: Column, value: Any, where: str, name: str) -> Any:
    def bad(expected: str) -> InputError:
        return damaged(name, f"{where}: {column.name} is not {expected}")

    if value is None:
        if column.nullable:
            return None
        raise bad("given")
    kind = column.kind
    if kind in (Kind.ID, Kind.STR, Kind.KEY):
        if not isinstance(value, str) or (kind is Kind.ID and not value.strip()):
            raise bad("an id" if kind is Kind.ID else "text")
        if kind is Kind.KEY and not is_public_key(value):
            raise bad("a public key")
        if column.choices and value not in column.choices:
            raise bad("one of " + ", ".join(column.choices))
        return value
    if kind is Kind.INT:
        if not isinstance(value, int) or isinstance(value, bool) \
                or not 0 <= value <= MAX_INT:
            raise bad(f"a whole number from 0 to {MAX_INT:,}")
        return value
    if kind is Kind.BOOL:
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if kind is Kind.FLOAT:
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not math.isfinite(value):
            raise bad("a number")
        return float(value)
    if not isinstance(value, str):
        raise bad("a date" if kind is Kind.DATE else "a time")
    try:
        if kind is Kind.DATE:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise bad("a time with its UTC offset")
        # Near year 1 or 9999, an offset can carry the time past what a datetime holds.
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise bad("a date" if kind is Kind.DATE else "a time") from None


def _decode_source(value: Any, where: str, name: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != _SOURCE_KEYS \
            or not isinstance(value["sha256"], str) or not _SHA256.match(value["sha256"]) \
            or not isinstance(value["filename"], str) \
            or not isinstance(value["size"], int) or isinstance(value["size"], bool) \
            or not 0 <= value["size"] <= MAX_BUNDLE_BYTES:
        raise damaged(name, f"{where}: its source file is not described properly")
    return dict(value)


def _check_references(bundle: Bundle, name: str) -> None:
    """Every id a row names is a row of the bundle (or null where allowed), ids are not
    repeated, and everything a row names lies on the row's own brief: a bundle that holds
    together can be merged without surprises."""
    tables = bundle.tables

    def ids(table: str) -> set[str]:
        found = [row["id"] for row in tables[table]]
        if len(set(found)) != len(found):
            raise damaged(name, f"{BY_TABLE[table].name} repeats an id")
        return set(found)

    def require(table: str, column: str, allowed: set[str], what: str) -> None:
        for row in tables[table]:
            value = row[column]
            if value is not None and value not in allowed:
                raise damaged(name, f"an entry of {BY_TABLE[table].name} names {what} "
                                    "the bundle does not hold")

    briefs, sections, blocks = ids("brief"), ids("section"), ids("block")
    reviewers, tags, annotations = ids("reviewer"), ids("tag"), ids("annotation")
    references, recommendations = ids("reference"), ids("recommendation")
    for table in ("recommendation_event", "annotation_event", "reply", "suggestion",
                  "claim_link", "evidence_link", "tombstone"):
        ids(table)
    items = [row["id"] for table in TOMBSTONE_KINDS for row in tables[table]]
    if len(set(items)) != len(items):
        raise damaged(name, "an annotation, reply or suggested edit shares its id with "
                            "another")
    names = [" ".join(row["name"].split()).casefold() for row in tables["reviewer"]]
    if len(set(names)) != len(names):
        raise damaged(name, "two of its reviewers have the same name")
    superseded = [(row["annotation_id"], row["modified"])
                  for row in tables["annotation_superseded"]]
    if len(set(superseded)) != len(superseded):
        raise damaged(name, "annotation_superseded.json repeats an entry")
    require("brief", "version_of", briefs, "a first version")
    for table in ("section", "block", "reference", "recommendation", "annotation",
                  "suggestion", "tombstone"):
        require(table, "brief_id", briefs, "a brief")
    require("block", "section_id", sections, "a section")
    for table in ("reference", "recommendation", "suggestion"):
        require(table, "block_id", blocks, "a block")
    for table in ("annotation", "reply", "suggestion", "recommendation_event", "tombstone"):
        require(table, "reviewer_id", reviewers, "a reviewer")
    require("annotation", "tag_id", tags, "a tag")
    require("tag", "parent_id", tags, "a tag")
    for table in ("reply", "annotation_superseded", "annotation_event", "claim_link",
                  "evidence_link"):
        require(table, "annotation_id", annotations, "an annotation")
    require("claim_link", "reference_id", references, "a reference")
    require("recommendation_event", "recommendation_id", recommendations, "a recommendation")
    require("evidence_link", "recommendation_id", recommendations, "a recommendation")
    _check_same_brief(tables, name)
    lengths = {row["id"]: len(row["text"]) for row in tables["brief"]}
    for table in ("block", "annotation", "suggestion"):
        for row in tables[table]:
            if not 0 <= row["start"] <= row["end"] <= lengths[row["brief_id"]]:
                raise damaged(name, f"an entry of {BY_TABLE[table].name} lies outside "
                                    "its brief's text")
    by_id = {row["id"]: row for row in tables["brief"]}
    for brief in tables["brief"]:
        if brief["version"] < 1:
            raise damaged(name, f"the brief {brief['title']!r} has no version number")
        if brief["version_of"] is not None and by_id[brief["version_of"]]["version_of"]:
            raise damaged(name, f"the brief {brief['title']!r} is a version of a version")
        source = brief["source"]
        if source is not None:
            data = bundle.sources.get(source["sha256"])
            if data is None or len(data) != source["size"]:
                raise damaged(name, f"the original file of {brief['title']!r} is missing")
    tag_paths(tables["tag"], name)  # refuses a cycle


def _check_same_brief(tables: Mapping[str, list[dict[str, Any]]], name: str) -> None:
    """What a row names lies on the row's own brief: a block in its section's brief, a
    suggestion on a block of its brief, a link between an annotation and an entry of the
    same brief."""
    brief_of = {table: {row["id"]: row["brief_id"] for row in tables[table]}
                for table in ("section", "block", "annotation", "reference", "recommendation")}

    def refuse(what: str) -> InputError:
        return damaged(name, f"{what} lies outside its brief")

    if any(brief_of["section"][row["section_id"]] != row["brief_id"]
           for row in tables["block"]):
        raise refuse("a block")
    for table in ("reference", "recommendation", "suggestion"):
        if any(row["block_id"] is not None and brief_of["block"][row["block_id"]]
               != row["brief_id"] for row in tables[table]):
            raise refuse(f"an entry of {BY_TABLE[table].name}")
    for table, other in (("claim_link", "reference"), ("evidence_link", "recommendation")):
        if any(brief_of["annotation"][row["annotation_id"]]
               != brief_of[other][row[f"{other}_id"]] for row in tables[table]):
            raise refuse(f"an entry of {BY_TABLE[table].name}")


def tag_paths(tags: Sequence[Mapping[str, Any]], name: str = "", fold: bool = True,
              max_depth: int | None = MAX_TAG_DEPTH) -> dict[str, str]:
    """Tag id -> its path from the root ('Indicator › economic'); case folded (the form
    tags are matched in) unless `fold` is False. A bundle's tag nested deeper than
    `max_depth`, or inside itself, is refused (None: the database's own, any depth)."""
    limit = max_depth if max_depth is not None else len(tags) + 1
    by_id = {tag["id"]: tag for tag in tags}
    paths: dict[str, str] = {}
    depths: dict[str, int] = {}
    for tag in tags:
        chain: list[Mapping[str, Any]] = []
        current: Mapping[str, Any] | None = tag
        seen: set[str] = set()
        while current is not None and current["id"] not in paths:
            if current["id"] in seen:
                raise damaged(name, "its tags nest inside themselves")
            seen.add(current["id"])
            chain.append(current)
            if len(chain) > limit:
                raise damaged(name, f"its tags nest more than {limit} deep")
            parent = current["parent_id"]
            current = by_id.get(parent) if parent else None
        prefix = paths[current["id"]] if current is not None else None
        depth = depths[current["id"]] if current is not None else 0
        for item in reversed(chain):
            words = " ".join(str(item["name"]).split())
            words = words.casefold() if fold else words
            prefix = words if prefix is None else prefix + PATH_SEPARATOR + words
            depth += 1
            if depth > limit:
                raise damaged(name, f"its tags nest more than {limit} deep")
            paths[item["id"]] = prefix
            depths[item["id"]] = depth
    return paths
