"""One version of a brief in the compare view: read-only, as the document view renders
it, its blocks coloured by what happened to them and its changed words marked."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QWidget

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.compare import BlockKindName, Span
from reviewdesk.domain.views import AnnotationView
from reviewdesk.ui.accessible import describe
from reviewdesk.ui.document_view import DocumentView

# Light backgrounds with dark text, legible in the light and the dark theme alike. A changed
# block is lavender, a hue no default tag has: the yellow it once was is the Indicator's,
# and an Indicator highlight in a changed paragraph could not be told from the paragraph.
BLOCK_COLOURS: dict[str, str] = {"inserted": "#d3f5dc", "deleted": "#fbdcdc",
                                 "changed": "#e4dcfa", "moved": "#d9e8fc"}
TEXT_ON_COLOUR = "#1f2328"
DELETED_TEXT = "#8a1c1c"
CHANGED_OLD_WORDS = "#a4262c"  # struck through in the old version
CHANGED_NEW_UNDERLINE = "#b45309"  # underlined in the new version


class ComparePane(DocumentView):
    """One version, read-only, as the document view renders it (a position is an offset
    in the version's text), its blocks coloured by what happened to them."""

    def __init__(self, parent: QWidget | None = None, old_side: bool = False) -> None:
        super().__init__(None, parent)
        self.setPlaceholderText("")
        if old_side:
            describe(self, "Older version", "The version before, read-only: changed blocks "
                     "are shaded and words gone are struck through")
        else:
            describe(self, "Newer version", "The open version, read-only: changed blocks are "
                     "shaded and new words underlined; select words and press P to place an "
                     "annotation on them")
        self.version: Brief | None = None
        self._starts: list[int] = []

    def show_version(self, brief: Brief, annotations: list[AnnotationView],
                     kinds: dict[int, BlockKindName], words: dict[int, list[Span]],
                     old_side: bool) -> None:
        """Show a version with its annotations, each block shaded by its kind of change
        and the changed words marked (struck through on the old side, underlined on the new)."""
        self.version = brief
        self._starts = [block.start for block in brief.blocks]
        self.show_brief(brief, annotations)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for index, kind in kinds.items():
            block = brief.blocks[index]
            shade = QTextBlockFormat()
            shade.setBackground(QColor(BLOCK_COLOURS[kind]))
            cursor.setPosition(block.start)
            cursor.mergeBlockFormat(shade)
            text = QTextCharFormat()
            text.setForeground(QColor(DELETED_TEXT if kind == "deleted" else TEXT_ON_COLOUR))
            text.setFontStrikeOut(kind == "deleted")
            _select(cursor, block.start, block.end)
            cursor.mergeCharFormat(text)
        for index, spans in words.items():
            block = brief.blocks[index]
            marked = QTextCharFormat()
            if old_side:
                marked.setFontStrikeOut(True)
                marked.setForeground(QColor(CHANGED_OLD_WORDS))
            else:
                marked.setFontUnderline(True)
                marked.setUnderlineColor(QColor(CHANGED_NEW_UNDERLINE))
            for start, end in spans:
                _select(cursor, block.start + start, block.start + end)
                cursor.mergeCharFormat(marked)
        cursor.endEditBlock()

    # Annotations changed elsewhere (the document view's own incremental repaint).
    def annotation_added(self, view: AnnotationView) -> None:
        self._on_added(view)

    def annotation_updated(self, view: AnnotationView) -> None:
        self._on_updated(view)

    def annotation_removed(self, annotation_id: str) -> None:
        self._on_removed(annotation_id)

    # Where the pane is scrolled to, in blocks of the version.
    def top_block(self) -> tuple[int, float]:
        """The block at the top of the viewport, and how far down it the top is (0-1)."""
        if self.version is None or not self._starts:
            return 0, 0.0
        position = self.cursorForPosition(QPoint(0, 0)).position()
        index = max(0, bisect.bisect_right(self._starts, position) - 1)
        rect = self._rect(index)
        if rect.height() <= 0:
            return index, 0.0
        offset = self.verticalScrollBar().value() - rect.top()
        return index, min(1.0, max(0.0, offset / rect.height()))

    def scroll_to_block(self, index: int, fraction: float = 0.0) -> None:
        """Scroll so that block `index` is at the top, `fraction` of it above the viewport."""
        if self.version is None or not self._starts:
            return
        index = min(max(index, 0), len(self._starts) - 1)
        rect = self._rect(index)
        self.verticalScrollBar().setValue(round(rect.top() + fraction * rect.height()))

    def _rect(self, index: int) -> QRectF:
        document = self.document()
        return document.documentLayout().blockBoundingRect(
            document.findBlock(self._starts[index]))

    def selection(self) -> tuple[int, int] | None:
        """The words selected, as offsets in the version's text, if any."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or not cursor.selectedText().strip():
            return None
        return cursor.selectionStart(), cursor.selectionEnd()


def _select(cursor: QTextCursor, start: int, end: int) -> None:
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
