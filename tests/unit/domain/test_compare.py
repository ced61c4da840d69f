"""Comparing two versions: blocks the same, changed, inserted, deleted or moved, and list
entries the same, changed, added or removed."""

from __future__ import annotations

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.compare import (
    BlockChange,
    ListChange,
    changed_words,
    compare_blocks,
    compare_lists,
    count_kinds,
)
from reviewdesk.importers.markdown import parse_markdown

PARAGRAPHS = [
    "The tram depot in Marrow Street will close for three months from April.",
    "Buses will replace the number 4 tram between the depot and the river.",
    "The council expects the works to cost eleven million, shared with the region.",
    "Shopkeepers on the route asked for a loading bay outside the bakery.",
]


def _brief(*paragraphs: str) -> Brief:
    return parse_markdown("# Tram Works Notice\n\n" + "\n\n".join(paragraphs) + "\n", "x.md")


def _kinds(changes: list[BlockChange]) -> list[tuple[str, int | None, int | None]]:
    return [(c.kind, c.old_index, c.new_index) for c in changes]


def test_an_unchanged_brief_is_the_same_throughout() -> None:
    old, new = _brief(*PARAGRAPHS), _brief(*PARAGRAPHS)
    assert _kinds(compare_blocks(old, new)) == [("same", i, i) for i in range(5)]


def test_a_reworded_paragraph_is_changed_in_its_place() -> None:
    edited = [*PARAGRAPHS]
    edited[2] = "The council now expects the works to cost twelve million, shared with the region."
    changes = compare_blocks(_brief(*PARAGRAPHS), _brief(*edited))
    assert _kinds(changes) == [("same", 0, 0), ("same", 1, 1), ("same", 2, 2),
                               ("changed", 3, 3), ("same", 4, 4)]


def test_an_unrelated_replacement_is_a_deletion_and_an_insertion() -> None:
    edited = [*PARAGRAPHS]
    edited[1] = "Cyclists may use the depot yard as a shortcut during the closure."
    changes = compare_blocks(_brief(*PARAGRAPHS), _brief(*edited))
    assert _kinds(changes)[2:4] == [("deleted", 2, None), ("inserted", None, 2)]


def test_an_inserted_paragraph() -> None:
    added = "A footbridge over the tracks stays open for people on foot."
    changes = compare_blocks(_brief(*PARAGRAPHS), _brief(*PARAGRAPHS[:2], added,
                                                          *PARAGRAPHS[2:]))
    assert _kinds(changes) == [("same", 0, 0), ("same", 1, 1), ("same", 2, 2),
                               ("inserted", None, 3), ("same", 3, 4), ("same", 4, 5)]


def test_a_deleted_paragraph_stays_where_it_was() -> None:
    changes = compare_blocks(_brief(*PARAGRAPHS), _brief(*PARAGRAPHS[:1], *PARAGRAPHS[2:]))
    assert _kinds(changes) == [("same", 0, 0), ("same", 1, 1), ("deleted", 2, None),
                               ("same", 3, 2), ("same", 4, 3)]


def test_a_moved_paragraph_is_one_move_where_it_now_stands() -> None:
    moved = [PARAGRAPHS[3], *PARAGRAPHS[:3]]
    changes = compare_blocks(_brief(*PARAGRAPHS), _brief(*moved))
    assert _kinds(changes) == [("same", 0, 0), ("moved", 4, 1), ("same", 1, 2),
                               ("same", 2, 3), ("same", 3, 4)]
    assert count_kinds([c.kind for c in changes]) == {"same": 4, "moved": 1}


def test_a_replaced_run_pairs_similar_blocks_in_order() -> None:
    old = _brief(*PARAGRAPHS)
    new = _brief(PARAGRAPHS[0],
                 "Buses will replace the number 4 tram between the depot and the harbour.",
                 "Night buses are not affected.",
                 "The council expects the works to cost eleven million, shared with the state.",
                 PARAGRAPHS[3])
    assert _kinds(compare_blocks(old, new)) == [
        ("same", 0, 0), ("same", 1, 1), ("changed", 2, 2), ("inserted", None, 3),
        ("changed", 3, 4), ("same", 4, 5)]


def test_every_block_of_both_versions_is_listed_once() -> None:
    old = _brief(*PARAGRAPHS)
    new = _brief(PARAGRAPHS[2], "Something new entirely, about ferries.", PARAGRAPHS[0])
    changes = compare_blocks(old, new)
    olds = sorted(c.old_index for c in changes if c.old_index is not None)
    news = [c.new_index for c in changes if c.new_index is not None]
    assert olds == list(range(len(old.blocks)))
    assert news == list(range(len(new.blocks)))  # in the new version's order


REFERENCES = [
    "Marrow Transit Authority. (2024). Depot closure plan.",
    "Regional Audit Office. (2023). Tram maintenance costs.",
    "Bakers' Guild. (2024). Letter to the council.",
]


def test_lists_the_same_ignore_case_and_spacing() -> None:
    new = [REFERENCES[0].upper(), "  ".join(REFERENCES[1].split()), REFERENCES[2]]
    assert [c.kind for c in compare_lists(REFERENCES, new)] == ["same"] * 3


def test_lists_changed_added_and_removed() -> None:
    new = [REFERENCES[0],
           "Regional Audit Office. (2023). Tram maintenance costs, revised.",
           "City Cycling Club. (2025). Depot yard survey."]
    assert compare_lists(REFERENCES, new) == [
        ListChange("same", REFERENCES[0], REFERENCES[0]),
        ListChange("changed", REFERENCES[1], new[1]),
        ListChange("removed", REFERENCES[2], ""),
        ListChange("added", "", new[2]),
    ]


def test_a_renumbered_list_matches_by_text() -> None:
    new = [REFERENCES[2], REFERENCES[0]]
    assert compare_lists(REFERENCES, new) == [
        ListChange("same", REFERENCES[2], REFERENCES[2]),
        ListChange("same", REFERENCES[0], REFERENCES[0]),
        ListChange("removed", REFERENCES[1], ""),
    ]


def test_a_removed_first_entry_comes_first() -> None:
    changes = compare_lists(REFERENCES, REFERENCES[1:])
    assert [c.kind for c in changes] == ["removed", "same", "same"]
    assert compare_lists([], ["One entry."]) == [ListChange("added", "", "One entry.")]


def test_changed_words_inside_a_changed_block() -> None:
    old = "The council expects the works to cost eleven million, shared with the region."
    new = "The council now expects the works to cost twelve million, shared with the region."
    gone, came = changed_words(old, new)
    assert [old[s:e] for s, e in gone] == ["eleven"]
    assert [new[s:e] for s, e in came] == ["now", "twelve"]
