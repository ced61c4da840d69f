from __future__ import annotations

import pytest

from reviewdesk.bundled import default_codebook_data
from reviewdesk.domain.codebook import codebook_from_dict
from reviewdesk.domain.review import initials_of


def test_default_codebook_has_the_policy_brief_tags() -> None:
    codebook = codebook_from_dict(default_codebook_data())
    paths = {codebook.path(tag) for tag in codebook.tags}
    for name in ("Indicator", "Reason", "Claim", "Evidence", "Recommendation", "Risk",
                 "Question"):
        assert name in paths
    for sub in ("diplomatic", "economic", "security", "humanitarian", "rhetorical"):
        assert f"Indicator › {sub}" in paths
    shortcuts = [tag.shortcut for tag in codebook.tags if tag.shortcut]
    assert shortcuts == sorted(set(shortcuts))


@pytest.mark.parametrize("name", ["economic", "ECONOMIC", "Indicator › economic",
                                  "indicator/economic", "Indicator > Economic"])
def test_find_accepts_names_and_paths_in_any_case(name: str) -> None:
    codebook = codebook_from_dict(default_codebook_data())
    tag = codebook.find(name)
    assert tag is not None and codebook.path(tag) == "Indicator › economic"


def test_ambiguous_short_names_match_nothing() -> None:
    codebook = codebook_from_dict({"name": "x", "tags": [
        {"name": "A", "colour": "#000000", "children": [{"name": "late"}]},
        {"name": "B", "colour": "#ffffff", "children": [{"name": "late"}]}]})
    assert codebook.find("late") is None
    assert len(codebook.matching("late")) == 2
    found = codebook.find("b/late")
    assert found is not None and found.colour == "#ffffff"


@pytest.mark.parametrize("data", [
    {"tags": []},
    {"name": "x", "tags": [{"name": ""}]},
    {"name": "x", "tags": [{"name": "a", "colour": "red"}]},
    {"name": "x", "tags": [{"name": "a", "shortcut": "1"}, {"name": "b", "shortcut": "1"}]},
])
def test_bad_codebooks_are_refused(data: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        codebook_from_dict(data)


@pytest.mark.parametrize(("name", "initials"), [
    ("Amina Rahimi", "AR"), ("Jo", "JO"), ("Jean-Luc Picard", "JLP"), ("", "?")])
def test_initials(name: str, initials: str) -> None:
    assert initials_of(name) == initials


def test_positions_list_each_tag_under_its_parent() -> None:
    codebook = codebook_from_dict(default_codebook_data())
    ordered = [codebook.path(t) for t in sorted(codebook.tags, key=lambda t: t.position)]
    assert ordered[:7] == ["Indicator", "Indicator › diplomatic", "Indicator › economic",
                           "Indicator › security", "Indicator › humanitarian",
                           "Indicator › rhetorical", "Reason"]
