"""The date of an indicator on its card: the date the brief states, one inferred (and from
what), or the one a reviewer set; a field to set, correct or clear it, through the undo
stack."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from reviewdesk.domain.appendix import annotation_dates, date_note, is_indicator
from reviewdesk.domain.date_input import readable_date
from reviewdesk.domain.indicator_dates import DateOrigin
from reviewdesk.domain.views import AnnotationView
from reviewdesk.errors import InputError
from reviewdesk.ui import undo
from reviewdesk.ui.accessible import describe
from reviewdesk.ui.session import ReviewSession

_HOW = {DateOrigin.STATED: "as the brief states it", DateOrigin.REVIEWER: "set by a reviewer"}


class IndicatorDateEditor(QWidget):
    """Shown for an indicator's card only: its date and how it was had, and a field that
    sets a date (Enter), with Clear to let the brief's own date stand again."""

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.shown = QLabel()
        self.shown.setWordWrap(True)
        self.field = QLineEdit()
        describe(self.field, "Indicator date", "When the indicator happened: a day, a month "
                 "or a year, in any calendar the brief uses")
        self.field.setPlaceholderText("Set the date: 2024-09, 15 September 2024, Mizan 1403…")
        self.clear_button = QPushButton("Clear date")
        self.clear_button.setToolTip("Forget the indicator's date")
        self._annotation: str | None = None
        column = QHBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.field, 1)
        column.addWidget(self.clear_button)
        self.field.returnPressed.connect(self.save)
        self.clear_button.clicked.connect(self.clear)

    def show_for(self, view: AnnotationView | None) -> None:
        """Follow the selected card; hidden unless it is an indicator's."""
        visible = view is not None and is_indicator(view.tag)
        self.setVisible(visible)
        self.shown.setVisible(visible)
        self._annotation = view.id if view is not None and visible else None
        if view is None or not visible or self.session.brief is None:
            return
        dated = annotation_dates(self.session.brief, [view]).get(view.id)
        self.field.setText(view.date or "")
        self.clear_button.setEnabled(view.date is not None)
        self.shown.setStyleSheet("")
        if dated is None or not dated.date.text:
            self.shown.setText("<i>No date: the brief gives none for these words.</i>")
            return
        parts = " / ".join(p for p in (dated.date.text, dated.other) if p)
        how = _HOW.get(dated.date.origin) or date_note(dated.date.origin,
                                                       dated.date.source).strip(" ()")
        self.shown.setText(f"Date: <b>{_escape(parts)}</b> — {_escape(how)}")

    def save(self) -> None:
        """Set the typed date on the indicator (undoable); a date that cannot be read is shown in
        red instead, and an empty field clears the date."""
        if self._annotation is None:
            return
        written = self.field.text().strip()
        if not written:
            self.clear()
            return
        try:
            value = readable_date(written)
        except InputError as error:
            self.shown.setStyleSheet("color: #c5221f")
            self.shown.setText(_escape(str(error)))
            return
        self.session.push(undo.EditAnnotation(self.session, self._annotation, date=value,
                                              text="Set date"))

    def clear(self) -> None:
        """Drop the reviewer's date so the brief's own stands again (undoable)."""
        if self._annotation is not None:
            self.session.push(undo.EditAnnotation(self.session, self._annotation, date=None,
                                                  text="Clear date"))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
