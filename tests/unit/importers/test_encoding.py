"""Tests for reading a text file's bytes: UTF-8 and BOMs as written, a legacy encoding only
when the detector is sure, and never mojibake."""

from __future__ import annotations

import random

import pytest

from reviewdesk.errors import InputError
from reviewdesk.importers.encoding import decode, label

# Written for these tests: a made-up lake and its fisheries committee.
FRENCH = ("Le comité de la pêche a présenté son rapport sur le lac Veloria. Selon la "
          "présidente, les quotas baisseront l'an prochain, ce qui inquiète les pêcheurs "
          "des deux rives.\n")
RUSSIAN = ("Комитет по рыболовству представил доклад об озере Велория. По словам "
           "председателя, в будущем году квоты снизятся, и рыбаки обоих берегов "
           "встревожены.\n")
# Persian as windows-1256 writes it: Arabic yeh (ي) for the Persian one (ی), which it lacks.
PERSIAN = ("کميته شيلات گزارش خود را درباره درياچه ولوريا ارائه کرد. به گفته رئيس کميته، "
           "سهميه صيد در سال آينده کاهش مي يابد و ماهيگيران دو ساحل نگران هستند.\n")
ARABIC = ("قدمت لجنة المصايد تقريرها عن بحيرة فيلوريا. وقالت الرئيسة إن الحصص ستنخفض في "
          "العام المقبل، وهو ما يقلق الصيادين على الضفتين.\n")
JAPANESE = ("漁業委員会はヴェロリア湖についての報告書を提出した。委員長によると、来年は漁獲枠が"
            "減り、両岸の漁師たちは不安を感じている。専門家は、水温の上昇が魚の数に影響して"
            "いると考えている。次の会合は秋に開かれる予定だ。\n")
CHINESE = ("渔业委员会提交了关于韦洛里亚湖的报告。主席表示，明年的捕捞配额将会减少，"
           "两岸渔民感到不安。\n")
POLISH = ("Komisja rybołówstwa przedstawiła raport o jeziorze Veloria. Według przewodniczącej "
          "w przyszłym roku kwoty spadną, co niepokoi rybaków z obu brzegów.\n")
CZECH = ("Rybářský výbor předložil zprávu o jezeře Veloria. Podle předsedkyně se příští rok "
         "kvóty sníží, což znepokojuje rybáře na obou březích.\n")


@pytest.mark.parametrize(("text", "codec", "named"), [
    (FRENCH, "cp1252", "windows-1252"),
    (FRENCH, "latin-1", "windows-1252"),  # the same text: named by the more common one
    (RUSSIAN, "cp1251", "windows-1251"),
    (RUSSIAN, "koi8-r", "koi8-r"),
    (PERSIAN, "cp1256", "windows-1256"),
    (ARABIC, "iso-8859-6", "iso-8859-6"),
    (JAPANESE, "shift_jis", "shift_jis"),
    (CHINESE, "gb18030", "gb18030"),
    (POLISH, "cp1250", "windows-1250"),
    (CZECH, "cp1250", "windows-1250"),  # its letters also exist in windows-1252
], ids=["cp1252", "latin-1", "cp1251", "koi8-r", "cp1256", "iso-8859-6", "shift-jis",
        "gb18030", "cp1250-polish", "cp1250-czech"])
def test_a_whole_file_in_a_legacy_encoding_is_read_and_named(text: str, codec: str,
                                                             named: str) -> None:
    decoded = decode(text.encode(codec), "lake.txt")
    assert (decoded.text, decoded.encoding) == (text, named)
    assert text.encode(codec).decode(decoded.encoding) == text  # Python knows the name


@pytest.mark.parametrize(("data", "encoding"), [
    (FRENCH.encode("utf-8"), "utf-8"),
    (FRENCH.encode("utf-8-sig"), "utf-8"),
    (RUSSIAN.encode("utf-16"), "utf-16"),
    (PERSIAN.encode("utf-32"), "utf-32"),
])
def test_utf8_and_byte_order_marks_are_read_as_written(data: bytes, encoding: str) -> None:
    decoded = decode(data, "lake.txt")
    assert decoded.encoding == encoding
    assert decoded.text.removeprefix("\ufeff") in (FRENCH, RUSSIAN, PERSIAN)


@pytest.mark.parametrize(("data", "line", "byte"), [
    # The case: "café" written as UTF-8, and one Latin-1 é elsewhere.
    ("Le café du port a rouvert.\nIl ferme à 18 h.\n".encode() + b"Prix : 5 \xe9cus\n", 3, 0xE9),
    # Persian in UTF-8 with one stray byte glued to a word.
    ("سلام".encode() + b"\x92" + " به همه ماهیگیران.\n".encode(), 1, 0x92),
    # A paragraph pasted from an old Windows file: its quotes are cp1252.
    ("The committee’s report on Lake Veloria.\r\n".encode() + b"It said \x93no\x94.\r\n",
     2, 0x93),
    # The same after a UTF-8 byte-order mark.
    (b"\xef\xbb\xbf" + "Résumé\n\nFin de l'\xe9t\xe9\n".encode("latin-1").replace(
        "Résumé".encode("latin-1"), "Résumé".encode()), 3, 0xE9),
    # More stray bytes than UTF-8 characters: "café" and two more é from an old file.
    ("Le café du port.\n".encode() + b"Un \xe9t\xe9 chaud.\n", 2, 0xE9),
], ids=["latin-1-byte", "persian", "cp1252-quotes", "after-bom", "more-stray-than-utf8"])
def test_utf8_with_stray_bytes_is_refused_at_the_line_of_the_first(data: bytes, line: int,
                                                                   byte: int) -> None:
    with pytest.raises(InputError) as caught:
        decode(data, "port.txt")
    message = str(caught.value)
    assert message.startswith("cannot import port.txt: it is UTF-8 text but for a byte on "
                              f"line {line} (0x{byte:02X}) that is not")
    assert message.endswith("save the file as UTF-8")
    assert "\n" not in message


@pytest.mark.parametrize("data", [
    "Привет, мир\n".encode("cp1251"),  # a few letters: Cyrillic or Central European?
    "سلام دنيا\n".encode("cp1256"),    # Arabic script or Thai?
], ids=["short-cyrillic", "short-arabic"])
def test_a_reading_the_detector_is_not_sure_of_is_refused(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        decode(data, "short.txt")
    message = str(caught.value)
    assert message.startswith("cannot import short.txt: it is not UTF-8, and it reads as ")
    assert "with nothing to tell which is right; save it as UTF-8" in message
    assert "\n" not in message


def test_bytes_in_no_encoding_are_refused() -> None:
    noise = bytes(byte | 0x80 for byte in random.Random(7).randbytes(3000))
    with pytest.raises(InputError, match=r"^cannot import noise.txt: it is not UTF-8, nor text "
                       "in an encoding ReviewDesk recognises; save it as UTF-8"):
        decode(noise, "noise.txt")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\xff\xfe\xfd",  # controls that no text holds
    b"caf\xe9\x00",                   # a NUL
    b"\xff\xfeA",                     # half a UTF-16 character
])
def test_binary_bytes_are_not_a_text_file(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^cannot import x\.txt: it is not a text file$"):
        decode(data, "x.txt")


def test_symbols_inside_words_rule_out_a_reading() -> None:
    """Polish in windows-1250 read as windows-1252 would be "rybo³ówstwa"; the detector
    ranks that as well as the right reading, the odd symbols do not."""
    decoded = decode(POLISH.encode("cp1250"), "lake.txt")
    assert "³" not in decoded.text and "ł" in decoded.text


def test_labels_name_codecs_as_readers_know_them() -> None:
    assert label("cp1251") == "windows-1251"
    assert label("utf_8") == "utf-8"
    assert label("koi8_r") == "koi8-r"
    assert label("mac_roman") == "mac-roman"
