"""Bare: PySide6 alone, a text in a QTextEdit, shown, laid out and grabbed to a PNG."""

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QTextEdit

app = QApplication([])
view = QTextEdit()
view.setReadOnly(True)
view.setPlainText(Path(sys.argv[1]).read_text(encoding="utf-8"))
view.resize(1280, 800)
view.show()
app.processEvents()
view.grab().save(sys.argv[2])
