"""A brief's blocks as a QTextDocument: headings, lists, table cells, footnotes and links,
one text block per block of the brief, so a position in the document is the same number as
an offset in the brief's canonical text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextList,
    QTextListFormat,
)

from reviewdesk.domain.brief import Block, BlockKind

# Markdown's "#" is level 1; a title without a level (plain text, PDF) counts as level 0.
# Sizes relative to the document's default font (Qt's HTML steps: +1 is 1.2 times, +2 1.5,
# +3 2.0, -1 0.8), so that zooming the default font zooms headings and footnotes too.
_HEADING_STEPS = {0: 3, 1: 3, 2: 2, 3: 1}
_FOOTNOTE_STEP = -1
_BULLETS = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle,
            QTextListFormat.Style.ListSquare)
# Read once: reading an enum's .value in a hot loop trips a refcount bug in PySide 6.12.
_PROPORTIONAL = int(QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)


def fill_document(document: QTextDocument, blocks: Sequence[Block]) -> None:
    """Each block as one text block, in order, so positions are offsets in the brief."""
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    lists: dict[int, QTextList] = {}
    # Blocks of one kind, level and direction share their formats: made once each.
    formats: dict[tuple[BlockKind, int, bool], tuple[QTextBlockFormat, QTextCharFormat]] = {}
    for index, block in enumerate(blocks):
        if index:
            cursor.insertBlock()
        look = (block.kind, block.level, block.rtl)
        if look not in formats:
            formats[look] = (_block_format(block), _char_format(block))
        block_format, fmt = formats[look]
        cursor.setBlockFormat(block_format)
        cursor.setBlockCharFormat(fmt)
        cursor.setCharFormat(fmt)
        _insert_text(cursor, block, fmt)
        if block.kind == BlockKind.LIST_ITEM:
            _join_list(cursor, lists, max(block.level, 1))
        else:
            lists.clear()
    cursor.endEditBlock()


def _insert_text(cursor: QTextCursor, block: Block, fmt: QTextCharFormat) -> None:
    """The block's text, with its links as anchors (same characters, so same offsets)."""
    done = 0
    for link in sorted(block.links, key=lambda link: link.start):
        if link.start < done or link.end > len(block.text):
            continue
        cursor.insertText(block.text[done:link.start], fmt)
        anchor = QTextCharFormat(fmt)
        anchor.setAnchor(True)
        anchor.setAnchorHref(link.url)
        anchor.setForeground(QColor("#1a5fb4"))
        anchor.setFontUnderline(True)
        anchor.setToolTip(link.url)
        cursor.insertText(block.text[link.start:link.end], anchor)
        done = link.end
    cursor.insertText(block.text[done:], fmt)


def _join_list(cursor: QTextCursor, lists: dict[int, QTextList], level: int) -> None:
    """Put the current block in the list at its depth, so items share one list."""
    for deeper in [depth for depth in lists if depth > level]:
        del lists[deeper]
    if level in lists:
        lists[level].add(cursor.block())
        return
    fmt = QTextListFormat()
    fmt.setStyle(_BULLETS[(level - 1) % len(_BULLETS)])
    fmt.setIndent(level)
    lists[level] = cursor.createList(fmt)


def _block_format(block: Block) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setBottomMargin(8)
    fmt.setLineHeight(130, _PROPORTIONAL)
    if block.kind == BlockKind.HEADING:
        fmt.setTopMargin(18 if block.level > 1 else 4)
        fmt.setHeadingLevel(min(max(block.level, 1), 6))
    elif block.kind == BlockKind.TABLE_CELL:
        fmt.setIndent(1)
        fmt.setBackground(QColor("#f3f4f6"))
        fmt.setBottomMargin(2)
    elif block.kind == BlockKind.FOOTNOTE:
        fmt.setIndent(1)
        fmt.setBottomMargin(4)
    if block.rtl:
        fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        fmt.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    return fmt


def _char_format(block: Block) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if block.kind == BlockKind.HEADING:
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, _HEADING_STEPS.get(block.level, 1))
    elif block.kind == BlockKind.FOOTNOTE:
        fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, _FOOTNOTE_STEP)
        fmt.setForeground(QColor("#555555"))
    return fmt
