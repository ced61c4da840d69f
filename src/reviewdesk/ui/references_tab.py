"""The References tab: check each entry of the reference list and trace claims to it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.domain.findings import ReferenceCheck
from reviewdesk.services.tracking import TrackedReference
from reviewdesk.ui import undo
from reviewdesk.ui.delegates import ChoiceDelegate, fit_columns
from reviewdesk.ui.linked_annotations import LinkedAnnotations
from reviewdesk.ui.reference_model import (
    CHECK_CHOICES,
    Column,
    ReferenceFilter,
    ReferenceTableModel,
)
from reviewdesk.ui.session import ReviewSession

NO_CLAIM = "select a claim in the document or the annotation list first"
NO_REFERENCE = "select a reference in the table first"


class ReferencesTab(QWidget):
    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ReferenceTableModel(session, self)
        self.proxy = ReferenceFilter(self.model, self)
        self.table = self._make_table()
        self.problems_only = QCheckBox("&Problems only")  # Alt+P
        self.problems_only.setToolTip("Show only flagged entries and those marked as a problem")
        self.claims = LinkedAnnotations(session, "claim")
        self.verified_action = self._action("Verified", "Ctrl+Shift+V",
                                            lambda: self.mark(ReferenceCheck.VERIFIED))
        self.problem_action = self._action("Problem", "Ctrl+Shift+X",
                                           lambda: self.mark(ReferenceCheck.PROBLEM))
        self.unchecked_action = self._action("Unchecked", "Ctrl+Shift+N",
                                             lambda: self.mark(ReferenceCheck.UNCHECKED))
        self.link_action = self._action("Link selected claim", "Ctrl+L", self.link_claim)
        self.setFocusProxy(self.table)
        self._lay_out()
        self._connect()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.NUMBER, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.AnyKeyPressed)
        table.setItemDelegateForColumn(Column.CHECK, ChoiceDelegate(CHECK_CHOICES, table))
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.setWordWrap(False)
        return table

    def _action(self, text: str, shortcut: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        # Only while this tab has the focus, so other panels may use the same keys.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text} ({shortcut})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.problems_only)
        bar.addStretch(1)
        for action in (self.verified_action, self.problem_action, self.unchecked_action,
                       self.link_action):
            button = QToolButton()
            button.setDefaultAction(action)
            bar.addWidget(button)
        lower = QWidget()
        column = QVBoxLayout(lower)
        column.setContentsMargins(0, 0, 0, 0)
        label = QLabel("&Claims traced to the selected entry")
        label.setBuddy(self.claims)  # Alt+C
        column.addWidget(label)
        column.addWidget(self.claims)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter)

    def _connect(self) -> None:
        self.problems_only.toggled.connect(self.proxy.set_problems_only)
        self.table.selectionModel().currentRowChanged.connect(self._show_claims)
        self.model.modelReset.connect(self._after_reset)
        self.model.dataChanged.connect(self._after_edit)
        self.session.annotation_updated.connect(self._show_claims)
        self._after_reset()

    # Selection -------------------------------------------------------------------------

    def current(self) -> TrackedReference | None:
        """The entry with the table's focus, if any row is selected."""
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(
                index.row(), QModelIndex()):
            return None
        return self.model.tracked(self.proxy.mapToSource(index).row())

    def selected(self) -> list[TrackedReference]:
        rows = sorted(self.proxy.mapToSource(index).row()
                      for index in self.table.selectionModel().selectedRows())
        return [self.model.tracked(row) for row in rows]

    def select_reference(self, reference_id: str) -> None:
        row = self.model.row_of(reference_id)
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

    def mark(self, check: ReferenceCheck) -> None:
        chosen = self.selected()
        if not chosen:
            self.session.error.emit(NO_REFERENCE)
            return
        stack = self.session.undo_stack
        # One undo step for the whole selection, however many entries it holds.
        stack.beginMacro(f"Mark {len(chosen)} references {check.value}")
        for tracked in chosen:
            if tracked.reference.check != check:
                self.session.push(undo.CheckReference(self.session, tracked.reference.id,
                                                      check))
        stack.endMacro()

    def link_claim(self) -> None:
        claim = self.session.selected_annotation()
        if claim is None:
            self.session.error.emit(NO_CLAIM)
            return
        tracked = self.current()
        if tracked is None:
            self.session.error.emit(NO_REFERENCE)
            return
        if claim.id not in tracked.claims:
            self.session.push(undo.LinkClaim(self.session, claim.id, tracked.reference.id))

    # The claims list -------------------------------------------------------------------

    def _after_reset(self) -> None:
        fit_columns(self.table, stretch=Column.NOTE)
        self._show_claims()

    def _after_edit(self) -> None:
        fit_columns(self.table, stretch=Column.NOTE, grow_only=True)
        self._show_claims()

    def _show_claims(self) -> None:
        tracked = self.current()
        self.claims.show_annotations(tracked.claims if tracked else ())
