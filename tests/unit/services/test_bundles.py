"""Review bundles: reviewers' databases built here, exchanged in every order, merged by id;
each bundle signed, each reviewer's work changed only by their own bundles."""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import SQLModel
from tests.support.bundles import (
    NAMES,
    RAIL_MD,
    RAIL_V2_MD,
    SPANS,
    Team,
    annotate,
    as_format_1,
    backups,
    dump,
    make_team,
    rewrite,
    span,
    tag_id,
    write,
)
from tests.support.databases import copy_database

from reviewdesk import files
from reviewdesk.domain.findings import RecommendationStatus, ReferenceCheck
from reviewdesk.domain.ids import utc_now
from reviewdesk.domain.review import SuggestionStatus
from reviewdesk.domain.trust import Role
from reviewdesk.errors import InputError, StoreError
from reviewdesk.services.annotations import (
    add_reply,
    delete_annotation,
    delete_reply,
    list_annotations,
    restore_annotation,
    restore_reply,
    set_annotation_date,
    update_annotation,
)
from reviewdesk.services.briefs import import_files, load_brief
from reviewdesk.services.bundle import format as bundle_format
from reviewdesk.services.bundles import (
    BundleReport,
    MergeReport,
    UnknownSignerError,
    annotation_history,
    export_bundle,
    import_bundle,
    trust_bundle_signer,
)
from reviewdesk.services.codebooks import add_tag, default_codebook
from reviewdesk.services.reviewers import set_configured_reviewer
from reviewdesk.services.tracking import (
    decide_suggestion,
    link_claim,
    link_evidence,
    recommendation_history,
    recommendations_of,
    references_of,
    restore_suggestion,
    set_reference_check,
    suggest_edit,
    suggestion_views,
    suggestions_of,
    update_recommendation,
    withdraw_suggestion,
)
from reviewdesk.services.trust import own_key, trust_reviewer
from reviewdesk.services.versions import import_version
from reviewdesk.storage import store as store_module
from reviewdesk.storage.store import Store

LENA, ANN, BOB, CY = NAMES["lead"], NAMES["ann"], NAMES["bob"], NAMES["cy"]


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    made = make_team(tmp_path / "team")
    yield made
    made.close()


def _laptop(team: Team, name: str) -> Store:
    """A second copy of a reviewer's database (the same key): their laptop and desktop."""
    store = team.stores[name]
    path = copy_database(store.path, team.folder / f"{name}-laptop.sqlite3")
    team.stores[f"{name}-laptop"] = Store(path)
    return team.stores[f"{name}-laptop"]


# ---------------------------------------------------------------------------------------
# A brief travels whole, with the same ids, signed


def test_a_bundle_recreates_briefs_and_their_review_exactly(tmp_path: Path) -> None:
    with Store(tmp_path / "lead.sqlite3") as lead:
        set_configured_reviewer(lead, LENA)
        brief_id = import_files(lead, [write(tmp_path / "rail.md", RAIL_MD)])[0].id
        # Names met in the lead's database (a colleague at the lead's desk) work with its key.
        note = annotate(lead, brief_id, "bridge closure", "When?", "Ann Ashby")
        add_reply(lead, note, "March.", reviewer="Bob Brandt")
        set_annotation_date(lead, note, "2024-03")  # travels with the annotation
        [reference, _] = [t.reference for t in references_of(lead, brief_id)]
        [recommendation, _] = [t.recommendation for t in recommendations_of(lead, brief_id)]
        set_reference_check(lead, reference.id, ReferenceCheck.VERIFIED, note="Found it")
        update_recommendation(lead, recommendation.id, reviewer="Ann Ashby",
                              status=RecommendationStatus.ACCEPTED, owner="Rail desk")
        link_claim(lead, note, reference.id)
        link_evidence(lead, note, recommendation.id)
        suggest_edit(lead, brief_id, *span(lead, brief_id, "fell"), "dropped",
                     reviewer="Bob Brandt")
        gone = annotate(lead, brief_id, "road repairs", "", "Ann Ashby")
        delete_annotation(lead, gone)
        version = import_version(lead, write(tmp_path / "rail-v2.md", RAIL_V2_MD),
                                 brief_id)
        bundle = tmp_path / "all.rdbundle"
        # Naming one version bundles the whole family.
        report = export_bundle(lead, [version.id], bundle)
        lead_key = own_key(lead)
    assert isinstance(report, BundleReport)
    assert (report.briefs, report.annotations, report.replies, report.suggestions,
            report.tombstones) == (2, 2, 2, 1, 1)
    assert (report.signer, report.fingerprint) == (LENA, lead_key.fingerprint)

    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["format"] == "reviewdesk-bundle" and manifest["version"] == 4
        assert manifest["signer"] == {"public_key": lead_key.public_key, "name": LENA}
        assert set(manifest["files"]) == names - {"manifest.json", "signature.json"}
        signature = json.loads(archive.read("signature.json"))
        assert signature["algorithm"] == "Ed25519" and len(signature["signature"]) == 128
    assert {"briefs.json", "annotations.json", "tombstones.json"} <= names
    assert sum(name.startswith("sources/") for name in names) == 2

    with Store(tmp_path / "fresh.sqlite3") as fresh:
        trust_bundle_signer(fresh, bundle, Role.LEAD)
        merged = import_bundle(fresh, bundle)
        assert isinstance(merged, MergeReport)
        assert (merged.briefs_added, merged.annotations_added, merged.replies_added,
                merged.suggestions_added, merged.links_added, merged.tombstones_added) == (
            2, 2, 2, 1, 4, 1)
        assert (merged.signer, merged.role, merged.left_out) == (LENA, "lead", 0)
        copy = load_brief(fresh, version.id)
        assert (copy.version, copy.version_of) == (2, brief_id)
        assert len(recommendation_history(fresh, recommendation.id)) == 2
    assert dump(tmp_path / "fresh.sqlite3") == dump(tmp_path / "lead.sqlite3")


def test_every_column_of_a_bundled_table_travels() -> None:
    """A new column must be given a place in the format (or a new format version)."""
    for member in bundle_format.MEMBERS:
        columns = set(SQLModel.metadata.tables[member.table].columns.keys())
        expected = columns - {"source_file_id"} if member.table == "brief" else columns
        assert set(member.keys(bundle_format.FORMAT_VERSION)) == expected, member.table


def test_importing_a_bundle_twice_changes_nothing(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    annotate(bob, team.brief_id, "grain cooperatives", "Which ones?", BOB)
    bundle = team.bundle("bob")
    first = import_bundle(ann, bundle)
    assert first.changed and first.annotations_added == 1 and first.backup is not None
    after_first = dump(ann.path)
    kept = backups(ann.path)
    second = import_bundle(ann, bundle)
    assert not second.changed and second.backup is None
    assert (second.annotations_added, second.annotations_updated,
            second.annotations_unchanged) == (0, 0, 1)
    assert dump(ann.path) == after_first
    assert backups(ann.path) == kept
    # A bundle of a database's own content is nothing new to it either.
    assert not import_bundle(bob, bundle).changed


def test_a_copy_of_the_database_is_made_before_a_merge(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    annotate(bob, team.brief_id, "grain cooperatives", "Which ones?", BOB)
    before = dump(ann.path)
    for old in backups(ann.path):
        old.unlink()
    report = import_bundle(ann, team.bundle("bob"))
    assert report.backup is not None and backups(ann.path) == [report.backup]
    assert dump(report.backup) == before
    assert dump(ann.path) != before


# ---------------------------------------------------------------------------------------
# Two reviewers, both orders


def _two_sided_work(team: Team) -> dict[str, str]:
    """Each reviewer's own work, replies to the lead's notes, and a deletion."""
    ann, bob = team.stores["ann"], team.stores["bob"]
    closure, bridge, _ = team.shared
    ids = {"ann_new": annotate(ann, team.brief_id, "Shippers moved grain", "Why?", ANN),
           "ann_gone": annotate(ann, team.brief_id, "road repairs", "Costs?", ANN),
           "bob_new": annotate(bob, team.brief_id, "grain cooperatives", "Which ones?",
                               BOB, tag="Claim")}
    import_bundle(bob, team.bundle("ann", "-early"))
    update_annotation(ann, ids["ann_new"], comment="Ann: why trucks?")
    delete_annotation(ann, ids["ann_gone"])
    update_annotation(bob, ids["ann_gone"], comment="Bob edits Ann's note here")
    add_reply(bob, closure, "Bob replies.", reviewer=BOB)
    add_reply(ann, bridge, "Ann replies.", reviewer=ANN)
    ids["bob_suggestion"] = suggest_edit(bob, team.brief_id,
                                         *span(bob, team.brief_id, "fell"), "dropped",
                                         reviewer=BOB).id
    [_, second] = [t.reference for t in references_of(ann, team.brief_id)]
    link_claim(bob, ids["bob_new"], second.id)
    return ids


def test_two_reviewers_merged_in_either_order_agree(team: Team) -> None:
    ids = _two_sided_work(team)
    closure, bridge, _ = team.shared
    ann_bundle, bob_bundle = team.bundle("ann"), team.bundle("bob")
    into_ann = import_bundle(team.stores["ann"], bob_bundle)
    into_bob = import_bundle(team.stores["bob"], ann_bundle)
    team.close()
    ann_path, bob_path = team.stores["ann"].path, team.stores["bob"].path
    # Bob's edit of Ann's note stayed in his copy, until Ann's deletion reached it.
    assert dump(ann_path) == dump(bob_path)

    assert (into_ann.annotations_added, into_ann.annotations_updated,
            into_ann.annotations_deleted) == (1, 0, 0)  # Bob's note
    assert (into_bob.annotations_added, into_bob.annotations_updated,
            into_bob.annotations_deleted) == (0, 1, 1)  # Ann's edit, her deletion
    assert into_ann.suggestions_added == 1 and into_ann.links_added == 1
    assert into_ann.replies_added == 1 and into_bob.replies_added == 1
    # Ann's copy still holds the early bundle's version of her note in Bob's bundle: an
    # older version of her own work, nothing left out.
    assert into_ann.left_out == 0 and into_ann.conflicts == 0

    with Store(ann_path) as ann:
        notes = {note.id: note for note in list_annotations(ann, team.brief_id)}
        assert set(notes) == {*team.shared, ids["ann_new"], ids["bob_new"]}
        assert notes[ids["ann_new"]].comment == "Ann: why trucks?"
        assert [r.text for r in notes[closure].replies] == ["It closed in March.",
                                                            "Bob replies."]
        assert [r.text for r in notes[bridge].replies] == ["Ann replies."]

    # Exchanging again changes nothing on either side.
    for path in (ann_path, bob_path):
        with Store(path) as store:
            assert not import_bundle(store, ann_bundle).changed
            assert not import_bundle(store, bob_bundle).changed


def test_another_reviewers_work_changes_only_through_their_own_bundle(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    closure, bridge, repairs = team.shared
    # Bob edits, resolves and deletes the lead's notes in his own copy: that is his copy.
    update_annotation(bob, closure, comment="Bob rewrites the lead's note", status="resolved")
    delete_annotation(bob, repairs)
    report = import_bundle(ann, team.bundle("bob"))
    assert (report.annotations_updated, report.annotations_deleted) == (0, 0)
    assert report.left_out == 2
    assert any("left out" in warning for warning in report.warnings)
    notes = {note.id: note for note in list_annotations(ann, team.brief_id)}
    assert notes[closure].comment == "When exactly?" and repairs in notes
    # The lead's own bundle does change them.
    update_annotation(team.stores["lead"], bridge, comment="Lena: confirmed")
    assert import_bundle(ann, team.bundle("lead")).annotations_updated == 1


# ---------------------------------------------------------------------------------------
# One reviewer on two computers: rival edits of the same notes


def test_rival_edits_keep_the_later_and_record_the_other(team: Team) -> None:
    ann = team.stores["ann"]
    note = annotate(ann, team.brief_id, "Shippers moved grain", "Why?", ANN)
    laptop = _laptop(team, "ann")
    update_annotation(ann, note, comment="Desk: March 2023?")
    update_annotation(laptop, note, comment="Laptop: it was February", status="resolved")
    desk_bundle, laptop_bundle = team.bundle("ann"), team.bundle("ann-laptop")
    into_desk = import_bundle(ann, laptop_bundle)
    into_laptop = import_bundle(laptop, desk_bundle)
    assert into_desk.conflicts == into_laptop.conflicts == 1
    assert dump(ann.path) == dump(laptop.path)
    [kept] = [n for n in list_annotations(ann, team.brief_id) if n.id == note]
    assert (kept.comment, kept.status) == ("Laptop: it was February", "resolved")
    history = annotation_history(ann, note)
    assert [(e.field, e.value_kept, e.value_other, e.source) for e in history] == [
        ("comment", "Laptop: it was February", "Desk: March 2023?", "merge"),
        ("status", "resolved", "open", "merge")]


def test_an_older_copy_is_not_a_conflict(team: Team) -> None:
    ann = team.stores["ann"]
    note = annotate(ann, team.brief_id, "Shippers moved grain", "Why?", ANN)
    laptop = _laptop(team, "ann")
    update_annotation(ann, note, comment="First edit")
    import_bundle(laptop, team.bundle("ann", "-1"))
    update_annotation(laptop, note, comment="Builds on the first edit")
    report = import_bundle(ann, team.bundle("ann-laptop", "-1"))
    assert report.annotations_updated == 1 and report.conflicts == 0
    assert annotation_history(ann, note) == []
    back = import_bundle(laptop, team.bundle("ann", "-2"))
    assert not back.changed and back.conflicts == 0
    assert dump(ann.path) == dump(laptop.path)


def test_an_edit_made_after_seeing_another_wins_whatever_the_clocks_say(team: Team) -> None:
    ann = team.stores["ann"]
    note = annotate(ann, team.brief_id, "Shippers moved grain", "Why?", ANN)
    laptop = _laptop(team, "ann")
    update_annotation(laptop, note, comment="Seen first")
    import_bundle(ann, team.bundle("ann-laptop"))
    update_annotation(ann, note, comment="Made after seeing it")
    # The desk's clock was a year behind when it made its edit.
    connection = sqlite3.connect(ann.path)
    connection.execute("UPDATE annotation SET modified = datetime(modified, '-1 year') "
                       "WHERE id = ?", (note,))
    connection.commit()
    connection.close()
    report = import_bundle(laptop, team.bundle("ann", "-late"))
    assert report.annotations_updated == 1 and report.conflicts == 0
    [kept] = [n for n in list_annotations(laptop, team.brief_id) if n.id == note]
    assert kept.comment == "Made after seeing it"


def test_a_tie_is_broken_the_same_way_in_both_copies(team: Team) -> None:
    ann = team.stores["ann"]
    note = annotate(ann, team.brief_id, "Shippers moved grain", "Why?", ANN)
    laptop = _laptop(team, "ann")
    update_annotation(ann, note, comment="Desk at the same moment")
    update_annotation(laptop, note, comment="Laptop at the same moment")
    moment = (utc_now() - timedelta(minutes=1)).replace(tzinfo=None)
    for store in (ann, laptop):
        connection = sqlite3.connect(store.path)
        connection.execute("UPDATE annotation SET modified = ? WHERE id = ?",
                           (moment.isoformat(sep=" ", timespec="microseconds"), note))
        connection.commit()
        connection.close()
    desk_bundle, laptop_bundle = team.bundle("ann"), team.bundle("ann-laptop")
    assert import_bundle(ann, laptop_bundle).conflicts == 1
    assert import_bundle(laptop, desk_bundle).conflicts == 1
    assert dump(ann.path) == dump(laptop.path)
    [event] = annotation_history(ann, note)
    assert event.source == "merge-tie" and event.field == "comment"


def test_a_decision_on_a_suggested_edit_reaches_a_copy_where_it_is_pending(
        team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    made = suggest_edit(ann, team.brief_id, *span(ann, team.brief_id, "fell"), "dropped",
                        reviewer=ANN)
    assert import_bundle(bob, team.bundle("ann")).suggestions_added == 1
    decide_suggestion(ann, made.id, SuggestionStatus.ACCEPTED)
    report = import_bundle(bob, team.bundle("ann", "-decided"))
    assert report.changed and report.suggestions_decided == 1
    assert suggestions_of(bob, team.brief_id)[0].status == SuggestionStatus.ACCEPTED
    # Decided here, a suggestion keeps its decision whatever the other copy says.
    decide_suggestion(bob, made.id, SuggestionStatus.REJECTED)
    assert import_bundle(bob, team.bundle("ann", "-again")).suggestions_decided == 0
    assert suggestions_of(bob, team.brief_id)[0].status == SuggestionStatus.REJECTED


# ---------------------------------------------------------------------------------------
# Deletions


def test_deleting_writes_a_tombstone_and_undo_removes_it(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    note = annotate(ann, team.brief_id, "Shippers moved grain", "Why?", ANN)
    bridge = team.shared[1]
    reply = add_reply(ann, bridge, "A reply to take back.", reviewer=ANN)
    suggestion = suggest_edit(ann, team.brief_id, *span(ann, team.brief_id, "fell"),
                              "dropped", reviewer=ANN)
    import_bundle(bob, team.bundle("ann", "-first"))
    removed = delete_annotation(ann, note)
    delete_reply(ann, reply.id)
    withdraw_suggestion(ann, suggestion.id)

    def tombstones() -> set[tuple[str, str, str]]:
        connection = sqlite3.connect(ann.path)
        try:
            return set(connection.execute(
                "SELECT t.id, t.kind, r.name FROM tombstone t JOIN reviewer r "
                "ON r.id = t.reviewer_id"))
        finally:
            connection.close()

    assert tombstones() == {(note, "annotation", ANN), (reply.id, "reply", ANN),
                            (suggestion.id, "suggestion", ANN)}
    restore_annotation(ann, removed)
    restore_reply(ann, reply)
    restore_suggestion(ann, suggestion)
    assert tombstones() == set()

    # Deleted for good this time: the deletions reach Bob.
    delete_reply(ann, reply.id)
    withdraw_suggestion(ann, suggestion.id)
    delete_annotation(ann, note)
    report = import_bundle(bob, team.bundle("ann"))
    assert (report.annotations_deleted, report.replies_deleted,
            report.suggestions_deleted) == (1, 1, 1)
    assert not import_bundle(bob, team.bundle("ann", "-again")).changed
    assert note not in {n.id for n in list_annotations(bob, team.brief_id)}
    assert suggestions_of(bob, team.brief_id) == []


def test_a_tombstone_beats_an_edit_made_after_it(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    note = annotate(ann, team.brief_id, "Shippers moved grain", "Why?", ANN)
    laptop = _laptop(team, "ann")
    delete_annotation(laptop, note)
    update_annotation(ann, note, comment="Edited after the laptop deleted it")
    add_reply(ann, note, "And replied to.", reviewer=ANN)
    import_bundle(bob, team.bundle("ann"))
    into_desk = import_bundle(ann, team.bundle("ann-laptop"))
    into_bob = import_bundle(bob, team.bundle("ann-laptop", "-2"))
    assert into_desk.annotations_deleted == 1 and into_bob.annotations_deleted == 1
    into_laptop = import_bundle(laptop, team.bundle("ann", "-2"))
    assert into_laptop.annotations_added == 0 and into_laptop.replies_added == 0
    assert note not in {n.id for n in list_annotations(ann, team.brief_id)}
    assert dump(ann.path) == dump(laptop.path)


# ---------------------------------------------------------------------------------------
# Decisions: the lead checks references and decides recommendations


def _reference_row(store: Store, reference_id: str) -> tuple[str, str, str | None, int]:
    connection = sqlite3.connect(store.path)
    try:
        row = connection.execute("SELECT check_status, note, modified, revision FROM "
                                 "reference WHERE id = ?", (reference_id,)).fetchone()
        return (row[0], row[1], row[2], row[3])
    finally:
        connection.close()


def test_decisions_travel_from_the_lead_only(team: Team) -> None:
    lead, ann = team.stores["lead"], team.stores["ann"]
    [reference, second] = [t.reference for t in references_of(lead, team.brief_id)]
    [recommendation, _] = [t.recommendation for t in recommendations_of(lead, team.brief_id)]
    assert _reference_row(lead, reference.id)[2:] == (None, 0)  # never checked
    set_reference_check(ann, second.id, ReferenceCheck.PROBLEM, note="Ann: dead link")
    update_recommendation(ann, recommendation.id, reviewer=ANN, status="rejected")
    # The lead decides after Ann did: the lead's decision is the later one everywhere.
    set_reference_check(lead, reference.id, ReferenceCheck.VERIFIED, note="Lena: found it")
    update_recommendation(lead, recommendation.id, reviewer=LENA, status="accepted",
                          owner="Rail desk")
    into_lead = import_bundle(lead, team.bundle("ann"))
    assert (into_lead.reference_checks, into_lead.recommendation_states) == (0, 0)
    assert into_lead.decisions_left_out == 2  # Ann's check and her decision's history
    assert any("not trusted here as a lead" in w for w in into_lead.warnings)
    into_ann = import_bundle(ann, team.bundle("lead"))
    assert (into_ann.reference_checks, into_ann.recommendation_states) == (1, 1)
    assert into_ann.history_added == 2
    assert _reference_row(ann, reference.id)[:2] == ("verified", "Lena: found it")
    # Ann's own check of the second entry was made here after the lead's last word on it:
    # it stays in her copy, and is not the lead's.
    assert _reference_row(ann, second.id)[:2] == ("problem", "Ann: dead link")
    assert _reference_row(lead, second.id)[:2] == ("unchecked", "")
    [tracked, _] = recommendations_of(ann, team.brief_id)
    assert (tracked.recommendation.status, tracked.recommendation.owner) == (
        RecommendationStatus.ACCEPTED, "Rail desk")


def test_the_later_decision_wins_between_the_leads_copies(team: Team) -> None:
    lead = team.stores["lead"]
    [reference, _] = [t.reference for t in references_of(lead, team.brief_id)]
    laptop = _laptop(team, "lead")
    set_reference_check(laptop, reference.id, ReferenceCheck.PROBLEM, note="Laptop: dead")
    set_reference_check(lead, reference.id, ReferenceCheck.VERIFIED, note="Desk: archived")
    stamped = _reference_row(lead, reference.id)
    assert stamped[2] is not None and stamped[3] == 1  # a check stamps its time
    into_laptop = import_bundle(laptop, team.bundle("lead"))
    into_desk = import_bundle(lead, team.bundle("lead-laptop"))
    assert (into_laptop.reference_checks, into_desk.reference_checks) == (1, 0)
    assert _reference_row(laptop, reference.id) == _reference_row(lead, reference.id) == stamped
    assert dump(lead.path) == dump(laptop.path)


# ---------------------------------------------------------------------------------------
# Versions, failures


def test_a_later_version_joins_the_brief_a_reviewer_already_has(team: Team,
                                                                 tmp_path: Path) -> None:
    lead, bob = team.stores["lead"], team.stores["bob"]
    annotate(bob, team.brief_id, "grain cooperatives", "Bob on version 1", BOB)
    version = import_version(lead, write(tmp_path / "rail-v2.md", RAIL_V2_MD), team.brief_id)
    assert version.counts.annotations == 3  # the lead's notes, carried to version 2
    report = import_bundle(bob, team.bundle("lead"))
    assert (report.briefs_added, report.briefs_present) == (1, 1)
    assert report.annotations_added == 3
    second = load_brief(bob, version.id)
    assert (second.version, second.version_of) == (2, team.brief_id)
    import_bundle(lead, team.bundle("bob"))
    assert dump(lead.path) == dump(bob.path)
    # Bob's note stays on the version he made it on.
    assert "Bob on version 1" in {n.comment for n in list_annotations(lead, team.brief_id)}
    # A version made in both copies from different files is kept twice, with a warning.
    import_version(bob, write(tmp_path / "rail-v3.md", RAIL_V2_MD + "\nBob's file.\n"),
                   version.id)
    import_version(lead, write(tmp_path / "rail-v3b.md", RAIL_V2_MD + "\nLena's file.\n"),
                   version.id)
    again = import_bundle(lead, team.bundle("bob", "-v3"))
    assert again.briefs_added == 1
    assert any("version 3" in warning for warning in again.warnings)


def test_a_copy_that_cannot_be_made_stops_the_merge(team: Team,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    annotate(bob, team.brief_id, "grain cooperatives", "Which ones?", BOB)
    bundle = team.bundle("bob")
    before = dump(ann.path)
    kept = backups(ann.path)

    def full_disk(path: Path, label: str) -> Path:
        (path.parent / f"{path.name}.{label}-20250101T000000Z.bak").write_bytes(b"partial")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store_module, "backup_copy", full_disk)
    with pytest.raises(StoreError, match="is full; free some space") as raised:
        import_bundle(ann, bundle)
    assert "nothing was changed" in str(raised.value)
    assert dump(ann.path) == before
    assert backups(ann.path) == kept


# ---------------------------------------------------------------------------------------
# Three reviewers, every order


def _three_sided_work(team: Team) -> None:
    ann, bob, cy = (team.stores[name] for name in ("ann", "bob", "cy"))
    closure, bridge, _ = team.shared
    a = annotate(ann, team.brief_id, "Freight volumes", "Source?", ANN)
    b = annotate(bob, team.brief_id, "grain cooperatives", "Which?", BOB, tag="Claim")
    annotate(cy, team.brief_id, "monthly freight figures", "Feasible?", CY)
    update_annotation(ann, a, comment="Ann, again", status="resolved")
    add_reply(bob, closure, "Bob on the closure.", reviewer=BOB)
    add_reply(cy, bridge, "Cy on the bridge.", reviewer=CY)
    delete_annotation(bob, b)
    # Cy replies to Ann's note before the lead has it: the reply waits for it.
    import_bundle(cy, team.bundle("ann", "-early"))
    add_reply(cy, a, "Cy answers Ann.", reviewer=CY)


def test_three_reviewers_merged_in_every_order_agree(tmp_path: Path) -> None:
    team = make_team(tmp_path / "team", ("lead", "ann", "bob", "cy"))
    _three_sided_work(team)
    names = ("ann", "bob", "cy")
    bundle_of = {name: team.bundle(name) for name in names}
    team.close()
    results = []
    for order in itertools.permutations(names):
        path = copy_database(team.stores["lead"].path, tmp_path / f"{'-'.join(order)}.sqlite3")
        with Store(path) as store:
            for other in order:
                import_bundle(store, bundle_of[other])
        results.append((order, path))
    reference = dump(results[0][1])
    for order, path in results[1:]:
        assert dump(path) == reference, order
    with Store(results[0][1]) as merged:
        notes = {n.comment: n for n in list_annotations(merged, team.brief_id)}
        assert set(notes) >= {"Ann, again", "Feasible?"} and "Which?" not in notes
        assert [r.text for r in notes["Ann, again"].replies] == ["Cy answers Ann."]
        assert reference["held_replies"] == []


def test_a_reply_waits_for_its_annotation(team: Team) -> None:
    lead, ann, bob = team.stores["lead"], team.stores["ann"], team.stores["bob"]
    note = annotate(ann, team.brief_id, "Freight volumes", "Source?", ANN)
    import_bundle(bob, team.bundle("ann"))
    reply = add_reply(bob, note, "Bob answers.", reviewer=BOB)
    report = import_bundle(lead, team.bundle("bob"))
    assert (report.replies_added, report.replies_held) == (0, 1)
    assert note not in {n.id for n in list_annotations(lead, team.brief_id)}
    report = import_bundle(lead, team.bundle("ann", "-2"))
    assert report.annotations_added == 1 and report.replies_added == 1
    [arrived] = [n for n in list_annotations(lead, team.brief_id) if n.id == note]
    assert [r.id for r in arrived.replies] == [reply.id]
    assert dump(lead.path)["held_replies"] == []


# ---------------------------------------------------------------------------------------
# Tags and reviewers


def test_tags_are_matched_by_id_then_path_and_never_duplicated(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    # Each reviewer makes "Theme › freight" on their own (other ids, same path)...
    for store in (ann, bob):
        theme = add_tag(store, "Theme", "#3366cc")
        add_tag(store, "freight", "#6699ff", parent_id=theme.id)
    annotate(ann, team.brief_id, "Freight volumes", "", ANN, tag="Theme › freight")
    annotate(bob, team.brief_id, "monthly freight figures", "", BOB, tag="theme/FREIGHT")
    # ... and Bob one that Ann does not have.
    routes = add_tag(bob, "Routes", "#00aa00", shortcut="8")
    annotate(bob, team.brief_id, "north bridge", "", BOB, tag="Routes")
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


def test_names_met_in_one_database_work_with_its_key(team: Team) -> None:
    ann, bob = team.stores["ann"], team.stores["bob"]
    # A colleague at Bob's desk: "Dee Dunn" works with Bob's key.
    annotate(bob, team.brief_id, "north bridge", "", "Dee Dunn")
    report = import_bundle(ann, team.bundle("bob"))
    assert (report.reviewers_added, report.annotations_added) == (2, 1)
    # Ann cannot work as Bob or Dee in her own copy: they work elsewhere.
    with pytest.raises(InputError, match="reviews in another database"):
        annotate(ann, team.brief_id, "Freight volumes", "", "Dee Dunn")
    with pytest.raises(InputError, match="reviews in another database"):
        add_reply(ann, team.shared[0], "As Bob", reviewer=BOB)
    # Someone else's "Dee Dunn" (another key) is not Bob's Dee: refused, nothing written.
    with Store(team.folder / "cy.sqlite3") as cy:
        set_configured_reviewer(cy, CY)
        memo = import_files(cy, [write(team.folder / "memo.md", "# Memo\n\nShort.\n")])
        annotate(cy, memo[0].id, "Short", "", "Dee Dunn")
        other = export_bundle(cy, [], team.folder / "cy.rdbundle").path
        trust_reviewer(ann, own_key(cy).public_key, CY)
    before = dump(ann.path)
    with pytest.raises(InputError, match="'Dee Dunn' works with its signer's key, but "
                                         "this database knows 'Dee Dunn' by another key"):
        import_bundle(ann, other)
    assert dump(ann.path) == before


# ---------------------------------------------------------------------------------------
# Briefs that are already here, or nearly


def test_a_brief_imported_separately_is_added_beside_it_with_a_warning(
        tmp_path: Path) -> None:
    source = write(tmp_path / "rail.md", RAIL_MD)
    with Store(tmp_path / "a.sqlite3") as first, Store(tmp_path / "b.sqlite3") as second:
        import_files(first, [source])
        import_files(second, [source])
        export_bundle(first, [], tmp_path / "a.rdbundle")
        report = import_bundle(second, tmp_path / "a.rdbundle", trust=True)
        assert report.briefs_added == 1 and len(report.warnings) == 1
        assert "under another id" in report.warnings[0]
        assert report.trusted_now
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
# Damaged, truncated, foreign, forged and future bundles change nothing


def _first_annotation(**change: Any) -> Any:
    def edit(rows: list[dict[str, Any]]) -> None:
        rows[0].update(change)
    return edit


@pytest.fixture
def bad_bundles(team: Team, tmp_path: Path) -> tuple[Team, dict[str, tuple[Path, str]]]:
    bob = team.stores["bob"]
    annotate(bob, team.brief_id, "grain cooperatives", "Which ones?", BOB)
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

    def signed(name: str, **options: Any) -> Path:
        return rewrite(good, folder / f"{name}.rdbundle", sign_with=bob, **options)

    cases = {
        "truncated": (truncated, "damaged or truncated"),
        "not a zip": (not_zip, "not a ReviewDesk bundle"),
        "foreign zip": (foreign, "not a ReviewDesk bundle"),
        "checksum": (rewrite(good, folder / "checksum.rdbundle", fix_checksums=False,
                             replace={"annotations.json": annotations.replace(
                                 b"Which ones?", b"Which one?!")}),
                     "annotations.json does not match its checksum"),
        "changed after signing": (rewrite(good, folder / "forged.rdbundle", replace={
            "annotations.json": annotations.replace(b"Which ones?", b"Which one?!")}),
            "its signature does not match its contents"),
        "future": (signed("future", manifest={"version": 5},
                          replace={"annotations.json": b"{}"}),
                   "this bundle was written by a newer ReviewDesk (format 5); "
                   "update to import it"),
        "other format": (signed("other", manifest={"format": "something-else"}),
                         "not a ReviewDesk bundle"),
        "missing member": (signed("missing", fix_checksums=False, manifest={"files": {}}),
                           "not in its manifest"),
        "signer without signature": (rewrite(good, folder / "unsigned.rdbundle",
                                             drop=("signature.json",)),
                                     "names a signer but carries no signature"),
        "bad json": (signed("json", replace={"annotations.json": b"[{"}),
                     "annotations.json is not valid JSON"),
        "bad shape": (signed("shape", edit={"annotations.json": _first_annotation(
            start="12")}), "start is not a whole number"),
        "huge number": (signed("huge", edit={"annotations.json": _first_annotation(
            end=2**63)}), "end is not a whole number from 0 to"),
        "bad status": (signed("status", edit={"annotations.json": _first_annotation(
            status="maybe")}), "status is not one of open, resolved"),
        "bad reference": (signed("reference", edit={"annotations.json": _first_annotation(
            brief_id="no-such-brief")}), "names a brief the bundle does not hold"),
        "outside the text": (signed("range", edit={"annotations.json": _first_annotation(
            end=10**6)}), "lies outside its brief's text"),
        "naive time": (signed("time", edit={"annotations.json": _first_annotation(
            modified="2025-01-01T10:00:00")}), "modified is not a time with its UTC offset"),
        "year 9999 with an offset": (signed("9999", edit={"annotations.json": _first_annotation(
            modified="9999-12-31T23:00:00-05:00")}), "modified is not a time"),
        "year 1 with an offset": (signed("0001", edit={"annotations.json": _first_annotation(
            created="0001-01-01T01:00:00+05:00")}), "created is not a time"),
    }
    return team, cases


def test_a_bad_bundle_changes_nothing_and_says_why_in_one_sentence(
        bad_bundles: tuple[Team, dict[str, tuple[Path, str]]]) -> None:
    team, cases = bad_bundles
    ann = team.stores["ann"]
    before = dump(ann.path)
    kept = backups(ann.path)
    for case, (bundle, words) in cases.items():
        with pytest.raises(InputError) as raised:
            import_bundle(ann, bundle)
        message = str(raised.value)
        assert words in message, (case, message)
        assert message.startswith(f"cannot import {bundle.name}: "), case
        assert "\n" not in message and message.count(". ") == 0, case
    assert dump(ann.path) == before
    assert backups(ann.path) == kept


def test_an_unknown_or_unsigned_bundle_asks_first(team: Team, tmp_path: Path) -> None:
    ann = team.stores["ann"]
    with Store(tmp_path / "stranger.sqlite3") as stranger:
        set_configured_reviewer(stranger, "Sam Stranger")
        import_files(stranger, [write(tmp_path / "memo.md", "# Memo\n\nA short memo.\n")])
        bundle = export_bundle(stranger, [], tmp_path / "stranger.rdbundle").path
        fingerprint = own_key(stranger).fingerprint
    before = dump(ann.path)
    with pytest.raises(UnknownSignerError) as raised:
        import_bundle(ann, bundle)
    assert raised.value.fingerprint == fingerprint
    assert f"signed by 'Sam Stranger' with a key this database does not know yet " \
           f"(fingerprint {fingerprint})" in str(raised.value)
    assert dump(ann.path) == before
    # Told to trust it: the key is trusted from now on, as a reviewer's.
    report = import_bundle(ann, bundle, trust=True)
    assert report.trusted_now and report.briefs_added == 1 and report.role == "reviewer"
    assert not import_bundle(ann, bundle).trusted_now
    # A bundle from before signatures (format 1) is treated as an unknown key.
    old = as_format_1(bundle, tmp_path / "old.rdbundle")
    with pytest.raises(UnknownSignerError, match="it is not signed"):
        import_bundle(ann, old)


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

    monkeypatch.setattr(files.os, "replace", broken)
    with pytest.raises(InputError, match="the disk is full"):
        export_bundle(ann, [], target)
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".reviewdesk-partial")
            or p.name.endswith(".tmp")] == []


# ---------------------------------------------------------------------------------------
# Properties: random adds, edits and deletes of each reviewer's own work, replies to
# anyone's; merging is idempotent and does not depend on the order


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("templates")
    team = make_team(folder / "team", ("lead", "ann", "bob", "cy"))
    # Each reviewer's first note reaches every copy, so every copy can reply to it.
    own = {name: annotate(team.stores[name], team.brief_id, words, "First", NAMES[name])
           for name, words in (("ann", "Freight volumes"), ("bob", "grain cooperatives"),
                               ("cy", "monthly freight figures"))}
    bundles_ = {name: team.bundle(name, "-first") for name in own}
    for name in own:
        for other, bundle in bundles_.items():
            if other != name:
                import_bundle(team.stores[name], bundle)
    paths = {name: store.path for name, store in team.stores.items()}
    brief_id, shared = team.brief_id, list(team.shared)
    team.close()
    return {"paths": paths, "brief_id": brief_id, "shared": shared, "own": own}


REVIEWERS = {"ann": ANN, "bob": BOB, "cy": CY}
TAGS = (None, "Indicator", "Claim", "Indicator › economic")
WORDS = ("Check", "Source?", "Agreed", "Not sure", "")

_op = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(SPANS), st.sampled_from(TAGS),
              st.sampled_from(WORDS)),
    st.tuples(st.just("edit"), st.integers(0, 9), st.sampled_from(WORDS),
              st.sampled_from(("open", "resolved")), st.sampled_from(TAGS)),
    st.tuples(st.just("delete"), st.integers(0, 9)),
    st.tuples(st.just("reply"), st.integers(0, 20), st.sampled_from(WORDS[:4])),
    st.tuples(st.just("unreply"), st.integers(0, 9)),
    st.tuples(st.just("suggest"), st.sampled_from(SPANS), st.sampled_from(("X", "Y"))),
    st.tuples(st.just("withdraw"), st.integers(0, 9)),
)
_work = st.fixed_dictionaries({name: st.lists(_op, max_size=6) for name in REVIEWERS})


def _apply(store: Store, brief_id: str, reviewer: str, ops: list[tuple[Any, ...]]) -> None:
    for op in ops:
        notes = sorted(list_annotations(store, brief_id), key=lambda n: n.id)
        mine = [n for n in notes if n.reviewer == reviewer]
        kind = op[0]
        if kind == "add":
            annotate(store, brief_id, op[1], op[3], reviewer, tag=op[2])
        elif kind in ("edit", "delete") and mine:
            note = mine[op[1] % len(mine)]
            if kind == "edit":
                update_annotation(store, note.id, comment=op[2], status=op[3],
                                  tag_id=tag_id(store, op[4]) if op[4] else None)
            else:
                delete_annotation(store, note.id)
        elif kind == "reply" and notes:
            add_reply(store, notes[op[1] % len(notes)].id, op[2], reviewer=reviewer)
        elif kind == "unreply":
            replies = sorted((r for n in notes for r in n.replies if r.reviewer == reviewer),
                             key=lambda r: r.id)
            if replies:
                delete_reply(store, replies[op[1] % len(replies)].id)
        elif kind == "suggest":
            suggest_edit(store, brief_id, *span(store, brief_id, op[1]), op[2],
                         reviewer=reviewer)
        elif kind == "withdraw":
            suggestions = sorted((s for s in suggestion_views(store, brief_id)
                                  if s.reviewer == reviewer), key=lambda s: s.id)
            if suggestions:
                withdraw_suggestion(store, suggestions[op[1] % len(suggestions)].id)


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
                 for name in templates["paths"]}
        bundle_of = {}
        for name in REVIEWERS:
            with Store(paths[name]) as store:
                _apply(store, brief_id, REVIEWERS[name], work[name])
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
        # The lead's desk: every order of the three bundles gives the same content.
        first = merged("abc", "lead", list(REVIEWERS))
        other = merged("any", "lead", order)
        assert dump(first) == dump(other)
        # Each reviewer merging the other two ends up with what the lead has.
        for name in REVIEWERS:
            theirs = merged(f"at-{name}", name, [n for n in order if n != name])
            assert {k: v for k, v in dump(theirs, history=False).items()} == \
                {k: v for k, v in dump(first, history=False).items()}, name
        shutil.rmtree(folder, ignore_errors=True)
