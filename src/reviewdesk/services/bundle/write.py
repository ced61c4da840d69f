"""Writing a review bundle: the rows of the briefs asked for, with everything reviewed on
them, encoded as the format says (bundle.format), signed with this database's key, and
written whole or not at all."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reviewdesk import __version__
from reviewdesk.domain.ids import as_utc, utc_now
from reviewdesk.errors import InputError
from reviewdesk.files import check_writable, write_file
from reviewdesk.services.bundle.contents import bundle_families, contents_of, work_rows
from reviewdesk.services.bundle.format import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEMBERS,
    SIGNATURE,
    SIGNATURE_ALGORITHM,
    SOURCES,
    SUFFIX,
    Kind,
    Member,
    Signer,
    time_text,
)
from reviewdesk.services.identity import local_identity
from reviewdesk.services.reviewers import reviewer_name
from reviewdesk.storage.bundle_rows import BundleRows
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store

Rows = dict[str, list[dict[str, Any]]]


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
    signer: str = ""  # the name the bundle is signed with
    fingerprint: str = ""  # of this database's key
    reviewers: int = 0  # who wrote the annotations, replies and suggested edits


def export_bundle(store: Store, references: list[str] | tuple[str, ...],
                  target: Path) -> BundleReport:
    """Write the briefs named by `references` (ids, id starts or titles; none: every brief),
    with all their versions and everything reviewed on them, to the bundle `target`,
    signed with this database's key. The file is written beside `target` and renamed into
    place."""
    check_target(target)
    with store.transaction() as tx:
        identity = local_identity(tx)
        name = reviewer_name(tx)
        mine = tx.reviewers.by_name(name)
        if mine is not None and mine.public_key is None:
            # The reviewer this database works as, met before keys existed.
            tx.reviewers.set_key(mine.id, identity.public_key)
        tables, sources = _collect(tx, references)
    signer = Signer(public_key=identity.public_key, name=name)
    write_bundle(target, tables, sources, signer, identity.sign)
    held = contents_of(tables)
    return BundleReport(path=target, briefs=held.briefs, annotations=held.annotations,
                        replies=held.replies, suggestions=held.suggestions,
                        tombstones=held.tombstones, size=target.stat().st_size,
                        signer=name, fingerprint=identity.fingerprint,
                        reviewers=held.reviewers)


def check_target(target: Path) -> None:
    """Refuse, in one sentence, a bundle file name that cannot be written."""
    if target.suffix.lower() != SUFFIX:
        raise InputError(f"a bundle's file name ends in {SUFFIX}; {target.name!r} does not")
    if target.is_dir():
        raise InputError(f"{target} is a folder; name the bundle file to write")
    if not target.parent.is_dir():
        raise InputError(f"cannot write {target}: the folder {target.parent} does not exist")
    check_writable(target)  # a folder that cannot be written fails before any work


def _collect(tx: Transaction, references: list[str] | tuple[str, ...]
             ) -> tuple[Rows, dict[str, bytes]]:
    """Every row the bundle carries, by table, and the source files by sha256."""
    brief_ids = bundle_families(tx, references)
    rows = tx.bundle_rows
    briefs = rows.where_in("brief", "id", brief_ids)
    tables = _reviewed(rows, brief_ids)
    tables["brief"], sources = _with_sources(rows, briefs)
    for table, found in tables.items():
        found.sort(key=lambda row: _row_key(table, row))
    return tables, sources


def _reviewed(rows: BundleRows, brief_ids: list[str]) -> Rows:
    """The rows of everything reviewed on the briefs, and the reviewers and tags they name."""
    tables: Rows = work_rows(rows, brief_ids)  # what the report counts, as plan_bundle does
    for table in ("section", "block", "reference", "recommendation"):
        tables[table] = rows.where_in(table, "brief_id", brief_ids)
    annotation_ids = [row["id"] for row in tables["annotation"]]
    reference_ids = {row["id"] for row in tables["reference"]}
    recommendation_ids = {row["id"] for row in tables["recommendation"]}
    for table in ("annotation_superseded", "annotation_event"):
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
    return tables


def _with_sources(rows: BundleRows, briefs: list[dict[str, Any]]
                  ) -> tuple[list[dict[str, Any]], dict[str, bytes]]:
    """The brief rows, each describing its source file instead of naming it, and the
    source files' bytes by sha256."""
    files = {row["id"]: row for row in rows.where_in(
        "source_file", "id", [b["source_file_id"] for b in briefs if b["source_file_id"]])}
    sources: dict[str, bytes] = {}
    described = []
    for brief in briefs:
        stored = files.get(brief.pop("source_file_id") or "")
        brief["source"] = None
        if stored is not None:
            brief["source"] = {"sha256": stored["sha256"], "filename": stored["filename"],
                               "size": len(stored["data"])}
            sources[stored["sha256"]] = bytes(stored["data"])
        described.append(brief)
    return described, sources


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


def _row_key(table: str, row: dict[str, Any]) -> tuple[str, str]:
    """The order rows are written in: by id (superseded times by annotation and time)."""
    if table == "annotation_superseded":
        return row["annotation_id"], as_utc(row["modified"]).isoformat()
    return row["id"], ""


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
    """A row in database form as its member's JSON object."""
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


def json_bytes(data: Any) -> bytes:
    """JSON as a bundle holds it: UTF-8, keys sorted, no spaces, no NaN."""
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
