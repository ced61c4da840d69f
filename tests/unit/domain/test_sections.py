from __future__ import annotations

import pytest

from reviewdesk.domain.brief import BlockKind, BriefBuilder, SourceFormat
from reviewdesk.domain.sections import (
    SectionKind,
    classify_section,
    fold,
    is_contents_heading,
    names_outside_part,
    strip_numbering,
)


@pytest.mark.parametrize(("heading", "kind"), [
    ("Introduction", SectionKind.INTRODUCTION),
    ("1. Background", SectionKind.INTRODUCTION),
    ("Executive summary", SectionKind.SUMMARY),
    ("Indicators of the Policy Shift", SectionKind.INDICATORS),
    ("II. Evidence", SectionKind.INDICATORS),
    ("Reasons Behind the Shift", SectionKind.REASONS),
    ("Drivers", SectionKind.REASONS),
    ("Prospects for Bilateral Relations", SectionKind.PROSPECTS),
    ("4.2 Outlook", SectionKind.PROSPECTS),
    ("Conclusion", SectionKind.CONCLUSION),
    ("Policy Recommendations", SectionKind.RECOMMENDATIONS),
    ("VIII. Call to Action", SectionKind.RECOMMENDATIONS),
    ("Next steps", SectionKind.RECOMMENDATIONS),
    ("References", SectionKind.REFERENCES),
    ("Bibliography", SectionKind.REFERENCES),
    ("About the authors", SectionKind.OTHER),
])
def test_classify_section(heading: str, kind: SectionKind) -> None:
    assert classify_section(heading) == kind


S, I, N, R = (SectionKind.SUMMARY, SectionKind.INTRODUCTION, SectionKind.INDICATORS,
              SectionKind.REASONS)
P, C, REC, REF, O = (SectionKind.PROSPECTS, SectionKind.CONCLUSION,
                     SectionKind.RECOMMENDATIONS, SectionKind.REFERENCES, SectionKind.OTHER)


@pytest.mark.parametrize(("heading", "kind"), [
    # English headings as real briefs word them
    ("Key Messages", S), ("The Issue at Stake", O), ("Purpose of this note", I),
    ("What the Data Show", N), ("Current situation in the north", N),
    ("Why Quotas Were Cut", R), ("Barriers to uptake", R), ("The challenge", R),
    ("Looking Ahead", P), ("Risks for 2027", P), ("Lessons learned", C),
    ("Conclusions and next steps", C), ("Summary and recommendations", S),
    ("Our asks of the ministry", REC), ("Policy implications for donors", REC),
    ("Further reading", REF), ("Sources", REF), ("Notes", REF), ("Sources of tension", O),
    ("Policy options", O), ("Why this, why now", P), ("Why now?", P),
    # Russian
    ("Краткое содержание", S), ("Введение", I), ("Предыстория вопроса", I),
    ("Основные показатели", N), ("Текущая ситуация", N), ("Причины кризиса", R),
    ("Перспективы сотрудничества", P), ("Выводы", C), ("Заключение", C),
    ("Рекомендации правительству", REC), ("Что следует сделать", REC),
    ("Список литературы", REF), ("Источники", REF), ("Примечания", REF),
    # Persian / Dari, with ZWNJ, a space or nothing where the parts of a word join, and with
    # Arabic yeh and kaf
    ("خلاصه‌ی اجرایی", S), ("مقدمه", I), ("پیشینه", I), ("شاخص‌ها", N),
    ("دلایل تغییر سیاست", R), ("چشم‌انداز", P), ("نتیجه‌گیری", C),
    ("نتیجه گیری", C), ("نتیجه‌گیری و پیشنهادها", C), ("پیشنهادها", REC),
    ("توصیه‌ها", REC), ("توصیه ها", REC), ("توصيه‌ها", REC), ("منابع", REF),
    ("منابع و مآخذ", REF), ("منابع آبی کشور", O), ("كتابنامه", REF),
    # Tajik (Cyrillic)
    ("Муқаддима", I), ("Сабабҳо", R), ("Дурнамо", P), ("Хулоса", C), ("Тавсияҳо", REC),
    ("Рӯйхати адабиёт", REF),
    # Arabic
    ("الملخص التنفيذي", S), ("مقدمة", I), ("المؤشرات الرئيسية", N), ("أسباب التحول", R),
    ("الآفاق المستقبلية", P), ("الخاتمة", C), ("التوصيات", REC), ("توصيات السياسة", REC),
    ("المراجع", REF), ("قائمة المراجع", REF),
    # French
    ("Synthèse", S), ("Contexte", I), ("État des lieux", N), ("Le problème", R),
    ("Pourquoi agir maintenant", P), ("Perspectives", P), ("Conclusion", C),
    ("Recommandations", REC), ("Nos demandes", REC), ("Bibliographie", REF),
    ("Notes et sources", REF),
    # Spanish
    ("Resumen ejecutivo", S), ("Introducción", I), ("Antecedentes", I), ("Hallazgos", N),
    ("Análisis", R), ("¿Por qué ahora?", P), ("Conclusiones", C), ("Recomendaciones", REC),
    ("Bibliografía", REF), ("Fuentes", REF),
    # numbered in any of these scripts
    ("3.2 Outlook", P), ("IV. Causes", R), ("۳. توصیه‌ها", REC), ("٢- التوصيات", REC),
    ("Глава 4. Заключение", C), ("بخش دوم: مقدمه", I), ("(b) Findings", N),
])
def test_section_kinds_in_six_languages(heading: str, kind: SectionKind) -> None:
    assert classify_section(heading) == kind


@pytest.mark.parametrize(("heading", "stripped"), [
    ("2.1 Reasons", "Reasons"), ("IV. Outlook", "Outlook"), ("B) Evidence", "Evidence"),
    ("(3) Drivers", "Drivers"), ("۲- نتیجه‌گیری", "نتیجه‌گیری"), ("А. Введение", "Введение"),
    ("الف) مقدمه", "مقدمه"), ("Chapter 2: Conclusions", "Conclusions"),
    ("Часть II. Выводы", "Выводы"), ("بخش اول: مقدمه", "مقدمه"),
    ("E-Voting Pilot", "E-Voting Pilot"), ("2020 in review", "2020 in review"),
    ("U.S. Policy", "U.S. Policy"), ("1.Introduction", "Introduction"),
])
def test_strip_numbering(heading: str, stripped: str) -> None:
    assert strip_numbering(heading) == stripped


def test_fold_gives_one_spelling() -> None:
    assert fold("توصيه‌ها") == fold("توصیهها")
    assert fold("كتاب") == fold("کتاب")
    assert fold("Résumé  Exécutif") == "resume executif"
    assert fold("۱۴۰۲ ١٤٠٢") == "1402 1402"
    assert fold("Итоги") == fold("ИТОГИ")


@pytest.mark.parametrize("heading", [
    "Acknowledgements", "Annex 2", "Приложение 1", "Об авторах", "پیوست ۲", "سپاسگزاری",
    "ملحق", "Remerciements", "Anexo A", "Agradecimientos",
])
def test_parts_outside_the_analysis(heading: str) -> None:
    assert names_outside_part(heading)


@pytest.mark.parametrize(("heading", "contents"), [
    ("Contents", True), ("Table of contents", True), ("Содержание", True), ("فهرست", True),
    ("Sommaire", True), ("Índice", True), ("Contents of the package", False),
])
def test_contents_headings(heading: str, contents: bool) -> None:
    assert is_contents_heading(heading) is contents


def test_builder_lays_out_canonical_text_with_offsets() -> None:
    builder = BriefBuilder()
    builder.block(BlockKind.PARAGRAPH, "Front   matter\nline", "line:1")
    builder.heading("Introduction", 1, "line:3")
    builder.block(BlockKind.PARAGRAPH, "First.", "line:4")
    builder.block(BlockKind.LIST_ITEM, "   ", "line:5")
    brief = builder.build("T", SourceFormat.TEXT)
    assert brief.text == "Front matter line\nIntroduction\nFirst."
    assert [s.kind for s in brief.sections] == [SectionKind.OTHER, SectionKind.INTRODUCTION]
    for block in brief.blocks:
        assert brief.text[block.start:block.end] == block.text
    assert len(brief.blocks) == 3


def test_a_metadata_sub_heading_does_not_join_the_references() -> None:
    from reviewdesk.importers.markdown import parse_markdown

    brief = parse_markdown("# Brief\n\n## References\n\n1. Ames, \"Water\", 2020.\n\n"
                           "### Document metadata\n\nVersion: 2\n\n"
                           "### Journal articles\n\n2. Bell, \"Ice\", 2021.\n", "b.md")
    kinds = {section.title: section.kind for section in brief.sections}
    assert kinds["Document metadata"] == SectionKind.OTHER
    assert kinds["Journal articles"] == SectionKind.REFERENCES  # a plain sub-heading inherits
