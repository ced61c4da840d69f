"""A clean Word document for a brief that did not come from Word: its title, headings, lists,
paragraphs and notes in python-docx's standard styles, one paragraph per block, so that
reading it back gives the brief's text exactly."""

from __future__ import annotations

from io import BytesIO

import docx
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from reviewdesk.domain.brief import Block, BlockKind, Brief

_LIST_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")


def clean_document(brief: Brief) -> bytes:
    document = docx.Document()
    document.core_properties.title = brief.title
    for block in brief.blocks:
        paragraph = _paragraph(document, block)
        if block.rtl:
            _right_to_left(paragraph)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraph(document: docx.document.Document, block: Block) -> Paragraph:
    if block.kind == BlockKind.HEADING:
        heading: Paragraph = document.add_heading(block.text, level=max(0, min(block.level, 9)))
        return heading
    if block.kind == BlockKind.LIST_ITEM:
        style = _LIST_STYLES[max(0, min(block.level - 1, len(_LIST_STYLES) - 1))]
        return document.add_paragraph(block.text, style=style)
    paragraph = document.add_paragraph(block.text)
    if block.kind == BlockKind.FOOTNOTE:
        for run in paragraph.runs:
            run.font.size = Pt(9)
    return paragraph


def _right_to_left(paragraph: Paragraph) -> None:
    """w:bidi right after the paragraph's style (its place in w:pPr), w:rtl on its runs."""
    properties = paragraph._p.get_or_add_pPr()
    bidi = properties.makeelement(qn("w:bidi"), {})
    style = properties.find(qn("w:pStyle"))
    if style is None:
        properties.insert(0, bidi)
    else:
        style.addnext(bidi)
    for run in paragraph.runs:
        run._r.get_or_add_rPr().append(run._r.makeelement(qn("w:rtl"), {}))
