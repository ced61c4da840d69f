"""Reading an exported .docx back independently of ReviewDesk's importer: python-docx opens
it, and a plain walk of its XML collects what each comment is anchored on, the comments
with their threads, and the tracked changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


@dataclass
class Comment:
    ident: str
    author: str
    initials: str
    text: str
    para_id: str = ""
    parent_para: str | None = None
    done: bool = False


@dataclass
class Export:
    anchored: dict[str, str] = field(default_factory=dict)  # comment id -> text it covers
    comments: dict[str, Comment] = field(default_factory=dict)
    deleted: list[str] = field(default_factory=list)
    inserted: list[str] = field(default_factory=list)
    shaded: list[str] = field(default_factory=list)  # text of shaded runs, in order
    properties: dict[str, str] = field(default_factory=dict)


def read_export(path: Path, before_changes: bool = False) -> Export:
    """What the exported document holds. `anchored`: the text each comment covers as Word
    shows it with the tracked changes accepted, or (`before_changes`) as it was before them,
    as ReviewDesk reads a Word file's own pending changes."""
    document = docx.Document(str(path))
    found = Export()
    roots = [document.element]
    for rel in document.part.rels.values():
        if rel.reltype in (RT.FOOTNOTES, RT.ENDNOTES) and not rel.is_external:
            roots.append(etree.fromstring(rel.target_part.blob))
    for root in roots:
        _walk(root, found, before_changes)
    for rel in document.part.rels.values():
        if rel.is_external:
            continue
        if rel.reltype == RT.COMMENTS:
            _comments(etree.fromstring(rel.target_part.blob), found)
    for rel in document.part.rels.values():
        if not rel.is_external and rel.reltype.endswith("/commentsExtended"):
            _threads(etree.fromstring(rel.target_part.blob), found)
    for rel in document.part.package.rels.values():
        if rel.reltype.endswith("/custom-properties"):
            root = etree.fromstring(rel.target_part.blob)
            for prop in root:
                found.properties[prop.get("name", "")] = "".join(
                    str(text) for text in prop.itertext())
    return found


def _walk(root: etree._Element, found: Export, before_changes: bool = False) -> None:
    open_ids: list[str] = []
    in_deleted = 0
    in_inserted = 0
    # Paragraphs with no words but inserted ones are read with their changes accepted.
    accepted = {p for p in root.iter(f"{W}p") if _all_inserted(p)} if before_changes else set()
    paragraphs: list[etree._Element] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if tag == f"{W}p":
            if event == "start":
                paragraphs.append(element)
            else:
                paragraphs.pop()
        if tag == _FALLBACK:  # the same text box again, for old readers
            if event == "start":
                in_deleted += 1000
            else:
                in_deleted -= 1000
            continue
        if tag in (f"{W}del", f"{W}moveFrom"):
            in_deleted += 1 if event == "start" else -1
            if event == "start" and in_deleted == 1:
                found.deleted.append("".join(t.text or "" for t in element.iter(f"{W}delText")))
            if not before_changes:
                continue
        if before_changes and tag in (f"{W}ins", f"{W}moveTo") and \
                element.getparent() is not None and element.getparent().tag != f"{W}rPr":
            in_inserted += 1 if event == "start" else -1
        if event != "start":
            # A paragraph whose mark is a tracked deletion runs on into the next one.
            joined = element.find(f"{W}pPr/{W}rPr/{W}del") is not None and not before_changes
            if tag == f"{W}p" and not joined:
                for ident in open_ids:
                    found.anchored[ident] += "\n"
            continue
        if tag == f"{W}commentRangeStart":
            ident = element.get(f"{W}id", "")
            open_ids.append(ident)
            found.anchored[ident] = ""
        elif tag == f"{W}commentRangeEnd":
            ident = element.get(f"{W}id", "")
            if ident in open_ids:
                open_ids.remove(ident)
        elif tag == f"{W}ins" and in_deleted == 0:
            # (python-docx's run elements answer itertext() with their text twice)
            found.inserted.append("".join(t.text or "" for t in element.iter(f"{W}t")))
        elif _counts(tag, in_deleted,
                     0 if paragraphs and paragraphs[-1] in accepted else in_inserted,
                     before_changes):
            piece = element.text or "" if tag in (f"{W}t", f"{W}delText") else " "
            for ident in open_ids:
                found.anchored[ident] += piece
            run = element.getparent()
            if run is not None and run.find(f"{W}rPr/{W}shd") is not None and tag == f"{W}t":
                found.shaded.append(piece)


def _all_inserted(paragraph: etree._Element) -> bool:
    """Whether every word of the paragraph is a tracked insertion."""
    inserted = False
    for text in paragraph.iter(f"{W}t", f"{W}delText"):
        ancestor = text.getparent()
        while ancestor is not None and ancestor is not paragraph and \
                ancestor.tag not in (f"{W}ins", f"{W}moveTo"):
            ancestor = ancestor.getparent()
        if ancestor is None or ancestor is paragraph:
            if (text.text or "").strip():
                return False
        elif (text.text or "").strip():
            inserted = True
    return inserted


def _counts(tag: str, in_deleted: int, in_inserted: int, before_changes: bool) -> bool:
    """Whether this element's text is part of the text read (see read_export)."""
    if tag not in (f"{W}t", f"{W}tab", f"{W}br", f"{W}delText"):
        return False
    if not before_changes:
        return in_deleted == 0 and tag != f"{W}delText"
    return in_inserted == 0 and in_deleted < 1000  # not a text box's fallback copy


def _comments(root: etree._Element, found: Export) -> None:
    for element in root.iter(f"{W}comment"):
        paragraphs = list(element.iter(f"{W}p"))
        text = "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in paragraphs)
        ident = element.get(f"{W}id", "")
        found.comments[ident] = Comment(
            ident, element.get(f"{W}author", ""), element.get(f"{W}initials", ""), text,
            paragraphs[-1].get(f"{W14}paraId", "") if paragraphs else "")


def _threads(root: etree._Element, found: Export) -> None:
    by_para = {c.para_id: c for c in found.comments.values() if c.para_id}
    for entry in root.iter(f"{W15}commentEx"):
        comment = by_para.get(entry.get(f"{W15}paraId", ""))
        if comment is not None:
            comment.parent_para = entry.get(f"{W15}paraIdParent")
            comment.done = entry.get(f"{W15}done") == "1"


def folded(text: str) -> str:
    return " ".join(text.split())
