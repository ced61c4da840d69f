"""The Recommendations tab: decide on each recommendation, cite evidence, read its history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLabel,
    QListWidget,
    QSplitter,
    QTableView,
    QWidget,
)

from reviewdesk.domain.findings import RecommendationEvent
from reviewdesk.services.tracking import TrackedRecommendation, recommendation_history
from reviewdesk.ui import undo
from reviewdesk.ui.accessible import describe
from reviewdesk.ui.delegates import ChoiceDelegate
from reviewdesk.ui.due_date_editor import DueDateDelegate
from reviewdesk.ui.recommendation_model import (
    STATUS_CHOICES,
    Column,
    RecommendationTableModel,
    status_word,
)
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.state_table import ColumnPlan
from reviewdesk.ui.tracked_tab import TrackedTab, sorting, titled

NO_EVIDENCE = "select an annotation (the evidence) in the document or the annotation list first"
NO_RECOMMENDATION = "select a recommendation in the table first"

# The decision first; the recommendation's text takes the width that is left.
COLUMNS = ColumnPlan(number=Column.NUMBER, first=(Column.STATUS, Column.OWNER, Column.DUE),
                     text=Column.TEXT,
                     optional=(Column.PRIORITY, Column.ADDRESSEE, Column.NOTE, Column.EVIDENCE))


def history_line(event: RecommendationEvent) -> str:
    """One change as the reviewer reads it: "2026-11-24 14:02 · status: proposed → accepted"."""
    when = event.at.astimezone().strftime("%Y-%m-%d %H:%M")  # local time, as on the clock
    old, new = event.old, event.new
    if event.changed == "status":
        old, new = status_word(old), status_word(new)
    return f"{when} · {event.changed}: {old or '—'} → {new or '—'}"


class RecommendationsTab(TrackedTab[TrackedRecommendation]):
    """The recommendations: decide on each in place, cite the selected annotation as
    evidence, and read the selected one's history."""

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(session, RecommendationTableModel, sorting, linked="passage",
                         selection=QAbstractItemView.SelectionMode.SingleSelection,
                         columns=COLUMNS, parent=parent)
        self.evidence = self.linked
        self.history = QListWidget()
        describe(self.history, "History", "Every decision on the selected recommendation, "
                 "newest first")
        describe(self.table, "Recommendations", "The brief's recommendations with their "
                 "status, owner and due date; F2 edits a cell, Ctrl+E links evidence")
        self.link_action = self._action(
            "Link evidence", "Ctrl+E", self.link_evidence,
            tip="Cite the selected annotation as evidence for the selected recommendation")
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(titled("Ev&idence cited", self.evidence))
        lower.addWidget(titled("Histor&y", self.history))
        hint = QLabel("F2 edits a cell")  # short, so a narrow pane has room for it
        hint.setToolTip("F2 edits the selected cell; Status and Due have their own editors")
        self._finish(hint,
                     (self.link_action,), lower)

    def _delegates(self, table: QTableView) -> dict[int, QAbstractItemDelegate]:
        return {Column.STATUS: ChoiceDelegate(STATUS_CHOICES, table),
                Column.DUE: DueDateDelegate(table)}

    def select_recommendation(self, recommendation_id: str) -> None:
        """Select the recommendation and give it the table's focus."""
        self.select_row(recommendation_id)

    def link_evidence(self) -> None:
        """Cite the annotation selected in the document as evidence for the selected
        recommendation."""
        evidence = self.session.current_annotation()
        if evidence is None:
            self.session.notice.emit(NO_EVIDENCE)
            return
        tracked = self.current()
        if tracked is None:
            self.session.notice.emit(NO_RECOMMENDATION)
            return
        if evidence.id not in tracked.evidence:
            self.session.push(undo.LinkEvidence(self.session, evidence.id,
                                                tracked.recommendation.id))

    def _show_more(self, tracked: TrackedRecommendation | None) -> None:
        """The selected recommendation's history, newest first."""
        self.history.clear()
        if tracked is None:
            return
        recommendation_id = tracked.recommendation.id
        events = self.session.attempt(
            lambda: recommendation_history(self.session.store, recommendation_id)) or []
        # Newest first: the latest decision is what the reviewer looks for.
        self.history.addItems([history_line(event) for event in reversed(events)])
