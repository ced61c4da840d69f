"""Merging a checked review bundle into a database: what it may touch (its briefs, its
signer's own work, and decisions when its signer is a lead), in what order rival edits
win, and the report of what changed (see services.bundles for the rules in full)."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from reviewdesk.domain.codebook import PATH_SEPARATOR, Tag
from reviewdesk.domain.ids import FUTURE_SLACK, as_utc, new_id, stable_id
from reviewdesk.domain.trust import Role, Trust, fingerprint
from reviewdesk.domain.words import count as _count
from reviewdesk.errors import InputError
from reviewdesk.services.bundle_format import (
    BY_TABLE,
    MEMBERS,
    TOMBSTONE_KINDS,
    Bundle,
    Kind,
    tag_paths,
    time_text,
)
from reviewdesk.services.codebooks import ensure_default_codebook
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.tracking import BundleRows

# annotation_event.source: the later edit was kept, or (equal times) the larger hash.
SOURCE_MERGE = "merge"
SOURCE_MERGE_TIE = "merge-tie"

_OLDEST = datetime.min.replace(tzinfo=UTC)

# The fields of a row that reviewers edit; the rest never change once written.
_ANNOTATION_FIELDS = ("tag_id", "comment", "status", "exact", "prefix", "suffix", "start",
                      "end", "anchor_state", "anchor_score", "date")
_REFERENCE_FIELDS = ("check_status", "note")
_RECOMMENDATION_FIELDS = ("addressee", "priority", "status", "owner", "due", "note")
# What a decision left undecided looks like, for entries a non-lead's bundle brings.
_UNDECIDED_REFERENCE = {"check_status": "unchecked", "note": "", "modified": None,
                        "revision": 0}
_UNDECIDED_RECOMMENDATION = {"status": "proposed", "owner": "", "due": None, "note": "",
                             "revision": 0}
# Item kind -> the table its rows live in, for the words of a message.
_WORDS = {"annotation": "annotation", "reply": "reply", "suggestion": "suggested edit",
          "held_reply": "reply", "reference": "reference entry",
          "recommendation": "recommendation", "tombstone": "deletion",
          "claim_link": "claim link", "evidence_link": "evidence link",
          "recommendation_event": "recommendation history entry",
          "annotation_event": "annotation history entry"}


@dataclass(frozen=True, slots=True)
class Standing:
    """How the database stands to a bundle's signer."""

    key: str | None  # the signer's public key; None: an unsigned bundle trusted by hand
    name: str
    role: Role
    trust: Trust
    own: bool  # signed by this database itself
    new: bool  # trusted now, on first use

    @property
    def decides(self) -> bool:
        """Whether its reference checks and recommendation decisions are taken."""
        return self.own or self.role is Role.LEAD


@dataclass(slots=True)
class MergeReport:
    """What `import_bundle` changed. Annotations are counted once each: added (new here),
    updated (this copy took the bundle's edit), deleted (by a tombstone in the bundle) or
    unchanged; `conflicts` is how many had a rival edit recorded in their history.
    `left_out`: other reviewers' work the bundle carried that was not taken (only their
    own bundles change it); `decisions_left_out`: reference checks and recommendation
    decisions not taken from a signer who is not a lead here."""

    path: Path
    signer: str = ""
    fingerprint: str | None = None
    role: str = Role.REVIEWER.value
    trusted_now: bool = False
    briefs_added: int = 0
    briefs_present: int = 0
    annotations_added: int = 0
    annotations_updated: int = 0
    annotations_deleted: int = 0
    annotations_unchanged: int = 0
    replies_added: int = 0
    replies_deleted: int = 0
    replies_held: int = 0  # waiting for an annotation this database does not have yet
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
    left_out: int = 0
    decisions_left_out: int = 0
    times_from_the_future: int = 0
    warnings: list[str] = field(default_factory=list)
    backup: Path | None = None  # the copy of the database made before the merge
    changed: bool = False

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in (
            "briefs_added", "briefs_present", "annotations_added", "annotations_updated",
            "annotations_deleted", "annotations_unchanged", "replies_added", "replies_deleted",
            "replies_held", "suggestions_added", "suggestions_deleted", "references_added",
            "reference_checks", "recommendations_added", "recommendation_states",
            "history_added", "links_added", "tombstones_added", "reviewers_added",
            "tags_added", "conflicts", "left_out", "decisions_left_out",
            "times_from_the_future")}


@dataclass(frozen=True, slots=True)
class Clamped:
    """Times of a bundle that lay too far ahead of this computer's clock, set to now."""

    count: int = 0
    rows: frozenset[tuple[str, str]] = frozenset()  # (table, id) whose `modified` moved


def clamp_future_times(bundle: Bundle, now: datetime) -> Clamped:
    """Set every time of the bundle more than FUTURE_SLACK ahead of `now` to `now`: a wrong
    clock must not make an edit win forever (the revision counters decide first anyway)."""
    limit = now + FUTURE_SLACK
    count = 0
    moved: set[tuple[str, str]] = set()
    for member in MEMBERS:
        times = [column.name for column in member.columns if column.kind is Kind.TIME]
        for row in bundle.tables[member.table]:
            for name in times:
                value = row[name]
                if value is not None and value > limit:
                    row[name] = now
                    count += 1
                    if name == "modified" and "id" in row:
                        moved.add((member.table, row["id"]))
    return Clamped(count, frozenset(moved))


def check_fits(tx: Transaction, bundle: Bundle) -> list[str]:
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


def merge(tx: Transaction, bundle: Bundle, standing: Standing,
          clamped: Clamped) -> MergeReport:
    """Merge the checked bundle in the caller's transaction."""
    return _Merge(tx, bundle, standing, clamped).run()


def _short(item_id: str) -> str:
    return item_id[:8]


def _a(word: str) -> str:
    """'an annotation', 'a reply'."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


class _Merge:
    """One merge of a checked bundle, in the caller's transaction."""

    def __init__(self, tx: Transaction, bundle: Bundle, standing: Standing,
                 clamped: Clamped) -> None:
        self.tx = tx
        self.rows = BundleRows(tx.session)
        self.bundle = bundle
        self.tables = bundle.tables
        self.standing = standing
        self.clamped = clamped
        self.name = bundle.path.name
        self.report = MergeReport(
            path=bundle.path, signer=standing.name,
            fingerprint=fingerprint(standing.key) if standing.key else None,
            role=standing.role.value, trusted_now=standing.new,
            times_from_the_future=clamped.count)
        self.owned: set[str] = set()  # bundle reviewer ids the signer owns
        self.reviewers: dict[str, str] = {}  # owned bundle reviewer id -> local id
        self.owned_here: set[str] = set()  # local reviewer ids the signer owns
        self.claims: list[str] = []  # local reviewers met before keys, now bound to it
        self.new_reviewers: list[dict[str, Any]] = []
        self.tags: dict[str, str] = {}  # bundle tag id -> local id
        # Local rows named by the bundle's ids, by table (read once, in plan()).
        self.local: dict[str, dict[str, dict[str, Any]]] = {}
        self.reply_briefs: dict[str, str] = {}  # local reply id -> its annotation's brief
        self.annotation_of: dict[str, dict[str, Any]] = {
            row["id"]: row for row in self.tables["annotation"]}
        # id -> (brief, local author or None) of each deletion that holds here.
        self.dead: dict[str, tuple[str, str | None]] = {}

    # -- Who owns what ------------------------------------------------------------------

    def _claims_signer(self, row: Mapping[str, Any]) -> bool:
        """Whether a bundle's reviewer row says it works with the signer's key."""
        return bool(row["public_key"] == self.standing.key)

    def _plan_reviewers(self) -> None:
        local = self.rows.all("reviewer")
        by_id = {row["id"]: row for row in local}
        by_name = {row["name"]: row for row in local}
        key = self.standing.key
        self.owned_here = {row["id"] for row in local if row["public_key"] == key}
        for row in self.tables["reviewer"]:
            name = " ".join(row["name"].split())
            mine = by_id.get(row["id"]) or by_name.get(name)
            claims = self._claims_signer(row)
            if mine is None:
                if claims:
                    if not name:
                        raise InputError(f"cannot import {self.name}: one of its reviewers "
                                         "has no name; nothing was changed")
                    self.new_reviewers.append({**row, "name": name})
                    self._own(row["id"], row["id"])
                continue
            if mine["public_key"] is None:
                if claims:  # met here before keys existed: its first signed bundle binds it
                    if key is not None:
                        self.claims.append(mine["id"])
                    self._own(row["id"], mine["id"])
            elif mine["public_key"] == key:
                self._own(row["id"], mine["id"])
            elif claims:
                raise InputError(
                    f"cannot import {self.name}: it says {name!r} works with its "
                    f"signer's key, but this database knows {mine['name']!r} by another key "
                    f"({fingerprint(mine['public_key'])}); nothing was changed")

    def _own(self, bundle_id: str, local_id: str) -> None:
        self.owned.add(bundle_id)
        self.reviewers[bundle_id] = local_id
        self.owned_here.add(local_id)

    def _author(self, row: Mapping[str, Any]) -> str | None:
        """The local id of an owned row's author; None when the signer does not own it."""
        return self.reviewers.get(row["reviewer_id"])

    # -- Checking what the bundle would touch ---------------------------------------------

    def plan(self) -> None:
        self._plan_reviewers()
        tables = self.tables
        ids = {table: [row["id"] for row in tables[table]] for table in (
            "annotation", "reply", "suggestion", "tombstone", "reference", "recommendation",
            "claim_link", "evidence_link", "recommendation_event", "annotation_event")}
        items = sorted({*ids["annotation"], *ids["reply"], *ids["suggestion"],
                        *ids["tombstone"]})
        for table in ("annotation", "reply", "suggestion", "held_reply"):
            self.local[table] = {row["id"]: row for row in self.rows.where_in(table, "id",
                                                                              items)}
        for table in ("tombstone", "reference", "recommendation", "claim_link",
                      "evidence_link", "recommendation_event", "annotation_event"):
            self.local[table] = {row["id"]: row
                                 for row in self.rows.where_in(table, "id", ids[table])}
        parents = {row["annotation_id"] for row in self.local["reply"].values()}
        homes = {row["id"]: row["brief_id"]
                 for row in self.rows.where_in("annotation", "id", parents)}
        self.reply_briefs = {reply_id: homes.get(row["annotation_id"], "")
                             for reply_id, row in self.local["reply"].items()}
        self._check_items()
        self._check_tombstones()
        self._check_entries()

    def _refuse(self, kind: str, item_id: str, why: str) -> InputError:
        return InputError(f"cannot import {self.name}: its {_WORDS[kind]} {_short(item_id)} "
                          f"{why}; nothing was changed")

    def _elsewhere(self, item_id: str, kind: str) -> str | None:
        """The kind of another sort of item here with this id, if there is one."""
        for table in ("annotation", "reply", "suggestion", "held_reply"):
            if table != kind and not (kind == "reply" and table == "held_reply") \
                    and item_id in self.local[table]:
                return _WORDS[table]
        return None

    def _brief_here(self, table: str, item_id: str) -> str | None:
        row = self.local[table].get(item_id)
        if row is None:
            return None
        if table == "reply":
            return self.reply_briefs.get(item_id)
        return str(row["brief_id"])

    def _check_items(self) -> None:
        """An id may only name the same kind of item, on the same brief, by the same
        reviewer (for the signer's own work)."""
        annotations = self.annotation_of
        for kind in ("annotation", "reply", "suggestion"):
            for row in self.tables[kind]:
                item_id = row["id"]
                other = self._elsewhere(item_id, kind)
                if other is not None:
                    raise self._refuse(kind, item_id, f"has the id of {_a(other)} here")
                brief = (annotations[row["annotation_id"]]["brief_id"] if kind == "reply"
                         else row["brief_id"])
                mine = self.local[kind].get(item_id)
                if kind == "reply":
                    mine = mine or self.local["held_reply"].get(item_id)
                if mine is None:
                    continue
                if kind == "reply" and mine["annotation_id"] != row["annotation_id"]:
                    raise self._refuse(kind, item_id, "has the id of a reply to another "
                                                      "annotation here")
                here = (mine["brief_id"] if kind != "reply" or item_id not in self.local[kind]
                        else self.reply_briefs.get(item_id))
                if here != brief:
                    raise self._refuse(kind, item_id, "has the id of one on another brief "
                                                      "here")
                author = self._author(row)
                if author is not None and mine["reviewer_id"] != author:
                    raise self._refuse(kind, item_id, "has the id of one by another "
                                                      "reviewer here")

    def _check_tombstones(self) -> None:
        """A deletion names an item of its own kind on its own brief (by its author)."""
        for row in self.tables["tombstone"]:
            item_id, kind, brief = row["id"], row["kind"], row["brief_id"]
            mine = self.local["tombstone"].get(item_id)
            if mine is not None and (mine["kind"] != kind or mine["brief_id"] != brief):
                raise self._refuse("tombstone", item_id, "names another item than the "
                                                         "deletion of that id here")
            other = self._elsewhere(item_id, kind)
            if other is not None:
                raise self._refuse("tombstone", item_id, f"names {_a(other)} as "
                                                         f"{_a(_WORDS[kind])}")
            here = self._brief_here(kind, item_id)
            if here is not None and here != brief:
                raise self._refuse("tombstone", item_id, f"would delete {_a(_WORDS[kind])} "
                                                         "of another brief")
            # Whose the item is, by the item here or by its deletion here: a deletion by
            # its own author wins over none, and no deletion names another's item.
            author = self._tombstone_author(row)
            item = self.local[kind].get(item_id)
            known = (item["reviewer_id"] if item is not None
                     else mine["reviewer_id"] if mine is not None else None)
            if author is not None and known is not None and known != author:
                raise self._refuse("tombstone", item_id, f"would delete {_a(_WORDS[kind])} "
                                                         "by another reviewer")

    def _tombstone_author(self, row: Mapping[str, Any]) -> str | None:
        """The local id of the deleted item's author when the signer owns it, else None."""
        if row["reviewer_id"] is not None:
            return self.reviewers.get(row["reviewer_id"])
        item = self.local[row["kind"]].get(row["id"])  # a bundle of format 1
        if item is not None and item["reviewer_id"] in self.owned_here:
            return str(item["reviewer_id"])
        return None

    def _check_entries(self) -> None:
        """Reference entries, recommendations, links and history name the same thing here."""
        for table, parents in (("reference", ("brief_id",)), ("recommendation", ("brief_id",)),
                               ("claim_link", ("annotation_id", "reference_id")),
                               ("evidence_link", ("annotation_id", "recommendation_id")),
                               ("recommendation_event", ("recommendation_id",)),
                               ("annotation_event", ("annotation_id",))):
            for row in self.tables[table]:
                mine = self.local[table].get(row["id"])
                if mine is not None and any(mine[p] != row[p] for p in parents):
                    raise self._refuse(table, row["id"], "has the id of one that belongs to "
                                                         "something else here")

    # -- Merging --------------------------------------------------------------------------

    def run(self) -> MergeReport:
        before = self.rows.changes()
        self.plan()
        self._reviewers()
        self._briefs()
        self._tombstones()
        self._references()
        self._recommendations()
        self._tags_used()
        self._annotations()
        self._replies()
        self._suggestions()
        self._links()
        self._warn()
        self.report.changed = self.rows.changes() != before
        return self.report

    def _warn(self) -> None:
        report = self.report
        if report.times_from_the_future:
            report.warnings.append(
                f"{_count(report.times_from_the_future, 'time')} in {self.name} lay more "
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
                f"{self.standing.name} is not trusted here as a lead")

    def _reviewers(self) -> None:
        for local_id in self.claims:
            if self.standing.key is not None:
                self.tx.reviewers.set_key(local_id, self.standing.key)
        self.rows.insert("reviewer", self.new_reviewers)
        self.report.reviewers_added = len(self.new_reviewers)

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
        """Union of the signer's own tombstones (the earliest deletion time wins); each
        deletes the item it names when the item is its author's, on its brief."""
        added: list[dict[str, Any]] = []
        doomed: dict[str, list[str]] = {kind: [] for kind in TOMBSTONE_KINDS}
        for row in self.tables["tombstone"]:
            author = self._tombstone_author(row)
            mine = self.local["tombstone"].get(row["id"])
            item = self.local[row["kind"]].get(row["id"])
            if author is None:
                if mine is None or item is not None:
                    self.report.left_out += 1
                continue
            if mine is None:
                added.append({**row, "reviewer_id": author})
            elif row["deleted_at"] < as_utc(mine["deleted_at"]):
                self.rows.update("tombstone", row["id"], {"deleted_at": row["deleted_at"]})
            if item is not None:
                doomed[row["kind"]].append(row["id"])
        self.rows.insert("tombstone", added)
        self.report.tombstones_added = len(added)
        # Every deletion that holds here for the bundle's items: its own and this
        # database's (a deletion by another reviewer than the item's author holds nothing).
        items = [row["id"] for kind in TOMBSTONE_KINDS for row in self.tables[kind]]
        for row in self.rows.where_in("tombstone", "id", items):
            self.dead[row["id"]] = (row["brief_id"], row["reviewer_id"])
        self.report.annotations_deleted = self.rows.delete("annotation", doomed["annotation"])
        replies = doomed["reply"]
        self.report.replies_deleted = self.rows.delete("reply", replies)
        # Held replies that are deleted, or whose annotation is: they will never join it.
        owned = [row for row in self.tables["tombstone"]
                 if self._tombstone_author(row) is not None]
        gone_notes = {(row["id"], row["brief_id"]) for row in owned
                      if row["kind"] == "annotation"}
        waiting = self.rows.where_in("held_reply", "annotation_id",
                                     [note for note, _ in gone_notes])
        self.rows.delete("held_reply", [row["id"] for row in owned if row["kind"] == "reply"]
                         + [row["id"] for row in waiting
                            if (row["annotation_id"], row["brief_id"]) in gone_notes])
        self.report.suggestions_deleted = self.rows.delete("suggestion", doomed["suggestion"])

    def _is_dead(self, item_id: str, brief: str, author: str | None) -> bool:
        found = self.dead.get(item_id)
        return found is not None and found[0] == brief and found[1] in (None, author)

    def _blocks(self) -> set[str]:
        brief_ids = [b["id"] for b in self.tables["brief"]]
        return {row["id"] for row in self.rows.where_in("block", "brief_id", brief_ids)}

    def _references(self) -> None:
        references = self.tables["reference"]
        local = self.local["reference"]
        blocks = self._blocks()
        added = []
        for reference in references:
            mine = local.get(reference["id"])
            if mine is None:
                row = dict(reference)
                if row["block_id"] not in blocks:
                    row["block_id"] = None
                if not self.standing.decides and row["revision"]:
                    row.update(_UNDECIDED_REFERENCE)
                    self.report.decisions_left_out += 1
                added.append(row)
                continue
            ours = _values(mine, _REFERENCE_FIELDS)
            theirs = _values(reference, _REFERENCE_FIELDS)
            our_time, their_time = _moment(mine["modified"]), reference["modified"]
            if ours == theirs:
                if self.standing.decides:
                    self._catch_up("reference", mine, reference, our_time, their_time)
                continue
            if _wins((reference["revision"], their_time, theirs),
                     (mine["revision"], our_time, ours)):
                if not self.standing.decides:
                    self.report.decisions_left_out += 1
                    continue
                # Move the time first: the trigger that stamps a reviewer's check leaves an
                # update alone when it sets a time of its own.
                self.rows.update("reference", reference["id"], {"modified": _OLDEST})
                self.rows.update("reference", reference["id"],
                                 {**dict(zip(_REFERENCE_FIELDS, theirs, strict=True)),
                                  "modified": their_time, "revision": reference["revision"]})
                self.report.reference_checks += 1
        self.rows.insert("reference", added)
        self.report.references_added = len(added)

    def _catch_up(self, table: str, mine: Mapping[str, Any], theirs: Mapping[str, Any],
                  our_time: datetime | None, their_time: datetime | None) -> None:
        """The same content in both copies: keep the higher revision and (unless it was
        a time from the future) the later time, so every copy ends up the same."""
        values: dict[str, Any] = {}
        if theirs["revision"] > mine["revision"]:
            values["revision"] = theirs["revision"]
        if (their_time or _OLDEST) > (our_time or _OLDEST) \
                and (table, theirs["id"]) not in self.clamped.rows:
            values["modified"] = their_time
        if values:
            if table == "reference" and "modified" in values:
                self.rows.update(table, theirs["id"], {"modified": _OLDEST})
            self.rows.update(table, theirs["id"], values)

    def _recommendations(self) -> None:
        recommendations = self.tables["recommendation"]
        local = self.local["recommendation"]
        blocks = self._blocks()
        added = []
        for recommendation in recommendations:
            mine = local.get(recommendation["id"])
            if mine is None:
                row = dict(recommendation)
                if row["block_id"] not in blocks:
                    row["block_id"] = None
                if not self.standing.decides and row["revision"]:
                    row.update(_UNDECIDED_RECOMMENDATION)
                    self.report.decisions_left_out += 1
                added.append(row)
                continue
            ours = _values(mine, _RECOMMENDATION_FIELDS)
            theirs = _values(recommendation, _RECOMMENDATION_FIELDS)
            our_time, their_time = _moment(mine["modified"]), recommendation["modified"]
            if ours == theirs:
                if self.standing.decides:
                    self._catch_up("recommendation", mine, recommendation, our_time,
                                   their_time)
                continue
            if _wins((recommendation["revision"], their_time, theirs),
                     (mine["revision"], our_time, ours)):
                if not self.standing.decides:
                    self.report.decisions_left_out += 1
                    continue
                self.rows.update("recommendation", mine["id"],
                                 {**dict(zip(_RECOMMENDATION_FIELDS, theirs, strict=True)),
                                  "modified": their_time,
                                  "revision": recommendation["revision"]})
                self.report.recommendation_states += 1
        self.rows.insert("recommendation", added)
        self.report.recommendations_added = len(added)
        self._recommendation_events()

    def _recommendation_events(self) -> None:
        events = self.tables["recommendation_event"]
        present = self.local["recommendation_event"]
        new_events = []
        for event in events:
            if event["id"] in present:
                continue
            author = self._author(event)
            if not self.standing.decides or author is None:
                self.report.decisions_left_out += 1
                continue
            new_events.append({**event, "reviewer_id": author})
        self.rows.insert("recommendation_event", new_events)
        self.report.history_added = len(new_events)

    def _owned_annotation(self, annotation_id: str) -> bool:
        row = self.annotation_of.get(annotation_id)
        return row is not None and row["reviewer_id"] in self.owned

    def _tags_used(self) -> None:
        """Match each tag the signer's annotations use by id, else by path in the default
        codebook, else add it there (with its own id) under its parent's match: no tag is
        ever duplicated."""
        tags = self.tables["tag"]
        by_id = {tag["id"]: tag for tag in tags}
        wanted: set[str] = set()
        for annotation in self.tables["annotation"]:
            current = annotation["tag_id"] if annotation["reviewer_id"] in self.owned else None
            while current is not None and current not in wanted:
                wanted.add(current)
                current = by_id[current]["parent_id"]
        if not wanted:
            return
        used = [by_id[tag_id] for tag_id in wanted]
        codebook = ensure_default_codebook(self.tx)
        local_ids = {row["id"] for row in self.rows.all("tag")}
        local_paths = {path: tag_id for tag_id, path in tag_paths(
            [{"id": t.id, "name": t.name, "parent_id": t.parent_id}
             for t in codebook.tags], max_depth=None).items()}
        bundle_paths = tag_paths(tags, self.name)
        shortcuts: set[str | None] = {t.shortcut for t in codebook.tags if t.shortcut}
        added = 0
        for tag in sorted(used, key=lambda t: (bundle_paths[t["id"]].count(PATH_SEPARATOR),
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

    def _annotations(self) -> None:
        local = self.local["annotation"]
        mine_ids = []
        annotations = []
        for annotation in self.tables["annotation"]:
            author = self._author(annotation)
            if author is None:
                here = local.get(annotation["id"])
                if annotation["id"] not in self.dead and (
                        here is None or (annotation["revision"], annotation["modified"])
                        > (here["revision"], _moment(here["modified"]))):
                    self.report.left_out += 1
                continue
            if self._is_dead(annotation["id"], annotation["brief_id"], author):
                continue
            annotations.append((annotation, author))
            mine_ids.append(annotation["id"])
        ours_superseded = _superseded(self.rows.where_in("annotation_superseded",
                                                         "annotation_id", mine_ids))
        theirs_superseded = _superseded(self.tables["annotation_superseded"])
        local_tags = self.rows.all("tag")
        paths = tag_paths(local_tags, max_depth=None)
        shown = tag_paths(local_tags, fold=False, max_depth=None)
        events = [e for e in self.tables["annotation_event"]
                  if self._owned_annotation(e["annotation_id"])]
        # Every event these annotations have here: a merge meeting the same two versions
        # again derives the same event, which must not be recorded (or counted) twice.
        known_events = {row["id"] for row in self.rows.where_in(
            "annotation_event", "annotation_id", mine_ids)}
        known_events.update(self.local["annotation_event"])
        added: list[dict[str, Any]] = []
        new_events: list[dict[str, Any]] = []
        superseded: list[dict[str, Any]] = []
        for annotation, author in annotations:
            incoming = {**annotation, "reviewer_id": author,
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
                if their_time < our_time and annotation["revision"] <= mine["revision"]:
                    superseded.append({"annotation_id": mine["id"], "modified": their_time})
                self._catch_up("annotation", mine, incoming, our_time, their_time)
                continue
            take = _wins((incoming["revision"], their_time, _hashed(incoming, paths)),
                         (mine["revision"], our_time, _hashed(mine, paths)))
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
                                  "modified": their_time, "revision": incoming["revision"]})
                self.report.annotations_updated += 1
            else:
                self.report.annotations_unchanged += 1
                if their_time != our_time:
                    superseded.append({"annotation_id": mine["id"], "modified": their_time})
        self.rows.insert("annotation", added)
        self.report.annotations_added = len(added)
        alive = self._alive_annotations(mine_ids)
        superseded.extend(row for row in self.tables["annotation_superseded"]
                          if row["annotation_id"] in alive)
        self.rows.insert_new("annotation_superseded", superseded)
        new_events.extend(event for event in events if event["id"] not in known_events
                          and event["annotation_id"] in alive)
        self.rows.insert_new("annotation_event", new_events)
        self._release_held({row["id"] for row in added})

    def _alive_annotations(self, ids: Iterable[str]) -> dict[str, str]:
        """id -> brief of those of `ids` that are annotations here."""
        return self.rows.pairs_where_in("annotation", "id", "brief_id", "id", list(ids))

    def _release_held(self, annotation_ids: set[str]) -> None:
        """Replies that waited for these annotations join them."""
        held = self.rows.where_in("held_reply", "annotation_id", annotation_ids)
        if not held:
            return
        homes = self._alive_annotations(annotation_ids)
        joining = [{key: row[key] for key in ("id", "annotation_id", "reviewer_id", "text",
                                               "created")}
                   for row in held if homes.get(row["annotation_id"]) == row["brief_id"]
                   and not self._is_dead(row["id"], row["brief_id"], row["reviewer_id"])]
        self.rows.delete("held_reply", [row["id"] for row in joining])
        present = {row["id"] for row in self.rows.where_in("reply", "id",
                                                            [r["id"] for r in joining])}
        self.rows.insert("reply", [row for row in joining if row["id"] not in present])
        self.report.replies_added += len(joining)

    def _replies(self) -> None:
        replies = self.tables["reply"]
        present = set(self.local["reply"]) | set(self.local["held_reply"])
        homes = self._alive_annotations({r["annotation_id"] for r in replies})
        added, held = [], []
        for reply in replies:
            brief = self.annotation_of[reply["annotation_id"]]["brief_id"]
            author = self._author(reply)
            if reply["id"] in present:
                continue
            if author is None:
                if reply["id"] not in self.dead and reply["annotation_id"] not in self.dead:
                    self.report.left_out += 1
                continue
            if self._is_dead(reply["id"], brief, author):
                continue
            row = {**reply, "reviewer_id": author}
            if homes.get(reply["annotation_id"]) == brief:
                added.append(row)
            elif reply["annotation_id"] not in self.dead:
                held.append({**row, "brief_id": brief})
        self.rows.insert("reply", added)
        self.rows.insert("held_reply", held)
        self.report.replies_added += len(added)
        self.report.replies_held = len(held)

    def _suggestions(self) -> None:
        present = self.local["suggestion"]
        blocks = self._blocks()
        added, missing = [], 0
        for suggestion in self.tables["suggestion"]:
            if suggestion["id"] in present:
                continue
            author = self._author(suggestion)
            if author is None:
                if suggestion["id"] not in self.dead:
                    self.report.left_out += 1
                continue
            if self._is_dead(suggestion["id"], suggestion["brief_id"], author):
                continue
            if suggestion["block_id"] not in blocks:
                missing += 1
                continue
            added.append({**suggestion, "reviewer_id": author})
        if missing:
            self.report.warnings.append("suggested edits on paragraphs this database does "
                                        "not have were left out")
        self.rows.insert("suggestion", added)
        self.report.suggestions_added = len(added)

    def _links(self) -> None:
        for table, other in (("claim_link", "reference_id"),
                             ("evidence_link", "recommendation_id")):
            links = [link for link in self.tables[table]
                     if self._owned_annotation(link["annotation_id"])]
            alive = self._alive_annotations({link["annotation_id"] for link in links})
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


def _wins(theirs: tuple[int, datetime | None, Sequence[Any]],
          ours: tuple[int, datetime | None, Sequence[Any]]) -> bool:
    """Whether the bundle's version beats ours: the higher revision, then the later edit,
    then the larger hash of the content (the same answer in every copy, whichever side it
    is merged from)."""
    return ((theirs[0], theirs[1] or _OLDEST, _digest(theirs[2]))
            > (ours[0], ours[1] or _OLDEST, _digest(ours[2])))


def _digest(values: Iterable[Any]) -> str:
    text = json.dumps([_plain(value) for value in values], ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return time_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _moment(value: datetime | None) -> datetime | None:
    return None if value is None else as_utc(value).astimezone(UTC)


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
        "date": row["date"] or "",
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
                           time_text(loser_time)])
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


__all__ = ["BY_TABLE", "SOURCE_MERGE", "SOURCE_MERGE_TIE", "Clamped", "MergeReport",
           "Standing", "check_fits", "clamp_future_times", "merge"]
