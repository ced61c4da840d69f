"""Reference lists of our own written as Word files (and PDFs made from them), imported and
read into the entries a reviewer sees."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reviewdesk.domain.findings import Reference
from reviewdesk.importers import read_brief
from reviewdesk.services.findings import initial_findings

docx = pytest.importorskip("docx")

BODY = ("Reed beds along the north shore shrank by a third between 2015 and 2021, while eel "
        "catches doubled (Okafor 2019; Lake Board, n.d.), and the delta trust found the same "
        "in its own survey (Ramos, 2020). ")
MLA = [
    "Okafor, Nneka. “Reed Beds and River Towns.” Delta Review, 3 May 2019, "
    "https://example.org/reeds.",
    "Lake Board. “Annual Eel Count.” Lake Board Notes, n.d.",
    "Ramos, Pia. “Dykes of the North.” Marsh Weekly, 12 Jan. 2020. Retrieved from",
    "https://example.org/marsh/2020/01/dykes",
    "Okafor, Nneka. “Reed Beds and River Towns.” Delta Review, 3 May 2019, "
    "https://example.org/reeds.",
]


def _entries(path: Path) -> list[Reference]:
    references, _ = initial_findings(read_brief(path))
    return references


def test_word_list_under_a_bold_body_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Reeds of the North Shore").runs[0].bold = True
    document.add_paragraph(BODY * 2)
    document.add_paragraph().add_run("Works Cited").bold = True
    for entry in MLA:
        document.add_paragraph(entry)
    document.add_paragraph("Prepared by the shore desk, page 3")
    path = tmp_path / "reeds.docx"
    document.save(str(path))
    entries = _entries(path)
    assert [(e.url, e.flags, e.duplicate_of) for e in entries] == [
        ("https://example.org/reeds", [], None),
        ("", ["missing_url", "missing_date"], None),
        ("https://example.org/marsh/2020/01/dykes", [], None),
        ("https://example.org/reeds", ["duplicate"], 1),
    ]


GOST = [
    "Петрова А. В. Тростниковые заросли северного берега и их роль в жизни прибрежных "
    "городов дельты: монография. — М.: Дельта, 2019. — 200 с.",
    "Озёрный совет. Ежегодный учёт угря в северной части дельты и на прибрежных участках "
    "озера. — б.г. — URL: https://example.org/ugor-uchet-severnaya-chast-delty",
    "Иванов И. И. Дамбы и польдеры севера: история строительства и современное состояние "
    "гидротехнических сооружений. — СПб.: Нева, 2020. — 150 с.",
]


def _pdf(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Тростник северного берега", 0)
    document.add_paragraph("Площадь тростника сократилась на треть [1], а улов угря вырос "
                           "вдвое [2]; дамбы устарели [3]. " * 4)
    document.add_heading("Список литературы", 1)
    for number, entry in enumerate(GOST, start=1):
        document.add_paragraph(f"{number}. {entry}")
    source = tmp_path / "reeds.docx"
    document.save(str(source))
    soffice = shutil.which("soffice")
    assert soffice is not None
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return tmp_path / "reeds.pdf"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_numbered_russian_list_wrapped_over_pdf_lines(tmp_path: Path) -> None:
    entries = _entries(_pdf(tmp_path))
    assert [e.flags for e in entries] == [["missing_url"], ["missing_date"], ["missing_url"]]
    assert entries[1].url.startswith("https://example.org/ugor")


def test_persian_word_list_with_persian_digits(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("نیزارهای کرانه شمالی")
    document.add_paragraph("نیزارها در سال ۱۴۰۰ یک سوم کوچک‌تر شدند (احمدی، ۱۴۰۰) و صید "
                           "مارماهی دو برابر شد (انجمن دریاچه، بی‌تا).")
    document.add_paragraph().add_run("فهرست منابع").bold = True
    for entry in ("۱- احمدی، رضا (۱۴۰۰). نیزارها و شهرهای کرانه. تهران: نشر دلتا.",
                  "۲- انجمن دریاچه (بی‌تا). شمارش سالانه مارماهی. "
                  "https://example.org/marmahi",
                  "۳- احمدی، رضا (۱۴۰۰). نیزارها و شهرهای کرانه. تهران: نشر دلتا."):
        document.add_paragraph(entry)
    path = tmp_path / "neyzar.docx"
    document.save(str(path))
    entries = _entries(path)
    assert [(e.date_text, e.flags, e.duplicate_of) for e in entries] == [
        ("۱۴۰۰", ["missing_url"], None),
        ("بی‌تا", ["missing_date"], None),
        ("۱۴۰۰", ["missing_url", "duplicate"], 1),
    ]
