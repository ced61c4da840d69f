"""Paragraph styles of a Word document: which make headings, lists and right-to-left text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from reviewdesk.importers.docx_package import W_NS

W = f"{{{W_NS}}}"
VAL = f"{W}val"
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = frozenset({"title"})
# Word's built-in nested list styles ("List Bullet 2", "List Number 3"): their level is in
# their name, each with a numbering of its own at level 0.
_LIST_DEPTH = re.compile(r"^list ?(?:bullet|number|continue)? ?([2-9])$", re.IGNORECASE)
# outlineLvl 9 is "body text": it says explicitly that the paragraph is no heading.
_BODY_LEVEL = 9
_FALSE = frozenset({"0", "false", "off"})


@dataclass(frozen=True, slots=True)
class Style:
    """What a paragraph style contributes, after following its basedOn chain."""

    heading: int | None = None  # 0 for the title, 1.. for headings
    num_id: str | None = None
    ilvl: int | None = None
    bidi: bool = False
    depth: int = 0  # the list level a built-in list style's name gives


@dataclass(frozen=True, slots=True)
class Role:
    """What one paragraph is: its kind ("heading", "list", "paragraph"), level and direction."""

    kind: str
    level: int
    bidi: bool
    num_id: str = ""  # a list paragraph's numbering, and its level below
    ilvl: int = 0


def is_on(element: etree._Element | None) -> bool:
    """A Word toggle (<w:bidi/>, <w:bidi w:val="0"/>) read as a boolean."""
    return element is not None and element.get(VAL, "1").lower() not in _FALSE


def int_val(element: etree._Element | None) -> int | None:
    if element is None:
        return None
    try:
        return int(element.get(VAL, ""))
    except ValueError:
        return None


class Styles:
    """Paragraph styles by styleId, resolved lazily along basedOn with a cycle guard."""

    def __init__(self, root: etree._Element | None) -> None:
        self._raw: dict[str, etree._Element] = {}
        self._resolved: dict[str, Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for style in root.iterchildren(f"{W}style"):
            if style.get(f"{W}type", "paragraph") != "paragraph":
                continue
            style_id = style.get(f"{W}styleId", "")
            self._raw[style_id] = style
            if style.get(f"{W}default") in ("1", "true", "on"):
                self.default = style_id

    def get(self, style_id: str | None) -> Style:
        style_id = style_id if style_id is not None else self.default
        if style_id is None:
            return Style()
        return self._resolve(style_id)

    def _resolve(self, style_id: str) -> Style:
        """The style with its basedOn chain applied. The chain is walked, not recursed into:
        a file may chain thousands of styles. A loop or a missing style ends it."""
        chain: list[tuple[str, etree._Element]] = []
        seen: set[str] = set()
        current: str | None = style_id
        parent = Style()
        while current is not None:
            if current in self._resolved:
                parent = self._resolved[current]
                break
            element = self._raw.get(current)
            if element is None or current in seen:
                break
            seen.add(current)
            chain.append((current, element))
            based = element.find(f"{W}basedOn")
            current = based.get(VAL, "") if based is not None else None
        for ident, element in reversed(chain):
            parent = _own_style(element, ident, parent)
            self._resolved[ident] = parent
        return parent


def _own_style(element: etree._Element, style_id: str, parent: Style) -> Style:
    name_element = element.find(f"{W}name")
    name = name_element.get(VAL, "") if name_element is not None else ""
    ppr = element.find(f"{W}pPr")
    heading = _heading_from_names(name, style_id)
    outline = int_val(ppr.find(f"{W}outlineLvl")) if ppr is not None else None
    if heading is None and outline is not None:
        heading = outline + 1 if 0 <= outline < _BODY_LEVEL else -1
    if heading is None:
        heading = parent.heading
    elif heading < 0:
        heading = None
    num_id, ilvl = parent.num_id, parent.ilvl
    num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
    if num_pr is not None:
        num = num_pr.find(f"{W}numId")
        num_id = num.get(VAL) if num is not None else num_id
        ilvl = int_val(num_pr.find(f"{W}ilvl")) if num_pr.find(f"{W}ilvl") is not None else ilvl
    bidi = is_on(ppr.find(f"{W}bidi")) if ppr is not None and ppr.find(f"{W}bidi") is not None \
        else parent.bidi
    depth = next((int(match[1]) for candidate in (name.strip(), style_id)
                  if (match := _LIST_DEPTH.match(candidate))), parent.depth)
    return Style(heading=heading, num_id=num_id, ilvl=ilvl, bidi=bidi, depth=depth)


def _heading_from_names(name: str, style_id: str) -> int | None:
    for candidate in (name.strip(), style_id):
        if candidate.lower() in _TITLE_NAMES:
            return 0
        match = _HEADING_NAME.match(candidate)
        if match:
            return int(match.group(1))
    return None


def paragraph_role(ppr: etree._Element | None, styles: Styles) -> Role:
    """Heading beats list (a numbered heading is a heading); direct formatting beats style."""
    style_element = ppr.find(f"{W}pStyle") if ppr is not None else None
    style = styles.get(style_element.get(VAL) if style_element is not None else None)
    heading, num_id, ilvl, bidi = style.heading, style.num_id, style.ilvl, style.bidi
    if ppr is not None:
        outline = int_val(ppr.find(f"{W}outlineLvl"))
        if outline is not None:
            heading = outline + 1 if 0 <= outline < _BODY_LEVEL else None
        num_pr = ppr.find(f"{W}numPr")
        if num_pr is not None:
            num = num_pr.find(f"{W}numId")
            num_id = num.get(VAL) if num is not None else num_id
            ilvl = int_val(num_pr.find(f"{W}ilvl")) if num_pr.find(f"{W}ilvl") is not None \
                else ilvl
        bidi_element = ppr.find(f"{W}bidi")
        if bidi_element is not None:
            bidi = is_on(bidi_element)
    if heading is not None:
        return Role("heading", heading, bidi)
    if num_id is not None and num_id != "0":
        depth = min(max(ilvl or 0, style.depth - 1, 0), 8)
        return Role("list", depth + 1, bidi, num_id, min(max(ilvl or 0, 0), 8))
    return Role("paragraph", 0, bidi)
