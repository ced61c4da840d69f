"""The open brief's reference list as a table: parsed fields, flags, the check and its note."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, QSortFilterProxyModel

from reviewdesk.domain.findings import Reference, ReferenceCheck
from reviewdesk.domain.references import flag_words
from reviewdesk.services.tracking import TrackedReference, references_of
from reviewdesk.ui import undo
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.state_tones import Tone
from reviewdesk.ui.tracked_table_model import Index, TrackedTableModel, elided

ENTRY_LENGTH = 60  # characters of the raw entry shown in the cell; the tooltip has it all

CHECK_CHOICES = [(check.value, check.value) for check in ReferenceCheck]

# How a check reads in its cell and what it means: the word, not the colour alone.
CHECK_WORDS = {ReferenceCheck.UNCHECKED: "Unchecked", ReferenceCheck.VERIFIED: "✓ Verified",
               ReferenceCheck.PROBLEM: "✗ Problem"}
CHECK_MEANINGS = {ReferenceCheck.UNCHECKED: "Not checked yet",
                  ReferenceCheck.VERIFIED: "Verified: the source is there and says this",
                  ReferenceCheck.PROBLEM: "A problem: the source is missing or does not "
                                          "support the brief"}
CHECK_TONES = {ReferenceCheck.VERIFIED: Tone.GOOD, ReferenceCheck.PROBLEM: Tone.BAD}
CHECK_KEYS = "F2 to change; Ctrl+Shift+V verified, Ctrl+Shift+X problem, Ctrl+Shift+N unchecked"


class Column(IntEnum):
    NUMBER = 0
    ENTRY = 1
    AUTHOR = 2
    DATE = 3
    URL = 4
    FLAGS = 5
    CHECK = 6
    NOTE = 7
    CLAIMS = 8


HEADERS = {Column.NUMBER: "#", Column.ENTRY: "Entry", Column.AUTHOR: "Author",
           Column.DATE: "Date", Column.URL: "URL", Column.FLAGS: "Flags",
           Column.CHECK: "Check", Column.NOTE: "Note", Column.CLAIMS: "Claims"}


def is_problem(reference: Reference) -> bool:
    """Flagged by the checks, or marked as a problem by the reviewer."""
    return bool(reference.flags) or reference.check == ReferenceCheck.PROBLEM


class ReferenceTableModel(TrackedTableModel[TrackedReference]):
    """The reference entries of the open brief, their checks and notes edited in place."""

    def __init__(self, session: ReviewSession, parent: QObject | None = None) -> None:
        super().__init__(session, session.references_changed, Column, HEADERS,
                         (Column.CHECK, Column.NOTE), parent,
                         centred=(Column.NUMBER, Column.CLAIMS))

    def load(self, brief_id: str) -> list[TrackedReference]:
        return references_of(self.session.store, brief_id)

    def key(self, row: TrackedReference) -> str:
        return row.reference.id

    def linked(self, row: TrackedReference) -> tuple[str, ...]:
        return row.claims

    def display(self, row: TrackedReference, column: Column) -> Any:
        reference = row.reference
        values: dict[Column, Any] = {
            Column.NUMBER: reference.position + 1,
            Column.ENTRY: elided(reference.raw, ENTRY_LENGTH),
            Column.AUTHOR: reference.author,
            Column.DATE: reference.date_text,
            Column.URL: reference.url,
            Column.FLAGS: flag_words(reference),
            Column.CHECK: CHECK_WORDS[reference.check],
            Column.NOTE: reference.note,
            Column.CLAIMS: len(row.claims),
        }
        return values[column]

    def edit_value(self, row: TrackedReference, column: Column) -> Any:
        reference = row.reference
        if column == Column.CHECK:
            return reference.check.value
        if column == Column.NOTE:
            return reference.note
        return None

    def tooltip(self, row: TrackedReference, column: Column) -> str | None:
        reference = row.reference
        if column == Column.ENTRY:  # the Note column may have stepped aside: its note too
            note = f"\n\nNote: {reference.note}" if reference.note else ""
            return reference.raw + note
        if column == Column.NOTE and reference.note:
            return reference.note
        if column == Column.CHECK:
            return f"{CHECK_MEANINGS[reference.check]} ({CHECK_KEYS})"
        return None

    def tone(self, row: TrackedReference) -> Tone | None:
        return CHECK_TONES.get(row.reference.check)

    def edit(self, row: TrackedReference, column: Column, value: Any) -> bool:
        reference = row.reference
        if column == Column.CHECK:
            return self._set_check(reference, value)
        if column == Column.NOTE:
            note = str(value or "").strip()
            if note != reference.note:
                self.session.push(undo.CheckReference(self.session, reference.id,
                                                      reference.check, note))
            return True
        return False

    def _set_check(self, reference: Reference, value: Any) -> bool:
        try:
            check = ReferenceCheck(str(value))
        except ValueError:
            self.session.error.emit(f"{value!r} is not a check; choose unchecked, verified "
                                    "or problem")
            return False
        if check != reference.check:
            self.session.push(undo.CheckReference(self.session, reference.id, check))
        return True


class ReferenceFilter(QSortFilterProxyModel):
    """Sorts the table and, with problems_only, keeps the flagged entries and those the
    reviewer marked as a problem."""

    def __init__(self, source: TrackedTableModel[TrackedReference],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._problems_only = False
        self.setSourceModel(source)

    @property
    def problems_only(self) -> bool:
        return self._problems_only

    def set_problems_only(self, on: bool) -> None:
        if on != self._problems_only:
            self.beginFilterChange()
            self._problems_only = on
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._problems_only:
            return True
        source = self.sourceModel()
        assert isinstance(source, ReferenceTableModel)
        return is_problem(source.tracked(source_row).reference)
