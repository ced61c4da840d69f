"""Before a bundle is merged: its times from the future set to now, its briefs checked
against this database's, and a plan of what it may touch (its signer's own work, on its
own briefs), refused whole, naming the item, when an id names something else here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reviewdesk.domain.ids import FUTURE_SLACK
from reviewdesk.domain.trust import fingerprint
from reviewdesk.errors import InputError
from reviewdesk.services.bundle.format import MEMBERS, Bundle, Kind
from reviewdesk.services.bundle.report import MergeReport
from reviewdesk.services.bundle.signer import Standing
from reviewdesk.storage.repositories import Transaction

# Item kind -> the table its rows live in, for the words of a message.
_WORDS = {"annotation": "annotation", "reply": "reply", "suggestion": "suggested edit",
          "held_reply": "reply", "reference": "reference entry",
          "recommendation": "recommendation", "tombstone": "deletion",
          "claim_link": "claim link", "evidence_link": "evidence link",
          "recommendation_event": "recommendation history entry",
          "annotation_event": "annotation history entry"}


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
    rows = tx.bundle_rows
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


def _short(item_id: str) -> str:
    return item_id[:8]


def _a(word: str) -> str:
    """'an annotation', 'a reply'."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


class MergePlan:
    """What one merge of a checked bundle knows before it writes: whose work the signer
    owns, the rows here that the bundle's ids name, and the deletions that hold; with the
    report it fills. Built and checked in the merge's own transaction."""

    def __init__(self, tx: Transaction, bundle: Bundle, standing: Standing,
                 clamped: Clamped) -> None:
        self.tx = tx
        self.rows = tx.bundle_rows
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
        # Local rows named by the bundle's ids, by table (read once, in prepare()).
        self.local: dict[str, dict[str, dict[str, Any]]] = {}
        self.reply_briefs: dict[str, str] = {}  # local reply id -> its annotation's brief
        self.annotation_of: dict[str, dict[str, Any]] = {
            row["id"]: row for row in self.tables["annotation"]}
        # id -> (brief, local author or None) of each deletion that holds here.
        self.dead: dict[str, tuple[str, str | None]] = {}

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

    def author(self, row: Mapping[str, Any]) -> str | None:
        """The local id of an owned row's author; None when the signer does not own it."""
        return self.reviewers.get(row["reviewer_id"])

    def prepare(self) -> None:
        """Read the rows here that the bundle names, and refuse it if it would touch
        anything it may not (an item of another kind, brief or reviewer)."""
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
                author = self.author(row)
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
            author = self.tombstone_author(row)
            item = self.local[kind].get(item_id)
            known = (item["reviewer_id"] if item is not None
                     else mine["reviewer_id"] if mine is not None else None)
            if author is not None and known is not None and known != author:
                raise self._refuse("tombstone", item_id, f"would delete {_a(_WORDS[kind])} "
                                                         "by another reviewer")

    def tombstone_author(self, row: Mapping[str, Any]) -> str | None:
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

    def is_dead(self, item_id: str, brief: str, author: str | None) -> bool:
        """Whether a deletion that holds here (on that brief, by no one else) names it."""
        found = self.dead.get(item_id)
        return found is not None and found[0] == brief and found[1] in (None, author)

    def blocks(self) -> set[str]:
        """The ids of the blocks here of the bundle's briefs."""
        brief_ids = [b["id"] for b in self.tables["brief"]]
        return {row["id"] for row in self.rows.where_in("block", "brief_id", brief_ids)}

    def alive_annotations(self, ids: Iterable[str]) -> dict[str, str]:
        """id -> brief of those of `ids` that are annotations here."""
        return self.rows.pairs_where_in("annotation", "id", "brief_id", "id", list(ids))

    def owned_annotation(self, annotation_id: str) -> bool:
        """Whether the bundle's annotation of that id is the signer's own work."""
        row = self.annotation_of.get(annotation_id)
        return row is not None and row["reviewer_id"] in self.owned
