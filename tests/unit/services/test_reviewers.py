"""Who is reviewing: the name work is saved under, and whose key it is bound to."""

from __future__ import annotations

import pytest

from reviewdesk.errors import InputError
from reviewdesk.services.identity import local_identity
from reviewdesk.services.reviewers import (
    REVIEWER_ENV,
    configured_reviewer,
    ensure_reviewer,
    has_configured_reviewer,
    reviewer_name,
    set_configured_reviewer,
)
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines


def test_the_name_comes_from_the_option_then_the_environment_then_the_setting(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not has_configured_reviewer(store)
    set_configured_reviewer(store, "  Amina   Rahimi ")
    assert has_configured_reviewer(store)
    assert configured_reviewer(store) == "Amina Rahimi"

    monkeypatch.setenv(REVIEWER_ENV, "Noah Okafor")
    with store.transaction() as tx:
        assert reviewer_name(tx) == "Noah Okafor"
        assert reviewer_name(tx, " Lena\tLindqvist ") == "Lena Lindqvist"
        assert reviewer_name(tx, "   ") == "Noah Okafor"


def test_without_any_name_the_login_name_is_used(store: Store) -> None:
    name = configured_reviewer(store)
    assert name and name == name.strip()


def test_a_new_reviewer_gets_initials_and_this_databases_key(store: Store) -> None:
    with store.transaction() as tx:
        made = ensure_reviewer(tx, "Amina Rahimi")
        given = ensure_reviewer(tx, "Noah Okafor", "NO.")
        own = local_identity(tx).public_key
        again = ensure_reviewer(tx, " Amina  Rahimi")

    assert (made.initials, given.initials) == ("AR", "NO.")
    assert made.public_key == given.public_key == own
    assert again.id == made.id


def test_work_cannot_be_added_for_a_reviewer_of_another_database(store: Store) -> None:
    with store.transaction() as tx:
        other = ensure_reviewer(tx, "Noah Okafor")
        tx.reviewers.set_key(other.id, "cd" * 32)
    with store.transaction() as tx:
        assert ensure_reviewer(tx, "Noah Okafor", acting=False).id == other.id
        with pytest.raises(InputError, match="reviews in another database"):
            ensure_reviewer(tx, "Noah Okafor")
    with pytest.raises(InputError, match="reviews in another database"):
        set_configured_reviewer(store, "Noah Okafor")


def test_a_reviewer_needs_a_name(store: Store) -> None:
    with store.transaction() as tx, pytest.raises(InputError, match="needs a name"):
        ensure_reviewer(tx, "  ")
