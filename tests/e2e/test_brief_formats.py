"""One brief of our own, written in every format, read into the same review findings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html import escape
from pathlib import Path
from typing import Any

import pytest

TITLE = "Harbour Pact Between Norland and Estmark"
SECTIONS: list[tuple[str, list[str], list[str]]] = [
    ("Introduction", ["Norland and Estmark have quarrelled over the Brisk harbour for years, "
                      "and this brief asks whether that is changing."], []),
    ("Indicators of a Thaw", [
        "In March 2024 (Hamal 1403), the Norland port authority reopened the Brisk ferry "
        "terminal to Estmark traders.",
        "On 9 October 2024 (Qaws 1403), the two harbour masters signed a joint safety "
        "protocol in Brisk.",
        "In June 2025, a flood in the lower town destroyed two hundred homes."], []),
    ("Reasons Behind the Thaw", ["Both governments need the harbour fees to balance their "
                                 "budgets."], []),
    ("Prospects", ["Further steps are likely if trade keeps growing."], []),
    ("Conclusion", ["The quarrel is cooling, slowly."], []),
    ("Recommendations", [], [
        "The Norland port authority should publish ferry schedules in both languages.",
        "Donors should fund a shared customs office."]),
    ("References", [], [
        "Norland Port Authority. (2024, March 12). Brisk ferry terminal reopens to Estmark "
        "traders. Port Bulletin. https://example.org/ferry",
        "Estmark Coast Guard. (2024, October 10). Harbour masters sign joint safety "
        "protocol. Link",
        "Estmark Coast Guard. (2024, October 10). Same as above. Link"]),
]


def write_markdown(folder: Path) -> Path:
    lines = [f"# {TITLE}", ""]
    for heading, paragraphs, items in SECTIONS:
        lines += [f"## {heading}", "", *[p + "\n" for p in paragraphs], *[f"- {i}" for i in items],
                  ""]
    path = folder / "pact.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_text(folder: Path) -> Path:
    lines = [TITLE]
    for heading, paragraphs, items in SECTIONS:
        lines += [heading, *paragraphs, *[f"- {i}" for i in items]]
    path = folder / "pact.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_html(folder: Path) -> Path:
    body = [f"<h1>{escape(TITLE)}</h1>"]
    for heading, paragraphs, items in SECTIONS:
        body.append(f"<h2>{escape(heading)}</h2>")
        body += [f"<p>{escape(p)}</p>" for p in paragraphs]
        if items:
            body.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
    path = folder / "pact.html"
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(TITLE)}"
                    f"</title></head><body>{''.join(body)}</body></html>", encoding="utf-8")
    return path


def write_docx(folder: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_paragraph(TITLE, style="Title")
    for heading, paragraphs, items in SECTIONS:
        document.add_heading(heading, level=1)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
        for item in items:
            document.add_paragraph(item, style="List Bullet")
    path = folder / "pact.docx"
    document.save(str(path))
    return path


def write_pdf(folder: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = write_docx(folder)
    profile = (folder / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    return folder / "pact.pdf"


WRITERS = {"md": write_markdown, "txt": write_text, "html": write_html, "docx": write_docx,
           "pdf": write_pdf}


def reviewdesk(db: Path, *args: str) -> Any:
    result = subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(db), *args,
                             "--json"], capture_output=True, text=True, timeout=180,
                            env={**os.environ})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_the_same_findings_in_every_format(fmt: str, tmp_path: Path) -> None:
    source = WRITERS[fmt](tmp_path)
    db = tmp_path / "review.sqlite3"
    [imported] = reviewdesk(db, "import", str(source))
    assert imported["format"] == fmt
    shown = reviewdesk(db, "show", imported["id"])

    assert shown["title"] == TITLE
    kinds = {section["kind"] for section in shown["sections"]}
    assert kinds >= {"introduction", "indicators", "reasons", "prospects", "conclusion",
                     "recommendations", "references"}

    references = shown["references"]
    assert [r["index"] for r in references] == [1, 2, 3]
    assert references[0]["author"] == "Norland Port Authority"
    assert references[0]["url"] == "https://example.org/ferry"
    assert references[0]["flags"] == []
    assert "missing_url" in references[1]["flags"]
    assert "duplicate" in references[2]["flags"] and references[2]["duplicate_of"] == 2
    assert shown["citations_without_reference"] == []

    assert [(r["addressee"], r["status"]) for r in shown["recommendations"]] == [
        ("The Norland port authority", "proposed"), ("Donors", "proposed")]

    checks = {c["solar_hijri"]: c["consistent"] for c in shown["date_checks"]}
    assert checks == {"Hamal 1403": True, "Qaws 1403": False}

    candidates = {c["date"] for c in shown["indicator_candidates"]
                  if c["section"] == "Indicators of a Thaw"}
    assert {"June 2025"} <= candidates
    assert any(d.startswith("March 2024") for d in candidates)

    support = {c["text"].split(",")[0]: c for c in shown["claim_support"]}
    assert support["In March 2024 (Hamal 1403)"]["references"][0] == 1
    assert support["On 9 October 2024 (Qaws 1403)"]["references"][0] in (2, 3)
    assert support["In June 2025"]["unsupported"] is True
