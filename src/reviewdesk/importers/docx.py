"""Word (.docx) importer: the document's text as it was before its pending tracked changes
(which become suggested edits, see docx_changes), text boxes, notes and comments."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from reviewdesk.domain.brief import (
    Block,
    BlockKind,
    Brief,
    BriefBuilder,
    SourceChange,
    SourceFormat,
    TextLayout,
)
from reviewdesk.domain.script import mostly_rtl
from reviewdesk.domain.sections import SectionKind, classify_section, is_contents_heading
from reviewdesk.errors import InputError
from reviewdesk.importers.docx_changes import RawChange, change_marks, source_changes
from reviewdesk.importers.docx_comments import Comments, utc_dates, word_date
from reviewdesk.importers.docx_format import Formats
from reviewdesk.importers.docx_notes import (
    NoteNumbering,
    load_notes,
    note_label,
    note_numbering,
)
from reviewdesk.importers.docx_numbering import Numbering
from reviewdesk.importers.docx_outline import Outline, plan_outline, read_paragraphs
from reviewdesk.importers.docx_package import open_package
from reviewdesk.importers.docx_styles import Role, Styles, paragraph_role
from reviewdesk.importers.docx_text import Mark, RawText, clean, field_link, link_spans
from reviewdesk.importers.docx_textbox import ALTERNATE_CONTENT, BOX_HOLDERS, text_boxes
from reviewdesk.importers.text import title_from_filename
from reviewdesk.importers.zipguard import open_zip
from reviewdesk.ooxml.namespaces import MATH, OFFICE_RELS, W
from reviewdesk.ooxml.package import Package

__all__ = ["parse_docx", "read_package", "read_text"]

P, R, T, TBL, TR, TC = (f"{W}{name}" for name in ("p", "r", "t", "tbl", "tr", "tc"))
PPR, RPR, TRPR = f"{W}pPr", f"{W}rPr", f"{W}trPr"
INS, DEL, MOVE_TO, MOVE_FROM = (f"{W}{name}" for name in ("ins", "del", "moveTo", "moveFrom"))
SDT, SDT_CONTENT, CUSTOM_XML = f"{W}sdt", f"{W}sdtContent", f"{W}customXml"
RANGE_START, RANGE_END = f"{W}commentRangeStart", f"{W}commentRangeEnd"
COMMENT_REF, FLD_CHAR = f"{W}commentReference", f"{W}fldChar"
HYPERLINK, FLD_SIMPLE, INSTR_TEXT = f"{W}hyperlink", f"{W}fldSimple", f"{W}instrText"
DEL_TEXT, DEL_INSTR_TEXT = f"{W}delText", f"{W}delInstrText"
AUTHOR, DATE = f"{W}author", f"{W}date"
_R_ID = f"{OFFICE_RELS}id"
NOTE_REFS = {f"{W}footnoteReference": "footnote", f"{W}endnoteReference": "endnote"}
_MATH_T = f"{MATH}t"
_JUNK_TITLE = re.compile(r"\.do[ct][xm]?$|^Microsoft Word - ", re.IGNORECASE)
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
# A first heading that cannot name the document: a table of contents' heading, a part of the
# brief ("Introduction"), or a style name left as placeholder text ("Heading 1").
_PLACEHOLDER_HEADING = re.compile(r"heading\s*[1-9]", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
# Inside a run: what stands for white space or a character of its own.
_RUN_CHARS = {f"{W}tab": " ", f"{W}ptab": " ", f"{W}br": " ", f"{W}cr": " ",
              f"{W}noBreakHyphen": "-"}
# Never text of the paragraph: properties, drawings, field codes. A text box in a drawing
# is read apart, after its paragraph (see _run).
_SKIP = frozenset({PPR, RPR, f"{W}sdtPr", f"{W}sdtEndPr", f"{W}drawing", f"{W}pict",
                   f"{W}object", ALTERNATE_CONTENT, f"{W}delText", f"{W}instrText", f"{W}fldData",
                   f"{W}customXmlPr", f"{W}smartTagPr"})
# Block-level wrappers whose children are paragraphs and tables like the body's.
_WRAPPERS = frozenset({SDT, CUSTOM_XML})
# Told of each tracked change kept as a source change, with its w:ins/w:del elements.
OnChange = Callable[[SourceChange, list[etree._Element]], None]
_KINDS = {"heading": BlockKind.HEADING, "list": BlockKind.LIST_ITEM,
          "paragraph": BlockKind.PARAGRAPH}
_PLAIN = Role("paragraph", 0, False)  # every paragraph, when roles are not read


@dataclass(slots=True)
class _Field:
    """An open complex field: its instruction until `separate`, then its result shows."""

    in_instruction: bool = True
    instruction: list[str] = field(default_factory=list)
    link: bool = False  # a HYPERLINK field whose result is being read


def parse_docx(data: bytes, filename: str) -> Brief:
    """Cut a Word document into a Brief; `filename` names it in errors and may give the title."""
    with open_zip(data, filename) as archive:
        return read_package(open_package(archive, filename), filename)


def read_package(package: Package, filename: str) -> Brief:
    """The Brief of an opened package."""
    root = _document(package, filename)
    reader = _Reader(package, BriefBuilder())
    body = root.find(f"{W}body")
    if body is not None:
        reader.outline = plan_outline(read_paragraphs(
            body, reader.styles, Formats(package.part("styles")),
            Numbering(package.part("numbering"))))
        reader.read(body, package.part("settings"))
    outline = reader.outline
    core = _core_title(package)
    line = outline.title or reader.title
    # A title set over several lines has its first here; the title property may hold all.
    if line and len(core) > len(line) and core.startswith(line):
        line = core
    title = (line or outline.subject or core or reader.first_heading
             or (outline.first_line if _can_be_title(outline.first_line) else "")
             or title_from_filename(filename))
    brief = reader.builder.build(title, SourceFormat.DOCX,
                                 comments=reader.comments.build(reader.first_span))
    brief.source_changes = reader.changes
    return brief


def read_text(package: Package, filename: str, on_block: Callable[[Block, RawText], None],
              on_change: OnChange | None = None) -> Brief:
    """The brief's text, the file's comments and its tracked changes as read_package reads
    them, with nothing else: no outline (the headings and title that no style gives), no
    paragraph roles, sections, titles, block ids, directions or links, on none of which the
    text depends. `on_block` sees each block (its text, offsets and locator) with its raw
    text; the export maps the brief's offsets onto the document this way."""
    root = _document(package, filename)
    reader = _Reader(package, TextLayout())
    reader.details = False
    reader.on_block = on_block
    reader.on_change = on_change
    body = root.find(f"{W}body")
    if body is not None:
        reader.read(body, package.part("settings"))
    brief = reader.builder.build("", SourceFormat.DOCX,
                                 comments=reader.comments.build(reader.first_span))
    brief.source_changes = reader.changes
    return brief


def _document(package: Package, filename: str) -> etree._Element:
    """The main part's root, which must be a w:document."""
    root = package.xml(package.main)
    if root is None or root.tag != f"{W}document":
        raise InputError(f"cannot import {filename}: it is not a Word document "
                         "(it has no document part)")
    return root


def _core_title(package: Package) -> str:
    core = package.part("core-properties")
    element = core.find(_DC_TITLE) if core is not None else None
    title = " ".join((element.text or "").split()) if element is not None else ""
    # Word copies the template's name ("Normal.dot") or its own prefix into this field.
    return "" if _JUNK_TITLE.search(title) else title


def _can_be_title(heading: str) -> bool:
    """Not numbering or punctuation alone ("1", "IV."), a contents heading or a placeholder."""
    if len(_LETTER.findall(heading)) < 3:
        return False
    key = heading.casefold().strip(" .:")
    return not (heading.endswith(":") or is_contents_heading(key)
                or _PLACEHOLDER_HEADING.fullmatch(key)
                or classify_section(heading) != SectionKind.OTHER)


def _children(element: etree._Element) -> Iterator[tuple[int, etree._Element]]:
    """Element children with their index; comments and processing instructions skipped."""
    for index, child in enumerate(element):
        if isinstance(child.tag, str):
            yield index, child


def _unwrapped(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with this tag, looking through content controls and custom XML."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _unwrapped(content, tag)
        elif child.tag == CUSTOM_XML:
            yield from _unwrapped(child, tag)


def _cells(table: etree._Element, path: str) -> Iterator[tuple[str, etree._Element]]:
    """The table's cells with their locators, rows deleted by tracked changes left out."""
    for row_index, row in enumerate(_unwrapped(table, TR)):
        properties = row.find(TRPR)
        if properties is not None and properties.find(DEL) is not None:
            continue  # a deleted row, gone once the changes are accepted
        for cell_index, cell in enumerate(_unwrapped(row, TC)):
            yield f"{path}/tr[{row_index}]/tc[{cell_index}]", cell


class _Reader:
    """One pass over the body; blocks go to the builder as they are met, notes after their
    paragraph, comment anchors to Comments."""

    def __init__(self, package: Package, builder: BriefBuilder | TextLayout) -> None:
        self.builder = builder
        # What only the import keeps (paragraph roles, directions, links); read_text's
        # reader goes without.
        self.details = True
        self.styles = Styles(package.part("styles"))
        self.comments = Comments(package.part("comments"), package.part("commentsExtended"),
                                 utc_dates(package.part("commentsIds"),
                                           package.part("commentsExtensible")))
        self.notes = {kind: load_notes(package.part(f"{kind}s"), kind)
                      for kind in ("footnote", "endnote")}
        self._numbering = {kind: NoteNumbering("decimal") for kind in self.notes}
        self.outline = Outline()  # headings and title that no style gives
        self.labels: dict[tuple[str, str], str] = {}
        self.done_notes: set[tuple[str, str]] = set()
        self._referred: list[tuple[str, str]] = []  # notes in the order they are referred to
        self._numbers: dict[str, int] = {}
        self.title = ""
        self.first_heading = ""  # the first heading, when it can serve as the title
        self._heading_seen = False
        self.first_span = (0, 0)
        self._pending: list[tuple[str, str]] = []  # marks met where no block was made
        self._fields: list[_Field] = []
        # Told of each block with the raw text it was cleaned from (the export maps offsets).
        self.on_block: Callable[[Block, RawText], None] | None = None
        self.on_change: OnChange | None = None
        self._boxes: list[etree._Element] = []  # text boxes met in the paragraph being read
        self.changes: list[SourceChange] = []  # tracked changes, as suggested edits
        # Read tracked changes as accepted (a paragraph whose text was all inserted).
        self._accepting = False
        # Hyperlink relationships of the part being read: the body's, or a notes part's.
        self._body_links = package.hyperlinks(package.main)
        self._note_links = {kind: package.hyperlinks(package.related.get(f"{kind}s"))
                            for kind in self.notes}
        self._links = self._body_links
        self._handlers: dict[str, Callable[[etree._Element, RawText], None]] = {
            R: self._run, INS: self._inserted, MOVE_TO: self._inserted,
            DEL: self._deleted, MOVE_FROM: self._deleted,
            RANGE_START: self._range_mark, RANGE_END: self._range_mark,
            _MATH_T: self._math_text, HYPERLINK: self._hyperlink, FLD_SIMPLE: self._simple_field,
        }

    def read(self, body: etree._Element, settings: etree._Element | None = None) -> None:
        """The body, then its notes: footnotes and endnotes in the order they are first
        referred to, then any never referred to, one block each in an untitled references
        section (a reference list, whatever the notes hold). Notes are numbered as the
        body's section properties or the settings say."""
        section = body.find(f"{W}sectPr")
        self._numbering = {kind: note_numbering(kind, section, settings) for kind in self.notes}
        self._blocks(body, "body")
        for kind, notes in self.notes.items():
            for ident in notes:
                if (kind, ident) not in self.labels:
                    self._label(kind, ident)
                    self._referred.append((kind, ident))
        waiting = [key for key in self._referred if key not in self.done_notes]
        if waiting:
            self.builder.open_part(SectionKind.REFERENCES)
        for key in waiting:
            self._emit_note(key)

    # --- Block level ---------------------------------------------------------------------

    def _blocks(self, container: etree._Element, path: str) -> None:
        for index, child in _children(container):
            tag = child.tag
            if tag == P:
                locator = f"{path}/p[{index}]"
                # Paragraphs stand as before the changes: one whose mark was deleted is
                # not joined with the next.
                raw, role = self._paragraph(child, locator)
                self._emit_paragraph(raw, role, locator)
            elif tag == TBL:
                self._table(child, f"{path}/tbl[{index}]")
            elif tag in _WRAPPERS:
                content = child.find(SDT_CONTENT) if tag == SDT else child
                if content is not None:
                    self._blocks(content, f"{path}/{etree.QName(child).localname}[{index}]")
            elif tag == RANGE_START:
                self._pending.append(("start", child.get(f"{W}id", "")))
            elif tag == RANGE_END:
                self.comments.end(child.get(f"{W}id", ""), self.builder.length)

    def _emit_paragraph(self, raw: RawText, role: Role, locator: str) -> None:
        self._emit(raw, _KINDS[role.kind], role.level, locator, role.bidi)

    def _heading(self, block: Block | None, level: int) -> None:
        if block is None:
            return
        if level == 0 and not self.title:
            self.title = block.text
        elif not self._heading_seen:
            self._heading_seen = True
            # Only the first: a heading after "1" or "Contents" names a part, not the whole.
            self.first_heading = block.text if _can_be_title(block.text) else ""

    def _table(self, table: etree._Element, path: str) -> None:
        for locator, cell in _cells(table, path):
            raw = RawText()
            nested: list[tuple[int, etree._Element]] = []
            bidi = self._collect(cell, raw, nested, locator)
            # A vMerge continuation cell is empty, so the builder drops it: no duplicate.
            self._emit(raw, BlockKind.TABLE_CELL, 0, locator, bidi)
            for index, inner in nested:
                self._table(inner, f"{locator}/tbl[{index}]")

    def _collect(self, container: etree._Element, raw: RawText,
                 nested: list[tuple[int, etree._Element]] | None, path: str) -> bool:
        """All paragraphs of a cell or note into `raw`, joined by a space; inner tables go to
        `nested` when given, else their text joins too. True when any paragraph is RTL.
        `path` locates `container`, for the text boxes of its paragraphs."""
        bidi = False
        for index, child in _children(container):
            tag = child.tag
            if tag == P:
                paragraph, role = self._paragraph(child, f"{path}/p[{index}]")
                raw.extend(paragraph, " ")
                bidi = bidi or role.bidi
            elif tag == TBL and nested is not None:
                nested.append((index, child))
            elif tag == TBL:
                for locator, cell in _cells(child, f"{path}/tbl[{index}]"):
                    bidi = self._collect(cell, raw, None, locator) or bidi
            elif tag in _WRAPPERS:
                content = child.find(SDT_CONTENT) if tag == SDT else child
                if content is not None:
                    where = f"{path}/{etree.QName(child).localname}[{index}]"
                    bidi = self._collect(content, raw, nested, where) or bidi
            elif tag in (RANGE_START, RANGE_END):
                self._range_mark(child, raw)
        return bidi

    # --- Paragraph level -----------------------------------------------------------------

    def _paragraph(self, paragraph: etree._Element, locator: str) -> tuple[RawText, Role]:
        """The paragraph's raw text (with its text boxes, located under `locator`) and what
        it is. Its tracked changes are the raw text's, or where no suggested edit can hold
        them (its mark inserted or deleted alone, all its words inserted), it is flagged."""
        # A field left open by a broken paragraph must not hide the rest of the document;
        # field results that run over several paragraphs still show, as results do.
        self._fields.clear()
        raw = RawText()
        properties = paragraph.find(PPR)
        mark = properties.find(RPR) if properties is not None else None
        mark_changed = mark is not None and any(
            mark.find(tag) is not None for tag in (DEL, MOVE_FROM, INS, MOVE_TO))
        self._boxes.clear()
        self._inline(paragraph, raw)
        if raw.changes and not "".join(raw.parts).strip():
            # No words before the changes: no suggestion can hold them; shown accepted.
            raw = RawText()
            self._boxes.clear()
            self._fields.clear()
            self._accepting = True
            self._inline(paragraph, raw)
            self._accepting = False
            raw.tracked = True
        raw.tracked = raw.tracked or (mark_changed and not raw.changes)
        raw.boxes = [(f"{locator}/txbx[{index}]", box) for index, box in enumerate(self._boxes)]
        if not self.details:
            return raw, _PLAIN
        outline = self.outline
        role = (outline.roles.get(paragraph) or outline.styled.get(paragraph)
                or paragraph_role(properties, self.styles))
        return raw, role

    def _inline(self, element: etree._Element, raw: RawText) -> None:
        handlers = self._handlers
        for child in element:
            tag = child.tag
            handler = handlers.get(tag)
            if handler is not None:
                handler(child, raw)
            elif tag not in _SKIP and isinstance(tag, str) and len(child):
                # Hyperlinks, smart tags, custom XML, content controls, simple fields (whose
                # children are the result): their runs are the paragraph's text.
                self._inline(child, raw)

    def _hyperlink(self, element: etree._Element, raw: RawText) -> None:
        """A w:hyperlink: its target is a relationship of the part, its w:anchor a bookmark."""
        target = self._links.get(element.get(_R_ID) or "", "")
        anchor = element.get(f"{W}anchor") or ""
        self._linked(element, raw, f"{target}#{anchor}" if anchor else target)

    def _simple_field(self, element: etree._Element, raw: RawText) -> None:
        self._linked(element, raw, field_link(element.get(f"{W}instr") or ""))

    def _linked(self, element: etree._Element, raw: RawText, url: str) -> None:
        if url:
            raw.mark("link", url)
        self._inline(element, raw)
        if url:
            raw.mark("link_end", "")

    def _in_instruction(self) -> bool:
        return any(open_field.in_instruction for open_field in self._fields)

    def _run(self, run: etree._Element, raw: RawText) -> None:
        for child in run:
            tag = child.tag
            if tag in (T, DEL_TEXT):
                if not self._in_instruction():
                    raw.add(child.text or "", child)
            elif tag in _RUN_CHARS:
                if not self._in_instruction():
                    raw.add(_RUN_CHARS[tag], child)
            elif tag in (INSTR_TEXT, DEL_INSTR_TEXT):
                if self._fields and self._fields[-1].in_instruction:
                    self._fields[-1].instruction.append(child.text or "")
            elif tag == FLD_CHAR:
                self._field(child.get(f"{W}fldCharType", ""), raw)
            elif tag in NOTE_REFS:
                self._note_reference(NOTE_REFS[tag], child.get(f"{W}id", ""), raw, child)
            elif tag == COMMENT_REF:
                raw.mark("ref", child.get(f"{W}id", ""))
            elif tag in BOX_HOLDERS:
                # Only runs that count reach here (a deleted run's text box is gone too).
                self._boxes.extend(text_boxes(child))

    def _field(self, kind: str, raw: RawText) -> None:
        """Complex fields: only what lies between `separate` and `end` (the result) shows;
        a HYPERLINK field's result is a link."""
        if kind == "begin":
            self._fields.append(_Field())
        elif kind == "separate" and self._fields:
            current = self._fields[-1]
            current.in_instruction = False
            url = field_link("".join(current.instruction))
            if url:
                raw.mark("link", url)
                current.link = True
        elif kind == "end" and self._fields:
            closed = self._fields.pop()
            if closed.link:
                raw.mark("link_end", "")

    def _inserted(self, element: etree._Element, raw: RawText) -> None:
        if self._accepting:
            raw.tracked = True
            self._inline(element, raw)
            return
        # The text before the change has none of the inserted words: they are the change's.
        inserted = RawText()
        boxes = len(self._boxes)
        self._inline(element, inserted)
        raw.tracked = raw.tracked or len(self._boxes) > boxes  # an inserted text box shows
        raw.marks.extend((raw.length, what, ident) for _, what, ident in inserted.marks)
        self._change(element, raw).inserted.extend(inserted.parts)

    def _change(self, element: etree._Element, raw: RawText) -> RawChange:
        """The change going on at the end of `raw` by this element's author, or a new one."""
        author = element.get(AUTHOR) or ""
        last = raw.changes[-1] if raw.changes else None
        if last is not None and last.end == raw.length and last.author == author:
            last.elements.append(element)
            return last
        change = RawChange(raw.length, raw.length, author, word_date(element.get(DATE)),
                           elements=[element])
        raw.changes.append(change)
        return change

    def _deleted(self, element: etree._Element, raw: RawText) -> None:
        if not self._accepting:
            change = self._change(element, raw)
            boxes = self._boxes[:]
            self._inline(element, raw)
            change.end = raw.length
            # A deleted text box is gone, as if accepted: it cannot be a suggested edit.
            raw.tracked = raw.tracked or len(self._boxes) > len(boxes)
            self._boxes[:] = boxes
            return
        raw.tracked = True
        for child in element.iter(*NOTE_REFS):
            key = (NOTE_REFS[child.tag], child.get(f"{W}id", ""))
            self.labels.setdefault(key, "")  # deleted with its reference: never shown
            self.done_notes.add(key)

    def _range_mark(self, element: etree._Element, raw: RawText) -> None:
        raw.mark("start" if element.tag == RANGE_START else "end", element.get(f"{W}id", ""))

    def _math_text(self, element: etree._Element, raw: RawText) -> None:
        raw.add(element.text or "", element)

    def _note_reference(self, kind: str, ident: str, raw: RawText,
                        element: etree._Element) -> None:
        if ident not in self.notes[kind]:
            return
        if (kind, ident) not in self.labels:
            self._label(kind, ident)
            self._referred.append((kind, ident))
        raw.add(f"[{self.labels[(kind, ident)]}]", element)

    def _label(self, kind: str, ident: str) -> str:
        self._numbers[kind] = self._numbers.get(kind, 0) + 1
        label = note_label(self._numbering[kind], self._numbers[kind])
        self.labels[(kind, ident)] = label
        return label

    # --- Emitting ------------------------------------------------------------------------

    def _emit(self, raw: RawText, kind: BlockKind, level: int, locator: str,
              bidi: bool = False) -> Block | None:
        placed = change_marks("".join(raw.parts), raw.changes)
        raw.marks.extend(placed.marks)
        text, marks = clean(raw)
        extra = {"tracked_changes": raw.tracked or placed.left_out, "rtl": bidi or mostly_rtl(text),
                 "links": link_spans(marks, len(text))} if self.details else {}
        if kind == BlockKind.HEADING:
            block = self.builder.heading(text, level, locator, **extra)
            self._heading(block, level)  # before its text boxes' headings
        else:
            block = self.builder.block(kind, text, locator, level, **extra)
        if block is not None and self.on_block is not None:
            self.on_block(block, raw)
        marks, changes = source_changes(marks, placed, block.start if block is not None else 0)
        if block is not None:
            for index, change in changes:
                self.changes.append(change)
                if self.on_change is not None:
                    self.on_change(change, placed.elements[index])
        self._anchor(block, marks)
        # A text box floats beside its anchor, so its paragraphs come right after it; they
        # are blocks of their own, like the body's.
        for path, box in raw.boxes:
            self._blocks(box, path)
        return block

    def _anchor(self, block: Block | None, marks: list[Mark]) -> None:
        """Comment marks to absolute offsets; marks in a blank paragraph wait for the next
        block (a start, a reference) or close on the text so far (an end)."""
        if block is None:
            for _, what, ident in marks:
                if what == "end":
                    self.comments.end(ident, self.builder.length)
                elif what in ("start", "ref"):
                    self._pending.append((what, ident))
            return
        span = (block.start, block.end)
        if self.first_span == (0, 0):
            self.first_span = span
        pending, self._pending = self._pending, []
        for what, ident in pending:
            self._place(what, ident, block.start, span)
        for position, what, ident in marks:
            self._place(what, ident, block.start + position, span)

    def _place(self, what: str, ident: str, position: int, span: tuple[int, int]) -> None:
        if what == "start":
            self.comments.start(ident, position, span)
        elif what == "end":
            self.comments.end(ident, position)
        elif what == "ref":
            self.comments.reference(ident, span)

    def _emit_note(self, key: tuple[str, str]) -> None:
        kind, ident = key
        note = self.notes[kind].get(ident)
        if note is None or key in self.done_notes:
            return
        self.done_notes.add(key)
        raw = RawText()
        raw.add(f"[{self.labels.get(key, '')}] ")
        outer, self._links = self._links, self._note_links[kind]
        locator = f"{kind}s/{kind}[{ident}]"
        bidi = self._collect(note, raw, None, locator)
        self._emit(raw, BlockKind.FOOTNOTE, 0, locator, bidi)
        self._links = outer  # after _emit: the note's text boxes use its relationships too
