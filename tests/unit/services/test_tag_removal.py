"""Deleting a tag with its annotations, and restoring both exactly as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.domain.codebook import Codebook
from reviewdesk.errors import InputError
from reviewdesk.services import codebooks
from reviewdesk.services.annotations import add_reply, annotate, brief_annotations
from reviewdesk.services.briefs import import_files
from reviewdesk.services.tag_removal import TagUse, remove_tag, restore_tag, tag_use
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines


def _paths(codebook: Codebook) -> list[str]:
    return [codebook.path(tag) for tag in sorted(codebook.tags, key=lambda t: t.position)]


def _id(store: Store, name: str) -> str:
    tag = codebooks.default_codebook(store).find(name)
    assert tag is not None
    return tag.id


def test_delete_takes_the_annotations_and_undo_puts_everything_back(
        store: Store, brief_file: Path) -> None:
    brief_id = import_files(store, [brief_file])[0].id
    perch = annotate(store, brief_id, "perch", tag="Risk", comment="Only one species?")
    annotate(store, brief_id, "patrol boat", tag="Risk")
    annotate(store, brief_id, "Alby", tag="Claim", comment="Which port?")
    reply = add_reply(store, perch.id, "Perch and pike, says the annex.")
    before = codebooks.default_codebook(store)
    risk = before.find("Risk")
    assert risk is not None
    assert tag_use(store, risk.id) == TagUse(2, 1)

    removed = remove_tag(store, risk.id)
    after = codebooks.default_codebook(store)
    assert after.find("Risk") is None
    assert [view.quote for view in brief_annotations(store, brief_id)] == ["Alby"]
    assert len(removed.annotations) == 2

    restore_tag(store, removed)
    again = codebooks.default_codebook(store)
    back = again.by_id(risk.id)
    assert back is not None
    assert (back.name, back.colour, back.shortcut, back.parent_id) == (
        risk.name, risk.colour, risk.shortcut, risk.parent_id)
    assert _paths(again) == _paths(before)
    views = {view.quote: view for view in brief_annotations(store, brief_id)}
    assert set(views) == {"perch", "patrol boat", "Alby"}
    assert views["perch"].id == perch.id and views["perch"].tag == "Risk"
    assert views["perch"].comment == "Only one species?"
    assert [r.text for r in views["perch"].replies] == [reply.text]


def test_a_sub_tag_comes_back_under_its_parent_in_its_place(store: Store) -> None:
    before = _paths(codebooks.default_codebook(store))
    removed = remove_tag(store, _id(store, "economic"))
    assert "Indicator › economic" not in _paths(codebooks.default_codebook(store))
    restore_tag(store, removed)
    assert _paths(codebooks.default_codebook(store)) == before


def test_a_tag_with_sub_tags_is_refused_and_nothing_changes(store: Store,
                                                             brief_file: Path) -> None:
    brief_id = import_files(store, [brief_file])[0].id
    annotate(store, brief_id, "perch", tag="Indicator")
    with pytest.raises(InputError, match="has sub-tags"):
        remove_tag(store, _id(store, "Indicator"))
    assert len(brief_annotations(store, brief_id)) == 1
    assert codebooks.default_codebook(store).find("Indicator") is not None


def test_restore_is_refused_when_the_key_went_to_another_tag(store: Store) -> None:
    risk = codebooks.default_codebook(store).find("Risk")
    assert risk is not None and risk.shortcut is not None
    removed = remove_tag(store, risk.id)
    codebooks.update_tag(store, _id(store, "Reason"), shortcut=risk.shortcut)
    with pytest.raises(InputError, match="already belongs to 'Reason'"):
        restore_tag(store, removed)
    assert codebooks.default_codebook(store).find("Risk") is None


def test_swap_shortcuts_twice_is_where_it_started(store: Store) -> None:
    risk, indicator = _id(store, "Risk"), _id(store, "Indicator")
    swapped = codebooks.swap_shortcuts(store, risk, indicator)
    codebook = codebooks.default_codebook(store)
    assert swapped.shortcut == "1"
    assert [codebook.by_id(i).shortcut for i in (risk, indicator)] == ["1", "6"]  # type: ignore[union-attr]
    codebooks.swap_shortcuts(store, risk, indicator)
    codebook = codebooks.default_codebook(store)
    assert [codebook.by_id(i).shortcut for i in (risk, indicator)] == ["6", "1"]  # type: ignore[union-attr]


def test_tag_use_counts_with_the_plurals_right() -> None:
    assert TagUse(1, 1).describe() == "1 annotation on 1 brief"
    assert TagUse(3, 2).describe() == "3 annotations on 2 briefs"
