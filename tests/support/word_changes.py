"""A Word file with pending tracked changes by one author, built with python-docx and raw
OOXML: a deletion, an insertion, and a deletion with an insertion in its place, each in a
paragraph of its own, then an untouched paragraph."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
AUTHOR = "Lena Park"
DATE = "2026-03-04T10:15:00Z"
_W = f'xmlns:w="{W_NS}"'
_CHANGE = f'w:author="{AUTHOR}" w:date="{DATE}"'

# The text before the changes, paragraph by paragraph.
BEFORE = ("Harbour fees rose very fast this spring.",
          "The board met in May.",
          "Ferries run hourly in winter.",
          "Nothing changed here.")
# (the words a change rewords, their new wording), in text order.
CHANGES = (("very", ""), ("met", "met twice"), ("hourly", "daily"))


def _run(text: str) -> str:
    return f"<w:r {_W}><w:t xml:space='preserve'>{text}</w:t></w:r>"


def _deleted(text: str, ident: int) -> str:
    return (f"<w:del {_W} w:id='{ident}' {_CHANGE}><w:r><w:delText xml:space='preserve'>"
            f"{text}</w:delText></w:r></w:del>")


def _inserted(text: str, ident: int) -> str:
    return (f"<w:ins {_W} w:id='{ident}' {_CHANGE}><w:r><w:t xml:space='preserve'>{text}"
            "</w:t></w:r></w:ins>")


def tracked_docx(path: Path) -> Path:
    """Write the Word file to `path` and return it."""
    document = docx.Document()
    for pieces in ((_run("Harbour fees rose "), _deleted("very ", 1),
                    _run("fast this spring.")),
                   (_run("The board met"), _inserted(" twice", 2), _run(" in May.")),
                   (_run("Ferries run "), _deleted("hourly", 3), _inserted("daily", 4),
                    _run(" in winter."))):
        paragraph = document.add_paragraph()
        for xml in pieces:
            paragraph._p.append(parse_xml(xml))
    document.add_paragraph(BEFORE[-1])
    document.save(str(path))
    return path
