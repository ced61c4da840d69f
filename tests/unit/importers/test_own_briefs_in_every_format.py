"""Our own briefs in six languages (tests/support/briefs) read the same from Markdown, from
Word with bold paragraphs for headings (no heading styles), from HTML and from a PDF made
by LibreOffice: the same parts with the same kinds, the same reference entries, the same
recommendations with the same addressees, and the same language."""

from __future__ import annotations

import html
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.sections import SectionKind
from reviewdesk.importers import read_brief
from reviewdesk.services.findings import initial_findings

BRIEFS = Path(__file__).parents[2] / "support" / "briefs"
NAMES = sorted(path.name for path in BRIEFS.glob("*.md"))
RIGHT_TO_LEFT = ("ar", "fa")


@dataclass(frozen=True)
class Reading:
    parts: list[tuple[str, SectionKind]]
    references: int
    addressees: list[str]
    language: str


def _reading(brief: Brief) -> Reading:
    references, recommendations = initial_findings(brief)
    parts = [(" ".join(s.title.replace("\u200c", "").split()), s.kind)
             for s in brief.sections if s.title and s.title != brief.title]
    return Reading(parts, len(references),
                   [r.addressee.replace("\u200c", "") for r in recommendations],
                   brief.language)


def _lines(name: str) -> list[str]:
    text = (BRIEFS / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def _docx(name: str, target: Path) -> Path:
    docx = pytest.importorskip("docx")
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    for line in _lines(name):
        heading = len(line) - len(line.lstrip("#"))
        text = line.lstrip("#- ").strip() if line.startswith(("#", "- ")) else line
        if heading:
            paragraph = document.add_paragraph()
            run = paragraph.add_run(text)
            run.bold = True
            run.font.size = Pt(20 if heading == 1 else 14)
            properties = run._r.get_or_add_rPr()  # the complex-script bold and size too
            properties.append(OxmlElement("w:bCs"))
            size = OxmlElement("w:szCs")
            size.set(qn("w:val"), str(40 if heading == 1 else 28))
            properties.append(size)
        elif line.startswith("- "):
            paragraph = document.add_paragraph(text, style="List Bullet")
        else:
            paragraph = document.add_paragraph(text)
        if name[:2] in RIGHT_TO_LEFT:
            paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
    path = target / (Path(name).stem + ".docx")
    document.save(str(path))
    return path


def _html(name: str, target: Path) -> Path:
    parts = []
    for line in _lines(name):
        heading = len(line) - len(line.lstrip("#"))
        if heading:
            parts.append(f"<h{heading}>{html.escape(line.lstrip('# '))}</h{heading}>")
        elif line.startswith("- "):
            parts.append(f"<ul><li>{html.escape(line[2:])}</li></ul>")
        else:
            parts.append(f"<p>{html.escape(line)}</p>")
    direction = ' dir="rtl"' if name[:2] in RIGHT_TO_LEFT else ""
    path = target / (Path(name).stem + ".html")
    path.write_text(f'<!doctype html><html lang="{name[:2]}"{direction}><head>'
                    f'<meta charset="utf-8"></head><body>{"".join(parts)}</body></html>',
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("name", NAMES)
def test_the_markdown_brief_is_read_whole(name: str) -> None:
    reading = _reading(read_brief(BRIEFS / name))
    assert reading.language == name[:2]
    assert reading.parts and all(kind != SectionKind.OTHER for _, kind in reading.parts)
    assert {SectionKind.RECOMMENDATIONS, SectionKind.REFERENCES} <= {k for _, k in reading.parts}
    assert reading.references >= 1
    assert reading.addressees and all(reading.addressees)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("make", [_docx, _html], ids=["docx", "html"])
def test_word_and_html_read_as_the_markdown_does(name: str, make: object,
                                                 tmp_path: Path) -> None:
    expected = _reading(read_brief(BRIEFS / name))
    assert _reading(read_brief(make(name, tmp_path))) == expected  # type: ignore[operator]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdfs_read_as_the_markdown_does(tmp_path: Path) -> None:
    sources = [_docx(name, tmp_path) for name in NAMES]
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, sources)],
        check=True, capture_output=True, timeout=300)
    for name in NAMES:
        expected = _reading(read_brief(BRIEFS / name))
        found = _reading(read_brief(tmp_path / (Path(name).stem + ".pdf")))
        assert found == expected, name
