"""The Due column's editor: a date typed as YYYY-MM-DD or picked from a calendar, cleared
for no due date, wide enough for its text. Typed text is taken as it is, never changed
quietly into another date: the model refuses a date that is not one and says why.

(Qt's QDateEdit was tried first: it drops a key that would not make a date without a word,
so typing 2037-13-01 there gives 2037-01-01.)"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex

NO_DATE_TEXT = "No due date"
FIELD_TEXT = "2026-12-31 "  # the widest text the field shows, and room for its clear button


class DueDateField(QWidget):
    """A line for the date, with a clear button and a calendar that opens from the arrow
    beside it (or Alt+Down, F4); `picked` when a day is chosen in the calendar."""

    picked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        self.line.setPlaceholderText(NO_DATE_TEXT)
        self.line.setClearButtonEnabled(True)  # empty means no due date
        self.line.setToolTip("A date as YYYY-MM-DD, or empty for no due date; Alt+Down "
                             "opens a calendar")
        self.line.setAccessibleName("Due date")
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip("Pick the date in a calendar (Alt+Down)")
        self.button.setAccessibleName("Calendar")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down from the line opens it
        self.button.clicked.connect(self.open_calendar)
        self.calendar = QCalendarWidget(self)  # a child, so the table sees the editor's focus
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.calendar.setGridVisible(True)
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.setAutoFillBackground(True)
        width = self.line.fontMetrics().horizontalAdvance(FIELD_TEXT) + 40  # and the frame
        self.line.setMinimumWidth(width)

    def text(self) -> str:
        """The field's text, trimmed ("" for no due date)."""
        return self.line.text().strip()

    def set_text(self, text: str) -> None:
        """Show `text`, selected so typing replaces it."""
        self.line.setText(text)
        self.line.selectAll()

    def open_calendar(self) -> None:
        """Open the calendar under the field, on the field's date (else today)."""
        try:
            shown = date.fromisoformat(self.text())
            self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        except ValueError:
            self.calendar.setSelectedDate(QDate.currentDate())
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _pick(self, day: QDate) -> None:
        self.line.setText(day.toString(Qt.DateFormat.ISODate))
        self.calendar.hide()
        self.line.setFocus()
        self.picked.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Alt+Down and F4 open the calendar, as in Qt's own date fields."""
        alt_down = (event.key() == Qt.Key.Key_Down
                    and event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.open_calendar()
            return
        super().keyPressEvent(event)


class DueDateDelegate(QStyledItemDelegate):
    """Edits the Due column with a DueDateField. The model's EditRole holds the date as
    YYYY-MM-DD, or "" for none; the model checks what it is given and says why it refuses
    it (in the window's status bar)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        field = DueDateField(parent)
        field.picked.connect(lambda: self._commit(field))
        return field

    def _commit(self, field: DueDateField) -> None:
        self.commitData.emit(field)
        self.closeEditor.emit(field)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, DueDateField)
        editor.set_text(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, DueDateField)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: Index) -> None:
        """The cell's place, but never narrower than the field needs for a date, its clear
        button and its calendar arrow."""
        rect = option.rect
        hint = editor.sizeHint()
        rect.setWidth(max(rect.width(), hint.width()))
        rect.setHeight(max(rect.height(), hint.height()))
        editor.setGeometry(rect)
