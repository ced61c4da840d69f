"""The review pane: a card per annotation, and an editor for the selected one."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.domain.views import AnnotationView
from reviewdesk.ui import undo
from reviewdesk.ui.accessible import describe
from reviewdesk.ui.annotation_model import AnnotationModel, AnnotationRole
from reviewdesk.ui.card_colours import LIGHT, CardColours, card_colours
from reviewdesk.ui.highlights import COMMENT_COLOUR
from reviewdesk.ui.indicator_date_editor import IndicatorDateEditor
from reviewdesk.ui.session import ReviewSession

_PAD = 10  # inside a card
_GAP = 5  # around a card


def placement_label(view: AnnotationView) -> str:
    """"⚠ Check placement (62%)" or "⚠ Orphaned" for an annotation carried uncertainly."""
    if view.anchor_state == "needs_review":
        score = f" ({round((view.anchor_score or 0) * 100)}%)" if view.anchor_score else ""
        return f"⚠ Check placement{score}"
    if view.anchor_state == "orphaned":
        return "⚠ Orphaned: its words are gone"
    return ""


class CardDelegate(QStyledItemDelegate):
    """Paints a card: tag chip, who and when, the quote, the comment, status and replies.
    Every card has the same height, so the list lays out 10,000 of them at once."""

    colours: CardColours = LIGHT  # set from the view's palette on each paint

    @staticmethod
    def card_height(font: QFont) -> int:
        """The height of every card in this font, in pixels: a header line and three lines of
        text."""
        metrics = QFontMetrics(font)
        lines = metrics.height() + 4 + 3 * (metrics.height() + 4)
        return lines + 2 * (_PAD + _GAP)

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(240, self.card_height(option.font))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        view = index.data(AnnotationRole)
        if not isinstance(view, AnnotationView):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.colours = card_colours(option.palette)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        card = option.rect.adjusted(_GAP * 2, _GAP, -_GAP * 2, -_GAP)
        self._frame(painter, card, view, selected)
        inner = card.adjusted(_PAD + 4, _PAD, -_PAD, -_PAD)
        metrics = QFontMetrics(option.font)
        line = metrics.height() + 4
        self._header(painter, QRect(inner.left(), inner.top(), inner.width(), line), view,
                     option.font)
        top = inner.top() + line + 2
        quote = metrics.elidedText(f"“{view.quote}”", Qt.TextElideMode.ElideRight,
                                   inner.width())
        painter.setFont(option.font)
        painter.setPen(self.colours.strong)
        painter.drawText(QRect(inner.left(), top, inner.width(), line),
                         Qt.AlignmentFlag.AlignVCenter, quote)
        self._comment(painter, QRect(inner.left(), top + line, inner.width(), line), view,
                      option.font)
        self._footer(painter, QRect(inner.left(), top + 2 * line, inner.width(), line), view,
                     option.font)
        painter.restore()

    def _frame(self, painter: QPainter, card: QRect, view: AnnotationView,
               selected: bool) -> None:
        edge = self.colours.accent if selected else self.colours.border
        painter.setPen(QPen(edge, 1.5 if selected else 1))
        painter.setBrush(self.colours.selected_fill if selected else self.colours.fill)
        painter.drawRoundedRect(card, 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(view.colour or COMMENT_COLOUR))
        painter.drawRoundedRect(QRect(card.left() + 1, card.top() + 1, 5, card.height() - 1),
                                2, 2)

    def _header(self, painter: QPainter, rect: QRect, view: AnnotationView,
                font: QFont) -> None:
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.9)
        bold = QFont(small)
        bold.setBold(True)
        who = f"{view.initials or view.reviewer} · {_when(view)}"
        painter.setFont(small)
        painter.setPen(self.colours.muted)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, who)
        room = rect.width() - QFontMetrics(small).horizontalAdvance(who) - 16
        label = QFontMetrics(bold).elidedText(view.tag or "Comment",
                                              Qt.TextElideMode.ElideMiddle, max(room, 20))
        chip = QRect(rect.left(), rect.top() + 1,
                     QFontMetrics(bold).horizontalAdvance(label) + 14, rect.height() - 2)
        colour = QColor(view.colour or COMMENT_COLOUR)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
        painter.setFont(bold)
        painter.setPen(QColor("#ffffff" if colour.lightnessF() < 0.55 else "#202124"))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)

    def _comment(self, painter: QPainter, rect: QRect, view: AnnotationView,
                 font: QFont) -> None:
        shown = QFont(font)
        shown.setItalic(not view.comment)
        painter.setFont(shown)
        painter.setPen(self.colours.text if view.comment else self.colours.faint)
        text = " ".join(view.comment.split()) or "No comment"
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, QFontMetrics(shown).elidedText(
            text, Qt.TextElideMode.ElideRight, rect.width()))

    def _footer(self, painter: QPainter, rect: QRect, view: AnnotationView,
                font: QFont) -> None:
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.9)
        painter.setFont(small)
        resolved = view.status == AnnotationStatus.RESOLVED
        painter.setPen(self.colours.resolved if resolved else self.colours.accent)
        status = "✓ Resolved" if resolved else "● Open"
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, status)
        placement = placement_label(view)
        if placement:  # carried from an earlier version and not sure: say so on the card
            shift = QFontMetrics(small).horizontalAdvance(status + "   ")
            painter.setPen(self.colours.warn if view.anchor_state == "needs_review"
                           else self.colours.error)
            painter.drawText(rect.adjusted(shift, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter,
                             placement)
        count = len(view.replies)
        if count:
            painter.setPen(self.colours.muted)
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{count} {'reply' if count == 1 else 'replies'}")


NO_ANNOTATION = "select an annotation in the document or the list first"


class AnnotationCards(QWidget):
    """Cards in document order above an editor for the selected card's comment,
    status and replies. Every change goes through the session's undo stack."""

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = AnnotationModel(session, self)
        # A one-column table, not a QListView: a list view lays out every row again on
        # each insertion (20,000 model calls at 10,000 cards), a table with fixed row
        # heights does not.
        self.list = QTableView()
        self.setFocusProxy(self.list)
        self.comment = QPlainTextEdit()
        self.resolved = QCheckBox("Resolved")
        self.replies = QLabel()
        self.reply = QLineEdit()
        self.reply_button = QPushButton("Reply")
        self.delete_button = QPushButton("Delete")
        self.heading = QLabel()
        self.date = IndicatorDateEditor(session)
        self.editor = QWidget()
        self._current: str | None = None
        self._syncing = False  # set while following the session, so we don't echo it
        self._build()
        self._connect()
        self._show(None)

    # Layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.list.setModel(self.model)
        describe(self.list, "Annotations", "The brief's annotations in document order; Enter "
                 "or a click selects one, Delete deletes it")
        describe(self.comment, "Comment", "The selected annotation's comment; Ctrl+Enter saves it")
        describe(self.reply, "Reply", "A reply to the selected annotation; Enter posts it")
        self.reply_button.setToolTip("Post the reply (Enter in the reply box)")
        self.resolved.setAccessibleDescription("Resolve or reopen the annotation "
                                               "(Ctrl+Shift+R)")
        delegate = CardDelegate(self.list)
        self.list.setItemDelegate(delegate)
        self.list.horizontalHeader().hide()
        self.list.horizontalHeader().setStretchLastSection(True)
        rows = self.list.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(delegate.card_height(self.list.font()))
        self.list.setShowGrid(False)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setFrameShape(QTableView.Shape.NoFrame)
        palette = self.list.palette()
        palette.setColor(QPalette.ColorRole.Base, card_colours(palette).background)
        self.list.setPalette(palette)
        self.comment.setPlaceholderText("Comment (Ctrl+Enter saves)")
        self.comment.setMaximumHeight(self.comment.fontMetrics().lineSpacing() * 7)
        self.reply.setPlaceholderText("Reply…")
        self.replies.setWordWrap(True)
        self.replies.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.heading.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.resolved.setToolTip("Ctrl+Shift+R")
        self.delete_button.setToolTip("Delete (in the list)")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(self._editor_layout())
        splitter.setStretchFactor(0, 1)  # the cards take the height the editor leaves
        splitter.setStretchFactor(1, 0)
        splitter.setCollapsible(0, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _editor_layout(self) -> QWidget:
        column = QVBoxLayout(self.editor)
        column.setContentsMargins(12, 8, 12, 12)
        column.setSpacing(6)
        column.addWidget(self.heading)
        column.addWidget(self.date.shown)
        column.addWidget(self.date)
        column.addWidget(self.comment, 2)
        row = QHBoxLayout()
        row.addWidget(self.resolved)
        row.addStretch(1)
        row.addWidget(self.delete_button)
        column.addLayout(row)
        column.addWidget(self.replies)
        answer = QHBoxLayout()
        answer.addWidget(self.reply, 1)
        answer.addWidget(self.reply_button)
        column.addLayout(answer)
        column.addStretch(1)  # room to spare stays below, not between the fields
        return self.editor

    def _connect(self) -> None:
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.session.annotation_selected.connect(self.select)
        self.session.annotation_updated.connect(self._updated)
        self.session.annotation_removed.connect(self._removed)
        self.model.modelReset.connect(lambda: self._show(None))
        self.comment.installEventFilter(self)
        self.resolved.clicked.connect(self._set_resolved)
        self.reply.returnPressed.connect(self.add_reply)
        self.reply_button.clicked.connect(self.add_reply)
        self.delete_button.clicked.connect(self.delete_current)
        delete = QAction("Delete the annotation", self.list)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # in the list only
        delete.triggered.connect(self.delete_current)
        self.list.addAction(delete)

    # Selection ------------------------------------------------------------------------

    def current_id(self) -> str | None:
        """The id of the annotation whose card is selected; None when none is."""
        return self._current

    def select(self, annotation_id: str) -> None:
        """Select and scroll to an annotation's card (the session chose it elsewhere)."""
        row = self.model.row_of(annotation_id)
        if row is None or annotation_id == self._current:
            return
        index = self.model.index(row)
        self._syncing = True
        try:
            self.list.setCurrentIndex(index)
        finally:
            self._syncing = False
        self.list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        view = self.model.view_at(current.row()) if current.isValid() else None
        self.save_comment()
        self._show(view)
        if view is not None and not self._syncing:
            self.session.annotation_selected.emit(view.id)

    def _show(self, view: AnnotationView | None) -> None:
        self._current = view.id if view else None
        self.editor.setEnabled(view is not None)
        if view is None:
            self.heading.setText("<i>Select a card to edit its comment and replies.</i>")
            self.comment.setPlainText("")
            self.resolved.setChecked(False)
            self.replies.setText("")
            self.date.show_for(None)
            return
        self.heading.setText(f"<b>{_escape(view.tag or 'Comment')}</b> — “{_escape(view.quote)}”")
        self.comment.setPlainText(view.comment)
        self._refresh(view)

    def _refresh(self, view: AnnotationView) -> None:
        self.resolved.setChecked(view.status == AnnotationStatus.RESOLVED)
        self.date.show_for(view)
        self.replies.setText("<br>".join(
            f"<b>{_escape(reply.reviewer)}</b>: {_escape(reply.text)}"
            for reply in view.replies))
        self.replies.setVisible(bool(view.replies))

    def _updated(self, view: AnnotationView) -> None:
        if view.id != self._current:
            return
        if not self.comment.hasFocus():
            self.comment.setPlainText(view.comment)
        self._refresh(view)

    def _removed(self, annotation_id: str) -> None:
        if annotation_id == self._current:
            current = self.list.currentIndex()
            self._show(self.model.view_at(current.row()) if current.isValid() else None)

    # Edits ----------------------------------------------------------------------------

    def save_comment(self) -> None:
        """Store the editor's comment if it changed (on focus out and Ctrl+Enter)."""
        view = self.session.annotation(self._current) if self._current else None
        text = self.comment.toPlainText().strip()
        if view is not None and text != view.comment:
            self.session.push(undo.EditAnnotation(self.session, view.id, comment=text,
                                                  text="Edit comment"))

    def _target(self) -> AnnotationView | None:
        """The annotation the window's commands act on: the session's current one (under
        the document's caret or last selected), else this list's card."""
        view = self.session.current_annotation()
        if view is None and self._current is not None:
            view = self.session.annotation(self._current)
        if view is None:
            self.session.notice.emit(NO_ANNOTATION)
        return view

    def toggle_resolved(self) -> None:
        """Resolve the current annotation, or reopen it if resolved (Ctrl+Shift+R, wherever
        the focus is); undoable."""
        view = self._target()
        if view is not None:
            self._set_resolved(view.status != AnnotationStatus.RESOLVED, view.id)

    def _set_resolved(self, resolved: bool, annotation_id: str | None = None) -> None:
        target = annotation_id or self._current
        if target is None:
            return
        status = AnnotationStatus.RESOLVED if resolved else AnnotationStatus.OPEN
        self.session.push(undo.EditAnnotation(
            self.session, target, status=status,
            text="Resolve" if resolved else "Reopen"))
        self.session.notice.emit(("Resolved" if resolved else "Reopened")
                                 + " the annotation (Ctrl+Z undoes it)")

    def start_reply(self) -> None:
        """Ctrl+Alt+R: select the current annotation's card and put the caret in its reply
        box."""
        view = self._target()
        if view is None:
            return
        self.session.annotation_selected.emit(view.id)
        self.reply.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def delete_target(self) -> None:
        """Ctrl+Shift+Del: delete the current annotation, wherever the focus is; undoable."""
        view = self._target()
        if view is not None:
            self._delete(view.id)

    def _delete(self, annotation_id: str) -> None:
        self.session.push(undo.DeleteAnnotation(self.session, annotation_id))
        if self.session.annotation(annotation_id) is None:
            self.session.notice.emit("Deleted the annotation; Ctrl+Z brings it back")

    def add_reply(self) -> None:
        """Add the reply box's text as a reply to the selected annotation and empty the box;
        blank text adds nothing."""
        text = self.reply.text().strip()
        if self._current is None or not text:
            return
        self.session.push(undo.AddReply(self.session, self._current, text))
        self.reply.clear()

    def delete_current(self) -> None:
        """Delete the selected annotation (Delete in the list); undoable."""
        if self._current is not None:
            self._delete(self._current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Save the comment when its editor loses focus or on Ctrl+Enter."""
        if watched is self.comment:
            if event.type() == QEvent.Type.FocusOut:
                self.save_comment()
            elif (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                  and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                  and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
                self.save_comment()
                return True
        return super().eventFilter(watched, event)


def _when(view: AnnotationView) -> str:
    return view.created.astimezone().strftime("%d %b %H:%M")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
