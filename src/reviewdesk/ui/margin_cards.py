"""The comment margin beside the document: each annotation's card level with its words,
following the document's scrolling, as in Word's comment margin."""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QWidget

from reviewdesk.domain.margin_layout import CardColumn
from reviewdesk.domain.views import AnnotationView
from reviewdesk.ui import undo
from reviewdesk.ui.card_colours import card_colours
from reviewdesk.ui.document_view import DocumentView
from reviewdesk.ui.margin_card_painter import MarginCardPainter
from reviewdesk.ui.ordered_views import OrderedViews
from reviewdesk.ui.session import ReviewSession

GAP = 6  # between cards that crowd
SIDE = 8  # between a card and the margin's edges
_HINT = "Select words and press a tag's key (1–9) to add a card here."


@dataclass(frozen=True, slots=True)
class PlacedCard:
    """A card's place in document coordinates (the y of the document's content, unscrolled)."""

    annotation_id: str
    target: float  # the top of the first line of its words
    top: float
    height: int

    @property
    def bottom(self) -> float:
        return self.top + self.height


class MarginCards(QWidget):
    """A painted column of cards beside a DocumentView. Places are worked out after a
    change (an annotation, the selection, a new width or layout of the document), from the
    top of the brief down to a little past the margin's bottom, and a scroll only shifts
    them, so the cards follow the document exactly; a repaint draws only the cards in view,
    whether the brief has ten annotations or ten thousand."""

    activated = Signal(str)  # an annotation id: the reviewer double-clicked its card

    def __init__(self, session: ReviewSession, document: DocumentView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.document = document
        self.painter = MarginCardPainter(self.font())
        self.painted = 0  # cards drawn by the last repaint (tests watch it)
        self._selected: str | None = None
        self._targets: dict[str, float] = {}  # kept until the document's lines move
        self._rows = OrderedViews()  # the annotations in document order
        self._column = CardColumn(self._target, self._height, 0)
        self._dirty = True
        self.setMinimumWidth(180)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._follow()

    def sizeHint(self) -> QSize:
        return QSize(250, 400)

    def _follow(self) -> None:
        session = self.session
        session.brief_opened.connect(self._brief_opened)
        session.annotation_added.connect(self._added)
        session.annotation_updated.connect(self._updated)
        session.annotation_removed.connect(self._removed)
        self._rows.reset(session.annotations)
        session.annotation_selected.connect(self._select)
        document = self.document
        document.verticalScrollBar().valueChanged.connect(self.update)
        document.rendered.connect(self._document_replaced)
        document.zoomed.connect(lambda _steps: self.lines_moved())  # every line moves
        self._viewport = document.viewport()  # kept: the filter may outlive the document
        self._viewport.installEventFilter(self)
        self._document_replaced()

    def _document_replaced(self) -> None:
        # A new QTextDocument (a brief opened) has a new layout: a re-flow of its lines
        # (the window resized, the column re-centred) moves every card's words.
        layout = self.document.document().documentLayout()
        layout.documentSizeChanged.connect(self._document_resized)
        # Not layout.documentSize(): that would lay out a long brief whole, here and now.
        self._document_width = self.document.document().textWidth()
        self.lines_moved()

    def _document_resized(self, size: QSizeF) -> None:
        # Only a new width re-flows the lines. A taller document is Qt laying out the rest
        # of a long brief after the first screen: the lines already laid out stay put.
        if size.width() != self._document_width:
            self._document_width = size.width()
            self.lines_moved()

    def _brief_opened(self, _brief: object) -> None:
        self._selected = None
        self._rows.reset(self.session.annotations)
        self.painter.forget()
        self.lines_moved()

    def _added(self, view: AnnotationView) -> None:
        if view.id in self._rows:
            self._updated(view)
            return
        self._rows.insert(self._rows.insertion_row(view), view)
        self.relayout()

    def _updated(self, view: AnnotationView) -> None:
        if view.id in self._rows:
            self._rows.replace(view)  # an edit never moves an annotation's words
            self.relayout()

    def _removed(self, annotation_id: str) -> None:
        row = self._rows.row_of(annotation_id)
        if row is not None:
            self._rows.delete(row)
        if annotation_id == self._selected:
            self._selected = None
        self.painter.forget(annotation_id)
        self._targets.pop(annotation_id, None)
        self.relayout()

    def _select(self, annotation_id: str) -> None:
        self._selected = annotation_id
        self.relayout()

    def lines_moved(self, *_: object) -> None:
        """The document's lines moved: find every card's words again, then place them."""
        self._targets.clear()
        self.relayout()

    def relayout(self, *_: object) -> None:
        """Place the cards again before the next repaint."""
        self._dirty = True
        self.update()

    # Places -------------------------------------------------------------------------------

    def selected_id(self) -> str | None:
        """The annotation whose card is selected."""
        return self._selected

    def card_width(self) -> int:
        """The width of every card: the margin less its sides."""
        return max(self.width() - 2 * SIDE, 60)

    def offset(self) -> int:
        """What to add to a y in the document's viewport to get the same height here."""
        return (self.document.viewport().mapToGlobal(QPoint(0, 0)).y()
                - self.mapToGlobal(QPoint(0, 0)).y())

    def document_scroll(self) -> int:
        """How far the document is scrolled down, in pixels."""
        return self.document.verticalScrollBar().value()

    def words_y(self, position: int) -> float:
        """The top of the line holding `position`, in the document's content coordinates:
        what cursorRect gives in the viewport, plus the scroll."""
        text = self.document.document()
        block = text.findBlock(position)
        if not block.isValid():
            return 0.0
        box = text.documentLayout().blockBoundingRect(block)
        layout = block.layout()
        line = layout.lineForTextPosition(position - block.position()) if layout else None
        return box.top() + (line.y() if line is not None and line.isValid() else 0.0)

    def _view(self, index: int) -> AnnotationView:
        view = self._rows.at(index)
        assert view is not None, "a card past the last annotation"
        return view

    def _target(self, index: int) -> float:
        view = self._view(index)
        target = self._targets.get(view.id)
        if target is None:
            target = self._targets[view.id] = self.words_y(view.start)
        return target

    def _height(self, index: int) -> float:
        return self.painter.height(self._view(index), self.card_width())

    def _placed(self, bottom: float) -> CardColumn:
        """The cards placed from the top of the brief down to at least `bottom`, in the
        document's content coordinates."""
        if self._dirty:
            self._dirty = False
            chosen = self._rows.row_of(self._selected) if self._selected else None
            self._column = CardColumn(self._target, self._height, len(self._rows), GAP, chosen)
        if bottom >= self._column.reaches:
            # A screen more than asked for, so that a scroll seldom has to place more.
            self._column.extend_to(bottom + self.height())
        return self._column

    def cards(self) -> list[PlacedCard]:
        """Every card's place, top to bottom (placing them all)."""
        column = self._placed(math.inf)
        return [self._card(index) for index in range(len(column.tops))]

    def _card(self, index: int) -> PlacedCard:
        column = self._column
        return PlacedCard(self._view(index).id, self._target(index), column.tops[index],
                          round(column.heights[index]))

    def card_rect(self, annotation_id: str) -> QRect | None:
        """The card of an annotation in this widget's coordinates, as now scrolled."""
        index = self._rows.row_of(annotation_id)
        self._placed(math.inf)  # every card: this is for a single look, not for painting
        return self._rect(self._card(index)) if index is not None else None

    def _rect(self, card: PlacedCard) -> QRect:
        top = round(card.top) - self.document_scroll() + self.offset()
        return QRect(SIDE, top, self.card_width(), card.height)

    def visible_cards(self) -> list[PlacedCard]:
        """The cards that show at the current scroll, found by bisection."""
        top = self.document_scroll() - self.offset()
        bottom = top + self.height()
        column = self._placed(bottom)
        shown: list[PlacedCard] = []
        for index in range(bisect.bisect_right(column.bottoms, top), len(column.tops)):
            if column.tops[index] > bottom:
                break
            shown.append(self._card(index))
        return shown

    def card_at(self, point: QPoint) -> str | None:
        """The annotation whose card is under a point of this widget."""
        if not SIDE <= point.x() < self.width() - SIDE:
            return None
        y = point.y() + self.document_scroll() - self.offset()
        column = self._placed(y)
        index = bisect.bisect_left(column.bottoms, y)
        if index < len(column.tops) and column.tops[index] <= y:
            return self._view(index).id
        return None

    # Events -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.painter.colours = colours = card_colours(self.palette())
        painter.fillRect(self.rect(), colours.background)
        shown = self.visible_cards()
        self.painted = len(shown)
        if self.session.brief is not None and not self._rows:
            painter.setPen(colours.hint)
            painter.drawText(self.rect().adjusted(SIDE * 2, SIDE * 2, -SIDE * 2, 0),
                             Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, _HINT)
        for card in shown:
            view = self.session.annotation(card.annotation_id)
            if view is None:
                continue
            selected = card.annotation_id == self._selected
            rect = self._rect(card)
            if selected:
                self._connector(painter, rect, card)
            self.painter.paint(painter, rect, view, selected)
        painter.end()

    def _connector(self, painter: QPainter, rect: QRect, card: PlacedCard) -> None:
        """A line from the margin's edge, at the height of the words, to the selected card."""
        y = round(card.target) - self.document_scroll() + self.offset() + 8
        painter.setPen(QPen(self.painter.colours.accent, 1, Qt.PenStyle.DashLine))
        painter.drawLine(0, y, rect.left(), y)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        key = self.card_at(event.position().toPoint())
        if key is not None and event.button() == Qt.MouseButton.LeftButton:
            self.session.annotation_selected.emit(key)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        key = self.card_at(event.position().toPoint())
        if key is not None:
            self.activated.emit(key)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Up and Down: the card before or after; Enter: edit its comment; Delete: delete
        it (undoable); Escape: back to the document."""
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected:
            self.activated.emit(self._selected)
        elif key == Qt.Key.Key_Delete and self._selected is not None:
            self.session.push(undo.DeleteAnnotation(self.session, self._selected))
        elif key == Qt.Key.Key_Escape:
            self.document.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            super().keyPressEvent(event)

    def step(self, by: int) -> None:
        """Select the card `by` places after the selected one (before, if negative); the
        first card when none is selected."""
        if not self._rows:
            return
        row = self._rows.row_of(self._selected) if self._selected else None
        row = 0 if row is None else min(max(row + by, 0), len(self._rows) - 1)
        self.session.annotation_selected.emit(self._view(row).id)

    def wheelEvent(self, event: QWheelEvent) -> None:
        # The margin has no scroll bar of its own: the wheel scrolls the document.
        QApplication.sendEvent(self.document.viewport(), event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()  # a new width wraps the comments anew; a new height shows more

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The document's viewport resized: its lines may have moved."""
        if event.type() == QEvent.Type.Resize and watched is self._viewport:
            self.lines_moved()
        return super().eventFilter(watched, event)

