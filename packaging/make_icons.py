"""Render the application icon (resources/icons/reviewdesk.svg) to the PNG sizes desktops
ask for, and to the .ico (Windows) and .icns (macOS) files the PyInstaller spec uses.

Run it after changing the SVG:  .venv/bin/python packaging/make_icons.py
It uses Qt's own SVG renderer and image writers, so it needs nothing beyond PySide6.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "reviewdesk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG file")
    out = SVG.parent
    for size in PNG_SIZES:
        target = out / f"reviewdesk-{size}.png"
        if not render(renderer, size).save(str(target)):
            raise SystemExit(f"Could not write {target}")
        print(f"wrote {target.relative_to(ROOT)}")
    icons = ROOT / "packaging" / "icons"
    icons.mkdir(exist_ok=True)
    # One 256-pixel image: Windows scales it down for smaller uses.
    if not render(renderer, 256).save(str(icons / "reviewdesk.ico"), "ICO"):
        raise SystemExit("Could not write reviewdesk.ico")
    print(f"wrote {(icons / 'reviewdesk.ico').relative_to(ROOT)}")
    if not render(renderer, 512).save(str(icons / "reviewdesk.icns"), "ICNS"):
        raise SystemExit("Could not write reviewdesk.icns")
    print(f"wrote {(icons / 'reviewdesk.icns').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
