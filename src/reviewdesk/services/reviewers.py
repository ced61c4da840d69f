"""Who is reviewing: --reviewer, $REVIEWDESK_REVIEWER, the stored setting, or the login."""

from __future__ import annotations

import getpass
import os

from reviewdesk.domain.review import Reviewer, initials_of
from reviewdesk.domain.trust import fingerprint
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
    """Who is reviewing: `explicit` (--reviewer), else $REVIEWDESK_REVIEWER, else the stored
    setting, else the login name; white space folded."""
    for candidate in (explicit, os.environ.get(REVIEWER_ENV), tx.settings.get(REVIEWER_SETTING)):
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    return _login_name()


def ensure_reviewer(tx: Transaction, name: str, initials: str = "", *,
                    acting: bool = True, reviewer_id: str | None = None) -> Reviewer:
    """The reviewer of that name, created (with these initials, or derived ones, and this
    database's key) if new.

    `acting`: someone works as this reviewer here (annotates, replies, suggests). A
    reviewer who works in another database (another key) cannot: their work comes only in
    bundles they signed. A reviewer met before keys existed is bound to this database's
    key by working here. Not acting (the author of a comment in an imported file), any
    reviewer of that name is used as it is.

    `reviewer_id`: the id a new reviewer takes, when a file gives one and no reviewer here
    has it (so a reviewer keeps their id from database to database)."""
    name = " ".join(name.split())
    if not name:
        raise InputError("a reviewer needs a name")
    reviewer = tx.reviewers.by_name(name)
    if reviewer is None:
        reviewer = Reviewer(name=name, initials=initials.strip() or initials_of(name),
                            public_key=_own_key(tx))
        if reviewer_id and tx.reviewers.get(reviewer_id) is None:
            reviewer.id = reviewer_id
        tx.reviewers.add(reviewer)
        return reviewer
    if not acting:
        return reviewer
    own = _own_key(tx)
    if reviewer.public_key is None:
        tx.reviewers.set_key(reviewer.id, own)
        reviewer.public_key = own
    elif reviewer.public_key != own:
        raise InputError(f"{name} reviews in another database (key "
                         f"{fingerprint(reviewer.public_key)}), so work cannot be added "
                         "here in their name; their bundles bring their work")
    return reviewer


def configured_reviewer(store: Store) -> str:
    """The name work is saved under when no reviewer is named (see reviewer_name)."""
    with store.transaction() as tx:
        return reviewer_name(tx)


def has_configured_reviewer(store: Store) -> bool:
    """Whether this database knows who reviews with it (the app asks on first run)."""
    with store.transaction() as tx:
        return bool(tx.settings.get(REVIEWER_SETTING))


def set_configured_reviewer(store: Store, name: str, initials: str = "") -> Reviewer:
    """Make `name` this database's reviewer from now on, creating the reviewer if new; raises
    InputError if that reviewer works in another database."""
    with store.transaction() as tx:
        reviewer = ensure_reviewer(tx, name, initials)
        tx.settings.set(REVIEWER_SETTING, reviewer.name)
        return reviewer


def _own_key(tx: Transaction) -> str:
    """This machine's public key (the signing library is loaded only when one is needed)."""
    from reviewdesk.services.identity import local_identity

    key: str = local_identity(tx).public_key
    return key
