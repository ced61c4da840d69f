"""Review bundles: reviewers' databases built here, exchanged in every order, merged by id."""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import SQLModel
from tests.support.databases import copy_database

from reviewdesk.domain.findings import RecommendationStatus, ReferenceCheck
from reviewdesk.domain.ids import utc_now
from reviewdesk.errors import InputError, StoreError
from reviewdesk.services import bundles
from reviewdesk.services.annotations import (
    add_reply,
    create_annotation,
    delete_annotation,
    delete_reply,
    list_annotations,
    restore_annotation,
    restore_reply,
    update_annotation,
)
from reviewdesk.services.briefs import import_files, load_brief
from reviewdesk.services.bundles import (
    BundleReport,
    MergeReport,
    annotation_history,
    export_bundle,
    import_bundle,
)
from reviewdesk.services.codebooks import add_tag, default_codebook
from reviewdesk.services.tracking import (
    link_claim,
    link_evidence,
    recommendation_history,
    recommendations_of,
    references_of,
    restore_suggestion,
    set_reference_check,
    suggest_edit,
    suggestions_of,
    update_recommendation,
    withdraw_suggestion,
)
from reviewdesk.services.versions import import_version
from reviewdesk.storage.store import Store

RAIL_MD = """\
# Valley Rail Freight Outlook

## Introduction

Freight volumes on the valley line fell in 2023 after the bridge closure.
Shippers moved grain to trucks, and road repairs cost the districts more.

## Indicators of change

- In April 2024 the rail authority reopened the north bridge.
- Two grain cooperatives signed five-year rail contracts in May 2024.

## Recommendations

1. The rail authority should publish monthly freight figures.
2. The districts should share road repair costs with shippers.

## References

- Valley Rail Authority. (2024, April 2). Bridge reopening notice. https://example.org/bridge
- Grain Cooperative Union. (2024). Annual report.
"""

# The same brief a year on: one indicator reworded, one added.
RAIL_V2_MD = RAIL_MD.replace(
    "- Two grain cooperatives signed five-year rail contracts in May 2024.",
    "- Three grain cooperatives signed five-year rail contracts in May 2024.\n"
    "- A timber mill asked for a siding in June 2024.")

SPANS = ("Freight volumes", "bridge closure", "Shippers moved grain", "road repairs",
         "north bridge", "grain cooperatives", "monthly freight figures")


# ---------------------------------------------------------------------------------------
# Building reviewers' databases


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _span(store: Store, brief_id: str, words: str) -> tuple[int, int]:
    start = load_brief(store, brief_id).text.index(words)
    return start, start + len(words)


def _tag(store: Store, path: str) -> str:
    codebook = default_codebook(store)
    tag = codebook.find(path)
    assert tag is not None, path
    return tag.id


def _annotate(store: Store, brief_id: str, words: str, comment: str, reviewer: str,
              tag: str | None = "Indicator") -> str:
    return create_annotation(store, brief_id, *_span(store, brief_id, words),
                             tag_id=_tag(store, tag) if tag else None, comment=comment,
                             reviewer=reviewer).id


@dataclass
class Team:
    """Reviewers' databases that share one brief: the first imported it, the others got it
    from the first one's bundle, so its ids match everywhere."""

    folder: Path
    stores: dict[str, Store]
    brief_id: str
    shared: list[str] = field(default_factory=list)  # annotation ids every copy has

    def bundle(self, name: str, label: str = "") -> Path:
        target = self.folder / f"{name}{label}.rdbundle"
        export_bundle(self.stores[name], [], target)
        return target

    def close(self) -> None:
        for store in self.stores.values():
            store.close()


def _team(folder: Path, names: tuple[str, ...] = ("ann", "bob")) -> Team:
    folder.mkdir(parents=True, exist_ok=True)
    first = Store(folder / f"{names[0]}.sqlite3")
    brief_id = import_files(first, [_write(folder / "rail.md", RAIL_MD)])[0].id
    shared = [_annotate(first, brief_id, "bridge closure", "When exactly?", "Ann Ashby"),
              _annotate(first, brief_id, "north bridge", "Confirm the date", "Ann Ashby",
                        tag="Indicator › economic"),
              _annotate(first, brief_id, "road repairs", "", "Ann Ashby", tag=None)]
    add_reply(first, shared[0], "It closed in March.", reviewer="Ann Ashby")
    seed = folder / "seed.rdbundle"
    export_bundle(first, [], seed)
    stores = {names[0]: first}
    for name in names[1:]:
        stores[name] = Store(folder / f"{name}.sqlite3")
        import_bundle(stores[name], seed)
    return Team(folder, stores, brief_id, shared)


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    made = _team(tmp_path / "team")
    yield made
    made.close()


# ---------------------------------------------------------------------------------------
# A canonical dump: the content of a store, with nothing that may differ between equal
# copies (tags by path, reviewers by name, source files by checksum, links by their ends)


def dump(path: Path, history: bool = True) -> dict[str, Any]:
    connection = sqlite3.connect(path)
    try:
        def rows(sql: str) -> list[tuple[Any, ...]]:
            return sorted((tuple(row) for row in connection.execute(sql)), key=repr)

        tags = {id_: (name, parent) for id_, name, parent in
                connection.execute("SELECT id, name, parent_id FROM tag")}

        def path_of(tag_id: str | None) -> str | None:
            names = []
            while tag_id is not None:
                name, tag_id = tags[tag_id]
                names.append(name)
            return " › ".join(reversed(names)) or None

        reviewers = dict(connection.execute("SELECT id, name FROM reviewer"))
        annotations = [(id_, brief, path_of(tag), reviewers[who], *rest) for id_, brief, tag,
                       who, *rest in rows(
            "SELECT id, brief_id, tag_id, reviewer_id, comment, status, exact, prefix, suffix, "
            "start, \"end\", created, modified, anchor_state, anchor_score, carried_from "
            "FROM annotation")]
        content: dict[str, Any] = {
            "briefs": rows("SELECT b.id, b.title, b.source_format, b.text, b.imported_at, "
                           "b.version_of, b.version, s.sha256, s.filename, s.data FROM brief b "
                           "LEFT JOIN source_file s ON s.id = b.source_file_id"),
            "sections": rows("SELECT * FROM section"),
            "blocks": rows("SELECT * FROM block"),
            "annotations": sorted(annotations, key=repr),
            "replies": sorted(((id_, note, reviewers[who], text, at) for id_, note, who, text, at
                               in rows("SELECT * FROM reply")), key=repr),
            "suggestions": sorted(((id_, brief, block, reviewers[who], *rest) for id_, brief,
                                   block, who, *rest in rows("SELECT * FROM suggestion")),
                                  key=repr),
            "references": rows("SELECT * FROM reference"),
            "recommendations": rows("SELECT * FROM recommendation"),
            "recommendation_events": sorted(
                ((id_, rec, reviewers[who], *rest) for id_, rec, who, *rest in
                 rows("SELECT * FROM recommendation_event")), key=repr),
            "claim_links": rows("SELECT annotation_id, reference_id, created FROM claim_link"),
            "evidence_links": rows("SELECT annotation_id, recommendation_id, created "
                                   "FROM evidence_link"),
            "tombstones": rows("SELECT * FROM tombstone"),
            "reviewers": sorted(reviewers.values()),
            "tag_paths": sorted({path_of(tag) for tag in tags} - {None}),
        }
        if history:
            content["annotation_events"] = rows("SELECT * FROM annotation_event")
        return content
    finally:
        connection.close()


def _backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.*.bak"))


# ---------------------------------------------------------------------------------------
# A brief travels whole, with the same ids


def test_a_bundle_recreates_briefs_and_their_review_exactly(tmp_path: Path) -> None:
    with Store(tmp_path / "lead.sqlite3") as lead:
        brief_id = import_files(lead, [_write(tmp_path / "rail.md", RAIL_MD)])[0].id
        note = _annotate(lead, brief_id, "bridge closure", "When?", "Ann Ashby")
        add_reply(lead, note, "March.", reviewer="Bob Brandt")
        [reference, _] = [t.reference for t in references_of(lead, brief_id)]
        [recommendation, _] = [t.recommendation for t in recommendations_of(lead, brief_id)]
        set_reference_check(lead, reference.id, ReferenceCheck.VERIFIED, note="Found it")
        update_recommendation(lead, recommendation.id, reviewer="Ann Ashby",
                              status=RecommendationStatus.ACCEPTED, owner="Rail desk")
        link_claim(lead, note, reference.id)
        link_evidence(lead, note, recommendation.id)
        suggest_edit(lead, brief_id, *_span(lead, brief_id, "fell"), "dropped",
                     reviewer="Bob Brandt")
        gone = _annotate(lead, brief_id, "road repairs", "", "Ann Ashby")
        delete_annotation(lead, gone)
        version = import_version(lead, _write(tmp_path / "rail-v2.md", RAIL_V2_MD),
                                 brief_id)
        bundle = tmp_path / "all.rdbundle"
        # Naming one version bundles the whole family.
        report = export_bundle(lead, [version.id], bundle)
    assert isinstance(report, BundleReport)
    assert (report.briefs, report.annotations, report.replies, report.suggestions,
            report.tombstones) == (2, 2, 2, 1, 1)

    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["format"] == "reviewdesk-bundle" and manifest["version"] == 1
        assert set(manifest["files"]) == names - {"manifest.json"}
        for name, digest in manifest["files"].items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    assert {"briefs.json", "annotations.json", "tombstones.json"} <= names
    assert sum(name.startswith("sources/") for name in names) == 2

    with Store(tmp_path / "fresh.sqlite3") as fresh:
        merged = import_bundle(fresh, bundle)
        assert isinstance(merged, MergeReport)
        assert (merged.briefs_added, merged.annotations_added, merged.replies_added,
                merged.suggestions_added, merged.links_added, merged.tombstones_added) == (
            2, 2, 2, 1, 4, 1)
        copy = load_brief(fresh, version.id)
        assert (copy.version, copy.version_of) == (2, brief_id)
        assert len(recommendation_history(fresh, recommendation.id)) == 2
    assert dump(tmp_path / "fresh.sqlite3") == dump(tmp_path / "lead.sqlite3")


def test_every_column_of_a_bundled_table_travels() -> None:
    """A new column must be given a place in the format (or a new format version)."""
    for member in bundles._MEMBERS:
        columns = set(SQLModel.metadata.tables[member.table].columns.keys())
        expected = columns - {"source_file_id"} if member.table == "brief" else columns
        assert set(member.keys) == expected, member.table


def test_importing_a_bundle_twice_changes_nothing(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    _annotate(bob, team.brief_id, "grain cooperatives", "Which ones?", "Bob Brandt")
    bundle = team.bundle("bob")
    first = import_bundle(ann, bundle)
    assert first.changed and first.annotations_added == 1 and first.backup is not None
    after_first = dump(ann.path)
    backups = _backups(ann.path)
    second = import_bundle(ann, bundle)
    assert not second.changed and second.backup is None
    assert (second.annotations_added, second.annotations_updated,
            second.annotations_unchanged) == (0, 0, 4)
    assert dump(ann.path) == after_first
    assert _backups(ann.path) == backups
    # A bundle of a database's own content is nothing new to it either.
    assert not import_bundle(bob, bundle).changed


def test_a_copy_of_the_database_is_made_before_a_merge(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    _annotate(bob, team.brief_id, "grain cooperatives", "Which ones?", "Bob Brandt")
    before = dump(ann.path)
    for old in _backups(ann.path):
        old.unlink()
    report = import_bundle(ann, team.bundle("bob"))
    assert report.backup is not None and _backups(ann.path) == [report.backup]
    assert dump(report.backup) == before
    assert dump(ann.path) != before


# ---------------------------------------------------------------------------------------
# Two reviewers, both orders


def _two_sided_work(team: Team) -> dict[str, str]:
    """Edits and deletions on both sides, some of the same items."""
    ann, bob = team.stores["ann"], team.stores["bob"]
    closure, bridge, repairs = team.shared
    ids = {"ann_new": _annotate(ann, team.brief_id, "Shippers moved grain", "Why?",
                                "Ann Ashby"),
           "bob_new": _annotate(bob, team.brief_id, "grain cooperatives", "Which ones?",
                                "Bob Brandt", tag="Claim")}
    update_annotation(ann, closure, comment="Ann: March 2023?")
    update_annotation(bob, closure, comment="Bob: it was February", status="resolved")
    update_annotation(bob, bridge, comment="Bob confirmed the date")  # only Bob edits it
    delete_annotation(ann, repairs)
    update_annotation(bob, repairs, comment="Bob edits what Ann deleted")
    add_reply(bob, closure, "Bob replies.", reviewer="Bob Brandt")
    ids["bob_suggestion"] = suggest_edit(bob, team.brief_id,
                                         *_span(bob, team.brief_id, "fell"), "dropped",
                                         reviewer="Bob Brandt").id
    [reference, second] = [t.reference for t in references_of(ann, team.brief_id)]
    set_reference_check(ann, reference.id, ReferenceCheck.VERIFIED)
    set_reference_check(bob, reference.id, ReferenceCheck.PROBLEM, note="Dead link")
    set_reference_check(bob, second.id, ReferenceCheck.VERIFIED)
    [recommendation, _] = [t.recommendation for t in recommendations_of(ann, team.brief_id)]
    update_recommendation(bob, recommendation.id, reviewer="Bob Brandt", status="rejected")
    update_recommendation(ann, recommendation.id, reviewer="Ann Ashby", status="accepted",
                          owner="Rail desk")
    link_claim(bob, ids["bob_new"], second.id)
    ids.update(reference=reference.id, recommendation=recommendation.id)
    return ids


def test_two_reviewers_merged_in_either_order_agree(team: Team) -> None:
    ids = _two_sided_work(team)
    closure, bridge, repairs = team.shared
    ann_bundle, bob_bundle = team.bundle("ann"), team.bundle("bob")
    team.close()
    ann_path, bob_path = team.stores["ann"].path, team.stores["bob"].path
    with Store(ann_path) as ann:
        into_ann = import_bundle(ann, bob_bundle)
    with Store(bob_path) as bob:
        into_bob = import_bundle(bob, ann_bundle)
    assert dump(ann_path) == dump(bob_path)

    assert (into_ann.annotations_added, into_ann.annotations_updated,
            into_ann.annotations_deleted) == (1, 2, 0)  # Bob's note; closure, bridge
    assert (into_bob.annotations_added, into_bob.annotations_deleted) == (1, 1)
    assert into_ann.conflicts == into_bob.conflicts == 1  # the closure, edited by both
    assert into_ann.suggestions_added == 1 and into_ann.links_added == 1
    # Bob checked both references after Ann: his checks win in both copies.
    assert into_ann.reference_checks == 2 and into_bob.reference_checks == 0
    assert into_bob.recommendation_states == 1

    with Store(ann_path) as ann:
        notes = {note.id: note for note in list_annotations(ann, team.brief_id)}
        assert repairs not in notes  # the deletion beat Bob's later edit
        assert set(notes) == {closure, bridge, ids["ann_new"], ids["bob_new"]}
        # Bob edited the closure note last: his edit is kept, Ann's is in its history.
        assert (notes[closure].comment, notes[closure].status) == ("Bob: it was February",
                                                                   "resolved")
        assert [r.text for r in notes[closure].replies] == ["It closed in March.",
                                                            "Bob replies."]
        assert notes[bridge].comment == "Bob confirmed the date"
        history = annotation_history(ann, closure)
        assert [(e.field, e.value_kept, e.value_other, e.source) for e in history] == [
            ("comment", "Bob: it was February", "Ann: March 2023?", "merge"),
            ("status", "resolved", "open", "merge")]
        assert annotation_history(ann, bridge) == []  # only Bob edited it: no conflict
        checks = {t.reference.id: t.reference for t in references_of(ann, team.brief_id)}
        assert (checks[ids["reference"]].check, checks[ids["reference"]].note) == (
            ReferenceCheck.PROBLEM, "Dead link")
        [tracked, _] = recommendations_of(ann, team.brief_id)
        assert (tracked.recommendation.status, tracked.recommendation.owner) == (
            RecommendationStatus.ACCEPTED, "Rail desk")
        # Both reviewers' changes stay in the recommendation's history.
        assert {e.new for e in recommendation_history(ann, ids["recommendation"])} >= {
            "rejected", "accepted"}

    # Exchanging again changes nothing on either side.
    for path in (ann_path, bob_path):
        with Store(path) as store:
            assert not import_bundle(store, ann_bundle).changed
            assert not import_bundle(store, bob_bundle).changed


def test_an_older_copy_is_not_a_conflict(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    closure = team.shared[0]
    update_annotation(ann, closure, comment="Ann's edit")
    import_bundle(bob, team.bundle("ann", "-1"))
    update_annotation(bob, closure, comment="Bob builds on Ann's edit")
    report = import_bundle(ann, team.bundle("bob", "-1"))
    assert report.annotations_updated == 1 and report.conflicts == 0
    assert annotation_history(ann, closure) == []
    # ... and Bob's copy, which has the later version, keeps it without a conflict too.
    back = import_bundle(bob, team.bundle("ann", "-2"))
    assert not back.changed and back.conflicts == 0
    assert dump(ann.path) == dump(bob.path)


def test_a_tie_is_broken_the_same_way_in_both_copies(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    closure = team.shared[0]
    update_annotation(ann, closure, comment="Ann at the same moment")
    update_annotation(bob, closure, comment="Bob at the same moment")
    moment = (utc_now() + timedelta(minutes=1)).replace(tzinfo=None)
    for store in (ann, bob):
        connection = sqlite3.connect(store.path)
        connection.execute("UPDATE annotation SET modified = ? WHERE id = ?",
                           (moment.isoformat(sep=" ", timespec="microseconds"), closure))
        connection.commit()
        connection.close()
    ann_bundle, bob_bundle = team.bundle("ann"), team.bundle("bob")
    assert import_bundle(ann, bob_bundle).conflicts == 1
    assert import_bundle(bob, ann_bundle).conflicts == 1
    assert dump(ann.path) == dump(bob.path)
    [event] = annotation_history(ann, closure)
    assert event.source == "merge-tie" and event.field == "comment"


def test_deleting_writes_a_tombstone_and_undo_removes_it(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    closure, bridge, _ = team.shared
    reply = add_reply(ann, bridge, "A reply to take back.", reviewer="Ann Ashby")
    suggestion = suggest_edit(ann, team.brief_id, *_span(ann, team.brief_id, "fell"),
                              "dropped", reviewer="Ann Ashby")
    removed = delete_annotation(ann, closure)
    delete_reply(ann, reply.id)
    withdraw_suggestion(ann, suggestion.id)

    def tombstones() -> set[tuple[str, str]]:
        connection = sqlite3.connect(ann.path)
        try:
            return set(connection.execute("SELECT id, kind FROM tombstone"))
        finally:
            connection.close()

    assert tombstones() == {(closure, "annotation"), (reply.id, "reply"),
                            (suggestion.id, "suggestion")}
    restore_annotation(ann, removed)
    restore_reply(ann, reply)
    restore_suggestion(ann, suggestion)
    assert tombstones() == set()

    # Deleted for good this time: the deletions reach Bob, replies of the note with it.
    delete_reply(ann, reply.id)
    withdraw_suggestion(ann, suggestion.id)
    delete_annotation(ann, closure)
    import_bundle(bob, team.bundle("ann"))
    report = import_bundle(bob, team.bundle("ann", "-again"))
    assert not report.changed
    with Store(bob.path) as again:
        assert closure not in {n.id for n in list_annotations(again, team.brief_id)}
        assert suggestions_of(again, team.brief_id) == []
    assert dump(ann.path) == dump(bob.path)


def test_a_tombstone_beats_an_edit_made_after_it(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    bridge = team.shared[1]
    delete_annotation(bob, bridge)
    update_annotation(ann, bridge, comment="Edited after Bob deleted it")
    add_reply(ann, bridge, "And replied to.", reviewer="Ann Ashby")
    into_ann = import_bundle(ann, team.bundle("bob"))
    into_bob = import_bundle(bob, team.bundle("ann"))
    assert into_ann.annotations_deleted == 1
    assert into_bob.annotations_added == 0 and into_bob.replies_added == 0
    assert bridge not in {n.id for n in list_annotations(ann, team.brief_id)}
    assert dump(ann.path) == dump(bob.path)


def _reference_row(store: Store, reference_id: str) -> tuple[str, str, str | None]:
    connection = sqlite3.connect(store.path)
    try:
        row = connection.execute("SELECT check_status, note, modified FROM reference "
                                 "WHERE id = ?", (reference_id,)).fetchone()
        return (row[0], row[1], row[2])
    finally:
        connection.close()


def test_reference_checks_keep_the_later_check_by_its_time(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    [reference, _] = [t.reference for t in references_of(ann, team.brief_id)]
    assert _reference_row(ann, reference.id)[2] is None  # never checked: no time
    set_reference_check(bob, reference.id, ReferenceCheck.PROBLEM, note="Bob: dead link")
    set_reference_check(ann, reference.id, ReferenceCheck.VERIFIED, note="Ann: archived copy")
    stamped = _reference_row(ann, reference.id)
    assert stamped[2] is not None  # a check stamps its time, whoever writes it
    assert stamped[2] > _reference_row(bob, reference.id)[2]  # type: ignore[operator]
    into_bob = import_bundle(bob, team.bundle("ann"))
    into_ann = import_bundle(ann, team.bundle("bob"))
    assert (into_bob.reference_checks, into_ann.reference_checks) == (1, 0)
    # Ann checked last: her check and its time, in both copies (the merge kept the time).
    assert _reference_row(bob, reference.id) == _reference_row(ann, reference.id) == stamped
    assert dump(ann.path) == dump(bob.path)


def test_a_later_version_joins_the_brief_a_reviewer_already_has(team: Team,
                                                                 tmp_path: Path) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    _annotate(bob, team.brief_id, "grain cooperatives", "Bob on version 1", "Bob Brandt")
    version = import_version(ann, _write(tmp_path / "rail-v2.md", RAIL_V2_MD), team.brief_id)
    assert version.counts.annotations == 3  # Ann's notes, carried to version 2
    report = import_bundle(bob, team.bundle("ann"))
    assert (report.briefs_added, report.briefs_present) == (1, 1)
    assert report.annotations_added == 3
    second = load_brief(bob, version.id)
    assert (second.version, second.version_of) == (2, team.brief_id)
    import_bundle(ann, team.bundle("bob"))
    assert dump(ann.path) == dump(bob.path)
    # Bob's note stays on the version he made it on.
    assert "Bob on version 1" in {n.comment for n in list_annotations(ann, team.brief_id)}
    # A version made in both copies from different files is kept twice, with a warning.
    import_version(bob, _write(tmp_path / "rail-v3.md", RAIL_V2_MD + "\nBob's file.\n"),
                   version.id)
    import_version(ann, _write(tmp_path / "rail-v3b.md", RAIL_V2_MD + "\nAnn's file.\n"),
                   version.id)
    again = import_bundle(ann, team.bundle("bob", "-v3"))
    assert again.briefs_added == 1
    assert any("version 3" in warning for warning in again.warnings)


def test_a_copy_that_cannot_be_made_stops_the_merge(team: Team,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    _annotate(bob, team.brief_id, "grain cooperatives", "Which ones?", "Bob Brandt")
    bundle = team.bundle("bob")
    before = dump(ann.path)

    def full_disk(path: Path, label: str) -> Path:
        (path.parent / f"{path.name}.{label}-20250101T000000Z.bak").write_bytes(b"partial")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(bundles, "backup_copy", full_disk)
    with pytest.raises(StoreError, match="is full; free some space") as raised:
        import_bundle(ann, bundle)
    assert "nothing was changed" in str(raised.value)
    assert dump(ann.path) == before
    assert _backups(ann.path) == []


# ---------------------------------------------------------------------------------------
# Three reviewers, every order


def _three_sided_work(team: Team) -> None:
    ann, bob, cy = (team.stores[name] for name in ("ann", "bob", "cy"))
    closure, bridge, repairs = team.shared
    _annotate(ann, team.brief_id, "Freight volumes", "Source?", "Ann Ashby")
    _annotate(bob, team.brief_id, "grain cooperatives", "Which?", "Bob Brandt", tag="Claim")
    _annotate(cy, team.brief_id, "monthly freight figures", "Feasible?", "Cy Chen")
    update_annotation(ann, closure, comment="Ann")
    update_annotation(bob, closure, comment="Bob")
    update_annotation(cy, closure, comment="Cy", status="resolved")
    update_annotation(cy, bridge, comment="Cy on the bridge")
    delete_annotation(bob, repairs)
    update_annotation(cy, repairs, comment="Cy edits the deleted note")
    add_reply(cy, bridge, "Cy replies.", reviewer="Cy Chen")
    [reference, _] = [t.reference for t in references_of(ann, team.brief_id)]
    set_reference_check(cy, reference.id, ReferenceCheck.PROBLEM)
    set_reference_check(ann, reference.id, ReferenceCheck.VERIFIED, note="Ann checked")


def test_three_reviewers_exchanged_in_every_order_agree(tmp_path: Path) -> None:
    team = _team(tmp_path / "team", ("ann", "bob", "cy"))
    _three_sided_work(team)
    names = tuple(team.stores)
    bundle_of = {name: team.bundle(name) for name in names}
    team.close()
    results = []
    for order in itertools.permutations(names):
        base, *others = order
        path = copy_database(team.stores[base].path, tmp_path / f"{'-'.join(order)}.sqlite3")
        with Store(path) as store:
            for other in others:
                import_bundle(store, bundle_of[other])
        results.append((order, path))
    reference = dump(results[0][1], history=False)
    for order, path in results[1:]:
        assert dump(path, history=False) == reference, order
    with Store(results[0][1]) as merged:
        notes = {n.id: n for n in list_annotations(merged, team.brief_id)}
        closure, bridge, repairs = team.shared
        assert repairs not in notes
        assert (notes[closure].comment, notes[closure].status) == ("Cy", "resolved")
        assert notes[bridge].comment == "Cy on the bridge"
        assert len(notes) == 5
        [first, _] = [t.reference for t in references_of(merged, team.brief_id)]
        assert (first.check, first.note) == (ReferenceCheck.VERIFIED, "Ann checked")

    # The history of rival edits depends on the order they met; one more round of
    # exchange gives every copy all of it.
    again = []
    for _, path in results:
        with Store(path) as store:
            again.append(export_bundle(store, [], path.with_suffix(".rdbundle")).path)
    for _, path in results:
        with Store(path) as store:
            for bundle in again:
                import_bundle(store, bundle)
    full = dump(results[0][1])
    assert full["annotation_events"]
    for order, path in results[1:]:
        assert dump(path) == full, order


# ---------------------------------------------------------------------------------------
# Tags and reviewers


def test_tags_are_matched_by_id_then_path_and_never_duplicated(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    # Each reviewer makes "Theme › freight" on their own (other ids, same path)...
    for store in (ann, bob):
        theme = add_tag(store, "Theme", "#3366cc")
        add_tag(store, "freight", "#6699ff", parent_id=theme.id)
    _annotate(ann, team.brief_id, "Freight volumes", "", "Ann Ashby", tag="Theme › freight")
    _annotate(bob, team.brief_id, "monthly freight figures", "", "Bob Brandt",
              tag="theme/FREIGHT")
    # ... and Bob one that Ann does not have.
    routes = add_tag(bob, "Routes", "#00aa00", shortcut="8")
    _annotate(bob, team.brief_id, "north bridge", "", "Bob Brandt", tag="Routes")
    before = len(default_codebook(ann).tags)
    report = import_bundle(ann, team.bundle("bob"))
    assert report.tags_added == 1
    codebook = default_codebook(ann)
    assert len(codebook.tags) == before + 1
    paths = [codebook.path(tag) for tag in codebook.tags]
    assert len(paths) == len(set(paths))
    added = codebook.by_id(routes.id)
    assert added is not None and (added.name, added.shortcut) == ("Routes", "8")
    # Positions still walk the tree depth-first.
    assert [t.position for t in codebook.tags] == list(range(len(codebook.tags)))
    import_bundle(bob, team.bundle("ann"))
    assert dump(ann.path) == dump(bob.path)
    assert len(default_codebook(bob).tags) == len(codebook.tags)


def test_reviewers_are_matched_by_name(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    # Both databases meet "Dee Dunn" on their own: two ids for one person.
    _annotate(ann, team.brief_id, "Freight volumes", "", "Dee Dunn")
    _annotate(bob, team.brief_id, "north bridge", "", "Dee Dunn")
    report = import_bundle(ann, team.bundle("bob"))
    assert report.reviewers_added == 0  # Bob's "Dee Dunn" is Ann's
    connection = sqlite3.connect(ann.path)
    names = [name for (name,) in connection.execute("SELECT name FROM reviewer")]
    connection.close()
    assert sorted(names) == sorted(set(names))
    assert {n.reviewer for n in list_annotations(ann, team.brief_id)} >= {"Dee Dunn"}


# ---------------------------------------------------------------------------------------
# Briefs that are already here, or nearly


def test_a_brief_imported_separately_is_added_beside_it_with_a_warning(
        tmp_path: Path) -> None:
    source = _write(tmp_path / "rail.md", RAIL_MD)
    with Store(tmp_path / "a.sqlite3") as first, Store(tmp_path / "b.sqlite3") as second:
        import_files(first, [source])
        import_files(second, [source])
        export_bundle(first, [], tmp_path / "a.rdbundle")
        report = import_bundle(second, tmp_path / "a.rdbundle")
        assert report.briefs_added == 1 and len(report.warnings) == 1
        assert "under another id" in report.warnings[0]
        assert len(import_files(second, [source])) == 1  # still one source file


def test_a_brief_with_the_same_id_but_other_text_is_refused(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    connection = sqlite3.connect(bob.path)
    connection.execute("UPDATE brief SET text = text || ' (edited by hand)'")
    connection.commit()
    connection.close()
    before = dump(ann.path)
    with pytest.raises(InputError, match="not the same text"):
        import_bundle(ann, team.bundle("bob"))
    assert dump(ann.path) == before


# ---------------------------------------------------------------------------------------
# Damaged, truncated, foreign and future bundles change nothing


def _rewrite(bundle: Path, target: Path, *, manifest: dict[str, Any] | None = None,
             replace: dict[str, bytes] | None = None, fix_checksums: bool = False) -> Path:
    with zipfile.ZipFile(bundle) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members.update(replace or {})
    data = json.loads(members["manifest.json"])
    if fix_checksums:
        data["files"] = {name: hashlib.sha256(content).hexdigest()
                         for name, content in members.items() if name != "manifest.json"}
    data.update(manifest or {})
    members["manifest.json"] = json.dumps(data).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    target.write_bytes(buffer.getvalue())
    return target


def _annotations_with(bundle: Path, **change: Any) -> bytes:
    with zipfile.ZipFile(bundle) as archive:
        rows = json.loads(archive.read("annotations.json"))
    rows[0].update(change)
    return json.dumps(rows).encode()


@pytest.fixture
def bad_bundles(team: Team, tmp_path: Path) -> tuple[Team, dict[str, tuple[Path, str]]]:
    bob = team.stores["bob"]
    _annotate(bob, team.brief_id, "grain cooperatives", "Which ones?", "Bob Brandt")
    good = team.bundle("bob")
    data = good.read_bytes()
    folder = tmp_path / "bad"
    folder.mkdir()
    truncated = folder / "truncated.rdbundle"
    truncated.write_bytes(data[:len(data) // 2])
    not_zip = folder / "notes.rdbundle"
    not_zip.write_text("just some notes", encoding="utf-8")
    foreign = folder / "foreign.rdbundle"
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with zipfile.ZipFile(good) as archive:
        annotations = archive.read("annotations.json")
    cases = {
        "truncated": (truncated, "damaged or truncated"),
        "not a zip": (not_zip, "not a ReviewDesk bundle"),
        "foreign zip": (foreign, "not a ReviewDesk bundle"),
        "checksum": (_rewrite(good, folder / "checksum.rdbundle", replace={
            "annotations.json": annotations.replace(b"Which ones?", b"Which one?!")}),
            "annotations.json does not match its checksum"),
        "future": (_rewrite(good, folder / "future.rdbundle", manifest={"version": 2},
                            replace={"annotations.json": b"{}"}, fix_checksums=True),
                   "this bundle was written by a newer ReviewDesk (format 2); "
                   "update to import it"),
        "other format": (_rewrite(good, folder / "other.rdbundle",
                                  manifest={"format": "something-else"}),
                         "not a ReviewDesk bundle"),
        "missing member": (_rewrite(good, folder / "missing.rdbundle",
                                    manifest={"files": {}}), "not in its manifest"),
        "bad json": (_rewrite(good, folder / "json.rdbundle",
                              replace={"annotations.json": b"[{"}, fix_checksums=True),
                     "annotations.json is not valid JSON"),
        "bad shape": (_rewrite(good, folder / "shape.rdbundle", replace={
            "annotations.json": _annotations_with(good, start="12")}, fix_checksums=True),
            "start is not a whole number"),
        "bad status": (_rewrite(good, folder / "status.rdbundle", replace={
            "annotations.json": _annotations_with(good, status="maybe")}, fix_checksums=True),
            "status is not one of open, resolved"),
        "bad reference": (_rewrite(good, folder / "reference.rdbundle", replace={
            "annotations.json": _annotations_with(good, brief_id="no-such-brief")},
            fix_checksums=True), "names a brief the bundle does not hold"),
        "outside the text": (_rewrite(good, folder / "range.rdbundle", replace={
            "annotations.json": _annotations_with(good, end=10**6)}, fix_checksums=True),
            "lies outside its brief's text"),
        "naive time": (_rewrite(good, folder / "time.rdbundle", replace={
            "annotations.json": _annotations_with(good, modified="2025-01-01T10:00:00")},
            fix_checksums=True), "modified is not a time with its UTC offset"),
    }
    return team, cases


def test_a_bad_bundle_changes_nothing_and_says_why_in_one_sentence(
        bad_bundles: tuple[Team, dict[str, tuple[Path, str]]]) -> None:
    team, cases = bad_bundles
    ann = team.stores["ann"]
    before = dump(ann.path)
    backups = _backups(ann.path)
    for case, (bundle, words) in cases.items():
        with pytest.raises(InputError) as raised:
            import_bundle(ann, bundle)
        message = str(raised.value)
        assert words in message, (case, message)
        assert message.startswith(f"cannot import {bundle.name}: "), case
        assert "\n" not in message and message.count(". ") == 0, case
    assert dump(ann.path) == before
    assert _backups(ann.path) == backups


def test_a_missing_file_and_a_bad_target_are_refused(team: Team, tmp_path: Path) -> None:
    ann = team.stores["ann"]
    with pytest.raises(InputError, match="does not exist"):
        import_bundle(ann, tmp_path / "nowhere.rdbundle")
    with pytest.raises(InputError, match=r"ends in \.rdbundle"):
        export_bundle(ann, [], tmp_path / "review.zip")
    with pytest.raises(InputError, match="does not exist"):
        export_bundle(ann, [], tmp_path / "no-folder" / "review.rdbundle")
    with pytest.raises(InputError, match="is a folder"):
        export_bundle(ann, [], _mkdir(tmp_path / "folder.rdbundle"))
    with Store(tmp_path / "empty.sqlite3") as empty, \
            pytest.raises(InputError, match="no briefs"):
        export_bundle(empty, [], tmp_path / "empty.rdbundle")
    assert list(tmp_path.glob("*.tmp")) == [] and list(tmp_path.glob(".*.tmp")) == []


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def test_a_failed_export_leaves_the_older_bundle(team: Team,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    ann = team.stores["ann"]
    target = team.bundle("ann")
    before = target.read_bytes()

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bundles.os, "replace", broken)
    with pytest.raises(InputError, match="No space left"):
        export_bundle(ann, [], target)
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")] == []


# ---------------------------------------------------------------------------------------
# Properties: random adds, edits and deletes in each copy; merging is idempotent and
# does not depend on the order


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("templates")
    team = _team(folder / "team", ("ann", "bob", "cy"))
    paths = {name: store.path for name, store in team.stores.items()}
    brief_id, shared = team.brief_id, list(team.shared)
    team.close()
    return {"paths": paths, "brief_id": brief_id, "shared": shared}


REVIEWERS = {"ann": "Ann Ashby", "bob": "Bob Brandt", "cy": "Cy Chen"}
TAGS = (None, "Indicator", "Claim", "Indicator › economic")
WORDS = ("Check", "Source?", "Agreed", "Not sure", "")

_op = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(SPANS), st.sampled_from(TAGS),
              st.sampled_from(WORDS)),
    st.tuples(st.just("edit"), st.integers(0, 9), st.sampled_from(WORDS),
              st.sampled_from(("open", "resolved")), st.sampled_from(TAGS)),
    # The annotations every copy shares, edited at a moment of its own or (a tie) at the
    # same moment as any other copy that pins it.
    st.tuples(st.just("edit_shared"), st.integers(0, 2), st.sampled_from(WORDS),
              st.sampled_from(("open", "resolved")), st.sampled_from(TAGS), st.booleans()),
    st.tuples(st.just("edit_shared"), st.integers(0, 1), st.sampled_from(WORDS),
              st.sampled_from(("open", "resolved")), st.sampled_from(TAGS), st.just(True)),
    st.tuples(st.just("delete"), st.integers(0, 9)),
    st.tuples(st.just("reply"), st.integers(0, 9), st.sampled_from(WORDS[:4])),
    st.tuples(st.just("unreply"), st.integers(0, 9)),
    st.tuples(st.just("suggest"), st.sampled_from(SPANS), st.sampled_from(("X", "Y"))),
    st.tuples(st.just("withdraw"), st.integers(0, 9)),
    st.tuples(st.just("check"), st.integers(0, 1), st.sampled_from(list(ReferenceCheck)),
              st.sampled_from(WORDS)),
    st.tuples(st.just("recommend"), st.integers(0, 1),
              st.sampled_from(list(RecommendationStatus)), st.sampled_from(WORDS)),
)
_work = st.fixed_dictionaries({name: st.lists(_op, max_size=6) for name in REVIEWERS})


SAME_MOMENT = "2031-05-01 09:00:00.000000"


def _apply(store: Store, brief_id: str, reviewer: str, ops: list[tuple[Any, ...]],
           shared: list[str]) -> None:
    for op in ops:
        notes = sorted(list_annotations(store, brief_id), key=lambda n: n.id)
        kind = op[0]
        if kind == "edit_shared":
            target = shared[op[1]]
            if target not in {note.id for note in notes}:
                continue
            update_annotation(store, target, comment=op[2], status=op[3],
                              tag_id=_tag(store, op[4]) if op[4] else None)
            if op[5]:
                connection = sqlite3.connect(store.path)
                connection.execute("UPDATE annotation SET modified = ? WHERE id = ?",
                                   (SAME_MOMENT, target))
                connection.commit()
                connection.close()
        elif kind == "add":
            _annotate(store, brief_id, op[1], op[3], reviewer, tag=op[2])
        elif kind in ("edit", "delete", "reply", "unreply") and notes:
            note = notes[op[1] % len(notes)]
            if kind == "edit":
                update_annotation(store, note.id, comment=op[2], status=op[3],
                                  tag_id=_tag(store, op[4]) if op[4] else None)
            elif kind == "delete":
                delete_annotation(store, note.id)
            elif kind == "reply":
                add_reply(store, note.id, op[2], reviewer=reviewer)
            elif note.replies:
                delete_reply(store, note.replies[0].id)
        elif kind == "suggest":
            suggest_edit(store, brief_id, *_span(store, brief_id, op[1]), op[2],
                         reviewer=reviewer)
        elif kind == "withdraw":
            suggestions = sorted(suggestions_of(store, brief_id), key=lambda s: s.id)
            if suggestions:
                withdraw_suggestion(store, suggestions[op[1] % len(suggestions)].id)
        elif kind == "check":
            reference = references_of(store, brief_id)[op[1]].reference
            set_reference_check(store, reference.id, op[2], note=op[3])
        elif kind == "recommend":
            recommendation = recommendations_of(store, brief_id)[op[1]].recommendation
            update_recommendation(store, recommendation.id, reviewer=reviewer,
                                  status=op[2], note=op[3])


@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(work=_work, order=st.permutations(list(REVIEWERS)))
def test_merging_is_idempotent_and_independent_of_order(templates: dict[str, Any],
                                                        work: dict[str, list[Any]],
                                                        order: list[str]) -> None:
    brief_id = templates["brief_id"]
    with tempfile.TemporaryDirectory() as raw:
        folder = Path(raw)
        paths = {name: copy_database(templates["paths"][name], folder / f"{name}.sqlite3")
                 for name in REVIEWERS}
        bundle_of = {}
        for name, path in paths.items():
            with Store(path) as store:
                _apply(store, brief_id, REVIEWERS[name], work[name], templates["shared"])
                bundle_of[name] = export_bundle(store, [], folder / f"{name}.rdbundle").path

        def merged(label: str, base: str, others: list[str]) -> Path:
            path = copy_database(paths[base], folder / f"{label}.sqlite3")
            with Store(path) as store:
                for other in others:
                    import_bundle(store, bundle_of[other])
                    # Idempotent: the same bundle again changes nothing.
                    assert not import_bundle(store, bundle_of[other]).changed
            return path

        # Two copies: Ann's merged into Bob's is Bob's merged into Ann's, history and all.
        assert dump(merged("ab", "ann", ["bob"])) == dump(merged("ba", "bob", ["ann"]))
        # Three: any order gives the same content.
        first = merged("abc", "ann", ["bob", "cy"])
        other = merged("any", order[0], order[1:])
        assert dump(first, history=False) == dump(other, history=False)
        # One more exchange between the two results makes them equal in every respect.
        for path, partner in ((first, other), (other, first)):
            with Store(partner) as store:
                bundle = export_bundle(store, [], partner.with_suffix(".rdbundle")).path
            with Store(path) as store:
                import_bundle(store, bundle)
        assert dump(first) == dump(other)
        shutil.rmtree(folder, ignore_errors=True)
