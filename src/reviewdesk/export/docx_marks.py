"""Marking up WordprocessingML in place: places between characters become placeholder
elements (runs are split where needed, their formatting kept), then placeholders become
comment ranges, tracked insertions and the ends of tracked deletions, and the runs between
two placeholders are shaded or deleted."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from reviewdesk.export.docx_map import Point

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
R, T, RPR, SHD = f"{W}r", f"{W}t", f"{W}rPr", f"{W}shd"
DEL, INS, MOVE_FROM = f"{W}del", f"{W}ins", f"{W}moveFrom"
DEL_TEXT, INSTR_TEXT, DEL_INSTR = f"{W}delText", f"{W}instrText", f"{W}delInstrText"
_MARK = "{urn:reviewdesk:export}mark"
_MATH_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"

# The order of w:rPr's children in the schema (CT_RPr's sequence); Word rejects others.
_RPR_ORDER = [f"{W}{name}" for name in (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath")]
_RPR_RANK = {tag: rank for rank, tag in enumerate(_RPR_ORDER)}


def w(name: str, **attributes: str) -> etree._Element:
    element = etree.Element(f"{W}{name}")
    for key, value in attributes.items():
        element.set(f"{W}{key}", value)
    return element


def text_element(text: str, tag: str = T) -> etree._Element:
    element = etree.Element(tag)
    element.text = text
    if text != text.strip() or "  " in text:
        element.set(XML_SPACE, "preserve")
    return element


# --- Placeholders ---------------------------------------------------------------------------


def place(point: Point, key: int) -> etree._Element:
    """Put a placeholder element exactly at `point`, splitting its run when the point falls
    inside it. Earlier points in the same element stay valid: the element keeps the text
    before the split."""
    mark = etree.Element(_MARK)
    mark.set("key", str(key))
    element, index = point.element, point.index
    if element.tag.startswith(_MATH_NS):
        _beside(_outer_math(element), mark, before=index == 0)
        return mark
    run = element.getparent()
    if run is None or run.tag != R:
        _beside(element, mark, before=index == 0)
        return mark
    if element.tag == T:
        text = element.text or ""
        if 0 < index < len(text):
            element.text = text[:index]
            _preserve(element)
            rest = text_element(text[index:])
            element.addnext(rest)
            _split_before(run, rest, mark)
            return mark
        if index >= len(text):
            _split_after(run, element, mark)
            return mark
        _split_before(run, element, mark)
        return mark
    if index == 0:
        _split_before(run, element, mark)
    else:
        _split_after(run, element, mark)
    return mark


def _preserve(element: etree._Element) -> None:
    text = element.text or ""
    if text != text.strip():
        element.set(XML_SPACE, "preserve")


def _content(run: etree._Element) -> list[etree._Element]:
    return [child for child in run if child.tag != RPR]


def _split_before(run: etree._Element, child: etree._Element, mark: etree._Element) -> None:
    """Place `mark` just before `child` of `run`, moving `child` and what follows it into a
    new run with the same properties when `child` is not the run's first content."""
    content = _content(run)
    if content and content[0] is child:
        run.addprevious(mark)
        return
    new_run = etree.Element(R)
    for name, value in run.attrib.items():
        new_run.set(name, value)
    properties = run.find(RPR)
    if properties is not None:
        new_run.append(copy.deepcopy(properties))
    moving = [child, *child.itersiblings()]
    for item in moving:
        new_run.append(item)  # lxml moves it
    run.addnext(new_run)
    run.addnext(mark)


def _split_after(run: etree._Element, child: etree._Element, mark: etree._Element) -> None:
    following = child.getnext()
    if following is None:
        run.addnext(mark)
    else:
        _split_before(run, following, mark)


def _beside(element: etree._Element, mark: etree._Element, before: bool) -> None:
    if before:
        element.addprevious(mark)
    else:
        element.addnext(mark)


def _outer_math(element: etree._Element) -> etree._Element:
    """The outermost math element holding `element` (marks never go inside an equation)."""
    outer = element
    parent = element.getparent()
    while parent is not None and parent.tag.startswith(_MATH_NS):
        outer, parent = parent, parent.getparent()
    return outer


# --- Runs between placeholders ----------------------------------------------------------------


@dataclass(slots=True)
class RunIndex:
    """The runs of one part in document order (deleted ones left out), and for each
    placeholder how many of them come before it."""

    runs: list[etree._Element] = field(default_factory=list)
    before: dict[int, int] = field(default_factory=dict)  # placeholder key -> runs before it
    order: dict[int, int] = field(default_factory=dict)  # placeholder key -> its rank


def index_runs(root: etree._Element) -> RunIndex:
    index = RunIndex()
    deleted = 0
    rank = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if tag in (DEL, MOVE_FROM):
            deleted += 1 if event == "start" else -1
        elif event == "start" and tag == R and not deleted:
            index.runs.append(element)
        elif event == "start" and tag == _MARK:
            key = int(element.get("key", "-1"))
            index.before[key] = len(index.runs)
            index.order[key] = rank
            rank += 1
    return index


def runs_between(index: RunIndex, start_key: int, end_key: int) -> list[etree._Element]:
    low, high = index.before.get(start_key), index.before.get(end_key)
    if low is None or high is None or high <= low:
        return []
    return index.runs[low:high]


# --- Formatting -------------------------------------------------------------------------------


def set_run_property(run: etree._Element, prop: etree._Element) -> None:
    """Set one w:rPr child (replacing one of the same tag) in the schema's order."""
    properties = run.find(RPR)
    if properties is None:
        properties = etree.Element(RPR)
        run.insert(0, properties)
    old = properties.find(prop.tag)
    if old is not None:
        properties.replace(old, prop)
        return
    rank = _RPR_RANK.get(prop.tag, len(_RPR_ORDER))
    for position, child in enumerate(properties):
        if _RPR_RANK.get(child.tag, len(_RPR_ORDER)) > rank:
            properties.insert(position, prop)
            return
    properties.append(prop)


def shade(run: etree._Element, fill: str) -> None:
    """Run shading in any colour ("RRGGBB"), unlike w:highlight's fixed palette."""
    set_run_property(run, w("shd", val="clear", color="auto", fill=fill))


# --- Tracked changes -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Revision:
    ident: int
    author: str
    date: str  # ISO 8601, "2026-11-24T15:02:00Z"

    def element(self, tag: str) -> etree._Element:
        return w(tag, id=str(self.ident), author=self.author, date=self.date)


def delete_runs(runs: Iterable[etree._Element], revision: Revision) -> int:
    """Wrap each run in a w:del (its w:t become w:delText); returns how many."""
    count = 0
    for run in runs:
        if run.getparent() is None:
            continue
        wrapper = revision.element("del")
        run.addprevious(wrapper)
        wrapper.append(run)
        for text in run.iter(T, INSTR_TEXT):
            text.tag = DEL_TEXT if text.tag == T else DEL_INSTR
        count += 1
    return count


def inserted(text: str, revision: Revision, like: etree._Element | None) -> etree._Element:
    """A w:ins holding a run of `text`, formatted like the run `like` (without shading)."""
    wrapper = revision.element("ins")
    run = etree.SubElement(wrapper, R)
    if like is not None:
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


def comment_start(ident: int) -> etree._Element:
    return w("commentRangeStart", id=str(ident))


def comment_end(ident: int) -> list[etree._Element]:
    """The end of a comment's range and the run that shows its mark."""
    run = etree.Element(R)
    properties = etree.SubElement(run, RPR)
    etree.SubElement(properties, f"{W}rStyle").set(f"{W}val", "CommentReference")
    etree.SubElement(run, f"{W}commentReference").set(f"{W}id", str(ident))
    return [w("commentRangeEnd", id=str(ident)), run]


def replace_mark(mark: etree._Element, elements: list[etree._Element]) -> None:
    """Put `elements` where the placeholder is, then remove it."""
    for element in elements:
        mark.addprevious(element)
    parent = mark.getparent()
    if parent is not None:
        # lxml keeps a removed element's tail; placeholders have none.
        parent.remove(mark)


def remove_marks(root: etree._Element) -> None:
    for mark in list(root.iter(_MARK)):
        replace_mark(mark, [])
