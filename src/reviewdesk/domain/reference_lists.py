"""Where a brief keeps its references: under a heading that names the list (in any of the
supported languages), after a plain paragraph that does, in its footnotes or endnotes, or
as entries closing the document without a heading."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from reviewdesk.domain.brief import Block, BlockKind, Brief, Section
from reviewdesk.domain.dates import fold
from reviewdesk.domain.reference_entries import goes_on
from reviewdesk.domain.reference_shapes import entry_mark, looks_like_entry
from reviewdesk.domain.sections import SectionKind, names_outside_part, strip_numbering

# Names of a reference list, compared folded (no accents, lower case). A weak name is also
# used for other things ("Sources" of data, "Notes" on method), so the list under it must
# look like one.
_STRONG_NAMES = (
    "references", "reference list", "bibliography", "works cited", "works consulted",
    "literature cited", "sources cited", "notes and references", "references and notes",
    "endnotes", "further reading", "related papers", "related reading", "related publications",
    "citations", "references cited",
    "список литературы", "список использованных источников", "список источников",
    "использованная литература", "список использованной литературы", "библиография",
    "литература", "рӯйхати адабиёт", "руйхати адабиёт", "адабиёт", "сарчашмаҳо", "манбаъҳо",
    "منابع", "مآخذ", "فهرست منابع", "منابع و مآخذ", "کتابنامه", "کتاب‌شناسی", "کتاب شناسی",
    "پی‌نوشت‌ها", "پی نوشت ها", "پانویس‌ها", "ارجاعات", "فهرست مآخذ",
    "المراجع", "المصادر", "المصادر والمراجع", "المراجع والمصادر", "قائمة المراجع",
    "قائمة المصادر", "الهوامش", "الحواشي", "ببليوغرافيا",
    "bibliographie", "references bibliographiques", "ouvrages cites", "notes de fin",
    "pour aller plus loin", "lectures complementaires",
    "bibliografia", "referencias", "referencias bibliograficas", "obras citadas",
    "fuentes consultadas", "literatura citada", "fuentes y referencias",
)
_WEAK_NAMES = ("sources", "notes", "footnotes", "literature", "fuentes", "notas", "источники",
               "примечания", "ссылки", "یادداشت‌ها", "یادداشت ها", "منبع")
_NAMES = {fold(name).replace("\u200c", " "): name in _WEAK_NAMES
          for name in (*_STRONG_NAMES, *_WEAK_NAMES)}
_QUALIFIER = re.compile(r"^(?:selected|key|main|select|further|other|additional|principales|"
                        r"principal|selection de|seleccion de|основные|избранная)\s+")
_PUNCTUATION = re.compile(r"[\s:.;،]+$")


def list_name(text: str) -> bool | None:
    """None when `text` does not name a reference list; else whether the name is a weak one
    ("Sources", "Notes"), which other parts of a brief use too."""
    words = text.split()
    if not words or len(words) > 6:
        return None
    name = _PUNCTUATION.sub("", fold(strip_numbering(" ".join(words))).lower())
    name = _QUALIFIER.sub("", name.replace("\u200c", " "))
    return _NAMES.get(name)


def reference_lists(brief: Brief) -> list[list[Block]]:
    """The brief's reference lists, each as its blocks in reading order; its footnotes or
    endnotes when it has no list, and else the entries that close it, if any do."""
    lists = list(_named_lists(brief.sections))
    if lists:
        return lists
    notes = [b for b in brief.blocks if b.kind == BlockKind.FOOTNOTE]
    if notes:
        return [notes]
    closing = _closing_entries(brief.sections[-1].blocks if brief.sections else [])
    return [closing] if closing else []


def _named_lists(sections: Sequence[Section]) -> Iterator[list[Block]]:
    index = 0
    while index < len(sections):
        section = sections[index]
        following = index + 1
        while (following < len(sections) and sections[following].level > section.level > 0
               and not _outside(sections[following].title)):
            following += 1
        blocks = [b for s in sections[index:following] for b in s.blocks]
        name = list_name(section.title) if section.title else None
        if name is False or ((name is True or section.kind == SectionKind.REFERENCES)
                             and _opens_list(blocks[1:])):
            yield blocks
            index = following
            continue
        yield from _lists_after_labels(section.blocks)
        index += 1


# Parts after a list that are no part of it, in the languages sections.py may not know yet.
_ANNEX = re.compile(r"\b(?:annexe?s?|anexos?|ap[eé]ndices?|appendices|приложени[ея]|"
                    r"пайвастҳо|پیوست|ضمیمه|ملحق|ملاحق)\b", re.IGNORECASE)


def _outside(title: str) -> bool:
    return names_outside_part(title) or _ANNEX.search(title) is not None


def _lists_after_labels(blocks: Sequence[Block]) -> Iterator[list[Block]]:
    """Lists whose name is a plain paragraph ("References" in bold body text): each runs
    from there to the next such name or the end of the section."""
    starts = [i for i, b in enumerate(blocks)
              if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
              and (weak := list_name(b.text)) is not None
              and (weak is False or _opens_list(blocks[i + 1:]))]
    for start, end in zip(starts, [*starts[1:], len(blocks)], strict=False):
        listed = _until_prose(blocks[start + 1:end])
        if listed:
            yield listed


# A paragraph this long that neither opens nor dates like an entry is the text going on
# after a "Sources" line under a table, not one of its sources.
_PROSE_WORDS = 60


def _until_prose(blocks: Sequence[Block]) -> list[Block]:
    for index, block in enumerate(blocks):
        if len(block.text.split()) > _PROSE_WORDS and not looks_like_entry(block.text, False):
            return list(blocks[:index])
    return list(blocks)


def _opens_list(blocks: Sequence[Block]) -> bool:
    """One of the first blocks under a weak name is a numbered item, a note or an entry (the
    first may be a line that introduces the list)."""
    content = [b for b in blocks[:4] if b.kind != BlockKind.HEADING][:3]
    return any(b.kind in (BlockKind.LIST_ITEM, BlockKind.FOOTNOTE) or bool(entry_mark(b.text))
               or looks_like_entry(b.text) for b in content)


# Short lines after the last entry (a name, a student number, a page number) are let pass.
_NOISE_WORDS = 5
_NOISE_LINES = 3


def _closing_entries(blocks: Sequence[Block]) -> list[Block]:
    """Entries with no heading that end the document: blocks that each look like an entry
    by their author and year or link (or go on with the one above), read up from the end."""
    content = [b for b in blocks if b.kind != BlockKind.HEADING]
    end = len(content)
    while (end > 0 and len(content) - end < _NOISE_LINES
           and len(content[end - 1].text.split()) <= _NOISE_WORDS
           and not looks_like_entry(content[end - 1].text, loose=False)):
        end -= 1
    start = end
    while start > 0 and (looks_like_entry(content[start - 1].text, loose=False)
                         or goes_on(content[start - 1].text)):
        start -= 1
    while start < end and not looks_like_entry(content[start].text, loose=False):
        start += 1
    return list(content[start:end])
