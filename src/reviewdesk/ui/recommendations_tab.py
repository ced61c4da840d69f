"""The Recommendations tab: decide on each recommendation, cite evidence, read its history."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.domain.findings import RecommendationEvent
from reviewdesk.services.tracking import TrackedRecommendation, recommendation_history
from reviewdesk.ui import undo
from reviewdesk.ui.delegates import ChoiceDelegate, DateDelegate, fit_columns
from reviewdesk.ui.linked_annotations import LinkedAnnotations
from reviewdesk.ui.recommendation_model import (
    STATUS_CHOICES,
    Column,
    RecommendationTableModel,
    status_word,
)
from reviewdesk.ui.session import ReviewSession

NO_EVIDENCE = "select an annotation (the evidence) in the document or the annotation list first"
NO_RECOMMENDATION = "select a recommendation in the table first"


def history_line(event: RecommendationEvent) -> str:
    """One change as the reviewer reads it: "2026-11-24 14:02 · status: proposed → accepted"."""
    when = event.at.astimezone().strftime("%Y-%m-%d %H:%M")  # local time, as on the clock
    old, new = event.old, event.new
    if event.changed == "status":
        old, new = status_word(old), status_word(new)
    return f"{when} · {event.changed}: {old or '—'} → {new or '—'}"


class RecommendationsTab(QWidget):
    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = RecommendationTableModel(session, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._make_table()
        self.evidence = LinkedAnnotations(session, "passage")
        self.history = QListWidget()
        self.link_action = QAction("Link selected evidence", self)
        self._set_up_action()
        self.setFocusProxy(self.table)
        self._lay_out()
        self._connect()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.NUMBER, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.AnyKeyPressed)
        table.setItemDelegateForColumn(Column.STATUS, ChoiceDelegate(STATUS_CHOICES, table))
        table.setItemDelegateForColumn(Column.DUE, DateDelegate(table))
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.setWordWrap(False)
        return table

    def _set_up_action(self) -> None:
        action = self.link_action
        action.setShortcut(QKeySequence("Ctrl+E"))
        # Only while this tab has the focus, so other panels may use the same keys.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip("Cite the selected annotation as evidence for the selected "
                          "recommendation (Ctrl+E)")
        action.triggered.connect(self.link_evidence)
        self.addAction(action)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel("F2 edits a cell; Status and Due have their own editors"))
        bar.addStretch(1)
        button = QToolButton()
        button.setDefaultAction(self.link_action)
        bar.addWidget(button)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(_titled("Ev&idence for the selected recommendation", self.evidence))
        lower.addWidget(_titled("Histor&y", self.history))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter)

    def _connect(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.model.modelReset.connect(self._after_reset)
        self.model.dataChanged.connect(self._after_edit)
        self.session.annotation_updated.connect(self._show_details)
        self._after_reset()

    # Selection -------------------------------------------------------------------------

    def current(self) -> TrackedRecommendation | None:
        """The recommendation with the table's focus, if any row is selected."""
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(
                index.row(), QModelIndex()):
            return None
        return self.model.tracked(self.proxy.mapToSource(index).row())

    def select_recommendation(self, recommendation_id: str) -> None:
        row = self.model.row_of(recommendation_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():  # not when the filter hides it
            # Explicit flags: selectRow() would read the keyboard's modifiers and might
            # add to the selection or toggle the row instead.
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
            self.table.selectionModel().setCurrentIndex(index, flags)




    # Actions ---------------------------------------------------------------------------

    def link_evidence(self) -> None:
        evidence = self.session.selected_annotation()
        if evidence is None:
            self.session.error.emit(NO_EVIDENCE)
            return
        tracked = self.current()
        if tracked is None:
            self.session.error.emit(NO_RECOMMENDATION)
            return
        if evidence.id not in tracked.evidence:
            self.session.push(undo.LinkEvidence(self.session, evidence.id,
                                                tracked.recommendation.id))

    # Evidence and history --------------------------------------------------------------

    def _after_reset(self) -> None:
        fit_columns(self.table, stretch=Column.NOTE)
        self._show_details()

    def _after_edit(self) -> None:
        fit_columns(self.table, stretch=Column.NOTE, grow_only=True)
        self._show_details()

    def _show_details(self) -> None:
        self.history.clear()
        tracked = self.current()
        self.evidence.show_annotations(tracked.evidence if tracked else ())
        if tracked is None:
            return
        recommendation_id = tracked.recommendation.id
        events = self.session.attempt(
            lambda: recommendation_history(self.session.store, recommendation_id)) or []
        # Newest first: the latest decision is what the reviewer looks for.
        self.history.addItems([history_line(event) for event in reversed(events)])



def _titled(title: str, body: QWidget) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    label = QLabel(title)
    label.setBuddy(body)  # its Alt key moves the focus to the list
    column.addWidget(label)
    column.addWidget(body)
    return box

