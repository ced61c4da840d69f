"""Two compare panes scroll in step: the block of the other version at the same height."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reviewdesk.domain.compare import BlockChange
from reviewdesk.ui.compare_pane import ComparePane
from reviewdesk.ui.step_scroll import StepScroll


def test_the_partner_of_a_block(qtbot: QtBot) -> None:
    old, new = ComparePane(), ComparePane()
    qtbot.addWidget(old)
    qtbot.addWidget(new)
    step = StepScroll(old, new)
    # old 0 = new 0; old 1 deleted; old 2 changed into new 1; new 2 inserted; old 3 = new 3
    step.set_changes([BlockChange("same", 0, 0), BlockChange("deleted", 1, None),
                      BlockChange("changed", 2, 1), BlockChange("inserted", None, 2),
                      BlockChange("same", 3, 3)])
    assert step.partner(0, from_old=True) == (0, True)
    assert step.partner(1, from_old=True) == (1, False)  # deleted: the block after the pair
    assert step.partner(2, from_old=True) == (1, True)
    assert step.partner(2, from_old=False) == (3, False)  # inserted: after old 2, its pair
    assert step.partner(3, from_old=False) == (3, True)
