"""Bundles from three reviewers' databases, tampered with (flipped ids, foreign tombstones,
clocks from the future, forged authors, changes made without the signer's key), merged
into a fourth database in random orders. Whatever a bundle holds:

- nothing outside the briefs it carries changes;
- no reviewer's work changes except through a bundle that reviewer signed (a reply goes
  with its annotation when the annotation's author deletes it);
- reference checks and recommendation decisions change only through a lead's bundle;
- the result is the same in every order.
"""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from tests.support.bundles import (
    MEMO_MD,
    NAMES,
    SPANS,
    annotate,
    make_team,
    rewrite,
    rows_of,
    span,
    write,
)
from tests.support.databases import copy_database

from reviewdesk.domain.findings import ReferenceCheck
from reviewdesk.domain.trust import Role
from reviewdesk.errors import InputError
from reviewdesk.services.annotations import (
    add_reply,
    delete_annotation,
    delete_reply,
    list_annotations,
    update_annotation,
)
from reviewdesk.services.briefs import import_files
from reviewdesk.services.bundle.format import MEMBERS
from reviewdesk.services.bundles import export_bundle, import_bundle
from reviewdesk.services.tracking import (
    recommendations_of,
    references_of,
    set_reference_check,
    suggest_edit,
    update_recommendation,
)
from reviewdesk.services.trust import own_key
from reviewdesk.storage.store import Store

pytestmark = pytest.mark.slow

SIGNERS = ("lead", "ann", "bob")  # whose bundles reach the desk
VARIANTS = 3  # pieces of work each of them did, one bundle each


@dataclass
class World:
    folder: Path
    desk: Path  # Cy's database, where every bundle is merged
    memo: str  # a brief only the desk has
    brief: str
    keys: dict[str, str]  # name -> public key
    people: dict[str, str]  # reviewer name -> id
    targets: dict[str, str]  # what a tamperer aims at: "cy_note", "memo_note", "lena_note"
    bundles: dict[tuple[str, int], Path]
    stores: dict[str, Path]
    now: datetime


def _work(store: Store, brief: str, name: str, rng: random.Random) -> None:
    """Some of everything a reviewer does with their own work, and replies to others'."""
    who = NAMES[name]
    notes = list_annotations(store, brief)
    mine = [n for n in notes if n.reviewer == who]
    for _ in range(rng.randint(1, 3)):
        annotate(store, brief, rng.choice(SPANS), rng.choice(("Check", "Source?", "")), who,
                 tag=rng.choice((None, "Indicator", "Claim")))
    if mine and rng.random() < 0.7:
        update_annotation(store, rng.choice(mine).id, comment=f"{who} edits",
                          status=rng.choice(("open", "resolved")))
    others = [n for n in notes if n.reviewer != who]
    if others:
        reply = add_reply(store, rng.choice(others).id, f"{who} answers.", reviewer=who)
        if rng.random() < 0.3:
            delete_reply(store, reply.id)
    if mine and rng.random() < 0.4:
        delete_annotation(store, rng.choice(mine).id)
    if rng.random() < 0.5:
        suggest_edit(store, brief, *span(store, brief, "fell"), f"{who} rewords", reviewer=who)
    [reference, second] = [t.reference for t in references_of(store, brief)]
    set_reference_check(store, rng.choice((reference, second)).id,
                        rng.choice(list(ReferenceCheck)), note=f"{who} checked")
    [recommendation, _] = [t.recommendation for t in recommendations_of(store, brief)]
    update_recommendation(store, recommendation.id, reviewer=who,
                          status=rng.choice(("accepted", "rejected", "in_progress")))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("trust")
    team = make_team(folder / "team", ("lead", "ann", "bob", "cy"))
    stores = team.stores
    # Each reviewer's first note reaches every copy.
    firsts = {name: annotate(stores[name], team.brief_id, words, "First", NAMES[name])
              for name, words in (("ann", "Freight volumes"), ("bob", "grain cooperatives"),
                                  ("cy", "monthly freight figures"))}
    first_bundles = {name: team.bundle(name, "-first") for name in firsts}
    for name, store in stores.items():
        for other, bundle in first_bundles.items():
            if other != name:
                import_bundle(store, bundle)
    desk = stores["cy"]
    memo = import_files(desk, [write(folder / "memo.md", MEMO_MD)])[0].id
    memo_note = annotate(desk, memo, "second dredger", "Budget?", NAMES["cy"])
    # A note of Cy's on the shared brief that no one else has seen.
    cy_private = annotate(desk, team.brief_id, "road repairs", "Mine alone", NAMES["cy"])
    rng = random.Random(20261202)
    bundles: dict[tuple[str, int], Path] = {}
    templates = {name: stores[name].path for name in SIGNERS}
    keys = {name: own_key(store).public_key for name, store in stores.items()}
    with sqlite3.connect(desk.path) as connection:
        people = dict(connection.execute("SELECT name, id FROM reviewer"))
    team.close()
    for name in SIGNERS:
        for variant in range(VARIANTS):
            path = copy_database(templates[name], folder / f"{name}-{variant}.sqlite3")
            with Store(path) as store:
                _work(store, team.brief_id, name, rng)
                bundles[name, variant] = export_bundle(
                    store, [], folder / f"{name}-{variant}.rdbundle").path
    yield World(folder=folder, desk=desk.path, memo=memo, brief=team.brief_id, keys=keys,
                people=people,
                targets={"cy_private": cy_private, "memo_note": memo_note,
                         "cy_note": firsts["cy"], "lena_note": team.shared[0]},
                bundles=bundles, stores=templates,
                now=datetime.now(UTC) + timedelta(minutes=5))


# ---------------------------------------------------------------------------------------
# Tampering


Rows = list[dict[str, Any]]
Tamper = tuple[str, int]  # (what, a number that picks rows and targets)


def _own(rows: Rows, world: World, signer: str) -> Rows:
    me = world.people[NAMES[signer]]
    return [row for row in rows if row.get("reviewer_id") == me]


def _everywhere(old: str, new: str) -> Callable[[Rows], None]:
    """Every value `old` in a member's rows becomes `new`: an id flipped consistently."""
    def edit(rows: Rows) -> None:
        for row in rows:
            for key, value in row.items():
                if value == old:
                    row[key] = new
    return edit


def _tamper(world: World, signer: str, kind: str, pick: int,
            bundle: Path) -> dict[str, Callable[[Rows], None]]:
    """The edits of one tampering, member by member."""
    targets = world.targets
    aim = list(targets.values())[pick % len(targets)]
    others = [world.people[NAMES[n]] for n in ("lead", "ann", "bob", "cy") if n != signer]
    someone = others[pick % len(others)]
    me = world.people[NAMES[signer]]

    def mine(member: str) -> list[str]:
        return [row["id"] for row in rows_of(bundle, member) if row.get("reviewer_id") == me]

    def flip(member: str) -> dict[str, Callable[[Rows], None]]:
        ids = mine(member)
        if not ids:
            return {}
        edit = _everywhere(ids[pick % len(ids)], aim)
        return {m.name: edit for m in MEMBERS}

    def tombstone(rows: Rows) -> None:
        rows.append({"id": aim, "kind": "annotation", "brief_id": world.brief,
                     "deleted_at": "2026-01-01T00:00:00+00:00",
                     "reviewer_id": me if pick % 2 else someone})

    def future(rows: Rows) -> None:
        for row in rows[pick % 3::3]:
            row["modified"] = "9999-01-01T00:00:00+00:00" if pick % 2 else \
                "2100-06-01T00:00:00+00:00"
            row["revision"] = row.get("revision", 0) + pick % 5

    def forge_author(rows: Rows) -> None:
        for row in [r for r in rows if r.get("reviewer_id") == me][:1 + pick % 2]:
            row["reviewer_id"] = someone

    def forge_key(rows: Rows) -> None:
        for row in rows:
            if row["id"] == someone:
                row["public_key"] = world.keys[signer]

    def forge_name(rows: Rows) -> None:
        for row in rows:
            if row["id"] == me:
                row["name"] = NAMES["cy"] if pick % 2 else NAMES["lead"]

    def edit_others(rows: Rows) -> None:
        for row in rows:
            if row["reviewer_id"] != me:
                row["comment"] = "rewritten by someone else"
                row["revision"] = row.get("revision", 0) + 7

    def rebrief(rows: Rows) -> None:
        for row in [r for r in rows if r.get("reviewer_id") == me][:1]:
            row["brief_id"] = world.memo

    simple: dict[str, dict[str, Callable[[Rows], None]]] = {
        "foreign_tombstone": {"tombstones.json": tombstone},
        "future_clock": {"annotations.json": future},
        "forged_author": {"annotations.json": forge_author, "replies.json": forge_author},
        "forged_key": {"reviewers.json": forge_key},
        "forged_name": {"reviewers.json": forge_name},
        "others_edited": {"annotations.json": edit_others},
        "other_brief": {"annotations.json": rebrief}}
    if kind == "flip_annotation":
        return flip("annotations.json")
    if kind == "flip_reply":
        return flip("replies.json")
    return simple[kind]


KINDS = ("flip_annotation", "flip_reply", "foreign_tombstone", "future_clock",
         "forged_author", "forged_key", "forged_name", "others_edited", "other_brief")


@dataclass(frozen=True)
class Plan:
    variants: dict[str, int]
    tampers: dict[str, tuple[Tamper, ...]]
    resign: dict[str, bool]  # True: by the signer's own key; False: by no key at all
    orders: tuple[tuple[str, ...], tuple[str, ...]]


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    tampers = {name: tuple(draw(st.lists(st.tuples(st.sampled_from(KINDS),
                                                    st.integers(0, 11)), max_size=2)))
               for name in SIGNERS}
    return Plan(variants={name: draw(st.integers(0, VARIANTS - 1)) for name in SIGNERS},
                tampers=tampers,
                resign={name: draw(st.booleans()) for name in SIGNERS},
                orders=(tuple(draw(st.permutations(SIGNERS))),
                        tuple(draw(st.permutations(SIGNERS)))))


def _bundle(world: World, plan: Plan, signer: str, folder: Path) -> Path:
    original = world.bundles[signer, plan.variants[signer]]
    if not plan.tampers[signer]:
        return original
    edits: dict[str, list[Callable[[Rows], None]]] = {}
    for kind, pick in plan.tampers[signer]:
        for member, edit in _tamper(world, signer, kind, pick, original).items():
            edits.setdefault(member, []).append(edit)

    def chain(steps: list[Callable[[Rows], None]]) -> Callable[[Rows], None]:
        def run(rows: Rows) -> None:
            for step in steps:
                step(rows)
        return run

    signer_store = None
    if plan.resign[signer]:
        signer_store = Store(world.stores[signer])
    try:
        return rewrite(original, folder / f"{signer}.rdbundle",
                       edit={member: chain(steps) for member, steps in edits.items()},
                       sign_with=signer_store)
    finally:
        if signer_store is not None:
            signer_store.close()


# ---------------------------------------------------------------------------------------
# What may change


def _snapshot(path: Path) -> dict[str, Any]:
    with sqlite3.connect(path) as connection:
        names = dict(connection.execute("SELECT id, name FROM reviewer"))

        def rows(sql: str) -> list[tuple[Any, ...]]:
            return sorted((tuple(row) for row in connection.execute(sql)), key=repr)

        return {
            "annotations": [(names[who], brief, *rest) for who, brief, *rest in rows(
                "SELECT reviewer_id, brief_id, id, comment, status, start, \"end\", tag_id, "
                "revision, modified FROM annotation")],
            "replies": [(names[who], brief, *rest) for who, brief, *rest in rows(
                "SELECT r.reviewer_id, a.brief_id, r.id, r.annotation_id, r.text FROM reply r "
                "JOIN annotation a ON a.id = r.annotation_id")],
            "held": [(names[who], *rest) for who, *rest in rows(
                "SELECT reviewer_id, brief_id, id, annotation_id, text FROM held_reply")],
            "suggestions": [(names[who], *rest) for who, *rest in rows(
                "SELECT reviewer_id, brief_id, id, replacement FROM suggestion")],
            "tombstones": rows("SELECT id, kind, brief_id, reviewer_id FROM tombstone"),
            "decisions": rows("SELECT id, check_status, note FROM reference") + rows(
                "SELECT id, status, owner, note FROM recommendation"),
            "reviewers": rows("SELECT id, name, public_key FROM reviewer"),
        }


def _check_step(world: World, before: dict[str, Any], after: dict[str, Any], signer: str,
                merged: bool) -> None:
    """What one merge of `signer`'s bundle may have changed."""
    if not merged:
        assert after == before
        return
    author = NAMES[signer]
    deleted_notes = {row[2] for row in before["annotations"] if row[0] == author} - {
        row[2] for row in after["annotations"]}
    for table in ("annotations", "replies", "suggestions", "held"):
        theirs = [row for row in before[table] if row[0] != author]
        now = [row for row in after[table] if row[0] != author]
        if table == "replies":  # a thread goes with its annotation, deleted by its author
            theirs = [row for row in theirs if row[3] not in deleted_notes]
        assert theirs == now, table
    for table in ("annotations", "replies"):
        # Nothing of the memo, which no bundle carries, changes at all.
        assert [r for r in before[table] if r[1] == world.memo] == \
            [r for r in after[table] if r[1] == world.memo], table
    assert [t for t in before["tombstones"] if t[2] == world.memo] == \
        [t for t in after["tombstones"] if t[2] == world.memo]
    if signer != "lead":
        assert after["decisions"] == before["decisions"]
    # Nobody's key changes, and no reviewer is added under another's key.
    known = {row[0]: row[2] for row in before["reviewers"]}
    for reviewer_id, _name, key in after["reviewers"]:
        if reviewer_id in known:
            assert key == known[reviewer_id]
        else:
            assert key == world.keys[signer]


def _merge_all(world: World, plan: Plan, order: tuple[str, ...], bundles: dict[str, Path],
               folder: Path, label: str) -> dict[str, Any]:
    path = copy_database(world.desk, folder / f"desk-{label}.sqlite3")
    with Store(path) as desk:
        for signer in order:
            before = _snapshot(path)
            try:
                report = import_bundle(desk, bundles[signer], now=world.now)
                merged = True
                event("merged, with other reviewers' work left out" if report.left_out
                      else "merged")
                if report.times_from_the_future:
                    event("merged, with times from the future")
            except InputError as error:
                message = str(error)
                assert "\n" not in message and message.startswith("cannot import ")
                merged = False
                event("refused: " + message.split(": ", 1)[1][:90])
            _check_step(world, before, _snapshot(path), signer, merged)
    return _snapshot(path)


@settings(max_examples=int(os.environ.get("TRUST_EXAMPLES", "500")), deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(plan=plans())
# Found by this test: a deletion, forged as Ann's, of a note the lead has deleted himself
# was refused or merged depending on which came first.
@example(plan=Plan(variants={"lead": 0, "ann": 0, "bob": 0},
                   tampers={"lead": (), "ann": (("foreign_tombstone", 3),), "bob": ()},
                   resign={"lead": False, "ann": True, "bob": False},
                   orders=(("lead", "ann", "bob"), ("ann", "lead", "bob"))))
def test_tampered_bundles_touch_only_what_their_signer_owns(world: World,
                                                           plan: Plan) -> None:
    with tempfile.TemporaryDirectory() as raw:
        folder = Path(raw)
        bundles = {signer: _bundle(world, plan, signer, folder) for signer in SIGNERS}
        first = _merge_all(world, plan, plan.orders[0], bundles, folder, "first")
        second = _merge_all(world, plan, plan.orders[1], bundles, folder, "second")
        assert first == second


def test_the_world_is_as_the_property_test_assumes(world: World, tmp_path: Path) -> None:
    """The desk trusts the lead as a lead and the others as reviewers, and the variants'
    bundles merge untampered, carrying work of every kind."""
    path = copy_database(world.desk, tmp_path / "desk.sqlite3")
    with Store(path) as desk:
        for variant in range(VARIANTS):
            for signer in SIGNERS:
                report = import_bundle(desk, world.bundles[signer, variant], now=world.now)
                assert report.role == (Role.LEAD if signer == "lead" else Role.REVIEWER).value
                assert report.annotations_added, (signer, variant)
    with sqlite3.connect(path) as connection:
        counts = [connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("annotation", "reply", "suggestion", "tombstone")]
    assert all(counts), counts
