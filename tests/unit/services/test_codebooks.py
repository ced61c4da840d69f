"""Editing the default codebook: every edit validated, a refused edit changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.domain.codebook import Codebook
from reviewdesk.errors import InputError
from reviewdesk.services import codebooks
from reviewdesk.services.annotations import annotate
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store


def _paths(codebook: Codebook) -> list[str]:
    """Paths in stored (position) order, which must walk the tree depth-first."""
    return [codebook.path(tag) for tag in sorted(codebook.tags, key=lambda t: t.position)]


def _id(store: Store, name: str) -> str:
    tag = codebooks.default_codebook(store).find(name)
    assert tag is not None
    return tag.id


def test_add_a_sub_tag_lands_under_its_parent(store: Store) -> None:
    added = codebooks.add_tag(store, " legal ", "#AABBCC", parent_id=_id(store, "Indicator"),
                              shortcut="8", index=0)
    codebook = codebooks.default_codebook(store)
    assert (added.name, added.colour, added.shortcut) == ("legal", "#aabbcc", "8")
    assert _paths(codebook)[:3] == ["Indicator", "Indicator › legal", "Indicator › diplomatic"]


@pytest.mark.parametrize(("name", "colour", "shortcut", "message"), [
    ("", "#aabbcc", None, "needs a name"),
    ("Reason", "#aabbcc", None, "already a tag"),
    ("Doubt", "red", None, "#rrggbb"),
    ("Doubt", "#aabbcc", "1", "already belongs to 'Indicator'"),
    ("Doubt", "#aabbcc", "x", "from 1 to 9"),
])
def test_add_refuses_bad_tags(store: Store, name: str, colour: str, shortcut: str | None,
                              message: str) -> None:
    before = _paths(codebooks.default_codebook(store))
    with pytest.raises(InputError, match=message):
        codebooks.add_tag(store, name, colour, shortcut=shortcut)
    assert _paths(codebooks.default_codebook(store)) == before


def test_same_name_is_allowed_under_another_parent(store: Store) -> None:
    codebooks.add_tag(store, "economic", "#123456", parent_id=_id(store, "Risk"))
    assert "Risk › economic" in _paths(codebooks.default_codebook(store))


def test_update_renames_recolours_and_rekeys(store: Store) -> None:
    risk = _id(store, "Risk")
    codebooks.update_tag(store, risk, name="Danger", colour="#010203", shortcut="9")
    tag = codebooks.default_codebook(store).by_id(risk)
    assert tag is not None and (tag.name, tag.colour, tag.shortcut) == ("Danger", "#010203", "9")
    codebooks.update_tag(store, risk, shortcut=None)
    tag = codebooks.default_codebook(store).by_id(risk)
    assert tag is not None and tag.shortcut is None


def test_update_refuses_a_shortcut_clash_and_changes_nothing(store: Store) -> None:
    risk = _id(store, "Risk")
    with pytest.raises(InputError, match="key 2 already belongs to 'Reason'"):
        codebooks.update_tag(store, risk, name="Danger", shortcut="2")
    tag = codebooks.default_codebook(store).by_id(risk)
    assert tag is not None and (tag.name, tag.shortcut) == ("Risk", "6")


def test_move_nests_and_reorders(store: Store) -> None:
    codebooks.move_tag(store, _id(store, "Risk"), _id(store, "Claim"))
    codebooks.move_tag(store, _id(store, "Question"), None, 0)
    paths = _paths(codebooks.default_codebook(store))
    assert paths[0] == "Question" and paths[1] == "Indicator"
    assert paths.index("Claim › Risk") == paths.index("Claim") + 1


def test_move_refuses_a_cycle(store: Store) -> None:
    with pytest.raises(InputError, match="inside itself"):
        codebooks.move_tag(store, _id(store, "Indicator"), _id(store, "economic"))


def test_delete_refuses_used_tags_and_tags_with_children(store: Store,
                                                         brief_file: Path) -> None:
    brief_id = import_files(store, [brief_file])[0].id
    annotate(store, brief_id, "perch", tag="Risk")
    with pytest.raises(InputError, match="used by 1 annotation;"):
        codebooks.delete_tag(store, _id(store, "Risk"))
    with pytest.raises(InputError, match="has sub-tags"):
        codebooks.delete_tag(store, _id(store, "Indicator"))
    codebooks.delete_tag(store, _id(store, "Question"))
    paths = _paths(codebooks.default_codebook(store))
    assert "Risk" in paths and "Question" not in paths
    assert sorted(t.position for t in codebooks.default_codebook(store).tags) == list(
        range(len(paths)))
