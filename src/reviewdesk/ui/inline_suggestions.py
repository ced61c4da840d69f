"""Suggested edits shown in the brief's text: the words to replace struck through, the new
words after them underlined in the suggesting reviewer's colour, accepted or rejected from
the context menu or with Ctrl+Alt+Y / Ctrl+Alt+N while the caret is in one.

Why the new words are painted, not inserted: every feature of the document view (annotation
highlights, find, tagging the selection, jumping to a card) relies on a position in the
QTextDocument being the same number as an offset in the brief's text (see document_blocks).
Inserting the new words, or even one object-replacement character per edit, would shift
every offset after the first suggestion and force each of those features to translate.
So the document keeps exactly the brief's characters: the struck words are a char format,
and the room for the new words is letter spacing on one character (a format too, so no
character moves): the space after the struck words when there is one (it is never struck,
and spacing a letter of a joined script such as Arabic would break its joining), else the
last struck letter of a left-to-right paragraph. The new words are drawn into that room
after the viewport has painted the text, from the text layout's own coordinates, on the
right of the struck words or, in a right-to-left paragraph, on their left.

Pending tracked changes of an imported Word file are suggested edits by their authors
like any other (the brief's text is the text before them). What no suggestion can hold (a
paragraph break, a whole paragraph or a text box added or removed) gives its paragraph a
change bar in the margin instead.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QToolTip

from reviewdesk.domain.review import SuggestionStatus
from reviewdesk.services.tracking import SuggestionView, suggestion_views
from reviewdesk.ui.inline_formats import plain, restyle, spaced, struck
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.suggestion_commands import DecideSuggestion

if TYPE_CHECKING:
    from reviewdesk.ui.document_view import DocumentView

ACCEPT_KEYS, REJECT_KEYS = "Ctrl+Alt+Y", "Ctrl+Alt+N"
ACCEPTED_DELETION = "#9e9e9e"  # an accepted edit's old words, greyed
CHANGE_BAR = "#8e24aa"
CHANGE_BAR_GAP = 10  # pixels between a change bar and its paragraph's text column
CHANGE_BAR_TIP = ("This paragraph had tracked changes in the Word file that are not "
                  "suggested edits: a paragraph break, a whole paragraph or a text box "
                  "added or removed")
_ROOM_COLUMNS = 40  # the most room new words take, in average characters; longer is elided
_NOT_IN_ONE = "put the caret in a suggested edit first"


@dataclass(frozen=True, slots=True)
class InlineEdit:
    """A suggested edit as the text shows it."""

    id: str
    start: int
    end: int
    replacement: str
    reviewer: str
    status: SuggestionStatus
    colour: QColor

    @property
    def pending(self) -> bool:
        return self.status == SuggestionStatus.PENDING


def reviewer_colour(name: str, dark: bool = False) -> QColor:
    """A colour of the reviewer's own, the same on every run and every machine (a hue from
    the name), dark enough to read on white or light enough to read on a dark base."""
    hue = zlib.crc32(name.casefold().encode("utf-8")) % 360
    return QColor.fromHsl(hue, 200, 180 if dark else 90)


class InlineSuggestions(QObject):
    """Draws the open brief's pending and accepted suggested edits in a DocumentView and
    accepts or rejects them; a rejected edit is not shown."""

    def __init__(self, view: DocumentView, session: ReviewSession) -> None:
        super().__init__(view)
        self._view, self._session = view, session
        self._edits: list[InlineEdit] = []
        self._painted: tuple[QTextDocument, list[tuple[int, int]]] | None = None
        self._in_paint = False
        self._rooms: dict[int, int] = {}  # end of struck words -> the character giving room
        self._measured: dict[str, tuple[str, QFont, float]] = {}  # id -> text, font, width
        self.accept_action = self._action("Accept suggested edit", ACCEPT_KEYS, self.accept)
        self.reject_action = self._action("Reject suggested edit", REJECT_KEYS, self.reject)
        view.viewport().installEventFilter(self)
        view.rendered.connect(self.refresh)
        view.zoomed.connect(lambda _steps: self.refresh())  # new sizes, new room
        session.suggestions_changed.connect(self.refresh)
        self.refresh()

    def _action(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._view)
        action.setShortcut(QKeySequence(keys))
        # Window-wide, as every command of the window (ui/keys.py): on the document's caret.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False: slot())
        self._view.addAction(action)
        return action

    @property
    def edits(self) -> list[InlineEdit]:
        """The edits the text shows, in text order."""
        return list(self._edits)

    def edit_at(self, position: int) -> InlineEdit | None:
        """The shortest edit whose words hold `position` (their end included, so a caret
        just after the struck words, or a click on the new ones, finds it)."""
        found = [edit for edit in self._edits if edit.start <= position <= edit.end]
        return min(found, key=lambda edit: edit.end - edit.start) if found else None

    # Loading and formats --------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the brief's suggested edits again and show them."""
        document = self._view.document()
        whole = QTextCursor(document)
        whole.beginEditBlock()  # one layout for all the formats below
        try:
            self._restyle_all(document)
        finally:
            whole.endEditBlock()
        self._view.viewport().update()

    def _restyle_all(self, document: QTextDocument) -> None:
        if self._painted is not None and self._painted[0] is document:
            for start, end in self._painted[1]:
                restyle(document, start, end, plain)
        self._painted = None
        self._measured.clear()
        self._edits = self._load()
        dark = self._view.palette().base().color().lightnessF() < 0.5
        if dark:
            self._edits = [_recoloured(edit, reviewer_colour(edit.reviewer, True))
                           for edit in self._edits]
        for edit in self._edits:
            ink = edit.colour if edit.pending else QColor(ACCEPTED_DELETION)
            restyle(document, edit.start, edit.end, partial(struck, ink=ink))
        painted = [(edit.start, edit.end) for edit in self._edits]
        self._rooms = {}
        for end in sorted({edit.end for edit in self._edits if edit.replacement}):
            spot = self._room_spot(end)
            if spot is None:
                continue  # the tooltip still tells the new words
            room = sum(self.room_width(edit) for edit in self._at_end(end))
            restyle(document, spot, spot + 1, partial(spaced, room=room))
            self._rooms[end] = spot
            painted.append((spot, spot + 1))
        self._painted = (document, painted)

    def _room_spot(self, end: int) -> int | None:
        """The character whose spacing makes room for new words ending at `end`: in a
        left-to-right paragraph the last struck letter, else the space after the struck
        words (never struck, and no letter of a joined script); None when there is
        neither."""
        document = self._view.document()
        # Left to right, the last struck letter: a space may end a line, where Qt lets its
        # width hang past the margin and the new words would be drawn over the struck ones.
        if document.findBlock(end - 1).textDirection() == Qt.LayoutDirection.LeftToRight:
            return end - 1
        if document.characterAt(end) == " ":
            return end
        return None

    def _load(self) -> list[InlineEdit]:
        brief = self._session.brief
        if brief is None:
            return []
        found = self._session.attempt(lambda: suggestion_views(self._session.store, brief.id))
        limit = self._view.document().characterCount() - 1
        return [_inline(view) for view in found or []
                if view.status != SuggestionStatus.REJECTED and 0 <= view.start < view.end <= limit]

    def _at_end(self, end: int) -> list[InlineEdit]:
        return [edit for edit in self._edits if edit.end == end and edit.replacement]

    def _font_at(self, position: int) -> QFont:
        """The font of the character at `position`, without the room or the strike."""
        document = self._view.document()
        cursor = QTextCursor(document)
        cursor.setPosition(position + 1)  # the format of the character before the cursor
        font = cursor.charFormat().font().resolve(document.defaultFont())
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 100)
        font.setStrikeOut(False)
        return font

    def _shown_text(self, edit: InlineEdit) -> tuple[str, QFont]:
        """The new words as drawn (elided past the room's limit), in the struck words' font;
        measured once per refresh, since every paint asks."""
        if edit.id not in self._measured:
            font = self._font_at(edit.end - 1)
            metrics = QFontMetricsF(font)
            limit = metrics.averageCharWidth() * _ROOM_COLUMNS
            text = metrics.elidedText(edit.replacement, Qt.TextElideMode.ElideRight, limit)
            self._measured[edit.id] = (text, font, metrics.horizontalAdvance(" ")
                                       + metrics.horizontalAdvance(text))
        text, font, _ = self._measured[edit.id]
        return text, QFont(font)

    def room_for(self, end: int) -> int | None:
        """The character whose spacing holds the new words of the edits ending at `end`."""
        return self._rooms.get(end)

    def room_width(self, edit: InlineEdit) -> float:
        """The width an edit's new words take in the text, with their one space."""
        self._shown_text(edit)
        return self._measured[edit.id][2]

    # Accepting and rejecting ----------------------------------------------------------------

    def accept(self, position: int | None = None) -> bool:
        """Accept the edit at `position` (default: the caret); False with a message if none."""
        return self._decide(position, SuggestionStatus.ACCEPTED)

    def reject(self, position: int | None = None) -> bool:
        """Reject the edit at `position` (default: the caret); False with a message if none."""
        return self._decide(position, SuggestionStatus.REJECTED)

    def _decide(self, position: int | None, status: SuggestionStatus) -> bool:
        if position is None:
            position = self._view.textCursor().position()
        edit = self.edit_at(position)
        if edit is None:
            self._session.notice.emit(_NOT_IN_ONE)
            return False
        if edit.status == status:
            self._session.notice.emit(f"that suggested edit is already {status.value}")
            return False
        self._session.push(DecideSuggestion(self._session, edit.id, status, edit.replacement))
        return True

    def extend_menu(self, menu: QMenu, point: QPoint) -> None:
        """Put Accept and Reject first in the context menu when `point` (viewport
        coordinates) is on a suggested edit."""
        position = self._view.cursorForPosition(point).position()
        edit = self.edit_at(position)
        if edit is None:
            return
        first = menu.actions()[0] if menu.actions() else None
        for action, status in ((self.accept_action, SuggestionStatus.ACCEPTED),
                               (self.reject_action, SuggestionStatus.REJECTED)):
            item = QAction(action.text(), menu)
            item.setShortcut(action.shortcut())
            item.setEnabled(edit.status != status)
            item.triggered.connect(lambda _=False, s=status: self._decide(position, s))
            menu.insertAction(first, item)  # type: ignore[arg-type]
        if first is not None:
            menu.insertSeparator(first)

    # Painting -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Draw the new words after the viewport painted the text; explain an edit on hover."""
        if (event.type() == QEvent.Type.Paint and isinstance(event, QPaintEvent)
                and not self._in_paint):
            self._in_paint = True  # the text first, as the viewport paints it
            try:
                QCoreApplication.sendEvent(watched, event)
            finally:
                self._in_paint = False
            self._paint_insertions()
            return True
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            return self._tooltip(event)
        if event.type() == QEvent.Type.PaletteChange:  # a theme: colours readable on it
            self.refresh()
        return False

    def _paint_insertions(self) -> None:
        document = self._view.document()
        offset = QPointF(self._view.horizontalScrollBar().value(),
                         self._view.verticalScrollBar().value())
        painter = QPainter(self._view.viewport())
        try:
            painter.translate(-offset)
            for end in sorted({edit.end for edit in self._edits if edit.replacement}):
                self._paint_at(painter, document, end)
            self._paint_change_bars(painter, document)
        finally:
            painter.end()

    def _paint_at(self, painter: QPainter, document: QTextDocument, end: int) -> None:
        """The new words of every edit ending at `end`, in the room made for them."""
        spot = self._rooms.get(end)
        if spot is None:
            return
        block = document.findBlock(spot)
        layout = block.layout()
        inside = spot - block.position()
        line = layout.lineForTextPosition(inside)
        if not line.isValid():
            return
        rtl = block.textDirection() == Qt.LayoutDirection.RightToLeft
        after_space = spot == end
        origin = layout.position()
        edges = sorted(_x_of(line.cursorToX(place)) for place in (inside, inside + 1))
        edits = self._at_end(end)
        room = sum(self.room_width(edit) for edit in edits)
        # The room is the spacing added after the character: its right in a left-to-right
        # line, its left in a right-to-left one.
        left = origin.x() + (edges[0] if rtl else edges[1] - room)
        top = origin.y() + line.y()
        if not after_space:  # the struck-out line runs through the last letter's spacing
            self._clear_room(painter, QRectF(left, top, room + 1, line.height()), spot)
        slot = left + room if rtl else left
        for edit in edits:
            width = self.room_width(edit)
            slot -= width if rtl else 0
            self._draw_words(painter, edit, QRectF(slot, top, width, line.height()),
                             line.ascent(), at_right=rtl or not after_space)
            slot += 0 if rtl else width

    def _clear_room(self, painter: QPainter, room: QRectF, spot: int) -> None:
        """Paint over the strike in the room, keeping the highlight or selection under it."""
        palette = self._view.palette()
        painter.fillRect(room, palette.base())
        highlight = self._view.highlight_at(spot).background()
        if highlight.style() != Qt.BrushStyle.NoBrush:
            painter.fillRect(room, highlight)
        selection = self._view.textCursor()
        if selection.selectionStart() <= spot < selection.selectionEnd():
            painter.fillRect(room, palette.highlight())

    def _draw_words(self, painter: QPainter, edit: InlineEdit, slot: QRectF, ascent: float,
                    at_right: bool) -> None:
        """One edit's new words in its slot (the words and one space, on the side away
        from the struck words)."""
        text, font = self._shown_text(edit)
        metrics = QFontMetricsF(font)
        width = metrics.horizontalAdvance(text)
        font.setUnderline(edit.pending)
        painter.setFont(font)
        painter.setPen(QPen(edit.colour if edit.pending
                            else self._view.palette().text().color()))
        x = slot.right() - width if at_right else slot.left()
        painter.drawText(QPointF(x, slot.top() + ascent), text)

    def change_bars(self) -> list[int]:
        """Positions of the blocks that held pending tracked changes in their Word file
        that are not suggested edits."""
        brief = self._session.brief
        return [block.start for block in brief.blocks if block.tracked_changes] if brief else []

    def _paint_change_bars(self, painter: QPainter, document: QTextDocument) -> None:
        positions = self.change_bars()
        if not positions:
            return
        layout = document.documentLayout()
        painter.setPen(QPen(QColor(CHANGE_BAR), 2))
        for position in positions:
            rect = layout.blockBoundingRect(document.findBlock(position))
            x = max(2.0, rect.left() - CHANGE_BAR_GAP)
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))

    def _tooltip(self, event: QHelpEvent) -> bool:
        position = self._view.cursorForPosition(event.pos()).position()
        edit = self.edit_at(position)
        if edit is not None:  # with the annotations' own tooltip, if the words have one
            text = "\n".join(filter(None, (_explain(edit, self._view.document()),
                                            self._view.tooltip_at(position))))
        elif self._on_change_bar(event.pos(), position):
            text = CHANGE_BAR_TIP
        else:
            return False
        QToolTip.showText(event.globalPos(), text, self._view.viewport())
        return True


    def _on_change_bar(self, point: QPoint, position: int) -> bool:
        """Whether `point` is in the margin left of a block with a change bar."""
        document = self._view.document()
        block = document.findBlock(position)
        if block.position() not in self.change_bars():
            return False
        left = document.documentLayout().blockBoundingRect(block).left()
        return point.x() + self._view.horizontalScrollBar().value() < left


def _x_of(found: object) -> float:
    """QTextLine.cursorToX's x (PySide returns (x, position) for the in-out argument)."""
    if isinstance(found, tuple):
        return float(found[0])
    return float(found)  # type: ignore[arg-type]


def _explain(edit: InlineEdit, document: QTextDocument) -> str:
    cursor = QTextCursor(document)
    cursor.setPosition(edit.start)
    cursor.setPosition(edit.end, QTextCursor.MoveMode.KeepAnchor)
    old = cursor.selectedText()
    change = f"“{old}” → “{edit.replacement}”" if edit.replacement else f"delete “{old}”"
    if edit.pending:
        return (f"{edit.reviewer} suggests: {change}\n"
                f"{ACCEPT_KEYS} accepts, {REJECT_KEYS} rejects")
    return f"Accepted: {change} (suggested by {edit.reviewer})"


def _inline(view: SuggestionView) -> InlineEdit:
    return InlineEdit(id=view.id, start=view.start, end=view.end,
                      replacement=view.replacement, reviewer=view.reviewer,
                      status=view.status, colour=reviewer_colour(view.reviewer))


def _recoloured(edit: InlineEdit, colour: QColor) -> InlineEdit:
    return InlineEdit(edit.id, edit.start, edit.end, edit.replacement, edit.reviewer,
                      edit.status, colour)
