"""Undoable commands for suggested edits beyond ui/undo.py: withdrawing one."""

from __future__ import annotations

from reviewdesk.domain.review import Suggestion
from reviewdesk.services import tracking
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.undo import ServiceCommand


class WithdrawSuggestion(ServiceCommand):
    """Withdraw a suggested edit; undo puts the same suggestion back."""

    def __init__(self, session: ReviewSession, suggestion: Suggestion) -> None:
        super().__init__(session, f"Withdraw suggestion “{suggestion.replacement[:30]}”")
        self._suggestion = suggestion

    def apply(self) -> None:
        tracking.withdraw_suggestion(self.session.store, self._suggestion.id)
        self.session.suggestions_changed.emit()

    def revert(self) -> None:
        tracking.restore_suggestion(self.session.store, self._suggestion)
        self.session.suggestions_changed.emit()
