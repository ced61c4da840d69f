"""Undoable commands for suggested edits beyond ui/undo.py: withdrawing one, and accepting
or rejecting one."""

from __future__ import annotations

from reviewdesk.domain.review import Suggestion, SuggestionStatus
from reviewdesk.services import tracking
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.undo import ServiceCommand

_VERBS = {SuggestionStatus.ACCEPTED: "Accept", SuggestionStatus.REJECTED: "Reject",
          SuggestionStatus.PENDING: "Reopen"}


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


class DecideSuggestion(ServiceCommand):
    """Accept or reject a suggested edit (the brief's text is not rewritten); undo gives it
    back the status it had."""

    def __init__(self, session: ReviewSession, suggestion_id: str, status: SuggestionStatus,
                 replacement: str = "") -> None:
        shown = f" “{replacement[:30]}”" if replacement else ""
        super().__init__(session, f"{_VERBS[status]} suggested edit{shown}")
        self.suggestion_id, self.status = suggestion_id, status
        self._before: SuggestionStatus | None = None

    def apply(self) -> None:
        before = tracking.decide_suggestion(self.session.store, self.suggestion_id, self.status)
        if self._before is None:
            self._before = before
        self.session.suggestions_changed.emit()

    def revert(self) -> None:
        assert self._before is not None
        tracking.decide_suggestion(self.session.store, self.suggestion_id, self._before)
        self.session.suggestions_changed.emit()
