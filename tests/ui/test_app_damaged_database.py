"""The desktop app started on a damaged database: the one sentence with the way to recover
is shown as a message, the app ends, and the file is not written to."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from tests.support.corruption import DAMAGES, fingerprint, reviewed_database

from reviewdesk.storage.engine import backup_copy
from reviewdesk.ui import app


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reviewed") / "base.sqlite3"
    reviewed_database(path)
    return path


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The app's start-up messages, recorded instead of shown; the app's log, theme and
    excepthook left as the test session has them."""
    shown: list[tuple[str, str]] = []

    def critical(_parent: object, title: str, text: str) -> None:
        shown.append((title, text))

    monkeypatch.setattr(app.QMessageBox, "critical", critical)
    monkeypatch.setattr(app, "_configure_logging", lambda: None)
    monkeypatch.setattr(app, "apply_theme", lambda *_args: None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    return shown


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_the_app_shows_the_sentence_and_does_not_write(
        qtbot: QtBot, reviewed: Path, tmp_path: Path, damage: str,
        messages: list[tuple[str, str]]) -> None:
    path = tmp_path / "review.sqlite3"
    shutil.copyfile(reviewed, path)
    copy = backup_copy(path, "before-0005")
    DAMAGES[damage](path)
    before = fingerprint(path)

    assert app.run_app(db=str(path)) == 1

    [(title, text)] = messages
    assert title == "ReviewDesk cannot open its database"
    assert text.startswith(f"{path} is ")
    assert "nothing was written to it" in text
    assert (f"'reviewdesk --db {path} doctor --restore' puts back the newest good copy, "
            f"{copy.name}, made ") in text
    assert text.endswith(" UTC, and keeps the damaged file aside.")
    assert fingerprint(path) == before
