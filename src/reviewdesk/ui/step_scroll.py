"""Two compare panes that scroll in step, paragraph by paragraph."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QObject

from reviewdesk.domain.compare import BlockChange
from reviewdesk.ui.compare_pane import ComparePane


class StepScroll(QObject):
    """Scroll one pane and the other follows: the same (or changed) paragraph at the top,
    as far down it; past a deleted or inserted one, the paragraph after the last pair."""

    def __init__(self, old: ComparePane, new: ComparePane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.old, self.new = old, new
        self.enabled = True
        self._pairs: list[tuple[int, int]] = []  # (old index, new index), both ascending
        self._keys: tuple[list[int], list[int]] = ([], [])
        self._busy = False
        old.verticalScrollBar().valueChanged.connect(lambda _value: self._follow(True))
        new.verticalScrollBar().valueChanged.connect(lambda _value: self._follow(False))

    def set_changes(self, changes: list[BlockChange]) -> None:
        """The block changes that pair the two versions' blocks (same or changed)."""
        self._pairs = [(c.old_index, c.new_index) for c in changes
                       if c.kind in ("same", "changed")
                       and c.old_index is not None and c.new_index is not None]
        self._keys = ([old for old, _ in self._pairs], [new for _, new in self._pairs])

    def partner(self, index: int, from_old: bool) -> tuple[int, bool]:
        """The block of the other version at the height of block `index`, and whether it
        is that very block (same or changed) rather than the one after the last pair."""
        side, other = (0, 1) if from_old else (1, 0)
        at = bisect.bisect_right(self._keys[side], index) - 1
        if at < 0:
            return 0, False
        pair = self._pairs[at]
        if pair[side] == index:
            return pair[other], True
        return pair[other] + 1, False

    def _follow(self, from_old: bool) -> None:
        if self._busy or not self.enabled:
            return
        source, target = (self.old, self.new) if from_old else (self.new, self.old)
        self._busy = True
        try:
            bar, other = source.verticalScrollBar(), target.verticalScrollBar()
            if bar.value() in (bar.minimum(), bar.maximum()):  # both at the top or the end
                other.setValue(other.minimum() if bar.value() == bar.minimum()
                               else other.maximum())
            else:
                index, fraction = source.top_block()
                partner, same = self.partner(index, from_old)
                target.scroll_to_block(partner, fraction if same else 0.0)
        finally:
            self._busy = False
