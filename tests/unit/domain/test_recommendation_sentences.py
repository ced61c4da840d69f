from __future__ import annotations

import pytest

from reviewdesk.domain.recommendation_sentences import split_sentences


@pytest.mark.parametrize(("text", "expected"), [
    ("The levy rose. Ports closed early!", ["The levy rose.", "Ports closed early!"]),
    ("The U.S. and the E.U. met, e.g. in Geneva. Talks resumed.",
     ["The U.S. and the E.U. met, e.g. in Geneva.", "Talks resumed."]),
    ("J. Ortega wrote it in 2.5 days. Nobody read it.",
     ["J. Ortega wrote it in 2.5 days.", "Nobody read it."]),
    ("Prices fell by 4 %. «Fewer buyers», said the board.",
     ["Prices fell by 4 %.", "«Fewer buyers», said the board."]),
    ("Is it over? no, it goes on.", ["Is it over? no, it goes on."]),
    ("Правительство приняло меры, т.е. снизило налог. Рынок вырос.",
     ["Правительство приняло меры, т.е. снизило налог.", "Рынок вырос."]),
    ("شورا بودجه را تصویب کرد. وزارت گزارش داد.",
     ["شورا بودجه را تصویب کرد.", "وزارت گزارش داد."]),
    ("One sentence without a stop", ["One sentence without a stop"]),
    ("", []),
])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected
