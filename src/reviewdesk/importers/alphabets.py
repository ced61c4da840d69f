"""Whether a text's accented Latin letters are one language's: which of two legacy readings
of a file ("Předseda" in windows-1250, "Pøedseda" in windows-1252) is the real one."""

from __future__ import annotations

import unicodedata

# The letters beyond ASCII of the languages written in the Windows and ISO Latin code pages.
_ALPHABETS: tuple[frozenset[str], ...] = tuple(frozenset(letters) for letters in (
    "àâæçéèêëîïôœùûüÿ",       # French
    "äöüß",                   # German
    "àáèéëïóöúü",             # Dutch
    "áéíñóúü",                # Spanish
    "àáâãçéêíóôõú",           # Portuguese
    "àèéìíîòóùú",             # Italian
    "àçéèíïòóúü",             # Catalan
    "æøåé",                   # Danish, Norwegian
    "åäöé",                   # Swedish
    "åäöšž",                  # Finnish
    "áðéíóúýþæö",             # Icelandic
    "ąćęłńóśźż",              # Polish
    "áčďéěíňóřšťúůýž",        # Czech
    "áäčďéíĺľňóôŕšťúýž",      # Slovak
    "áéíóöőúüű",              # Hungarian
    "ăâîșşțţ",                # Romanian
    "čćđšž",                  # Croatian, Bosnian, Serbian
    "čšž",                    # Slovenian
    "çğıöşüâîû",              # Turkish
    "ąčęėįšųūž",              # Lithuanian
    "āčēģīķļņšūž",            # Latvian
    "äõöüšž",                 # Estonian
    "çë",                     # Albanian
))


def one_alphabet(text: str) -> bool:
    """Whether every accented Latin letter in `text` belongs to one language's alphabet
    (true for a text without any)."""
    letters = {char for char in set(text.lower())
               if ord(char) > 0x7F and char.isalpha() and "LATIN" in unicodedata.name(char, "")}
    return not letters or any(letters <= alphabet for alphabet in _ALPHABETS)
