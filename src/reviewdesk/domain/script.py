"""Which way a text runs: right to left when it is mostly Hebrew or Arabic script."""

from __future__ import annotations

import re

# Hebrew, Arabic, Syriac, Thaana, N'Ko and Arabic presentation forms; the last range
# stops before U+FEFF, the byte-order mark, which is no letter.
_RTL_CHAR = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def mostly_rtl(text: str) -> bool:
    """More than half the letters are Hebrew or Arabic script."""
    if _RTL_CHAR.search(text) is None:
        return False
    letters = sum(1 for char in text if char.isalpha())
    return len(_RTL_CHAR.findall(text)) * 2 > letters


_LTR_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u052f\u1e00-\u1fff]")


def block_rtl(text: str, hint: bool = False) -> bool:
    """Whether a block runs right to left, by its own text: most of its letters Hebrew or
    Arabic script. A block without letters of either direction keeps `hint`, the
    direction its source gave it."""
    if _RTL_CHAR.search(text) is None:
        return hint and _LTR_LETTER.search(text) is None
    return mostly_rtl(text)
