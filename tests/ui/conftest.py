"""Fixtures for the widget tests: a review session on the test brief, built as the app does."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.settings import Settings


@pytest.fixture
def session(qtbot: QtBot, store: Store, brief_file: Path) -> ReviewSession:
    """The test brief imported and open, with no annotations yet."""
    brief_id = import_files(store, [brief_file])[0].id
    opened = ReviewSession(store)
    opened.open_brief(brief_id)
    return opened



@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The app's preferences in a file of the test's own, never the user's."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
