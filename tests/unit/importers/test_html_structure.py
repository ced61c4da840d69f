"""The parts of an HTML brief: eyebrow labels over headings, site chrome left out, and notes
at the end read as the brief's reference list; on pages written here."""

from __future__ import annotations

import pytest

from reviewdesk.domain.brief import BlockKind, Brief
from reviewdesk.domain.references import analyse_references
from reviewdesk.domain.sections import SectionKind
from reviewdesk.importers.html import parse_html

TEXT = ("Councils in the valley issued fewer grazing permits last year, and the ministry "
        "has not yet said why.")


def _parse(html: str) -> Brief:
    brief = parse_html(html.encode("utf-8"), "brief.html")
    for block in brief.blocks:
        assert brief.text[block.start:block.end] == block.text
    return brief


def _outline(brief: Brief) -> list[tuple[int, str, SectionKind]]:
    return [(s.level, s.title, s.kind) for s in brief.sections if s.title]


def test_an_eyebrow_label_names_the_part_its_heading_opens() -> None:
    brief = _parse(
        "<body><div class='hero'><div class='eyebrow'>Policy Brief</div>"
        "<h1>Who Keeps the Reed Beds?</h1></div>"
        "<div class='part'><div class='section-label'>The Problem</div>"
        f"<h2>A permit system nobody checks.</h2><p>{TEXT}</p></div>"
        "<div class='part'><div class='section-label'>Our Asks</div>"
        f"<h2>Three changes that would close the gap.</h2><p>{TEXT}</p></div>"
        "<div class='part'><p>Why This, Why Now</p>"
        f"<h2>The season starts in March.</h2><p>{TEXT}</p></div></body>")
    assert _outline(brief) == [
        (1, "Who Keeps the Reed Beds?", SectionKind.OTHER),
        (1, "The Problem", SectionKind.REASONS),
        (2, "A permit system nobody checks.", SectionKind.REASONS),
        (1, "Our Asks", SectionKind.RECOMMENDATIONS),
        # the label decides, though "gap" alone would say reasons
        (2, "Three changes that would close the gap.", SectionKind.RECOMMENDATIONS),
        (1, "Why This, Why Now", SectionKind.PROSPECTS),
        (2, "The season starts in March.", SectionKind.PROSPECTS),
    ]
    assert brief.title == "Who Keeps the Reed Beds?"
    assert brief.blocks[0].kind == BlockKind.PARAGRAPH  # "Policy Brief" over the h1


def test_a_short_paragraph_before_a_heading_is_not_always_a_label() -> None:
    brief = _parse(f"<h1>Reed Beds</h1><p>{TEXT}</p><p>Thanks for reading</p>"
                   f"<h2>Background</h2><p>{TEXT}</p>")
    assert [title for _, title, _ in _outline(brief)] == ["Reed Beds", "Background"]


@pytest.mark.parametrize(("label", "kind"), [
    ("Рекомендации", SectionKind.RECOMMENDATIONS), ("پیشنهادها", SectionKind.RECOMMENDATIONS),
    ("الخاتمة", SectionKind.CONCLUSION), ("Le problème", SectionKind.REASONS),
    ("Antecedentes", SectionKind.INTRODUCTION), ("Тавсияҳо", SectionKind.RECOMMENDATIONS),
])
def test_eyebrow_labels_in_other_languages(label: str, kind: SectionKind) -> None:
    brief = _parse(f"<section><p>{label}</p><h2>Sous-titre libre</h2><p>{TEXT}</p></section>")
    assert _outline(brief) == [(1, label, kind), (2, "Sous-titre libre", kind)]


def test_menus_sidebars_and_contents_lists_are_left_out() -> None:
    brief = _parse(
        "<body><div class='site-menu'><a href='/'>Home</a><a href='/about'>About</a></div>"
        "<div class='share-buttons'>Share this page</div>"
        "<div class='sidebar'><p>Popular posts</p></div>"
        "<main><h1>Reed Beds</h1>"
        "<ul><li><a href='#bg'>Background</a></li><li><a href='#why'>Why</a></li>"
        "<li><a href='#asks'>Asks</a></li></ul>"
        f"<h2 id='bg'>Background</h2><p>{TEXT}</p>"
        "<h2>Further reading</h2><ul><li><a href='https://example.org/a'>Water atlas</a></li>"
        "<li><a href='https://example.org/b'>Permit law</a></li>"
        "<li><a href='https://example.org/c'>Valley survey</a></li></ul></main></body>")
    texts = [block.text for block in brief.blocks]
    assert texts == ["Reed Beds", "Background", TEXT, "Further reading", "Water atlas",
                     "Permit law", "Valley survey"]


def test_endnotes_with_back_links_are_a_reference_list() -> None:
    brief = _parse(
        f"<h1>Reed Beds</h1><p>{TEXT}<sup><a href='#fn1' id='fnref1'>1</a></sup></p>"
        "<h2>Conclusion</h2><p>Permits should be checked.<sup><a href='#fn2'>2</a></sup></p>"
        "<section class='footnotes' role='doc-endnotes'><hr><ol>"
        "<li id='fn1'><p>Ames, J. (2021). Permits. Lake Press. "
        "<a href='#fnref1' class='footnote-back'>↩︎</a></p></li>"
        "<li id='fn2'><p>Valley Council, minutes, 2023. <a href='#fnref2'>↩︎</a></p></li>"
        "</ol></section><p>Written by the water desk.</p>")
    notes = brief.sections[-2]
    assert (notes.title, notes.kind) == ("", SectionKind.REFERENCES)
    assert [(b.kind, b.text) for b in notes.blocks] == [
        (BlockKind.FOOTNOTE, "[1] Ames, J. (2021). Permits. Lake Press."),
        (BlockKind.FOOTNOTE, "[2] Valley Council, minutes, 2023.")]
    after = brief.sections[-1]
    assert (after.title, after.kind) == ("", SectionKind.OTHER)
    assert [b.text for b in after.blocks] == ["Written by the water desk."]
    assert len(analyse_references(brief).entries) == 2


def test_a_plain_list_whose_items_link_back_is_a_list_of_notes() -> None:
    brief = _parse(f"<h1>Reed Beds</h1><p>{TEXT}</p><ol>"
                   "<li>Survey of 2022. <a href='#ref-1'>^</a></li>"
                   "<li>Council report, 2023. <a href='#ref-2'>^</a></li></ol>")
    assert [(b.kind, b.text) for b in brief.sections[-1].blocks] == [
        (BlockKind.FOOTNOTE, "[1] Survey of 2022."),
        (BlockKind.FOOTNOTE, "[2] Council report, 2023.")]
    assert brief.sections[-1].kind == SectionKind.REFERENCES


def test_notes_under_a_notes_heading_stay_in_its_section() -> None:
    brief = _parse(f"<h1>Reed Beds</h1><p>{TEXT}</p><h2>Notes</h2>"
                   "<div id='endnotes'><p>One source, 2020.</p><p>Two source, 2021.</p></div>")
    assert [(s.title, s.kind) for s in brief.sections] == [
        ("Reed Beds", SectionKind.OTHER), ("Notes", SectionKind.REFERENCES)]
    assert [b.kind for b in brief.sections[-1].blocks] == [
        BlockKind.HEADING, BlockKind.FOOTNOTE, BlockKind.FOOTNOTE]


def test_a_persian_page_with_endnotes() -> None:
    brief = _parse(
        "<html dir='rtl'><body><h1>منابع آب در استان‌های شرقی</h1>"
        "<h2>مقدمه</h2><p>بارش در سال گذشته کم بود.<sup><a href='#fn1'>۱</a></sup></p>"
        "<h2>توصیه‌ها</h2><p>پایش مجوزها باید دقیق‌تر شود.</p>"
        "<div class='footnotes'><ol><li id='fn1'>گزارش سازمان هواشناسی، ۱۴۰۲.</li></ol></div>"
        "</body></html>")
    kinds = [(s.title, s.kind) for s in brief.sections]
    assert kinds[1:] == [("مقدمه", SectionKind.INTRODUCTION),
                         ("توصیه‌ها", SectionKind.RECOMMENDATIONS),
                         ("", SectionKind.REFERENCES)]
    assert all(block.rtl for block in brief.blocks)


def test_back_links_go_but_links_to_the_bibliography_stay() -> None:
    brief = _parse(
        f"<h1>Reed Beds</h1><p>{TEXT}<sup id='cite_ref-a_1-0'><a href='#cite_note-a-1'>[1]</a>"
        "</sup></p><h2>Notes</h2><ol class='references'><li id='cite_note-a-1'>"
        "<span class='mw-cite-backlink'>^ <a href='#cite_ref-a_1-0'>a</a> "
        "<a href='#cite_ref-a_1-1'>b</a></span> <span class='reference-text'>"
        "<a href='#CITEREFAmes2021'>Ames 2021</a>, p. 12.</span></li></ol>")
    assert brief.blocks[-1].text == "[1] Ames 2021, p. 12."


def test_a_page_banner_outside_the_document_is_left_out() -> None:
    brief = _parse("<body><div class='site-notice'>Draft for comment only.</div>"
                   f"<article><h1>Reed Beds</h1><p>{TEXT}</p>"
                   "<div class='disclaimer'>The views are the authors' own.</div>"
                   "</article></body>")
    assert [b.text for b in brief.blocks] == ["Reed Beds", TEXT,
                                              "The views are the authors' own."]


def test_an_inline_eyebrow_in_a_section_header() -> None:
    brief = _parse("<article><h1>Reed Beds</h1><section><header>"
                   "<span class='kicker'>Background</span><h2>How permits began</h2></header>"
                   f"<p>{TEXT}</p></section></article>")
    assert _outline(brief) == [(1, "Reed Beds", SectionKind.OTHER),
                               (1, "Background", SectionKind.INTRODUCTION),
                               (2, "How permits began", SectionKind.INTRODUCTION)]


def test_notes_of_a_list_that_starts_later_keep_their_numbers() -> None:
    brief = _parse(f"<h1>Reed Beds</h1><p>{TEXT}</p><section class='endnotes'><ol start='4'>"
                   "<li>Survey of 2022, <a href='https://example.org/s'>online</a>.</li>"
                   "<li>Council report, 2023.</li></ol></section>")
    notes = brief.sections[-1].blocks
    assert [b.text for b in notes] == ["[4] Survey of 2022, online.", "[5] Council report, 2023."]
    [link] = notes[0].links
    assert notes[0].text[link.start:link.end] == "online"
