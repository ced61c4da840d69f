"""Sentences of a block: where they end, and their offsets in the canonical text."""

from __future__ import annotations

from reviewdesk.domain.sentences import split_sentences


def _split(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    return [(s.text, s.start, s.end) for s in split_sentences(text, offset)]


def test_sentences_end_at_full_stops_exclamation_and_question_marks() -> None:
    assert _split("The plan failed. A new one began in 2024! Was it late? Yes.", 10) == [
        ("The plan failed.", 10, 26), ("A new one began in 2024!", 27, 51),
        ("Was it late?", 52, 64), ("Yes.", 65, 69)]


def test_abbreviations_initials_and_decimals_end_no_sentence() -> None:
    text = "Gen. Smith met J. Doe in the U.S. capital. Growth was 3.5 per cent."
    assert [s for s, _, _ in _split(text)] == [
        "Gen. Smith met J. Doe in the U.S. capital.", "Growth was 3.5 per cent."]


def test_white_space_around_a_sentence_is_not_part_of_it() -> None:
    text = "  Leading space.   Next one "
    for sentence, start, end in _split(text):
        assert text[start:end] == sentence
    assert [s for s, _, _ in _split(text)] == ["Leading space.", "Next one"]


def test_a_sentence_may_end_before_arabic_script_which_has_no_capitals() -> None:
    assert [s for s, _, _ in _split("هل نجح؟ نعم.")] == ["هل نجح؟", "نعم."]


def test_a_lower_case_word_after_a_full_stop_starts_no_sentence() -> None:
    assert len(_split("It grew by approx. ten per cent. in total.")) == 1
    assert _split("") == []
