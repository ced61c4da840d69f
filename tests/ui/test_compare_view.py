"""Compare with the previous version, offscreen: two versions built here, the carried
annotations listed by state, confirmed and placed with keys and undone; the main window's
action, and opening a revised file as the next version."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import model_failures, show_active

from reviewdesk.domain.carry import AnchorState
from reviewdesk.domain.views import AnnotationView
from reviewdesk.services.annotations import annotate, list_annotations
from reviewdesk.services.briefs import import_files, list_briefs
from reviewdesk.services.version_plan import Choice, ReadFile
from reviewdesk.services.versions import import_version, versions_of
from reviewdesk.storage.store import Store
from reviewdesk.ui import undo, version_import
from reviewdesk.ui.compare_pane import BLOCK_COLOURS
from reviewdesk.ui.compare_view import CompareView, open_compare
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.settings import Settings

PIERS = ["Anvil", "Brackle", "Cormorant", "Dunmere", "Eelgate", "Fallow", "Gannet",
         "Holloway", "Ironside", "Jetty Lane"]
FILLER = "\n\n".join(f"Pier {name} keeps {index + 3} lamps lit from dusk until the first "
                     f"ferry leaves, and its keeper logs every outage by hand."
                     for index, name in enumerate(PIERS))

FIRST = f"""\
# Harbour Lighting Review

## Summary

The city replaced four hundred harbour lamps with LED fittings in 2023.

Night-time accidents on the quay fell by a third in the first winter.

The old sodium lamps were sold to a scrap dealer in Kessel for a small sum.

Fishermen say the new light is too white for mending nets at dusk.

## The piers

{FILLER}

## Recommendations

1. The harbour office should publish lamp outages every week.
2. The city should test warmer lamps on the north pier.

## References

- Kessel Harbour Office. (2023). Lamp replacement report.
- Ostrava Safety Board. (2024). Quay accidents in winter.
"""

SECOND = f"""\
# Harbour Lighting Review

## Summary

The city replaced four hundred harbour lamps with LED fittings in 2023.

Fishermen say the new light is too white for mending nets at dusk.

Night-time accidents on the quay fell by nearly a third in the first winter.

A survey of two hundred residents found most prefer the new lamps.

## The piers

{FILLER}

## Recommendations

1. The harbour office should publish lamp outages every month.
2. The city should test warmer lamps on the north pier.
3. The port should fit motion sensors to the east gate lights.

## References

- Kessel Harbour Office. (2023). Lamp replacement report.
- Ostrava Safety Board. (2024). Quay accidents in the winter months.
"""

QUOTES = ["four hundred harbour lamps", "fell by a third", "sold to a scrap dealer",
          "too white for mending nets"]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "harbour-lights.md", tmp_path / "harbour-lights-v2.md"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    return first, second


@pytest.fixture
def versions(store: Store, files: tuple[Path, Path]) -> tuple[str, str]:
    """(first version id, second version id), four annotations carried to the second."""
    first_id = import_files(store, [files[0]])[0].id
    for quote in QUOTES:
        annotate(store, first_id, quote, tag="Indicator", comment=f"Check: {quote}")
    second = import_version(store, files[1], of=first_id)
    return first_id, second.id


@pytest.fixture
def session(qtbot: QtBot, store: Store, versions: tuple[str, str]) -> ReviewSession:
    opened = ReviewSession(store)
    opened.open_brief(versions[1])
    return opened


@pytest.fixture
def view(qtbot: QtBot, session: ReviewSession) -> CompareView:
    opened = open_compare(session)
    assert opened is not None
    opened.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes it
    show_active(qtbot, opened, 1280, 800)
    return opened


def _stored(store: Store, brief_id: str, words: str) -> AnnotationView:
    return next(a for a in list_annotations(store, brief_id) if words in a.comment)


def _select_words(view: CompareView, words: str) -> tuple[int, int]:
    start = view.comparison.new.text.index(words)
    cursor = view.new_pane.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    view.new_pane.setTextCursor(cursor)
    return start, start + len(words)


def test_the_view_lists_the_carried_annotations_by_state(view: CompareView) -> None:
    counts = view.model.state_counts()
    assert counts == {AnchorState.ANCHORED: 2, AnchorState.SHIFTED: 0,
                      AnchorState.NEEDS_REVIEW: 1, AnchorState.ORPHANED: 1}
    assert view.counts.text() == ("4 carried annotations: 2 anchored · 0 shifted · "
                                  "1 needs review · 1 orphaned")
    shown = {}
    for item in range(view.show_filter.count()):
        view.show_filter.setCurrentIndex(item)
        shown[view.show_filter.itemText(item)] = [
            view.proxy.index(row, 0).data() for row in range(view.proxy.rowCount())]
    assert shown == {"All (4)": ["anchored", "anchored", "orphaned", "needs review"],
                     "Needs review or orphaned (2)": ["orphaned", "needs review"],
                     "Needs review (1)": ["needs review"], "Orphaned (1)": ["orphaned"]}
    assert view.summary.text() == ("Paragraphs: 2 changed · 3 inserted · 2 deleted · "
                                   "19 unchanged")
    assert view.tabs.tabText(1) == "&References (1 change)"
    assert view.tabs.tabText(2) == "Recommen&dations (2 changes)"
    assert [view.recommendations.change(row).kind
            for row in range(view.recommendations.rowCount())] == ["changed", "same", "added"]


def test_blocks_are_coloured_by_what_happened_to_them(view: CompareView) -> None:
    def background(pane: QWidget, text: str, words: str) -> str:
        assert isinstance(pane, type(view.new_pane))
        block = pane.document().findBlock(text.index(words))
        return str(block.blockFormat().background().color().name())

    old, new = view.comparison.old.text, view.comparison.new.text
    assert background(view.new_pane, new, "A survey of two") == BLOCK_COLOURS["inserted"]
    assert background(view.old_pane, old, "sold to a scrap") == BLOCK_COLOURS["deleted"]
    assert background(view.new_pane, new, "every month") == BLOCK_COLOURS["changed"]
    assert background(view.new_pane, new, "four hundred") == "#000000"  # unchanged: none
    struck = QTextCursor(view.old_pane.document())
    struck.setPosition(old.index("sold to a scrap") + 2)
    assert struck.charFormat().fontStrikeOut()


def test_selecting_a_row_selects_its_words(view: CompareView) -> None:
    # The first row that needs the reviewer is chosen when the view opens.
    assert view.current_view() is not None and view.current_view().anchor_state == "orphaned"
    view.show_filter.setCurrentIndex(2)  # needs review
    assert view.new_pane.textCursor().selectedText() == "fell by nearly a third"
    assert view.old_pane.textCursor().selectedText() == "fell by a third"
    assert "confirm (C)" in view.hint.text()


def test_confirm_with_c_or_enter_and_undo(qtbot: QtBot, view: CompareView,
                                          session: ReviewSession, store: Store,
                                          versions: tuple[str, str]) -> None:
    before = _stored(store, versions[1], "fell by a third")
    assert before.anchor_state == "needs_review" and 0 < (before.anchor_score or 0) < 1
    view.show_filter.setCurrentIndex(2)  # needs review
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_C)
    stored = _stored(store, versions[1], "fell by a third")
    assert (stored.anchor_state, stored.anchor_score, stored.quote) == ("anchored", 1.0,
                                                                         "fell by nearly a third")
    assert view.model.state_counts()[AnchorState.NEEDS_REVIEW] == 0
    assert view.show_filter.itemText(2) == "Needs review (0)"
    assert session.annotation(stored.id) == stored  # the other panels were told
    session.undo_stack.undo()
    back = _stored(store, versions[1], "fell by a third")
    assert replace(back, modified=before.modified) == before  # its place, state and score
    assert view.model.state_counts()[AnchorState.NEEDS_REVIEW] == 1
    # Enter does the same while the table has the focus.
    view.show_filter.setCurrentIndex(2)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert _stored(store, versions[1], "fell by a third").anchor_state == "anchored"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(store, versions[1], "fell by a third").anchor_state == "needs_review"


def test_place_an_orphan_on_selected_words(qtbot: QtBot, view: CompareView,
                                           session: ReviewSession, store: Store,
                                           versions: tuple[str, str]) -> None:
    orphan = view.current_view()  # the first row that needs the reviewer
    assert orphan is not None and orphan.anchor_state == "orphaned"
    assert orphan.start == orphan.end
    # C cannot confirm an orphan, and P wants words first: both say so and change nothing.
    qtbot.keyClick(view.table, Qt.Key.Key_C)
    assert "no place to confirm" in view.hint.text()
    qtbot.keyClick(view.table, Qt.Key.Key_P)
    assert "Select the words" in view.hint.text()
    assert session.undo_stack.count() == 0
    start, end = _select_words(view, "two hundred residents")
    view.new_pane.setFocus()
    with model_failures() as failures:
        qtbot.keyClick(view.new_pane, Qt.Key.Key_P)
    assert failures == []
    placed = _stored(store, versions[1], "scrap dealer")
    assert (placed.start, placed.end, placed.quote, placed.anchor_state) == (
        start, end, "two hundred residents", "anchored")
    assert [a.id for a in session.annotations].index(placed.id) == 3  # in document order
    assert view.model.state_counts()[AnchorState.ORPHANED] == 0
    assert view.current_view() == placed  # the row stays chosen, on its new words
    assert view.new_pane.textCursor().selectedText() == "two hundred residents"
    session.undo_stack.undo()
    back = _stored(store, versions[1], "scrap dealer")
    assert back.anchor_state == "orphaned" and back.start == back.end == orphan.start
    assert back.quote == "sold to a scrap dealer"
    assert view.model.state_counts()[AnchorState.ORPHANED] == 1


def test_the_panes_scroll_in_step(qtbot: QtBot, view: CompareView) -> None:
    old, new = view.old_pane, view.new_pane
    assert old.verticalScrollBar().maximum() > 0
    pier = view.comparison.old.text.index("Pier Fallow")
    index = next(i for i, block in enumerate(view.comparison.old.blocks)
                 if block.start == pier)
    old.scroll_to_block(index)
    top, _ = new.top_block()
    assert view.comparison.new.blocks[top].text.startswith("Pier Fallow")
    new.verticalScrollBar().setValue(0)
    assert old.verticalScrollBar().value() == 0


def test_a_deleted_annotation_leaves_the_table(qtbot: QtBot, view: CompareView,
                                               session: ReviewSession) -> None:
    orphan = view.current_view()
    assert orphan is not None
    session.push(undo.DeleteAnnotation(session, orphan.id))
    qtbot.waitUntil(lambda: "confirm (C)" in view.hint.text())  # the next row is shown
    chosen = view.current_view()
    assert chosen is not None and chosen.anchor_state == "needs_review"
    assert view.model.rowCount() == 3
    assert view.new_pane.textCursor().selectedText() == "fell by nearly a third"
    session.undo_stack.undo()
    assert view.model.rowCount() == 4


def test_every_control_is_on_the_keyboard(qtbot: QtBot, view: CompareView) -> None:
    view.table.setFocus()
    reached = []
    for _ in range(8):
        focused = QApplication.focusWidget()
        assert focused is not None
        reached.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert reached[:2] == [view.table, view.show_filter]
    assert {view.old_pane, view.new_pane, view.tabs.tabBar()} <= set(reached)
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert view.new_pane.hasFocus()
    qtbot.keyClick(view.new_pane, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(view.recommendation_table.hasFocus)
    qtbot.keyClick(view.recommendation_table, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(view.table.hasFocus)


def test_escape_closes(qtbot: QtBot, view: CompareView) -> None:
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_a_first_version_has_nothing_to_compare(store: Store, files: tuple[Path, Path],
                                                qtbot: QtBot) -> None:
    session = ReviewSession(store)
    session.open_brief(import_files(store, [files[0]])[0].id)
    with qtbot.waitSignal(session.error) as message:
        assert open_compare(session) is None
    assert "first version" in str(message.args[0])



def test_the_main_window_action(qtbot: QtBot, store: Store, settings: Settings,
                                versions: tuple[str, str]) -> None:
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    assert not window.compare_action.isEnabled()
    assert window.compare_action.shortcut().toString() == "Ctrl+Alt+V"
    window.open_brief(versions[0])
    assert not window.compare_action.isEnabled()
    window.open_brief(versions[1])
    assert window.compare_action.isEnabled()
    window.compare_action.trigger()
    compare = window.compare_view
    assert compare is not None and compare.isVisible()
    compare.show_filter.setCurrentIndex(2)
    compare.confirm()
    assert window.cards.model.rowCount() == 4
    window.session.undo_stack.undo()  # from the main window's Edit menu as well
    assert _stored(store, versions[1], "fell by a third").anchor_state == "needs_review"
    window.open_brief(versions[0])  # another brief on screen: the comparison closes
    qtbot.waitUntil(lambda: window.compare_view is None)


@pytest.mark.parametrize(("choice", "briefs", "family"), [
    (Choice.VERSION, 2, 2), (Choice.SEPARATE, 2, 1), (Choice.CANCEL, 1, 1)])
def test_opening_a_revised_file_asks(qtbot: QtBot, store: Store, settings: Settings,
                                     files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                     choice: Choice, briefs: int, family: int) -> None:
    first_id = import_files(store, [files[0]])[0].id
    annotate(store, first_id, "fell by a third", tag="Indicator")
    asked: list[str] = []

    def ask(_parent: QWidget | None, read: ReadFile) -> Choice:
        asked.append(f"Store this as version {read.next_version} of '{read.candidate_title}'?")
        return choice

    monkeypatch.setattr(version_import, "ask_version", ask)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    if choice == Choice.CANCEL:
        window.import_paths([files[1]])
        qtbot.waitUntil(lambda: bool(asked), timeout=20_000)
        qtbot.wait(50)
    else:
        with qtbot.waitSignal(window.library_model.modelReset, timeout=20_000):
            window.import_paths([files[1]])
    assert asked == ["Store this as version 2 of 'Harbour Lighting Review'?"]
    assert len(list_briefs(store)) == briefs
    assert len(versions_of(store, first_id)) == family
    if choice == Choice.VERSION:
        assert window.session.brief is not None and window.session.brief.version == 2
        assert window.compare_action.isEnabled()
        assert "version 2" in window.statusBar().currentMessage()


def test_a_screenshot_is_legible(qtbot: QtBot, view: CompareView, tmp_path: Path) -> None:
    picture = view.grab()
    assert (picture.width(), picture.height()) == (1280, 800)
    assert picture.save(str(tmp_path / "compare.png"))
    assert (tmp_path / "compare.png").stat().st_size > 20_000
