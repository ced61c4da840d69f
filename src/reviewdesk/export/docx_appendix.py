"""The review appendix as WordprocessingML: a page break, a heading and three tables
(indicators, reference check, recommendations tracker), ready to go into a document's body
before its final w:sectPr.

The tables carry everything they need (borders, shading, widths) and rely on no table style,
so they look the same in any document. Child elements are written in the order the OOXML
schema sequences them, which Word insists on."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from reviewdesk.services.appendix import (
    AppendixData,
    IndicatorRow,
    RecommendationRow,
    ReferenceRow,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_NSMAP = {"w": W_NS}

APPENDIX_TITLE = "Review appendix"
INDICATORS_TITLE = "Indicators"
REFERENCES_TITLE = "Reference check"
RECOMMENDATIONS_TITLE = "Recommendations tracker"
EMPTY_TABLE_TEXT = "None recorded."

# Sizes in half-points, used when the document has no heading styles to lend.
HEADING_SIZE = 32  # 16 pt
SUBHEADING_SIZE = 26  # 13 pt
TABLE_TEXT_SIZE = 18  # 9 pt: the tables are dense, whatever size the body text is
HEADER_FILL = "D9D9D9"  # light grey
BORDER_COLOUR = "808080"
# The grid columns are written in twentieths of a point for a text column this wide (A4 with
# 2.54 cm margins); the table itself is 100 % of whatever width the page gives it.
NOMINAL_TEXT_WIDTH = 9026
PCT_FULL = 5000  # w:type="pct" counts fiftieths of a percent

# Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF).
_ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c")


@dataclass(frozen=True, slots=True)
class _Column:
    header: str
    weight: int  # share of the table width


_INDICATOR_COLUMNS = (_Column("Date", 24), _Column("Text", 44), _Column("Tag", 18),
                      _Column("Reviewer", 14))
_REFERENCE_COLUMNS = (_Column("#", 5), _Column("Entry", 47), _Column("Check", 14),
                      _Column("Flags", 15), _Column("Note", 19))
_RECOMMENDATION_COLUMNS = (_Column("#", 5), _Column("Recommendation", 31),
                           _Column("Addressee", 14), _Column("Priority", 11),
                           _Column("Status", 14), _Column("Owner", 12), _Column("Due", 13))


def appendix_elements(data: AppendixData, heading_style: str | None = None,
                      subheading_style: str | None = None) -> list[etree._Element]:
    """Body-level elements of the appendix, in order: a page-break paragraph, the heading
    "Review appendix", then for each table its sub-heading and the w:tbl.

    `heading_style` and `subheading_style` are paragraph style ids of the document (see
    style_ids()); without one, that heading is a bold run in a larger size instead."""
    elements = [_page_break(),
                _heading(APPENDIX_TITLE, heading_style, HEADING_SIZE, outline_level=0)]
    tables: tuple[tuple[str, Sequence[_Column], list[list[str]]], ...] = (
        (INDICATORS_TITLE, _INDICATOR_COLUMNS, [_indicator(r) for r in data.indicators]),
        (REFERENCES_TITLE, _REFERENCE_COLUMNS, [_reference(r) for r in data.references]),
        (RECOMMENDATIONS_TITLE, _RECOMMENDATION_COLUMNS,
         [_recommendation(r) for r in data.recommendations]),
    )
    for title, columns, rows in tables:
        elements.append(_heading(title, subheading_style, SUBHEADING_SIZE, outline_level=1))
        elements.append(table(columns=[c.header for c in columns],
                              weights=[c.weight for c in columns], rows=rows))
    return elements


def insert_into_body(body: etree._Element, elements: Sequence[etree._Element]) -> None:
    """Put `elements` at the end of w:body, before its final w:sectPr when it has one."""
    last = body[-1] if len(body) else None
    if last is not None and last.tag == _w("sectPr"):
        for element in elements:
            last.addprevious(element)
    else:
        body.extend(elements)


def _indicator(row: IndicatorRow) -> list[str]:
    return [row.dates, row.text, row.tag, row.reviewer]


def _reference(row: ReferenceRow) -> list[str]:
    return [str(row.position), row.entry, row.status, row.flags, row.note]


def _recommendation(row: RecommendationRow) -> list[str]:
    return [str(row.position), row.text, row.addressee, row.priority, row.status, row.owner,
            row.due]


def style_ids(styles_root: etree._Element | None) -> tuple[str | None, str | None]:
    """The style ids of the document's "heading 1" and "heading 2" paragraph styles, found
    by their w:name (case-insensitive: Word writes "heading 1", LibreOffice "Heading 1",
    and the ids differ by language: "Heading1", "berschrift1", "Titre1"...). A style
    without such a name but with the id "Heading1"/"Heading2" is taken when no name
    matches. `styles_root` is the w:styles element of word/styles.xml, or None."""
    if styles_root is None:
        return None, None
    by_name: dict[str, str] = {}
    by_id: dict[str, str] = {}
    for style in styles_root.iter(_w("style")):
        if style.get(_w("type"), "paragraph") != "paragraph":
            continue
        style_id = style.get(_w("styleId"))
        if not style_id:
            continue
        name = style.find(_w("name"))
        if name is not None:
            by_name.setdefault(" ".join((name.get(_w("val")) or "").split()).lower(), style_id)
        by_id.setdefault(style_id.lower(), style_id)
    return (by_name.get("heading 1") or by_id.get("heading1"),
            by_name.get("heading 2") or by_id.get("heading2"))


# --- Building blocks -------------------------------------------------------------------------


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def _element(name: str, **attributes: str) -> etree._Element:
    element = etree.Element(_w(name), nsmap=_NSMAP)
    for key, value in attributes.items():
        element.set(_w(key), value)
    return element


def _sub(parent: etree._Element, name: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, _w(name))
    for key, value in attributes.items():
        element.set(_w(key), value)
    return element


def xml_text(text: str) -> str:
    """`text` without the characters XML cannot hold."""
    return _ILLEGAL_XML.sub("", text)


def _page_break() -> etree._Element:
    paragraph = _element("p")
    _sub(_sub(paragraph, "r"), "br", type="page")
    return paragraph


def _heading(text: str, style: str | None, size: int, outline_level: int) -> etree._Element:
    paragraph = _element("p")
    properties = _sub(paragraph, "pPr")
    if style:
        _sub(properties, "pStyle", val=style)
        _run(paragraph, text)
        return paragraph
    # CT_PPrBase: pStyle, keepNext, ..., spacing, ..., outlineLvl.
    _sub(properties, "keepNext")
    _sub(properties, "spacing", before="240", after="120")
    _sub(properties, "outlineLvl", val=str(outline_level))
    _run(paragraph, text, bold=True, size=size)
    return paragraph


def _run(paragraph: etree._Element, text: str, *, bold: bool = False, italic: bool = False,
         size: int | None = None) -> None:
    """Append a run holding `text`: line breaks become w:br, tabs w:tab."""
    text = xml_text(text)
    if not text:
        return
    run = _sub(paragraph, "r")
    if bold or italic or size:
        # CT_RPr: rStyle, rFonts, b, bCs, i, iCs, ..., color, spacing, w, kern, position,
        # sz, szCs, highlight, u, ...
        properties = _sub(run, "rPr")
        if bold:
            _sub(properties, "b")
            _sub(properties, "bCs")
        if italic:
            _sub(properties, "i")
            _sub(properties, "iCs")
        if size:
            _sub(properties, "sz", val=str(size))
            _sub(properties, "szCs", val=str(size))
    for number, line in enumerate(_LINE_BREAK.split(text)):
        if number:
            _sub(run, "br")
        for piece_number, piece in enumerate(line.split("\t")):
            if piece_number:
                _sub(run, "tab")
            if piece:
                _text(run, piece)


def _text(run: etree._Element, text: str) -> None:
    element = _sub(run, "t")
    element.text = text
    if text != text.strip() or "  " in text:
        element.set(XML_SPACE, "preserve")


def _right_to_left(text: str) -> bool:
    """Whether the first strongly directional character is written right to left."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


# --- Tables ----------------------------------------------------------------------------------


def _shares(weights: Sequence[int], total: int) -> list[int]:
    """`total` split in proportion to `weights`, the rounding left to the last column."""
    whole = sum(weights)
    shares = [total * weight // whole for weight in weights]
    shares[-1] += total - sum(shares)
    return shares


def table(columns: Sequence[str], weights: Sequence[int],
          rows: Sequence[Sequence[str]]) -> etree._Element:
    """A bordered w:tbl, full width: a bold, shaded header row repeated on every page, then
    a row per item, or one "None recorded." row across the columns when there is none."""
    if len(columns) != len(weights) or not columns:
        raise ValueError("a table needs one weight per column")
    pct = _shares(weights, PCT_FULL)
    grid = _shares(weights, NOMINAL_TEXT_WIDTH)
    tbl = _element("tbl")
    _table_properties(_sub(tbl, "tblPr"))
    tbl_grid = _sub(tbl, "tblGrid")
    for width in grid:
        _sub(tbl_grid, "gridCol", w=str(width))

    header = _sub(tbl, "tr")
    row_properties = _sub(header, "trPr")  # CT_TrPr: a choice, any order
    _sub(row_properties, "cantSplit")
    _sub(row_properties, "tblHeader")
    for text, width in zip(columns, pct, strict=True):
        _cell(header, text, width, fill=HEADER_FILL, bold=True)

    if not rows:
        _cell(_sub(tbl, "tr"), EMPTY_TABLE_TEXT, PCT_FULL, span=len(columns), italic=True)
    for values in rows:
        if len(values) != len(columns):
            raise ValueError(f"a row of {len(values)} cells in a table of {len(columns)}")
        tr = _sub(tbl, "tr")
        for text, width in zip(values, pct, strict=True):
            _cell(tr, text, width)
    return tbl


def _table_properties(properties: etree._Element) -> None:
    # CT_TblPr: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize,
    # tblStyleColBandSize, tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout,
    # tblCellMar, tblLook.
    _sub(properties, "tblW", w=str(PCT_FULL), type="pct")
    borders = _sub(properties, "tblBorders")
    # CT_TblBorders: top, left, bottom, right, insideH, insideV.
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _sub(borders, side, val="single", sz="4", space="0", color=BORDER_COLOUR)
    _sub(properties, "tblLayout", type="fixed")
    margins = _sub(properties, "tblCellMar")
    # CT_TblCellMar: top, left, bottom, right.
    for side, width in (("top", "29"), ("left", "85"), ("bottom", "29"), ("right", "85")):
        _sub(margins, side, w=width, type="dxa")
    _sub(properties, "tblLook", val="0620", firstRow="1", lastRow="0", firstColumn="0",
         lastColumn="0", noHBand="1", noVBand="1")


def _cell(row: etree._Element, text: str, width: int, *, span: int = 1,
          fill: str | None = None, bold: bool = False, italic: bool = False) -> None:
    tc = _sub(row, "tc")
    # CT_TcPr: cnfStyle, tcW, gridSpan, hMerge, vMerge, tcBorders, shd, noWrap, tcMar, ...
    properties = _sub(tc, "tcPr")
    _sub(properties, "tcW", w=str(width), type="pct")
    if span > 1:
        _sub(properties, "gridSpan", val=str(span))
    if fill:
        _sub(properties, "shd", val="clear", color="auto", fill=fill)
    paragraph = _sub(tc, "p")  # a cell always ends with a paragraph, even an empty one
    paragraph_properties = _sub(paragraph, "pPr")
    # CT_PPrBase: ..., bidi, ..., spacing, ...
    if _right_to_left(text):
        _sub(paragraph_properties, "bidi")
    _sub(paragraph_properties, "spacing", before="0", after="0")
    _run(paragraph, text, bold=bold, italic=italic, size=TABLE_TEXT_SIZE)
