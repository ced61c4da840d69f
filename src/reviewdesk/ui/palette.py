"""Light and dark palettes; 'system' keeps whatever the desktop uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reviewdesk.bundled import style_sheet

_DARK = {
    QPalette.ColorRole.Window: "#202124", QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#17181a", QPalette.ColorRole.AlternateBase: "#26272b",
    QPalette.ColorRole.Text: "#e8eaed", QPalette.ColorRole.Button: "#2b2c30",
    QPalette.ColorRole.ButtonText: "#e8eaed", QPalette.ColorRole.Highlight: "#3d6fb6",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2b2c30",
    QPalette.ColorRole.ToolTipText: "#e8eaed", QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.Link: "#8ab4f8",
}


def apply_theme(app: QApplication, theme: str) -> None:
    """Give the app the Fusion style, the bundled style sheet (unless it has one) and the
    theme: 'dark' a dark palette, 'light' the standard one, anything else ('system') the
    standard palette with the colour scheme left to the desktop."""
    app.setStyle("Fusion")
    if not app.styleSheet():
        app.setStyleSheet(style_sheet())
    hints = QGuiApplication.styleHints()
    if theme == "dark":
        palette = QPalette()
        for role, colour in _DARK.items():
            palette.setColor(role, QColor(colour))
        app.setPalette(palette)
        hints.setColorScheme(Qt.ColorScheme.Dark)
    elif theme == "light":
        app.setPalette(app.style().standardPalette())
        hints.setColorScheme(Qt.ColorScheme.Light)
    else:
        hints.unsetColorScheme()
        app.setPalette(app.style().standardPalette())
