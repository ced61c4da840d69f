"""The codebook editor: edits saved and reflected in the session, bad edits refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from reviewdesk.services.codebooks import default_codebook
from reviewdesk.storage.store import Store
from reviewdesk.ui.codebook_editor import CodebookEditor
from reviewdesk.ui.session import ReviewSession


@pytest.fixture
def session(qtbot: QtBot, store: Store) -> ReviewSession:
    return ReviewSession(store)


@pytest.fixture
def editor(qtbot: QtBot, session: ReviewSession) -> CodebookEditor:
    dialog = CodebookEditor(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _select(editor: CodebookEditor, session: ReviewSession, name: str) -> str:
    tag = session.codebook.find(name)
    assert tag is not None
    editor.select_tag(tag.id)
    return tag.id


def _stored(session: ReviewSession, name: str) -> list[str]:
    codebook = default_codebook(session.store)
    return [codebook.path(tag) for tag in codebook.tags if tag.name == name]


def test_add_sibling_and_child(qtbot: QtBot, editor: CodebookEditor,
                               session: ReviewSession) -> None:
    _select(editor, session, "Reason")
    with qtbot.waitSignal(editor.codebook_changed):
        assert editor.add_tag("Assumption")
    assert _stored(session, "Assumption") == ["Assumption"]
    assert editor.tree.currentItem().text(0) == "Assumption"
    assert editor.tree.indexOfTopLevelItem(editor.tree.currentItem()) == 2  # after Reason
    _select(editor, session, "Risk")
    assert editor.add_tag("legal", child=True)
    assert session.codebook.find("Risk › legal") is not None  # the session sees it


def test_rename_with_f2(qtbot: QtBot, editor: CodebookEditor, session: ReviewSession) -> None:
    risk = _select(editor, session, "Risk")
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_F2)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    line.setText("Danger")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _stored(session, "Danger") == ["Danger"])
    tag = session.codebook.by_id(risk)
    assert tag is not None and tag.name == "Danger"


def test_rename_to_a_sibling_name_is_refused(editor: CodebookEditor,
                                             session: ReviewSession) -> None:
    _select(editor, session, "Risk")
    assert not editor.rename("reason")
    assert "already a tag 'Reason'" in editor.message.text()
    assert editor.tree.currentItem().text(0) == "Risk"


def test_recolour(editor: CodebookEditor, session: ReviewSession) -> None:
    risk = _select(editor, session, "Risk")
    assert editor.recolour("#123ABC")
    tag = session.codebook.by_id(risk)
    assert tag is not None and tag.colour == "#123abc"
    assert editor.tree.currentItem().text(2) == "#123abc"


def test_shortcut_clash_is_refused_and_changes_nothing(qtbot: QtBot, editor: CodebookEditor,
                                                       session: ReviewSession) -> None:
    risk = _select(editor, session, "Risk")
    with qtbot.assertNotEmitted(editor.codebook_changed):
        assert not editor.set_shortcut("1")
    assert editor.message.text() == ("Key 1 already belongs to 'Indicator'; "
                                     "clear it there first.")
    tag = default_codebook(session.store).by_id(risk)
    assert tag is not None and tag.shortcut == "6"
    assert editor.set_shortcut("9") and editor.message.text() == ""


def test_nest_and_reorder_with_keys(qtbot: QtBot, editor: CodebookEditor,
                                    session: ReviewSession) -> None:
    claim = _select(editor, session, "Claim")
    _select(editor, session, "Question")
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    top = [editor.tree.topLevelItem(i).text(0) for i in range(editor.tree.topLevelItemCount())]
    assert top[-2:] == ["Question", "Risk"]
    assert editor.move_under(claim)
    assert session.codebook.find("Claim › Question") is not None
    qtbot.keyClick(editor.tree, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert session.codebook.find("Question") is not None
    assert _stored(session, "Question") == ["Question"]


def test_delete_is_refused_while_the_tag_has_sub_tags(editor: CodebookEditor,
                                                     session: ReviewSession) -> None:
    _select(editor, session, "Indicator")
    assert not editor.delete_tag()
    assert "has sub-tags" in editor.message.text()
    assert _stored(session, "Indicator") == ["Indicator"]
    _select(editor, session, "Question")
    assert editor.delete_tag()
    assert _stored(session, "Question") == [] and session.codebook.find("Question") is None
    assert editor.tree.currentItem().text(0) == "Risk"  # the next tag is selected
