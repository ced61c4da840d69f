"""Marking up WordprocessingML in place: places between characters become placeholder
elements (runs are split where needed, their formatting kept), then placeholders become
comment ranges, tracked insertions and the ends of tracked deletions, and the runs between
two placeholders are shaded or deleted."""

from __future__ import annotations

import copy
import itertools
import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO

from lxml import etree

from reviewdesk.export.docx_map import Point
from reviewdesk.export.docx_run_properties import BARE_SHADE, RunProperties, is_kept_properties
from reviewdesk.ooxml.elements import RPR, SHD, R, T, parse_w, text_element, w, writes_w
from reviewdesk.ooxml.namespaces import MATH, XML_SPACE, W

DEL, INS, MOVE_FROM = f"{W}del", f"{W}ins", f"{W}moveFrom"
DEL_TEXT, INSTR_TEXT, DEL_INSTR = f"{W}delText", f"{W}instrText", f"{W}delInstrText"
# Text a place can fall inside: a run's text, and the deleted text of a tracked deletion the
# document holds (the brief reads a Word file as before its pending changes).
_TEXTS = frozenset({T, DEL_TEXT})

# Placeholders are elements of no namespace (none declared for each of 200,000 of them),
# which no WordprocessingML part has; all are gone, or replaced, when a part is written.
_MARK = "reviewdesk-mark"


# --- Placeholders ---------------------------------------------------------------------------


def place(point: Point, properties: RunProperties | None = None) -> etree._Element:
    """Put a placeholder element exactly at `point`, splitting its run when the point falls
    inside it. Earlier points in the same element stay valid: the element keeps the text
    before the split. A run made by a split has the properties of the run it came from
    (kept as `properties` says)."""
    element, index = point.element, point.index
    mark = element.makeelement(_MARK)
    tag = element.tag
    if tag.startswith(MATH):
        _beside(_outer_math(element), mark, before=index == 0)
        return mark
    run = element.getparent()
    if run is None or run.tag != R:
        _beside(element, mark, before=index == 0)
        return mark
    if tag in _TEXTS:
        text = element.text or ""
        if 0 < index < len(text):
            # The run becomes two with the same properties, the text cut between them.
            before, after = text[:index], text[index:]
            element.text = before
            if before != before.strip():
                element.set(XML_SPACE, "preserve")
            new_run = _run_like(run, properties)
            rest = etree.SubElement(new_run, tag)
            rest.text = after
            if after != after.strip() or "  " in after:
                rest.set(XML_SPACE, "preserve")
            following = list(element.itersiblings())
            if following:
                new_run.extend(following)  # lxml moves them
            run.addnext(new_run)
            run.addnext(mark)
            return mark
        if index >= len(text):
            _split_after(run, element, mark, properties)
            return mark
        _split_before(run, element, mark, properties)
        return mark
    if index == 0:
        _split_before(run, element, mark, properties)
    else:
        _split_after(run, element, mark, properties)
    return mark


def place_all(points: Sequence[Point],
              properties: RunProperties | None = None) -> list[etree._Element]:
    """place() at each of `points`, given from the last place in the document to the first;
    the placeholders in that order.

    A text with places inside it is first cut at all of them in one go, each piece in a run
    of its own (with the same properties), and each place becomes the end of the piece
    before it: place() then only puts placeholders between runs, instead of cutting the
    text again for every place (a paragraph of a million characters with 10,000 places
    was 10,000 copies of it). What is written is what cutting place by place wrote."""
    inside: dict[etree._Element, set[int]] = {}
    for point in points:
        element = point.element
        if element.tag in _TEXTS and point.index > 0:
            run = element.getparent()
            if run is not None and run.tag == R:
                inside.setdefault(element, set()).add(point.index)
    moved: dict[tuple[etree._Element, int], Point] = {}
    for element, indexes in inside.items():
        moved.update(_cut(element, indexes, properties))
    return [place(moved.get((point.element, point.index), point), properties)
            for point in points]


def _cut(element: etree._Element, indexes: set[int],
         properties: RunProperties | None) -> dict[tuple[etree._Element, int], Point]:
    """Cut a w:t at `indexes` into runs of their own; where each index is now (the end of
    the piece before it)."""
    text = element.text or ""
    cuts = sorted(index for index in indexes if index < len(text))
    if not cuts:
        return {}
    run = element.getparent()
    assert run is not None
    bounds = [0, *cuts, len(text)]
    pieces = [text[low:high] for low, high in itertools.pairwise(bounds)]
    following = list(element.itersiblings())
    element.text = pieces[0]
    # Cut place by place, the text before each place was left here in turn.
    if text[0].isspace() or any(text[cut - 1].isspace() for cut in cuts):
        element.set(XML_SPACE, "preserve")
    moved = {}
    previous, last = element, run
    model = _run_like(run, properties)  # each piece's run is a copy of it
    for cut, piece in zip(cuts, pieces[1:], strict=True):
        moved[(element, cut)] = Point(previous, len(previous.text or ""))
        new_run = copy.copy(model)
        previous = etree.SubElement(new_run, element.tag)
        previous.text = piece
        if piece != piece.strip() or "  " in piece:
            previous.set(XML_SPACE, "preserve")
        last.addnext(new_run)
        last = new_run
    if following:
        last.extend(following)  # lxml moves them
    for index in indexes:
        if index >= len(text):
            moved[(element, index)] = Point(previous, len(pieces[-1]))
    return moved


def _run_like(run: etree._Element, properties: RunProperties | None = None) -> etree._Element:
    """An empty run with the attributes and a copy of the properties of `run`, or with a
    placeholder for them (see RunProperties)."""
    if properties is not None:
        kept = properties.placeholder(run)
        if kept is not None:
            new_run = run.makeelement(R, {})
            new_run.append(kept)
            return new_run
    new_run = run.makeelement(R, {})
    for name, value in run.items():
        new_run.set(name, value)
    own = run.find(RPR)
    if own is not None:
        new_run.append(copy.deepcopy(own))
    return new_run


def _first_content(run: etree._Element) -> etree._Element | None:
    for child in run:
        if child.tag != RPR and not is_kept_properties(child):
            return child
    return None


def _split_before(run: etree._Element, child: etree._Element, mark: etree._Element,
                  properties: RunProperties | None = None) -> None:
    """Place `mark` just before `child` of `run`, moving `child` and what follows it into a
    new run with the same properties when `child` is not the run's first content."""
    if _first_content(run) is child:
        run.addprevious(mark)
        return
    new_run = _run_like(run, properties)
    new_run.extend([child, *child.itersiblings()])  # lxml moves them
    run.addnext(new_run)
    run.addnext(mark)


def _split_after(run: etree._Element, child: etree._Element, mark: etree._Element,
                 properties: RunProperties | None = None) -> None:
    following = child.getnext()
    if following is None:
        run.addnext(mark)
    else:
        _split_before(run, following, mark, properties)


def _beside(element: etree._Element, mark: etree._Element, before: bool) -> None:
    if before:
        element.addprevious(mark)
    else:
        element.addnext(mark)


def _outer_math(element: etree._Element) -> etree._Element:
    """The outermost math element holding `element` (marks never go inside an equation)."""
    outer = element
    parent = element.getparent()
    while parent is not None and parent.tag.startswith(MATH):
        outer, parent = parent, parent.getparent()
    return outer


# --- Runs between placeholders ----------------------------------------------------------------


@dataclass(slots=True)
class RunIndex:
    """The runs of one part (its `root`) in document order (deleted ones left out), and for
    each placeholder how many of them come before it. `writes_w`: see writes_w()."""

    root: etree._Element
    writes_w: bool
    runs: list[etree._Element] = field(default_factory=list)
    # By placeholder key (placeholders are numbered from 0): how many runs come before it,
    # and its rank among the placeholders of the part; -1 for one of another part.
    before: array[int] = field(default_factory=lambda: array("q"))
    order: array[int] = field(default_factory=lambda: array("q"))


def index_runs(root: etree._Element, keys: dict[etree._Element, int], count: int) -> RunIndex:
    """The index of one part whose placeholders (element -> key) are `keys`, of `count`
    placeholders in all."""
    index = RunIndex(root, writes_w(root), before=array("q", [-1]) * count,
                     order=array("q", [-1]) * count)
    deleted: set[etree._Element] = set()
    for wrapper in root.iter(DEL, MOVE_FROM):
        deleted.update(wrapper.iter(R))
    runs, before, order = index.runs, index.before, index.order
    rank = 0
    for element in root.iter(R, _MARK):
        if element.tag == R:
            if not deleted or element not in deleted:
                runs.append(element)
        else:
            key = keys.get(element, -1)
            if key >= 0:
                before[key], order[key] = len(runs), rank
                rank += 1
    return index


def runs_between(index: RunIndex, start_key: int, end_key: int) -> list[etree._Element]:
    """The runs of a part between two of its placeholders (none when they are not in
    order or not in the part)."""
    low, high = index.before[start_key], index.before[end_key]
    if low < 0 or high < 0 or high <= low:
        return []
    return index.runs[low:high]


# --- Tracked changes -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Revision:
    """Who made a tracked change, and when: the w:id, w:author and w:date of w:ins or
    w:del."""

    ident: int
    author: str
    date: str  # ISO 8601, "2026-11-24T15:02:00Z"

    def element(self, tag: str) -> etree._Element:
        return w(tag, id=str(self.ident), author=self.author, date=self.date)


def delete_runs(runs: Iterable[etree._Element], revision: Revision) -> int:
    """Wrap each run in a w:del (its w:t become w:delText); returns how many. A run the
    document already deletes (a tracked change of its own) stays as it is."""
    count = 0
    for run in runs:
        parent = run.getparent()
        if parent is None or parent.tag in (DEL, MOVE_FROM):
            continue
        wrapper = revision.element("del")
        run.addprevious(wrapper)
        wrapper.append(run)
        for text in run.iter(T, INSTR_TEXT):
            text.tag = DEL_TEXT if text.tag == T else DEL_INSTR
        count += 1
    return count


def reject(elements: Iterable[etree._Element]) -> None:
    """Reject tracked changes of the document: an insertion goes, a deletion's runs stay as
    ordinary text."""
    for element in elements:
        parent = element.getparent()
        if parent is None:
            continue
        if element.tag in (DEL, MOVE_FROM):
            for text in element.iter(DEL_TEXT, DEL_INSTR):
                text.tag = T if text.tag == DEL_TEXT else INSTR_TEXT
            for child in list(element):
                element.addprevious(child)  # lxml moves it
        parent.remove(element)


def inserted(text: str, revision: Revision, like: etree._Element | None,
             kept: RunProperties | None = None) -> etree._Element:
    """A w:ins holding a run of `text`, formatted like the run `like` (without shading);
    `kept`: the properties of runs made by splitting, when they are kept as source."""
    wrapper = revision.element("ins")
    run = etree.SubElement(wrapper, R)
    if like is not None:
        first = next(like.iterchildren(), None)
        if kept is not None and first is not None and is_kept_properties(first):
            properties = kept.properties(first)
        else:
            properties = like.find(RPR)
        if properties is not None:
            copied = copy.deepcopy(properties)
            for unwanted in copied.findall(SHD):
                copied.remove(unwanted)
            run.append(copied)
    run.append(text_element(text))
    return wrapper


def neighbour_run(mark: etree._Element) -> etree._Element | None:
    """The run just before a placeholder (inside a w:del if it was deleted), else after it."""
    previous = mark.getprevious()
    while previous is not None:
        if previous.tag == R:
            return previous
        if previous.tag in (DEL, INS):
            runs = previous.findall(R)
            if runs:
                return runs[-1]
        if previous.tag != _MARK:
            break
        previous = previous.getprevious()
    following = mark.getnext()
    while following is not None and following.tag == _MARK:
        following = following.getnext()
    return following if following is not None and following.tag == R else None


# --- Comment markers ---------------------------------------------------------------------------


def replace_marks(replacements: list[tuple[etree._Element, list[etree._Element], list[int],
                                           list[int]]]) -> None:
    """Put in place of each placeholder (mark, elements, ends, starts): its `elements`, then
    for each comment id in `ends` the end of that comment's range and the run that shows
    its mark, then for each id in `starts` the start of that comment's range. The comment
    markers are all made in one parse."""
    source: list[str] = []
    for _mark, _elements, ends, starts in replacements:
        source.extend(_END.format(ident) for ident in ends)
        source.extend(_START.format(ident) for ident in starts)
    made = iter(parse_w("".join(source)))
    for mark, elements, ends, starts in replacements:
        add = mark.addprevious
        for element in elements:
            add(element)
        for _ in range(2 * len(ends) + len(starts)):
            add(next(made))
        parent = mark.getparent()
        if parent is not None:
            # lxml keeps a removed element's tail; placeholders have none.
            parent.remove(mark)


def keep_mark(mark: etree._Element, key: int) -> None:
    """Leave a placeholder in the part, to be replaced when the part is written (see
    write_marks). Its key goes in its name (a name is kept once per document; an attribute
    would be two nodes for each placeholder)."""
    mark.tag = _KEPT_MARK.format(key)


def write_marks(data: memoryview, source: Callable[[int], str], out: IO[bytes],
                kept: RunProperties | None = None) -> None:
    """Write a part as serialised (`data`) to `out`, each placeholder left by keep_mark()
    replaced by `source(key)` (XML source in which the prefix w is WordprocessingML's, as
    the part writes it), each shading placeholder by its w:rPr, and each run whose
    properties are `kept` with them. Hundreds of thousands of comment markers, shadings and
    copies of run properties cost no elements this way."""
    done = 0
    for found in _KEPT.finditer(data):
        out.write(data[done:found.start()])
        if found[1] is not None:
            out.write(source(int(found[1])).encode("utf-8"))
        elif found[2] is not None:
            out.write(BARE_SHADE.format(found[2].decode("ascii")).encode("ascii"))
        else:
            assert kept is not None, "a run whose properties were kept as source"
            out.write(kept.source(int(found[3])).encode("utf-8"))
        done = found.end()
    out.write(data[done:])


def marker_source(ends: Iterable[int], starts: Iterable[int]) -> str:
    """What replace_marks() puts in place of a placeholder for these comment ids (after any
    elements), as XML source."""
    return "".join([*(_END.format(ident) for ident in ends),
                    *(_START.format(ident) for ident in starts)])


_KEPT_MARK = "reviewdesk-mark-{}"
_KEPT = re.compile(rb'<reviewdesk-(?:mark-([0-9]+)|shade-([0-9A-F]{6}))(?: xmlns="")?/>'
                   rb'|<w:r><reviewdesk-run-([0-9]+)(?: xmlns="")?/>')
_START = '<w:commentRangeStart w:id="{}"/>'
_END = ('<w:commentRangeEnd w:id="{0}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/>'
        '</w:rPr><w:commentReference w:id="{0}"/></w:r>')
