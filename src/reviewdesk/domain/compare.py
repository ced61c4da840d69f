"""Comparing two versions of a brief: which blocks stayed, changed, came, went or moved,
and how the reference list and the recommendations changed. Pure functions, no Qt."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from reviewdesk.domain.brief import Brief

BlockKindName = Literal["same", "changed", "inserted", "deleted", "moved"]
ListKindName = Literal["same", "changed", "added", "removed"]

SIMILAR_BLOCK = 60.0  # rapidfuzz ratio at or above which a replaced block counts as changed
SIMILAR_ENTRY = 85.0  # token_sort_ratio at or above which a list entry counts as changed
_WINDOW = 40  # new blocks a replaced block is weighed against, so a rewrite stays quick


@dataclass(frozen=True, slots=True)
class BlockChange:
    """One block of either version: old_index and new_index index `brief.blocks`
    (None on the side the block is not on)."""

    kind: BlockKindName
    old_index: int | None
    new_index: int | None


@dataclass(frozen=True, slots=True)
class ListChange:
    """One entry of a reference list or the recommendations; a text is "" on the side
    the entry is not on."""

    kind: ListKindName
    old_text: str
    new_text: str


def compare_blocks(old: Brief, new: Brief) -> list[BlockChange]:
    """Every block of both versions, in the new version's order, a deleted block where it
    stood. A deleted block whose exact text is inserted elsewhere is one "moved" change,
    listed where it now stands; a replaced block like one in its place is "changed"."""
    return compare_texts([block.text for block in old.blocks],
                         [block.text for block in new.blocks])


def compare_texts(old: Sequence[str], new: Sequence[str]) -> list[BlockChange]:
    """compare_blocks on the blocks' texts."""
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    changes: list[BlockChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes.extend(BlockChange("same", i1 + k, j1 + k) for k in range(i2 - i1))
        elif tag == "delete":
            changes.extend(BlockChange("deleted", i, None) for i in range(i1, i2))
        elif tag == "insert":
            changes.extend(BlockChange("inserted", None, j) for j in range(j1, j2))
        else:
            changes.extend(_pair_replaced(old, new, i1, i2, j1, j2))
    return _find_moves(old, new, changes)


def _pair_replaced(old: Sequence[str], new: Sequence[str], i1: int, i2: int, j1: int,
                   j2: int) -> list[BlockChange]:
    """A replaced run: each old block paired, in order, with the most similar new block
    still free after the last pair (as "changed"); the rest deleted or inserted."""
    changes: list[BlockChange] = []
    next_new = j1
    for i in range(i1, i2):
        choices = {j: new[j] for j in range(next_new, min(j2, next_new + _WINDOW))}
        found = process.extractOne(old[i], choices, scorer=fuzz.ratio,
                                   score_cutoff=SIMILAR_BLOCK) if choices else None
        if found is None:
            changes.append(BlockChange("deleted", i, None))
            continue
        j = found[2]
        changes.extend(BlockChange("inserted", None, k) for k in range(next_new, j))
        changes.append(BlockChange("changed", i, j))
        next_new = j + 1
    changes.extend(BlockChange("inserted", None, k) for k in range(next_new, j2))
    return changes


def _find_moves(old: Sequence[str], new: Sequence[str],
                changes: list[BlockChange]) -> list[BlockChange]:
    """A deleted block and an inserted block of the same text are one move: it is listed
    where it now stands, and the deletion drops out."""
    inserted: dict[str, list[int]] = {}
    for change in changes:
        if change.kind == "inserted" and change.new_index is not None:
            inserted.setdefault(new[change.new_index], []).append(change.new_index)
    moved: dict[int, int] = {}  # new index -> old index
    for change in changes:
        if change.kind == "deleted" and change.old_index is not None:
            places = inserted.get(old[change.old_index])
            if places:
                moved[places.pop(0)] = change.old_index
    if not moved:
        return changes
    gone = set(moved.values())
    result: list[BlockChange] = []
    for change in changes:
        if change.kind == "deleted" and change.old_index in gone:
            continue
        if change.kind == "inserted" and change.new_index in moved:
            result.append(BlockChange("moved", moved[change.new_index], change.new_index))
        else:
            result.append(change)
    return result


_WORD = re.compile(r"\S+")

Span = tuple[int, int]  # [start, end) in a block's text


def changed_words(old: str, new: str) -> tuple[list[Span], list[Span]]:
    """Inside a changed block: the runs of words only the old text has, and the runs only
    the new text has, as character ranges of each text."""
    old_words = [(m.start(), m.end()) for m in _WORD.finditer(old)]
    new_words = [(m.start(), m.end()) for m in _WORD.finditer(new)]
    matcher = difflib.SequenceMatcher(None, [old[s:e] for s, e in old_words],
                                      [new[s:e] for s, e in new_words], autojunk=False)
    gone: list[Span] = []
    came: list[Span] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            gone.append((old_words[i1][0], old_words[i2 - 1][1]))
        if j2 > j1:
            came.append((new_words[j1][0], new_words[j2 - 1][1]))
    return gone, came


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def match_lists(old: Sequence[str], new: Sequence[str],
                threshold: float = SIMILAR_ENTRY) -> dict[int, int]:
    """Old index -> new index: the same text (ignoring case and spacing) first, in order,
    then the most similar entry left (rapidfuzz token_sort_ratio >= threshold)."""
    mapping: dict[int, int] = {}
    free: dict[str, list[int]] = {}
    for index, text in enumerate(new):
        free.setdefault(_key(text), []).append(index)
    for index, text in enumerate(old):
        places = free.get(_key(text))
        if places:
            mapping[index] = places.pop(0)
    taken = set(mapping.values())
    rest = {index: _key(text) for index, text in enumerate(new) if index not in taken}
    for index, text in enumerate(old):
        if index in mapping or not rest:
            continue
        found = process.extractOne(_key(text), rest, scorer=fuzz.token_sort_ratio,
                                   score_cutoff=threshold)
        if found is not None:
            mapping[index] = found[2]
            del rest[found[2]]
    return mapping


def compare_lists(old: Sequence[str], new: Sequence[str]) -> list[ListChange]:
    """The entries of both lists in the new list's order, each removed entry after the
    entry that stood before it: "same" for the same text (ignoring case and spacing),
    "changed" for a very similar one, else "added" or "removed"."""
    mapping = match_lists(old, new)
    partner = {new_index: old_index for old_index, new_index in mapping.items()}
    keyed: list[tuple[tuple[int, int, int], ListChange]] = []
    for j, text in enumerate(new):
        if j not in partner:
            change = ListChange("added", "", text)
        else:
            before = old[partner[j]]
            kind: ListKindName = "same" if _key(before) == _key(text) else "changed"
            change = ListChange(kind, before, text)
        keyed.append(((j, 0, 0), change))
    after = -1  # the new index of the nearest kept entry before a removed one
    for i, text in enumerate(old):
        if i in mapping:
            after = mapping[i]
        else:
            keyed.append(((after, 1, i), ListChange("removed", text, "")))
    keyed.sort(key=lambda item: item[0])
    return [change for _, change in keyed]


def count_kinds(kinds: Sequence[str]) -> dict[str, int]:
    """How many of each kind, for a summary line."""
    counts: dict[str, int] = {}
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    return counts
