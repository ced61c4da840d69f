"""Character formats that mark suggested edits in the document view: struck words and the
room for new words, each remembering what it replaced so it can be taken off exactly, and
never touching the backgrounds the annotation highlights set."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

_USER = int(QTextFormat.Property.UserProperty.value)
MARK = _USER + 41  # a format changed here: True
_SAVED_INK = _USER + 42  # the foreground the characters had before (absent: none)


def restyle(document: QTextDocument, start: int, end: int,
            change: Callable[[QTextCharFormat], None]) -> None:
    """Apply `change` to the format of every character in [start, end), piece by piece."""
    pieces: list[tuple[int, int, QTextCharFormat]] = []
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            left = max(fragment.position(), start)
            right = min(fragment.position() + fragment.length(), end)
            if left < right:
                pieces.append((left, right, fragment.charFormat()))
            fragments += 1
        block = block.next()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for left, right, fmt in pieces:
        change(fmt)
        cursor.setPosition(left)
        cursor.setPosition(right, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(fmt)
    cursor.endEditBlock()


def _remember(fmt: QTextCharFormat) -> None:
    """Mark the format as changed here, keeping its own foreground the first time."""
    if not fmt.hasProperty(MARK):
        fmt.setProperty(MARK, True)
        if fmt.hasProperty(QTextFormat.Property.ForegroundBrush):
            fmt.setProperty(_SAVED_INK, fmt.foreground())


def struck(fmt: QTextCharFormat, ink: QColor) -> None:
    """Words a suggested edit replaces: struck through, in `ink`."""
    _remember(fmt)
    fmt.setFontStrikeOut(True)
    fmt.setForeground(ink)


def spaced(fmt: QTextCharFormat, room: float) -> None:
    """The character after which new words are drawn: `room` pixels of spacing after it."""
    _remember(fmt)
    fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
    fmt.setFontLetterSpacing(room)


def plain(fmt: QTextCharFormat) -> None:
    """Take off what struck() and spaced() put on, giving back the foreground it had."""
    if not fmt.hasProperty(MARK):
        return
    fmt.setFontStrikeOut(False)
    if fmt.hasProperty(_SAVED_INK):
        fmt.setForeground(fmt.brushProperty(_SAVED_INK))
    else:
        fmt.clearForeground()
    for name in (MARK, _SAVED_INK, QTextFormat.Property.FontLetterSpacing,
                 QTextFormat.Property.FontLetterSpacingType):
        fmt.clearProperty(name)
