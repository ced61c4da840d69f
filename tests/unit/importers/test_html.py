"""Tests for the HTML importer: elements to blocks, encodings, hidden parts, nothing fetched."""

from __future__ import annotations

import socket
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest

from reviewdesk.domain.brief import BlockKind, Brief, SourceFormat
from reviewdesk.errors import InputError
from reviewdesk.importers import read_brief
from reviewdesk.importers.html import parse_html

PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>River Accord - Policy Desk</title>
<style>p { color: red }</style><script>var hidden = "script text";</script></head>
<body>
<header><a href="/">Site masthead</a></header>
<nav><ul><li>Menu entry</li></ul></nav>
<main>
<h1 id="top">River Accord</h1>
<p>Intro with <b>bold</b>, <i>italic</i>, <a href="x">a link</a>,<br>a break and x<sup>2</sup>.</p>
<h2>Reasons</h2>
<div>Loose text in a div<p>A nested paragraph</p>after it</div>
<h3>Drought</h3>
<ul>
  <li>First item
    <ul><li>Nested item</li></ul>
  </li>
  <li><p>Second item</p></li>
</ul>
<ol><li>Ordered one</li></ol>
<table>
  <tr><th>Year</th><th>Release</th><th></th></tr>
  <tr><td>2024</td><td><p>Low</p></td><td>  </td></tr>
</table>
<p hidden>Hidden by attribute</p>
<div style="color: blue; display : none">Hidden by style</div>
<noscript>Enable scripts</noscript>
<template><p>Template text</p></template>
<form><input value="typed"><button>Send</button><select><option>Pick</option></select></form>
<blockquote>A quotation</blockquote>
<dl><dt>Term</dt><dd>Definition</dd></dl>
<h2>Notes</h2>
<ol class="references"><li id="cite-1">Org. (2020). A source.</li></ol>
<aside role="doc-endnote">An endnote</aside>
</main>
<footer>Site footer</footer>
</body>
</html>
"""


def _parse(html: str | bytes, filename: str = "brief.html") -> Brief:
    data = html.encode("utf-8") if isinstance(html, str) else html
    brief = parse_html(data, filename)
    for block in brief.blocks:
        assert brief.text[block.start:block.end] == block.text
    return brief


def _kinds(brief: Brief) -> list[tuple[BlockKind, int, str]]:
    return [(b.kind, b.level, b.text) for b in brief.blocks]


def test_blocks_kinds_levels_and_text() -> None:
    brief = _parse(PAGE)
    assert brief.source_format == SourceFormat.HTML
    assert _kinds(brief) == [
        (BlockKind.HEADING, 1, "River Accord"),
        (BlockKind.PARAGRAPH, 0, "Intro with bold, italic, a link, a break and x2."),
        (BlockKind.HEADING, 2, "Reasons"),
        (BlockKind.PARAGRAPH, 0, "Loose text in a div"),
        (BlockKind.PARAGRAPH, 0, "A nested paragraph"),
        (BlockKind.PARAGRAPH, 0, "after it"),
        (BlockKind.HEADING, 3, "Drought"),
        (BlockKind.LIST_ITEM, 1, "First item"),
        (BlockKind.LIST_ITEM, 2, "Nested item"),
        (BlockKind.LIST_ITEM, 1, "Second item"),
        (BlockKind.LIST_ITEM, 1, "Ordered one"),
        (BlockKind.TABLE_CELL, 0, "Year"),
        (BlockKind.TABLE_CELL, 0, "Release"),
        (BlockKind.TABLE_CELL, 0, "2024"),
        (BlockKind.TABLE_CELL, 0, "Low"),
        (BlockKind.PARAGRAPH, 0, "A quotation"),
        (BlockKind.PARAGRAPH, 0, "Term"),
        (BlockKind.PARAGRAPH, 0, "Definition"),
        (BlockKind.HEADING, 2, "Notes"),
        (BlockKind.FOOTNOTE, 0, "[1] Org. (2020). A source."),
        (BlockKind.FOOTNOTE, 0, "An endnote"),
    ]
    assert brief.text == "\n".join(block.text for block in brief.blocks)


def test_dropped_parts_never_reach_the_text() -> None:
    text = _parse(PAGE).text
    for dropped in ("script text", "color: red", "Hidden by", "Enable scripts", "Template",
                    "typed", "Send", "Pick", "masthead", "Menu entry", "Site footer"):
        assert dropped not in text


def test_header_and_footer_inside_an_article_are_kept() -> None:
    brief = _parse("<body><article><header><p>Byline</p></header><p>Body</p>"
                   "<footer><p>Article note</p></footer></article></body>")
    assert [b.text for b in brief.blocks] == ["Byline", "Body", "Article note"]


def test_title_rules() -> None:
    # The <title> adds the site's name to the h1: the h1 is the title and stays a heading.
    brief = _parse(PAGE)
    assert brief.title == "River Accord"
    assert brief.blocks[0].kind == BlockKind.HEADING
    assert _parse("<title>Water Outlook</title><h1>Summary</h1><p>x</p>").title == "Water Outlook"
    assert _parse("<title> </title><h2>Sub</h2><h1>First</h1><h1>Second</h1>").title == "First"
    assert _parse("<p>No heading</p>", "sarn-river-brief.html").title == "Sarn river brief"
    assert _parse("<title>a-b_2021.htm</title><p>x</p>", "brief.htm").title == "Brief"


def test_locators_use_ids_or_element_paths() -> None:
    brief = _parse(PAGE)
    locators = {b.text: b.locator for b in brief.blocks}
    assert locators["River Accord"] == "#top"
    assert locators["[1] Org. (2020). A source."] == "#cite-1"
    # The hidden <p> still counts among its siblings: the path names the element in the file.
    assert locators["Intro with bold, italic, a link, a break and x2."] == "html/body/main/p[1]"
    assert locators["Nested item"] == "html/body/main/ul/li[1]/ul/li"
    assert locators["Low"] == "html/body/main/table/tr[2]/td[2]"


def test_rtl_from_dir_attribute_or_script() -> None:
    brief = _parse('<body><div dir="rtl"><p>Plain letters</p><p dir="ltr">Back to ltr</p></div>'
                   "<p>\u0627\u0644\u0633\u0644\u0627\u0645 \u0639\u0644\u064a\u0643\u0645</p>"
                   "<p>\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd (OK)</p>"
                   "<p>English only</p></body>")
    # The letters decide: "Plain letters" under dir="rtl" reads left to right.
    assert [b.rtl for b in brief.blocks] == [False, False, True, True, False]


def test_footnote_classes() -> None:
    brief = _parse('<p>Claim<a class="footnote-ref" href="#fn1"><sup>1</sup></a>.</p>'
                   '<section class="footnotes"><ol><li id="fn1">The note.</li></ol></section>')
    assert _kinds(brief) == [(BlockKind.PARAGRAPH, 0, "Claim1."),
                             (BlockKind.FOOTNOTE, 0, "[1] The note.")]


def test_notes_sections_keep_one_block_per_note() -> None:
    brief = _parse('<ol class="footnotes"><li>One</li><li>Two</li></ol>'
                   '<div class="footnotes"><p>Three</p><p>Four</p></div>'
                   '<div role="doc-footnote"><p>Five</p><p>continued</p></div>')
    # A numbered list of notes shows each note's number, as Word's notes do.
    assert _kinds(brief) == [(BlockKind.FOOTNOTE, 0, text)
                             for text in ("[1] One", "[2] Two", "Three", "Four", "Five continued")]


def test_bold_paragraphs_are_headings_when_the_page_has_no_heading_tags() -> None:
    brief = _parse('<p style="font-weight:bold">PART I</p><p><b>Products and Services</b></p>'
                   '<p>Body text. <b>Bold inside</b>.</p>'
                   '<p style="font-weight:700">A bold sentence that goes on and on a while.</p>')
    assert _kinds(brief)[:3] == [(BlockKind.HEADING, 2, "PART I"),
                                 (BlockKind.HEADING, 3, "Products and Services"),
                                 (BlockKind.PARAGRAPH, 0, "Body text. Bold inside.")]
    assert brief.blocks[3].kind == BlockKind.PARAGRAPH


def test_single_letter_headings_are_read_as_paragraphs() -> None:
    brief = _parse("<h1>Intro</h1><h1>r</h1><p>x</p>")
    assert _kinds(brief)[1] == (BlockKind.PARAGRAPH, 0, "r")


def test_inline_xbrl_hidden_header_is_dropped() -> None:
    page = ('<?xml version="1.0" encoding="utf-8"?>'
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL">'
            '<body><div style="display:none"><ix:header><ix:hidden>'
            '<ix:nonNumeric name="dei:Flag">false</ix:nonNumeric></ix:hidden></ix:header></div>'
            '<p>Revenue was <ix:nonFraction name="us-gaap:Revenues">12.5</ix:nonFraction>'
            " million.</p>"
            "</body></html>")
    assert [b.text for b in _parse(page).blocks] == ["Revenue was 12.5 million."]


def _no_network(*args: Any, **kwargs: Any) -> None:
    raise AssertionError(f"the importer tried to open a connection: {args}")


def test_nothing_remote_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    page = ('<html><head><link rel="stylesheet" href="http://example.invalid/s.css">'
            '<script src="http://example.invalid/a.js"></script></head><body>'
            '<img src="http://example.invalid/pic.png"><iframe src="http://example.invalid/"></iframe>'
            "<p>Shown</p></body></html>")
    assert [b.text for b in _parse(page).blocks] == ["Shown"]


def test_external_entities_and_dtds_are_not_loaded(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRETVALUE", encoding="utf-8")
    page = (f'<!DOCTYPE html SYSTEM "http://example.invalid/x.dtd" ['
            f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
            "<html><body><p>Before &xxe; after</p></body></html>")
    brief = _parse(page)
    assert "TOPSECRETVALUE" not in brief.text
    assert "]>" not in brief.text
    assert brief.blocks[0].text.startswith("Before")


def test_meta_charset_cp1252() -> None:
    page = (b'<html><head><meta http-equiv="Content-Type" content="text/html; '
            b'charset=windows-1252"></head><body><p>\x93Quoted\x94 caf\xe9 \x80</p></body></html>')
    assert _parse(page).blocks[0].text == "“Quoted” café €"
    # iso-8859-1 means windows-1252 to a browser.
    latin = b'<meta charset="ISO-8859-1"><p>\x93x\x94</p>'
    assert _parse(latin).blocks[0].text == "“x”"


def test_encoding_fallbacks_and_bom() -> None:
    assert _parse("<p>café</p>".encode()).blocks[0].text == "café"
    assert _parse(b"<p>caf\xe9</p>").blocks[0].text == "café"  # not UTF-8: cp1252
    utf16 = "\ufeff<meta charset='utf-8'><p>\u00fcber</p>".encode("utf-16")
    assert _parse(utf16).blocks[0].text == "über"
    assert _parse(b"\xef\xbb\xbf<p>\xc3\xa9t\xc3\xa9</p>").blocks[0].text == "été"


def test_a_page_without_a_charset_is_read_as_a_text_file_is(tmp_path: Path) -> None:
    """No charset, not UTF-8: the detector reads it and the import names the encoding;
    UTF-8 with a stray byte is refused rather than read as windows-1252 with "Ã©"."""
    from reviewdesk.importers import read_brief_file

    russian = ("<html><body><h1>Прогноз</h1><p>Комитет представил доклад об озере Велория: "
               "квоты снизятся, и рыбаки встревожены.</p></body></html>")
    page = tmp_path / "outlook.html"
    page.write_bytes(russian.encode("cp1251"))
    read = read_brief_file(page)
    assert read.encoding == "windows-1251"
    assert read.brief.blocks[1].text.startswith("Комитет представил доклад")
    declared = tmp_path / "declared.html"
    declared.write_bytes(b'<meta charset="koi8-r">' + russian.encode("koi8-r"))
    assert read_brief_file(declared).encoding == "koi8-r"
    broken = tmp_path / "broken.html"
    broken.write_bytes("<p>Le café du port.</p>\n".encode() + b"<p>Un \xe9t\xe9 chaud.</p>")
    with pytest.raises(InputError, match=r"broken\.html: it is UTF-8 text but for a byte on "
                       r"line 2 \(0xE9\)"):
        read_brief_file(broken)


def _png() -> bytes:
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk
            + struct.pack(">I", zlib.crc32(chunk)) + b"\x00" * 12)


@pytest.mark.parametrize(("data", "message"), [
    (b"", "is empty"),
    (b"  \n ", "is empty"),
    (_png(), "not an HTML file"),
    (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10hello", "not an HTML file"),
    (b"Just a line of text, no markup.", "holds no HTML markup"),
])
def test_bad_input_is_refused_in_one_sentence(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        parse_html(data, "brief.html")
    assert "brief.html" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_read_brief_dispatches_html_suffixes(tmp_path: Path) -> None:
    for suffix in (".html", ".htm", ".xhtml", ".HTML"):
        path = tmp_path / f"brief{suffix}"
        path.write_bytes(b"<h1>Title</h1><p>Body</p>")
        brief = read_brief(path)
        assert brief.source_format == SourceFormat.HTML
        assert brief.source is not None
        assert brief.source.data == path.read_bytes()
        assert brief.source.filename == path.name


def test_read_brief_refuses_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"<html><body><script>x()</script><p> </p></body></html>")
    with pytest.raises(InputError, match="has no text to review"):
        read_brief(path)
    png = tmp_path / "picture.html"
    png.write_bytes(_png())
    with pytest.raises(InputError, match="not an HTML file"):
        read_brief(png)


def test_deep_nesting_and_many_blocks_stay_fast() -> None:
    # libxml2 stops nesting at 255 levels, well within Python's recursion limit.
    deep = "<div>" * 240 + "<p>Deep</p>" + "</div>" * 240
    assert _parse(deep).text == "Deep"
    many = "<table>" + "<tr><td>a</td><td>b</td></tr>" * 20_000 + "</table>"
    assert len(_parse(many).blocks) == 40_000


def _links(brief: Brief) -> list[tuple[str, str, str]]:
    """(block text, link text, url) for every link, checked to lie inside its block."""
    found = []
    for block in brief.blocks:
        for link in block.links:
            assert 0 <= link.start < link.end <= len(block.text)
            found.append((block.text, block.text[link.start:link.end], link.url))
    return found


def test_anchors_with_targets_become_links() -> None:
    brief = _parse("""<html><body>
<h2>Ferry <a href="https://ferry.example/">timetables</a></h2>
<p>Ferry Board. (2020,
   May 1).   Timetable   review.
   <a href=" https://ferry.example/review?y=2020&amp;n=3 ">  Link </a></p>
<p>Note<a href="#fn1">1</a>, <a href="javascript:void(0)">menu</a>,
   <a href="/docs/fares.html">fare <b>rules</b></a> and
   <a href="mailto:office@ferry.example">office</a>; <a name="top">no href</a>.</p>
<a href="https://ferry.example/card"><h3>Winter service</h3><p>Fewer sailings.</p></a>
</body></html>""")
    assert _links(brief) == [
        ("Ferry timetables", "timetables", "https://ferry.example/"),
        ("Ferry Board. (2020, May 1). Timetable review. Link", "Link",
         "https://ferry.example/review?y=2020&n=3"),
        ("Note1, menu, fare rules and office; no href.", "fare rules", "/docs/fares.html"),
        ("Note1, menu, fare rules and office; no href.", "office",
         "mailto:office@ferry.example"),
        ("Winter service", "Winter service", "https://ferry.example/card"),
        ("Fewer sailings.", "Fewer sailings.", "https://ferry.example/card"),
    ]
