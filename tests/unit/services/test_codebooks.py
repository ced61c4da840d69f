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

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines


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


def _chain(store: Store, levels: int, under: str | None = None) -> list[str]:
    """Ids of `levels` tags, each under the one before (the first under `under`)."""
    ids: list[str] = []
    for level in range(levels):
        parent = ids[-1] if ids else under
        ids.append(codebooks.add_tag(store, f"level {level + 1}", "#aabbcc",
                                     parent_id=parent).id)
    return ids


def test_tags_nest_at_most_the_depth_a_file_may_have(store: Store) -> None:
    from reviewdesk.domain.limits import MAX_TAG_DEPTH

    deepest = _chain(store, MAX_TAG_DEPTH)[-1]
    before = _paths(codebooks.default_codebook(store))
    with pytest.raises(InputError, match=f"at most {MAX_TAG_DEPTH} levels deep"):
        codebooks.add_tag(store, "too deep", "#aabbcc", parent_id=deepest)
    assert _paths(codebooks.default_codebook(store)) == before


def test_moving_a_branch_keeps_it_within_the_depth(store: Store) -> None:
    from reviewdesk.domain.limits import MAX_TAG_DEPTH

    branch = _chain(store, 3)  # three levels: level 1 › level 2 › level 3
    other = _chain(store, MAX_TAG_DEPTH - 3, under=_id(store, "Risk"))
    codebooks.move_tag(store, branch[0], other[-2])  # 1 + 6 levels + 3 = 10: fits
    before = _paths(codebooks.default_codebook(store))
    with pytest.raises(InputError, match="this would be 11"):
        codebooks.move_tag(store, branch[0], other[-1])
    assert _paths(codebooks.default_codebook(store)) == before


def test_a_tag_name_has_a_length_limit(store: Store) -> None:
    from reviewdesk.domain.limits import MAX_TAG_NAME_CHARS

    codebooks.add_tag(store, "x" * MAX_TAG_NAME_CHARS, "#aabbcc")
    with pytest.raises(InputError, match=f"at most {MAX_TAG_NAME_CHARS} characters"):
        codebooks.add_tag(store, "y" * (MAX_TAG_NAME_CHARS + 1), "#aabbcc")
    with pytest.raises(InputError, match=f"at most {MAX_TAG_NAME_CHARS} characters"):
        codebooks.update_tag(store, _id(store, "Risk"), name="z" * (MAX_TAG_NAME_CHARS + 1))
