"""Footnotes and endnotes of a Word document: the real notes by id, and how they are numbered."""

from __future__ import annotations

from dataclasses import dataclass

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


# Word's defaults when the document names no format: 1, 2, 3 and i, ii, iii.
_DEFAULT_FORMATS = {"footnote": "decimal", "endnote": "lowerRoman"}
_CHICAGO = ("*", "†", "‡", "§")


@dataclass(frozen=True, slots=True)
class NoteNumbering:
    """How a kind of note is numbered: Word's numFmt and the first number."""

    format: str
    start: int = 1


def note_numbering(kind: str, *properties: etree._Element | None) -> NoteNumbering:
    """The numbering the first of `properties` (the body's w:sectPr, then w:settings) that
    sets one gives this kind of note (w:footnotePr / w:endnotePr), else Word's default."""
    for parent in properties:
        notes = parent.find(f"{W}{kind}Pr") if parent is not None else None
        fmt = notes.find(f"{W}numFmt") if notes is not None else None
        if fmt is not None and fmt.get(f"{W}val"):
            start = notes.find(f"{W}numStart") if notes is not None else None
            try:
                first = int(start.get(f"{W}val", "1")) if start is not None else 1
            except ValueError:
                first = 1
            return NoteNumbering(fmt.get(f"{W}val", ""), max(first, 1))
    return NoteNumbering(_DEFAULT_FORMATS[kind])


def note_label(numbering: NoteNumbering, count: int) -> str:
    """The mark of the `count`-th note (1-based): "3", "iii", "C", "c", "‡", "**"."""
    number = numbering.start + count - 1
    fmt = numbering.format
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "chicago":
        return _CHICAGO[(number - 1) % 4] * ((number - 1) // 4 + 1)
    return str(number)


def _roman(number: int) -> str:
    parts: list[str] = []
    for value, letters in _ROMAN:
        while number >= value:
            parts.append(letters)
            number -= value
    return "".join(parts)
