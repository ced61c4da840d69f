"""Who is reviewing: --reviewer, $REVIEWDESK_REVIEWER, the stored setting, or the login."""

from __future__ import annotations

import getpass
import os

from reviewdesk.domain.review import Reviewer, initials_of
from reviewdesk.errors import InputError
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store

REVIEWER_ENV = "REVIEWDESK_REVIEWER"
REVIEWER_SETTING = "reviewer"


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "Reviewer"


def reviewer_name(tx: Transaction, explicit: str | None = None) -> str:
    for candidate in (explicit, os.environ.get(REVIEWER_ENV), tx.settings.get(REVIEWER_SETTING)):
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    return _login_name()


def ensure_reviewer(tx: Transaction, name: str, initials: str = "") -> Reviewer:
    """The reviewer of that name, created (with these initials, or derived ones) if new."""
    name = " ".join(name.split())
    if not name:
        raise InputError("a reviewer needs a name")
    reviewer = tx.reviewers.by_name(name)
    if reviewer is None:
        reviewer = Reviewer(name=name, initials=initials.strip() or initials_of(name))
        tx.reviewers.add(reviewer)
    return reviewer


def configured_reviewer(store: Store) -> str:
    with store.transaction() as tx:
        return reviewer_name(tx)


def has_configured_reviewer(store: Store) -> bool:
    """Whether this database knows who reviews with it (the app asks on first run)."""
    with store.transaction() as tx:
        return bool(tx.settings.get(REVIEWER_SETTING))


def set_configured_reviewer(store: Store, name: str, initials: str = "") -> Reviewer:
    with store.transaction() as tx:
        reviewer = ensure_reviewer(tx, name, initials)
        tx.settings.set(REVIEWER_SETTING, reviewer.name)
        return reviewer
