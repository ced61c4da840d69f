"""Table-of-contents entries: a title, dot leaders and a page number. They repeat the
headings and are not part of the brief's text."""

from __future__ import annotations

import re

from reviewdesk.importers.pdf_layout import Paragraph

# "Introduction ........ 3", "2.1 Roles . . . . . 8", "Preface … xi".
_ENTRY = re.compile(r"(?:(?:\.\s?){4,}|…+|_{4,})\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$", re.IGNORECASE)
_CONTENTS = re.compile(
    r"^(?:table of )?contents?$|^contents$|^índice(?: general)?$|^sommaire$|"
    r"^table des matières$|^содержание$|^оглавление$|^فهرست(?: مطالب)?$|^المحتويات$|"
    r"^الفهرس$|^contenido$",
    re.IGNORECASE,
)


def drop_contents(paras: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs without table-of-contents entries, nor the "Contents" title that
    heads nothing else."""
    kept = [para for para in paras if not _entries(para)]
    if len(kept) == len(paras):
        return paras
    dropped = {id(para) for para in paras} - {id(para) for para in kept}
    result: list[Paragraph] = []
    for index, para in enumerate(paras):
        if id(para) in dropped:
            continue
        following = paras[index + 1] if index + 1 < len(paras) else None
        if (_CONTENTS.match(para.text.strip(" :")) and following is not None
                and id(following) in dropped):
            continue
        result.append(para)
    return result


def _entries(para: Paragraph) -> bool:
    """Most of its lines end in dot leaders and a page number."""
    ends = sum(bool(_ENTRY.search(line.text)) for line in para.lines)
    return ends * 2 >= len(para.lines) and ends > 0
