"""Bundles crafted as an attacker (or a confused colleague) would: each may touch only what
it carries and what its signer owns, and every refusal is one sentence with nothing
changed. The numbers are those of the attacks in the issue that asked for this."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.support.bundles import (
    MEMO_MD,
    NAMES,
    Team,
    annotate,
    dump,
    make_team,
    rewrite,
    rows_of,
    write,
)

from reviewdesk import cli
from reviewdesk.errors import InputError
from reviewdesk.services.annotations import list_annotations, update_annotation
from reviewdesk.services.briefs import import_files
from reviewdesk.services.bundles import UnknownSignerError, export_bundle, import_bundle
from reviewdesk.services.export import export_brief
from reviewdesk.services.interchange import export_annotations, import_annotations
from reviewdesk.services.trust import own_key
from reviewdesk.storage.store import Store

LENA, ANN, BOB = NAMES["lead"], NAMES["ann"], NAMES["bob"]
Rows = list[dict[str, Any]]


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[Team, str, str]]:
    """The team, plus a memo on the lead's desk that no bundle carries, with a note."""
    team = make_team(tmp_path / "team")
    lead = team.stores["lead"]
    memo = import_files(lead, [write(tmp_path / "memo.md", MEMO_MD)])[0].id
    note = annotate(lead, memo, "second dredger", "Budget?", LENA)
    yield team, memo, note
    team.close()


def _bobs_bundle(team: Team, label: str, **edits: Callable[[Rows], Any]) -> Path:
    """Bob's bundle of the rail brief only, edited and signed again by Bob: a trusted
    colleague's key on a crafted file."""
    bob = team.stores["bob"]
    annotate(bob, team.brief_id, "grain cooperatives", "Bob's own note", BOB)
    clean = team.folder / f"bob-{label}-clean.rdbundle"
    export_bundle(bob, [team.brief_id], clean)
    return rewrite(clean, team.folder / f"bob-{label}.rdbundle",
                   edit={f"{member}.json": edit for member, edit in edits.items()},
                   sign_with=bob)


def _reviewer_id(bundle: Path, name: str) -> str:
    [row] = [r for r in rows_of(bundle, "reviewers.json") if r["name"] == name]
    return str(row["id"])


def _refused(store: Store, bundle: Path, words: str) -> str:
    before = dump(store.path)
    with pytest.raises(InputError) as raised:
        import_bundle(store, bundle)
    message = str(raised.value)
    assert words in message, message
    assert message.startswith(f"cannot import {bundle.name}: ") and "\n" not in message
    assert dump(store.path) == before
    return message


def _memo_note(store: Store, memo: str, note: str) -> tuple[str, str]:
    [found] = [n for n in list_annotations(store, memo) if n.id == note]
    return found.comment, found.quote


# 1. A tombstone deletes across briefs ------------------------------------------------------


def test_1_a_tombstone_for_another_briefs_annotation_is_refused(
        desk: tuple[Team, str, str]) -> None:
    team, memo, note = desk
    lead = team.stores["lead"]
    clean = team.folder / "clean.rdbundle"
    export_bundle(team.stores["bob"], [team.brief_id], clean)
    bob_id = _reviewer_id(clean, BOB)
    for label, author in (("as-bob", bob_id), ("as-lena", _reviewer_id(clean, LENA))):
        def tombstone(rows: Rows, author: str = author) -> None:
            rows.append({"id": note, "kind": "annotation", "brief_id": team.brief_id,
                         "deleted_at": "2026-01-01T00:00:00+00:00", "reviewer_id": author})
        bundle = _bobs_bundle(team, label, tombstones=tombstone)
        _refused(lead, bundle, f"its deletion {note[:8]} would delete an annotation of "
                               "another brief")
    assert _memo_note(lead, memo, note) == ("Budget?", "second dredger")


def test_1_a_tombstone_naming_a_brief_the_bundle_does_not_carry_is_damage(
        desk: tuple[Team, str, str]) -> None:
    team, memo, note = desk

    def tombstone(rows: Rows) -> None:
        rows.append({"id": note, "kind": "annotation", "brief_id": memo,
                     "deleted_at": "2026-01-01T00:00:00+00:00", "reviewer_id": None})
    bundle = _bobs_bundle(team, "memo", tombstones=tombstone)
    with pytest.raises(InputError, match="names a brief the bundle does not hold"):
        import_bundle(team.stores["lead"], bundle)


# 2. A colliding id rewrites another brief's annotation -------------------------------------


def test_2_an_annotation_with_the_id_of_another_briefs_is_refused(
        desk: tuple[Team, str, str]) -> None:
    team, memo, note = desk
    lead = team.stores["lead"]

    def collide(rows: Rows) -> None:
        row = next(r for r in rows if r["comment"] == "Bob's own note")
        row.update(id=note, modified="2099-01-01T00:00:00+00:00", comment="Rewritten")
    bundle = _bobs_bundle(team, "collide", annotations=collide)
    _refused(lead, bundle, f"its annotation {note[:8]} has the id of one on another brief")
    assert _memo_note(lead, memo, note) == ("Budget?", "second dredger")
    # The lead's database still writes bundles every database takes.
    again = export_bundle(lead, [], team.folder / "lead-after.rdbundle").path
    assert import_bundle(team.stores["ann"], again).changed


def test_2_ids_of_other_kinds_and_other_parents_are_refused(
        desk: tuple[Team, str, str]) -> None:
    team, _memo, note = desk
    lead = team.stores["lead"]
    closure = team.shared[0]

    def reply_as_annotation(rows: Rows) -> None:
        rows[0]["id"] = note  # a reply with the id of an annotation

    _refused(lead, _bobs_bundle(team, "kind", replies=reply_as_annotation),
             "has the id of an annotation here")

    def reply_moved(rows: Rows) -> None:
        # The lead's reply, said to answer another note of the same brief.
        rows[0]["annotation_id"] = team.shared[1]
    _refused(lead, _bobs_bundle(team, "parent", replies=reply_moved),
             "has the id of a reply to another annotation here")
    assert closure  # the shared note keeps its reply
    [shared] = [n for n in list_annotations(lead, team.brief_id) if n.id == closure]
    assert [r.text for r in shared.replies] == ["It closed in March."]


# 3. A clock from the future wins forever ----------------------------------------------------


def test_3_a_rewrite_of_someone_elses_note_from_the_future_is_left_out(
        desk: tuple[Team, str, str]) -> None:
    team, _memo, _note = desk
    lead, ann = team.stores["lead"], team.stores["ann"]
    closure = team.shared[0]

    def rewrite_lenas(rows: Rows) -> None:
        row = next(r for r in rows if r["id"] == closure)
        row.update(comment="Bob's rewrite", modified="9999-01-01T00:00:00+00:00",
                   revision=10**6)
    bundle = _bobs_bundle(team, "future", annotations=rewrite_lenas)
    report = import_bundle(ann, bundle)
    assert report.left_out == 1 and report.annotations_updated == 0
    assert any("other reviewers' work" in w for w in report.warnings)
    assert any("ahead of this computer's clock" in w for w in report.warnings)
    [kept] = [n for n in list_annotations(ann, team.brief_id) if n.id == closure]
    assert kept.comment == "When exactly?"
    assert lead  # the lead's own copy never saw it


def test_3_a_wrong_clock_loses_to_the_leads_later_correction(
        desk: tuple[Team, str, str]) -> None:
    team, _memo, _note = desk
    lead = team.stores["lead"]

    def wrong_clock(rows: Rows) -> None:
        row = next(r for r in rows if r["comment"] == "Bob's own note")
        row["modified"] = "9999-01-01T00:00:00+00:00"
    bundle = _bobs_bundle(team, "clock", annotations=wrong_clock)
    report = import_bundle(lead, bundle)
    assert report.annotations_added == 1 and report.times_from_the_future == 1
    [bobs] = [n for n in list_annotations(lead, team.brief_id) if n.comment == "Bob's own note"]
    assert bobs.modified.year < 9999  # taken as now
    update_annotation(lead, bobs.id, comment="Lena corrects it")
    for _ in range(2):
        again = import_bundle(lead, bundle)
        assert again.annotations_updated == 0
    [after] = [n for n in list_annotations(lead, team.brief_id) if n.id == bobs.id]
    assert after.comment == "Lena corrects it"


# 4. Identities are names --------------------------------------------------------------------


def test_4_a_reply_signed_with_the_leads_name_is_left_out(desk: tuple[Team, str, str]) -> None:
    team, _memo, _note = desk
    lead, ann = team.stores["lead"], team.stores["ann"]
    closure = team.shared[0]
    clean = team.folder / "names.rdbundle"
    export_bundle(team.stores["bob"], [], clean)
    lena = _reviewer_id(clean, LENA)

    def forged_reply(rows: Rows) -> None:
        rows.append({"id": "6f0d3c1e-0000-4000-8000-000000000001", "annotation_id": closure,
                     "reviewer_id": lena, "text": "Approved. (Lena)",
                     "created": "2026-11-01T09:00:00+00:00"})
    bundle = _bobs_bundle(team, "reply", replies=forged_reply)
    for store in (lead, ann):
        report = import_bundle(store, bundle)
        assert report.replies_added == 0 and report.left_out >= 1
        [shared] = [n for n in list_annotations(store, team.brief_id) if n.id == closure]
        assert "Approved. (Lena)" not in [r.text for r in shared.replies]


def test_4_a_bundle_cannot_edit_another_reviewers_annotations(
        desk: tuple[Team, str, str]) -> None:
    team, _memo, _note = desk
    ann, bob, lead = team.stores["ann"], team.stores["bob"], team.stores["lead"]
    note = annotate(ann, team.brief_id, "Freight volumes", "Ann's note", ANN)
    import_bundle(bob, team.bundle("ann"))
    import_bundle(lead, team.bundle("ann", "-2"))
    update_annotation(bob, note, comment="Bob edits Ann's note")
    report = import_bundle(lead, team.bundle("bob"))
    assert report.annotations_updated == 0 and report.left_out == 1
    [kept] = [n for n in list_annotations(lead, team.brief_id) if n.id == note]
    assert kept.comment == "Ann's note"


def test_4_a_forged_identity_is_refused(desk: tuple[Team, str, str]) -> None:
    team, _memo, _note = desk
    lead = team.stores["lead"]
    clean = team.folder / "identity.rdbundle"
    export_bundle(team.stores["bob"], [], clean)
    bob_key = own_key(team.stores["bob"]).public_key
    lena = _reviewer_id(clean, LENA)

    def claim_lenas_id(rows: Rows) -> None:
        next(r for r in rows if r["id"] == lena)["public_key"] = bob_key
    _refused(lead, _bobs_bundle(team, "lena-id", reviewers=claim_lenas_id),
             f"it says {LENA!r} works with its signer's key, but this database knows "
             f"{LENA!r} by another key")

    impostor = "6f0d3c1e-0000-4000-8000-000000000002"

    def new_lena(rows: Rows) -> None:
        rows.append({"id": impostor, "name": " Lena  Lund", "initials": "LL",
                     "public_key": bob_key})

    def by_new_lena(rows: Rows) -> None:
        next(r for r in rows if r["comment"] == "Bob's own note")["reviewer_id"] = impostor
    # Beside the real Lena in the same bundle; then alone, as the lead's database knows her.
    _refused(lead, _bobs_bundle(team, "lena-name", reviewers=new_lena,
                                annotations=by_new_lena),
             "two of its reviewers have the same name")

    def only_new_lena(rows: Rows) -> None:
        new_lena(rows)
        rows[:] = [r for r in rows if r["id"] != lena]

    def nothing_by_lena(rows: Rows) -> None:
        by_new_lena(rows)
        rows[:] = [r for r in rows if r["reviewer_id"] != lena]

    def no_replies(rows: Rows) -> None:
        rows.clear()
    _refused(lead, _bobs_bundle(team, "lena-alone", reviewers=only_new_lena,
                                annotations=nothing_by_lena, replies=no_replies,
                                annotation_superseded=no_replies,
                                annotation_events=no_replies,
                                claim_links=no_replies, evidence_links=no_replies),
             f"it says {LENA!r} works with its signer's key, but this database knows "
             f"{LENA!r} by another key")


def test_4_a_bundle_changed_without_its_signers_key_is_refused(
        desk: tuple[Team, str, str]) -> None:
    team, _memo, _note = desk
    ann = team.stores["ann"]
    annotate(team.stores["bob"], team.brief_id, "grain cooperatives", "Bob's note", BOB)
    clean = team.bundle("bob")

    def louder(rows: Rows) -> None:
        for row in rows:
            row["comment"] = row["comment"].upper()
    forged = rewrite(clean, team.folder / "forged.rdbundle",
                     edit={"annotations.json": louder})
    _refused(ann, forged, "its signature does not match its contents")
    # Signed again by a stranger's key: that key is unknown here.
    with Store(team.folder / "stranger.sqlite3") as stranger:
        resigned = rewrite(clean, team.folder / "stranger.rdbundle",
                           edit={"annotations.json": louder}, sign_with=stranger)
    with pytest.raises(UnknownSignerError, match="a key this database does not know yet"):
        import_bundle(ann, resigned)


# 6. Crashes where one sentence was due ------------------------------------------------------


@pytest.mark.parametrize(("member", "change", "words"), [
    ("briefs", {"version": 2**63}, "version is not a whole number from 0 to"),
    ("briefs", {"version": 0}, "has no version number"),
    ("annotations", {"created": "0001-01-01T00:30:00+01:00"}, "created is not a time"),
    ("annotations", {"modified": "9999-12-31T23:59:59-01:00"}, "modified is not a time"),
    ("tombstones", {"deleted_at": "99999-01-01T00:00:00+00:00"}, "is not a time"),
])
def test_6_numbers_and_times_out_of_range_are_one_sentence(
        desk: tuple[Team, str, str], member: str, change: dict[str, Any], words: str) -> None:
    team, _memo, _note = desk

    def edit(rows: Rows) -> None:
        if not rows:
            rows.append({"id": "6f0d3c1e-0000-4000-8000-000000000003", "kind": "annotation",
                         "brief_id": team.brief_id, "deleted_at": "", "reviewer_id": None})
        rows[0].update(change)
    bundle = _bobs_bundle(team, f"{member}-{sorted(change)[0]}", **{member: edit})
    with pytest.raises(InputError, match=words) as raised:
        import_bundle(team.stores["lead"], bundle)
    assert "\n" not in str(raised.value)


def test_6_a_time_in_year_9999_without_an_offset_overflow_is_taken_as_now(
        desk: tuple[Team, str, str]) -> None:
    team, _memo, _note = desk

    def edit(rows: Rows) -> None:
        for row in rows:
            row["created"] = row["modified"] = "9999-12-31T23:59:59+00:00"
    report = import_bundle(team.stores["lead"], _bobs_bundle(team, "9999", annotations=edit))
    assert report.annotations_added == 1 and report.times_from_the_future >= 2


# 7. Small inputs that cost a lot ------------------------------------------------------------


def test_7_a_bundle_of_too_many_annotations_is_refused_before_it_is_read(
        desk: tuple[Team, str, str]) -> None:
    team, _memo, _note = desk
    rows = json.dumps([{"id": str(i)} for i in range(100_001)]).encode()
    clean = team.folder / "many-clean.rdbundle"
    export_bundle(team.stores["bob"], [], clean)
    bundle = rewrite(clean, team.folder / "many.rdbundle",
                     replace={"annotations.json": rows}, sign_with=team.stores["bob"])
    with pytest.raises(InputError, match=r"annotations\.json holds more than 100,000 entries"):
        import_bundle(team.stores["lead"], bundle)


def test_7_tags_nested_too_deep_are_refused(desk: tuple[Team, str, str]) -> None:
    team, _memo, _note = desk

    def deep(rows: Rows) -> None:
        parent = None
        for depth in range(12):
            tag = {"id": f"6f0d3c1e-0000-4000-8000-{depth:012d}", "codebook_id": "c",
                   "parent_id": parent, "name": f"Level {depth}", "colour": "#888888",
                   "shortcut": None, "description": "", "position": depth}
            rows.append(tag)
            parent = tag["id"]
    with pytest.raises(InputError, match="its tags nest more than 10 deep"):
        import_bundle(team.stores["lead"], _bobs_bundle(team, "deep", tags=deep))


# 2, in the other formats: an annotation file and a Word file may add to their own brief
# only ---------------------------------------------------------------------------------------


def test_2_a_json_ld_file_cannot_reply_to_another_briefs_annotation(
        desk: tuple[Team, str, str]) -> None:
    team, memo, note = desk
    lead = team.stores["lead"]
    collection = export_annotations(lead, memo)
    [item] = collection["first"]["items"]
    reply = {"@context": item.get("@context", "http://www.w3.org/ns/anno.jsonld"),
             "id": "urn:uuid:6f0d3c1e-0000-4000-8000-000000000009", "type": "Annotation",
             "motivation": "replying", "target": item["id"],
             "body": {"type": "TextualBody", "value": "Slipped in", "purpose": "replying"},
             "creator": {"type": "Person", "name": ANN}}
    collection["first"]["items"].append(reply)
    collection["total"] = 2
    before = dump(lead.path)
    with pytest.raises(InputError, match=f"the file's annotation {note[:8]} has the id of an "
                                         "annotation of another brief here"):
        import_annotations(lead, team.brief_id, json.dumps(collection))
    assert dump(lead.path) == before
    [kept] = [n for n in list_annotations(lead, memo) if n.id == note]
    assert kept.replies == ()


def test_2_a_word_file_naming_another_brief_is_not_merged_into_it(
        desk: tuple[Team, str, str]) -> None:
    team, memo, _note = desk
    lead = team.stores["lead"]
    exported = team.folder / "memo.docx"
    export_brief(lead, memo, exported)
    # The memo's Word file, relabelled as the rail brief's export.
    forged = team.folder / "forged.docx"
    with zipfile.ZipFile(exported) as source, zipfile.ZipFile(forged, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/custom.xml":
                assert memo.encode() in data
                data = data.replace(memo.encode(), team.brief_id.encode())
            target.writestr(info, data)
    rail_before = [(n.id, n.comment, len(n.replies))
                   for n in list_annotations(lead, team.brief_id)]
    [result] = import_files(lead, [forged])
    assert result.id != team.brief_id
    assert [(n.id, n.comment, len(n.replies))
            for n in list_annotations(lead, team.brief_id)] == rail_before


def test_3_times_from_the_future_in_an_annotation_file_are_taken_as_now(
        desk: tuple[Team, str, str]) -> None:
    team, memo, _note = desk
    lead = team.stores["lead"]
    collection = export_annotations(lead, memo)
    [item] = collection["first"]["items"]
    item["id"] = "urn:uuid:6f0d3c1e-0000-4000-8000-00000000000a"
    item["created"] = item["modified"] = "9999-01-01T00:00:00Z"
    with Store(team.folder / "elsewhere.sqlite3") as elsewhere:
        brief = import_files(elsewhere, [write(team.folder / "memo-copy.md", MEMO_MD)])[0].id
        report = import_annotations(elsewhere, brief, json.dumps(collection))
        assert report.added == 1 and report.times_from_the_future == 2
        [note] = list_annotations(elsewhere, brief)
        assert note.created.year < 9999 and note.modified.year < 9999


def test_7_text_longer_than_a_review_needs_is_refused(desk: tuple[Team, str, str]) -> None:
    team, _memo, _note = desk

    def long_prefix(rows: Rows) -> None:
        next(r for r in rows if r["comment"] == "Bob's own note")["prefix"] = "x" * 1_001
    with pytest.raises(InputError, match=r"prefix is longer than 1,000 characters"):
        import_bundle(team.stores["lead"], _bobs_bundle(team, "prefix",
                                                        annotations=long_prefix))


def test_4_the_command_line_says_nothing_was_merged_when_all_was_left_out(
        desk: tuple[Team, str, str], capsys: pytest.CaptureFixture[str]) -> None:
    team, _memo, _note = desk
    lead = team.stores["lead"]
    closure = team.shared[0]

    def rewrite_lenas(rows: Rows) -> None:
        next(r for r in rows if r["id"] == closure).update(comment="Bob's rewrite",
                                                            revision=9)
    bundle = _bobs_bundle(team, "only-others", annotations=rewrite_lenas)
    import_bundle(lead, bundle)  # Bob's own note arrives; the rewrite is left out
    assert cli.main(["--db", str(lead.path), "bundle", "import", str(bundle)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"Nothing merged from {bundle}: what it holds is here already, or "
                          "was left out (see the warnings).")
    assert err.splitlines() == [
        "reviewdesk: warning: 1 change to other reviewers' work was left out: a reviewer's "
        "annotations, replies and suggested edits change only through bundles they signed"]
