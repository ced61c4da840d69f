"""The benchmark's own inputs, built from scratch: a long Word brief (headings, lists, tables,
footnotes), a store holding it with annotations by three reviewers, and a revision of its
text with about 5% of the words changed and paragraphs moved and inserted."""

from __future__ import annotations

import random
import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import docx

WORDS = (
    "river", "grain", "bridge", "valley", "council", "summer", "fund", "canal", "data",
    "prices", "district", "water", "plan", "drought", "border", "customs", "harvest",
    "governor", "report", "ministers", "agreed", "transit", "levels", "patrol", "harbour",
    "quota", "season", "levy", "market", "farmers", "envoy", "talks", "treaty", "route",
)
SIZES = {"small": (400, 500), "full": (8000, 10_000)}  # paragraphs, annotations
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Paragraph:
    kind: str  # heading, paragraph, list, cell
    words: list[str]


def paragraphs(count: int, seed: int = 7) -> list[Paragraph]:
    chance = random.Random(seed)
    found: list[Paragraph] = []
    for number in range(count):
        if number % 40 == 0:
            found.append(Paragraph("heading", [f"Part {number // 40 + 1}", "of", "the", "review"]))
        elif number % 13 == 0:
            found.append(Paragraph("list", [chance.choice(WORDS) for _ in range(12)]))
        elif number % 29 == 0:
            found.append(Paragraph("cell", [chance.choice(WORDS) for _ in range(6)]))
        else:
            found.append(Paragraph("paragraph", [chance.choice(WORDS)
                                                 for _ in range(chance.randint(18, 30))]
                                   + [f"({number})."]))
    return found


def build_docx(path: Path, count: int) -> None:
    """About 125 characters a paragraph: 8,000 make a brief of about a million characters."""
    document = docx.Document()
    table_rows: list[list[str]] = []
    for number, item in enumerate(paragraphs(count)):
        text = " ".join(item.words)
        if item.kind != "cell" and table_rows:
            table = document.add_table(rows=len(table_rows), cols=2)
            for row, cells in zip(table.rows, table_rows, strict=True):
                for cell, value in zip(row.cells, cells, strict=True):
                    cell.text = value
            table_rows = []
        if item.kind == "heading":
            document.add_heading(text, level=1 + number % 2)
        elif item.kind == "list":
            document.add_paragraph(text, style="List Bullet")
        elif item.kind == "cell":
            half = len(item.words) // 2
            table_rows.append([" ".join(item.words[:half]), " ".join(item.words[half:])])
        else:
            document.add_paragraph(text)
    out = BytesIO()
    document.save(out)
    path.write_bytes(_with_footnotes(out.getvalue(), every=50))


def _with_footnotes(data: bytes, every: int) -> bytes:
    """Add a footnote to every `every`th body paragraph (python-docx cannot write them)."""
    source = zipfile.ZipFile(BytesIO(data))
    document = source.read("word/document.xml").decode("utf-8")
    notes: list[str] = []
    counter = 0

    def add_reference(match: re.Match[str]) -> str:
        nonlocal counter
        counter += 1
        if counter % every:
            return match.group(0)
        ident = len(notes) + 1
        notes.append(f'<w:footnote w:id="{ident}"><w:p><w:r><w:footnoteRef/></w:r>'
                     f'<w:r><w:t xml:space="preserve"> Source note {ident}: district records, '
                     f'{2020 + ident % 5}.</w:t></w:r></w:p></w:footnote>')
        return (f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{ident}"/></w:r></w:p>')

    document = re.sub(r"</w:p>", add_reference, document)
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 f'<w:footnotes xmlns:w="{_W}">'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
                 '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                 '<w:continuationSeparator/></w:r></w:p></w:footnote>'
                 + "".join(notes) + "</w:footnotes>")
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "word/document.xml":
                payload = document.encode("utf-8")
            elif info.filename == "[Content_Types].xml":
                payload = payload.replace(b"</Types>", (
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
                    b"</Types>"))
            elif info.filename == "word/_rels/document.xml.rels":
                payload = payload.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdBenchNotes" Type="http://schemas.openxmlformats.org'
                    b'/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    b"</Relationships>"))
            target.writestr(info, payload)
        target.writestr("word/footnotes.xml", footnotes)
    return out.getvalue()


def word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def revise(text: str, seed: int = 11, share: float = 0.05) -> tuple[str, dict[int, int]]:
    """About `share` of the words replaced, some paragraphs moved, some inserted. Returns the
    new text and, for every old word's start offset, where that word starts now (words that
    were replaced map too: their place is still known)."""
    chance = random.Random(seed)
    lines = text.split("\n")
    starts: list[int] = []
    position = 0
    for line in lines:
        starts.append(position)
        position += len(line) + 1
    new_lines: list[list[tuple[int | None, str]]] = []  # (old word start, word)
    for line_start, line in zip(starts, lines, strict=True):
        words = []
        for start, end in word_spans(line):
            word = line[start:end]
            if chance.random() < share:
                word = chance.choice(WORDS).upper()
            words.append((line_start + start, word))
        new_lines.append(words)
    for _ in range(max(1, len(new_lines) // 400)):  # moves
        index = chance.randrange(len(new_lines))
        new_lines.insert(chance.randrange(len(new_lines)), new_lines.pop(index))
    for _ in range(max(1, len(new_lines) // 400)):  # insertions
        new_lines.insert(chance.randrange(len(new_lines)),
                         [(None, chance.choice(WORDS)) for _ in range(20)])
    mapping: dict[int, int] = {}
    out: list[str] = []
    position = 0
    for words in new_lines:
        pieces = []
        for old, word in words:
            if old is not None:
                mapping[old] = position
            pieces.append(word)
            position += len(word) + 1
        if not words:
            position += 1
        line = " ".join(pieces)
        out.append(line)
        position = sum(len(piece) + 1 for piece in out)
    return "\n".join(out), mapping


__all__ = ["SIZES", "WORDS", "build_docx", "paragraphs", "revise", "word_spans"]
