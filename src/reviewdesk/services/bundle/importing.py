"""Importing a review bundle: read and check it, see how this database stands to its
signer, copy the database beside itself, then merge everything in one transaction; a
bundle that does not fit changes nothing (the rules are in services.bundles)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from reviewdesk.domain.ids import as_utc, new_id, utc_now
from reviewdesk.domain.trust import Trust
from reviewdesk.domain.words import count as _count
from reviewdesk.errors import ConstraintError, InputError
from reviewdesk.services.bundle.format import TOMBSTONE_KINDS, Bundle
from reviewdesk.services.bundle.merge import RECOMMENDATIONS, REFERENCES, merge_decided
from reviewdesk.services.bundle.plan import Clamped, MergePlan, check_fits, clamp_future_times
from reviewdesk.services.bundle.read import read_bundle
from reviewdesk.services.bundle.report import MergeReport
from reviewdesk.services.bundle.reviews import (
    merge_annotations,
    merge_links,
    merge_replies,
    merge_suggestions,
)
from reviewdesk.services.bundle.signer import Standing, standing_of
from reviewdesk.services.bundle.tags import merge_tags
from reviewdesk.services.identity import trust_key, verify
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store


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
        standing = standing_of(tx, bundle, trust)
        warnings = check_fits(tx, bundle)
    # What the bundle would touch is checked in the merge's own transaction, before its
    # first write: a refusal there removes the copy again.
    # A file is copied beside itself, under a name of its own (two merges in the same
    # second must not share one); a server's database is backed up there (pg_dump), and
    # the merge is one transaction there as here.
    backup = store.copy_beside(f"before-bundle-{new_id()[:8]}", "merging")
    try:
        with store.transaction() as tx:
            if standing.new and bundle.signer is not None:
                trust_key(tx, bundle.signer.public_key, bundle.signer.name, None,
                          Trust.FIRST_USE)
            report = merge(tx, bundle, standing, clamped)
    except ConstraintError as error:
        _discard(backup)
        raise InputError(f"cannot import {path.name}: it does not fit this database "
                         f"({str(error).lower()}); nothing was changed") from error
    except BaseException:
        _discard(backup)
        raise
    report.warnings[:0] = warnings
    if report.changed:
        report.backup = backup
    else:  # the copy is the database as it still is
        _discard(backup)
    return report


def _discard(backup: Path | None) -> None:
    if backup is not None:
        backup.unlink(missing_ok=True)


def merge(tx: Transaction, bundle: Bundle, standing: Standing,
          clamped: Clamped) -> MergeReport:
    """Merge the checked bundle in the caller's transaction."""
    plan = MergePlan(tx, bundle, standing, clamped)
    before = plan.rows.changes()
    plan.prepare()
    _reviewers(plan)
    _briefs(plan)
    _tombstones(plan)
    report = plan.report
    report.references_added, report.reference_checks = merge_decided(plan, REFERENCES)
    report.recommendations_added, report.recommendation_states = merge_decided(
        plan, RECOMMENDATIONS)
    _recommendation_events(plan)
    merge_tags(plan)
    merge_annotations(plan)
    merge_replies(plan)
    merge_suggestions(plan)
    merge_links(plan)
    _warn(plan)
    report.changed = plan.rows.changes() != before
    return report


def _warn(plan: MergePlan) -> None:
    report = plan.report
    if report.times_from_the_future:
        report.warnings.append(
            f"{_count(report.times_from_the_future, 'time')} in {plan.name} lay more "
            "than a day ahead of this computer's clock (the sender's clock may be "
            f"wrong); {'it was' if report.times_from_the_future == 1 else 'they were'} "
            "taken as now")
    if report.left_out:
        report.warnings.append(
            f"{_count(report.left_out, 'change')} to other reviewers' work "
            f"{'was' if report.left_out == 1 else 'were'} left out: a reviewer's "
            "annotations, replies and suggested edits change only through bundles they "
            "signed")
    if report.decisions_left_out:
        report.warnings.append(
            f"{_count(report.decisions_left_out, 'reference check or recommendation decision', 'reference checks and recommendation decisions')} "  # noqa: E501
            f"{'was' if report.decisions_left_out == 1 else 'were'} left out: "
            f"{plan.standing.name} is not trusted here as a lead")


def _reviewers(plan: MergePlan) -> None:
    for local_id in plan.claims:
        if plan.standing.key is not None:
            plan.tx.reviewers.set_key(local_id, plan.standing.key)
    plan.rows.insert("reviewer", plan.new_reviewers)
    plan.report.reviewers_added = len(plan.new_reviewers)


def _briefs(plan: MergePlan) -> None:
    briefs = plan.tables["brief"]
    local = {row["id"] for row in plan.rows.where_in("brief", "id",
                                                      [b["id"] for b in briefs])}
    new = [b for b in briefs if b["id"] not in local]
    # A first version before the versions that name it.
    new.sort(key=lambda b: (b["version_of"] is not None, b["version"], b["id"]))
    for brief in new:
        row = {key: value for key, value in brief.items() if key != "source"}
        row["source_file_id"] = _source(plan, brief["source"])
        plan.rows.insert("brief", [row])
    new_ids = {b["id"] for b in new}
    for table in ("section", "block"):
        plan.rows.insert(table, [row for row in plan.tables[table]
                                 if row["brief_id"] in new_ids])
    plan.report.briefs_added = len(new)
    plan.report.briefs_present = len(briefs) - len(new)


def _source(plan: MergePlan, source: Mapping[str, Any] | None) -> str | None:
    if source is None:
        return None
    for row in plan.rows.where_in("source_file", "sha256", [source["sha256"]]):
        return str(row["id"])
    source_id = new_id()
    plan.rows.insert("source_file", [{
        "id": source_id, "sha256": source["sha256"], "filename": source["filename"],
        "size": source["size"], "data": plan.bundle.sources[source["sha256"]]}])
    return source_id


def _tombstones(plan: MergePlan) -> None:
    """Union of the signer's own tombstones (the earliest deletion time wins); each
    deletes the item it names when the item is its author's, on its brief."""
    doomed = _add_tombstones(plan)
    # Every deletion that holds here for the bundle's items: its own and this
    # database's (a deletion by another reviewer than the item's author holds nothing).
    items = [row["id"] for kind in TOMBSTONE_KINDS for row in plan.tables[kind]]
    for row in plan.rows.where_in("tombstone", "id", items):
        plan.dead[row["id"]] = (row["brief_id"], row["reviewer_id"])
    plan.report.annotations_deleted = plan.rows.delete("annotation", doomed["annotation"])
    plan.report.replies_deleted = plan.rows.delete("reply", doomed["reply"])
    _drop_held(plan)
    plan.report.suggestions_deleted = plan.rows.delete("suggestion", doomed["suggestion"])


def _add_tombstones(plan: MergePlan) -> dict[str, list[str]]:
    """Add the signer's new tombstones (or an earlier time to one here); the ids of the
    items here they delete, by kind."""
    added: list[dict[str, Any]] = []
    doomed: dict[str, list[str]] = {kind: [] for kind in TOMBSTONE_KINDS}
    for row in plan.tables["tombstone"]:
        author = plan.tombstone_author(row)
        mine = plan.local["tombstone"].get(row["id"])
        item = plan.local[row["kind"]].get(row["id"])
        if author is None:
            if mine is None or item is not None:
                plan.report.left_out += 1
            continue
        if mine is None:
            added.append({**row, "reviewer_id": author})
        elif row["deleted_at"] < as_utc(mine["deleted_at"]):
            plan.rows.update("tombstone", row["id"], {"deleted_at": row["deleted_at"]})
        if item is not None:
            doomed[row["kind"]].append(row["id"])
    plan.rows.insert("tombstone", added)
    plan.report.tombstones_added = len(added)
    return doomed


def _drop_held(plan: MergePlan) -> None:
    """Held replies that are deleted, or whose annotation is: they will never join it."""
    owned = [row for row in plan.tables["tombstone"]
             if plan.tombstone_author(row) is not None]
    gone_notes = {(row["id"], row["brief_id"]) for row in owned
                  if row["kind"] == "annotation"}
    waiting = plan.rows.where_in("held_reply", "annotation_id",
                                 [note for note, _ in gone_notes])
    plan.rows.delete("held_reply", [row["id"] for row in owned if row["kind"] == "reply"]
                     + [row["id"] for row in waiting
                        if (row["annotation_id"], row["brief_id"]) in gone_notes])


def _recommendation_events(plan: MergePlan) -> None:
    """The history of recommendation decisions, from a signer who decides."""
    events = plan.tables["recommendation_event"]
    present = plan.local["recommendation_event"]
    new_events = []
    for event in events:
        if event["id"] in present:
            continue
        author = plan.author(event)
        if not plan.standing.decides or author is None:
            plan.report.decisions_left_out += 1
            continue
        new_events.append({**event, "reviewer_id": author})
    plan.rows.insert("recommendation_event", new_events)
    plan.report.history_added = len(new_events)
