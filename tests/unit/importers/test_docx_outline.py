"""Headings and titles of Word briefs whose paragraphs carry no heading style, on documents
written here with python-docx in the patterns real briefs use, in six languages."""

from __future__ import annotations

import io

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from reviewdesk.domain.brief import BlockKind, Brief
from reviewdesk.domain.sections import SectionKind
from reviewdesk.importers.docx import parse_docx

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BODY = ("The committee met twice in the spring and agreed on a shared reading of the figures, "
        "which the ministry then published with a short note on method.")


def _bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _bold(document: Document, text: str, size: float | None = None) -> Paragraph:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = True
    if size is not None:
        run.font.size = Pt(size)
    return paragraph


def _parse(document: Document, name: str = "brief.docx") -> Brief:
    return parse_docx(_bytes(document), name)


def _headings(brief: Brief) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in brief.blocks if b.kind == BlockKind.HEADING]


def _kinds(brief: Brief) -> dict[str, SectionKind]:
    return {section.title: section.kind for section in brief.sections if section.title}


def test_bold_paragraphs_are_headings_and_the_first_prominent_line_the_title() -> None:
    document = docx.Document()
    document.add_paragraph("Lake Institute | Policy Brief")
    _bold(document, "Keeping the Reed Beds: Grazing Permits after the Drought")
    _bold(document, "Background")
    document.add_paragraph(BODY)
    _bold(document, "Why permits matter")
    document.add_paragraph(BODY)
    labelled = document.add_paragraph()
    labelled.add_run("Note:").bold = True
    labelled.add_run(" a bold label at the start of a paragraph does not make it a heading.")
    _bold(document, "Recommendations")
    document.add_paragraph(BODY)
    brief = _parse(document)
    assert brief.title == "Keeping the Reed Beds: Grazing Permits after the Drought"
    assert _headings(brief) == [
        (0, "Keeping the Reed Beds: Grazing Permits after the Drought"),
        (1, "Background"), (1, "Why permits matter"), (1, "Recommendations")]
    assert _kinds(brief)["Why permits matter"] == SectionKind.REASONS
    assert _kinds(brief)["Recommendations"] == SectionKind.RECOMMENDATIONS


def test_a_memo_header_is_no_section_and_its_subject_is_the_title() -> None:
    document = docx.Document()
    document.add_paragraph("Office of Water Policy").runs[0].font.size = Pt(16)
    for line in ("To:\t\tThe Minister of Agriculture", "From:\t\tPolicy Unit",
                 "Date:\t\t4 March 2025", "Re:\t\tGrazing Permits on Common Land"):
        document.add_paragraph(line)
    _bold(document, "Summary")
    document.add_paragraph(BODY)
    _bold(document, "Next Steps")
    document.add_paragraph(BODY)
    brief = _parse(document, "memo.docx")
    assert brief.title == "Grazing Permits on Common Land"
    assert _headings(brief) == [(1, "Summary"), (1, "Next Steps")]
    assert brief.sections[0].title == ""  # the letterhead and the header are front matter
    assert len(brief.sections[0].blocks) == 5


def test_a_memo_without_subject_takes_its_first_line() -> None:
    document = docx.Document()
    document.add_paragraph("Memo: Water Tariffs for Small Farms")
    document.add_paragraph("To: Regional Council")
    document.add_paragraph("From: Planning Office")
    document.add_paragraph(BODY)
    _bold(document, "BACKGROUND")
    document.add_paragraph(BODY)
    brief = _parse(document, "memo.docx")
    assert brief.title == "Memo: Water Tariffs for Small Farms"
    assert _headings(brief) == [(0, "Memo: Water Tariffs for Small Farms"), (1, "BACKGROUND")]


def test_all_caps_and_colon_ended_labels() -> None:
    document = docx.Document()
    document.add_paragraph("KEY FINDINGS")
    document.add_paragraph(BODY)
    document.add_paragraph("POLICY CONTEXT:")
    document.add_paragraph(BODY)
    document.add_paragraph("WHAT WE RECOMMEND")
    document.add_paragraph(BODY)
    brief = _parse(document)
    assert [text for _, text in _headings(brief)] == [
        "KEY FINDINGS", "POLICY CONTEXT:", "WHAT WE RECOMMEND"]
    assert list(_kinds(brief).values()) == [
        SectionKind.SUMMARY, SectionKind.INTRODUCTION, SectionKind.RECOMMENDATIONS]


def test_larger_text_outranks_bold_text() -> None:
    document = docx.Document()
    big = document.add_paragraph().add_run("Findings")
    big.font.size = Pt(16)
    document.add_paragraph(BODY)
    _bold(document, "Northern districts")
    document.add_paragraph(BODY)
    big = document.add_paragraph().add_run("Outlook")
    big.font.size = Pt(16)
    document.add_paragraph(BODY)
    brief = _parse(document)
    assert _headings(brief) == [(1, "Findings"), (2, "Northern districts"), (1, "Outlook")]
    assert _kinds(brief)["Northern districts"] == SectionKind.INDICATORS  # inherited


def test_centred_lines_are_headings_when_the_body_is_not_centred() -> None:
    document = docx.Document()
    for text in ("Policy Brief", "Grain Reserves", "Introduction"):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(BODY)
    document.add_paragraph("Conclusion").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(BODY)
    brief = _parse(document)
    assert brief.title == "Grain Reserves"  # "Policy Brief" names the kind of document
    assert _headings(brief) == [(0, "Grain Reserves"), (1, "Introduction"), (1, "Conclusion")]


def test_auto_numbered_list_paragraphs_apart_are_headings_bullets_are_not() -> None:
    document = docx.Document()
    document.add_paragraph("Objective", style="List Number")
    document.add_paragraph(BODY)
    document.add_paragraph("A bullet standing alone", style="List Bullet")
    document.add_paragraph(BODY)
    document.add_paragraph("Findings", style="List Number")
    document.add_paragraph(BODY)
    document.add_paragraph("First step", style="List Bullet")
    document.add_paragraph("Second step", style="List Bullet")
    document.add_paragraph("Conclusion", style="List Number")
    document.add_paragraph(BODY)
    brief = _parse(document)
    assert _headings(brief) == [(1, "Objective"), (1, "Findings"), (1, "Conclusion")]
    items = [(b.text, b.level) for b in brief.blocks if b.kind == BlockKind.LIST_ITEM]
    assert items == [("A bullet standing alone", 1), ("First step", 1), ("Second step", 1)]


def test_a_numbered_list_in_a_row_stays_a_list() -> None:
    document = docx.Document()
    _bold(document, "Recommendations")
    for text in ("Fund the survey", "Publish the data", "Review the permits"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph(BODY)
    brief = _parse(document)
    assert _headings(brief) == [(1, "Recommendations")]
    assert len([b for b in brief.blocks if b.kind == BlockKind.LIST_ITEM]) == 3


def test_list_levels_are_kept() -> None:
    document = docx.Document()
    document.add_paragraph("Top item", style="List Bullet")
    document.add_paragraph("Inner item", style="List Bullet 2")
    document.add_paragraph("Innermost item", style="List Bullet 3")
    document.add_paragraph("Top again", style="List Bullet")
    brief = _parse(document)
    assert [(b.text, b.level) for b in brief.blocks] == [
        ("Top item", 1), ("Inner item", 2), ("Innermost item", 3), ("Top again", 1)]


def test_typed_numbers_make_headings_but_a_typed_list_does_not() -> None:
    document = docx.Document()
    document.add_paragraph("1. Background")
    document.add_paragraph(BODY)
    document.add_paragraph("2. Options")
    document.add_paragraph(BODY)
    document.add_paragraph("1) Raise the fee")
    document.add_paragraph("2) Cap the herd size")
    document.add_paragraph("3. Recommendation")
    document.add_paragraph(BODY)
    brief = _parse(document)
    assert [text for _, text in _headings(brief)] == [
        "1. Background", "2. Options", "3. Recommendation"]


def test_roman_and_lettered_parts() -> None:
    document = docx.Document()
    _bold(document, "I. The Crisis")
    document.add_paragraph(BODY)
    _bold(document, "A. Northern basin")
    document.add_paragraph(BODY)
    _bold(document, "B. Southern basin")
    document.add_paragraph(BODY)
    _bold(document, "II. The Case for Reform")
    document.add_paragraph(BODY)
    brief = _parse(document)
    assert _headings(brief) == [(1, "I. The Crisis"), (2, "A. Northern basin"),
                                (2, "B. Southern basin"), (1, "II. The Case for Reform")]
    assert _kinds(brief)["II. The Case for Reform"] == SectionKind.REASONS


@pytest.mark.parametrize("text", [
    "“We cannot wait another season”",
    "Figure 2: Permits issued by district",
    "Source: Ministry of Water",
    "Introduction\t3",
    "This sentence is bold and it ends with a full stop.",
    "but it starts in lower case",
])
def test_bold_lines_that_are_no_headings(text: str) -> None:
    document = docx.Document()
    _bold(document, "Overview")
    document.add_paragraph(BODY)
    _bold(document, text)
    document.add_paragraph(BODY)
    assert _headings(_parse(document)) == [(1, "Overview")]


def test_an_address_block_of_bold_lines_is_not_headings() -> None:
    document = docx.Document()
    _bold(document, "Overview")
    document.add_paragraph(BODY)
    _bold(document, "Water Policy Centre")
    _bold(document, "Riverside Campus")
    document.add_paragraph(BODY)
    assert _headings(_parse(document)) == [(1, "Overview")]


def test_caps_paragraph_joins_caps_heading_styles() -> None:
    document = docx.Document()
    document.add_paragraph("THE RIVER COMPACT", style="Heading 3")
    document.add_paragraph("KEY POINTS:")
    document.add_paragraph(BODY)
    document.add_paragraph("CONTEXT:", style="Heading 3")
    document.add_paragraph(BODY)
    document.add_paragraph("FURTHER READING:")
    document.add_paragraph("Ames, J. (2020). Rivers. Lake Press.")
    document.add_paragraph("Bold but not caps")  # styled headings are caps: left alone
    brief = _parse(document)
    assert [text for _, text in _headings(brief)] == [
        "THE RIVER COMPACT", "KEY POINTS:", "CONTEXT:", "FURTHER READING:"]
    assert _kinds(brief)["FURTHER READING:"] == SectionKind.REFERENCES


def test_title_line_above_styled_headings() -> None:
    document = docx.Document()
    _bold(document, "Seed Banks in the Highlands", size=18)
    document.add_paragraph("Introduction", style="Heading 1")
    document.add_paragraph(BODY)
    document.add_paragraph("Outlook", style="Heading 1")
    document.add_paragraph(BODY)
    brief = _parse(document, "seed-banks-final-v3.docx")
    assert brief.title == "Seed Banks in the Highlands"


def test_a_document_without_a_title_line_is_named_by_its_file() -> None:
    document = docx.Document()
    _bold(document, "Introduction")
    document.add_paragraph(BODY)
    _bold(document, "Conclusion")
    document.add_paragraph(BODY)
    assert _parse(document, "reed-beds.docx").title == "Reed beds"


def _rtl_bold(document: Document, text: str, complex_only: bool) -> None:
    """A right-to-left paragraph made bold as Word does for Arabic script: w:bCs (and w:b
    unless `complex_only`)."""
    paragraph = document.add_paragraph()
    paragraph._p.get_or_add_pPr().append(parse_xml(f"<w:bidi {NS}/>"))
    run = paragraph.add_run(text)
    rpr = run._r.get_or_add_rPr()
    if not complex_only:
        rpr.append(parse_xml(f"<w:b {NS}/>"))
    rpr.append(parse_xml(f"<w:bCs {NS}/>"))
    rpr.append(parse_xml(f"<w:rtl {NS}/>"))


_PERSIAN_BODY = ("در سال گذشته وزارت نیرو برنامه‌ای تازه برای مدیریت منابع آب در استان‌های "
                 "شرقی اعلام کرد و گزارش آن را در پایان پاییز منتشر کرد.")
_ARABIC_BODY = ("أعلنت الوزارة في العام الماضي خطة جديدة لإدارة المياه في المحافظات الشرقية "
                "ونشرت تقريرها في نهاية الخريف بعد مشاورات طويلة.")


@pytest.mark.parametrize(("headings", "body", "kinds", "complex_only"), [
    (["مقدمه", "دلایل تغییر", "چشم‌انداز", "پیشنهادها", "منابع"], _PERSIAN_BODY,
     [SectionKind.INTRODUCTION, SectionKind.REASONS, SectionKind.PROSPECTS,
      SectionKind.RECOMMENDATIONS, SectionKind.REFERENCES], True),
    (["مقدمة", "المؤشرات", "الخاتمة", "التوصيات", "المراجع"], _ARABIC_BODY,
     [SectionKind.INTRODUCTION, SectionKind.INDICATORS, SectionKind.CONCLUSION,
      SectionKind.RECOMMENDATIONS, SectionKind.REFERENCES], False),
])
def test_right_to_left_briefs(headings: list[str], body: str, kinds: list[SectionKind],
                              complex_only: bool) -> None:
    document = docx.Document()
    for heading in headings:
        _rtl_bold(document, heading, complex_only)
        document.add_paragraph(body)
    brief = _parse(document)
    assert [text for _, text in _headings(brief)] == headings
    assert list(_kinds(brief).values()) == kinds
    assert all(block.rtl for block in brief.blocks)


@pytest.mark.parametrize(("title", "headings", "body", "kinds"), [
    ("Водные ресурсы Центральной Азии",
     ["Введение", "Причины дефицита", "Перспективы", "Рекомендации", "Список литературы"],
     "Министерство опубликовало в прошлом году новый план управления водой, и его итоги "
     "обсуждались на встрече в столице.",
     [SectionKind.INTRODUCTION, SectionKind.REASONS, SectionKind.PROSPECTS,
      SectionKind.RECOMMENDATIONS, SectionKind.REFERENCES]),
    ("Захираҳои об дар водии Вахш",
     ["Муқаддима", "Сабабҳо", "Хулоса", "Тавсияҳо", "Адабиёт"],
     "Вазорат соли гузашта нақшаи наверо барои идораи об эълон кард ва натиҷаҳои онро "
     "дар охири тирамоҳ нашр намуд.",
     [SectionKind.INTRODUCTION, SectionKind.REASONS, SectionKind.CONCLUSION,
      SectionKind.RECOMMENDATIONS, SectionKind.REFERENCES]),
    ("Les réserves d'eau du bassin",
     ["Contexte", "Pourquoi agir maintenant", "Demandes", "Bibliographie"],
     "Le ministère a publié l'an dernier un nouveau plan de gestion de l'eau, discuté lors "
     "d'une réunion à la fin de l'automne.",
     [SectionKind.INTRODUCTION, SectionKind.PROSPECTS, SectionKind.RECOMMENDATIONS,
      SectionKind.REFERENCES]),
    ("Reservas de agua en la cuenca",
     ["RESUMEN EJECUTIVO", "ANÁLISIS", "RECOMENDACIÓN", "BIBLIOGRAFÍA"],
     "El ministerio publicó el año pasado un nuevo plan de gestión del agua, que se discutió "
     "en una reunión al final del otoño.",
     [SectionKind.SUMMARY, SectionKind.REASONS, SectionKind.RECOMMENDATIONS,
      SectionKind.REFERENCES]),
])
def test_briefs_in_other_languages(title: str, headings: list[str], body: str,
                                   kinds: list[SectionKind]) -> None:
    document = docx.Document()
    _bold(document, title, size=16)
    for heading in headings:
        _bold(document, heading)
        document.add_paragraph(body)
    brief = _parse(document, "x.docx")
    assert brief.title == title
    assert [text for _, text in _headings(brief)] == [title, *headings]
    assert list(_kinds(brief).values())[1:] == kinds


def test_a_plain_first_line_in_title_case_names_the_document() -> None:
    document = docx.Document()
    document.add_paragraph("Water Reform in the Lower Valley")
    document.add_paragraph(BODY)
    assert _parse(document, "draft-7.docx").title == "Water Reform in the Lower Valley"
    document = docx.Document()
    document.add_paragraph("This is a")  # a fragment, not a title: the file name is used
    document.add_paragraph(BODY)
    assert _parse(document, "draft-7.docx").title == "Draft 7"


def test_small_print_above_the_title_is_passed_over() -> None:
    document = docx.Document()
    small = document.add_paragraph()
    small.alignment = WD_ALIGN_PARAGRAPH.CENTER
    small.add_run("Top of page").font.size = Pt(7)
    big = document.add_paragraph()
    big.alignment = WD_ALIGN_PARAGRAPH.CENTER
    big.add_run("Keys to the River").font.size = Pt(20)
    document.add_paragraph(BODY)
    document.add_paragraph(BODY)
    assert _parse(document).title == "Keys to the River"


def test_a_title_over_several_lines_is_completed_by_the_title_property() -> None:
    document = docx.Document()
    document.core_properties.title = "Keys to the River and its Valleys"
    for line, size in (("Keys to the River", 24), ("and its Valleys", 24)):
        document.add_paragraph().add_run(line).font.size = Pt(size)
    document.add_paragraph(BODY)
    assert _parse(document).title == "Keys to the River and its Valleys"


def test_a_title_that_names_a_part_is_still_the_title_section() -> None:
    document = docx.Document()
    document.add_paragraph("Policy Brief")
    _bold(document, "Fisheries Outlook", size=18)
    _bold(document, "Background")
    document.add_paragraph(BODY)
    brief = _parse(document)
    assert brief.title == "Fisheries Outlook"
    assert _kinds(brief)["Fisheries Outlook"] == SectionKind.OTHER


def test_bold_lines_under_a_heading_style_are_its_sub_headings() -> None:
    document = docx.Document()
    document.add_paragraph("Recommendations", style="Heading 1")
    document.add_paragraph(BODY)
    _bold(document, "For the ministry")
    document.add_paragraph("Publish the permit register every quarter.")
    _bold(document, "For district councils")
    document.add_paragraph("Check one permit in ten on the ground.")
    document.add_paragraph("Conclusion", style="Heading 1")
    document.add_paragraph(BODY)
    brief = _parse(document)
    assert _headings(brief) == [(1, "Recommendations"), (2, "For the ministry"),
                                (2, "For district councils"), (1, "Conclusion")]
    assert _kinds(brief)["For district councils"] == SectionKind.RECOMMENDATIONS


@pytest.mark.parametrize("label", ["Ёддошти таҳлилӣ", "خلاصه سیاستی", "Policy Brief"])
def test_a_type_label_whose_words_name_a_part_is_still_only_a_label(label: str) -> None:
    document = docx.Document()
    for text in (label, "Захираҳои об дар водии Вахш", "Муқаддима"):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(BODY)
    document.add_paragraph("Хулоса").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(BODY)
    brief = _parse(document)
    assert brief.title == "Захираҳои об дар водии Вахш"
    assert [text for _, text in _headings(brief)] == [
        "Захираҳои об дар водии Вахш", "Муқаддима", "Хулоса"]


_BOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<w:drawing><wp:anchor><wp:docPr id="1" name="Cover"/><a:graphic><a:graphicData '
    'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
    "<wps:txbx><w:txbxContent>"
    "<w:p><w:r><w:t>Policy Brief</w:t></w:r></w:p>"
    '<w:p><w:r><w:rPr><w:b/><w:sz w:val="56"/></w:rPr><w:t>Reed Beds of the Lower Valley</w:t>'
    "</w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData>"
    "</a:graphic></wp:anchor></w:drawing></w:r>")


def test_a_cover_title_in_a_text_box() -> None:
    document = docx.Document()
    document.add_paragraph()._p.append(parse_xml(_BOX))
    _bold(document, "Introduction")
    document.add_paragraph(BODY)
    _bold(document, "Recommendations")
    document.add_paragraph(BODY)
    brief = _parse(document, "cover.docx")
    assert brief.title == "Reed Beds of the Lower Valley"
    assert _headings(brief) == [(0, "Reed Beds of the Lower Valley"), (1, "Introduction"),
                                (1, "Recommendations")]


def _coloured(document: Document, text: str, rgb: str) -> None:
    from docx.shared import RGBColor

    document.add_paragraph().add_run(text).font.color.rgb = RGBColor.from_string(rgb)


def test_headings_set_off_by_colour_alone_grey_lines_are_not() -> None:
    document = docx.Document()
    _coloured(document, "Lake Institute | Policy Brief", "7F7F7F")  # a grey running line
    _bold(document, "Reed Beds after the Drought")
    _coloured(document, "Background", "1F4E79")
    document.add_paragraph(BODY)
    _coloured(document, "Our Asks", "1F4E79")
    document.add_paragraph(BODY)
    link = document.add_paragraph()
    link._p.append(parse_xml(
        f'<w:hyperlink {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships" w:anchor="x"><w:r><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/>'
        "</w:rPr><w:t>Water Atlas Online</w:t></w:r></w:hyperlink>"))
    document.add_paragraph(BODY)
    brief = _parse(document)
    assert brief.title == "Reed Beds after the Drought"
    assert [text for _, text in _headings(brief)] == [
        "Reed Beds after the Drought", "Background", "Our Asks"]


def test_bylines_and_dates_under_the_title_are_not_headings() -> None:
    document = docx.Document()
    _bold(document, "Reed Beds after the Drought", size=18)
    _bold(document, "Jane Ames and Omar Said")
    _bold(document, "March 2025")
    _bold(document, "Executive Summary")
    document.add_paragraph(BODY)
    _bold(document, "Conclusion")
    document.add_paragraph(BODY)
    brief = _parse(document)
    assert [text for _, text in _headings(brief)] == [
        "Reed Beds after the Drought", "Executive Summary", "Conclusion"]
