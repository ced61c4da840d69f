"""Telling the real one of two legacy readings of a file by whose alphabet its letters are."""

from __future__ import annotations

import pytest

from reviewdesk.importers.alphabets import one_alphabet


@pytest.mark.parametrize("text", [
    "Předseda vlády řekl", "Przewodniczący rybołówstwa", "Ça a été très élevé",
    "Größere Häfen", "Plain ASCII only", "Отчёт совета 2024"])
def test_a_real_language_has_its_letters_in_one_alphabet(text: str) -> None:
    assert one_alphabet(text)


@pytest.mark.parametrize("text", [
    "Pøedseda vlády øekl",  # Czech in windows-1250 read as windows-1252
    "Größere ñandúes à Łódź"])
def test_letters_of_no_single_alphabet_are_a_misreading(text: str) -> None:
    assert not one_alphabet(text)


def test_only_latin_letters_count() -> None:
    # Polish misread as windows-1252 keeps 'ó' beside '³' and '¿', which are no letters:
    # the misreading shows in the words, not in this check.
    assert one_alphabet("rybo³ówstwa ¿e")
