"""The review appendix as WordprocessingML: a page break, a heading and three tables
(indicators, reference check, recommendations tracker), ready to go into a document's body
before its final w:sectPr.

The tables carry everything they need (borders, shading, widths) and rely on no table style,
so they look the same in any document. Child elements are written in the order the OOXML
schema sequences them, which Word insists on."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from reviewdesk.domain.appendix import (
    AppendixData,
    IndicatorRow,
    RecommendationRow,
    ReferenceRow,
)
from reviewdesk.ooxml.elements import escape_attribute, parse_w, text_source, xml_safe
from reviewdesk.ooxml.namespaces import W

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
    return parse_w("".join(appendix_source(data, heading_style, subheading_style)))


def appendix_source(data: AppendixData, heading_style: str | None = None,
                    subheading_style: str | None = None) -> Iterator[str]:
    """The appendix_elements() as XML source in which the prefix w is WordprocessingML's, a
    piece at a time (a table row is one piece). Ten thousands of indicators are millions of
    elements: as source they are written far faster, and never held as a tree."""
    yield _page_break()
    yield _heading(APPENDIX_TITLE, heading_style, HEADING_SIZE, outline_level=0)
    tables: tuple[tuple[str, Sequence[_Column], Iterable[list[str]]], ...] = (
        (INDICATORS_TITLE, _INDICATOR_COLUMNS, (_indicator(r) for r in data.indicators)),
        (REFERENCES_TITLE, _REFERENCE_COLUMNS, (_reference(r) for r in data.references)),
        (RECOMMENDATIONS_TITLE, _RECOMMENDATION_COLUMNS,
         (_recommendation(r) for r in data.recommendations)),
    )
    for title, columns, rows in tables:
        yield _heading(title, subheading_style, SUBHEADING_SIZE, outline_level=1)
        yield from table_source(columns=[c.header for c in columns],
                                weights=[c.weight for c in columns], rows=rows)


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
# Each returns the XML source of its elements, written exactly as lxml serialises the same
# elements built one by one (attributes in the order given, libxml2's escaping).


def _w(name: str) -> str:
    return f"{W}{name}"


def _tag(name: str, **attributes: str) -> str:
    """An empty element: <w:name w:key="value"/>."""
    values = "".join(f' w:{key}="{escape_attribute(value)}"' for key, value in attributes.items())
    return f"<w:{name}{values}/>"


def _page_break() -> str:
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def _heading(text: str, style: str | None, size: int, outline_level: int) -> str:
    if style:
        return f"<w:p><w:pPr>{_tag('pStyle', val=style)}</w:pPr>{_run(text)}</w:p>"
    # CT_PPrBase: pStyle, keepNext, ..., spacing, ..., outlineLvl.
    return ('<w:p><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/>'
            f'<w:outlineLvl w:val="{outline_level}"/></w:pPr>'
            f"{_run(text, bold=True, size=size)}</w:p>")


def _run(text: str, *, bold: bool = False, italic: bool = False,
         size: int | None = None) -> str:
    """A run holding `text` (none for no text): line breaks become w:br, tabs w:tab."""
    text = xml_safe(text)
    if not text:
        return ""
    parts = ["<w:r>"]
    if bold or italic or size:
        # CT_RPr: rStyle, rFonts, b, bCs, i, iCs, ..., color, spacing, w, kern, position,
        # sz, szCs, highlight, u, ...
        parts.append("<w:rPr>")
        if bold:
            parts.append("<w:b/><w:bCs/>")
        if italic:
            parts.append("<w:i/><w:iCs/>")
        if size:
            parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
        parts.append("</w:rPr>")
    for number, line in enumerate(_LINE_BREAK.split(text)):
        if number:
            parts.append("<w:br/>")
        for piece_number, piece in enumerate(line.split("\t")):
            if piece_number:
                parts.append("<w:tab/>")
            if piece:
                parts.append(text_source(piece))
    parts.append("</w:r>")
    return "".join(parts)


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
    [element] = parse_w("".join(table_source(columns, weights, rows)))
    return element


def table_source(columns: Sequence[str], weights: Sequence[int],
                 rows: Iterable[Sequence[str]]) -> Iterator[str]:
    """table() as XML source: the table up to its header row, then one piece per row."""
    if len(columns) != len(weights) or not columns:
        raise ValueError("a table needs one weight per column")
    pct = _shares(weights, PCT_FULL)
    grid = "".join(f'<w:gridCol w:w="{width}"/>'
                   for width in _shares(weights, NOMINAL_TEXT_WIDTH))
    # CT_TrPr: a choice, any order.
    header = "".join(_cell(text, width, fill=HEADER_FILL, bold=True)
                     for text, width in zip(columns, pct, strict=True))
    yield (f"<w:tbl>{_TABLE_PROPERTIES}<w:tblGrid>{grid}</w:tblGrid>"
           f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>")
    empty = True
    for values in rows:
        empty = False
        if len(values) != len(columns):
            raise ValueError(f"a row of {len(values)} cells in a table of {len(columns)}")
        yield "<w:tr>" + "".join(_cell(text, width)
                                 for text, width in zip(values, pct, strict=True)) + "</w:tr>"
    if empty:
        yield (f"<w:tr>{_cell(EMPTY_TABLE_TEXT, PCT_FULL, span=len(columns), italic=True)}"
               "</w:tr>")
    yield "</w:tbl>"


# CT_TblPr: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize,
# tblStyleColBandSize, tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout,
# tblCellMar, tblLook. CT_TblBorders: top, left, bottom, right, insideH, insideV.
# CT_TblCellMar: top, left, bottom, right.
_TABLE_PROPERTIES = (
    f'<w:tblPr><w:tblW w:w="{PCT_FULL}" w:type="pct"/><w:tblBorders>'
    + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{BORDER_COLOUR}"/>'
              for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>'
    + "".join(f'<w:{side} w:w="{width}" w:type="dxa"/>'
              for side, width in (("top", "29"), ("left", "85"), ("bottom", "29"),
                                  ("right", "85")))
    + '</w:tblCellMar><w:tblLook w:val="0620" w:firstRow="1" w:lastRow="0" '
    'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>')


def _cell(text: str, width: int, *, span: int = 1, fill: str | None = None,
          bold: bool = False, italic: bool = False) -> str:
    # CT_TcPr: cnfStyle, tcW, gridSpan, hMerge, vMerge, tcBorders, shd, noWrap, tcMar, ...
    span_source = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    fill_source = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    # A cell always ends with a paragraph, even an empty one. CT_PPrBase: ..., bidi, ...,
    # spacing, ...
    bidi = "<w:bidi/>" if _right_to_left(text) else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="pct"/>{span_source}{fill_source}'
            f'</w:tcPr><w:p><w:pPr>{bidi}<w:spacing w:before="0" w:after="0"/></w:pPr>'
            f"{_run(text, bold=bold, italic=italic, size=TABLE_TEXT_SIZE)}</w:p></w:tc>")
