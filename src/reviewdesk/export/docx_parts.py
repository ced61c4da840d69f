"""The package around the marked-up document: the comments part and its threading
(commentsExtended), custom properties, content types and relationships, and writing it all
as a new .docx that copies every untouched part byte for byte."""

from __future__ import annotations

import io
import itertools
import posixpath
import random
import re
import secrets
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, BinaryIO, cast

from lxml import etree

from reviewdesk.export.docx_format import CUSTOM_NS, CUSTOM_PART, VT_NS
from reviewdesk.export.docx_marks import (
    W_NS,
    W,
    escape_attribute,
    escape_text,
    writes_prefixes,
)
from reviewdesk.importers.docx_package import Package

W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
COMMENTS_TYPE = f"{_OFFICE_RELS}/comments"
COMMENTS_EX_TYPE = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
CUSTOM_TYPE = f"{_OFFICE_RELS}/custom-properties"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_EX_CT = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
                  "commentsExtended+xml")
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_PARA_ID = f"{{{W14_NS}}}paraId"
# Every w:id and w14:paraId value of a part, found by libxml2 rather than element by element.
_W_IDS = etree.XPath("//@w:id", namespaces={"w": W_NS}, smart_strings=False)
_PARA_IDS = etree.XPath("//@w14:paraId", namespaces={"w14": W14_NS}, smart_strings=False)


# A part of the package as it is to be written: its bytes, or a function that writes them
# to the stream it is given (so that a part of hundreds of megabytes is never held whole).
PartWriter = Callable[[IO[bytes]], None]
Part = bytes | PartWriter


@dataclass(frozen=True, slots=True)
class NewComment:
    ident: int
    author: str
    initials: str
    date: str
    text: str
    parent: int | None = None  # the new comment a reply answers
    done: bool = False
    parent_para: str | None = None  # or the paraId of a comment already in the file


@dataclass(slots=True)
class Ids:
    """Fresh w:id numbers above every id the document already uses, and paragraph ids
    (w14:paraId) that collide with none; allocated once, so 10,000 comments cost no scans."""

    next_id: int
    para_ids: set[str]
    _random: random.Random = field(default_factory=lambda: random.Random(20261124))

    @classmethod
    def scan(cls, roots: Iterable[etree._Element]) -> Ids:
        highest, para_ids = -1, set[str]()
        for root in roots:
            for value in cast(list[str], _W_IDS(root)):
                if value.lstrip("-").isdigit():
                    highest = max(highest, int(value))
            para_ids.update(para.upper() for para in cast(list[str], _PARA_IDS(root)) if para)
        return cls(highest + 1, para_ids)

    def take(self) -> int:
        ident, self.next_id = self.next_id, self.next_id + 1
        return ident

    def para(self) -> str:
        while True:
            value = f"{self._random.randrange(1, 0x7FFFFFFF):08X}"
            if value not in self.para_ids:
                self.para_ids.add(value)
                return value


def new_comments_root() -> etree._Element:
    root = etree.Element(f"{W}comments", nsmap={"w": W_NS, "w14": W14_NS, "mc": MC_NS})
    root.set(f"{{{MC_NS}}}Ignorable", "w14")
    return root


def new_comments_ex_root() -> etree._Element:
    root = etree.Element(f"{{{W15_NS}}}commentsEx", nsmap={"w15": W15_NS, "mc": MC_NS})
    root.set(f"{{{MC_NS}}}Ignorable", "w15")
    return root


def comment_parts(comments_root: etree._Element | None, extended_root: etree._Element | None,
                  comments: list[NewComment], resolved: list[str], ids: Ids) -> tuple[Part, Part]:
    """The comments part and commentsExtended (where Word and LibreOffice read replies and
    done states) as written: the file's own (None when it has none) with `comments` added
    and the original comments whose paraIds are in `resolved` marked done.

    The new comments are XML source: ten thousand of them are over a hundred thousand
    elements, too many to make one by one. Where the part's root writes the prefixes they
    use as they use them (every part ReviewDesk makes, and Word's), the part is a writer
    (see Part) that writes the root as serialise() does with the comments after its last
    child (the escaping is libxml2's), made as they are written; into any other part they
    are parsed once and appended."""
    # Paragraph ids are given out now, in the order they always were, so that each part
    # can be written in either order.
    paras = [tuple(ids.para() for _line in comment.text.split("\n")) for comment in comments]
    comments_part = _part(comments_root if comments_root is not None else new_comments_root(),
                          {"w": W_NS, "w14": W14_NS}, bool(comments),
                          lambda: _comment_sources(comments, paras))
    if extended_root is not None:
        return comments_part, _part(extended_root, {"w15": W15_NS}, bool(comments),
                                    lambda: _extended_sources(comments, paras),
                                    lambda: mark_done(extended_root, resolved))
    marked: dict[str, str] = {}  # (the new comments' paraIds are fresh: none is here)
    for para_id in resolved:
        marked.setdefault(para_id.upper(), para_id)
    done = [f'<w15:commentEx w15:paraId="{escape_attribute(para_id)}" w15:done="1"/>'
            for para_id in marked.values()]
    return comments_part, _part(new_comments_ex_root(), {"w15": W15_NS}, bool(comments or done),
                                lambda: itertools.chain(_extended_sources(comments, paras),
                                                        done))


def _comment_sources(comments: list[NewComment],
                     paras: list[tuple[str, ...]]) -> Iterator[str]:
    """The XML source of each comment (prefixes w and w14), with its paragraphs' ids."""
    for comment, para_ids in zip(comments, paras, strict=True):
        pieces = [f'<w:comment w:id="{comment.ident}" '
                  f'w:author="{escape_attribute(_xml_safe(comment.author))}" '
                  f'w:date="{escape_attribute(_xml_safe(comment.date))}" '
                  f'w:initials="{escape_attribute(_xml_safe(comment.initials))}">']
        for number, (line, para_id) in enumerate(zip(comment.text.split("\n"), para_ids,
                                                     strict=True)):
            pieces.append(f'<w:p w14:paraId="{para_id}" w14:textId="77777777">{_COMMENT_PPR}')
            if number == 0:
                pieces.append(_ANNOTATION_REF)
            if line:
                text = _xml_safe(line)
                if not text:
                    pieces.append("<w:r><w:t/></w:r>")
                elif text != text.strip() or "  " in text:
                    pieces.append(f'<w:r><w:t xml:space="preserve">{escape_text(text)}</w:t></w:r>')
                else:
                    pieces.append(f"<w:r><w:t>{escape_text(text)}</w:t></w:r>")
            pieces.append("</w:p>")
        pieces.append("</w:comment>")
        yield "".join(pieces)


def _extended_sources(comments: list[NewComment],
                      paras: list[tuple[str, ...]]) -> Iterator[str]:
    """The XML source (prefix w15) of each comment's commentsEx entry: the id of its last
    paragraph, the paragraph of the comment it answers, and whether it is done."""
    para_of: dict[int, str] = {}
    for comment, para_ids in zip(comments, paras, strict=True):
        last = para_ids[-1]
        para_of[comment.ident] = last
        parent = para_of.get(comment.parent) if comment.parent is not None else \
            comment.parent_para
        parent_attribute = f' w15:paraIdParent="{escape_attribute(parent)}"' if parent else ""
        yield (f'<w15:commentEx w15:paraId="{last}"{parent_attribute} '
               f'w15:done="{"1" if comment.done else "0"}"/>')


_COMMENT_PPR = '<w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
_ANNOTATION_REF = ('<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                   '<w:annotationRef/></w:r>')


def _part(root: etree._Element, prefixes: dict[str, str], any_children: bool,
          children: Callable[[], Iterable[str]],
          then: Callable[[], object] = lambda: None) -> Part:
    """A part as serialise() writes `root` with `children` (XML source using `prefixes`;
    `any_children`: whether there are any) after its last child, and then what `then` adds
    to the root."""
    if not any_children:
        then()
        return serialise(root)
    if not writes_prefixes(root, prefixes):
        declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in prefixes.items())
        wrapper = etree.fromstring(f"<x {declarations}>{''.join(children())}</x>")
        root.extend(list(wrapper))
        then()
        return serialise(root)
    token = f"ReviewDeskChildren{secrets.token_hex(8)}"
    placeholder = etree.Comment(token)
    root.append(placeholder)
    then()
    start, _found, end = serialise(root).partition(f"<!--{token}-->".encode())
    root.remove(placeholder)

    def write(out: IO[bytes]) -> None:
        out.write(start)
        for source in children():
            out.write(source.encode("utf-8"))
        out.write(end)

    return write


def mark_done(extended_root: etree._Element, para_ids: list[str]) -> None:
    """Resolve comments already in the file (their threads show as done)."""
    if not para_ids:
        return
    entries: dict[str, etree._Element] = {}
    for entry in extended_root.iter(f"{{{W15_NS}}}commentEx"):
        entries.setdefault(entry.get(f"{{{W15_NS}}}paraId", "").upper(), entry)
    for para_id in para_ids:
        found = entries.get(para_id.upper())
        if found is not None:
            found.set(f"{{{W15_NS}}}done", "1")
            continue
        entry = etree.SubElement(extended_root, f"{{{W15_NS}}}commentEx")
        entry.set(f"{{{W15_NS}}}paraId", para_id)
        entry.set(f"{{{W15_NS}}}done", "1")
        entries[para_id.upper()] = entry


def comments_by_id(comments_root: etree._Element | None) -> dict[str, etree._Element]:
    """The comments of a comments part by their w:id (the first of any two alike)."""
    found: dict[str, etree._Element] = {}
    if comments_root is not None:
        for comment in comments_root.iterchildren(f"{W}comment"):
            found.setdefault(comment.get(f"{W}id") or "", comment)
    return found


def comment_para_id(comment: etree._Element | None, ids: Ids) -> str | None:
    """The paraId of the last paragraph of a comment of the file (see comments_by_id),
    given one if it has none (replies and done states refer to it)."""
    if comment is None:
        return None
    paragraphs = list(comment.iter(f"{W}p"))
    if not paragraphs:
        return None
    last = paragraphs[-1]
    if not last.get(_PARA_ID):
        last.set(_PARA_ID, ids.para())
    return last.get(_PARA_ID)


def _xml_safe(text: str) -> str:
    """Without the characters XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF, lone
    surrogates)."""
    return _NOT_XML.sub("", text)


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def custom_properties(existing: etree._Element | None,
                      values: dict[str, str]) -> etree._Element:
    """docProps/custom.xml with `values` set (others kept)."""
    root = existing if existing is not None else etree.Element(
        f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})  # type: ignore[dict-item]
    pids = [int(p.get("pid", "1")) for p in root if p.get("pid", "").isdigit()]
    next_pid = max([1, *pids]) + 1
    for name, value in values.items():
        for old in [p for p in root if p.get("name") == name]:
            root.remove(old)
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property")
        prop.set("fmtid", _FMTID)
        prop.set("pid", str(next_pid))
        prop.set("name", name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
        next_pid += 1
    return root


def ensure_override(types_root: etree._Element, part: str, content_type: str) -> None:
    name = "/" + part.lstrip("/")
    for override in types_root.iter(f"{{{CT_NS}}}Override"):
        if override.get("PartName", "").lower() == name.lower():
            override.set("ContentType", content_type)
            return
    element = etree.SubElement(types_root, f"{{{CT_NS}}}Override")
    element.set("PartName", name)
    element.set("ContentType", content_type)


def ensure_relationship(rels_root: etree._Element, rel_type: str, target: str) -> None:
    for rel in rels_root.iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("Type") == rel_type:
            return
    used = {rel.get("Id") for rel in rels_root.iter(f"{{{REL_NS}}}Relationship")}
    number = len(used) + 1
    while f"rIdRd{number}" in used:
        number += 1
    rel = etree.SubElement(rels_root, f"{{{REL_NS}}}Relationship")
    rel.set("Id", f"rIdRd{number}")
    rel.set("Type", rel_type)
    rel.set("Target", target)


def rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def empty_rels() -> etree._Element:
    return etree.Element(f"{{{REL_NS}}}Relationships",
                         nsmap={None: REL_NS})  # type: ignore[dict-item]


def relative_target(source_part: str, target_part: str) -> str:
    return posixpath.relpath(target_part, posixpath.dirname(source_part) or ".")


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def write_package(package: Package, changed: Mapping[str, Part], target: BinaryIO) -> None:
    """A new .docx written to the stream `target`: every member of the original, with
    `changed` ones (real or new member names) replaced or added."""
    pending = dict(changed)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info in package.archive.infolist():
            data = pending.pop(info.filename, None)
            if data is None:
                data = package.archive.read(info.filename)
            copied = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copied.compress_type = zipfile.ZIP_DEFLATED
            copied.external_attr = info.external_attr
            _write_member(out, copied, data)
        for name, data in pending.items():
            added = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            added.compress_type = zipfile.ZIP_DEFLATED
            _write_member(out, added, data)


def _write_member(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: Part) -> None:
    if isinstance(data, bytes):
        out.writestr(info, data)
        return
    with out.open(info, "w") as stream:
        # A writer writes many small pieces; the zip compresses and checksums each write,
        # so they are gathered into writes of a megabyte. (The zip's stream is written to
        # as a raw stream is; detached, the buffer leaves it for the zip to close.)
        gathered = io.BufferedWriter(cast(io.RawIOBase, stream), buffer_size=1 << 20)
        data(gathered)
        gathered.flush()
        gathered.detach()


def content_types(package: Package) -> etree._Element:
    root = package.xml("[Content_Types].xml")
    if root is None:  # a package without one is not a .docx the importer accepted
        root = etree.Element(f"{{{CT_NS}}}Types",
                             nsmap={None: CT_NS})  # type: ignore[dict-item]
    return root


def part_or_new(package: Package, name: str | None, make: etree._Element) -> etree._Element:
    if name:
        found = package.xml(name)
        if found is not None:
            return found
    return make


__all__ = ["CUSTOM_PART", "Ids", "NewComment", "Part", "PartWriter", "comment_parts"]
