"""The References tab: check each entry of the reference list and trace claims to it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QTableView,
    QWidget,
)

from reviewdesk.domain.findings import ReferenceCheck
from reviewdesk.domain.words import count
from reviewdesk.services.tracking import TrackedReference
from reviewdesk.ui import undo
from reviewdesk.ui.accessible import describe
from reviewdesk.ui.delegates import ChoiceDelegate
from reviewdesk.ui.reference_model import (
    CHECK_CHOICES,
    Column,
    ReferenceFilter,
    ReferenceTableModel,
)
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.state_table import ColumnPlan
from reviewdesk.ui.tracked_tab import TrackedTab, titled

NO_CLAIM = "select a claim in the document or the annotation list first"
NO_REFERENCE = "select a reference in the table first"

# The check first; the entry's parsed fields step aside first when the pane is narrow, as
# the entry (and its tooltip) holds them all.
COLUMNS = ColumnPlan(number=Column.NUMBER, first=(Column.CHECK,), text=Column.ENTRY,
                     optional=(Column.URL, Column.DATE, Column.AUTHOR, Column.NOTE,
                               Column.FLAGS, Column.CLAIMS))


class ReferencesTab(TrackedTab[TrackedReference]):
    """The reference list: mark entries verified or a problem, many at once, and link the
    selected claim to the selected entry."""

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(session, ReferenceTableModel, ReferenceFilter, linked="claim",
                         selection=QAbstractItemView.SelectionMode.ExtendedSelection,
                         columns=COLUMNS, parent=parent)
        self.claims = self.linked
        describe(self.table, "References", "The brief's reference list with each entry's "
                 "check and flags; Ctrl+Shift+V marks it verified, Ctrl+Shift+X a problem")
        self.problems_only = QCheckBox("&Problems only")  # Alt+P
        self.problems_only.setToolTip("Show only flagged entries and those marked as a problem")
        self.verified_action = self._action("Verified", "Ctrl+Shift+V",
                                            lambda: self.mark(ReferenceCheck.VERIFIED))
        self.problem_action = self._action("Problem", "Ctrl+Shift+X",
                                           lambda: self.mark(ReferenceCheck.PROBLEM))
        self.unchecked_action = self._action("Unchecked", "Ctrl+Shift+N",
                                             lambda: self.mark(ReferenceCheck.UNCHECKED))
        self.link_action = self._action(
            "Link claim", "Ctrl+L", self.link_claim,
            tip="Trace the claim selected in the document to the selected entry")
        assert isinstance(self.proxy, ReferenceFilter)
        self.problems_only.toggled.connect(self.proxy.set_problems_only)
        self._finish(self.problems_only,
                     (self.verified_action, self.problem_action, self.unchecked_action,
                      self.link_action),
                     titled("&Claims traced to the selected entry", self.claims))  # Alt+C

    def _delegates(self, table: QTableView) -> dict[int, QAbstractItemDelegate]:
        return {Column.CHECK: ChoiceDelegate(CHECK_CHOICES, table)}

    def select_reference(self, reference_id: str) -> None:
        """Select the entry and give it the table's focus."""
        self.select_row(reference_id)

    # Actions ---------------------------------------------------------------------------

    def mark(self, check: ReferenceCheck) -> None:
        """Give every selected entry `check`, in one undo step."""
        chosen = self.selected()
        if not chosen:
            self.session.notice.emit(NO_REFERENCE)
            return
        stack = self.session.undo_stack
        # One undo step for the whole selection, however many entries it holds.
        stack.beginMacro(f"Mark {count(len(chosen), 'reference')} {check.value}")
        for tracked in chosen:
            if tracked.reference.check != check:
                self.session.push(undo.CheckReference(self.session, tracked.reference.id,
                                                      check))
        stack.endMacro()

    def link_claim(self) -> None:
        """Trace the annotation selected in the document to the selected entry."""
        claim = self.session.current_annotation()
        if claim is None:
            self.session.notice.emit(NO_CLAIM)
            return
        tracked = self.current()
        if tracked is None:
            self.session.notice.emit(NO_REFERENCE)
            return
        if claim.id not in tracked.claims:
            self.session.push(undo.LinkClaim(self.session, claim.id, tracked.reference.id))
