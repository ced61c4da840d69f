"""Versions in the library, offscreen: one row per brief (its newest version) with the
older versions under it, and annotating an older version asked about once per opening."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from qt_helpers import model_failures

from reviewdesk.services.annotations import list_annotations
from reviewdesk.services.briefs import import_files
from reviewdesk.services.library import VersionStanding
from reviewdesk.services.tracking import suggestions_of
from reviewdesk.services.versions import import_version
from reviewdesk.storage.store import Store
from reviewdesk.ui import older_version, undo
from reviewdesk.ui.library_model import BRIEF_ID_ROLE, NEWEST_ROLE, LibraryFilter, LibraryModel
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.older_version import OlderChoice, older_version_box
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.settings import Settings

FIRST = """\
# Orchard Water Rights

## Summary

The valley's orchards draw water from the Brenner canal on a weekly rota.

Growers on the upper terraces say the rota favours the lower farms.

## Recommendations

1. The canal board should publish the rota each spring.
"""

SECOND = FIRST.replace("on a weekly rota", "on a rota set each fortnight") + (
    "\nA pilot meter on the east sluice recorded a fifth less water than the rota "
    "assumes.\n")

OTHER = """\
# Ferry Timetable Audit

## Summary

The winter ferry ran late on one crossing in six during January.
"""



@pytest.fixture
def versions(store: Store, tmp_path: Path) -> tuple[str, str]:
    """Two versions of the orchard brief, and a brief of one version imported after it."""
    first, second, other = (tmp_path / "orchard.md", tmp_path / "orchard-v2.md",
                            tmp_path / "ferry.md")
    for path, text in ((first, FIRST), (second, SECOND), (other, OTHER)):
        path.write_text(text, encoding="utf-8")
    old_id = import_files(store, [first])[0].id
    new_id = import_version(store, second, old_id).id
    import_files(store, [other])
    return old_id, new_id


def _select(window: MainWindow, words: str) -> None:
    start = window.document.toPlainText().index(words)
    cursor = window.document.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    window.document.setTextCursor(cursor)


def test_one_row_per_brief_with_older_versions_under_it(qtbot: QtBot, store: Store,
                                                        versions: tuple[str, str]) -> None:
    old_id, new_id = versions
    with model_failures() as failures:
        model = LibraryModel(store)
        tester = QAbstractItemModelTester(
            model, QAbstractItemModelTester.FailureReportingMode.Warning)
        model.reload()
        model.count_changed(old_id, +1)
    assert failures == [] and tester is not None
    assert model.rowCount() == 2
    top = model.index(0)
    assert top.data(BRIEF_ID_ROLE) == new_id and top.data(NEWEST_ROLE) is True
    assert top.data().splitlines() == ["Orchard Water Rights",
                                       top.data().splitlines()[1]]
    assert top.data().splitlines()[1].startswith("v2 of 2 · MD · 0 annotations · imported")
    assert model.rowCount(top) == 1
    child = model.index(0, 0, top)
    assert child.data(BRIEF_ID_ROLE) == old_id and child.data(NEWEST_ROLE) is False
    assert child.data().startswith("v1 · older version\nMD · 1 annotation · imported")
    assert child.parent() == top
    single = model.index(1)
    assert single.data().startswith("Ferry Timetable Audit\nMD · 0 annotations")
    assert model.rowCount(single) == 0
    assert (model.row_of(new_id), model.row_of(old_id), model.row_of("nope")) == (0, 0, -1)
    assert model.index_of(old_id) == child and not model.index_of("nope").isValid()
    assert model.newest_of(old_id) == new_id


def test_the_search_keeps_a_brief_s_older_versions(qtbot: QtBot, store: Store,
                                                   versions: tuple[str, str]) -> None:
    model = LibraryModel(store)
    search = LibraryFilter(model)
    search.setFilterFixedString("orchard")
    assert search.rowCount() == 1
    top = search.index(0, 0)
    assert search.rowCount(top) == 1
    assert search.index(0, 0, top).data(BRIEF_ID_ROLE) == versions[0]
    search.setFilterFixedString("ferry")
    assert search.rowCount() == 1 and search.rowCount(search.index(0, 0)) == 0


def test_the_window_opens_the_newest_and_follows_an_older_one(
        qtbot: QtBot, store: Store, settings: Settings, versions: tuple[str, str],
        tmp_path: Path) -> None:
    old_id, new_id = versions
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    view = window.library
    top = view.model().index(0, 0)
    view.activated.emit(top)
    assert window.session.brief is not None and window.session.brief.id == new_id
    assert window.session.brief.version == 2
    window.open_brief(old_id)
    current = view.currentIndex()
    assert current.data(BRIEF_ID_ROLE) == old_id and current.parent() == top
    assert view.isExpanded(top)
    assert window.grab().save(str(tmp_path / "library.png"))
    view.setCurrentIndex(top)
    assert window.session.brief.id == new_id
    assert view.model().index(0, 0, QModelIndex()).data(BRIEF_ID_ROLE) == new_id


def test_annotating_an_older_version_asks_once(qtbot: QtBot, store: Store, settings: Settings,
                                               versions: tuple[str, str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    old_id, new_id = versions
    answers = [OlderChoice.CANCEL, OlderChoice.ANNOTATE]
    asked: list[str] = []

    def ask(_parent: object, standing: VersionStanding) -> OlderChoice:
        asked.append(older_version.older_version_question(standing))
        return answers.pop(0)

    monkeypatch.setattr(older_version, "ask_older_version", ask)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.open_brief(old_id)
    _select(window, "upper terraces")
    assert window.document.tag_selection(None, "Which terraces?")
    assert asked == ["This is version 1 of 2; the newest is version 2. Annotate this older "
                     "version anyway?"]
    assert list_annotations(store, old_id) == []  # cancelled: nothing stored, nothing to undo
    assert window.session.undo_stack.count() == 0

    window.document.tag_selection(None, "Which terraces?")
    assert len(asked) == 2 and len(list_annotations(store, old_id)) == 1
    window.document.tag_selection(None, "Which terraces, again?")
    assert len(asked) == 2 and len(list_annotations(store, old_id)) == 2  # asked once only
    assert "v1 · older version\nMD · 2 annotations" in window.library_model.index_of(
        old_id).data()

    window.open_brief(new_id)  # the newest: never asked
    _select(window, "upper terraces")
    window.document.tag_selection(None, "On the newest")
    assert len(asked) == 2 and len(list_annotations(store, new_id)) == 1


def test_open_the_newest_instead(qtbot: QtBot, store: Store, settings: Settings,
                                 versions: tuple[str, str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    old_id, new_id = versions
    monkeypatch.setattr(older_version, "ask_older_version",
                        lambda _parent, _standing: OlderChoice.OPEN_NEWEST)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.open_brief(old_id)
    start = window.session.brief.text.index("upper terraces")  # type: ignore[union-attr]
    window.session.push(undo.SuggestEdit(window.session, old_id, start, start + 14,
                                         "hill terraces"))
    assert window.session.brief is not None and window.session.brief.id == new_id
    assert suggestions_of(store, old_id) == [] and list_annotations(store, old_id) == []
    assert window.library.currentIndex().data(BRIEF_ID_ROLE) == new_id


def test_a_session_without_a_window_annotates_as_before(qtbot: QtBot, store: Store,
                                                        versions: tuple[str, str]) -> None:
    session = ReviewSession(store)
    session.open_brief(versions[0])
    assert session.standing is not None and not session.standing.is_newest
    assert session.may_annotate()
    refusals: list[VersionStanding] = []
    session.open_brief(versions[0])

    def refuse(standing: VersionStanding) -> bool:
        refusals.append(standing)
        return False

    session.confirm_older = refuse
    assert not session.may_annotate() and not session.may_annotate()
    assert [s.version for s in refusals] == [1, 1]  # a refusal is asked again next time
    session.undo_stack.clear()
    session.push(undo.CreateAnnotation(session, versions[0], 0, 7, None, "note"))
    assert session.undo_stack.count() == 0 and session.annotation_count == 0


def test_the_question_box(qtbot: QtBot) -> None:
    standing = VersionStanding("a", 1, 3, "c")
    box = older_version_box(None, standing)
    qtbot.addWidget(box)
    assert box.text() == ("This is version 1 of 3; the newest is version 3. Annotate this "
                          "older version anyway?")
    names = [button.text() for button in box.buttons()]
    assert "Open the newest" in names and "Annotate this one" in names
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)


def test_a_comment_on_an_older_version_is_asked_about_before_it_is_typed(
        qtbot: QtBot, store: Store, settings: Settings, versions: tuple[str, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    old_id, _new_id = versions
    steps: list[str] = []

    def ask(_parent: object, _standing: VersionStanding) -> OlderChoice:
        steps.append("asked")
        return OlderChoice.ANNOTATE if len(steps) > 1 else OlderChoice.CANCEL

    def type_comment(_title: str, _text: str) -> str:
        steps.append("typed")
        return "Since when?"

    monkeypatch.setattr(older_version, "ask_older_version", ask)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    monkeypatch.setattr(window.document, "ask_comment", type_comment)
    window.open_brief(old_id)
    _select(window, "weekly rota")
    window.document.comment()
    assert steps == ["asked"]  # cancelled: no comment to type, nothing stored
    window.document.comment()
    assert steps == ["asked", "asked", "typed"]
    [stored] = list_annotations(store, old_id)
    assert stored.comment == "Since when?"
