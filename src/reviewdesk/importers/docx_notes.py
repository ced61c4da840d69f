"""Footnotes and endnotes of a Word document: the real notes by id, and how they are numbered."""

from __future__ import annotations

from lxml import etree

from reviewdesk.importers.docx_styles import W

# Separator notes draw the rule above the notes; they are no text of the document.
_NOT_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def load_notes(root: etree._Element | None, kind: str) -> dict[str, etree._Element]:
    """Note id -> the w:footnote / w:endnote element (`kind`), in document order."""
    if root is None:
        return {}
    notes: dict[str, etree._Element] = {}
    for note in root.iterchildren(f"{W}{kind}"):
        if note.get(f"{W}type", "normal") not in _NOT_NOTES:
            notes.setdefault(note.get(f"{W}id", ""), note)
    return notes


def note_label(kind: str, number: int) -> str:
    """Word's default numbering: 1, 2, 3 for footnotes and i, ii, iii for endnotes."""
    if kind == "footnote":
        return str(number)
    parts: list[str] = []
    for value, letters in _ROMAN:
        while number >= value:
            parts.append(letters)
            number -= value
    return "".join(parts)
