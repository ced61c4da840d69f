"""The open brief's recommendations as a table, with the reviewer's decisions edited in place."""

from __future__ import annotations

import re
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QDate, QObject

from reviewdesk.domain.findings import Recommendation, RecommendationStatus
from reviewdesk.services.tracking import TrackedRecommendation, recommendations_of
from reviewdesk.ui import undo
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.state_tones import Tone
from reviewdesk.ui.tracked_table_model import TrackedTableModel, elided

TEXT_LENGTH = 90  # characters of the recommendation shown in the cell; the tooltip has it all


def status_word(status: RecommendationStatus | str) -> str:
    """How a status reads on screen: "in progress", not "in_progress"."""
    return str(status).replace("_", " ")


STATUS_CHOICES = [(status_word(status), status.value) for status in RecommendationStatus]

# How a status reads in its cell: a mark and the word, so it is not told by colour alone.
STATUS_MARKS = {RecommendationStatus.ACCEPTED: "✓ ", RecommendationStatus.DONE: "✓ ",
                RecommendationStatus.REJECTED: "✗ ", RecommendationStatus.IN_PROGRESS: "◐ "}
STATUS_TONES = {RecommendationStatus.ACCEPTED: Tone.GOOD, RecommendationStatus.DONE: Tone.GOOD,
                RecommendationStatus.REJECTED: Tone.BAD,
                RecommendationStatus.IN_PROGRESS: Tone.PENDING}
# A due date has no hold on a recommendation that is settled.
SETTLED = {RecommendationStatus.DONE, RecommendationStatus.REJECTED}
LATE_MARK = "⚠ "  # before an overdue date, with red text and "Overdue" in its tooltip


def status_label(status: RecommendationStatus) -> str:
    """The status as its cell shows it: "✓ Accepted", "◐ In progress", "Proposed"."""
    return STATUS_MARKS.get(status, "") + status_word(status).capitalize()


def is_overdue(recommendation: Recommendation, today: date) -> bool:
    """Due before `today` and not yet done or rejected."""
    due = recommendation.due
    return due is not None and due < today and recommendation.status not in SETTLED


class Column(IntEnum):
    NUMBER = 0
    TEXT = 1
    ADDRESSEE = 2
    PRIORITY = 3
    STATUS = 4
    OWNER = 5
    DUE = 6
    NOTE = 7
    EVIDENCE = 8


HEADERS = {Column.NUMBER: "#", Column.TEXT: "Text", Column.ADDRESSEE: "Addressee",
           Column.PRIORITY: "Priority", Column.STATUS: "Status", Column.OWNER: "Owner",
           Column.DUE: "Due", Column.NOTE: "Note", Column.EVIDENCE: "Evidence"}

# The editable columns and the recommendation field each one changes.
FIELDS = {Column.ADDRESSEE: "addressee", Column.PRIORITY: "priority", Column.STATUS: "status",
          Column.OWNER: "owner", Column.DUE: "due", Column.NOTE: "note"}


def parse_due(value: Any) -> date | None:
    """A due date from an editor: a date, a QDate, "YYYY-MM-DD", or empty for none.
    Raises ValueError with a message for the reviewer."""
    if isinstance(value, QDate):
        value = value.toPython()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):  # the form is right, the day is not
            raise ValueError(f"There is no day {text} in the calendar; the due date is "
                             "unchanged") from None
        raise ValueError(f"“{text}” is not a date; write it as YYYY-MM-DD") from None


class RecommendationTableModel(TrackedTableModel[TrackedRecommendation]):
    """The recommendations of the open brief, the reviewer's decisions edited in place."""

    def __init__(self, session: ReviewSession, parent: QObject | None = None) -> None:
        super().__init__(session, session.recommendations_changed, Column, HEADERS,
                         tuple(FIELDS), parent, centred=(Column.NUMBER, Column.EVIDENCE))

    def load(self, brief_id: str) -> list[TrackedRecommendation]:
        return recommendations_of(self.session.store, brief_id)

    def key(self, row: TrackedRecommendation) -> str:
        return row.recommendation.id

    def linked(self, row: TrackedRecommendation) -> tuple[str, ...]:
        return row.evidence

    def display(self, row: TrackedRecommendation, column: Column) -> Any:
        recommendation = row.recommendation
        if column == Column.NUMBER:
            return recommendation.position + 1
        if column == Column.TEXT:
            return elided(recommendation.text, TEXT_LENGTH)
        if column == Column.STATUS:
            return status_label(recommendation.status)
        if column == Column.DUE and is_overdue(recommendation, date.today()):
            return f"{LATE_MARK}{self.edit_value(row, column)}"
        if column == Column.EVIDENCE:
            return len(row.evidence)
        return self.edit_value(row, column)

    def edit_value(self, row: TrackedRecommendation, column: Column) -> str | None:
        name = FIELDS.get(column)
        if name is None:
            return None
        value = getattr(row.recommendation, name)
        if isinstance(value, RecommendationStatus):
            return value.value
        if isinstance(value, date):
            return value.isoformat()
        return str(value or "")

    def tooltip(self, row: TrackedRecommendation, column: Column) -> str | None:
        recommendation = row.recommendation
        if column == Column.TEXT:  # the Note column may have stepped aside: its note too
            note = f"\n\nNote: {recommendation.note}" if recommendation.note else ""
            return recommendation.text + note
        if column == Column.NOTE and recommendation.note:
            return recommendation.note
        if column == Column.OWNER and recommendation.owner:
            return recommendation.owner  # a long name elides in its cell
        if column == Column.DUE:
            return _due_tip(recommendation)
        if column == Column.STATUS:
            return f"The decision: {status_word(recommendation.status)} (F2 to change)"
        return None

    def tone(self, row: TrackedRecommendation) -> Tone | None:
        return STATUS_TONES.get(row.recommendation.status)

    def late(self, row: TrackedRecommendation, column: Column) -> bool:
        return column == Column.DUE and is_overdue(row.recommendation, date.today())

    def edit(self, row: TrackedRecommendation, column: Column, value: Any) -> bool:
        name = FIELDS.get(column)
        if name is None:
            return False
        recommendation = row.recommendation
        new = self._checked(name, value)
        if new is _INVALID:
            return False
        if new != getattr(recommendation, name):  # closing an editor unchanged is no step
            self.session.push(undo.EditRecommendation(self.session, recommendation.id,
                                                      **{name: new}))
        return True

    def _checked(self, name: str, value: Any) -> Any:
        """The value as the service stores it, or _INVALID after telling the reviewer why."""
        try:
            if name == "due":
                return parse_due(value)
            if name == "status":
                return _status(value)
        except ValueError as error:
            self.session.error.emit(str(error))
            return _INVALID
        return str(value or "").strip()


_INVALID = object()


def _due_tip(recommendation: Recommendation) -> str:
    keys = "F2 to pick a date; Delete clears it"
    if recommendation.due is None:
        return f"No due date ({keys})"
    if is_overdue(recommendation, date.today()):
        return f"Overdue: it was due on {recommendation.due.isoformat()} ({keys})"
    return f"Due on {recommendation.due.isoformat()} ({keys})"


def _status(value: Any) -> RecommendationStatus:
    text = str(value).strip().replace(" ", "_")
    try:
        return RecommendationStatus(text)
    except ValueError:
        words = ", ".join(label for label, _ in STATUS_CHOICES)
        raise ValueError(f"“{value}” is not a status; choose one of {words}") from None
