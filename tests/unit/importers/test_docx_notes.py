"""Word footnotes and endnotes come out as the brief's reference list: one block per note, in
an untitled references section at the end, which the reference check reads."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document
from docx.oxml import parse_xml

from reviewdesk.domain.brief import BlockKind, Brief
from reviewdesk.domain.references import analyse_references
from reviewdesk.domain.sections import SectionKind
from reviewdesk.importers.docx import parse_docx

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _cite(document: Document, before: str, kind: str, ident: int, after: str = ".") -> None:
    paragraph = document.add_paragraph(before)
    paragraph._p.append(parse_xml(f'<w:r {NS}><w:{kind}Reference w:id="{ident}"/></w:r>'))
    paragraph._p.append(parse_xml(f"<w:r {NS}><w:t>{after}</w:t></w:r>"))


def _notes(kind: str, notes: dict[int, str]) -> bytes:
    body = "".join(
        f'<w:{kind} w:id="{ident}"><w:p><w:r><w:{kind}Ref/></w:r><w:r>'
        f"<w:t xml:space='preserve'> {text}</w:t></w:r></w:p></w:{kind}>"
        for ident, text in notes.items())
    separator = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
                 f"</w:p></w:{kind}>")
    return f"<w:{kind}s {NS}>{separator}{body}</w:{kind}s>".encode()


def _package(document: Document, footnotes: dict[int, str],
             endnotes: dict[int, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    parts = {"word/footnotes.xml": _notes("footnote", footnotes)}
    rels = f'<Relationship Id="rIdFn" Type="{REL}/footnotes" Target="footnotes.xml"/>'
    if endnotes:
        parts["word/endnotes.xml"] = _notes("endnote", endnotes)
        rels += f'<Relationship Id="rIdEn" Type="{REL}/endnotes" Target="endnotes.xml"/>'
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            target.writestr(name, content)
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def _notes_section(brief: Brief) -> list[str]:
    last = brief.sections[-1]
    assert (last.kind, last.title) == (SectionKind.REFERENCES, "")
    return [block.text for block in last.blocks]


def test_notes_in_the_order_they_are_referred_to() -> None:
    document = docx.Document()
    document.add_paragraph("Background", style="Heading 1")
    _cite(document, "Yields fell by a third", "footnote", 7)
    _cite(document, "The council disagreed", "endnote", 2)
    _cite(document, "Prices rose", "footnote", 3)
    document.add_paragraph("Outlook", style="Heading 1")
    document.add_paragraph("Rain is expected.")
    brief = parse_docx(_package(document, {3: "Grain Board, Annual prices, 2023.",
                                           7: "Ames, J. (2021). Yields. Lake Press.",
                                           9: "A note nobody refers to."},
                                {2: "Council minutes, 12 May 2024."}), "notes.docx")
    assert _notes_section(brief) == [
        "[1] Ames, J. (2021). Yields. Lake Press.", "[i] Council minutes, 12 May 2024.",
        "[2] Grain Board, Annual prices, 2023.", "[3] A note nobody refers to."]
    assert [s.title for s in brief.sections] == ["Background", "Outlook", ""]
    assert all(b.kind == BlockKind.FOOTNOTE for b in brief.sections[-1].blocks)
    for block in brief.blocks:
        assert brief.text[block.start:block.end] == block.text


def test_the_reference_check_reads_one_entry_per_note() -> None:
    document = docx.Document()
    _cite(document, "Yields fell by a third", "footnote", 1)
    _cite(document, "Prices rose", "footnote", 2)
    brief = parse_docx(_package(document, {1: "Ames, J. (2021). Yields. Lake Press.",
                                           2: "https://example.org/prices"}), "notes.docx")
    entries = analyse_references(brief).entries
    assert len(entries) == 2


def test_an_empty_notes_heading_at_the_end_takes_the_notes() -> None:
    document = docx.Document()
    _cite(document, "Yields fell by a third", "endnote", 1)
    document.add_paragraph("Notes", style="Heading 1")
    brief = parse_docx(_package(document, {}, {1: "Survey of 2022."}), "notes.docx")
    assert [(s.title, s.kind) for s in brief.sections] == [
        ("", SectionKind.OTHER), ("Notes", SectionKind.REFERENCES)]
    assert brief.sections[-1].blocks[-1].text == "[i] Survey of 2022."


def test_persian_footnotes() -> None:
    document = docx.Document()
    _cite(document, "بارش در سال گذشته کاهش یافت", "footnote", 1, after="")
    brief = parse_docx(_package(document, {1: "گزارش سازمان هواشناسی، ۱۴۰۲."}), "fa.docx")
    assert _notes_section(brief) == ["[1] گزارش سازمان هواشناسی، ۱۴۰۲."]
    assert brief.sections[-1].blocks[0].rtl


def _with_settings(data: bytes, notes_properties: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "word/settings.xml":
                content = content.replace(b"</w:settings>",
                                          notes_properties.encode() + b"</w:settings>")
            target.writestr(name, content)
    return out.getvalue()


def test_notes_are_numbered_as_the_document_says() -> None:
    document = docx.Document()
    _cite(document, "Yields fell", "endnote", 1)
    _cite(document, "Prices rose", "endnote", 2)
    _cite(document, "Rain came late", "footnote", 1)
    data = _with_settings(
        _package(document, {1: "Survey of rain."}, {1: "Survey of yields.", 2: "Price list."}),
        '<w:footnotePr><w:numFmt w:val="chicago"/></w:footnotePr>'
        '<w:endnotePr><w:numFmt w:val="decimal"/><w:numStart w:val="4"/></w:endnotePr>')
    brief = parse_docx(data, "notes.docx")
    assert [b.text for b in brief.blocks[:3]] == ["Yields fell[4].", "Prices rose[5].",
                                                  "Rain came late[*]."]
    assert _notes_section(brief) == ["[4] Survey of yields.", "[5] Price list.",
                                     "[*] Survey of rain."]
