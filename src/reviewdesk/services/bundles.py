"""Review bundles: reviewers work offline, each on their own database; a bundle carries
briefs and everything reviewed on them to another database, where it is merged by id.

A bundle is a zip file (`.rdbundle`):

- `manifest.json`: {"format": "reviewdesk-bundle", "version": 1, "created", "app_version",
  "files": {member name: sha256 of its bytes}}; every other member is listed there.
- One JSON member per table (see `_MEMBERS`): a list of rows, each an object of exactly the
  columns named there. Times are ISO 8601 with their UTC offset, dates ISO 8601.
- `sources/<sha256>`: the original bytes of each brief's imported file.

Merging is by id, so importing a bundle twice changes nothing, and merging A's bundle into B
gives the same content as merging B's into A:

- Briefs, their sections and blocks, references and recommendations are added with their
  own ids when missing; a brief already here must have the same text.
- Annotations, reference checks and recommendation states edited in both copies keep the
  version with the later `modified` time (equal times: the larger content hash). When the
  other version of an annotation was a rival edit, not an older copy of the kept one, each
  field it differed in is written to the annotation's history (annotation_event).
- Replies, suggestions, history events, claim and evidence links are only ever added.
- Deletions travel as tombstones, which beat any edit of the item they name.
- Reviewers are matched by id, else by name; tags by id, else by their path in the
  codebook (`Indicator › economic`), else added to the default codebook.

Everything in a bundle is checked before anything is written; the database file is copied
beside itself before a merge writes to it.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError

from reviewdesk import __version__
from reviewdesk.domain.brief import BlockKind, SourceFormat
from reviewdesk.domain.codebook import PATH_SEPARATOR, Tag
from reviewdesk.domain.findings import RecommendationStatus, ReferenceCheck
from reviewdesk.domain.ids import as_utc, new_id, stable_id, utc_now
from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.domain.sections import SectionKind
from reviewdesk.errors import InputError, StoreError
from reviewdesk.importers.guards import read_bytes
from reviewdesk.importers.zipguard import open_zip, read_member
from reviewdesk.services.briefs import resolve_brief
from reviewdesk.services.codebooks import ensure_default_codebook
from reviewdesk.storage.engine import backup_copy, describe_error
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store
from reviewdesk.storage.tracking import BundleRows

FORMAT = "reviewdesk-bundle"
FORMAT_VERSION = 1
SUFFIX = ".rdbundle"
MANIFEST = "manifest.json"
SOURCES = "sources/"
MAX_BUNDLE_BYTES = 500_000_000

# What a tombstone names, and the table the item lives in.
TOMBSTONE_KINDS = ("annotation", "reply", "suggestion")

# annotation_event.source: the later edit was kept, or (equal times) the larger hash.
SOURCE_MERGE = "merge"
SOURCE_MERGE_TIE = "merge-tie"

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_OLDEST = datetime.min.replace(tzinfo=UTC)


class _Kind(StrEnum):
    """How a column travels in JSON; a nullable column also takes null."""

    ID = "id"  # a non-empty string
    STR = "str"
    INT = "int"
    BOOL = "bool"
    FLOAT = "float"
    TIME = "time"  # ISO 8601 with an offset; stored in UTC
    DATE = "date"


@dataclass(frozen=True, slots=True)
class _Column:
    name: str
    kind: _Kind
    nullable: bool = False
    choices: tuple[str, ...] = ()  # the values an enumeration allows


@dataclass(frozen=True, slots=True)
class _Member:
    name: str  # the JSON file in the zip
    table: str
    columns: tuple[_Column, ...]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(c.name for c in self.columns)


def _c(name: str, kind: _Kind, nullable: bool = False,
       choices: Iterable[str] = ()) -> _Column:
    return _Column(name, kind, nullable, tuple(choices))


_ID, _STR, _INT, _BOOL, _FLOAT, _TIME, _DATE = (_Kind.ID, _Kind.STR, _Kind.INT, _Kind.BOOL,
                                                _Kind.FLOAT, _Kind.TIME, _Kind.DATE)

# Version 1 of the format: the members, in the order they are merged, and their columns.
# A brief also has "source": null or {"sha256", "filename", "size"} (see _SOURCE_KEYS).
_MEMBERS: tuple[_Member, ...] = (
    _Member("reviewers.json", "reviewer", (_c("id", _ID), _c("name", _STR),
                                           _c("initials", _STR))),
    _Member("tags.json", "tag", (
        _c("id", _ID), _c("codebook_id", _ID), _c("parent_id", _ID, True), _c("name", _STR),
        _c("colour", _STR), _c("shortcut", _STR, True), _c("description", _STR),
        _c("position", _INT))),
    _Member("briefs.json", "brief", (
        _c("id", _ID), _c("title", _STR),
        _c("source_format", _STR, choices=[f.value for f in SourceFormat]),
        _c("text", _STR), _c("imported_at", _TIME), _c("version_of", _ID, True),
        _c("version", _INT))),
    _Member("sections.json", "section", (
        _c("id", _ID), _c("brief_id", _ID), _c("position", _INT), _c("title", _STR),
        _c("kind", _STR, choices=[k.value for k in SectionKind]), _c("level", _INT))),
    _Member("blocks.json", "block", (
        _c("id", _ID), _c("brief_id", _ID), _c("section_id", _ID), _c("position", _INT),
        _c("kind", _STR, choices=[k.value for k in BlockKind]), _c("level", _INT),
        _c("text", _STR), _c("start", _INT), _c("end", _INT), _c("locator", _STR),
        _c("page", _INT, True), _c("tracked_changes", _BOOL), _c("rtl", _BOOL),
        _c("links", _STR))),
    _Member("tombstones.json", "tombstone", (
        _c("id", _ID), _c("kind", _STR, choices=TOMBSTONE_KINDS), _c("brief_id", _ID),
        _c("deleted_at", _TIME))),
    _Member("references.json", "reference", (
        _c("id", _ID), _c("brief_id", _ID), _c("block_id", _ID, True), _c("position", _INT),
        _c("raw", _STR), _c("author", _STR), _c("date_text", _STR), _c("title", _STR),
        _c("container", _STR), _c("url", _STR), _c("flags", _STR),
        _c("duplicate_of", _INT, True),
        _c("check_status", _STR, choices=[c.value for c in ReferenceCheck]),
        _c("note", _STR), _c("modified", _TIME, True))),
    _Member("recommendations.json", "recommendation", (
        _c("id", _ID), _c("brief_id", _ID), _c("block_id", _ID, True), _c("position", _INT),
        _c("text", _STR), _c("addressee", _STR), _c("priority", _STR),
        _c("status", _STR, choices=[s.value for s in RecommendationStatus]),
        _c("owner", _STR), _c("due", _DATE, True), _c("note", _STR), _c("modified", _TIME))),
    _Member("recommendation_events.json", "recommendation_event", (
        _c("id", _ID), _c("recommendation_id", _ID), _c("reviewer_id", _ID),
        _c("field", _STR), _c("old", _STR), _c("new", _STR), _c("at", _TIME))),
    _Member("annotations.json", "annotation", (
        _c("id", _ID), _c("brief_id", _ID), _c("tag_id", _ID, True), _c("reviewer_id", _ID),
        _c("comment", _STR), _c("status", _STR, choices=[s.value for s in AnnotationStatus]),
        _c("exact", _STR), _c("prefix", _STR), _c("suffix", _STR), _c("start", _INT),
        _c("end", _INT), _c("created", _TIME), _c("modified", _TIME),
        _c("anchor_state", _STR), _c("anchor_score", _FLOAT, True),
        _c("carried_from", _ID, True))),
    _Member("annotation_superseded.json", "annotation_superseded", (
        _c("annotation_id", _ID), _c("modified", _TIME))),
    _Member("annotation_events.json", "annotation_event", (
        _c("id", _ID), _c("annotation_id", _ID), _c("field", _STR), _c("value_kept", _STR),
        _c("value_other", _STR), _c("at", _TIME), _c("source", _STR))),
    _Member("replies.json", "reply", (
        _c("id", _ID), _c("annotation_id", _ID), _c("reviewer_id", _ID), _c("text", _STR),
        _c("created", _TIME))),
    _Member("suggestions.json", "suggestion", (
        _c("id", _ID), _c("brief_id", _ID), _c("block_id", _ID), _c("reviewer_id", _ID),
        _c("exact", _STR), _c("prefix", _STR), _c("suffix", _STR), _c("start", _INT),
        _c("end", _INT), _c("replacement", _STR), _c("created", _TIME))),
    _Member("claim_links.json", "claim_link", (
        _c("id", _ID), _c("annotation_id", _ID), _c("reference_id", _ID),
        _c("created", _TIME))),
    _Member("evidence_links.json", "evidence_link", (
        _c("id", _ID), _c("annotation_id", _ID), _c("recommendation_id", _ID),
        _c("created", _TIME))),
)
_BY_TABLE = {member.table: member for member in _MEMBERS}
_SOURCE_KEYS = frozenset({"sha256", "filename", "size"})

# The fields of a row that reviewers edit; the rest never change once written.
_ANNOTATION_FIELDS = ("tag_id", "comment", "status", "exact", "prefix", "suffix", "start",
                      "end", "anchor_state", "anchor_score")
_REFERENCE_FIELDS = ("check_status", "note")
_RECOMMENDATION_FIELDS = ("addressee", "priority", "status", "owner", "due", "note")


@dataclass(frozen=True, slots=True)
class BundleReport:
    """What `export_bundle` wrote."""

    path: Path
    briefs: int
    annotations: int
    replies: int
    suggestions: int
    tombstones: int
    size: int  # bytes


@dataclass(slots=True)
class MergeReport:
    """What `import_bundle` changed. Annotations are counted once each: added (new here),
    updated (this copy took the bundle's edit), deleted (by a tombstone in the bundle) or
    unchanged; `conflicts` is how many had a rival edit recorded in their history."""

    path: Path
    briefs_added: int = 0
    briefs_present: int = 0
    annotations_added: int = 0
    annotations_updated: int = 0
    annotations_deleted: int = 0
    annotations_unchanged: int = 0
    replies_added: int = 0
    replies_deleted: int = 0
    suggestions_added: int = 0
    suggestions_deleted: int = 0
    references_added: int = 0
    reference_checks: int = 0  # entries whose check or note took the bundle's
    recommendations_added: int = 0
    recommendation_states: int = 0  # recommendations whose fields took the bundle's
    history_added: int = 0  # recommendation history events
    links_added: int = 0  # claim and evidence links
    tombstones_added: int = 0
    reviewers_added: int = 0
    tags_added: int = 0
    conflicts: int = 0
    warnings: list[str] = field(default_factory=list)
    backup: Path | None = None  # the copy of the database made before the merge
    changed: bool = False

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in (
            "briefs_added", "briefs_present", "annotations_added", "annotations_updated",
            "annotations_deleted", "annotations_unchanged", "replies_added", "replies_deleted",
            "suggestions_added", "suggestions_deleted", "references_added",
            "reference_checks", "recommendations_added", "recommendation_states",
            "history_added", "links_added", "tombstones_added", "reviewers_added",
            "tags_added", "conflicts")}


# ---------------------------------------------------------------------------------------
# Export


def export_bundle(store: Store, references: Sequence[str], target: Path) -> BundleReport:
    """Write the briefs named by `references` (ids, id starts or titles; none: every brief),
    with all their versions and everything reviewed on them, to the bundle `target`.
    The file is written beside `target` and renamed into place."""
    _check_target(target)
    with store.transaction() as tx:
        tables, sources = _collect(tx, references)
    members = {member.name: _json_bytes([_encode_row(member, row)
                                         for row in tables[member.table]])
               for member in _MEMBERS}
    for sha256, data in sources.items():
        members[SOURCES + sha256] = data
    manifest = {"format": FORMAT, "version": FORMAT_VERSION,
                "created": utc_now().isoformat(), "app_version": __version__,
                "files": {name: hashlib.sha256(data).hexdigest()
                          for name, data in sorted(members.items())}}
    _write_zip(target, {MANIFEST: _json_bytes(manifest), **members})
    return BundleReport(path=target, briefs=len(tables["brief"]),
                        annotations=len(tables["annotation"]), replies=len(tables["reply"]),
                        suggestions=len(tables["suggestion"]),
                        tombstones=len(tables["tombstone"]), size=target.stat().st_size)


def _check_target(target: Path) -> None:
    if target.suffix.lower() != SUFFIX:
        raise InputError(f"a bundle's file name ends in {SUFFIX}; {target.name!r} does not")
    if target.is_dir():
        raise InputError(f"{target} is a folder; name the bundle file to write")
    if not target.parent.is_dir():
        raise InputError(f"cannot write {target}: the folder {target.parent} does not exist")


def _collect(tx: Transaction,
             references: Sequence[str]) -> tuple[dict[str, list[dict[str, Any]]],
                                                  dict[str, bytes]]:
    """Every row the bundle carries, by table, and the source files by sha256."""
    if references:
        named = {resolve_brief(tx, reference) for reference in references}
    else:
        named = {summary.id for summary in tx.briefs.summaries()}
    if not named:
        raise InputError("there are no briefs in the store to bundle; import one first")
    # A version needs its first version (version_of), and a reviewer of one version wants
    # the others: whole families travel.
    brief_ids = sorted({id_ for brief_id in named for id_, _, _, _ in tx.briefs.family(brief_id)})
    rows = BundleRows(tx.session)
    tables: dict[str, list[dict[str, Any]]] = {}
    briefs = rows.where_in("brief", "id", brief_ids)
    for table in ("section", "block", "annotation", "suggestion", "reference",
                  "recommendation", "tombstone"):
        tables[table] = rows.where_in(table, "brief_id", brief_ids)
    annotation_ids = [row["id"] for row in tables["annotation"]]
    reference_ids = {row["id"] for row in tables["reference"]}
    recommendation_ids = {row["id"] for row in tables["recommendation"]}
    for table in ("reply", "annotation_superseded", "annotation_event"):
        tables[table] = rows.where_in(table, "annotation_id", annotation_ids)
    tables["recommendation_event"] = rows.where_in("recommendation_event",
                                                   "recommendation_id", recommendation_ids)
    tables["claim_link"] = [row for row in rows.where_in("claim_link", "annotation_id",
                                                         annotation_ids)
                            if row["reference_id"] in reference_ids]
    tables["evidence_link"] = [row for row in rows.where_in("evidence_link", "annotation_id",
                                                            annotation_ids)
                               if row["recommendation_id"] in recommendation_ids]
    # Every reviewer (a short list): also those whose work here was all deleted, so that
    # every copy ends up knowing the same people.
    tables["reviewer"] = rows.all("reviewer")
    tables["tag"] = _used_tags(rows.all("tag"), {row["tag_id"] for row in tables["annotation"]
                                                 if row["tag_id"]})
    files = {row["id"]: row for row in rows.where_in(
        "source_file", "id", [b["source_file_id"] for b in briefs if b["source_file_id"]])}
    sources: dict[str, bytes] = {}
    tables["brief"] = []
    for brief in briefs:
        stored = files.get(brief.pop("source_file_id") or "")
        brief["source"] = None
        if stored is not None:
            brief["source"] = {"sha256": stored["sha256"], "filename": stored["filename"],
                               "size": len(stored["data"])}
            sources[stored["sha256"]] = bytes(stored["data"])
        tables["brief"].append(brief)
    for table, found in tables.items():
        found.sort(key=lambda row: _row_key(table, row))
    return tables, sources


def _used_tags(all_tags: list[dict[str, Any]], used: set[str]) -> list[dict[str, Any]]:
    """The tags annotations use, with their parents up to the root (for their paths)."""
    by_id = {tag["id"]: tag for tag in all_tags}
    wanted: set[str] = set()
    for tag_id in used:
        current: str | None = tag_id
        while current is not None and current in by_id and current not in wanted:
            wanted.add(current)
            current = by_id[current]["parent_id"]
    return [by_id[tag_id] for tag_id in wanted]


def _row_key(table: str, row: Mapping[str, Any]) -> tuple[str, str]:
    if table == "annotation_superseded":
        return row["annotation_id"], _time_text(row["modified"])
    return row["id"], ""


def _encode_row(member: _Member, row: Mapping[str, Any]) -> dict[str, Any]:
    encoded: dict[str, Any] = {}
    for column in member.columns:
        value = row[column.name]
        if value is not None and column.kind is _Kind.TIME:
            value = _time_text(value)
        elif value is not None and column.kind is _Kind.DATE:
            value = value.isoformat()
        elif value is not None and column.kind is _Kind.FLOAT:
            value = float(value)
        elif value is not None and column.kind is _Kind.BOOL:
            value = bool(value)
        encoded[column.name] = value
    if member.table == "brief":
        encoded["source"] = row["source"]
    return encoded


def _time_text(value: datetime) -> str:
    return as_utc(value).astimezone(UTC).isoformat()


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False,
                      separators=(",", ":")).encode("utf-8")


def _write_zip(target: Path, members: Mapping[str, bytes]) -> None:
    """Write to a temporary file beside `target`, make it durable, then rename it into
    place: a failed export leaves any older file at `target` as it was."""
    temporary = target.with_name(f".{target.name}.{new_id()[:8]}.tmp")
    try:
        with temporary.open("xb") as raw:
            with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for name, data in members.items():
                    archive.writestr(name, data)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise InputError(f"cannot write {target}: {error.strerror or error}") from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------------------------------
# Reading and checking a bundle (nothing is written until all of it passes)


@dataclass(slots=True)
class Bundle:
    """A bundle read and checked: its rows by table, in database form, and source files."""

    path: Path
    created: str
    app_version: str
    tables: dict[str, list[dict[str, Any]]]
    sources: dict[str, bytes]


def read_bundle(path: Path) -> Bundle:
    """Read the bundle at `path`, checking everything before anything is used: the zip,
    the manifest's format and version, every member's checksum, and every row's shape and
    references. A bundle that fails is refused with one sentence saying why."""
    name = path.name
    data = read_bytes(path, MAX_BUNDLE_BYTES)
    if not data.startswith(b"PK"):
        raise InputError(f"cannot import {name}: it is not a ReviewDesk bundle "
                         "(not a zip file)")
    archive = open_zip(data, name)
    names = [info.filename for info in archive.infolist()]
    if len(set(names)) != len(names):
        raise _damaged(name, "two of its files have the same name")
    if MANIFEST not in names:
        raise InputError(f"cannot import {name}: it is not a ReviewDesk bundle "
                         f"(it has no {MANIFEST})")
    manifest = _parse_json(read_member(archive, MANIFEST, name), MANIFEST, name)
    files = _check_manifest(manifest, name)
    present = set(names) - {MANIFEST}
    unlisted = sorted(present - set(files))
    if unlisted:
        raise _damaged(name, f"{unlisted[0]} is not in its manifest")
    missing = sorted(set(files) - present)
    if missing:
        raise _damaged(name, f"{missing[0]} is missing")
    absent = [member.name for member in _MEMBERS if member.name not in files]
    if absent:
        raise _damaged(name, f"it has no {absent[0]}")
    contents: dict[str, bytes] = {}
    for member_name in sorted(files):
        content = read_member(archive, member_name, name)
        if hashlib.sha256(content).hexdigest() != files[member_name]:
            raise _damaged(name, f"{member_name} does not match its checksum")
        contents[member_name] = content
    sources: dict[str, bytes] = {}
    known = {member.name for member in _MEMBERS}
    for member_name, content in contents.items():
        if member_name in known:
            continue
        sha256 = member_name.removeprefix(SOURCES)
        if not member_name.startswith(SOURCES) or not _SHA256.match(sha256) \
                or files[member_name] != sha256:
            raise _damaged(name, f"{member_name} is not a part of a bundle")
        sources[sha256] = content
    tables = {member.table: _decode_member(member, _parse_json(contents[member.name],
                                                               member.name, name), name)
              for member in _MEMBERS}
    bundle = Bundle(path=path, created=str(manifest["created"]),
                    app_version=str(manifest["app_version"]), tables=tables, sources=sources)
    _check_references(bundle, name)
    return bundle


def _damaged(name: str, why: str) -> InputError:
    return InputError(f"cannot import {name}: it is damaged ({why})")


def _reject_constant(value: str) -> Any:
    raise ValueError(f"{value} is not a JSON number")


def _parse_json(content: bytes, member: str, name: str) -> Any:
    try:
        return json.loads(content.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _damaged(name, f"{member} is not valid JSON") from None


def _check_manifest(manifest: Any, name: str) -> dict[str, str]:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(f"cannot import {name}: it is not a ReviewDesk bundle "
                         f"(its {MANIFEST} does not say so)")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _damaged(name, f"its {MANIFEST} has no valid format version")
    if version > FORMAT_VERSION:
        raise InputError(f"cannot import {name}: this bundle was written by a newer "
                         f"ReviewDesk (format {version}); update to import it")
    for key in ("created", "app_version"):
        if not isinstance(manifest.get(key), str):
            raise _damaged(name, f"its {MANIFEST} has no {key!r}")
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and _SHA256.match(v)
            for k, v in files.items()):
        raise _damaged(name, f"its {MANIFEST} does not list its files with their checksums")
    if MANIFEST in files:
        raise _damaged(name, f"its {MANIFEST} lists itself")
    return {str(k): str(v) for k, v in files.items()}


def _decode_member(member: _Member, data: Any, name: str) -> list[dict[str, Any]]:
    if not isinstance(data, list):
        raise _damaged(name, f"{member.name} is not a list")
    keys = member.keys | ({"source"} if member.table == "brief" else set())
    rows = []
    for index, item in enumerate(data, start=1):
        where = f"{member.name}, entry {index}"
        if not isinstance(item, dict) or set(item) != keys:
            raise _damaged(name, f"{where} does not have the fields of its kind")
        row = {column.name: _decode_value(column, item[column.name], where, name)
               for column in member.columns}
        if member.table == "brief":
            row["source"] = _decode_source(item["source"], where, name)
        rows.append(row)
    return rows


def _decode_value(column: _Column, value: Any, where: str, name: str) -> Any:
    def bad(expected: str) -> InputError:
        return _damaged(name, f"{where}: {column.name} is not {expected}")

    if value is None:
        if column.nullable:
            return None
        raise bad("given")
    kind = column.kind
    if kind in (_Kind.ID, _Kind.STR):
        if not isinstance(value, str) or (kind is _Kind.ID and not value.strip()):
            raise bad("an id" if kind is _Kind.ID else "text")
        if column.choices and value not in column.choices:
            raise bad("one of " + ", ".join(column.choices))
        return value
    if kind is _Kind.INT:
        if not isinstance(value, int) or isinstance(value, bool):
            raise bad("a whole number")
        return value
    if kind is _Kind.BOOL:
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if kind is _Kind.FLOAT:
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not math.isfinite(value):
            raise bad("a number")
        return float(value)
    if not isinstance(value, str):
        raise bad("a date" if kind is _Kind.DATE else "a time")
    try:
        if kind is _Kind.DATE:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise bad("a date" if kind is _Kind.DATE else "a time") from None
    if moment.tzinfo is None:
        raise bad("a time with its UTC offset")
    return moment.astimezone(UTC)


def _decode_source(value: Any, where: str, name: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != _SOURCE_KEYS \
            or not isinstance(value["sha256"], str) or not _SHA256.match(value["sha256"]) \
            or not isinstance(value["filename"], str) \
            or not isinstance(value["size"], int) or isinstance(value["size"], bool):
        raise _damaged(name, f"{where}: its source file is not described properly")
    return dict(value)


def _check_references(bundle: Bundle, name: str) -> None:
    """Every id a row names is a row of the bundle (or null where allowed), and ids are
    not repeated: a bundle that holds together can be merged without surprises."""
    tables = bundle.tables

    def ids(table: str) -> set[str]:
        found = [row["id"] for row in tables[table]]
        if len(set(found)) != len(found):
            raise _damaged(name, f"{_BY_TABLE[table].name} repeats an id")
        return set(found)

    def require(table: str, column: str, allowed: set[str], what: str) -> None:
        for row in tables[table]:
            value = row[column]
            if value is not None and value not in allowed:
                raise _damaged(name, f"an entry of {_BY_TABLE[table].name} names {what} "
                                     "the bundle does not hold")

    briefs, sections, blocks = ids("brief"), ids("section"), ids("block")
    reviewers, tags, annotations = ids("reviewer"), ids("tag"), ids("annotation")
    references, recommendations = ids("reference"), ids("recommendation")
    for table in ("recommendation_event", "annotation_event", "reply", "suggestion",
                  "claim_link", "evidence_link", "tombstone"):
        ids(table)
    names = [row["name"] for row in tables["reviewer"]]
    if len(set(names)) != len(names):
        raise _damaged(name, "two of its reviewers have the same name")
    superseded = [(row["annotation_id"], row["modified"])
                  for row in tables["annotation_superseded"]]
    if len(set(superseded)) != len(superseded):
        raise _damaged(name, "annotation_superseded.json repeats an entry")
    require("brief", "version_of", briefs, "a first version")
    for table in ("section", "block", "reference", "recommendation", "annotation",
                  "suggestion", "tombstone"):
        require(table, "brief_id", briefs, "a brief")
    require("block", "section_id", sections, "a section")
    for table in ("reference", "recommendation", "suggestion"):
        require(table, "block_id", blocks, "a block")
    for table in ("annotation", "reply", "suggestion", "recommendation_event"):
        require(table, "reviewer_id", reviewers, "a reviewer")
    require("annotation", "tag_id", tags, "a tag")
    require("tag", "parent_id", tags, "a tag")
    for table in ("reply", "annotation_superseded", "annotation_event", "claim_link",
                  "evidence_link"):
        require(table, "annotation_id", annotations, "an annotation")
    require("claim_link", "reference_id", references, "a reference")
    require("recommendation_event", "recommendation_id", recommendations, "a recommendation")
    require("evidence_link", "recommendation_id", recommendations, "a recommendation")
    section_brief = {row["id"]: row["brief_id"] for row in tables["section"]}
    if any(section_brief[row["section_id"]] != row["brief_id"] for row in tables["block"]):
        raise _damaged(name, "a block lies outside its brief")
    lengths = {row["id"]: len(row["text"]) for row in tables["brief"]}
    for table in ("block", "annotation", "suggestion"):
        for row in tables[table]:
            if not 0 <= row["start"] <= row["end"] <= lengths[row["brief_id"]]:
                raise _damaged(name, f"an entry of {_BY_TABLE[table].name} lies outside "
                                     "its brief's text")
    by_id = {row["id"]: row for row in tables["brief"]}
    for brief in tables["brief"]:
        if brief["version_of"] is not None and by_id[brief["version_of"]]["version_of"]:
            raise _damaged(name, f"the brief {brief['title']!r} is a version of a version")
        source = brief["source"]
        if source is not None:
            data = bundle.sources.get(source["sha256"])
            if data is None or len(data) != source["size"]:
                raise _damaged(name, f"the original file of {brief['title']!r} is missing")
    _tag_paths(tables["tag"], name)  # refuses a cycle


def _tag_paths(tags: Sequence[Mapping[str, Any]], name: str = "",
               fold: bool = True) -> dict[str, str]:
    """Tag id -> its path from the root ('Indicator › economic'); case folded (the form
    tags are matched in) unless `fold` is False."""
    by_id = {tag["id"]: tag for tag in tags}
    paths: dict[str, str] = {}
    for tag in tags:
        names: list[str] = []
        current: Mapping[str, Any] | None = tag
        seen: set[str] = set()
        while current is not None:
            if current["id"] in seen:
                raise _damaged(name, "its tags nest inside themselves")
            seen.add(current["id"])
            words = " ".join(str(current["name"]).split())
            names.append(words.casefold() if fold else words)
            parent = current["parent_id"]
            current = by_id.get(parent) if parent else None
        paths[tag["id"]] = PATH_SEPARATOR.join(reversed(names))
    return paths


# ---------------------------------------------------------------------------------------
# Merging


def import_bundle(store: Store, path: Path) -> MergeReport:
    """Merge the bundle at `path` into the store (see the module's description). The
    bundle is checked first, then the database is copied beside itself, then everything is
    merged in one transaction; a bundle that does not fit changes nothing."""
    bundle = read_bundle(path)
    with store.transaction() as tx:
        warnings = _check_fits(tx, bundle)
    backup = _backup(store.path)
    try:
        with store.transaction() as tx:
            report = _Merge(tx, bundle).run()
    except IntegrityError as error:
        backup.unlink(missing_ok=True)
        raise InputError(f"cannot import {path.name}: it does not fit this database "
                         f"({_constraint(error)}); nothing was changed") from error
    except BaseException:
        backup.unlink(missing_ok=True)
        raise
    report.warnings.extend(warnings)
    if report.changed:
        report.backup = backup
    else:  # the copy is the database as it still is
        backup.unlink(missing_ok=True)
    return report


def _backup(database: Path) -> Path:
    """A consistent copy of the database beside it, named uniquely (two merges in the same
    second must not share one), or a StoreError if it cannot be made."""
    label = f"before-bundle-{new_id()[:8]}"
    try:
        return backup_copy(database, label)
    except (OSError, sqlite3.Error) as error:
        for partial in database.parent.glob(f"{database.name}.{label}-*.bak"):
            partial.unlink(missing_ok=True)
        reason = describe_error(error, database) or str(error)
        raise StoreError(f"cannot copy the database beside itself before merging ({reason}); "
                         "nothing was changed") from error


def _constraint(error: IntegrityError) -> str:
    return str(getattr(error, "orig", error)).split("\n")[0].lower()


def _check_fits(tx: Transaction, bundle: Bundle) -> list[str]:
    """Refuse a bundle whose briefs clash with this database's; the warnings to report."""
    name = bundle.path.name
    rows = BundleRows(tx.session)
    briefs = bundle.tables["brief"]
    local = {row["id"]: row for row in rows.where_in("brief", "id", [b["id"] for b in briefs])}
    warnings: list[str] = []
    new_ids: set[str] = set()
    for brief in briefs:
        mine = local.get(brief["id"])
        if mine is None:
            new_ids.add(brief["id"])
            other = tx.briefs.by_text(brief["text"])
            if other is not None:
                warnings.append(f"{brief['title']!r} is also in this database under another "
                                "id (imported separately); the bundle's copy was added "
                                "beside it")
            elif brief["version_of"] is not None and any(
                    version == brief["version"]
                    for _, version, _, _ in tx.briefs.family(brief["version_of"])):
                warnings.append(f"version {brief['version']} of {brief['title']!r} was also "
                                "made here, from another file; both are kept")
        elif mine["text"] != brief["text"]:
            raise InputError(f"cannot import {name}: its brief {brief['title']!r} has the "
                             "id of a brief in this database but not the same text, so "
                             "the two cannot be merged")
    for table in ("section", "block"):
        parts = [row["id"] for row in bundle.tables[table] if row["brief_id"] in new_ids]
        if rows.where_in(table, "id", parts):
            raise InputError(f"cannot import {name}: a brief in it shares {table} ids with "
                             "another brief in this database, so it cannot be merged")
    return warnings


def _digest(values: Iterable[Any]) -> str:
    text = json.dumps([_plain(value) for value in values], ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return _time_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _moment(value: datetime | None) -> datetime | None:
    return None if value is None else as_utc(value).astimezone(UTC)


class _Merge:
    """One merge of a checked bundle, in the caller's transaction."""

    def __init__(self, tx: Transaction, bundle: Bundle) -> None:
        self.tx = tx
        self.rows = BundleRows(tx.session)
        self.bundle = bundle
        self.tables = bundle.tables
        self.report = MergeReport(path=bundle.path)
        self.reviewers: dict[str, str] = {}  # bundle reviewer id -> local id
        self.tags: dict[str, str] = {}  # bundle tag id -> local id
        self.dead: set[str] = set()  # ids tombstoned here or in the bundle

    def run(self) -> MergeReport:
        before = self.rows.changes()
        self._reviewers()
        self._tags()
        self._briefs()
        self._tombstones()
        self._references()
        self._recommendations()
        self._annotations()
        self._replies()
        self._suggestions()
        self._links()
        self.report.changed = self.rows.changes() != before
        return self.report

    def _reviewers(self) -> None:
        local = self.rows.all("reviewer")
        by_id = {row["id"] for row in local}
        by_name = {row["name"]: row["id"] for row in local}
        added = []
        for reviewer in self.tables["reviewer"]:
            if reviewer["id"] in by_id:
                self.reviewers[reviewer["id"]] = reviewer["id"]
            elif reviewer["name"] in by_name:
                self.reviewers[reviewer["id"]] = by_name[reviewer["name"]]
            else:
                added.append(reviewer)
                by_name[reviewer["name"]] = reviewer["id"]
                self.reviewers[reviewer["id"]] = reviewer["id"]
        self.rows.insert("reviewer", added)
        self.report.reviewers_added = len(added)

    def _tags(self) -> None:
        """Match each tag by id, else by path in the default codebook, else add it there
        (with its own id) under its parent's match: no tag is ever duplicated."""
        tags = self.tables["tag"]
        if not tags:
            return
        codebook = ensure_default_codebook(self.tx)
        local_ids = {row["id"] for row in self.rows.all("tag")}
        local_paths = {path: tag_id for tag_id, path in _tag_paths(
            [{"id": t.id, "name": t.name, "parent_id": t.parent_id}
             for t in codebook.tags]).items()}
        bundle_paths = _tag_paths(tags)
        shortcuts: set[str | None] = {t.shortcut for t in codebook.tags if t.shortcut}
        added = 0
        for tag in sorted(tags, key=lambda t: (bundle_paths[t["id"]].count(PATH_SEPARATOR),
                                               bundle_paths[t["id"]])):
            path = bundle_paths[tag["id"]]
            if tag["id"] in local_ids:
                self.tags[tag["id"]] = tag["id"]
            elif path in local_paths:
                self.tags[tag["id"]] = local_paths[path]
            else:
                shortcut = tag["shortcut"] if tag["shortcut"] not in shortcuts else None
                created = Tag(id=tag["id"], name=tag["name"], colour=tag["colour"],
                              codebook_id=codebook.id,
                              parent_id=self.tags[tag["parent_id"]] if tag["parent_id"]
                              else None,
                              shortcut=shortcut, description=tag["description"],
                              position=len(codebook.tags))
                self.tx.codebooks.add_tag(created)
                codebook.tags.append(created)
                shortcuts.add(shortcut)
                local_paths[path] = created.id
                local_ids.add(created.id)
                self.tags[tag["id"]] = created.id
                added += 1
        if added:
            _renumber(self.tx, codebook.tags)
        self.report.tags_added = added

    def _briefs(self) -> None:
        briefs = self.tables["brief"]
        local = {row["id"] for row in self.rows.where_in("brief", "id",
                                                          [b["id"] for b in briefs])}
        new = [b for b in briefs if b["id"] not in local]
        # A first version before the versions that name it.
        new.sort(key=lambda b: (b["version_of"] is not None, b["version"], b["id"]))
        for brief in new:
            row = {key: value for key, value in brief.items() if key != "source"}
            row["source_file_id"] = self._source(brief["source"])
            self.rows.insert("brief", [row])
        new_ids = {b["id"] for b in new}
        for table in ("section", "block"):
            self.rows.insert(table, [row for row in self.tables[table]
                                     if row["brief_id"] in new_ids])
        self.report.briefs_added = len(new)
        self.report.briefs_present = len(briefs) - len(new)

    def _source(self, source: Mapping[str, Any] | None) -> str | None:
        if source is None:
            return None
        for row in self.rows.where_in("source_file", "sha256", [source["sha256"]]):
            return str(row["id"])
        source_id = new_id()
        self.rows.insert("source_file", [{
            "id": source_id, "sha256": source["sha256"], "filename": source["filename"],
            "size": source["size"], "data": self.bundle.sources[source["sha256"]]}])
        return source_id

    def _tombstones(self) -> None:
        """Union of the tombstones (the earliest deletion time wins), then every item they
        name is deleted here."""
        tombstones = self.tables["tombstone"]
        local = {row["id"]: row for row in self.rows.where_in(
            "tombstone", "id", [t["id"] for t in tombstones])}
        added = []
        for tombstone in tombstones:
            mine = local.get(tombstone["id"])
            if mine is None:
                added.append(tombstone)
            elif tombstone["deleted_at"] < as_utc(mine["deleted_at"]):
                self.rows.update("tombstone", tombstone["id"],
                                 {"deleted_at": tombstone["deleted_at"]})
        self.rows.insert("tombstone", added)
        self.report.tombstones_added = len(added)
        items = [row["id"] for table in TOMBSTONE_KINDS for row in self.tables[table]]
        self.dead = ({t["id"] for t in tombstones}
                     | {row["id"] for row in self.rows.where_in("tombstone", "id", items)})
        gone = {kind: [t["id"] for t in tombstones if t["kind"] == kind]
                for kind in TOMBSTONE_KINDS}
        self.report.annotations_deleted = self.rows.delete("annotation", gone["annotation"])
        self.report.replies_deleted = self.rows.delete("reply", gone["reply"])
        self.report.suggestions_deleted = self.rows.delete("suggestion", gone["suggestion"])

    def _blocks(self) -> set[str]:
        brief_ids = [b["id"] for b in self.tables["brief"]]
        return {row["id"] for row in self.rows.where_in("block", "brief_id", brief_ids)}

    def _references(self) -> None:
        references = self.tables["reference"]
        local = {row["id"]: row for row in self.rows.where_in(
            "reference", "id", [r["id"] for r in references])}
        blocks = self._blocks()
        added = []
        for reference in references:
            mine = local.get(reference["id"])
            if mine is None:
                row = dict(reference)
                if row["block_id"] not in blocks:
                    row["block_id"] = None
                added.append(row)
                continue
            ours, theirs = _values(mine, _REFERENCE_FIELDS), _values(reference,
                                                                     _REFERENCE_FIELDS)
            our_time, their_time = _moment(mine["modified"]), reference["modified"]
            if ours == theirs:
                if (their_time or _OLDEST) > (our_time or _OLDEST):
                    self.rows.update("reference", reference["id"], {"modified": their_time})
                continue
            if _wins(their_time, theirs, our_time, ours):
                # Move the time first: the trigger that stamps a reviewer's check leaves an
                # update alone when it sets a time of its own.
                self.rows.update("reference", reference["id"], {"modified": _OLDEST})
                self.rows.update("reference", reference["id"],
                                 {**dict(zip(_REFERENCE_FIELDS, theirs, strict=True)),
                                  "modified": their_time})
                self.report.reference_checks += 1
        self.rows.insert("reference", added)
        self.report.references_added = len(added)

    def _recommendations(self) -> None:
        recommendations = self.tables["recommendation"]
        local = {row["id"]: row for row in self.rows.where_in(
            "recommendation", "id", [r["id"] for r in recommendations])}
        blocks = self._blocks()
        added = []
        for recommendation in recommendations:
            mine = local.get(recommendation["id"])
            if mine is None:
                row = dict(recommendation)
                if row["block_id"] not in blocks:
                    row["block_id"] = None
                added.append(row)
                continue
            ours = _values(mine, _RECOMMENDATION_FIELDS)
            theirs = _values(recommendation, _RECOMMENDATION_FIELDS)
            our_time, their_time = _moment(mine["modified"]), recommendation["modified"]
            assert our_time is not None
            if ours == theirs:
                if their_time > our_time:
                    self.rows.update("recommendation", mine["id"], {"modified": their_time})
                continue
            if _wins(their_time, theirs, our_time, ours):
                self.rows.update("recommendation", mine["id"],
                                 {**dict(zip(_RECOMMENDATION_FIELDS, theirs, strict=True)),
                                  "modified": their_time})
                self.report.recommendation_states += 1
        self.rows.insert("recommendation", added)
        self.report.recommendations_added = len(added)
        events = self.tables["recommendation_event"]
        present = {row["id"] for row in self.rows.where_in(
            "recommendation_event", "id", [e["id"] for e in events])}
        new_events = [{**event, "reviewer_id": self.reviewers[event["reviewer_id"]]}
                      for event in events if event["id"] not in present]
        self.rows.insert("recommendation_event", new_events)
        self.report.history_added = len(new_events)

    def _annotations(self) -> None:
        annotations = [a for a in self.tables["annotation"] if a["id"] not in self.dead]
        ids = [a["id"] for a in annotations]
        local = {row["id"]: row for row in self.rows.where_in("annotation", "id", ids)}
        ours_superseded = _superseded(self.rows.where_in("annotation_superseded",
                                                         "annotation_id", ids))
        theirs_superseded = _superseded(self.tables["annotation_superseded"])
        local_tags = self.rows.all("tag")
        paths = _tag_paths(local_tags)
        shown = _tag_paths(local_tags, fold=False)
        events = self.tables["annotation_event"]
        # Every event these annotations have here: a merge meeting the same two versions
        # again derives the same event, which must not be recorded (or counted) twice.
        known_events = {row["id"] for row in self.rows.where_in(
            "annotation_event", "annotation_id", ids)}
        known_events.update(row["id"] for row in self.rows.where_in(
            "annotation_event", "id", [e["id"] for e in events]))
        added: list[dict[str, Any]] = []
        new_events: list[dict[str, Any]] = []
        superseded: list[dict[str, Any]] = []
        for annotation in annotations:
            incoming = {**annotation, "reviewer_id": self.reviewers[annotation["reviewer_id"]],
                        "tag_id": self.tags[annotation["tag_id"]] if annotation["tag_id"]
                        else None}
            mine = local.get(annotation["id"])
            if mine is None:
                added.append(incoming)
                continue
            our_time, their_time = _moment(mine["modified"]), incoming["modified"]
            assert our_time is not None
            ours = _values(mine, _ANNOTATION_FIELDS)
            theirs = _values(incoming, _ANNOTATION_FIELDS)
            if ours == theirs:
                self.report.annotations_unchanged += 1
                if their_time > our_time:  # the trigger remembers our time as superseded
                    self.rows.update("annotation", mine["id"], {"modified": their_time})
                elif their_time < our_time:
                    superseded.append({"annotation_id": mine["id"], "modified": their_time})
                continue
            take = _wins(their_time, _hashed(incoming, paths), our_time, _hashed(mine, paths))
            winner, loser = (incoming, mine) if take else (mine, incoming)
            winner_history = (theirs_superseded if take else ours_superseded)[mine["id"]]
            loser_time = _moment(loser["modified"])
            assert loser_time is not None
            # A rival edit, not an older copy of the kept version (which has it among the
            # versions it replaced), nor the annotation as first made (never edited).
            if loser_time not in winner_history and loser_time != _moment(loser["created"]):
                recorded = [event for event in _conflict_events(
                                winner, loser, paths, shown, loser_time, our_time == their_time)
                            if event["id"] not in known_events]
                known_events.update(event["id"] for event in recorded)
                new_events.extend(recorded)
                self.report.conflicts += bool(recorded)
            if take:
                self.rows.update("annotation", mine["id"],
                                 {**dict(zip(_ANNOTATION_FIELDS, theirs, strict=True)),
                                  "modified": their_time})
                self.report.annotations_updated += 1
            else:
                self.report.annotations_unchanged += 1
                if their_time != our_time:
                    superseded.append({"annotation_id": mine["id"], "modified": their_time})
        self.rows.insert("annotation", added)
        self.report.annotations_added = len(added)
        alive = self._alive_annotations([a["id"] for a in self.tables["annotation"]])
        superseded.extend(row for row in self.tables["annotation_superseded"]
                          if row["annotation_id"] in alive)
        self.rows.insert_new("annotation_superseded", superseded)
        new_events.extend(event for event in events if event["id"] not in known_events
                          and event["annotation_id"] in alive)
        self.rows.insert_new("annotation_event", new_events)

    def _alive_annotations(self, ids: Sequence[str]) -> set[str]:
        return {row["id"] for row in self.rows.where_in("annotation", "id", ids)}

    def _replies(self) -> None:
        replies = [r for r in self.tables["reply"] if r["id"] not in self.dead]
        present = {row["id"] for row in self.rows.where_in("reply", "id",
                                                            [r["id"] for r in replies])}
        alive = self._alive_annotations([r["annotation_id"] for r in replies])
        added = [{**reply, "reviewer_id": self.reviewers[reply["reviewer_id"]]}
                 for reply in replies
                 if reply["id"] not in present and reply["annotation_id"] in alive]
        self.rows.insert("reply", added)
        self.report.replies_added = len(added)

    def _suggestions(self) -> None:
        suggestions = [s for s in self.tables["suggestion"] if s["id"] not in self.dead]
        present = {row["id"] for row in self.rows.where_in("suggestion", "id",
                                                            [s["id"] for s in suggestions])}
        blocks = self._blocks()
        added = [{**suggestion, "reviewer_id": self.reviewers[suggestion["reviewer_id"]]}
                 for suggestion in suggestions
                 if suggestion["id"] not in present and suggestion["block_id"] in blocks]
        if len(added) < len([s for s in suggestions if s["id"] not in present]):
            self.report.warnings.append("suggested edits on paragraphs this database does "
                                        "not have were left out")
        self.rows.insert("suggestion", added)
        self.report.suggestions_added = len(added)

    def _links(self) -> None:
        for table, other in (("claim_link", "reference_id"),
                             ("evidence_link", "recommendation_id")):
            links = self.tables[table]
            alive = self._alive_annotations([link["annotation_id"] for link in links])
            others = {row["id"] for row in self.rows.where_in(
                other.removesuffix("_id"), "id", [link[other] for link in links])}
            local = self.rows.where_in(table, "annotation_id", sorted(alive))
            ids = {row["id"] for row in local}
            pairs = {(row["annotation_id"], row[other]) for row in local}
            added = []
            for link in links:
                pair = (link["annotation_id"], link[other])
                if (link["annotation_id"] in alive and link[other] in others
                        and link["id"] not in ids and pair not in pairs):
                    added.append(link)
                    pairs.add(pair)
            self.rows.insert(table, added)
            self.report.links_added += len(added)


def _values(row: Mapping[str, Any], fields: Sequence[str]) -> tuple[Any, ...]:
    return tuple(row[name] for name in fields)


def _hashed(row: Mapping[str, Any], paths: Mapping[str, str]) -> tuple[Any, ...]:
    """An annotation's edited fields as every copy sees them: its tag by path, not by id
    (two copies may know the same tag by different ids)."""
    return tuple(paths.get(row["tag_id"], row["tag_id"]) if name == "tag_id" and row[name]
                 else row[name] for name in _ANNOTATION_FIELDS)


def _wins(their_time: datetime | None, theirs: Sequence[Any], our_time: datetime | None,
          ours: Sequence[Any]) -> bool:
    """Whether the bundle's version beats ours: the later edit, else the larger hash of
    the content (the same answer in every copy, whichever side it is merged from)."""
    return ((their_time or _OLDEST), _digest(theirs)) > ((our_time or _OLDEST), _digest(ours))


def _superseded(rows: Iterable[Mapping[str, Any]]) -> defaultdict[str, set[datetime]]:
    found: defaultdict[str, set[datetime]] = defaultdict(set)
    for row in rows:
        moment = _moment(row["modified"])
        assert moment is not None
        found[row["annotation_id"]].add(moment)
    return found


def _shown(row: Mapping[str, Any], paths: Mapping[str, str]) -> dict[str, str]:
    """An annotation's fields as its history records them (its tag by path)."""
    tag = row["tag_id"]
    return {
        "comment": row["comment"],
        "status": row["status"],
        "tag": paths.get(tag, tag) if tag else "",
        "anchor": json.dumps([row["start"], row["end"], row["exact"], row["prefix"],
                              row["suffix"]], ensure_ascii=False),
        "placement": json.dumps([row["anchor_state"], row["anchor_score"]]),
    }


def _conflict_events(winner: Mapping[str, Any], loser: Mapping[str, Any],
                     paths: Mapping[str, str], shown: Mapping[str, str], loser_time: datetime,
                     tie: bool) -> list[dict[str, Any]]:
    """One event per field the two versions differ in. The id is derived from what the
    event says (tags by their case-folded path), so every copy that meets the same two
    versions records the same events, once."""
    kept, other = _shown(winner, shown), _shown(loser, shown)
    same_kept, same_other = _shown(winner, paths), _shown(loser, paths)
    events = []
    for name in kept:
        if same_kept[name] == same_other[name]:
            continue
        key = "\x1f".join([winner["id"], name, same_kept[name], same_other[name],
                           _time_text(loser_time)])
        events.append({"id": stable_id("reviewdesk:annotation-event", key),
                       "annotation_id": winner["id"], "field": name,
                       "value_kept": kept[name], "value_other": other[name],
                       "at": loser_time, "source": SOURCE_MERGE_TIE if tie else SOURCE_MERGE})
    return events


def _renumber(tx: Transaction, tags: Sequence[Tag]) -> None:
    """Positions follow the tag tree walked depth-first (see domain.codebook.Tag)."""
    children: dict[str | None, list[Tag]] = defaultdict(list)
    for tag in sorted(tags, key=lambda t: t.position):
        children[tag.parent_id].append(tag)
    order: list[Tag] = []
    stack = list(reversed(children[None]))
    while stack:
        tag = stack.pop()
        order.append(tag)
        stack.extend(reversed(children[tag.id]))
    for position, tag in enumerate(order):
        if tag.position != position:
            tx.codebooks.update_tag(tag.id, position=position)
            tag.position = position


@dataclass(frozen=True, slots=True)
class AnnotationEvent:
    """A value of an annotation's field that a merge did not keep: `value_other` was
    written at `at` in another copy, and `value_kept` is the one the annotation kept."""

    id: str
    annotation_id: str
    field: str  # comment, status, tag (its path), anchor or placement (as JSON lists)
    value_kept: str
    value_other: str
    at: datetime
    source: str  # "merge" (the later edit was kept) or "merge-tie" (the same time)


def annotation_history(store: Store, annotation_id: str) -> list[AnnotationEvent]:
    """The values merges did not keep for this annotation, oldest first."""
    with store.transaction() as tx:
        rows = BundleRows(tx.session).where_in("annotation_event", "annotation_id",
                                               [annotation_id])
    events = [AnnotationEvent(id=row["id"], annotation_id=row["annotation_id"],
                              field=row["field"], value_kept=row["value_kept"],
                              value_other=row["value_other"], at=as_utc(row["at"]),
                              source=row["source"]) for row in rows]
    return sorted(events, key=lambda e: (e.at, e.field, e.id))

