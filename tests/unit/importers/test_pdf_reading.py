"""Reading PDF briefs: scaled type, margin numbers, lead-ins, contents, charts, outlines,
paragraphs over pages, titles and right-to-left text, on PDFs these tests write."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from reviewdesk.domain.brief import BlockKind, Brief
from reviewdesk.importers import read_brief
from reviewdesk.importers.pdf import parse_pdf
from reviewdesk.importers.pdf_glyphs import Glyph
from reviewdesk.importers.pdf_lines import logical_order


def _font(base: str) -> DictionaryObject:
    return DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject(base),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })


def put(x: float, y: float, size: float, words: str, font: str = "F1") -> str:
    escaped = words.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"BT /{font} {size} Tf {x} {y} Td ({escaped}) Tj ET\n"


def scaled(x: float, y: float, size: float, words: str, font: str = "F1") -> str:
    """Words set at font size 1 and scaled by the text matrix, as some writers do."""
    escaped = words.replace("(", "\\(").replace(")", "\\)")
    return f"BT /{font} 1 Tf {size} 0 0 {size} {x} {y} Tm ({escaped}) Tj ET\n"


def lines(x: float, y: float, texts: list[str], size: float = 10, step: float = 12) -> str:
    return "".join(put(x, y - i * step, size, line) for i, line in enumerate(texts))


def make_pdf(pages: list[str], title: str | None = None,
             outline: list[tuple[str, int]] | None = None) -> bytes:
    writer = PdfWriter()
    fonts = DictionaryObject({
        NameObject("/F1"): writer._add_object(_font("/Helvetica")),
        NameObject("/F2"): writer._add_object(_font("/Helvetica-Bold")),
    })
    for content in pages:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        stream = DecodedStreamObject()
        stream.set_data(content.encode("cp1252"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if title is not None:
        writer.add_metadata({"/Title": title})
    for name, page_index in outline or []:
        writer.add_outline_item(title=name, page_number=page_index)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def headings(brief: Brief) -> list[tuple[str, int]]:
    return [(b.text, b.level) for b in brief.blocks if b.kind == BlockKind.HEADING]


def texts(brief: Brief) -> list[str]:
    return [b.text for b in brief.blocks]


BODY = [
    "Harbour tolls have risen every year since the new pier opened, and the",
    "fishing cooperatives say their members now pay more than they earn in",
    "the winter months, when the catch is small and the boats stay in port.",
]


def test_type_scaled_by_the_text_matrix_keeps_its_size() -> None:
    page = (scaled(72, 720, 22, "Harbour Tolls Review", "F2") + scaled(72, 680, 15, "Findings")
            + lines(72, 655, BODY))
    brief = parse_pdf(make_pdf([page]), "tolls.pdf")
    assert brief.title == "Harbour Tolls Review"
    assert headings(brief) == [("Harbour Tolls Review", 0), ("Findings", 1)]
    assert texts(brief)[2] == " ".join(BODY)


def test_margin_line_numbers_are_dropped() -> None:
    body = [f"Sentence part {n} of the numbered manuscript goes on here and" for n in range(1, 9)]
    page = lines(90, 700, body) + "".join(
        put(60, 700 - i * 12, 6, str(i + 1)) for i in range(len(body)))
    brief = parse_pdf(make_pdf([page]), "numbered.pdf")
    assert texts(brief) == [" ".join(body)]


def test_lead_ins_are_not_headings_beside_real_ones() -> None:
    page = (put(72, 720, 18, "Ferry Timetables", "F2") + put(72, 690, 13, "Background", "F2")
            + put(72, 668, 10, "Key finding:", "F2")
            + put(136, 668, 10, "ferries run late, and most delays come from loading")
            + put(72, 656, 10, "cars in the dark, not from fog.")
            + put(72, 630, 10, "Costs.", "F2")
            + put(106, 630, 10, "Fuel is the largest cost, and the staff come second,")
            + put(72, 618, 10, "then the upkeep of the old ramps."))
    brief = parse_pdf(make_pdf([page]), "ferry.pdf")
    assert headings(brief) == [("Ferry Timetables", 0), ("Background", 1)]
    assert texts(brief)[2] == ("Key finding: ferries run late, and most delays come from "
                               "loading cars in the dark, not from fog.")
    assert texts(brief)[3].startswith("Costs. Fuel is the largest cost, and the staff")


def test_lead_ins_are_the_sections_when_nothing_else_is() -> None:
    page = (put(72, 720, 18, "Ferry Timetables", "F2")
            + put(72, 690, 10, "Delays.", "F2")
            + put(112, 690, 10, "Ferries run late most days, as loading cars in the")
            + put(72, 678, 10, "dark takes longer than it should.")
            + put(72, 650, 10, "Costs.", "F2") + put(106, 650, 10, "Fuel is the largest cost.")
            + put(72, 638, 10, "Staff come second, then the upkeep of the old ramps."))
    brief = parse_pdf(make_pdf([page]), "ferry.pdf")
    assert headings(brief) == [("Ferry Timetables", 0), ("Delays.", 1), ("Costs.", 1)]
    assert texts(brief)[2] == ("Ferries run late most days, as loading cars in the dark "
                               "takes longer than it should.")


def test_contents_entries_and_dates_are_not_headings() -> None:
    contents = (put(72, 720, 16, "Contents", "F2")
                + put(72, 690, 10, "Background . . . . . . . . . . . . . . 2", "F2")
                + put(72, 676, 10, "Options . . . . . . . . . . . . . . . . 3", "F2"))
    first = put(72, 720, 22, "Dockside Housing", "F2") + put(72, 690, 14, "March 2024", "F2")
    first += put(72, 660, 16, "Background", "F2") + lines(72, 640, BODY)
    brief = parse_pdf(make_pdf([first, contents + lines(72, 640, BODY)]), "dock.pdf")
    assert headings(brief) == [("Dockside Housing", 0), ("Background", 1)]
    assert "March 2024" in texts(brief)
    assert not any("Options" in text or "Contents" in text for text in texts(brief))


def test_paragraph_goes_on_over_the_page_and_skips_its_footnote() -> None:
    first = lines(72, 700, BODY[:2]) + put(72, 80, 7, "1 A note at the foot of the page.")
    second = lines(72, 700, BODY[2:])
    brief = parse_pdf(make_pdf([first, second]), "tolls.pdf")
    assert texts(brief) == [" ".join(BODY), "1 A note at the foot of the page."]
    assert [b.page for b in brief.blocks] == [1, 1]


def test_chart_ticks_and_labels_over_pictures_are_skipped() -> None:
    ticks = put(100, 500, 8, "0 20 40 60 80 100") + "".join(
        put(80, 600 - i * 20, 8, str(v)) for i, v in enumerate((50, 40, 30, 20)))
    brief = parse_pdf(make_pdf([lines(72, 700, BODY) + ticks]), "chart.pdf")
    assert texts(brief) == [" ".join(BODY)]


def test_outline_names_the_headings() -> None:
    page = (put(72, 750, 20, "Levy Review", "F2")
            + put(72, 720, 12, "Port Levies", "F2") + lines(72, 700, BODY)
            + put(72, 650, 12, "A bold aside in the text", "F2") + lines(72, 630, BODY)
            + put(72, 580, 12, "What to change", "F2") + lines(72, 560, BODY))
    pdf = make_pdf([page], outline=[("Port Levies", 0), ("What to change", 0),
                                    ("Annex", 0)])
    brief = parse_pdf(pdf, "levies.pdf")
    assert headings(brief) == [("Levy Review", 0), ("Port Levies", 1), ("What to change", 1)]


def test_title_from_the_page_over_a_shorter_metadata_title() -> None:
    page = (put(72, 720, 20, "Water Rights for the", "F2")
            + put(72, 660, 20, "Northern Valley Farms", "F2") + lines(72, 600, BODY))
    brief = parse_pdf(make_pdf([page], title="Water Rights for Northern Farms"), "draft-7.pdf")
    assert brief.title == "Water Rights for the Northern Valley Farms"
    other = parse_pdf(make_pdf([page], title="Quarterly Series"), "draft-7.pdf")
    assert other.title == "Quarterly Series"


def _glyph(char: str, x0: float, width: float = 5.0) -> Glyph:
    return Glyph(char, x0, 100, x0 + width, 110, 10, False)


def test_right_to_left_glyphs_in_reading_order() -> None:
    # Left to right on the page: "(۱۴۰۳)" then, after a space, "سال" at the right.
    # A bracket is drawn with the glyph of its mirror image in right-to-left text.
    drawn = [_glyph("(", 10), _glyph("۱", 15), _glyph("۴", 20), _glyph("۰", 25),
             _glyph("۳", 30), _glyph(")", 35), _glyph("ل", 50), _glyph("ا", 55),
             _glyph("س", 60)]
    drawn = [drawn[i] for i in (6, 0, 8, 3, 1, 7, 2, 5, 4)]  # any drawing order
    text = "".join(("" if not g.space_before else " ") + g.char for g in logical_order(drawn))
    assert text == "سال (۱۴۰۳)"


def test_a_lam_alef_ligature_reads_lam_first() -> None:
    # "سلام" drawn right to left; the ligature "لا" is one glyph, handed over alef first.
    drawn = [_glyph("س", 30), _glyph("ا", 20), _glyph("ل", 20), _glyph("م", 10)]
    text = "".join(g.char for g in logical_order(drawn))
    assert text == "سلام"
    # Two letters in boxes of their own keep the order their places give.
    apart = [_glyph("ا", 25), _glyph("ل", 20), _glyph("ب", 15)]
    assert "".join(g.char for g in logical_order(apart)) == "الب"


def _soffice_pdf(tmp_path: Path, name: str, build: object) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    build(document)  # type: ignore[operator]
    source = tmp_path / f"{name}.docx"
    document.save(str(source))
    soffice = shutil.which("soffice")
    assert soffice is not None
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return tmp_path / f"{name}.pdf"


def _rtl(paragraph: object) -> None:
    from docx.oxml import OxmlElement

    paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))  # type: ignore[attr-defined]


PERSIAN = ("شورای شهر در سال ۱۴۰۲ طرح تازه‌ای برای مدیریت پسماند تصویب کرد و به دلایل مالی "
           "هزینه آن را (۲۵ درصد) از بودجه عمرانی پرداخت. ")


def _persian(document: object) -> None:
    heading = document.add_heading("مدیریت پسماند شهری", 0)  # type: ignore[attr-defined]
    _rtl(heading)
    _rtl(document.add_heading("پیشنهادها", 1))  # type: ignore[attr-defined]
    _rtl(document.add_paragraph(PERSIAN * 3))  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_persian_brief_reads_right_to_left_with_words_whole(tmp_path: Path) -> None:
    brief = read_brief(_soffice_pdf(tmp_path, "persian", _persian))
    assert brief.title == "مدیریت پسماند شهری"
    body = [b for b in brief.blocks if b.kind == BlockKind.PARAGRAPH]
    assert len(body) == 1 and body[0].rtl
    words = set(body[0].text.split())
    for word in ("مدیریت", "پسماند", "بودجه", "عمرانی", "۱۴۰۲", "(۲۵", "دلایل"):
        assert word in words
    assert "سال ۱۴۰۲ طرح" in body[0].text


COLUMN_TEXT = ("River towns share one water board, and every spring the board sets the "
               "quota that each town may draw from the reservoir for its fields and homes. ")


def _two_columns(document: object) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section = document.sections[0]  # type: ignore[attr-defined]
    columns = OxmlElement("w:cols")
    columns.set(qn("w:num"), "2")
    section._sectPr.append(columns)
    section.header.paragraphs[0].text = "Water Board Brief - spring edition"
    document.add_heading("Sharing the Reservoir", 1)  # type: ignore[attr-defined]
    for _ in range(6):
        document.add_paragraph(COLUMN_TEXT * 5)  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_two_column_brief_keeps_paragraphs_whole_and_drops_the_header(tmp_path: Path) -> None:
    brief = read_brief(_soffice_pdf(tmp_path, "columns", _two_columns))
    body = [b.text for b in brief.blocks if b.kind == BlockKind.PARAGRAPH]
    assert body == [" ".join((COLUMN_TEXT * 5).split())] * 6
    assert "spring edition" not in brief.text
    assert len({b.page for b in brief.blocks}) >= 2
