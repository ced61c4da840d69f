"""Word importer and zip guards, on documents built here with python-docx and raw OOXML."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from reviewdesk.domain.brief import BlockKind, Brief
from reviewdesk.domain.sections import SectionKind
from reviewdesk.errors import InputError
from reviewdesk.importers import read_brief
from reviewdesk.importers.docx import parse_docx
from reviewdesk.importers.zipguard import open_zip, safe_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rezip(data: bytes, parts: dict[str, bytes], rels: str = "") -> bytes:
    """The package with `parts` replaced or added and `rels` added to the document's rels."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "word/_rels/document.xml.rels" and rels:
                content = content.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            if name not in parts:
                target.writestr(name, content)
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def _raw(paragraph_xml: str) -> object:
    return parse_xml(paragraph_xml.replace("<w:p>", f"<w:p {NS}>", 1))


def _texts(brief: Brief, kind: BlockKind | None = None) -> list[str]:
    return [block.text for block in brief.blocks if kind is None or block.kind == kind]


# --- Structure -------------------------------------------------------------------------------


def _outline_style(document: Document, name: str, level: int, based_on: str = "") -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on:
        style.base_style = document.styles[based_on]
    else:
        style.element.get_or_add_pPr().append(
            parse_xml(f'<w:outlineLvl {NS} w:val="{level}"/>'))


def test_headings_lists_and_title_come_from_styles() -> None:
    document = docx.Document()
    document.add_paragraph("Fisheries Outlook", style="Title")
    document.add_paragraph("Introduction", style="Heading 1")
    document.add_paragraph("Quotas   were\targued.")
    document.add_paragraph("Background", style="Heading 2")
    document.add_paragraph("First point", style="List Bullet")
    document.add_paragraph("Second point", style="List Number")
    _outline_style(document, "Überschrift Eins", 0)
    _outline_style(document, "Meine Überschrift", 0, based_on="Überschrift Eins")
    document.add_paragraph("Empfehlungen", style="Überschrift Eins")
    document.add_paragraph("Ausblick", style="Meine Überschrift")
    brief = parse_docx(_bytes(document), "outlook.docx")
    got = [(block.kind, block.level, block.text) for block in brief.blocks]
    assert got == [
        (BlockKind.HEADING, 0, "Fisheries Outlook"),
        (BlockKind.HEADING, 1, "Introduction"),
        (BlockKind.PARAGRAPH, 0, "Quotas were argued."),
        (BlockKind.HEADING, 2, "Background"),
        (BlockKind.LIST_ITEM, 1, "First point"),
        (BlockKind.LIST_ITEM, 1, "Second point"),
        (BlockKind.HEADING, 1, "Empfehlungen"),
        (BlockKind.HEADING, 1, "Ausblick"),
    ]
    assert brief.title == "Fisheries Outlook"
    assert brief.text == "\n".join(_texts(brief))
    assert brief.blocks[1].locator == "body/p[1]"


def test_direct_outline_level_and_numbering_level() -> None:
    document = docx.Document()
    body = document.element.body
    body.insert(0, _raw('<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr>'
                        "<w:r><w:t>Deep heading</w:t></w:r></w:p>"))
    body.insert(1, _raw('<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/>'
                        "</w:numPr></w:pPr><w:r><w:t>Nested item</w:t></w:r></w:p>"))
    body.insert(2, _raw('<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/>'
                        '<w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Numbered heading'
                        "</w:t></w:r></w:p>"))
    brief = parse_docx(_bytes(document), "Deep-file.docx")
    got = [(block.kind, block.level) for block in brief.blocks]
    assert got == [(BlockKind.HEADING, 3), (BlockKind.LIST_ITEM, 2), (BlockKind.HEADING, 1)]
    assert brief.title == "Deep heading"  # no Title style, no core title: the first heading


def test_title_falls_back_to_the_file_name() -> None:
    document = docx.Document()
    document.add_paragraph("Just text.")
    assert parse_docx(_bytes(document), "lake-corrin_brief.docx").title == "Lake corrin brief"


def test_table_cells_merged_and_nested() -> None:
    document = docx.Document()
    document.add_paragraph("Before")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Merged"
    table.cell(0, 1).text = "Top right"
    cell = table.cell(1, 1)
    cell.text = "Outer"
    cell.add_paragraph("second line")
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Inner A"
    inner.cell(0, 1).text = "Inner B"
    brief = parse_docx(_bytes(document), "t.docx")
    cells = [(b.text, b.locator) for b in brief.blocks if b.kind == BlockKind.TABLE_CELL]
    assert cells == [
        ("Merged", "body/tbl[1]/tr[0]/tc[0]"),
        ("Top right", "body/tbl[1]/tr[0]/tc[1]"),
        ("Outer second line", "body/tbl[1]/tr[1]/tc[1]"),
        ("Inner A", "body/tbl[1]/tr[1]/tc[1]/tbl[3]/tr[0]/tc[0]"),
        ("Inner B", "body/tbl[1]/tr[1]/tc[1]/tbl[3]/tr[0]/tc[1]"),
    ]


# --- Inline content --------------------------------------------------------------------------


def test_hyperlinks_and_fields_show_their_result_only() -> None:
    document = docx.Document()
    document.element.body.insert(0, parse_xml(
        f'<w:p {NS} xmlns:r="{REL}"><w:r><w:t xml:space="preserve">See </w:t></w:r>'
        '<w:hyperlink r:id="rId99"><w:r><w:t>the report</w:t></w:r></w:hyperlink>'
        '<w:r><w:t xml:space="preserve">, </w:t></w:r>'
        '<w:fldSimple w:instr=" HYPERLINK &quot;https://example.org&quot; ">'
        "<w:r><w:t>the annex</w:t></w:r></w:fldSimple>"
        '<w:r><w:t xml:space="preserve"> and </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/x" </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>the data</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:tab/><w:t>page</w:t><w:br/><w:t>two</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'))
    brief = parse_docx(_bytes(document), "links.docx")
    assert _texts(brief) == ["See the report, the annex and the data page two7"]


def test_content_controls_and_custom_xml_are_text_but_drawings_are_not() -> None:
    document = docx.Document()
    body = document.element.body
    body.insert(0, _raw("<w:sdt><w:sdtPr><w:alias w:val='x'/></w:sdtPr><w:sdtContent>"
                        "<w:p><w:r><w:t>In a control</w:t></w:r></w:p></w:sdtContent></w:sdt>"
                        .replace("<w:sdt>", f"<w:sdt {NS}>", 1)))
    body.insert(1, _raw("<w:p><w:customXml w:element='x'><w:smartTag w:element='y'><w:r>"
                        "<w:t>Tagged</w:t></w:r></w:smartTag></w:customXml>"
                        "<w:r><w:drawing/><w:t xml:space='preserve'> words</w:t></w:r></w:p>"))
    brief = parse_docx(_bytes(document), "sdt.docx")
    assert _texts(brief) == ["In a control", "Tagged words"]
    assert brief.blocks[0].locator == "body/sdt[0]/p[0]"


def test_rtl_from_the_blocks_own_script_else_bidi() -> None:
    document = docx.Document()
    document.element.body.insert(0, _raw("<w:p><w:pPr><w:bidi/></w:pPr>"
                                         "<w:r><w:t>Left text, right paragraph</w:t></w:r></w:p>"))
    document.element.body.insert(1, _raw("<w:p><w:pPr><w:bidi/></w:pPr>"
                                         "<w:r><w:t>12 / 300</w:t></w:r></w:p>"))
    document.add_paragraph("שלום עולם, זהו מסמך")
    document.add_paragraph("Plain English")
    # The letters decide; a paragraph without letters keeps the direction Word gave it.
    assert [block.rtl for block in parse_docx(_bytes(document), "r.docx").blocks] == [
        False, True, True, False]


# --- Tracked changes -------------------------------------------------------------------------


def test_tracked_changes_become_suggestions_and_paragraph_marks_are_flagged() -> None:
    document = docx.Document()
    body = document.element.body
    change = 'w:id="{}" w:author="A" w:date="2024-01-01T00:00:00Z"'
    body.insert(0, _raw(
        f"<w:p><w:r><w:t xml:space='preserve'>Keep </w:t></w:r><w:ins {change.format(1)}>"
        "<w:r><w:t xml:space='preserve'>added </w:t></w:r></w:ins>"
        f"<w:del {change.format(2)}><w:r><w:delText>removed </w:delText></w:r></w:del>"
        f"<w:moveTo {change.format(3)}><w:r><w:t>moved</w:t></w:r></w:moveTo>"
        f"<w:moveFrom {change.format(4)}><w:r><w:t>gone</w:t></w:r></w:moveFrom></w:p>"))
    body.insert(1, _raw(f"<w:p><w:pPr><w:rPr><w:del {change.format(5)}/></w:rPr></w:pPr>"
                        "<w:r><w:t>Joined </w:t></w:r></w:p>"))
    body.insert(2, _raw("<w:p><w:r><w:t>with the next.</w:t></w:r></w:p>"))
    document.add_paragraph("Untouched.")
    brief = parse_docx(_bytes(document), "tracked.docx")
    # The text before the changes; adjacent changes by one author are one suggestion. A
    # deleted paragraph mark no suggestion can hold: the paragraph stands, flagged.
    assert [(b.text, b.tracked_changes) for b in brief.blocks] == [
        ("Keep removed gone", False), ("Joined", True), ("with the next.", False),
        ("Untouched.", False)]
    [change] = brief.source_changes
    assert (brief.text[change.start:change.end], change.replacement, change.author) == (
        "removed gone", "added moved", "A")


# --- Notes -----------------------------------------------------------------------------------


def _with_footnote(document: Document) -> bytes:
    paragraph = document.add_paragraph("Catches fell sharply")
    paragraph._p.append(parse_xml(f'<w:r {NS}><w:footnoteReference w:id="1"/></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {NS}><w:t>, said the council.</w:t></w:r>'))
    document.add_paragraph("Next paragraph.")
    footnotes = (
        f'<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
        '</w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        "<w:r><w:t xml:space='preserve'> Council report, 2024.</w:t></w:r></w:p></w:footnote>"
        "</w:footnotes>")
    rel = (f'<Relationship Id="rIdFn" Type="{REL}/footnotes" Target="footnotes.xml"/>')
    return _rezip(_bytes(document), {"word/footnotes.xml": footnotes.encode()}, rel)


def test_footnotes_end_the_brief_as_a_reference_list() -> None:
    brief = parse_docx(_with_footnote(docx.Document()), "notes.docx")
    assert [(b.kind, b.text, b.locator) for b in brief.blocks] == [
        (BlockKind.PARAGRAPH, "Catches fell sharply[1], said the council.", "body/p[0]"),
        (BlockKind.PARAGRAPH, "Next paragraph.", "body/p[1]"),
        (BlockKind.FOOTNOTE, "[1] Council report, 2024.", "footnotes/footnote[1]"),
    ]
    notes = brief.sections[-1]
    assert (notes.title, notes.kind) == ("", SectionKind.REFERENCES)
    assert [b.kind for b in notes.blocks] == [BlockKind.FOOTNOTE]


# --- Comments --------------------------------------------------------------------------------


def test_comment_offsets_point_at_the_commented_words() -> None:
    document = docx.Document()
    document.add_paragraph("Introduction")
    paragraph = document.add_paragraph("The   quota ")
    run = paragraph.add_run("was  cut")
    paragraph.add_run(" by half.")
    comment = document.add_comment(run, text="Source?", author="Ana Ruiz", initials="AR")
    assert comment is not None
    brief = parse_docx(_bytes(document), "c.docx")
    [source] = brief.source_comments
    assert brief.text[source.start:source.end] == "was cut"
    assert (source.author, source.initials, source.text) == ("Ana Ruiz", "AR", "Source?")


def test_comment_spanning_paragraphs() -> None:
    document = docx.Document()
    first = document.add_paragraph("Alpha ").add_run("beta")
    last = document.add_paragraph("gamma").runs[0]
    document.add_comment([first, last], text="Both", author="B")
    brief = parse_docx(_bytes(document), "c.docx")
    [source] = brief.source_comments
    assert brief.text[source.start:source.end] == "beta\ngamma"


_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def _comment(ident: int, para_id: str, text: str) -> str:
    return (f'<w:comment w:id="{ident}" w:author="R{ident}" w:initials="R" '
            f'w:date="2024-03-0{ident + 1}T10:00:00Z"><w:p w14:paraId="{para_id}">'
            f"<w:r><w:t>{text}</w:t></w:r></w:p></w:comment>")


def test_replies_resolved_flag_and_point_comments() -> None:
    document = docx.Document()
    document.element.body.insert(0, _raw(
        '<w:p><w:r><w:t xml:space="preserve">Prices </w:t></w:r>'
        '<w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/>'
        '<w:r><w:t>rose</w:t></w:r><w:commentRangeEnd w:id="0"/><w:commentRangeEnd w:id="1"/>'
        '<w:r><w:commentReference w:id="0"/></w:r><w:r><w:commentReference w:id="1"/></w:r>'
        '<w:r><w:t xml:space="preserve"> fast.</w:t></w:r>'
        '<w:r><w:commentReference w:id="2"/></w:r></w:p>'))
    comments = (f'<w:comments {NS} xmlns:w14="{_W14}">{_comment(0, "0A", "Why?")}'
                f'{_comment(1, "0B", "Fuel.")}{_comment(2, "0C", "Whole point")}'
                "</w:comments>")
    extended = (f'<w15:commentsEx xmlns:w15="{_W15}"><w15:commentEx w15:paraId="0A" '
                'w15:done="1"/><w15:commentEx w15:paraId="0B" w15:paraIdParent="0A" '
                'w15:done="0"/></w15:commentsEx>')
    rels = (f'<Relationship Id="rIdC" Type="{REL}/comments" Target="comments.xml"/>'
            '<Relationship Id="rIdX" Type="http://schemas.microsoft.com/office/2011/'
            'relationships/commentsExtended" Target="commentsExtended.xml"/>')
    data = _rezip(_bytes(document), {"word/comments.xml": comments.encode(),
                                     "word/commentsExtended.xml": extended.encode()}, rels)
    brief = parse_docx(data, "replies.docx")
    parent, point = brief.source_comments
    assert (parent.text, parent.resolved, brief.text[parent.start:parent.end]) == (
        "Why?", True, "rose")
    [reply] = parent.replies
    assert (reply.text, reply.author, reply.resolved) == ("Fuel.", "R1", False)
    assert reply.date is not None and reply.date.day == 2
    assert brief.text[point.start:point.end] == "Prices rose fast."


# --- Package shapes and guards ---------------------------------------------------------------


def test_empty_body_gives_no_blocks() -> None:
    assert parse_docx(_bytes(docx.Document()), "empty.docx").blocks == []


def test_read_brief_imports_docx_and_keeps_the_source(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Body text.")
    path = tmp_path / "brief.docx"
    path.write_bytes(_bytes(document))
    brief = read_brief(path)
    assert _texts(brief) == ["Body text."]
    assert brief.source is not None and brief.source.filename == "brief.docx"


def test_main_part_found_through_package_relationships() -> None:
    document = docx.Document()
    document.add_paragraph("Moved main part.")
    data = _bytes(document)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name).replace(b"word/document.xml", b"word/main.xml")
            renamed = {"word/document.xml": "word/main.xml",
                       "word/_rels/document.xml.rels": "word/_rels/main.xml.rels"}
            target.writestr(renamed.get(name, name), content)
    assert _texts(parse_docx(out.getvalue(), "m.docx")) == ["Moved main part."]


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_highly_compressible_entry_is_a_zip_bomb() -> None:
    data = _zip({"word/document.xml": b"\0" * 3_000_000})
    with pytest.raises(InputError, match="zip bomb"):
        parse_docx(data, "bomb.docx")


def test_declared_gigabyte_entry_is_a_zip_bomb() -> None:
    data = bytearray(_zip({"word/document.xml": b"<x/>"}))
    central = data.rindex(b"PK\x01\x02")
    data[central + 24:central + 28] = struct.pack("<I", 1_000_000_000)
    with pytest.raises(InputError, match="zip bomb"):
        parse_docx(bytes(data), "bomb.docx")


def test_too_many_entries_is_a_zip_bomb() -> None:
    data = _zip({f"f{index}.xml": b"<x/>" for index in range(20)})
    with pytest.raises(InputError, match="zip bomb"):
        open_zip(data, "many.docx", max_entries=10)


@pytest.mark.parametrize("xml", [
    b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
    b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.org/x.dtd"><x/>',
])
def test_safe_xml_refuses_dtds_and_entities(xml: bytes) -> None:
    with pytest.raises(InputError, match="DTD"):
        safe_xml(xml, "word/document.xml")


def test_document_part_with_entities_is_refused() -> None:
    document = docx.Document()
    bad = (f'<!DOCTYPE w:document [<!ENTITY lol "lol">]><w:document {NS}><w:body><w:p><w:r>'
           "<w:t>&lol;</w:t></w:r></w:p></w:body></w:document>")
    data = _rezip(_bytes(document), {"word/document.xml": bad.encode()})
    with pytest.raises(InputError, match="DTD"):
        parse_docx(data, "lol.docx")


def test_safe_xml_strips_a_bom() -> None:
    assert safe_xml(b"\xef\xbb\xbf<x>1</x>", "p").text == "1"


@pytest.mark.parametrize(("data", "message"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "encrypted"),
    (b"just some text, not a zip", "not a zip file"),
    (bytes(range(256)) * 4, "not a zip file"),
    (b"PK\x03\x04" + b"\x00" * 100, "damaged or truncated"),
])
def test_bad_bytes_are_refused_in_one_sentence(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_docx(data, "bad.docx")


def test_truncated_docx_is_damaged() -> None:
    document = docx.Document()
    document.add_paragraph("Some text " * 50)
    data = _bytes(document)
    with pytest.raises(InputError, match="damaged or truncated"):
        parse_docx(data[: len(data) // 2], "cut.docx")


def test_zip_without_document_part_is_not_a_word_document() -> None:
    with pytest.raises(InputError, match="no document part"):
        parse_docx(_zip({"hello.txt": b"hi"}), "x.docx")


def test_corrupted_member_is_damaged() -> None:
    data = bytearray(_zip({"word/document.xml": f"<w:document {NS}/>".encode() * 3}))
    data[40:48] = b"\xff" * 8  # inside the deflated stream of the only member
    with pytest.raises(InputError):
        parse_docx(bytes(data), "crc.docx")


def test_eight_thousand_paragraphs_import() -> None:
    paragraph = ("<w:p><w:r><w:t>Paragraph {} about quotas, catches and the councils that "
                 "argue about them every single year without end.</w:t></w:r></w:p>")
    body = "".join(paragraph.format(index) for index in range(8000))
    xml = f"<w:document {NS}><w:body>{body}</w:body></w:document>"
    data = _rezip(_bytes(docx.Document()), {"word/document.xml": xml.encode()})
    brief = parse_docx(data, "long.docx")
    assert len(brief.blocks) == 8000
    assert brief.blocks[-1].text.startswith("Paragraph 7999 ")


# --- Links -----------------------------------------------------------------------------------

R_NS = f'xmlns:r="{REL}"'


def _links(brief: Brief) -> list[tuple[str, str, str]]:
    """(block text, link text, url) for every link, checked to lie inside its block."""
    found = []
    for block in brief.blocks:
        for link in block.links:
            assert 0 <= link.start < link.end <= len(block.text)
            found.append((block.text, block.text[link.start:link.end], link.url))
    return found


def _hyperlink_rel(ident: str, target: str) -> str:
    return (f'<Relationship Id="{ident}" Type="{REL}/hyperlink" Target="{target}" '
            'TargetMode="External"/>')


def test_hyperlink_elements_take_their_relationship_target_and_anchor() -> None:
    document = docx.Document()
    body = document.element.body
    body.insert(0, parse_xml(
        f"<w:p {NS} {R_NS}><w:r><w:t xml:space='preserve'>Harbour Board.  (2023, March 9).\t"
        "</w:t></w:r><w:r><w:t xml:space='preserve'> Dredging   plan. </w:t></w:r>"
        '<w:hyperlink r:id="rIdL1"><w:r><w:t>Link</w:t></w:r></w:hyperlink></w:p>'))
    body.insert(1, parse_xml(
        f"<w:p {NS} {R_NS}><w:r><w:t xml:space='preserve'>See </w:t></w:r>"
        '<w:hyperlink r:id="rIdL2" w:anchor="tides"><w:r><w:t xml:space="preserve">'
        ' tide   tables </w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> and </w:t>'
        '</w:r><w:hyperlink w:anchor="annex_b"><w:r><w:t>Annex B</w:t></w:r></w:hyperlink>'
        "</w:p>"))
    rels = (_hyperlink_rel("rIdL1", "https://harbour.example/plans/dredging?y=2023")
            + _hyperlink_rel("rIdL2", "https://harbour.example/tides"))
    brief = parse_docx(_rezip(_bytes(document), {}, rels), "links.docx")
    assert _links(brief) == [
        ("Harbour Board. (2023, March 9). Dredging plan. Link", "Link",
         "https://harbour.example/plans/dredging?y=2023"),
        ("See tide tables and Annex B", "tide tables", "https://harbour.example/tides#tides"),
        ("See tide tables and Annex B", "Annex B", "#annex_b"),
    ]


def test_hyperlink_fields_complex_and_simple() -> None:
    document = docx.Document()
    body = document.element.body
    body.insert(0, _raw(
        "<w:p><w:r><w:t xml:space='preserve'>Quay Trust. (2022).   Berth   survey. </w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText xml:space='preserve'> HYPERLINK \"https://quay.example/survey\" "
        "</w:instrText></w:r><w:r><w:instrText xml:space='preserve'>\\l \"part2\" \\o \"tip\""
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t xml:space='preserve'>Full \t report</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:r><w:t xml:space='preserve'> and more.</w:t></w:r></w:p>"))
    body.insert(1, _raw(
        "<w:p><w:r><w:t xml:space='preserve'>Archive: </w:t></w:r>"
        "<w:fldSimple w:instr=' HYPERLINK \"https://quay.example/archive\" '><w:r><w:t>Link"
        "</w:t></w:r></w:fldSimple></w:p>"))
    body.insert(2, _raw(
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE '
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>4</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'))
    brief = parse_docx(_bytes(document), "fields.docx")
    assert _texts(brief) == ["Quay Trust. (2022). Berth survey. Full report and more.",
                             "Archive: Link", "4"]
    assert _links(brief) == [
        ("Quay Trust. (2022). Berth survey. Full report and more.", "Full report",
         "https://quay.example/survey#part2"),
        ("Archive: Link", "Link", "https://quay.example/archive"),
    ]


def test_hyperlink_in_a_footnote_uses_the_notes_relationships() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Silt rose")
    paragraph._p.append(parse_xml(f'<w:r {NS}><w:footnoteReference w:id="1"/></w:r>'))
    footnotes = (
        f'<w:footnotes {NS} {R_NS}><w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">'
        'Silt log. </w:t></w:r><w:hyperlink r:id="rIdN"><w:r><w:t>Link</w:t></w:r>'
        "</w:hyperlink></w:p></w:footnote></w:footnotes>")
    note_rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                 f'package/2006/relationships">{_hyperlink_rel("rIdN", "https://silt.example")}'
                 "</Relationships>")
    rel = f'<Relationship Id="rIdFn" Type="{REL}/footnotes" Target="footnotes.xml"/>'
    data = _rezip(_bytes(document), {"word/footnotes.xml": footnotes.encode(),
                                     "word/_rels/footnotes.xml.rels": note_rels.encode()}, rel)
    assert _links(parse_docx(data, "note-link.docx")) == [
        ("[1] Silt log. Link", "Link", "https://silt.example")]


@pytest.mark.parametrize("first_heading", [
    "1", "2.3.", "IV.", "—", "Ab", "Contents", "Table of Contents:", "Inhalt",
    "Inhaltsverzeichnis", "Sommaire", "Table des matières", "Índice", "Contenido", "Indice",
    "Содержание", "Heading 1", "Heading1",
])
def test_first_heading_that_cannot_be_a_title_is_skipped(first_heading: str) -> None:
    document = docx.Document()
    document.add_paragraph(first_heading, style="Heading 1")
    document.add_paragraph("Some text.")
    document.add_paragraph("Water rights", style="Heading 1")
    # The next heading names a part of the document, so the file name gives the title.
    assert parse_docx(_bytes(document), "reed-basin.docx").title == "Reed basin"


def test_core_title_still_comes_before_the_first_heading() -> None:
    document = docx.Document()
    document.core_properties.title = "Reed Basin Review"
    document.add_paragraph("Contents", style="Heading 1")
    document.add_paragraph("Some text.")
    assert parse_docx(_bytes(document), "reed-basin.docx").title == "Reed Basin Review"


def test_a_real_first_heading_is_still_the_title() -> None:
    document = docx.Document()
    document.add_paragraph("Eel Pass", style="Heading 2")
    document.add_paragraph("Some text.")
    assert parse_docx(_bytes(document), "x.docx").title == "Eel Pass"


# --- Text boxes ------------------------------------------------------------------------------

_BOX_NS = (
    f'{NS} {R_NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"')


def _with_body(body: str, rels: str = "") -> bytes:
    xml = f"<w:document {_BOX_NS}><w:body>{body}</w:body></w:document>"
    return _rezip(_bytes(docx.Document()), {"word/document.xml": xml.encode()}, rels)


def _drawing_box(paragraphs: str) -> str:
    return ('<w:drawing><wp:anchor><wp:docPr id="1" name="Box"/><a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
            f"<wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx><wps:bodyPr/>"
            "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>")


def _vml_box(paragraphs: str) -> str:
    return ('<w:pict><v:shape id="box" type="#_x0000_t202"><v:textbox><w:txbxContent>'
            f"{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict>")


def _alternate(choice: str, fallback: str, requires: str = "wps") -> str:
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="{requires}">{choice}</mc:Choice>'
            f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>")


def _p(text: str, properties: str = "") -> str:
    return f"<w:p>{properties}<w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def _blocks(brief: Brief) -> list[tuple[BlockKind, int, str, str]]:
    """(kind, level, text, locator) of every block, each checked to sit at its offsets."""
    for block in brief.blocks:
        assert brief.text[block.start:block.end] == block.text
    return [(b.kind, b.level, b.text, b.locator) for b in brief.blocks]


def test_text_box_written_twice_by_word_is_read_once_after_its_paragraph() -> None:
    box = _p("Silt traps fill in spring.") + _p("Dredge in autumn.")
    body = (_p("Opening remarks.")
            + "<w:p><w:r><w:t xml:space='preserve'>The harbour plan </w:t></w:r>"
            + _alternate(_drawing_box(box), _vml_box(box))
            + "<w:r><w:t>is attached.</w:t></w:r></w:p>" + _p("Closing remarks."))
    brief = parse_docx(_with_body(body), "harbour.docx")
    assert _blocks(brief) == [
        (BlockKind.PARAGRAPH, 0, "Opening remarks.", "body/p[0]"),
        (BlockKind.PARAGRAPH, 0, "The harbour plan is attached.", "body/p[1]"),
        (BlockKind.PARAGRAPH, 0, "Silt traps fill in spring.", "body/p[1]/txbx[0]/p[0]"),
        (BlockKind.PARAGRAPH, 0, "Dredge in autumn.", "body/p[1]/txbx[0]/p[1]"),
        (BlockKind.PARAGRAPH, 0, "Closing remarks.", "body/p[2]"),
    ]


@pytest.mark.parametrize(("requires", "read"), [
    ("wps", "Drawn box."),  # a namespace we read: the DrawingML choice
    ("zz", "Picture box."),  # one we do not: the VML fallback
])
def test_alternate_content_takes_one_branch(requires: str, read: str) -> None:
    choice = _drawing_box(_p("Drawn box.")).replace(
        "<w:drawing>", '<w:drawing xmlns:zz="urn:example:unknown">')
    body = f"<w:p>{_alternate(choice, _vml_box(_p('Picture box.')), requires)}</w:p>"
    assert _texts(parse_docx(_with_body(body), "alt.docx")) == [read]


def test_vml_text_box_and_deleted_text_box() -> None:
    change = 'w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"'
    body = (f"<w:p><w:r><w:t>Tide table</w:t>{_vml_box(_p('High water 06:10'))}</w:r>"
            f"<w:del {change}><w:r>{_vml_box(_p('Withdrawn note'))}</w:r></w:del></w:p>"
            + _p("After the table."))
    brief = parse_docx(_with_body(body), "tides.docx")
    assert _blocks(brief) == [
        (BlockKind.PARAGRAPH, 0, "Tide table", "body/p[0]"),
        (BlockKind.PARAGRAPH, 0, "High water 06:10", "body/p[0]/txbx[0]/p[0]"),
        (BlockKind.PARAGRAPH, 0, "After the table.", "body/p[1]"),
    ]
    assert brief.blocks[0].tracked_changes


def test_text_box_paragraphs_are_headings_lists_and_links_like_the_body_s() -> None:
    numbered = '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr>'
    box = (_p("Berths", '<w:pPr><w:outlineLvl w:val="1"/></w:pPr>')
           + _p("North   quay", numbered)
           + '<w:p><w:hyperlink r:id="rIdQ"><w:r><w:t>Quay map</w:t></w:r></w:hyperlink></w:p>')
    body = f"<w:p>{_alternate(_drawing_box(box), _vml_box(box))}</w:p>" + _p("Body text.")
    rels = _hyperlink_rel("rIdQ", "https://quay.example/map")
    brief = parse_docx(_with_body(body, rels), "quay.docx")
    assert _blocks(brief) == [
        (BlockKind.HEADING, 2, "Berths", "body/p[0]/txbx[0]/p[0]"),
        (BlockKind.LIST_ITEM, 2, "North quay", "body/p[0]/txbx[0]/p[1]"),
        (BlockKind.PARAGRAPH, 0, "Quay map", "body/p[0]/txbx[0]/p[2]"),
        (BlockKind.PARAGRAPH, 0, "Body text.", "body/p[1]"),
    ]
    assert _links(brief) == [("Quay map", "Quay map", "https://quay.example/map")]


def test_comment_inside_a_text_box_points_at_its_words() -> None:
    box = ("<w:p><w:r><w:t xml:space='preserve'>Pilots board at </w:t></w:r>"
           '<w:commentRangeStart w:id="0"/><w:r><w:t>dawn</w:t></w:r>'
           '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>')
    body = _p("Pilotage.") + f"<w:p>{_alternate(_drawing_box(box), _vml_box(box))}</w:p>"
    comments = f'<w:comments {NS} xmlns:w14="{_W14}">{_comment(0, "0A", "Which?")}</w:comments>'
    rels = f'<Relationship Id="rIdC" Type="{REL}/comments" Target="comments.xml"/>'
    xml = f"<w:document {_BOX_NS}><w:body>{body}</w:body></w:document>"
    data = _rezip(_bytes(docx.Document()), {"word/document.xml": xml.encode(),
                                            "word/comments.xml": comments.encode()}, rels)
    brief = parse_docx(data, "pilots.docx")
    assert _texts(brief) == ["Pilotage.", "Pilots board at dawn"]
    [source] = brief.source_comments
    assert (source.text, brief.text[source.start:source.end]) == ("Which?", "dawn")
