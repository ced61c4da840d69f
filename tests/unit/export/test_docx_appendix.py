"""The appendix's WordprocessingML: structure, element order as the schema sequences it,
text that XML cannot hold, and the heading styles found in a document."""

from __future__ import annotations

import pytest
from lxml import etree

from reviewdesk.domain.appendix import (
    AppendixData,
    IndicatorRow,
    ReferenceRow,
)
from reviewdesk.export.docx_appendix import (
    EMPTY_TABLE_TEXT,
    appendix_elements,
    insert_into_body,
    style_ids,
)
from reviewdesk.ooxml.namespaces import W_NS, XML_SPACE, W

# Child sequences transcribed from the ECMA-376 (transitional) schema, wml.xsd; only the
# order matters here, so every element a sequence allows is listed.
SEQUENCES: dict[str, list[str]] = {
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
            "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
            "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
            "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
            "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
            "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
            "sectPr", "pPrChange"],
    "rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
            "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
            "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
            "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
            "lang", "eastAsianLayout", "specVanish", "oMath"],
    "tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
              "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
              "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"],
    "tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
             "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"],
    "tblBorders": ["top", "start", "left", "bottom", "end", "right", "insideH", "insideV"],
    "tblCellMar": ["top", "start", "left", "bottom", "end", "right"],
    "tbl": ["bookmarkStart", "tblPr", "tblGrid", "tr"],
    "tr": ["tblPrEx", "trPr", "tc"],
    "tc": ["tcPr", "p"],
    "p": ["pPr", "r"],
    "r": ["rPr", "t", "br", "tab"],  # run content is a choice: t, br and tab in any order
}
_ANY_ORDER = {"r": {"t", "br", "tab"}}
_PROPERTIES = {"pPr", "rPr", "tblPr", "tcPr", "tblBorders", "tblCellMar"}


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _check_order(root: etree._Element) -> None:
    for element in root.iter(f"{W}*"):
        parent = _local(element)
        sequence = SEQUENCES.get(parent)
        if sequence is None:
            continue
        names = [_local(child) for child in element]
        assert all(name in sequence for name in names), (parent, names)
        free = _ANY_ORDER.get(parent, set())
        ranks = [sequence.index(name) if name not in free else len(sequence)
                 for name in names]
        assert ranks == sorted(ranks), (parent, names)
        if parent in _PROPERTIES:  # each property at most once
            assert len(set(names)) == len(names), (parent, names)


def _data() -> AppendixData:
    return AppendixData(
        indicators=(
            IndicatorRow("21 March 2023", "1 Hamal 1402", " opened  an office ",
                         "Indicator › diplomatic", "Ana Ruiz", 10),
            IndicatorRow("", "", "line one\nline two\twith a tab\x00\x1b\ufffe", "Indicator",
                         "Bo Lind", 40),
            IndicatorRow("", "", "دفتر مشترک افتتاح شد", "Indicator", "Bo Lind", 60),
        ),
        references=(ReferenceRow(1, "Valley Water Board. (2023). Charter.", "verified", "",
                                 "Seen"),),
        recommendations=(),
    )


def _body(elements: list[etree._Element]) -> etree._Element:
    body = etree.Element(f"{W}body", nsmap={"w": W_NS})
    body.extend(elements)
    # Serialised and read back, as the exporter's document will be.
    return etree.fromstring(etree.tostring(body))


def _texts(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def test_layout_of_the_appendix() -> None:
    body = _body(appendix_elements(_data()))
    names = [_local(child) for child in body]
    assert names == ["p", "p", "p", "tbl", "p", "tbl", "p", "tbl"]
    assert body[0].find(f"{W}r/{W}br").get(f"{W}type") == "page"
    assert [_texts(body[i]) for i in (1, 2, 4, 6)] == [
        "Review appendix", "Indicators", "Reference check", "Recommendations tracker"]
    _check_order(body)


def test_headings_without_styles_are_bold_and_large() -> None:
    body = _body(appendix_elements(_data()))
    for paragraph, size in ((body[1], "32"), (body[2], "26")):
        assert paragraph.find(f"{W}pPr/{W}pStyle") is None
        properties = paragraph.find(f"{W}r/{W}rPr")
        assert properties.find(f"{W}b") is not None
        assert properties.find(f"{W}sz").get(f"{W}val") == size
        assert paragraph.find(f"{W}pPr/{W}keepNext") is not None


def test_headings_with_styles() -> None:
    body = _body(appendix_elements(_data(), "Berschrift1", "Berschrift2"))
    assert body[1].find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Berschrift1"
    assert {p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in (body[2], body[4], body[6])} \
        == {"Berschrift2"}
    assert body[1].find(f"{W}r/{W}rPr") is None
    _check_order(body)


def test_table_properties_need_no_table_style() -> None:
    body = _body(appendix_elements(_data()))
    for tbl in body.iter(f"{W}tbl"):
        properties = tbl.find(f"{W}tblPr")
        assert properties.find(f"{W}tblStyle") is None
        width = properties.find(f"{W}tblW")
        assert (width.get(f"{W}w"), width.get(f"{W}type")) == ("5000", "pct")
        sides = [_local(b) for b in properties.find(f"{W}tblBorders")]
        assert sides == ["top", "left", "bottom", "right", "insideH", "insideV"]
        columns = tbl.findall(f"{W}tblGrid/{W}gridCol")
        header, *rows = tbl.findall(f"{W}tr")
        assert header.find(f"{W}trPr/{W}tblHeader") is not None
        for cell in header.findall(f"{W}tc"):
            assert cell.find(f"{W}tcPr/{W}shd").get(f"{W}fill") == "D9D9D9"
            assert cell.find(f"{W}p/{W}r/{W}rPr/{W}b") is not None
        for row in (header, *rows):
            cells = row.findall(f"{W}tc")
            spans = sum(int(c.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val"))
                        if c.find(f"{W}tcPr/{W}gridSpan") is not None else 1 for c in cells)
            assert spans == len(columns)
            assert sum(int(c.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for c in cells) == 5000
            assert all(c[-1].tag == f"{W}p" for c in cells)


def test_rows_and_empty_tables() -> None:
    body = _body(appendix_elements(_data()))
    indicators, references, recommendations = body.iter(f"{W}tbl")
    rows = indicators.findall(f"{W}tr")
    assert [_texts(c) for c in rows[1].findall(f"{W}tc")] == [
        "21 March 2023 / 1 Hamal 1402", " opened  an office ", "Indicator › diplomatic",
        "Ana Ruiz"]
    assert [_texts(c) for c in references.findall(f"{W}tr")[1].findall(f"{W}tc")] == [
        "1", "Valley Water Board. (2023). Charter.", "verified", "", "Seen"]
    _header, empty = recommendations.findall(f"{W}tr")
    [cell] = empty.findall(f"{W}tc")
    assert cell.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "7"
    assert _texts(cell) == EMPTY_TABLE_TEXT


def test_text_is_made_safe_for_xml() -> None:
    body = _body(appendix_elements(_data()))
    rows = next(body.iter(f"{W}tbl")).findall(f"{W}tr")
    quote = rows[1].findall(f"{W}tc")[1].find(f"{W}p/{W}r")
    [t] = quote.findall(f"{W}t")
    assert t.get(XML_SPACE) == "preserve"
    run = rows[2].findall(f"{W}tc")[1].find(f"{W}p/{W}r")
    assert [_local(c) for c in run] == ["rPr", "t", "br", "t", "tab", "t"]
    assert [t.text for t in run.findall(f"{W}t")] == ["line one", "line two", "with a tab"]
    assert all(t.get(XML_SPACE) is None for t in run.findall(f"{W}t"))
    persian = rows[3].findall(f"{W}tc")[1].find(f"{W}p/{W}pPr")
    assert persian.find(f"{W}bidi") is not None
    assert rows[1].findall(f"{W}tc")[1].find(f"{W}p/{W}pPr/{W}bidi") is None


STYLES = f"""<w:styles xmlns:w="{W_NS}">
  <w:style w:type="paragraph" w:styleId="Standard"><w:name w:val="Normal"/></w:style>
  <w:style w:type="character" w:styleId="berschrift1Zchn"><w:name w:val="heading 1"/></w:style>
  <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>
  <w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="Heading  2"/></w:style>
</w:styles>"""


@pytest.mark.parametrize(("xml", "expected"), [
    (STYLES, ("berschrift1", "berschrift2")),
    (f'<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:styleId="Heading1"/>'
     "</w:styles>", ("Heading1", None)),
    (f'<w:styles xmlns:w="{W_NS}"/>', (None, None)),
])
def test_style_ids(xml: str, expected: tuple[str | None, str | None]) -> None:
    assert style_ids(etree.fromstring(xml)) == expected


def test_style_ids_without_styles() -> None:
    assert style_ids(None) == (None, None)


def test_insert_into_body_keeps_the_section_last() -> None:
    body = etree.fromstring(f'<w:body xmlns:w="{W_NS}"><w:p/><w:sectPr/></w:body>')
    insert_into_body(body, appendix_elements(_data()))
    assert [_local(c) for c in body] == ["p", "p", "p", "p", "tbl", "p", "tbl", "p", "tbl",
                                         "sectPr"]
    bare = etree.fromstring(f'<w:body xmlns:w="{W_NS}"><w:p/></w:body>')
    insert_into_body(bare, appendix_elements(_data()))
    assert _local(bare[-1]) == "tbl" and len(bare) == 9
