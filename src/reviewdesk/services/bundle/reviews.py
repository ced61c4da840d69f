"""Merging the signer's own work: annotations (rival edits by the rule of bundle.merge,
with the values not kept written to the annotation's history), replies (held until their
annotation arrives), suggested edits and claim and evidence links. No bundle changes
another reviewer's work: that comes only in bundles they signed."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from reviewdesk.domain.ids import stable_id
from reviewdesk.domain.review import SuggestionStatus
from reviewdesk.services.bundle.format import tag_paths, time_text
from reviewdesk.services.bundle.merge import ANNOTATION_FIELDS, catch_up, moment, values, wins
from reviewdesk.services.bundle.plan import MergePlan
from reviewdesk.services.bundle.report import SOURCE_MERGE, SOURCE_MERGE_TIE


def merge_annotations(plan: MergePlan) -> None:
    """Add the signer's new annotations and settle rival versions of those here by the
    rule; the versions each copy replaced travel too (annotation_superseded), so that an
    older copy of the kept version is not taken for a rival edit."""
    owned = _owned_annotations(plan)
    merging = _Annotations(plan, [annotation["id"] for annotation, _ in owned])
    for annotation, author in owned:
        merging.merge(annotation, author)
    merging.finish()


def _owned_annotations(plan: MergePlan) -> list[tuple[dict[str, Any], str]]:
    """The signer's own annotations not deleted here, with their local authors; each
    newer version of another reviewer's annotation is counted as left out."""
    local = plan.local["annotation"]
    owned = []
    for annotation in plan.tables["annotation"]:
        author = plan.author(annotation)
        if author is None:
            here = local.get(annotation["id"])
            if annotation["id"] not in plan.dead and (
                    here is None or (annotation["revision"], annotation["modified"])
                    > (here["revision"], moment(here["modified"]))):
                plan.report.left_out += 1
            continue
        if plan.is_dead(annotation["id"], annotation["brief_id"], author):
            continue
        owned.append((annotation, author))
    return owned


class _Annotations:
    """The annotations of one merge: what each copy knows of them, and what is written."""

    def __init__(self, plan: MergePlan, mine_ids: list[str]) -> None:
        self.plan = plan
        self.mine_ids = mine_ids
        rows = plan.rows
        self.ours_superseded = _superseded(rows.where_in("annotation_superseded",
                                                         "annotation_id", mine_ids))
        self.theirs_superseded = _superseded(plan.tables["annotation_superseded"])
        local_tags = rows.all("tag")
        self.paths = tag_paths(local_tags, max_depth=None)
        self.shown = tag_paths(local_tags, fold=False, max_depth=None)
        self.events = [e for e in plan.tables["annotation_event"]
                       if plan.owned_annotation(e["annotation_id"])]
        # Every event these annotations have here: a merge meeting the same two versions
        # again derives the same event, which must not be recorded (or counted) twice.
        self.known_events = {row["id"] for row in rows.where_in(
            "annotation_event", "annotation_id", mine_ids)}
        self.known_events.update(plan.local["annotation_event"])
        self.added: list[dict[str, Any]] = []
        self.new_events: list[dict[str, Any]] = []
        self.superseded: list[dict[str, Any]] = []

    def merge(self, annotation: Mapping[str, Any], author: str) -> None:
        """Add one annotation, or settle it against the version here."""
        plan, report = self.plan, self.plan.report
        incoming = {**annotation, "reviewer_id": author,
                    "tag_id": plan.tags[annotation["tag_id"]] if annotation["tag_id"]
                    else None}
        mine = plan.local["annotation"].get(annotation["id"])
        if mine is None:
            self.added.append(incoming)
            return
        our_time, their_time = moment(mine["modified"]), incoming["modified"]
        assert our_time is not None
        ours = values(mine, ANNOTATION_FIELDS)
        theirs = values(incoming, ANNOTATION_FIELDS)
        if ours == theirs:
            report.annotations_unchanged += 1
            if their_time < our_time and annotation["revision"] <= mine["revision"]:
                self.superseded.append({"annotation_id": mine["id"], "modified": their_time})
            catch_up(plan, "annotation", mine, incoming, our_time, their_time)
            return
        take = wins((incoming["revision"], their_time, _hashed(incoming, self.paths)),
                    (mine["revision"], our_time, _hashed(mine, self.paths)))
        self._record_rival(incoming, mine, take, our_time == their_time)
        if take:
            plan.rows.update("annotation", mine["id"],
                             {**dict(zip(ANNOTATION_FIELDS, theirs, strict=True)),
                              "modified": their_time, "revision": incoming["revision"]})
            report.annotations_updated += 1
        else:
            report.annotations_unchanged += 1
            if their_time != our_time:
                self.superseded.append({"annotation_id": mine["id"], "modified": their_time})

    def _record_rival(self, incoming: Mapping[str, Any], mine: Mapping[str, Any],
                      take: bool, tie: bool) -> None:
        """Write to the history each field the version not kept differs in, when it was
        a rival edit: not an older copy of the kept version (which has it among the
        versions it replaced), nor the annotation as first made (never edited)."""
        winner, loser = (incoming, mine) if take else (mine, incoming)
        winner_history = (self.theirs_superseded if take else self.ours_superseded)[mine["id"]]
        loser_time = moment(loser["modified"])
        assert loser_time is not None
        if loser_time in winner_history or loser_time == moment(loser["created"]):
            return
        recorded = [event for event in _conflict_events(
                        winner, loser, self.paths, self.shown, loser_time, tie)
                    if event["id"] not in self.known_events]
        self.known_events.update(event["id"] for event in recorded)
        self.new_events.extend(recorded)
        self.plan.report.conflicts += bool(recorded)

    def finish(self) -> None:
        """Write the new annotations, the superseded versions and the history events of
        the annotations still here, and let held replies join their annotations."""
        plan = self.plan
        plan.rows.insert("annotation", self.added)
        plan.report.annotations_added = len(self.added)
        alive = plan.alive_annotations(self.mine_ids)
        self.superseded.extend(row for row in plan.tables["annotation_superseded"]
                               if row["annotation_id"] in alive)
        plan.rows.insert_new("annotation_superseded", self.superseded)
        self.new_events.extend(event for event in self.events
                               if event["id"] not in self.known_events
                               and event["annotation_id"] in alive)
        plan.rows.insert_new("annotation_event", self.new_events)
        _release_held(plan, {row["id"] for row in self.added})


def _release_held(plan: MergePlan, annotation_ids: set[str]) -> None:
    """Replies that waited for these annotations join them."""
    held = plan.rows.where_in("held_reply", "annotation_id", annotation_ids)
    if not held:
        return
    homes = plan.alive_annotations(annotation_ids)
    joining = [{key: row[key] for key in ("id", "annotation_id", "reviewer_id", "text",
                                           "created")}
               for row in held if homes.get(row["annotation_id"]) == row["brief_id"]
               and not plan.is_dead(row["id"], row["brief_id"], row["reviewer_id"])]
    plan.rows.delete("held_reply", [row["id"] for row in joining])
    present = {row["id"] for row in plan.rows.where_in("reply", "id",
                                                        [r["id"] for r in joining])}
    plan.rows.insert("reply", [row for row in joining if row["id"] not in present])
    plan.report.replies_added += len(joining)


def merge_replies(plan: MergePlan) -> None:
    """Add the signer's new replies; hold those whose annotation is not here yet."""
    replies = plan.tables["reply"]
    present = set(plan.local["reply"]) | set(plan.local["held_reply"])
    homes = plan.alive_annotations({r["annotation_id"] for r in replies})
    added, held = [], []
    for reply in replies:
        brief = plan.annotation_of[reply["annotation_id"]]["brief_id"]
        author = plan.author(reply)
        if reply["id"] in present:
            continue
        if author is None:
            if reply["id"] not in plan.dead and reply["annotation_id"] not in plan.dead:
                plan.report.left_out += 1
            continue
        if plan.is_dead(reply["id"], brief, author):
            continue
        row = {**reply, "reviewer_id": author}
        if homes.get(reply["annotation_id"]) == brief:
            added.append(row)
        elif reply["annotation_id"] not in plan.dead:
            held.append({**row, "brief_id": brief})
    plan.rows.insert("reply", added)
    plan.rows.insert("held_reply", held)
    plan.report.replies_added += len(added)
    plan.report.replies_held = len(held)


def merge_suggestions(plan: MergePlan) -> None:
    """Add the signer's new suggested edits, on the paragraphs this database has."""
    present = plan.local["suggestion"]
    blocks = plan.blocks()
    added, missing = [], 0
    for suggestion in plan.tables["suggestion"]:
        if suggestion["id"] in present:
            _take_decision(plan, present[suggestion["id"]], suggestion)
            continue
        author = plan.author(suggestion)
        if author is None:
            if suggestion["id"] not in plan.dead:
                plan.report.left_out += 1
            continue
        if plan.is_dead(suggestion["id"], suggestion["brief_id"], author):
            continue
        if suggestion["block_id"] not in blocks:
            missing += 1
            continue
        added.append({**suggestion, "reviewer_id": author})
    if missing:
        plan.report.warnings.append("suggested edits on paragraphs this database does "
                                    "not have were left out")
    plan.rows.insert("suggestion", added)
    plan.report.suggestions_added = len(added)


def _take_decision(plan: MergePlan, mine: dict[str, Any], theirs: dict[str, Any]) -> None:
    """A suggested edit still pending here takes the other copy's accept or reject; one
    decided here keeps its decision (a suggestion has no clock to say which came later)."""
    if mine["status"] == SuggestionStatus.PENDING.value \
            and theirs["status"] != SuggestionStatus.PENDING.value:
        plan.rows.update("suggestion", mine["id"], {"status": theirs["status"]})
        plan.report.suggestions_decided += 1


def merge_links(plan: MergePlan) -> None:
    """Add the claim and evidence links of the signer's annotations that are new here."""
    for table, other in (("claim_link", "reference_id"),
                         ("evidence_link", "recommendation_id")):
        links = [link for link in plan.tables[table]
                 if plan.owned_annotation(link["annotation_id"])]
        alive = plan.alive_annotations({link["annotation_id"] for link in links})
        others = {row["id"] for row in plan.rows.where_in(
            other.removesuffix("_id"), "id", [link[other] for link in links])}
        local = plan.rows.where_in(table, "annotation_id", sorted(alive))
        ids = {row["id"] for row in local}
        pairs = {(row["annotation_id"], row[other]) for row in local}
        added = []
        for link in links:
            pair = (link["annotation_id"], link[other])
            if (link["annotation_id"] in alive and link[other] in others
                    and link["id"] not in ids and pair not in pairs):
                added.append(link)
                pairs.add(pair)
        plan.rows.insert(table, added)
        plan.report.links_added += len(added)


def _hashed(row: Mapping[str, Any], paths: Mapping[str, str]) -> tuple[Any, ...]:
    """An annotation's edited fields as every copy sees them: its tag by path, not by id
    (two copies may know the same tag by different ids)."""
    return tuple(paths.get(row["tag_id"], row["tag_id"]) if name == "tag_id" and row[name]
                 else row[name] for name in ANNOTATION_FIELDS)


def _superseded(rows: Iterable[Mapping[str, Any]]) -> defaultdict[str, set[datetime]]:
    found: defaultdict[str, set[datetime]] = defaultdict(set)
    for row in rows:
        at = moment(row["modified"])
        assert at is not None
        found[row["annotation_id"]].add(at)
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
