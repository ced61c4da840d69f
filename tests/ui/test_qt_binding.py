"""Guards against a Qt binding that corrupts the interpreter in long sessions."""

from __future__ import annotations

import subprocess
import sys

CALLS = r"""
import sys
from PySide6.QtGui import QColor
colour = QColor()
before = sys.getrefcount(None)
for _ in range(300_000):
    colour.setRed(3)
print(before - sys.getrefcount(None))
"""


def test_void_qt_calls_do_not_leak_references_to_none() -> None:
    # PySide6 6.12.0 dropped one reference to None per call returning nothing; a
    # reviewer's day of work then ends in "Fatal Python error: none_dealloc".
    result = subprocess.run([sys.executable, "-c", CALLS], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert abs(int(result.stdout)) < 100
