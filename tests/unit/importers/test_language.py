"""The language and the direction of briefs in six languages (texts written for these
tests), from the text and Markdown importers, which mark nothing themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.domain.script import block_rtl
from reviewdesk.importers import read_brief
from reviewdesk.importers.language import detect_language

TEXTS = {
    "en": "The ministry opened three new clinics in the northern valleys this spring, and "
          "the council agreed to fund two more before the winter.",
    "fr": "Le ministère a ouvert trois nouvelles cliniques dans les vallées du nord ce "
          "printemps, et le conseil a accepté d'en financer deux autres avant l'hiver.",
    "es": "El ministerio abrió tres nuevas clínicas en los valles del norte esta primavera, y "
          "el consejo aceptó financiar dos más antes del invierno.",
    "ru": "Министерство открыло три новые клиники в северных долинах этой весной, и совет "
          "согласился финансировать ещё две до зимы.",
    "tg": "Вазорат дар водиҳои шимолӣ се клиникаи нав кушод ва шӯро розӣ шуд, ки то "
          "зимистон боз ду клиникаи дигарро маблағгузорӣ кунад.",
    "fa": "وزارت بهداشت در بهار امسال سه درمانگاه تازه در دره‌های شمالی گشود و شورا پذیرفت "
          "که پیش از زمستان هزینه دو درمانگاه دیگر را نیز بپردازد.",
    "ar": "افتتحت الوزارة ثلاث عيادات جديدة في الوديان الشمالية هذا الربيع، ووافق المجلس على "
          "تمويل عيادتين أخريين قبل الشتاء.",
}


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_language_of_a_text(language: str) -> None:
    assert detect_language(TEXTS[language]) == language


def test_too_little_text_has_no_language() -> None:
    assert detect_language("2024 — 15%") == ""


@pytest.mark.parametrize(("suffix", "heading"), [(".txt", "Clinics"), (".md", "# Clinics")])
@pytest.mark.parametrize("language", ["fa", "ar", "ru"])
def test_a_briefs_language_and_each_blocks_direction(tmp_path: Path, suffix: str,
                                                     heading: str, language: str) -> None:
    path = tmp_path / f"brief{suffix}"
    path.write_text(f"{heading}\n\n{TEXTS[language]}\n\n{TEXTS['en']}\n\n{TEXTS[language]}\n",
                    encoding="utf-8")
    brief = read_brief(path)
    assert brief.language == language
    rtl = language in ("fa", "ar")
    assert [b.rtl for b in brief.blocks[1:]] == [rtl, False, rtl]


def test_block_direction_by_its_own_letters() -> None:
    assert block_rtl("שלום עולם (OK)") and block_rtl("گزارش UNDP درباره تورم")
    assert not block_rtl("UNDP report on Kabul (کابل)", hint=True)
    assert block_rtl("12 / 300", hint=True) and not block_rtl("12 / 300")
