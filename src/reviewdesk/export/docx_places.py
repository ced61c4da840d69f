"""The places an export marks in a document, and what goes at each: a placeholder for each
(offset, side) of the brief's text that an annotation or a suggestion starts or ends at,
and, once the runs are split, the tracked insertions and comment markers put there."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from lxml import etree

from reviewdesk.domain.review import Suggestion
from reviewdesk.export import docx_marks as marks
from reviewdesk.export.docx_map import Point, TextMap
from reviewdesk.export.docx_run_properties import RunProperties

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")

# A word-level change of a suggestion: (start, end, new text) in brief offsets, an empty
# range for an insertion.
Operation = tuple[int, int, str]


@dataclass(slots=True)
class Plan:
    """Placeholders to put in the document, keyed by (offset, side), and what each becomes."""

    points: dict[tuple[int, str], int] = field(default_factory=dict)  # -> placeholder key
    places: dict[int, Point] = field(default_factory=dict)  # key -> where

    def key(self, text_map: TextMap, offset: int, side: str) -> int | None:
        """The placeholder at `offset` ("start": before the character there, "end": after
        the one before it), planned on first asking; None where the text has no place."""
        found = self.points.get((offset, side))
        if found is not None:
            return found
        point = text_map.start(offset) if side == "start" else text_map.end(offset)
        if point is None:
            return None
        key = len(self.points)
        self.points[(offset, side)] = key
        self.places[key] = point
        return key

    def place_all(self, runs: RunProperties) -> dict[int, etree._Element]:
        """Put every placeholder in the document: placeholder key -> its element.

        From the last place to the first, so that splitting a run never moves a place still
        to come (it keeps the text before the split)."""
        ordered = sorted(self.points.items(), key=lambda item: (item[0][0],
                                                                item[0][1] == "start"),
                         reverse=True)
        keys = [key for _point, key in ordered]
        placeholders = dict(zip(keys, marks.place_all([self.places[key] for key in keys],
                                                      runs), strict=True))
        self.places.clear()  # (each holds an element of the document)
        return placeholders


@dataclass(slots=True)
class Actions:
    """What goes at each placeholder, in this order: tracked insertions, the ends of comment
    ranges (by comment id), the starts of comment ranges."""

    inserts: dict[int, list[etree._Element]] = field(default_factory=dict)
    ends: dict[int, list[int]] = field(default_factory=dict)
    starts: dict[int, list[int]] = field(default_factory=dict)
    # The properties of the runs that splitting made, kept as source where they can be.
    runs: RunProperties = field(default_factory=RunProperties)

    def replace_placeholders(self, placeholders: dict[int, etree._Element],
                             index_of: list[marks.RunIndex]) -> set[etree._Element]:
        """Put everything in place of its placeholder. In a part that writes
        WordprocessingML with the prefix w (writes_w), a placeholder with comment
        markers stays, after its elements, and the markers are written as source with the
        part (write_marks: a comment's three markers are six elements); returns the roots
        of those parts."""
        empty: list[Any] = []
        as_source: set[etree._Element] = set()
        replacements = []
        for key, mark in placeholders.items():
            inserts = self.inserts.get(key, empty)
            ends, starts = self.ends.get(key, empty), self.starts.get(key, empty)
            index = index_of[key]
            if index.writes_w:
                as_source.add(index.root)
            if index.writes_w and (ends or starts):
                for element in inserts:
                    mark.addprevious(element)
                marks.keep_mark(mark, key)
            else:
                replacements.append((mark, inserts, ends, starts))
        marks.replace_marks(replacements)
        return as_source

    def marker_source(self, key: int) -> str:
        """The comment markers of the placeholder `key` as XML source."""
        empty: list[int] = []
        return marks.marker_source(self.ends.get(key, empty), self.starts.get(key, empty))


def index_runs(placeholders: dict[int, etree._Element]) -> list[marks.RunIndex]:
    """The runs of each part holding placeholders, indexed once: by placeholder key (they
    are numbered from 0), the index of its part."""
    by_root: dict[int, tuple[etree._Element, dict[etree._Element, int]]] = {}
    for key, mark in placeholders.items():
        root = mark.getroottree().getroot()
        by_root.setdefault(id(root), (root, {}))[1][mark] = key
    found: list[marks.RunIndex | None] = [None] * len(placeholders)
    for root, keys in by_root.values():
        index = marks.index_runs(root, keys, len(placeholders))
        for key in keys.values():
            found[key] = index
    index_of = [index for index in found if index is not None]
    assert len(index_of) == len(found), "placeholders are numbered from 0"
    return index_of


def root_of(point: Point | None) -> etree._Element | None:
    """The root of the part a point is in (the body, the footnotes...)."""
    return point.element.getroottree().getroot() if point is not None else None


def operations(text: str, suggestion: Suggestion) -> list[Operation]:
    """The suggestion as word-level changes: (start, end, new text) in brief offsets, an
    empty range for an insertion."""
    start, end = suggestion.anchor.position.start, suggestion.anchor.position.end
    before = _TOKEN.findall(text[start:end])
    after = _TOKEN.findall(suggestion.replacement)
    matcher = SequenceMatcher(lambda token: token.isspace(), before, after, autojunk=False)
    offsets = [start]
    for token in before:
        offsets.append(offsets[-1] + len(token))
    found: list[Operation] = []
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation != "equal":
            found.append((offsets[a1], offsets[a2], "".join(after[b1:b2])))
    return found


def plan_operations(plan: Plan, text_map: TextMap, changes: list[Operation]) -> None:
    """Plan the placeholders the tracked changes of a suggestion need: a deletion's start
    and end, an insertion's place (after the word before it, else before the next)."""
    for start, end, _text in changes:
        plan.key(text_map, start, "start") if end > start else None
        plan.key(text_map, end, "end") if end > start or start > 0 else \
            plan.key(text_map, start, "start")
