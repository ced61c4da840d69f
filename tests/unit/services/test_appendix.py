"""The review appendix: its rows from a stored brief, and its tables in a real Word file.
(The dating of indicators, pure, is tested in tests/unit/domain/test_appendix_dates.py.)"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from reviewdesk.domain.appendix import AppendixData, IndicatorRow
from reviewdesk.export.docx_appendix import appendix_elements, insert_into_body, style_ids
from reviewdesk.services.annotations import annotate, list_annotations
from reviewdesk.services.appendix import appendix_data
from reviewdesk.services.briefs import import_files, load_brief
from reviewdesk.services.tracking import (
    recommendations_of,
    set_reference_check,
    update_recommendation,
)
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines

BRIEF_MD = """\
# Harbour Valley Water Compact

## Summary

The two valley provinces have quarrelled over the river for years.
This brief traces how the quarrel eased.

## Indicators of cooperation

- On 21 March 2023 (1 Hamal 1402) the two governors opened a joint water office in Sarband.
- Engineers from both provinces met again on 14 August 2023 to compare gauge readings.
- In June 2024 the provinces agreed a common drought plan. The plan was renewed without a vote.
- Officials now speak of "our river" rather than "the border river".

## Recommendations

1. The Valley Water Board should publish the gauge readings every week.
2. Donors should fund a second joint office in the lower valley.

## References

1. Valley Water Board. (2023). Joint office charter. https://example.org/charter
2. Sarband Gazette. (2023, August 15). Gauge readings shared.
3. Valley Water Board. (2023). Joint office charter. https://example.org/charter
"""


@pytest.fixture
def brief_id(store: Store, tmp_path: Path) -> str:
    path = tmp_path / "harbour-valley.md"
    path.write_text(BRIEF_MD, encoding="utf-8")
    brief_id = import_files(store, [path])[0].id
    # Tagged out of document order on purpose; the Claim is no indicator.
    annotate(store, brief_id, "our river", tag="Indicator › rhetorical", reviewer="Bo Lind")
    annotate(store, brief_id, "met again on 14 August 2023", tag="Indicator › diplomatic",
             reviewer="Ana Ruiz")
    annotate(store, brief_id, "quarrelled over the river", tag="Claim", reviewer="Ana Ruiz")
    annotate(store, brief_id, "the two governors opened a joint water office",
             tag="diplomatic", reviewer="Ana Ruiz")
    annotate(store, brief_id, "The plan was renewed without a vote.", tag="Indicator",
             reviewer="Bo Lind")
    return brief_id


def _data(store: Store, brief_id: str) -> AppendixData:
    return appendix_data(store, load_brief(store, brief_id), list_annotations(store, brief_id))


def test_indicator_rows_in_document_order_with_both_calendars(store: Store,
                                                               brief_id: str) -> None:
    rows = _data(store, brief_id).indicators
    assert [(r.dates, r.text, r.tag, r.reviewer) for r in rows] == [
        # Both calendars written: both as written, though the quote holds neither.
        ("21 March 2023 / 1 Hamal 1402", "the two governors opened a joint water office",
         "Indicator › diplomatic", "Ana Ruiz"),
        # A Gregorian day: converted.
        ("14 August 2023 / 23 Asad 1402", "met again on 14 August 2023",
         "Indicator › diplomatic", "Ana Ruiz"),
        # No date in the sentence: the paragraph's date before it, shown as inferred; a month
        # becomes a range.
        ("June 2024 / Jawza–Saratan 1403 (inferred from the date “June 2024” earlier in the "
         "paragraph)", "The plan was renewed without a vote.",
         "Indicator", "Bo Lind"),
        ("", "our river", "Indicator › rhetorical", "Bo Lind"),
    ]
    assert (rows[0].date, rows[0].other_date) == ("21 March 2023", "1 Hamal 1402")
    assert rows == tuple(sorted(rows, key=lambda r: r.start))


def test_only_the_given_annotations_are_listed(store: Store, brief_id: str) -> None:
    brief = load_brief(store, brief_id)
    views = [v for v in list_annotations(store, brief_id) if v.reviewer == "Bo Lind"]
    rows = appendix_data(store, brief, views).indicators
    assert [r.text for r in rows] == ["The plan was renewed without a vote.", "our river"]


def test_reference_rows(store: Store, brief_id: str) -> None:
    rows = _data(store, brief_id).references
    assert [(r.position, r.flags, r.status) for r in rows] == [
        (1, "", "unchecked"), (2, "no URL", "unchecked"), (3, "duplicate of 1", "unchecked")]
    assert rows[1].entry == "Sarband Gazette. (2023, August 15). Gauge readings shared."


def test_reference_check_and_note(store: Store, brief_id: str) -> None:
    from reviewdesk.services.tracking import references_of

    first, second, _ = (t.reference for t in references_of(store, brief_id))
    set_reference_check(store, first.id, "verified", note="Charter seen in the archive")
    set_reference_check(store, second.id, "problem")
    rows = _data(store, brief_id).references
    assert [(r.status, r.note) for r in rows] == [
        ("verified", "Charter seen in the archive"), ("problem", ""), ("unchecked", "")]


def test_recommendation_rows_after_updates(store: Store, brief_id: str) -> None:
    first, _ = (t.recommendation for t in recommendations_of(store, brief_id))
    update_recommendation(store, first.id, status="in_progress", owner="Mina Rahimi",
                          due="2024-09-30", priority="high", reviewer="Ana Ruiz")
    rows = _data(store, brief_id).recommendations
    assert [(r.position, r.addressee, r.status, r.owner, r.due, r.priority) for r in rows] == [
        (1, "The Valley Water Board", "in progress", "Mina Rahimi", "2024-09-30", "high"),
        (2, "Donors", "proposed", "", "", ""),
    ]
    assert rows[1].text == "Donors should fund a second joint office in the lower valley."


# --- Into a real Word document ------------------------------------------------------------


def _write_docx(data: AppendixData, path: Path, styled: bool = True) -> None:
    document = docx.Document()
    document.add_paragraph("The body of the brief comes first.")
    heading, subheading = style_ids(document.styles.element) if styled else (None, None)
    insert_into_body(document.element.body, appendix_elements(data, heading, subheading))
    document.save(str(path))


def test_appendix_in_a_word_document(store: Store, brief_id: str, tmp_path: Path) -> None:
    path = tmp_path / "appendix.docx"
    _write_docx(_data(store, brief_id), path)

    document = docx.Document(str(path))
    assert [p.style.name for p in document.paragraphs if p.text == "Review appendix"] == [
        "Heading 1"]
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"] == [
        "Indicators", "Reference check", "Recommendations tracker"]
    indicators, references, recommendations = document.tables
    assert [c.text for c in indicators.rows[0].cells] == ["Date", "Text", "Tag", "Reviewer"]
    assert len(indicators.rows) == 5
    assert [c.text for c in indicators.rows[1].cells] == [
        "21 March 2023 / 1 Hamal 1402", "the two governors opened a joint water office",
        "Indicator › diplomatic", "Ana Ruiz"]
    assert len(references.rows) == 4
    assert references.rows[3].cells[3].text == "duplicate of 1"
    assert [c.text for c in recommendations.rows[0].cells] == [
        "#", "Recommendation", "Addressee", "Priority", "Status", "Owner", "Due"]
    assert recommendations.rows[2].cells[2].text == "Donors"
    # The body still ends with its section properties.
    assert document.element.body[-1].tag.endswith("}sectPr")


def test_empty_tables_in_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    _write_docx(AppendixData((), (), ()), path)
    document = docx.Document(str(path))
    assert len(document.tables) == 3
    for table in document.tables:
        assert len(table.rows) == 2
        assert {c.text for c in table.rows[1].cells} == {"None recorded."}


def _soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("styled", [True, False], ids=["heading-styles", "no-styles"])
def test_libreoffice_renders_the_appendix(store: Store, brief_id: str, tmp_path: Path,
                                          styled: bool) -> None:
    soffice = _soffice()
    data = _data(store, brief_id)
    odd = IndicatorRow("", "", "A quote with\ttab,\nline break and \x01control  spaces ",
                       "Indicator", "Bo Lind", 10_000)
    data = AppendixData((*data.indicators, odd), data.references, data.recommendations)
    source = tmp_path / "appendix.docx"
    _write_docx(data, source, styled)
    out = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(source)],
        capture_output=True, timeout=120, check=False)
    pdf = out / "appendix.pdf"
    assert pdf.is_file(), result.stderr.decode(errors="replace")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    raw = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, timeout=60,
                         check=True).stdout.decode("utf-8")
    text = " ".join(raw.split())  # a cell's lines run on
    assert "Review appendix" in text
    assert "Reference check" in text
    assert "Recommendations tracker" in text
    assert "Sarband Gazette" in text
    assert "duplicate of 1" in text
    assert "21 March 2023 / 1 Hamal 1402" in text
    assert "line break and control spaces" in text
