"""The review summary as a report: a Word document with tables and charts, one CSV file, or
a workbook with a sheet per table.

Every format holds the same tables (`report_tables`), one or more per key of the summary's
JSON (`Summary.to_dict()`), each named like the key it comes from ("by_tag",
"by_tag.per_brief"):

* DOCX: a title and overview line, then a heading and a table per table, and after the
  tables it belongs with, a chart as a picture, drawn by the `ChartRenderer` the caller
  passes (the app's is `reviewdesk.ui.charts.render_chart`; export/ draws nothing itself).
* CSV: one file, UTF-8 with a byte order mark (so that Excel reads it as UTF-8), one value
  a line, in the columns ``section,brief_id,brief,key,field,value``: ``section`` the
  table's name, ``brief_id`` and ``brief`` the brief the value belongs to (empty for
  totals), ``key`` what the row is about (a tag path, a reviewer, "Indicators /
  indicators" for a section and its kind; several parts joined by " / "; empty for a
  brief's own figures), ``field`` the column ("Annotations") and ``value`` the value.
* XLSX: a sheet per table, named like it, with a header row.

The file is written through reviewdesk.files, beside its final name and renamed into place: a
report that fails leaves nothing half-written and any older report as it was.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from xml.sax.saxutils import escape

from reviewdesk.domain.agreement import rounded
from reviewdesk.domain.summary import NO_TAG, Summary, TimelineEntry
from reviewdesk.domain.words import count as _count
from reviewdesk.errors import InputError
from reviewdesk.files import check_writable, write_file

if TYPE_CHECKING:
    from docx.document import Document

REPORT_FORMATS = {".docx": "docx", ".csv": "csv", ".xlsx": "xlsx"}
CSV_COLUMNS = ("section", "brief_id", "brief", "key", "field", "value")
REPORT_TITLE = "Review summary"
KEY_SEPARATOR = " / "
UNTITLED = "(untitled)"
# Pictures in the Word report: drawn at this size, shown 6.3 inches wide.
CHART_WIDTH, CHART_HEIGHT = 1000, 540
CHART_INCHES = 6.3

Cell = str | int | float | bool | None

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


class ChartRenderer(Protocol):
    """Draws the chart `kind` of a summary as a PNG image of width x height pixels."""

    def __call__(self, kind: str, summary: Summary, width: int, height: int) -> bytes: ...


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One row of a report table, with the brief it belongs to."""

    brief_id: str  # "" for a row that belongs to no one brief
    brief: str  # the brief's title
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class ReportTable:
    """One table of the report. The first `keys` columns say what a row is about, the
    others are its values; a table `per_brief` shows the brief of each row first."""

    name: str  # the CSV section and the sheet name: "by_tag.per_brief"
    title: str  # the heading in Word: "Tags per brief"
    columns: tuple[str, ...]
    keys: int
    rows: tuple[ReportRow, ...]
    per_brief: bool = False
    chart: str | None = None  # the chart that follows the table in Word

    @property
    def headers(self) -> tuple[str, ...]:
        return (("Brief",) if self.per_brief else ()) + self.columns

    def cells(self, row: ReportRow) -> tuple[Cell, ...]:
        return ((row.brief,) if self.per_brief else ()) + row.cells


@dataclass(frozen=True, slots=True)
class ReportResult:
    """What was written: where, in which format, how many tables and charts."""

    path: Path
    format: str  # "docx", "csv" or "xlsx"
    tables: int
    charts: int


def report_format(path: Path) -> str:
    """The format a report file's name asks for; an InputError names the ones there are."""
    found = REPORT_FORMATS.get(path.suffix.lower())
    if found is None:
        given = f"'{path.suffix}'" if path.suffix else "a name without an extension"
        raise InputError(f"cannot write a report as {given}; name a .docx, .csv or .xlsx "
                         f"file (got {path.name!r})")
    return found


def check_report_path(path: Path) -> str:
    """The report's format, once its name says one and the file can be written there (see
    reviewdesk.files): an InputError says what is wrong, before any work is done."""
    kind = report_format(path)
    check_writable(path)
    return kind


def write_report(summary: Summary, path: Path, *,
                 charts: ChartRenderer | None = None) -> ReportResult:
    """Write the summary to `path` in the format its extension names (replacing a file
    already there). A Word report has the pictures `charts` draws; without it, none."""
    kind = check_report_path(path)
    tables = report_tables(summary)
    drawn = 0
    if kind == "csv":
        write_file(path, _csv_text(tables), encoding="utf-8-sig")
    elif kind == "xlsx":
        write_file(path, _workbook(tables).save)
    else:
        document, drawn = _word_report(summary, tables, charts)
        write_file(path, document.save)
    return ReportResult(path=path, format=kind, tables=len(tables), charts=drawn)


# --- The tables ------------------------------------------------------------------------------


def report_tables(summary: Summary) -> list[ReportTable]:
    """The summary as tables, in the order of its JSON keys."""
    titles = {b.id: b.title for b in summary.briefs}

    def row(brief_id: str, *cells: Cell) -> ReportRow:
        return ReportRow(brief_id, titles.get(brief_id, brief_id) if brief_id else "", cells)

    def counts(mapping: Mapping[str, int]) -> tuple[ReportRow, ...]:
        return tuple(row("", key, n) for key, n in mapping.items())

    def per_brief(counts_in: Callable[[str], Mapping[str, int]]) -> tuple[ReportRow, ...]:
        return tuple(row(b.id, key, n) for b in summary.briefs
                     for key, n in counts_in(b.id).items())

    return [
        ReportTable("briefs", "Briefs", ("Version", "Annotations", "References unchecked",
                                         "References verified", "References with a problem",
                                         "Recommendations decided", "Recommendations"), 0,
                    tuple(row(b.id, b.version, b.annotations, b.checked("unchecked"),
                              b.checked("verified"), b.checked("problem"),
                              b.recommendations_decided, b.recommendations_total)
                          for b in summary.briefs),
                    per_brief=True),
        ReportTable("by_tag", "Annotations by tag", ("Tag", "Annotations"), 1,
                    counts(summary.tag_totals)),
        ReportTable("by_tag.top_level", "Annotations by top-level tag (with its sub-tags)",
                    ("Tag", "Annotations"), 1, counts(summary.top_level_tags)),
        ReportTable("by_tag.per_brief", "Annotations by tag in each brief",
                    ("Tag", "Annotations"), 1, per_brief(summary.tags_in), per_brief=True,
                    chart="tags"),
        ReportTable("by_reviewer", "Annotations by reviewer", ("Reviewer", "Annotations"), 1,
                    counts(summary.reviewer_totals)),
        ReportTable("by_reviewer.per_brief", "Annotations by reviewer in each brief",
                    ("Reviewer", "Annotations"), 1, per_brief(summary.reviewers_in),
                    per_brief=True),
        ReportTable("by_section.by_kind", "Annotations by kind of section",
                    ("Kind", "Annotations"), 1, counts(summary.section_kinds)),
        ReportTable("by_section", "Annotations by section", ("Section", "Kind", "Annotations"),
                    2, tuple(row(b.id, s.title or UNTITLED, s.kind, s.annotations)
                             for b in summary.briefs for s in summary.sections.get(b.id, ())),
                    per_brief=True),
        ReportTable("references", "Reference checks", ("Check", "Entries"), 1,
                    counts(summary.reference_totals), chart="references"),
        ReportTable("recommendations.by_status", "Recommendations by status",
                    ("Status", "Recommendations"), 1, counts(summary.status_counts),
                    chart="recommendations"),
        ReportTable("recommendations.by_addressee", "Recommendations by addressee",
                    ("Addressee", "Recommendations"), 1, counts(summary.addressee_counts)),
        ReportTable("recurring_recommendations", "Recurring recommendations",
                    ("Group", "Recommendation"), 1,
                    tuple(row(item.brief, number, item.text)
                          for number, group in enumerate(summary.recurring, 1)
                          for item in group), per_brief=True),
        ReportTable("unresolved", "Open comments", ("Annotation", "Reviewer", "Tag", "Quote",
                                                    "Comment"), 1,
                    tuple(row(u.brief, u.id[:8], u.reviewer, u.tag or NO_TAG, u.quote,
                              u.comment) for u in summary.unresolved),
                    per_brief=True),
        ReportTable("progress", "Reviewer progress", ("Reviewer", "Annotations", "Resolved",
                                                      "Replies"), 1,
                    tuple(row("", name, p.annotations, p.resolved, p.replies)
                          for name, p in summary.reviewer_progress.items()), chart="progress"),
        *_agreement_tables(summary, row),
        ReportTable("timeline", "Dated indicators", ("#", "Date", "Other calendar",
                                                     "Both written", "From", "To",
                                                     "Indicator", "Tag", "Date from"), 1,
                    tuple(row(t.brief, number, t.date, t.other_calendar, t.both_written,
                              t.first_iso, t.last_iso, t.text, t.tag, _date_from(t))
                          for number, t in enumerate(summary.timeline, 1)),
                    per_brief=True, chart="timeline"),
    ]


def _date_from(entry: TimelineEntry) -> str:
    """How a timeline date was had: "the brief", "inferred from …", "a reviewer"."""
    if entry.origin == "inferred":
        return f"inferred from {entry.source}".strip()
    return "a reviewer" if entry.origin == "reviewer" else "the brief"


def _agreement_tables(summary: Summary,
                      row: Callable[..., ReportRow]) -> list[ReportTable]:
    """The agreement reports as two tables: the scores, and where reviewers differ."""
    reports = summary.agreement_reports
    scores = tuple(
        row(brief_id, entry.tag,
            f"{pair.scores.reviewer_a}{KEY_SEPARATOR}{pair.scores.reviewer_b}",
            rounded(pair.scores.precision), rounded(pair.scores.recall),
            rounded(pair.scores.f1), rounded(pair.kappa), rounded(entry.alpha_u))
        for brief_id, report in reports.items()
        for entry in report.tags for pair in entry.pairs)
    differences = tuple(
        row(brief_id, number, item.tag, item.start, item.end, ", ".join(item.tagged_by),
            ", ".join(item.not_tagged_by))
        for brief_id, report in reports.items()
        for number, item in enumerate(report.disagreements, 1))
    return [ReportTable("agreement", "Agreement between reviewers",
                        ("Tag", "Reviewers", "Precision", "Recall", "F1", "Kappa", "Alpha_u"),
                        2, scores, per_brief=True),
            ReportTable("agreement.disagreements", "Sentences the reviewers tagged differently",
                        ("#", "Tag", "Start", "End", "Tagged by", "Not tagged by"), 1,
                        differences, per_brief=True)]


def _csv_text(tables: Sequence[ReportTable]) -> str:
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(tables))
    return text.getvalue()


def csv_rows(tables: Sequence[ReportTable]) -> Iterator[list[str]]:
    """The tables one value a line: section, brief_id, brief, key, field, value."""
    for table in tables:
        for row in table.rows:
            key = KEY_SEPARATOR.join(_text(cell) for cell in row.cells[:table.keys])
            for field, value in zip(table.columns[table.keys:], row.cells[table.keys:],
                                    strict=True):
                yield [table.name, row.brief_id, row.brief, key, field, _text(value)]


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


# --- Word ------------------------------------------------------------------------------------


def _word_report(summary: Summary, tables: Sequence[ReportTable],
                 render: ChartRenderer | None) -> tuple[Document, int]:
    """The Word report (a python-docx Document) and the number of charts drawn in it."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Inches

    document = docx.Document()
    style = document.styles["Table Grid"].style_id
    document.core_properties.title = REPORT_TITLE
    document.core_properties.author = "ReviewDesk"
    document.add_heading(REPORT_TITLE, level=0)
    document.add_paragraph(_overview(summary))
    drawn = 0
    for table in tables:
        document.add_heading(table.title, level=1)
        if not table.rows:
            document.add_paragraph("None.")
        else:
            body = document.element.body
            element = parse_xml(_table_xml(table, style))
            if body.sectPr is not None:
                body.sectPr.addprevious(element)
            else:
                body.append(element)
        if render is not None and table.chart and table.rows:
            picture = render(table.chart, summary, CHART_WIDTH,
                             _chart_height(table.chart, summary))
            document.add_picture(io.BytesIO(picture), width=Inches(CHART_INCHES))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            drawn += 1
    return document, drawn


def _table_xml(table: ReportTable, style: str) -> str:
    """The table as WordprocessingML, built as text: python-docx takes a tenth of a
    millisecond a cell, and a report of 200 briefs has tens of thousands of cells. 9 pt
    text, the header row bold and repeated on each page."""
    def cell(text: str, bold: str = "") -> str:
        return (f'<w:tc><w:p><w:r><w:rPr>{bold}<w:sz w:val="18"/></w:rPr>'
                f'<w:t xml:space="preserve">{escape(_clean(text))}</w:t></w:r></w:p></w:tc>')

    rows = ["<w:tr><w:trPr><w:tblHeader/></w:trPr>"
            + "".join(cell(header, "<w:b/>") for header in table.headers) + "</w:tr>"]
    rows += ["<w:tr>" + "".join(cell(_text(value)) for value in table.cells(row)) + "</w:tr>"
             for row in table.rows]
    grid = "".join("<w:gridCol/>" for _ in table.headers)
    return (f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblStyle w:val="{escape(style)}"/>'
            '<w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="04A0" w:firstRow="1" '
            'w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def _chart_height(kind: str, summary: Summary) -> int:
    """Taller pictures for long lists of briefs, so that each keeps a readable bar."""
    if kind == "tags":
        rows = len(summary.briefs)
    elif kind == "timeline":
        rows = len({t.brief for t in summary.timeline}) * 2
    elif kind == "progress":
        rows = len(summary.progress) * 2
    else:
        return CHART_HEIGHT
    return max(CHART_HEIGHT // 2, min(CHART_WIDTH * 3 // 2, 160 + rows * 32))


def _overview(summary: Summary) -> str:
    references = summary.reference_totals
    return (f"{_count(len(summary.briefs), 'brief')}, "
            f"{_count(summary.annotation_total, 'annotation')} by "
            f"{_count(len(summary.progress), 'reviewer')}; "
            f"{_count(sum(references.values()), 'reference')} "
            f"({references['verified']} verified, {references['problem']} with a problem); "
            f"{summary.recommendations_decided} of "
            f"{_count(summary.recommendations_total, 'recommendation')}"
            f" decided; {_count(len(summary.unresolved), 'open comment')}.")


def _clean(text: str) -> str:
    """Text Word (XML 1.0) can hold: control characters dropped."""
    return _ILLEGAL_XML.sub("", text)


# --- Excel -----------------------------------------------------------------------------------


def _workbook(tables: Sequence[ReportTable]) -> Any:
    """The workbook (openpyxl), a sheet per table."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(_SHEET_NAME.sub("_", table.name)[:31])
        sheet.append(list(table.headers))
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
        widths = [len(header) for header in table.headers]
        for number, row in enumerate(table.rows, start=2):
            for column, value in enumerate(table.cells(row), start=1):
                cell = sheet.cell(row=number, column=column)
                cell.value = _clean(value) if isinstance(value, str) else value
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # words, never a formula
                widths[column - 1] = max(widths[column - 1], len(_text(value)))
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = min(60, width + 2)
    return workbook
