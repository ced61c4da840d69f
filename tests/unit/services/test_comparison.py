"""Comparing a version with the one before it: the annotations of both, where each carried
one came from, and what changed in the paragraphs and the lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.errors import InputError
from reviewdesk.services.annotations import annotate
from reviewdesk.services.briefs import import_files
from reviewdesk.services.comparison import FIRST_VERSION, load_comparison
from reviewdesk.services.versions import import_version
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines

FIRST = """\
# Ferry Timetable Review

The morning ferry left at six for most of the year.

Fares stayed the same for pensioners.

## Recommendations

1. The operator should publish delays every week.

## References

- Port Office. (2023). Timetable notes.
"""

SECOND = """\
# Ferry Timetable Review

The morning ferry left at seven for most of the year.

A night ferry was added in the summer.

## Recommendations

1. The operator should publish delays every week.
2. The council should fund a second boat.

## References

- Port Office. (2023). Timetable notes.
"""


@pytest.fixture
def versions(store: Store, tmp_path: Path) -> tuple[str, str]:
    first, second = tmp_path / "ferry.md", tmp_path / "ferry-v2.md"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    first_id = import_files(store, [first])[0].id
    annotate(store, first_id, "morning ferry", tag="Indicator")
    return first_id, import_version(store, second, of=first_id).id


def test_a_first_version_has_nothing_to_compare(store: Store,
                                                versions: tuple[str, str]) -> None:
    with pytest.raises(InputError, match=FIRST_VERSION):
        load_comparison(store, versions[0])


def test_the_comparison_of_two_versions(store: Store, versions: tuple[str, str]) -> None:
    comparison = load_comparison(store, versions[1])
    assert (comparison.old.id, comparison.new.id) == versions
    assert [v.quote for v in comparison.new_annotations] == ["morning ferry"]
    carried = comparison.new_annotations[0]
    assert comparison.carried_from == {carried.id: comparison.old_annotations[0].id}
    assert [c.kind for c in comparison.recommendations] == ["same", "added"]
    assert [c.kind for c in comparison.references] == ["same"]
    kinds = {c.kind for c in comparison.blocks}
    assert {"changed", "same"} <= kinds


def test_the_marks_on_each_side(store: Store, versions: tuple[str, str]) -> None:
    comparison = load_comparison(store, versions[1])
    old, new = comparison.marks()
    changed = next(c for c in comparison.blocks if c.kind == "changed")
    assert changed.old_index is not None and changed.new_index is not None
    assert old.kinds[changed.old_index] == new.kinds[changed.new_index] == "changed"
    (start, end), = old.words[changed.old_index]
    assert comparison.old.blocks[changed.old_index].text[start:end] == "six"
    (start, end), = new.words[changed.new_index]
    assert comparison.new.blocks[changed.new_index].text[start:end] == "seven"
    assert all(kind != "same" for kind in [*old.kinds.values(), *new.kinds.values()])
