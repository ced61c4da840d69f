"""The application icon, built from the PNGs shipped in the package (resources/icons)."""

from __future__ import annotations

from PySide6.QtGui import QIcon, QPixmap

from reviewdesk.bundled import icon_images


def app_icon() -> QIcon:
    """The application icon with every bundled size; a PNG Qt cannot read is left out."""
    icon = QIcon()
    for _size, data in icon_images():
        pixmap = QPixmap()
        if pixmap.loadFromData(data, "PNG"):
            icon.addPixmap(pixmap)
    return icon
