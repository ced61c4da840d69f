"""The brief as a document: headings, lists and paragraphs, with annotations highlighted."""

from __future__ import annotations

import bisect
import zlib
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPixmap,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QToolTip, QWidget

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.codebook import Tag
from reviewdesk.domain.views import AnnotationView
from reviewdesk.ui import undo
from reviewdesk.ui.accessible import describe
from reviewdesk.ui.comment_dialog import ask_comment
from reviewdesk.ui.document_blocks import fill_document
from reviewdesk.ui.highlights import Highlights, highlight_at
from reviewdesk.ui.inline_suggestions import InlineSuggestions
from reviewdesk.ui.session import ReviewSession

MAX_TEXT_COLUMNS = 100  # the column follows the window up to this many characters a line
ZOOM_FACTOR = 1.1  # one zoom step
PAGE_MARGIN = 24  # pixels around the text, at least
MAX_ZOOM = 10  # steps either way
# One underline style per tag when colours alone cannot tell tags apart (colour blindness):
# chosen by the tag's place in the codebook, so the same tag always looks the same.
UNDERLINES = (QTextCharFormat.UnderlineStyle.SingleUnderline,
              QTextCharFormat.UnderlineStyle.DashUnderline,
              QTextCharFormat.UnderlineStyle.DotLine,
              QTextCharFormat.UnderlineStyle.WaveUnderline,
              QTextCharFormat.UnderlineStyle.DashDotLine,
              QTextCharFormat.UnderlineStyle.DashDotDotLine)
_SELECT_FIRST = "select some words first"
_DIGITS = {int(key.value): str(number) for number, key in enumerate(
    (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6,
     Qt.Key.Key_7, Qt.Key.Key_8, Qt.Key.Key_9), start=1)}


class DocumentView(QTextBrowser):
    """Each block of the brief becomes one text block, so a position in this document
    is the same number as an offset in the brief's canonical text.

    Highlights are the block layouts' own format ranges (ui/highlights.py), set for the
    blocks an edit touches, so one edit costs the same with ten annotations or ten thousand.
    """

    rendered = Signal()  # the document was rebuilt (a brief was opened)
    zoomed = Signal(int)  # the zoom, in steps from the usual size

    def __init__(self, session: ReviewSession | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.render_count = 0  # how often the whole document was rebuilt (tests watch it)
        self._highlights = Highlights()
        self._selecting_from_click = False
        self._zoom = 0
        self._patterns = False
        self._layers_shown: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._base_size = self.font().pointSizeF()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setPlaceholderText("Open a brief from the library, or File → Open a file.")
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        describe(self, "Brief", "The brief's text with its annotations highlighted; select "
                 "words and press a tag's key (1–9) to tag them, Ctrl+Alt+M to comment")
        self.document().setUndoRedoEnabled(False)  # formats are not the reviewer's edits
        if session is not None:
            self._follow(session)

    def _follow(self, session: ReviewSession) -> None:
        session.brief_opened.connect(
            lambda brief: self.show_brief(brief, session.annotations))
        session.annotation_added.connect(self._on_added)
        session.annotation_updated.connect(self._on_updated)
        session.annotation_removed.connect(self._on_removed)
        session.annotation_selected.connect(self._on_selected)
        session.codebook_changed.connect(self._highlights.forget_formats)
        self.cursorPositionChanged.connect(self._tell_caret)
        self.selectionChanged.connect(self._tell_caret)
        if session.brief is not None:
            self.show_brief(session.brief, session.annotations)
        self.inline_suggestions = InlineSuggestions(self, session)  # drawn, never inserted

    # Rendering --------------------------------------------------------------------

    def show_brief(self, brief: Brief, annotations: Sequence[AnnotationView]) -> None:
        """Build the document for a brief and paint its annotations."""
        self.render_count += 1
        document = QTextDocument(self)
        document.setUndoRedoEnabled(False)
        document.setDefaultFont(self._zoomed_font())
        document.setDocumentMargin(PAGE_MARGIN)
        fill_document(document, brief.blocks)
        self._highlights.reset(annotations)
        # Before the view lays the document out, so that its text is laid out once.
        self._highlights.paint(document, 0, document.characterCount())
        self._layers_shown.clear()  # their cursors belong to the old document
        self.setExtraSelections([])
        # Swapped in whole so the layout runs once; the view deletes the document it owned.
        self.setDocument(document)
        self._fit_column()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.rendered.emit()

    def _paint(self, start: int, end: int) -> None:
        """Draw the highlights of the blocks with characters in [start, end) again."""
        area = self._highlights.paint(self.document(), start, end)
        if not area.isEmpty():
            scrolled = area.translated(-self.horizontalScrollBar().value(),
                                       -self.verticalScrollBar().value())
            self.viewport().update(scrolled.toAlignedRect())

    def highlight_at(self, position: int) -> QTextCharFormat:
        """The highlight drawn over the character at `position` (an empty format if none):
        its background, and its underline when tags have patterns."""
        return highlight_at(self.document(), position)

    def tooltip_at(self, position: int) -> str:
        """The tooltip of the character before the caret position `position`, as a hover
        shows it: the annotations over it, innermost first, else its own (a link's)."""
        if position <= 0:
            return ""
        said = self._highlights.tooltip(position - 1)
        if said:
            return said
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        return cursor.charFormat().toolTip()

    def pattern_for(self, tag_name: str | None) -> tuple[QTextCharFormat.UnderlineStyle, bool]:
        """A tag's underline style, and whether it is overlined too, when patterns are on:
        by the tag's place in the codebook (top-level tags first), so the first twelve tags
        all differ and a tag always looks the same."""
        if self.session is None or not tag_name:
            return UNDERLINES[0], False
        names = [tag.name for tag in sorted(self.session.codebook.tags, key=lambda tag: (
            tag.parent_id is not None, tag.parent_id or "", tag.position))]
        index = names.index(tag_name) if tag_name in names else zlib.crc32(tag_name.encode())
        return UNDERLINES[index % len(UNDERLINES)], (index // len(UNDERLINES)) % 2 == 1

    def set_patterns(self, on: bool) -> None:
        """Give each tag its own underline style as well as its colour (or stop)."""
        if on != self._patterns:
            self._patterns = on
            self._highlights.set_pattern(self.pattern_for if on else None,
                                         self.palette().text().color())
            self._paint(0, self.document().characterCount())

    def set_layer(self, name: str, selections: Sequence[QTextEdit.ExtraSelection]) -> None:
        """Show `selections` over the text as the layer `name` (find matches, suggested
        edits…), leaving the other layers as they are."""
        if selections:
            self._layers_shown[name] = list(selections)
        else:
            self._layers_shown.pop(name, None)
        self.setExtraSelections([selection for layer in self._layers_shown.values()
                                 for selection in layer])

    # Zoom ---------------------------------------------------------------------------

    @property
    def zoom(self) -> int:
        """Steps from the usual text size (positive: larger)."""
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        """Show the text `steps` zoom steps from its usual size (headings keep their
        proportions); the caret's place stays in view."""
        steps = max(-MAX_ZOOM, min(MAX_ZOOM, steps))
        if steps == self._zoom:
            return
        self._zoom = steps
        self.document().setDefaultFont(self._zoomed_font())
        self._fit_column()
        self.ensureCursorVisible()
        self.zoomed.emit(steps)

    def zoom_in(self) -> None:
        """Ctrl++: the text one step larger."""
        self.set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        """Ctrl+−: the text one step smaller."""
        self.set_zoom(self._zoom - 1)

    def zoom_reset(self) -> None:
        """Ctrl+0: the text at its usual size."""
        self.set_zoom(0)

    def _zoomed_font(self) -> QFont:
        font = QFont(self.font())
        base = self._base_size if self._base_size > 0 else 10.0
        font.setPointSizeF(round(base * ZOOM_FACTOR ** self._zoom, 1))
        return font

    # Incremental updates ------------------------------------------------------------

    def _on_added(self, view: AnnotationView) -> None:
        self._highlights.add(view)
        self._paint(view.start, view.end)

    def _on_updated(self, view: AnnotationView) -> None:
        if self._highlights.update(view):
            self._paint(view.start, view.end)

    def _on_removed(self, annotation_id: str) -> None:
        view = self._highlights.remove(annotation_id)
        if view is not None:
            self._paint(view.start, view.end)

    # Lookup and navigation ----------------------------------------------------------

    def annotation_at(self, position: int) -> str | None:
        """The innermost (shortest) annotation over the character at `position`."""
        covering = [span for span in self._highlights.overlapping(position, position + 1)
                    if span[0] <= position]
        if not covering:
            return None
        return min(covering, key=lambda span: (span[1] - span[0], span))[2]

    def annotation_on(self, start: int, end: int) -> str | None:
        """The annotation on exactly these characters, if there is one."""
        matching = [span for span in self._highlights.overlapping(start, end)
                    if span[0] == start and span[1] == end]
        return matching[-1][2] if matching else None

    def select_range(self, start: int, end: int) -> None:
        """Select characters start to end and scroll them into view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def next_annotation(self) -> None:
        """Jump to the first annotation that starts after the cursor (wrapping around)."""
        position = self.textCursor().selectionStart()
        spans = self._highlights.spans
        index = bisect.bisect_left(spans, (position + 1,))
        self._jump(index % len(spans) if spans else None)

    def previous_annotation(self) -> None:
        """Jump to the last annotation that starts before the cursor (wrapping around)."""
        position = self.textCursor().selectionStart()
        spans = self._highlights.spans
        index = bisect.bisect_left(spans, (position,)) - 1
        self._jump(index % len(spans) if spans else None)

    def _jump(self, index: int | None) -> None:
        if index is None:
            return
        start, end, key = self._highlights.spans[index]
        self.select_range(start, end)
        if self.session is not None:
            self.session.annotation_selected.emit(key)

    def _tell_caret(self) -> None:
        if self.session is not None and self.session.brief is not None:
            cursor = self.textCursor()
            self.session.set_caret(cursor.selectionStart(), cursor.selectionEnd())

    def _on_selected(self, annotation_id: str) -> None:
        view = self._highlights.view(annotation_id)
        if view is not None and not self._selecting_from_click:
            self.select_range(view.start, view.end)

    # Annotating the selection ---------------------------------------------------------

    def tag_selection(self, tag_id: str | None, comment: str = "") -> bool:
        """Annotate the selected words with a tag (or none); False when nothing is selected."""
        session = self.session
        cursor = self.textCursor()
        if session is None or session.brief is None:
            return False
        if not cursor.hasSelection() or not cursor.selectedText().strip():
            session.notice.emit(_SELECT_FIRST)
            return False
        tag = session.codebook.by_id(tag_id) if tag_id else None
        label = session.codebook.path(tag) if tag else "Comment on"
        session.push(undo.CreateAnnotation(session, session.brief.id, cursor.selectionStart(),
                                           cursor.selectionEnd(), tag_id, comment, label))
        return True

    def tag_with_shortcut(self, key: str) -> bool:
        """Tag the selection with the codebook tag whose shortcut is `key` ("1".."9")."""
        if self.session is None:
            return False
        tag = next((t for t in self.session.codebook.tags if t.shortcut == key), None)
        return tag is not None and self.tag_selection(tag.id)

    def comment(self) -> None:
        """Ctrl+Alt+M: comment on the selection, or edit the comment under the cursor."""
        session = self.session
        if session is None or session.brief is None:
            return
        cursor = self.textCursor()
        if not cursor.hasSelection():
            key = self.annotation_at(cursor.position())
            if key is None:
                session.notice.emit(_SELECT_FIRST)
                return
            self._edit_comment(session, key)
            return
        if not cursor.selectedText().strip():
            session.notice.emit(_SELECT_FIRST)
            return
        same = self.annotation_on(cursor.selectionStart(), cursor.selectionEnd())
        if same is not None:  # just tagged: the comment goes on that annotation
            self._edit_comment(session, same)
            return
        if not session.may_annotate():  # an older version: asked before the comment is typed
            return
        text = self.ask_comment("Add a comment", "")
        if text is not None:
            self.tag_selection(None, text)

    def _edit_comment(self, session: ReviewSession, annotation_id: str) -> None:
        view = session.annotation(annotation_id)
        if view is None:
            return
        text = self.ask_comment("Edit the comment", view.comment)
        if text is not None and text.strip() != view.comment:
            session.push(undo.EditAnnotation(session, annotation_id, comment=text,
                                             text="Edit comment"))

    def ask_comment(self, title: str, text: str) -> str | None:
        """The comment the reviewer types, or None when they cancel (tests replace this)."""
        return ask_comment(self, title, text)

    # Events ---------------------------------------------------------------------------

    def _command_for(self, event: QKeyEvent) -> str | None:
        """The annotation command a key press means here, if any."""
        combo = event.keyCombination()
        modifiers = combo.keyboardModifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = combo.key()
        if key == Qt.Key.Key_F8 and modifiers == Qt.KeyboardModifier.NoModifier:
            return "next"
        if key == Qt.Key.Key_F8 and modifiers == Qt.KeyboardModifier.ShiftModifier:
            return "previous"
        if QKeySequence(combo) == QKeySequence("Ctrl+Alt+M"):
            return "comment"
        if modifiers == Qt.KeyboardModifier.NoModifier:
            return _DIGITS.get(int(event.key()))
        return None

    def event(self, event: QEvent) -> bool:
        # Claim our keys before any window-wide shortcut on the same key can take them.
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and self._command_for(event) is not None):
            event.accept()
            return True
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            said = self.tooltip_at(self.cursorForPosition(event.pos()).position())
            if said:  # else the text's own tooltip, or none
                QToolTip.showText(event.globalPos(), said, self.viewport())
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        command = self._command_for(event)
        if command is None:
            super().keyPressEvent(event)
        elif command == "next":
            self.next_annotation()
        elif command == "previous":
            self.previous_annotation()
        elif command == "comment":
            self.comment()
        else:
            self.tag_with_shortcut(command)  # reports a missing selection itself

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.click_at(event.position().toPoint())

    def click_at(self, point: QPoint) -> None:
        """A click in the viewport: select the innermost annotation under it, if any."""
        key = self.annotation_at(self.cursorForPosition(point).position())
        if key is None or self.session is None:
            return
        self._selecting_from_click = True  # keep the caret where the reviewer clicked
        try:
            self.session.annotation_selected.emit(key)
        finally:
            self._selecting_from_click = False

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self.session is None or not self.textCursor().hasSelection():
            menu = self.createStandardContextMenu(event.pos())
        else:
            menu = self.annotation_menu()
        if self.session is not None:
            self.inline_suggestions.extend_menu(menu, event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def annotation_menu(self) -> QMenu:
        """The tags, nested under their parents, and "Comment…", for the selection."""
        menu = QMenu(self)
        if self.session is None:
            return menu
        tags = sorted(self.session.codebook.tags, key=lambda tag: tag.position)
        children: dict[str | None, list[Tag]] = {}
        for tag in tags:
            children.setdefault(tag.parent_id, []).append(tag)
        self._add_tags(menu, children, None)
        menu.addSeparator()
        comment = menu.addAction("Comment…")
        comment.setShortcut(QKeySequence("Ctrl+Alt+M"))
        comment.triggered.connect(self.comment)
        return menu

    def _add_tags(self, menu: QMenu, children: dict[str | None, list[Tag]],
                  parent: str | None) -> None:
        for tag in children.get(parent, []):
            target = menu
            if tag.id in children:
                target = menu.addMenu(tag.name)
            action = target.addAction(tag.name)
            action.setIcon(_swatch(tag.colour))
            if tag.shortcut:
                action.setShortcut(QKeySequence(tag.shortcut))
            action.triggered.connect(lambda _=False, key=tag.id: self.tag_selection(key))
            if tag.id in children:
                target.addSeparator()
                self._add_tags(target, children, tag.id)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_column()

    def _fit_column(self) -> None:
        """The text fills the view's width up to MAX_TEXT_COLUMNS characters a line (at the
        zoomed size); past that, a centred column."""
        column = QFontMetrics(self.document().defaultFont()).averageCharWidth() \
            * MAX_TEXT_COLUMNS
        side = max(PAGE_MARGIN, (self.viewport().width() - column) // 2)
        root = self.document().rootFrame()
        fmt: QTextFrameFormat = root.frameFormat()
        if int(fmt.leftMargin()) != side:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            root.setFrameFormat(fmt)


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)
