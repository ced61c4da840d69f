"""Recommendations read from our own briefs in Word, HTML and PDF (a Word file converted by
LibreOffice), through the importers."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.recommendations import extract_recommendations
from reviewdesk.importers import read_brief
from reviewdesk.importers.docx import parse_docx
from reviewdesk.importers.html import parse_html_text


def _items(brief: Brief) -> list[tuple[str, str]]:
    return [(" ".join(i.text.split()[:4]), i.addressee) for i in extract_recommendations(brief)]


def _bold(document: DocumentObject, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def _water_brief(*, table: bool = True) -> DocumentObject:
    document = Document()
    document.add_heading("Water for the Valley", 0)
    document.add_heading("Background", 1)
    document.add_paragraph("The valley's reservoirs fell to a third of their capacity in "
                           "two of the last five summers.")
    document.add_heading("Recommendations", 1)
    _bold(document, "For the Ministry of Water:")
    document.add_paragraph("Publish the reservoir levels every week.", style="List Bullet")
    document.add_paragraph("Fund meters for every canal.", style="List Bullet")
    _bold(document, "Rationale")
    document.add_paragraph("Farmers downstream cannot plan their sowing without the levels.")
    if table:
        cells = document.add_table(rows=3, cols=2)
        for row, pair in enumerate([("Who", "What"),
                                    ("Water councils", "Publish the quotas each season."),
                                    ("Valley Farmers' Union", "Train members to read meters.")]):
            cells.cell(row, 0).text, cells.cell(row, 1).text = pair
        document.add_paragraph("Table 1: Who should do what")
    return document


WATER_ITEMS = [
    ("Publish the reservoir levels", "Ministry of Water"),
    ("Fund meters for every", "Ministry of Water"),
    ("Publish the quotas each", "Water councils"),
    ("Train members to read", "Valley Farmers' Union"),
]


def _docx_bytes(document: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_labels_lists_and_a_table_of_actors() -> None:
    brief = parse_docx(_docx_bytes(_water_brief()), "water.docx")
    assert _items(brief) == WATER_ITEMS


def test_a_persian_word_brief() -> None:
    document = Document()
    document.add_heading("آب برای دره", 0)
    document.add_heading("پیشنهادها", 1)
    _bold(document, "برای وزارت نیرو:")
    document.add_paragraph("انتشار هفتگی سطح آب مخازن.", style="List Bullet")
    document.add_paragraph("شوراهای آب باید سهمیه‌ها را پیش از کاشت اعلام کنند.",
                           style="List Bullet")
    brief = parse_docx(_docx_bytes(document), "ab.docx")
    assert _items(brief) == [("انتشار هفتگی سطح آب", "وزارت نیرو"),
                             ("شوراهای آب باید سهمیه‌ها", "شوراهای آب")]


HTML = """<html><head><title>Fair Fares</title></head><body>
<h1>Fair Fares</h1>
<h2>The problem</h2><p>Riders cannot compare fares between the six bus operators.</p>
<h2>Recommendations to the Transport Authority</h2>
<p>We make three asks.</p>
<ol><li>Require every operator to publish its fares as open data.</li>
<li>Cap the price of a day ticket.</li></ol>
<p><strong>Rationale</strong></p>
<p>Fares rose faster than wages for five years.</p>
<h3>For bus operators</h3>
<p>Operators should accept one ticket on every line by 2027.</p>
<figure><img src="fares.png"><figcaption>Figure 2: Fares, 2019-2024</figcaption></figure>
<h2>Conclusion</h2><p>The city should act before the next fare round.</p>
</body></html>"""


def test_an_html_brief() -> None:
    assert _items(parse_html_text(HTML, "fares.html")) == [
        ("Require every operator to", "Transport Authority"),
        ("Cap the price of", "Transport Authority"),
        ("Operators should accept one", "Operators"),
    ]


def _soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        pytest.skip("LibreOffice is not installed")
    return found


def test_a_pdf_with_a_running_footer(tmp_path: Path) -> None:
    document = _water_brief(table=False)
    document.sections[0].footer.paragraphs[0].text = "Valley Water Review"
    background = document.paragraphs[2]
    for _ in range(3):
        background.insert_paragraph_before("The reservoirs are shared by four districts, "
                                           "and each keeps its own records of what it draws.")
    background.runs[-1].add_break(WD_BREAK.PAGE)
    source = tmp_path / "water.docx"
    document.save(str(source))
    subprocess.run([_soffice(), f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(source)], check=True, capture_output=True, timeout=120)
    brief = read_brief(tmp_path / "water.pdf")
    assert _items(brief) == WATER_ITEMS[:2]
    assert all("Valley Water Review" not in item.text
               for item in extract_recommendations(brief))
