"""Review bundles: reviewers work offline, each on their own database; a bundle carries
briefs and everything reviewed on them to another database, where it is merged by id.
The file itself is described in services.bundle_format, the merge in
services.bundle_merge.

A bundle is signed with the key of the database that wrote it (services.identity), and
a database merges only bundles whose key it trusts: on first use (`trust=True`, the
CLI's --trust, a question in the app) or by hand. What a trusted bundle may change:

- Briefs, their sections, blocks, reference entries and recommendations are added with
  their own ids when missing; a brief already here must have the same text.
- Its signer's own work: the annotations, replies and suggested edits of the reviewers
  who work with the signer's key, their deletions (tombstones), history and links. No
  bundle changes another reviewer's work: that comes only in bundles they signed.
- Reference checks and recommendation decisions, when this database trusts the signer
  as a lead.
- Nothing outside the briefs it carries: an id that names an item of another brief, of
  another kind or by another reviewer refuses the whole bundle, before anything is
  written, naming the item.

Rival edits of one item keep the version with the higher revision (every edit raises it,
so an edit made after seeing another version beats it), then the later `modified` time
(times more than a day ahead of this computer's clock are taken as now), then the larger
content hash: the same answer in every copy, whatever order bundles meet in. When the
version not kept of an annotation was a rival edit, each field it differed in is written
to the annotation's history (annotation_event).

Everything in a bundle is checked before anything is written; the database file is copied
beside itself before a merge writes to it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError

from reviewdesk.domain.ids import as_utc, new_id, utc_now
from reviewdesk.domain.trust import Role, Trust, fingerprint
from reviewdesk.errors import InputError, StoreError
from reviewdesk.files import check_writable
from reviewdesk.services.briefs import resolve_brief
from reviewdesk.services.bundle_format import (
    MANIFEST,
    SUFFIX,
    TOMBSTONE_KINDS,
    Bundle,
    Signer,
    read_bundle,
    write_bundle,
)
from reviewdesk.services.bundle_merge import (
    SOURCE_MERGE,
    SOURCE_MERGE_TIE,
    MergeReport,
    Standing,
    check_fits,
    clamp_future_times,
    merge,
)
from reviewdesk.services.identity import local_identity, trust_key, verify
from reviewdesk.services.reviewers import reviewer_name
from reviewdesk.storage.engine import backup_copy, describe_error
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store
from reviewdesk.storage.tracking import BundleRows

__all__ = ["MANIFEST", "SOURCE_MERGE", "SOURCE_MERGE_TIE", "SUFFIX", "TOMBSTONE_KINDS",
           "AnnotationEvent", "BundleReport", "MergeReport", "UnknownSignerError",
           "annotation_history", "bundle_signer", "export_bundle", "import_bundle",
           "trust_bundle_signer"]


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


class UnknownSignerError(InputError):
    """A bundle signed with a key this database does not trust yet (or not signed at
    all): nothing was written. The app asks whether to trust it; the CLI needs --trust."""

    def __init__(self, message: str, path: Path, signer: Signer | None) -> None:
        super().__init__(message)
        self.path = path
        self.signer = signer

    @property
    def fingerprint(self) -> str | None:
        return fingerprint(self.signer.public_key) if self.signer is not None else None


# ---------------------------------------------------------------------------------------
# Export


def export_bundle(store: Store, references: list[str] | tuple[str, ...],
                  target: Path) -> BundleReport:
    """Write the briefs named by `references` (ids, id starts or titles; none: every brief),
    with all their versions and everything reviewed on them, to the bundle `target`,
    signed with this database's key. The file is written beside `target` and renamed into
    place."""
    _check_target(target)
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
    return BundleReport(path=target, briefs=len(tables["brief"]),
                        annotations=len(tables["annotation"]), replies=len(tables["reply"]),
                        suggestions=len(tables["suggestion"]),
                        tombstones=len(tables["tombstone"]), size=target.stat().st_size,
                        signer=name, fingerprint=identity.fingerprint)


def _check_target(target: Path) -> None:
    if target.suffix.lower() != SUFFIX:
        raise InputError(f"a bundle's file name ends in {SUFFIX}; {target.name!r} does not")
    if target.is_dir():
        raise InputError(f"{target} is a folder; name the bundle file to write")
    if not target.parent.is_dir():
        raise InputError(f"cannot write {target}: the folder {target.parent} does not exist")
    check_writable(target)  # a folder that cannot be written fails before any work


def _collect(tx: Transaction, references: list[str] | tuple[str, ...]
             ) -> tuple[dict[str, list[dict[str, Any]]], dict[str, bytes]]:
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


def _row_key(table: str, row: dict[str, Any]) -> tuple[str, str]:
    if table == "annotation_superseded":
        return row["annotation_id"], as_utc(row["modified"]).isoformat()
    return row["id"], ""


# ---------------------------------------------------------------------------------------
# Trust


def bundle_signer(path: Path) -> Signer | None:
    """Who signed the bundle at `path` (its signature checked), or None if it is not
    signed. Refuses a bundle that is damaged or whose signature fails, in one sentence."""
    return read_bundle(path, verify).signer


def trust_bundle_signer(store: Store, path: Path, role: Role | None = None) -> Signer:
    """Trust the key that signed the bundle at `path` (by hand: the explicit step), with
    `role` (default: the role it has, else reviewer)."""
    signer = bundle_signer(path)
    if signer is None:
        raise InputError(f"{path.name} is not signed (it was written before bundles were "
                         "signed), so there is no key to trust; import it with --trust")
    with store.transaction() as tx:
        trust_key(tx, signer.public_key, signer.name, role, Trust.EXPLICIT)
    return signer


def _standing(tx: Transaction, bundle: Bundle, trust: bool) -> Standing:
    """How this database stands to the bundle's signer; UnknownSignerError when it does not
    trust the signer and was not told to."""
    signer, name = bundle.signer, bundle.path.name
    own = local_identity(tx).public_key
    if signer is None:
        if not trust:
            raise UnknownSignerError(
                f"cannot import {name}: it is not signed (an older ReviewDesk wrote it), so "
                "nothing shows who made it; import it with --trust if you know where it "
                "came from", bundle.path, None)
        return Standing(key=None, name="an unsigned bundle", role=Role.REVIEWER,
                        trust=Trust.FIRST_USE, own=False, new=False)
    known = tx.keys.get(signer.public_key)
    if known is None:
        if not trust:
            raise UnknownSignerError(
                f"cannot import {name}: it is signed by {signer.name!r} with a key this "
                f"database does not know yet (fingerprint {fingerprint(signer.public_key)}); "
                f"check the fingerprint with {signer.name}, then import it again with "
                "--trust", bundle.path, signer)
        return Standing(key=signer.public_key, name=signer.name, role=Role.REVIEWER,
                        trust=Trust.FIRST_USE, own=False, new=True)
    return Standing(key=signer.public_key, name=signer.name, role=known.role,
                    trust=known.trust, own=signer.public_key == own, new=False)


# ---------------------------------------------------------------------------------------
# Merging


def import_bundle(store: Store, path: Path, *, trust: bool = False,
                  now: datetime | None = None) -> MergeReport:
    """Merge the bundle at `path` into the store (see the module's description). The
    bundle is checked first (its signature, its signer's trust, and everything it would
    touch), then the database is copied beside itself, then everything is merged in one
    transaction; a bundle that does not fit changes nothing.

    `trust`: trust its signer on first use (or an unsigned bundle). `now`: this computer's
    time, against which times from the future are judged (tests pass their own)."""
    bundle = read_bundle(path, verify)
    moment = now or utc_now()
    clamped = clamp_future_times(bundle, moment)
    with store.transaction() as tx:
        standing = _standing(tx, bundle, trust)
        warnings = check_fits(tx, bundle)
    # What the bundle would touch is checked in the merge's own transaction, before its
    # first write: a refusal there removes the copy again.
    backup = _backup(store.path)
    try:
        with store.transaction() as tx:
            if standing.new and bundle.signer is not None:
                trust_key(tx, bundle.signer.public_key, bundle.signer.name, None,
                          Trust.FIRST_USE)
            report = merge(tx, bundle, standing, clamped)
    except IntegrityError as error:
        backup.unlink(missing_ok=True)
        raise InputError(f"cannot import {path.name}: it does not fit this database "
                         f"({_constraint(error)}); nothing was changed") from error
    except BaseException:
        backup.unlink(missing_ok=True)
        raise
    report.warnings[:0] = warnings
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


# ---------------------------------------------------------------------------------------
# History


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
