"""Fixtures for the widget tests: a review session on the test brief, built as the app does."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store
from reviewdesk.ui.session import ReviewSession


@pytest.fixture
def session(qtbot: QtBot, store: Store, brief_file: Path) -> ReviewSession:
    """The test brief imported and open, with no annotations yet."""
    brief_id = import_files(store, [brief_file])[0].id
    opened = ReviewSession(store)
    opened.open_brief(brief_id)
    return opened

