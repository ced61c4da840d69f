"""Pending tracked changes of a Word file: the text as it was before them, and each change
as a range of that text with its new wording, by its author."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.oxml import parse_xml
from tests.support.word_changes import AUTHOR, BEFORE, CHANGES, tracked_docx

from reviewdesk.domain.brief import Brief
from reviewdesk.importers.docx import parse_docx
from reviewdesk.importers.docx_changes import RawChange, region

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _changes(brief: Brief) -> list[tuple[str, str, str]]:
    return [(brief.text[c.start:c.end], c.replacement, c.author) for c in brief.source_changes]


def test_the_text_is_before_the_changes_and_each_change_is_a_range_and_its_wording(
        tmp_path: Path) -> None:
    path = tracked_docx(tmp_path / "harbour.docx")
    brief = parse_docx(path.read_bytes(), path.name)
    assert [block.text for block in brief.blocks] == list(BEFORE)
    assert _changes(brief) == [(quote, new, AUTHOR) for quote, new in CHANGES]
    assert {change.date for change in brief.source_changes} == {
        datetime(2026, 3, 4, 10, 15, tzinfo=UTC)}
    # Nothing is shown as if accepted: every change is a suggestion.
    assert brief.tracked_changes == 0


def _paragraphs(*paragraphs: tuple[str, ...]) -> Brief:
    document = docx.Document()
    for pieces in paragraphs:
        paragraph = document.add_paragraph()
        for xml in pieces:
            paragraph._p.append(parse_xml(xml))
    data = io.BytesIO()
    document.save(data)
    return parse_docx(data.getvalue(), "changes.docx")


def _r(text: str) -> str:
    return f"<w:r {W}><w:t xml:space='preserve'>{text}</w:t></w:r>"


def _change(tag: str, text: str, author: str = "Omar Haddad", date: str = "not a date") -> str:
    inner = "delText" if tag == "del" else "t"
    return (f"<w:{tag} {W} w:id='1' w:author='{author}' w:date='{date}'><w:r>"
            f"<w:{inner} xml:space='preserve'>{text}</w:{inner}></w:r></w:{tag}>")


def test_a_change_inside_a_word_rewords_the_whole_word_and_a_bad_date_is_none() -> None:
    brief = _paragraphs((_r("The pre"), _change("ins", "fix"), _r("ed form.")),
                        (_r("Three word"), _change("del", " list"), _change("ins", "s"),
                         _r(" here.")),
                        (_r("The col"), _change("del", "o"), _r("u"), _change("ins", "e"),
                         _r("r red.")))
    assert _changes(brief) == [("preed", "prefixed", "Omar Haddad"),
                               ("word list", "words", "Omar Haddad"),
                               ("colour", "coluer", "Omar Haddad")]  # two changes, one word
    assert [change.date for change in brief.source_changes] == [None, None, None]


def test_an_insertion_between_spaces_takes_the_word_before_else_the_word_after() -> None:
    brief = _paragraphs((_r("Rates "), _change("ins", "rose "), _r("again.")),
                        (_change("ins", "New "), _r("rules apply.")))
    assert _changes(brief) == [("Rates", "Rates rose", "Omar Haddad"),
                               ("rules", "New rules", "Omar Haddad")]


def test_a_deleted_space_joins_the_words_beside_it() -> None:
    brief = _paragraphs((_r("sea"), _change("del", " "), _r("bed")),)
    assert brief.text == "sea bed"
    assert _changes(brief) == [("sea bed", "seabed", "Omar Haddad")]


def test_changes_by_two_authors_on_one_word_keep_the_first_and_flag_the_paragraph() -> None:
    brief = _paragraphs((_r("Fees are "), _change("del", "low", "Ana Ruiz"),
                         _change("ins", "modest", "Omar Haddad"), _r(" now.")),
                        (_r("Dues "), _change("del", "fell", "Ana Ruiz"), _r(" and "),
                         _change("ins", "then ", "Omar Haddad"), _r("rose.")))
    assert _changes(brief) == [("low", "", "Ana Ruiz"), ("fell", "", "Ana Ruiz"),
                               ("and", "and then", "Omar Haddad")]
    assert [block.tracked_changes for block in brief.blocks] == [True, False]


def test_a_paragraph_all_inserted_is_shown_accepted_and_flagged() -> None:
    brief = _paragraphs((_change("ins", "A whole new paragraph."),), (_r("Kept."),))
    assert [(b.text, b.tracked_changes) for b in brief.blocks] == [
        ("A whole new paragraph.", True), ("Kept.", False)]
    assert brief.source_changes == []


def test_a_change_of_white_space_alone_is_no_suggestion() -> None:
    brief = _paragraphs((_r("Calm"), _change("ins", " "), _r(" seas.")),)
    assert (brief.text, brief.source_changes) == ("Calm seas.", [])


def test_overlapping_changes_by_one_author_are_one() -> None:
    text = "the colour red"
    first = RawChange(7, 8, "A", None, [])  # "colour" less its second "o"
    second = RawChange(9, 9, "A", None, ["e"])  # and an "e" before the "r"
    alone = region(text, [first])
    assert alone is not None and (text[alone.start:alone.end], alone.replacement) == (
        "colour", "colur")
    merged = region(text, [first, second])
    assert merged is not None
    assert (text[merged.start:merged.end], merged.replacement) == ("colour", "coluer")
