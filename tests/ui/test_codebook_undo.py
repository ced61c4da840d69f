"""Codebook edits on the session's undo stack: each undone and redone, and a deleted tag
coming back with its annotations."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from reviewdesk.services.annotations import add_reply, annotate, brief_annotations
from reviewdesk.services.codebooks import default_codebook
from reviewdesk.ui.codebook_editor import CodebookEditor
from reviewdesk.ui.session import ReviewSession

Snapshot = list[tuple[str, str, str, str | None, str | None, int]]


@pytest.fixture
def editor(qtbot: QtBot, session: ReviewSession) -> CodebookEditor:
    dialog = CodebookEditor(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _snapshot(session: ReviewSession) -> Snapshot:
    """The stored codebook, every field that matters; the session's copy must agree."""
    stored = [(t.id, t.name, t.colour, t.shortcut, t.parent_id, t.position)
              for t in sorted(default_codebook(session.store).tags, key=lambda t: t.position)]
    shown = [(t.id, t.name, t.colour, t.shortcut, t.parent_id, t.position)
             for t in sorted(session.codebook.tags, key=lambda t: t.position)]
    assert shown == stored
    return stored


Edit = Callable[[CodebookEditor, ReviewSession], bool]


def _id(session: ReviewSession, name: str) -> str:
    tag = session.codebook.find(name)
    assert tag is not None
    return tag.id


def _on(name: str, edit: Callable[[CodebookEditor], bool]) -> Edit:
    def run(editor: CodebookEditor, session: ReviewSession) -> bool:
        editor.select_tag(_id(session, name))
        return edit(editor)
    return run


def _under_claim(editor: CodebookEditor, session: ReviewSession) -> bool:
    editor.select_tag(_id(session, "Question"))
    return editor.move_under(_id(session, "Claim"))


def _swap_with_indicator(editor: CodebookEditor, session: ReviewSession) -> bool:
    editor.select_tag(_id(session, "Risk"))
    return editor.swap_shortcut(_id(session, "Indicator"))


EDITS: dict[str, Edit] = {
    "add": _on("Reason", lambda e: e.add_tag("Assumption")),
    "add sub-tag": _on("Risk", lambda e: e.add_tag("legal", child=True)),
    "rename": _on("Risk", lambda e: e.rename("Danger")),
    "recolour": _on("Risk", lambda e: e.recolour("#123abc")),
    "re-key": _on("Risk", lambda e: e.set_shortcut("9")),
    "clear key": _on("Risk", lambda e: e.set_shortcut(None)),
    "swap keys": _swap_with_indicator,
    "move under": _under_claim,
    "move up": _on("Question", lambda e: e.move_by(-1)),
    "move out": _on("economic", lambda e: e.move_out()),
    "delete": _on("Question", lambda e: e.delete_tag()),
    "delete sub-tag": _on("economic", lambda e: e.delete_tag()),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_each_edit_is_undone_and_redone(qtbot: QtBot, editor: CodebookEditor,
                                        session: ReviewSession, name: str) -> None:
    before = _snapshot(session)
    assert EDITS[name](editor, session)
    after = _snapshot(session)
    assert after != before and session.undo_stack.count() == 1
    with qtbot.waitSignal(editor.codebook_changed):
        editor.undo_action.trigger()
    assert _snapshot(session) == before
    editor.redo_action.trigger()
    assert _snapshot(session) == after
    session.undo_stack.undo()  # as Ctrl+Z in the main window does, once the editor is closed
    assert _snapshot(session) == before


def test_a_refused_edit_leaves_the_stack_alone(editor: CodebookEditor,
                                              session: ReviewSession) -> None:
    before = _snapshot(session)
    assert not _on("Risk", lambda e: e.rename("reason"))(editor, session)
    assert "already a tag 'Reason'" in editor.message.text()
    assert session.undo_stack.count() == 0 and _snapshot(session) == before


def test_deleting_a_tag_takes_its_annotations_and_undo_brings_them_back(
        qtbot: QtBot, editor: CodebookEditor, session: ReviewSession) -> None:
    assert session.brief is not None
    brief_id = session.brief.id
    perch = annotate(session.store, brief_id, "perch", tag="Risk",
                     comment="Is perch the only species?")
    annotate(session.store, brief_id, "patrol boat", tag="Risk", comment="Who pays?")
    annotate(session.store, brief_id, "Alby", tag="Claim")
    add_reply(session.store, perch.id, "Pike too, in the annex.")
    session.open_brief(brief_id)  # the session sees them, as after they were made
    editor.select_tag(_id(session, "Risk"))
    before = _snapshot(session)

    with qtbot.waitSignals([session.annotation_removed] * 2):
        assert editor.delete_tag()
    assert [view.quote for view in session.annotations] == ["Alby"]
    assert [view.quote for view in brief_annotations(session.store, brief_id)] == ["Alby"]
    assert session.undo_stack.undoText() == "Delete tag Risk and 2 annotations"

    editor.undo_action.trigger()
    assert _snapshot(session) == before
    shown = {view.quote: view for view in session.annotations}
    stored = {view.quote: view for view in brief_annotations(session.store, brief_id)}
    assert set(shown) == set(stored) == {"perch", "patrol boat", "Alby"}
    for views in (shown, stored):
        assert views["perch"].id == perch.id and views["perch"].tag == "Risk"
        assert views["perch"].comment == "Is perch the only species?"
        assert views["patrol boat"].comment == "Who pays?"
        assert [reply.text for reply in views["perch"].replies] == ["Pike too, in the annex."]
    assert editor.tree.currentItem().text(0) == "Risk"  # selected again where it was

    editor.redo_action.trigger()
    assert [view.quote for view in session.annotations] == ["Alby"]


def test_a_renamed_tag_shows_on_the_open_briefs_annotations(
        editor: CodebookEditor, session: ReviewSession) -> None:
    assert session.brief is not None
    annotate(session.store, session.brief.id, "perch", tag="Risk")
    session.open_brief(session.brief.id)
    assert _on("Risk", lambda e: e.rename("Danger"))(editor, session)
    assert [view.tag for view in session.annotations] == ["Danger"]
    session.undo_stack.undo()
    assert [view.tag for view in session.annotations] == ["Risk"]
