"""The comments of an export: comments.xml and its threading, commentsExtended.xml (where Word
and LibreOffice read replies and done states), with the file's own comments kept, and the
fresh w:id and w14:paraId numbers they take."""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, cast

from lxml import etree

from reviewdesk.ooxml.elements import escape_attribute, text_source, writes_prefixes, xml_safe
from reviewdesk.ooxml.ignorable import declare_ignorable
from reviewdesk.ooxml.namespaces import (
    MC,
    MC_NS,
    W14,
    W14_NS,
    W15,
    W15_NS,
    W16CEX_NS,
    W16CID_NS,
    W_NS,
    W,
)
from reviewdesk.ooxml.package import Part, serialise

_PARA_ID = f"{W14}paraId"
# Every w:id and w14:paraId value of a part, found by libxml2 rather than element by element.
_W_IDS = etree.XPath("//@w:id", namespaces={"w": W_NS}, smart_strings=False)
# (paraIds of w14 in the parts' paragraphs, and those the extension parts refer to)
_PARA_IDS = etree.XPath("//@w14:paraId | //@w15:paraId | //@w16cid:paraId",
                        namespaces={"w14": W14_NS, "w15": W15_NS, "w16cid": W16CID_NS},
                        smart_strings=False)
_DURABLE_IDS = etree.XPath("//@w16cid:durableId | //@w16cex:durableId",
                           namespaces={"w16cid": W16CID_NS, "w16cex": W16CEX_NS},
                           smart_strings=False)


@dataclass(frozen=True, slots=True)
class NewComment:
    """A comment the export adds: its w:id, author, initials, date and text, the comment
    it answers (a new one by id, or one of the file by paraId) and whether it is done."""

    ident: int
    author: str
    initials: str
    date: str  # local time, as Word writes w:date
    text: str
    parent: int | None = None  # the new comment a reply answers
    done: bool = False
    parent_para: str | None = None  # or the paraId of a comment already in the file
    date_utc: str = ""  # the same moment in UTC (commentsExtensible's dateUtc)


@dataclass(slots=True)
class Ids:
    """Fresh w:id numbers above every id the document already uses, and paragraph ids
    (w14:paraId) and durable ids (w16cid:durableId) drawn at random below 0x80000000, as
    Word draws them, that collide with none of the document's; allocated once, so 10,000
    comments cost no scans."""

    next_id: int
    para_ids: set[str]
    durable_ids: set[str] = field(default_factory=set)
    _random: random.Random = field(default_factory=lambda: id_generator())

    @classmethod
    def scan(cls, roots: Iterable[etree._Element]) -> Ids:
        """The ids of the parts `roots`, to allocate above and beside."""
        highest, para_ids, durable_ids = -1, set[str](), set[str]()
        for root in roots:
            for value in cast(list[str], _W_IDS(root)):
                if value.lstrip("-").isdigit():
                    highest = max(highest, int(value))
            para_ids.update(para.upper() for para in cast(list[str], _PARA_IDS(root)) if para)
            durable_ids.update(value.upper() for value in cast(list[str], _DURABLE_IDS(root))
                               if value)
        return cls(highest + 1, para_ids, durable_ids)

    def take(self) -> int:
        """A fresh w:id."""
        ident, self.next_id = self.next_id, self.next_id + 1
        return ident

    def para(self) -> str:
        """A fresh w14:paraId."""
        return self._draw(self.para_ids)

    def durable(self) -> str:
        """A fresh w16cid:durableId."""
        return self._draw(self.durable_ids)

    def _draw(self, used: set[str]) -> str:
        while True:
            value = f"{self._random.randrange(1, 0x80000000):08X}"
            if value not in used:
                used.add(value)
                return value


def id_generator() -> random.Random:
    """Where fresh ids are drawn from: the system's randomness, so that no two documents
    (nor two exports of one) give their comments the same ids."""
    return random.SystemRandom()


def new_comments_root() -> etree._Element:
    """An empty comments part, for a file that has none."""
    root = etree.Element(f"{W}comments", nsmap={"w": W_NS, "w14": W14_NS, "mc": MC_NS})
    root.set(f"{MC}Ignorable", "w14")
    return root


def new_comments_ex_root() -> etree._Element:
    """An empty commentsExtended part, for a file that has none."""
    root = etree.Element(f"{W15}commentsEx", nsmap={"w15": W15_NS, "mc": MC_NS})
    root.set(f"{MC}Ignorable", "w15")
    return root


def paragraph_ids(comments: list[NewComment], ids: Ids) -> list[tuple[str, ...]]:
    """Fresh paraIds for the paragraphs of each new comment (one a line of its text)."""
    return [tuple(ids.para() for _line in comment.text.split("\n")) for comment in comments]


def comment_parts(comments_root: etree._Element | None, extended_root: etree._Element | None,
                  comments: list[NewComment], paras: list[tuple[str, ...]],
                  kept: list[str], resolved: list[str]) -> tuple[Part, Part]:
    """The comments part and commentsExtended (where Word and LibreOffice read replies and
    done states) as written: the file's own (None when it has none) with `comments` added
    (their paragraphs' ids `paras`, see paragraph_ids), an entry for each of the file's
    comments (by paraId, `kept`) that had none, and those whose paraIds are in `resolved`
    marked done. Each root declares the extension namespace it uses ignorable.

    The new comments are XML source: ten thousand of them are over a hundred thousand
    elements, too many to make one by one. Where the part's root writes the prefixes they
    use as they use them (every part ReviewDesk makes, and Word's), the part is a writer
    (see Part) that writes the root as serialise() does with the comments after its last
    child (the escaping is libxml2's), made as they are written; into any other part they
    are parsed once and appended."""
    comments_root = declare_ignorable(
        comments_root if comments_root is not None else new_comments_root(), {"w14": W14_NS})
    extended_root = declare_ignorable(
        extended_root if extended_root is not None else new_comments_ex_root(),
        {"w15": W15_NS})
    add_missing(extended_root, kept)
    mark_done(extended_root, resolved)
    comments_part = children_part(comments_root, {"w": W_NS, "w14": W14_NS}, bool(comments),
                                  lambda: _comment_sources(comments, paras))
    return comments_part, children_part(extended_root, {"w15": W15_NS}, bool(comments),
                                        lambda: _extended_sources(comments, paras))


def add_missing(extended_root: etree._Element, para_ids: list[str]) -> None:
    """An entry (not done) for each comment of the file (by paraId) that has none."""
    have = {entry.get(f"{W15}paraId", "").upper()
            for entry in extended_root.iter(f"{W15}commentEx")}
    for para_id in para_ids:
        if para_id.upper() not in have:
            entry = etree.SubElement(extended_root, f"{W15}commentEx")
            entry.set(f"{W15}paraId", para_id)
            entry.set(f"{W15}done", "0")
            have.add(para_id.upper())


def _comment_sources(comments: list[NewComment],
                     paras: list[tuple[str, ...]]) -> Iterator[str]:
    """The XML source of each comment (prefixes w and w14), with its paragraphs' ids."""
    for comment, para_ids in zip(comments, paras, strict=True):
        pieces = [f'<w:comment w:id="{comment.ident}" '
                  f'w:author="{escape_attribute(xml_safe(comment.author))}" '
                  f'w:date="{escape_attribute(xml_safe(comment.date))}" '
                  f'w:initials="{escape_attribute(xml_safe(comment.initials))}">']
        for number, (line, para_id) in enumerate(zip(comment.text.split("\n"), para_ids,
                                                     strict=True)):
            pieces.append(f'<w:p w14:paraId="{para_id}" w14:textId="77777777">{_COMMENT_PPR}')
            if number == 0:
                pieces.append(_ANNOTATION_REF)
            if line:
                text = xml_safe(line)
                pieces.append(f"<w:r>{text_source(text)}</w:r>" if text else "<w:r><w:t/></w:r>")
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


def children_part(root: etree._Element, prefixes: dict[str, str], any_children: bool,
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
    for entry in extended_root.iter(f"{W15}commentEx"):
        entries.setdefault(entry.get(f"{W15}paraId", "").upper(), entry)
    for para_id in para_ids:
        found = entries.get(para_id.upper())
        if found is not None:
            found.set(f"{W15}done", "1")
            continue
        entry = etree.SubElement(extended_root, f"{W15}commentEx")
        entry.set(f"{W15}paraId", para_id)
        entry.set(f"{W15}done", "1")
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
