"""An HTML page's bytes as text: a byte-order mark first, then the charset it declares, then
UTF-8 or a legacy encoding; what is no HTML text at all is refused."""

from __future__ import annotations

import pytest

from reviewdesk.errors import InputError
from reviewdesk.importers.html_decode import decode_html


def test_a_byte_order_mark_wins_over_the_declared_charset() -> None:
    page = '<meta charset="windows-1252"><p>Šta je “novo”</p>'
    decoded = decode_html(b"\xef\xbb\xbf" + page.encode("utf-8"), "page.html")
    assert decoded.text.endswith("Šta je “novo”</p>")


def test_the_declared_charset_is_used() -> None:
    page = '<meta charset="koi8-r"><p>Привет</p>'
    assert "Привет" in decode_html(page.encode("koi8_r"), "page.html").text


def test_latin_1_is_read_as_windows_1252_as_browsers_do() -> None:
    page = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">€ “x”'
    assert decode_html(page.encode("cp1252"), "page.html").text.endswith("€ “x”")


def test_a_false_utf_16_declaration_is_ignored() -> None:
    page = '<meta charset="utf-16"><p>café</p>'
    assert "café" in decode_html(page.encode("utf-8"), "page.html").text


@pytest.mark.parametrize("data", [b"", b"  \n", b"\x00\x01\x02<p>binary</p>"])
def test_empty_or_binary_files_are_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"page\.html"):
        decode_html(data, "page.html")
