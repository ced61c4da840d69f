"""Bare: python-docx adding COUNT comments to a file, ids allocated once (python-docx's own
add_comment looks for a free id each time), each comment on a whole run, and saving it.
`benchmarks/cases.py` runs the same function in its process."""

import sys

import docx
from docx.oxml.ns import qn


def add_comments(source: str, target: str, count: int) -> None:
    document = docx.Document(source)
    comments = document.part._comments_part.element
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    for ident in range(count):
        run = runs[ident % len(runs)]._r
        comment = comments.makeelement(qn("w:comment"), {
            qn("w:id"): str(ident), qn("w:author"): "Bench", qn("w:initials"): "B"})
        paragraph = comment.makeelement(qn("w:p"), {})
        text_run = paragraph.makeelement(qn("w:r"), {})
        text = text_run.makeelement(qn("w:t"), {})
        text.text = f"note {ident}"
        text_run.append(text)
        paragraph.append(text_run)
        comment.append(paragraph)
        comments.append(comment)
        run.addprevious(run.makeelement(qn("w:commentRangeStart"), {qn("w:id"): str(ident)}))
        run.addnext(run.makeelement(qn("w:commentRangeEnd"), {qn("w:id"): str(ident)}))
    document.save(target)


if __name__ == "__main__":
    add_comments(sys.argv[1], sys.argv[2], int(sys.argv[3]))
