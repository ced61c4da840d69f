"""The review bundle file (`.rdbundle`): its format version, members and columns, and the
limits a bundle must keep (bundle.write writes one, bundle.read reads and checks one).

A bundle is a zip file:

- `manifest.json`: {"format": "reviewdesk-bundle", "version": 4, "created",
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

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from reviewdesk.domain.brief import BlockKind, SourceFormat
from reviewdesk.domain.codebook import PATH_SEPARATOR
from reviewdesk.domain.findings import RecommendationStatus, ReferenceCheck
from reviewdesk.domain.ids import as_utc
from reviewdesk.domain.limits import (
    MAX_COMMENT_CHARS,
    MAX_CONTEXT_CHARS,
    MAX_DATE_CHARS,
    MAX_NAME_CHARS,
    MAX_QUOTE_CHARS,
    MAX_TAG_DEPTH,
    MAX_TAG_NAME_CHARS,
)
from reviewdesk.domain.review import AnnotationStatus, SuggestionStatus
from reviewdesk.domain.sections import SectionKind
from reviewdesk.errors import InputError

FORMAT = "reviewdesk-bundle"
FORMAT_VERSION = 4
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

SHA256 = re.compile(r"^[0-9a-f]{64}$")


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
    """A column of a member: its JSON kind, whether it takes null, and since when."""

    name: str
    kind: Kind
    nullable: bool = False
    choices: tuple[str, ...] = ()  # the values an enumeration allows
    since: int = 1  # the format version that added the column
    default: Any = None  # its value in a bundle of an older version


@dataclass(frozen=True, slots=True)
class Member:
    """One JSON member of the zip: the table its rows come from and their columns."""

    name: str  # the JSON file in the zip
    table: str
    columns: tuple[Column, ...]

    def keys(self, version: int) -> frozenset[str]:
        """The columns a row of this member has in a bundle of format `version`."""
        return frozenset(c.name for c in self.columns if c.since <= version)


def _c(name: str, kind: Kind, nullable: bool = False, choices: Iterable[str] = (),
       since: int = 1, default: Any = None) -> Column:
    return Column(name, kind, nullable, tuple(choices), since, default)


_ID, _STR, _INT, _BOOL, _FLOAT, _TIME, _DATE, _KEY = (
    Kind.ID, Kind.STR, Kind.INT, Kind.BOOL, Kind.FLOAT, Kind.TIME, Kind.DATE, Kind.KEY)

# The members, in the order they are merged, and their columns. Version 2 added the
# reviewers' keys, the authors of deleted items and the revision counters; version 3 a
# brief's language and the date a reviewer set on an annotation; version 4 whether a
# suggested edit was accepted or rejected.
# A brief also has "source": null or {"sha256", "filename", "size"} (see SOURCE_KEYS).
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
        _c("end", _INT), _c("replacement", _STR), _c("created", _TIME),
        _c("status", _STR, choices=[status.value for status in SuggestionStatus], since=4,
           default=SuggestionStatus.PENDING.value))),
    Member("claim_links.json", "claim_link", (
        _c("id", _ID), _c("annotation_id", _ID), _c("reference_id", _ID),
        _c("created", _TIME))),
    Member("evidence_links.json", "evidence_link", (
        _c("id", _ID), _c("annotation_id", _ID), _c("recommendation_id", _ID),
        _c("created", _TIME))),
)
BY_TABLE = {member.table: member for member in MEMBERS}
SOURCE_KEYS = frozenset({"sha256", "filename", "size"})


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


def time_text(value: datetime) -> str:
    """A time as a bundle writes it: ISO 8601 in UTC, with its offset."""
    return as_utc(value).astimezone(UTC).isoformat()


def damaged(name: str, why: str) -> InputError:
    """The refusal of a bundle that does not hold together, saying why."""
    return InputError(f"cannot import {name}: it is damaged ({why})")


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
