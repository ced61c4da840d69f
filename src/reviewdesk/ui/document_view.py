"""The brief as a document: headings, lists and paragraphs, with annotations highlighted."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from reviewdesk.domain.brief import BlockKind, Brief
from reviewdesk.domain.views import AnnotationView

_HEADING_SIZES = {0: 20.0, 1: 16.0, 2: 13.5}


class DocumentView(QTextBrowser):
    """Each block of the brief becomes one text block, so a position in this document
    is the same number as an offset in the brief's canonical text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setPlaceholderText("Open a brief from the library, or File → Open a file.")

    def show_brief(self, brief: Brief, annotations: Sequence[AnnotationView]) -> None:
        document = self.document()
        document.clear()
        cursor = QTextCursor(document)
        for index, block in enumerate(brief.blocks):
            if index:
                cursor.insertBlock()
            cursor.setBlockFormat(self._block_format(block.kind, block.level))
            cursor.setCharFormat(self._char_format(block.kind, block.level))
            cursor.insertText(block.text)
        self._highlight(annotations)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _block_format(self, kind: BlockKind, level: int) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(6)
        if kind == BlockKind.HEADING:
            fmt.setTopMargin(14)
            fmt.setHeadingLevel(min(level + 1, 6))
        elif kind in (BlockKind.LIST_ITEM, BlockKind.FOOTNOTE):
            fmt.setIndent(max(level, 1))
        return fmt

    def _char_format(self, kind: BlockKind, level: int) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if kind == BlockKind.HEADING:
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontPointSize(_HEADING_SIZES.get(level, 12.0))
        elif kind == BlockKind.FOOTNOTE:
            fmt.setFontPointSize(9.0)
        return fmt

    def _highlight(self, annotations: Sequence[AnnotationView]) -> None:
        cursor = QTextCursor(self.document())
        for annotation in annotations:
            colour = QColor(annotation.colour or "#ffe08a")
            colour.setAlpha(110)
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            fmt.setToolTip(f"{annotation.tag or 'Comment'} — {annotation.reviewer}")
            cursor.setPosition(annotation.start)
            cursor.setPosition(annotation.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)

    def select_range(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
